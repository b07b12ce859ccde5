// The queue engine (SqliteQueueStore) on a standard queue, as SQS clients see it: what a receive returns, when a
// message comes back, which receipt handles work, what the counts say. Time is the test's clock; due work runs
// through tick(), so nothing sleeps.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import Database from 'better-sqlite3';

import { QueueMissingError } from '../../src/store/queue-types.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { arnOf, key, message, openStore, queueRow } from './queue-fixtures.js';

const Q = key('orders');

async function withQueue(settings: Parameters<typeof queueRow>[1] = {}) {
  const env = await openStore();
  await env.store.queues.createQueue(queueRow('orders', settings));
  return { ...env, queues: env.store.queues };
}

describe('send, receive, delete', () => {
  test('a sent message is received once with its content, then deleted by its handle', async () => {
    const { queues, clock, store } = await withQueue();
    const sent = message('hello', { messageAttributes: { a: { DataType: 'String', StringValue: 'x' } }, md5OfMessageAttributes: 'abc' });
    const [ack] = await queues.send(Q, [sent]);
    assert.deepEqual(ack, { messageId: sent.messageId, duplicate: false });
    assert.deepEqual(queues.counts(Q), { visible: 1, inFlight: 0, delayed: 0 });

    const [got, ...rest] = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.equal(rest.length, 0);
    assert.ok(got);
    assert.equal(got.messageId, sent.messageId);
    assert.equal(got.body, 'hello');
    assert.equal(got.md5OfBody, sent.md5OfBody);
    assert.deepEqual(got.messageAttributes, sent.messageAttributes);
    assert.equal(got.md5OfMessageAttributes, 'abc');
    assert.equal(got.senderId, sent.senderId);
    assert.equal(got.receiveCount, 1);
    assert.equal(got.sentAt, clock.t);
    assert.equal(got.firstReceivedAt, clock.t);
    assert.equal(got.groupId, undefined);
    assert.equal(got.sequenceNumber, undefined);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 1, delayed: 0 });
    assert.deepEqual(await queues.receive(Q, { max: 10, waitMs: 0 }), [], 'in flight: not received again');

    assert.deepEqual(await queues.deleteMessages(Q, [got.receiptHandle]), ['ok']);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 0, delayed: 0 });
    clock.advance(60_000);
    await queues.tick();
    assert.deepEqual(await queues.receive(Q, { max: 10, waitMs: 0 }), []);
    await store.close();
  });

  test('a receive returns at most max messages, oldest first', async () => {
    const { queues, store } = await withQueue();
    await queues.send(Q, Array.from({ length: 15 }, (_, i) => message(`m${i}`)));
    const first = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(first.map((m) => m.body), Array.from({ length: 10 }, (_, i) => `m${i}`));
    const second = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(second.map((m) => m.body), ['m10', 'm11', 'm12', 'm13', 'm14']);
    assert.equal(new Set([...first, ...second].map((m) => m.receiptHandle)).size, 15);
    await store.close();
  });

  test('concurrent receives never get the same message', async () => {
    const { queues, store } = await withQueue();
    await queues.send(Q, Array.from({ length: 95 }, (_, i) => message(`m${i}`)));
    const batches = await Promise.all(Array.from({ length: 16 }, () => queues.receive(Q, { max: 10, waitMs: 0 })));
    const ids = batches.flat().map((m) => m.messageId);
    assert.equal(ids.length, 95);
    assert.equal(new Set(ids).size, 95);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 95, delayed: 0 });
    await store.close();
  });

  test('every message operation on a queue that does not exist rejects with QueueMissingError', async () => {
    const { queues, store } = await withQueue();
    const missing = key('nope');
    await assert.rejects(queues.send(missing, [message('x')]), QueueMissingError);
    await assert.rejects(queues.receive(missing, { max: 1, waitMs: 0 }), QueueMissingError);
    await assert.rejects(queues.deleteMessages(missing, ['x']), QueueMissingError);
    await assert.rejects(queues.changeVisibility(missing, [{ receiptHandle: 'x', visibilityTimeoutSeconds: 1 }]), QueueMissingError);
    await assert.rejects(queues.purge(missing), QueueMissingError);
    assert.throws(() => queues.counts(missing), QueueMissingError);
    await store.close();
  });
});

