// Lambda's concurrency bookkeeping (invocation/concurrency.ts) and the host
// memory budget (invocation/capacity.ts), below the engine: admission,
// throttle reasons, the unreserved pool and AWS's checks on reservations and
// provisioned concurrency.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { detectHostMemory, HostCapacity } from '../../src/invocation/capacity.js';
import { ConcurrencyLimits, ThrottledError, type ThrottleReason } from '../../src/invocation/concurrency.js';

const ACCT = '123456789012';
const REGION = 'us-east-1';
const arn = (name: string): string => `arn:aws:lambda:${REGION}:${ACCT}:function:${name}`;

function throttleReason(fn: () => unknown): ThrottleReason {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ThrottledError);
    return e.reason;
  }
  assert.fail('expected a throttle');
}

describe('ConcurrencyLimits admission', () => {
  test('reserved 0 stops every invocation with the reserved reason', () => {
    const l = new ConcurrencyLimits(1000);
    l.setReserved(ACCT, REGION, arn('a'), 0);
    assert.equal(throttleReason(() => l.acquire(ACCT, REGION, arn('a'))), 'ReservedFunctionConcurrentInvocationLimitExceeded');
  });

  test('reserved N admits exactly N at once; a release makes room again', () => {
    const l = new ConcurrencyLimits(1000);
    l.setReserved(ACCT, REGION, arn('a'), 2);
    const r1 = l.acquire(ACCT, REGION, arn('a'));
    l.acquire(ACCT, REGION, arn('a'));
    assert.equal(throttleReason(() => l.acquire(ACCT, REGION, arn('a'))), 'ReservedFunctionConcurrentInvocationLimitExceeded');
    r1();
    r1(); // a second release changes nothing
    assert.equal(l.inFlight(arn('a')), 1);
    l.acquire(ACCT, REGION, arn('a'));
    assert.equal(l.inFlight(arn('a')), 2);
  });

  test('unreserved functions share accountLimit minus reservations', () => {
    const l = new ConcurrencyLimits(3);
    l.acquire(ACCT, REGION, arn('a'));
    l.acquire(ACCT, REGION, arn('b'));
    const r = l.acquire(ACCT, REGION, arn('a'));
    assert.equal(throttleReason(() => l.acquire(ACCT, REGION, arn('c'))), 'ConcurrentInvocationLimitExceeded');
    r();
    l.acquire(ACCT, REGION, arn('c'));
    // Other accounts and regions have their own pool.
    l.acquire('999999999999', REGION, 'arn:aws:lambda:us-east-1:999999999999:function:a');
    l.acquire(ACCT, 'eu-west-1', `arn:aws:lambda:eu-west-1:${ACCT}:function:a`);
  });

  test('a reservation is carved out of the unreserved pool and does not use it', () => {
    const l = new ConcurrencyLimits(1000);
    l.setReserved(ACCT, REGION, arn('r'), 900);
    assert.equal(l.unreserved(ACCT, REGION), 100);
    for (let i = 0; i < 100; i++) l.acquire(ACCT, REGION, arn(`u${i % 7}`));
    assert.equal(throttleReason(() => l.acquire(ACCT, REGION, arn('u'))), 'ConcurrentInvocationLimitExceeded');
    l.acquire(ACCT, REGION, arn('r'));
  });

  test('provisioned concurrency takes its share of the reservation from on-demand invocations', () => {
    const l = new ConcurrencyLimits(1000);
    l.setReserved(ACCT, REGION, arn('a'), 1);
    l.setProvisioned(ACCT, REGION, arn('a'), 1);
    // AWS: reserved 1 with 1 provisioned on a version throttles $LATEST.
    assert.equal(throttleReason(() => l.acquire(ACCT, REGION, arn('a'))), 'ReservedFunctionConcurrentInvocationLimitExceeded');
  });

  test('provisioned concurrency of an unreserved function leaves the unreserved pool', () => {
    const l = new ConcurrencyLimits(1000);
    l.setProvisioned(ACCT, REGION, arn('a'), 10);
    assert.equal(l.unreserved(ACCT, REGION), 990);
    l.setReserved(ACCT, REGION, arn('a'), 20);
    assert.equal(l.unreserved(ACCT, REGION), 980);
    l.setReserved(ACCT, REGION, arn('a'), undefined);
    assert.equal(l.unreserved(ACCT, REGION), 990);
    l.forget(ACCT, REGION, arn('a'));
    assert.equal(l.unreserved(ACCT, REGION), 1000);
  });

  test('in-flight invocations move pools when a reservation is set while they run', () => {
    const l = new ConcurrencyLimits(2);
    const release = l.acquire(ACCT, REGION, arn('a'));
    l.setReserved(ACCT, REGION, arn('a'), 0);
    // The unreserved pool no longer counts a's invocation...
    l.acquire(ACCT, REGION, arn('b'));
    l.acquire(ACCT, REGION, arn('b'));
    release();
    // ...and its release does not free a slot it never held there.
    assert.equal(throttleReason(() => l.acquire(ACCT, REGION, arn('c'))), 'ConcurrentInvocationLimitExceeded');
  });
});

