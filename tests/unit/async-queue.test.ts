// The asynchronous queue's lanes (invocation/async-queue.ts) against an
// in-memory store: how many events of a function run at once.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';

import { AsyncQueue } from '../../src/invocation/async-queue.js';
import type { AsyncEvent, FunctionKey } from '../../src/store/types.js';

const KEY: FunctionKey = { accountId: '123456789012', region: 'us-east-1', name: 'fn' };

function events(n: number): AsyncEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    ...KEY,
    id: i + 1,
    version: '$LATEST',
    qualifier: '$LATEST',
    requestId: `req-${i + 1}`,
    invokedArn: `arn:aws:lambda:us-east-1:123456789012:function:fn`,
    payload: Buffer.from('{}'),
    acceptedAt: 0,
    attempts: 0,
    nextAttemptAt: 0,
  }));
}

/** A queue over `n` due events whose runs block until the test finishes them; `limit` as given. */
function harness(n: number, limit: (() => number) | undefined) {
  const queued = events(n);
  const running = new Map<number, () => void>();
  let peak = 0;
  let started = 0;
  const waiters: (() => void)[] = [];
  const queue = new AsyncQueue({
    store: {
      async due(_k, _now, max, exclude) {
        return queued.filter((e) => !exclude.includes(e.id)).slice(0, max);
      },
      async nextDueAt() {
        return undefined;
      },
      async functionsWithEvents() {
        return queued.length > 0 ? [KEY] : [];
      },
    },
    concurrency: 10,
    ...(limit ? { limit } : {}),
    run: (ev) =>
      new Promise<void>((resolve) => {
        started++;
        running.set(ev.id, () => {
          // Finished: the event leaves the store, as finish() would do.
          queued.splice(queued.findIndex((e) => e.id === ev.id), 1);
          running.delete(ev.id);
          resolve();
        });
        peak = Math.max(peak, running.size);
        for (const w of waiters.splice(0)) w();
      }),
    log: { warn: (m) => assert.fail(m) },
  });
  const startedAtLeast = async (k: number): Promise<void> => {
    while (started < k) await new Promise<void>((r) => waiters.push(r));
  };
  const finishAll = (): void => {
    for (const done of [...running.values()]) done();
  };
  return { queue, running, startedAtLeast, finishAll, peak: () => peak, started: () => started };
}

test('a lane runs up to `concurrency` events at once without a limit', async () => {
  const h = harness(12, undefined);
  await h.queue.start();
  await h.startedAtLeast(10);
  await new Promise((r) => setImmediate(r));
  assert.equal(h.running.size, 10);
  while (h.started() < 12 || h.running.size > 0) {
    h.finishAll();
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(h.peak(), 10);
  await h.queue.stop(0);
});

test('a lane runs no more than its limit (e.g. reserved concurrency 2), then the rest as slots free', async () => {
  let limit = 2;
  const h = harness(5, () => limit);
  await h.queue.start();
  await h.startedAtLeast(2);
  await new Promise((r) => setImmediate(r));
  assert.equal(h.running.size, 2);
  h.finishAll();
  await h.startedAtLeast(4);
  await new Promise((r) => setImmediate(r));
  assert.equal(h.running.size, 2);
  // A raised reservation applies from the next pump.
  limit = 10;
  h.finishAll();
  await h.startedAtLeast(5);
  h.finishAll();
  assert.equal(h.peak(), 2);
  assert.equal(h.started(), 5);
  await h.queue.stop(0);
});

test('a limit of 0 still lets the lane take events (they go to the failure path in run)', async () => {
  const h = harness(3, () => 0);
  await h.queue.start();
  await h.startedAtLeast(1);
  h.finishAll();
  await h.startedAtLeast(2);
  h.finishAll();
  await h.startedAtLeast(3);
  h.finishAll();
  assert.equal(h.started(), 3);
  await h.queue.stop(0);
});