describe('visibility', () => {
  test('a leased message comes back when its deadline passes, not before, with a new handle', async () => {
    const { queues, clock, store } = await withQueue({ visibilityTimeoutSeconds: 30 });
    await queues.send(Q, [message('a')]);
    const [first] = await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.ok(first);
    clock.advance(29_999);
    await queues.tick();
    assert.deepEqual(await queues.receive(Q, { max: 1, waitMs: 0 }), []);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 1, delayed: 0 });
    clock.advance(1);
    assert.deepEqual(queues.counts(Q), { visible: 1, inFlight: 0, delayed: 0 });
    const [second] = await queues.receive(Q, { max: 1, waitMs: 0, visibilityTimeoutSeconds: 5 });
    assert.ok(second);
    assert.equal(second.messageId, first.messageId);
    assert.equal(second.receiveCount, 2);
    assert.equal(second.firstReceivedAt, first.firstReceivedAt);
    assert.notEqual(second.receiptHandle, first.receiptHandle);

    // The first handle is stale: the delete "succeeds" (as on AWS) but the message stays.
    assert.deepEqual(await queues.deleteMessages(Q, [first.receiptHandle]), ['expired']);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 1, delayed: 0 });
    // The receive's own timeout (5 s) applies, not the queue's.
    clock.advance(5_000);
    assert.deepEqual(queues.counts(Q), { visible: 1, inFlight: 0, delayed: 0 });
    // The latest handle still deletes a message whose lease ran out, as long as nobody received it since.
    assert.deepEqual(await queues.deleteMessages(Q, [second.receiptHandle]), ['ok']);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 0, delayed: 0 });
    await store.close();
  });

  test('visibility set to 0 makes the message receivable at once; changes of stale or foreign handles fail', async () => {
    const { queues, store } = await withQueue();
    await queues.createQueue(queueRow('other'));
    await queues.send(Q, [message('a')]);
    await queues.send(key('other'), [message('b')]);
    const [m] = await queues.receive(Q, { max: 1, waitMs: 0 });
    const [foreign] = await queues.receive(key('other'), { max: 1, waitMs: 0 });
    assert.ok(m && foreign);

    assert.deepEqual(await queues.changeVisibility(Q, [{ receiptHandle: m.receiptHandle, visibilityTimeoutSeconds: 0 }]), ['ok']);
    assert.deepEqual(queues.counts(Q), { visible: 1, inFlight: 0, delayed: 0 });
    // Visible now: its handle is current but there is no lease to change.
    assert.deepEqual(
      await queues.changeVisibility(Q, [{ receiptHandle: m.receiptHandle, visibilityTimeoutSeconds: 10 }]),
      ['not-in-flight'],
    );
    const [again] = await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.ok(again);
    assert.equal(again.receiveCount, 2);
    const tampered = again.receiptHandle.slice(0, -2) + (again.receiptHandle.endsWith('AA') ? 'AB' : 'AA');
    assert.deepEqual(
      await queues.changeVisibility(Q, [
        { receiptHandle: m.receiptHandle, visibilityTimeoutSeconds: 10 },
        { receiptHandle: 'garbage', visibilityTimeoutSeconds: 10 },
        { receiptHandle: tampered, visibilityTimeoutSeconds: 10 },
        { receiptHandle: foreign.receiptHandle, visibilityTimeoutSeconds: 10 },
        { receiptHandle: again.receiptHandle, visibilityTimeoutSeconds: 100 },
      ]),
      ['expired', 'malformed', 'malformed', 'malformed', 'ok'],
    );
    assert.deepEqual(await queues.deleteMessages(Q, [foreign.receiptHandle, 'x'.repeat(42)]), ['malformed', 'malformed']);
    assert.deepEqual(queues.counts(key('other')), { visible: 0, inFlight: 1, delayed: 0 }, 'a foreign handle deletes nothing');
    // After a delete the handle is spent.
    assert.deepEqual(await queues.deleteMessages(Q, [again.receiptHandle]), ['ok']);
    assert.deepEqual(await queues.deleteMessages(Q, [again.receiptHandle]), ['expired']);
    assert.deepEqual(
      await queues.changeVisibility(Q, [{ receiptHandle: again.receiptHandle, visibilityTimeoutSeconds: 1 }]),
      ['expired'],
    );
    await store.close();
  });

  test('a visibility change extends the lease from now', async () => {
    const { queues, clock, store } = await withQueue({ visibilityTimeoutSeconds: 10 });
    await queues.send(Q, [message('a')]);
    const [m] = await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.ok(m);
    clock.advance(8_000);
    await queues.changeVisibility(Q, [{ receiptHandle: m.receiptHandle, visibilityTimeoutSeconds: 10 }]);
    clock.advance(9_999);
    assert.equal(queues.counts(Q).inFlight, 1);
    clock.advance(1);
    assert.equal(queues.counts(Q).visible, 1);
    await store.close();
  });
});