describe('ConcurrencyLimits readings', () => {
  test('maxConcurrent: the reservation, else the unreserved pool plus the function\'s own provisioned', () => {
    const l = new ConcurrencyLimits(1000);
    assert.equal(l.maxConcurrent(ACCT, REGION, arn('new')), 1000);
    l.setReserved(ACCT, REGION, arn('r'), 3);
    assert.equal(l.maxConcurrent(ACCT, REGION, arn('r')), 3);
    l.setReserved(ACCT, REGION, arn('z'), 0);
    assert.equal(l.maxConcurrent(ACCT, REGION, arn('z')), 0);
    l.setProvisioned(ACCT, REGION, arn('p'), 10);
    // 1000 − 3 − 0 reserved − 10 provisioned of p, plus p's own 10.
    assert.equal(l.maxConcurrent(ACCT, REGION, arn('p')), 997);
    assert.equal(l.maxConcurrent(ACCT, REGION, arn('other')), 987);
  });

  test('inFlightTotal counts admitted invocations until released', () => {
    const l = new ConcurrencyLimits(1000);
    l.setReserved(ACCT, REGION, arn('r'), 1);
    const a = l.acquire(ACCT, REGION, arn('r'));
    const b = l.acquire(ACCT, REGION, arn('u'));
    throttleReason(() => l.acquire(ACCT, REGION, arn('r')));
    assert.equal(l.inFlightTotal, 2);
    a();
    a();
    b();
    assert.equal(l.inFlightTotal, 0);
  });
});

describe('ConcurrencyLimits checks (AWS rules)', () => {
  test('a reservation may not take the unreserved pool below 100', () => {
    const l = new ConcurrencyLimits(1000);
    assert.deepEqual(l.checkReserved(ACCT, REGION, arn('a'), 900), { ok: true });
    assert.deepEqual(l.checkReserved(ACCT, REGION, arn('a'), 901), { ok: false, kind: 'below-minimum', minimum: 100 });
    l.setReserved(ACCT, REGION, arn('a'), 900);
    // Changing the same function's reservation counts its old one as given back.
    assert.deepEqual(l.checkReserved(ACCT, REGION, arn('a'), 850), { ok: true });
    assert.deepEqual(l.checkReserved(ACCT, REGION, arn('b'), 1), { ok: false, kind: 'below-minimum', minimum: 100 });
    assert.deepEqual(l.checkReserved(ACCT, REGION, arn('b'), 0), { ok: true });
  });

  test('an account below 100 keeps all of its concurrency unreserved', () => {
    const l = new ConcurrencyLimits(10);
    assert.deepEqual(l.checkReserved(ACCT, REGION, arn('a'), 1), { ok: false, kind: 'below-minimum', minimum: 10 });
  });

  test('a reservation may not go below the provisioned total', () => {
    const l = new ConcurrencyLimits(1000);
    l.setProvisioned(ACCT, REGION, arn('a'), 2);
    assert.deepEqual(l.checkReserved(ACCT, REGION, arn('a'), 1), { ok: false, kind: 'below-provisioned', provisioned: 2 });
    assert.deepEqual(l.checkReserved(ACCT, REGION, arn('a'), 2), { ok: true });
  });

  test('provisioned concurrency: within the reservation, or within the unreserved pool minus 100', () => {
    const l = new ConcurrencyLimits(1000);
    l.setReserved(ACCT, REGION, arn('r'), 2);
    assert.deepEqual(l.checkProvisioned(ACCT, REGION, arn('r'), 2), { ok: true });
    assert.deepEqual(l.checkProvisioned(ACCT, REGION, arn('r'), 3), { ok: false, kind: 'above-reserved' });
    assert.deepEqual(l.checkProvisioned(ACCT, REGION, arn('u'), 999), { ok: false, kind: 'above-unreserved', unreserved: 998 });
    assert.deepEqual(l.checkProvisioned(ACCT, REGION, arn('u'), 899), { ok: false, kind: 'below-minimum', minimum: 100 });
    assert.deepEqual(l.checkProvisioned(ACCT, REGION, arn('u'), 898), { ok: true });
    l.setProvisioned(ACCT, REGION, arn('u'), 500);
    // The function's own provisioned concurrency counts as available to itself.
    assert.deepEqual(l.checkProvisioned(ACCT, REGION, arn('u'), 898), { ok: true });
  });
});

describe('HostCapacity', () => {
  test('reserves within the budget and refuses past it', () => {
    const c = new HostCapacity(256);
    assert.ok(c.tryReserve(128));
    assert.ok(c.tryReserve(128));
    assert.ok(!c.tryReserve(1));
    c.release(128);
    assert.equal(c.used, 128);
    assert.ok(c.tryReserve(128));
  });

  test('detects a positive budget below the host memory', () => {
    const m = detectHostMemory();
    assert.ok(m.budgetMb >= 128);
    assert.match(m.source, /MB headroom/);
  });
});
