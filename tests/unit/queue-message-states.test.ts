// The message state machine: every allowed change of state, every forbidden one, and the index (the only code that
// changes states) refusing the forbidden ones instead of miscounting.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import {
  ForbiddenTransitionError,
  MessageState,
  STATE_NAMES,
  canTransition,
  isLive,
  transition,
} from '../../src/store/sqlite/queues/message-states.js';
import { MessageIndex } from '../../src/store/sqlite/queues/message-index.js';

const S = MessageState;
const ALL = Object.values(S);

/** The spec, written out independently of the implementation's table: from → the states it may go to. */
const EXPECTED: Record<string, string[]> = {
  delayed: ['visible', 'expired', 'purged'],
  visible: ['in-flight', 'deleted', 'dead-lettered', 'moved', 'expired', 'purged'],
  'in-flight': ['in-flight', 'visible', 'deleted', 'expired', 'purged'],
  deleted: [],
  'dead-lettered': [],
  moved: [],
  expired: [],
  purged: [],
};

describe('message state machine', () => {
  test('exactly the transitions of the spec are allowed; the others throw', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        const allowed = (EXPECTED[STATE_NAMES[from]] ?? []).includes(STATE_NAMES[to]);
        assert.equal(canTransition(from, to), allowed, `${STATE_NAMES[from]} → ${STATE_NAMES[to]}`);
        if (allowed) assert.equal(transition(from, to), to);
        else assert.throws(() => transition(from, to), ForbiddenTransitionError);
      }
    }
  });

  test('terminal states are not live; the three queue states are', () => {
    assert.deepEqual(ALL.filter(isLive).map((s) => STATE_NAMES[s]), ['delayed', 'visible', 'in-flight']);
  });
});

describe('the index moves messages only along allowed transitions', () => {
  const now = 1_000_000;
  const rules = { now, deadline: now + 30_000, expiredAtOrBefore: 0, maxReceiveCount: undefined };

  test('delayed → visible when the delay ends; a delayed message is never leased', () => {
    const index = new MessageIndex(false);
    const m = index.add(1, now, now + 5000, 0, 0, undefined, now);
    assert.equal(m.state, S.Delayed);
    assert.throws(() => index.lease(m, now + 30_000, now), ForbiddenTransitionError);
    assert.equal(index.receive(10, rules).leased.length, 0);
    assert.equal(index.advance(now + 4999), 0);
    assert.equal(index.advance(now + 5000), 1);
    assert.equal(m.state, S.Visible);
    assert.deepEqual([index.visible, index.inFlight, index.delayed], [1, 0, 0]);
  });

  test('visible → in-flight → visible (deadline) → in-flight → deleted; a deleted message stays deleted', () => {
    const index = new MessageIndex(false);
    const m = index.add(1, now, now, 0, 0, undefined, now);
    assert.deepEqual(index.receive(10, rules).leased, [m]);
    assert.equal(m.state, S.InFlight);
    assert.equal(m.receiveCount, 1);
    assert.equal(index.advance(now + 30_000), 1);
    assert.equal(m.state, S.Visible);
    index.lease(m, now + 60_000, now + 30_000);
    assert.equal(m.receiveCount, 2);
    index.remove(m, S.Deleted);
    assert.equal(m.state, S.Deleted);
    assert.deepEqual([index.visible, index.inFlight, index.delayed, index.size], [0, 0, 0, 0]);
    assert.throws(() => index.lease(m, now, now), ForbiddenTransitionError);
    assert.throws(() => index.remove(m, S.Expired), ForbiddenTransitionError);
  });

  test('in-flight → visible by a visibility change to now; a delayed message cannot be dead-lettered or moved', () => {
    const index = new MessageIndex(false);
    const m = index.add(1, now, now, 0, 0, undefined, now);
    index.receive(1, rules);
    index.changeVisibility(m, now, now);
    assert.equal(m.state, S.Visible);
    const d = index.add(2, now, now + 1000, 0, 0, undefined, now);
    assert.throws(() => index.remove(d, S.DeadLettered), ForbiddenTransitionError);
    assert.throws(() => index.remove(d, S.Moved), ForbiddenTransitionError);
    assert.throws(() => index.remove(d, S.Deleted), ForbiddenTransitionError);
    index.remove(d, S.Expired);
    assert.equal(d.state, S.Expired);
  });

  test('a receive dead-letters a visible message received maxReceiveCount times and expires one past retention', () => {
    const index = new MessageIndex(false);
    const old = index.add(1, now - 100, now, 0, 0, undefined, now);
    const tired = index.add(2, now, now, 3, now - 10, undefined, now);
    const fine = index.add(3, now, now, 2, now - 10, undefined, now);
    const d = index.receive(10, { ...rules, expiredAtOrBefore: now - 100, maxReceiveCount: 3 });
    assert.deepEqual(d.expired, [old]);
    assert.deepEqual(d.deadLettered, [tired]);
    assert.deepEqual(d.leased, [fine]);
    assert.deepEqual([old.state, tired.state, fine.state], [S.Expired, S.DeadLettered, S.InFlight]);
    assert.deepEqual([index.visible, index.inFlight, index.delayed, index.size], [0, 1, 0, 1]);
  });

  test('purge ends every live message purged and zeroes the counts', () => {
    const index = new MessageIndex(true);
    const a = index.add(1, now, now + 1000, 0, 0, 'g', now);
    const b = index.add(2, now, now, 0, 0, 'g', now);
    const c = index.add(3, now, now + 1000, 1, now, 'h', now);
    index.purgeAll(3);
    assert.deepEqual([a.state, b.state, c.state], [S.Purged, S.Purged, S.Purged]);
    assert.deepEqual([index.visible, index.inFlight, index.delayed, index.size], [0, 0, 0, 0]);
    assert.equal(index.nextDueAt(), undefined);
  });
});