describe('delays', () => {
  test('a delayed message is counted as delayed and received only once its delay ends', async () => {
    const { queues, clock, store } = await withQueue({ delaySeconds: 5 });
    await queues.send(Q, [message('later', { delaySeconds: 10 }), message('now')]);
    assert.deepEqual(queues.counts(Q), { visible: 1, inFlight: 0, delayed: 1 });
    const first = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(first.map((m) => m.body), ['now']);
    clock.advance(9_999);
    assert.deepEqual(await queues.receive(Q, { max: 10, waitMs: 0 }), []);
    clock.advance(1);
    assert.deepEqual(queues.counts(Q), { visible: 1, inFlight: 1, delayed: 0 });
    const [later] = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.equal(later?.body, 'later');
    assert.equal(later?.receiveCount, 1);
    await store.close();
  });
});

describe('retention and purge', () => {
  test('messages older than the retention period are never returned and leave the counts', async () => {
    const { queues, clock, store } = await withQueue({ retentionSeconds: 60 });
    await queues.send(Q, [message('old')]);
    clock.advance(30_000);
    await queues.send(Q, [message('young')]);
    const [leased] = await queues.receive(Q, { max: 1, waitMs: 0, visibilityTimeoutSeconds: 600 });
    assert.equal(leased?.body, 'old');
    clock.advance(30_000);
    // 'old' is 60 s old: expired even though in flight; the sweep removes it.
    await queues.tick();
    assert.deepEqual(queues.counts(Q), { visible: 1, inFlight: 0, delayed: 0 });
    assert.deepEqual(await queues.deleteMessages(Q, [leased?.receiptHandle ?? '']), ['expired']);
    clock.advance(29_999);
    // 'young' is not yet 60 s old.
    const [young] = await queues.receive(Q, { max: 10, waitMs: 0, visibilityTimeoutSeconds: 0 });
    assert.equal(young?.body, 'young');
    clock.advance(1);
    // Expired by the time of the next receive, sweep or not.
    assert.deepEqual(await queues.receive(Q, { max: 10, waitMs: 0 }), []);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 0, delayed: 0 });
    await store.close();
  });

  test('purge removes every message sent before it (visible, in flight, delayed); later sends stay', async () => {
    const { queues, store } = await withQueue();
    await queues.send(Q, [message('a'), message('b'), message('c', { delaySeconds: 60 })]);
    const [leased] = await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.deepEqual(queues.counts(Q), { visible: 1, inFlight: 1, delayed: 1 });
    await queues.purge(Q);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 0, delayed: 0 });
    assert.deepEqual(await queues.deleteMessages(Q, [leased?.receiptHandle ?? '']), ['expired']);
    await queues.send(Q, [message('d')]);
    const got = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(got.map((m) => m.body), ['d']);
    await store.close();
  });

  test('a purge is durable at once; its rows go in the background, also after a restart', async (t) => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'lambent-purge-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'db.sqlite');
    const first = await openStore(file);
    await first.store.queues.createQueue(queueRow('orders'));
    await first.store.queues.createQueue(queueRow('gone'));
    for (let i = 0; i < 10; i++) {
      await first.store.queues.send(Q, Array.from({ length: 1000 }, (_, j) => message(`${i}-${j}`)));
      await first.store.queues.send(key('gone'), [message(`g${i}`)]);
    }
    await first.store.queues.purge(Q);
    await first.store.queues.deleteQueue(key('gone'));
    await first.store.queues.send(Q, [message('after')]);
    // Stopped before the background removal could finish.
    await first.store.close();

    const second = await openStore(file, first.clock);
    assert.deepEqual(second.store.queues.counts(Q), { visible: 1, inFlight: 0, delayed: 0 });
    assert.equal(second.store.queues.getQueue(key('gone')), undefined);
    const peek = new Database(file, { readonly: true });
    t.after(() => peek.close());
    const rows = (): number => (peek.prepare('SELECT COUNT(*) FROM queue_bodies').pluck().get() as number);
    const deadline = Date.now() + 10_000;
    while (rows() > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(rows(), 1, 'only the message sent after the purge is left');
    assert.equal(peek.prepare('SELECT COUNT(*) FROM queue_messages').pluck().get(), 1);
    const [after] = await second.store.queues.receive(Q, { max: 10, waitMs: 0 });
    assert.equal(after?.body, 'after');
    await second.store.close();
  });

  test('a send still committing when the purge starts is purged with the rest', async () => {
    const { queues, store } = await withQueue();
    const sending = queues.send(Q, [message('racing')]);
    const purging = queues.purge(Q);
    await Promise.all([sending, purging]);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 0, delayed: 0 });
    await store.close();
  });
});

