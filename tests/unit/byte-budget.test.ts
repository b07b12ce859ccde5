// The budget of unauthenticated body bytes: within capacity at once, a larger body alone, first come first
// served, refused after the wait, and a waiter whose client goes away leaves the queue.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { EventEmitter } from 'node:events';
import { ByteBudget } from '../../src/gateway/byte-budget.js';

test('grants within capacity at once; a body larger than the whole budget runs alone', async () => {
  const b = new ByteBudget(100);
  assert.equal(await b.acquire(60, 1000), true);
  assert.equal(await b.acquire(40, 1000), true);
  assert.equal(b.used, 100);
  let big: boolean | undefined;
  const pending = b.acquire(500, 5000).then((g) => (big = g));
  await new Promise((r) => setImmediate(r));
  assert.equal(big, undefined, 'a 500-byte body waits while others hold the budget');
  b.release(60);
  await new Promise((r) => setImmediate(r));
  assert.equal(big, undefined);
  b.release(40);
  await pending;
  assert.equal(big, true);
  assert.equal(b.used, 500);
  b.release(500);
  assert.equal(b.used, 0);
});

test('first come, first served: a small body does not overtake a waiting large one', async () => {
  const b = new ByteBudget(100);
  await b.acquire(80, 1000);
  const order: string[] = [];
  const large = b.acquire(90, 5000).then(() => order.push('large'));
  const small = b.acquire(10, 5000).then(() => order.push('small'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, [], 'the small one fits but waits behind the large one');
  b.release(80);
  await Promise.all([large, small]);
  assert.deepEqual(order, ['large', 'small']);
  assert.equal(b.used, 100);
});

test('a waiter is refused after its wait, and leaves the queue when its client goes away', async () => {
  const b = new ByteBudget(10);
  await b.acquire(10, 1000);
  assert.equal(await b.acquire(5, 20), false);
  const client = new EventEmitter();
  const gone = b.acquire(5, 10_000, client);
  client.emit('close');
  assert.equal(await gone, false);
  assert.equal(client.listenerCount('close'), 0);
  // Neither refused waiter holds anything: releasing the first holder empties the budget.
  b.release(10);
  assert.equal(b.used, 0);
  assert.equal(await b.acquire(10, 10), true);
});
