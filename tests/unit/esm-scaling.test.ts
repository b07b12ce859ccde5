// Poller scaling of queue mappings (event-source-mappings/scaling.ts) over a fake clock.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';

import {
  defaultMaxPollers,
  IDLE_RETIRE_MS,
  INITIAL_POLLERS,
  PollerScaling,
  SCALE_UP_EVERY_MS,
  THROTTLE_BACKOFF_MAX_MS,
  THROTTLE_COOLDOWN_MS,
} from '../../src/services/lambda/event-source-mappings/scaling.js';

function scaling(max: number) {
  const clock = { t: 1_000_000 };
  const s = new PollerScaling({ max: () => max, now: () => clock.t });
  return { s, clock };
}

test('a mapping starts with five pollers, fewer when its cap is lower', () => {
  assert.equal(scaling(1000).s.initial(), INITIAL_POLLERS);
  assert.equal(scaling(2).s.initial(), 2);
  assert.equal(scaling(0).s.initial(), 1, 'never below one poller');
});

test('full receives add pollers, at most one per interval and never above the cap', () => {
  const { s, clock } = scaling(3);
  s.started();
  assert.equal(s.shouldGrow(10, 10), true);
  s.started();
  assert.equal(s.shouldGrow(10, 10), false, 'again within the interval');
  clock.t += SCALE_UP_EVERY_MS;
  assert.equal(s.shouldGrow(9, 10), false, 'a partial batch is no backlog');
  assert.equal(s.shouldGrow(10, 10), true);
  s.started();
  clock.t += SCALE_UP_EVERY_MS;
  assert.equal(s.shouldGrow(10, 10), false, 'at the cap (3)');
});

test('idle pollers above one retire after the idle period', () => {
  const { s, clock } = scaling(10);
  s.started();
  s.started();
  const since = clock.t;
  clock.t += IDLE_RETIRE_MS - 1;
  assert.equal(s.shouldRetireIdle(since), false);
  clock.t += 1;
  assert.equal(s.shouldRetireIdle(since), true);
  s.stopped();
  assert.equal(s.shouldRetireIdle(since), false, 'the last poller stays');
});

test('throttles back off exponentially, retire pollers above one and pause growth', () => {
  const { s, clock } = scaling(10);
  s.started();
  s.started();
  assert.deepEqual(s.onThrottle(1), { waitMs: 1000, retire: true });
  s.stopped();
  assert.deepEqual(s.onThrottle(2), { waitMs: 2000, retire: false });
  assert.equal(s.onThrottle(20).waitMs, THROTTLE_BACKOFF_MAX_MS);
  clock.t += SCALE_UP_EVERY_MS;
  assert.equal(s.shouldGrow(10, 10), false, 'no growth right after a throttle');
  clock.t += THROTTLE_COOLDOWN_MS;
  assert.equal(s.shouldGrow(10, 10), true);
});

test('a lowered cap makes pollers over it stop', () => {
  let max = 5;
  const s = new PollerScaling({ max: () => max, now: () => 0 });
  for (let i = 0; i < 5; i++) s.started();
  assert.equal(s.overCap(), false);
  max = 2;
  assert.equal(s.overCap(), true);
});

test('without ScalingConfig a mapping stops at four pollers per core, never below the initial five', () => {
  assert.equal(defaultMaxPollers(2), 8);
  assert.equal(defaultMaxPollers(16), 64);
  assert.equal(defaultMaxPollers(1), 5);
});