describe('redrive', () => {
  test('a message received maxReceiveCount times moves to the dead-letter queue on its next receive', async () => {
    const { queues, clock, store } = await withQueue({
      visibilityTimeoutSeconds: 10,
      retentionSeconds: 3600,
      redrive: { deadLetterTargetArn: arnOf('orders-dlq'), maxReceiveCount: 2 },
    });
    await queues.createQueue(queueRow('orders-dlq'));
    const sent = message('poison');
    await queues.send(Q, [sent]);
    const sentAt = clock.t;
    for (let i = 1; i <= 2; i++) {
      const [m] = await queues.receive(Q, { max: 1, waitMs: 0 });
      assert.equal(m?.receiveCount, i);
      clock.advance(10_000);
    }
    assert.deepEqual(queues.counts(Q), { visible: 1, inFlight: 0, delayed: 0 });
    // The third receive finds it received twice: it goes to the DLQ instead of being returned.
    assert.deepEqual(await queues.receive(Q, { max: 10, waitMs: 0 }), []);
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 0, delayed: 0 });
    assert.deepEqual(queues.counts(key('orders-dlq')), { visible: 1, inFlight: 0, delayed: 0 });
    const [dead] = await queues.receive(key('orders-dlq'), { max: 10, waitMs: 0 });
    assert.ok(dead);
    assert.equal(dead.messageId, sent.messageId, 'AWS keeps the message id');
    assert.equal(dead.body, 'poison');
    assert.equal(dead.deadLetterQueueSourceArn, arnOf('orders'));
    assert.equal(dead.sentAt, sentAt, 'standard queues keep the enqueue time');
    assert.equal(dead.receiveCount, 3);
    await store.close();
  });

  test("a standard DLQ's retention counts from the original send; a sweep removes the message when it ends", async () => {
    const { queues, clock, store } = await withQueue({
      visibilityTimeoutSeconds: 10,
      redrive: { deadLetterTargetArn: arnOf('dlq'), maxReceiveCount: 1 },
    });
    await queues.createQueue(queueRow('dlq', { retentionSeconds: 120 }));
    await queues.send(key('dlq'), [message('already there')]);
    clock.advance(1000);
    await queues.send(Q, [message('poison')]);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    clock.advance(100_000);
    // A later message in the DLQ makes the redriven one (older send time) arrive out of order.
    await queues.send(key('dlq'), [message('later')]);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.equal(queues.counts(key('dlq')).visible, 3);
    clock.advance(19_000);
    await queues.tick();
    assert.equal(queues.counts(key('dlq')).visible, 2, "'already there' is 120 s old");
    clock.advance(1000);
    await queues.tick();
    assert.equal(queues.counts(key('dlq')).visible, 1, "'poison' was sent 120 s ago, though it arrived 20 s ago");
    const [left] = await queues.receive(key('dlq'), { max: 10, waitMs: 0 });
    assert.equal(left?.body, 'later');
    await store.close();
  });

  test('without the dead-letter queue the message stays and is received as usual', async () => {
    const { queues, clock, store } = await withQueue({
      visibilityTimeoutSeconds: 1,
      redrive: { deadLetterTargetArn: arnOf('missing-dlq'), maxReceiveCount: 1 },
    });
    await queues.send(Q, [message('x')]);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    clock.advance(1000);
    const [again] = await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.equal(again?.receiveCount, 2);
    await store.close();
  });

  test('redrive applies once the target is created', async () => {
    const { queues, clock, store } = await withQueue({
      visibilityTimeoutSeconds: 1,
      redrive: { deadLetterTargetArn: arnOf('late-dlq'), maxReceiveCount: 1 },
    });
    await queues.send(Q, [message('x')]);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    clock.advance(1000);
    await queues.createQueue(queueRow('late-dlq'));
    assert.deepEqual(await queues.receive(Q, { max: 1, waitMs: 0 }), []);
    assert.equal(queues.counts(key('late-dlq')).visible, 1);
    await store.close();
  });
});

describe('move (message move tasks)', () => {
  test("to an explicit queue: the oldest visible messages, as new messages (new id, receive count 0)", async () => {
    const { queues, clock, store } = await withQueue();
    await queues.createQueue(queueRow('target'));
    await queues.send(Q, [message('1'), message('2'), message('3')]);
    const [leased] = await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.equal(leased?.body, '1');
    clock.advance(1000);
    assert.equal(await queues.move(Q, key('target'), 10), 2, 'the in-flight message stays');
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 1, delayed: 0 });
    const moved = await queues.receive(key('target'), { max: 10, waitMs: 0 });
    assert.deepEqual(moved.map((m) => m.body), ['2', '3']);
    for (const m of moved) {
      assert.equal(m.receiveCount, 1);
      assert.equal(m.sentAt, clock.t, 'a moved message is enqueued anew');
      assert.equal(m.deadLetterQueueSourceArn, undefined);
    }
    assert.equal(await queues.move(Q, key('target'), 10), 0);
    await store.close();
  });

  test("to 'source': each message back to the queue it was dead-lettered from; messages without one stay", async () => {
    const { queues, clock, store } = await withQueue({
      visibilityTimeoutSeconds: 1,
      redrive: { deadLetterTargetArn: arnOf('dlq'), maxReceiveCount: 1 },
    });
    await queues.createQueue(queueRow('dlq'));
    const original = message('failed');
    await queues.send(Q, [original]);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    clock.advance(1000);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    await queues.send(key('dlq'), [message('orphan'), message('from-gone', { deadLetterQueueSourceArn: arnOf('gone') })]);
    assert.equal(queues.counts(key('dlq')).visible, 3);

    assert.equal(await queues.move(key('dlq'), 'source', 10), 1);
    assert.equal(queues.counts(key('dlq')).visible, 2);
    const [back] = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.ok(back);
    assert.equal(back.body, 'failed');
    assert.notEqual(back.messageId, original.messageId);
    assert.equal(back.receiveCount, 1, 'the receive count starts again (no immediate bounce to the DLQ)');
    await store.close();
  });
});

describe('long polling', () => {
  test('a waiting receive resolves when a message is sent', async () => {
    const { queues, store } = await withQueue();
    const waiting = queues.receive(Q, { max: 10, waitMs: 20_000 });
    await queues.send(Q, [message('wake')]);
    const got = await waiting;
    assert.deepEqual(got.map((m) => m.body), ['wake']);
    await store.close();
  });

  test('a waiting receive resolves when a lease runs out, and when a delay ends', async () => {
    const { queues, clock, store } = await withQueue({ visibilityTimeoutSeconds: 30 });
    await queues.send(Q, [message('a'), message('b', { delaySeconds: 60 })]);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    const waiting = queues.receive(Q, { max: 10, waitMs: 20_000, visibilityTimeoutSeconds: 300 });
    clock.advance(30_000);
    await queues.tick();
    const got = await waiting;
    assert.deepEqual(got.map((m) => m.body), ['a']);
    assert.equal(got[0]?.receiveCount, 2);
    const second = queues.receive(Q, { max: 10, waitMs: 20_000 });
    clock.advance(30_000);
    await queues.tick();
    assert.deepEqual((await second).map((m) => m.body), ['b']);
    await store.close();
  });

  test('a waiting receive is served even when another call made the due message visible first', async () => {
    const { queues, clock, store } = await withQueue({ visibilityTimeoutSeconds: 30 });
    await queues.send(Q, [message('a')]);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    const waiting = queues.receive(Q, { max: 10, waitMs: 20_000 });
    clock.advance(30_000);
    // counts() finds the lease over before any timer or tick does; the waiter gets the message all the same.
    assert.equal(queues.counts(Q).inFlight, 1);
    assert.deepEqual((await waiting).map((m) => m.receiveCount), [2]);
    await store.close();
  });

  test('with real timers, a long poll is woken when a delay ends, with nobody calling in between', async () => {
    // The real clock and real timers, as Lambent runs.
    const store = new SqliteStore(':memory:');
    const queues = store.queues;
    await queues.open();
    await queues.createQueue(queueRow('orders'));
    await queues.send(Q, [message('soon', { delaySeconds: 1 })]);
    const started = performance.now();
    const got = await queues.receive(Q, { max: 10, waitMs: 5_000 });
    const waited = performance.now() - started;
    // Not woken, the poll would have answered empty after its 5 s; woken early, before the delay was over.
    assert.deepEqual(got.map((m) => m.body), ['soon']);
    assert.ok(waited >= 900, `woken after ${Math.round(waited)} ms`);
    await store.close();
  });

  test('a waiting receive resolves when a message is moved in (redrive, move task)', async () => {
    const { queues, clock, store } = await withQueue({
      visibilityTimeoutSeconds: 1,
      redrive: { deadLetterTargetArn: arnOf('dlq'), maxReceiveCount: 1 },
    });
    await queues.createQueue(queueRow('dlq'));
    await queues.send(Q, [message('x')]);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    clock.advance(1000);
    const onDlq = queues.receive(key('dlq'), { max: 10, waitMs: 20_000, visibilityTimeoutSeconds: 0 });
    await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.deepEqual((await onDlq).map((m) => m.body), ['x']);
    const onSource = queues.receive(Q, { max: 10, waitMs: 20_000 });
    clock.advance(1);
    assert.equal(await queues.move(key('dlq'), 'source', 10), 1);
    assert.deepEqual((await onSource).map((m) => m.body), ['x']);
    await store.close();
  });

  test('two waiters: one message goes to the first, the second keeps waiting', async () => {
    const { queues, store } = await withQueue();
    const first = queues.receive(Q, { max: 10, waitMs: 20_000 });
    const second = queues.receive(Q, { max: 10, waitMs: 20_000 });
    await queues.send(Q, [message('one')]);
    assert.deepEqual((await first).map((m) => m.body), ['one']);
    await queues.send(Q, [message('two')]);
    assert.deepEqual((await second).map((m) => m.body), ['two']);
    await store.close();
  });

  test('returns empty at its deadline (clock or timer), at once on abort, and on close', async () => {
    const { queues, clock, store } = await withQueue();
    const byClock = queues.receive(Q, { max: 10, waitMs: 20_000 });
    clock.advance(20_000);
    await queues.tick();
    assert.deepEqual(await byClock, []);

    const started = performance.now();
    assert.deepEqual(await queues.receive(Q, { max: 10, waitMs: 50 }), []);
    assert.ok(performance.now() - started >= 45, 'waited for its wait time');

    const ac = new AbortController();
    const aborted = queues.receive(Q, { max: 10, waitMs: 20_000, signal: ac.signal });
    ac.abort();
    assert.deepEqual(await aborted, []);
    // The aborted waiter is gone: the next message is not taken by it.
    await queues.send(Q, [message('kept')]);
    assert.equal(queues.counts(Q).visible, 1);

    await queues.receive(Q, { max: 10, waitMs: 0 });
    const open = queues.receive(Q, { max: 10, waitMs: 20_000 });
    await store.close();
    assert.deepEqual(await open, []);
  });
});

describe('queues', () => {
  test('create returns the existing row untouched; list pages by name; dead-letter sources; delete', async () => {
    const { queues, clock, store } = await withQueue();
    const again = await queues.createQueue(queueRow('orders', { visibilityTimeoutSeconds: 99 }));
    assert.equal(again.created, false);
    assert.equal(again.row.settings.visibilityTimeoutSeconds, 30);
    for (const n of ['b-2', 'a-1', 'b-1', 'c']) {
      await queues.createQueue(queueRow(n, { redrive: { deadLetterTargetArn: arnOf('c'), maxReceiveCount: 3 } }));
    }
    const page1 = queues.listQueues('123456789012', 'us-east-1', { limit: 2 });
    assert.deepEqual(page1.queues.map((q) => q.name), ['a-1', 'b-1']);
    assert.equal(page1.next, 'b-1');
    const page2 = queues.listQueues('123456789012', 'us-east-1', { limit: 2, after: page1.next ?? '' });
    assert.deepEqual(page2.queues.map((q) => q.name), ['b-2', 'c']);
    const page3 = queues.listQueues('123456789012', 'us-east-1', { limit: 2, after: page2.next ?? '' });
    assert.deepEqual(page3.queues.map((q) => q.name), ['orders']);
    assert.equal(page3.next, undefined);
    assert.deepEqual(queues.listQueues('123456789012', 'us-east-1', { limit: 10, prefix: 'b-' }).queues.map((q) => q.name), ['b-1', 'b-2']);
    assert.deepEqual(queues.listQueues('999999999999', 'us-east-1', { limit: 10 }).queues, []);
    assert.deepEqual(queues.deadLetterSources(arnOf('c')).map((q) => q.name), ['a-1', 'b-1', 'b-2', 'c']);
    assert.equal(queues.getQueueByArn(arnOf('b-1'))?.name, 'b-1');

    assert.equal(await queues.updateQueue(key('b-1'), { attributes: { X: '1' }, tags: { t: 'v' }, settings: queueRow('b-1').settings, lastModifiedAt: 5 }), true);
    assert.deepEqual(queues.getQueue(key('b-1'))?.tags, { t: 'v' });
    assert.equal(queues.deadLetterSources(arnOf('c')).length, 3);

    await queues.send(Q, [message('x')]);
    assert.equal(await queues.deleteQueue(Q), true);
    assert.equal(await queues.deleteQueue(Q), false);
    assert.equal(queues.getQueue(Q), undefined);
    assert.equal(queues.deletedRecently(Q), clock.t);
    clock.advance(60_000);
    assert.equal(queues.deletedRecently(Q), undefined);
    // A queue created again under the name starts empty.
    await queues.createQueue(queueRow('orders'));
    assert.deepEqual(queues.counts(Q), { visible: 0, inFlight: 0, delayed: 0 });
    await store.close();
  });

  test('queues, messages and leases come back after reopening the database', async (t) => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'lambent-queues-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'db.sqlite');
    const first = await openStore(file);
    const queues = first.store.queues;
    await queues.createQueue(queueRow('orders', { visibilityTimeoutSeconds: 30 }));
    await queues.send(Q, [message('leased'), message('visible'), message('delayed', { delaySeconds: 100 })]);
    const [leased] = await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.ok(leased);
    await first.store.close();

    const clock = first.clock;
    clock.advance(10_000);
    const second = await openStore(file, clock);
    const q2 = second.store.queues;
    assert.equal(q2.getQueue(Q)?.settings.visibilityTimeoutSeconds, 30);
    assert.deepEqual(q2.counts(Q), { visible: 1, inFlight: 1, delayed: 1 });
    clock.advance(20_000);
    assert.deepEqual(q2.counts(Q), { visible: 2, inFlight: 0, delayed: 1 });
    // The handle minted before the restart still names its lease.
    assert.deepEqual(await q2.deleteMessages(Q, [leased.receiptHandle]), ['ok']);
    const got = await q2.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(got.map((m) => m.body), ['visible']);
    await second.store.close();
  });
});
