// FIFO queues in the engine: order within a message group, a group blocked while any of its messages is in flight,
// deduplication (queue or group scope, 5 minutes), ReceiveRequestAttemptId replay, sequence numbers, FIFO
// dead-letter queues.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { arnOf, fifoMessage, key, openStore, queueRow } from './queue-fixtures.js';

const Q = key('jobs.fifo');

async function withFifo(settings: Parameters<typeof queueRow>[1] = {}) {
  const env = await openStore();
  await env.store.queues.createQueue(queueRow('jobs.fifo', settings));
  return { ...env, queues: env.store.queues };
}

describe('FIFO order and groups', () => {
  test('messages of a group come in send order; a group is blocked while one of its messages is in flight', async () => {
    const { queues, store } = await withFifo();
    await queues.send(Q, [
      fifoMessage('a1', 'A', 'd1'),
      fifoMessage('b1', 'B', 'd2'),
      fifoMessage('a2', 'A', 'd3'),
      fifoMessage('a3', 'A', 'd4'),
      fifoMessage('b2', 'B', 'd5'),
    ]);
    // Oldest group first, as many of its messages as fit, then the next group.
    const first = await queues.receive(Q, { max: 2, waitMs: 0 });
    assert.deepEqual(first.map((m) => m.body), ['a1', 'a2']);
    assert.ok(first.every((m) => m.groupId === 'A'));
    // A is blocked (a1, a2 in flight): only B's messages are receivable.
    const second = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(second.map((m) => m.body), ['b1', 'b2']);
    assert.deepEqual(await queues.receive(Q, { max: 10, waitMs: 0 }), []);
    // Deleting one of two in-flight messages keeps A blocked; deleting both frees it.
    assert.deepEqual(await queues.deleteMessages(Q, [first[1]?.receiptHandle ?? '']), ['ok']);
    assert.deepEqual(await queues.receive(Q, { max: 10, waitMs: 0 }), []);
    await queues.deleteMessages(Q, [first[0]?.receiptHandle ?? '']);
    const third = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(third.map((m) => m.body), ['a3']);
    await store.close();
  });

  test('a message whose lease runs out is received again before the later messages of its group', async () => {
    const { queues, clock, store } = await withFifo({ visibilityTimeoutSeconds: 10 });
    await queues.send(Q, [fifoMessage('1', 'G', 'x1'), fifoMessage('2', 'G', 'x2'), fifoMessage('3', 'G', 'x3')]);
    const [one] = await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.equal(one?.body, '1');
    clock.advance(10_000);
    const again = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(again.map((m) => [m.body, m.receiveCount]), [['1', 2], ['2', 1], ['3', 1]]);
    // Visibility 0 on the first while the others are in flight: the group stays blocked.
    await queues.changeVisibility(Q, [{ receiptHandle: again[0]?.receiptHandle ?? '', visibilityTimeoutSeconds: 0 }]);
    assert.deepEqual(await queues.receive(Q, { max: 10, waitMs: 0 }), []);
    await queues.deleteMessages(Q, again.slice(1).map((m) => m.receiptHandle));
    const [first] = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.equal(first?.body, '1');
    await store.close();
  });

  test('concurrent receives never hold messages of one group at the same time', async () => {
    const { queues, store } = await withFifo();
    const sends = [];
    for (let g = 0; g < 5; g++) {
      sends.push(...Array.from({ length: 4 }, (_, i) => fifoMessage(`${g}-${i}`, `g${g}`, `${g}-${i}`)));
    }
    await queues.send(Q, sends.slice(0, 10));
    await queues.send(Q, sends.slice(10));
    const batches = await Promise.all(Array.from({ length: 8 }, () => queues.receive(Q, { max: 3, waitMs: 0 })));
    const groupsPerBatch = batches.map((b) => new Set(b.map((m) => m.groupId)));
    const seen = new Set<string>();
    for (const groups of groupsPerBatch) {
      for (const g of groups) {
        assert.ok(!seen.has(g ?? ''), `group ${g} handed to two receives at once`);
        seen.add(g ?? '');
      }
    }
    for (const b of batches) {
      // Within a group, in send order.
      const bodies = b.map((m) => m.body);
      assert.deepEqual(bodies, [...bodies].sort());
    }
    await store.close();
  });

  test('a restart keeps a group blocked by its in-flight message until the deadline', async (t) => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'lambent-fifo-lease-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'db.sqlite');
    const first = await openStore(file);
    await first.store.queues.createQueue(queueRow('jobs.fifo', { visibilityTimeoutSeconds: 30 }));
    await first.store.queues.send(Q, [fifoMessage('1', 'G', 'a'), fifoMessage('2', 'G', 'b'), fifoMessage('x', 'H', 'c')]);
    const [one] = await first.store.queues.receive(Q, { max: 1, waitMs: 0 });
    assert.equal(one?.body, '1');
    await first.store.close();
    const second = await openStore(file, first.clock);
    const queues = second.store.queues;
    assert.deepEqual((await queues.receive(Q, { max: 10, waitMs: 0, visibilityTimeoutSeconds: 300 })).map((m) => m.body), ['x']);
    second.clock.advance(30_000);
    const again = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(again.map((m) => [m.body, m.receiveCount]), [['1', 2], ['2', 1]]);
    await second.store.close();
  });

  test('sequence numbers are 20-digit strings that grow with every message', async () => {
    const { queues, store } = await withFifo();
    const sent = await queues.send(Q, [fifoMessage('a', 'G', '1'), fifoMessage('b', 'H', '2'), fifoMessage('c', 'G', '3')]);
    const seqs = sent.map((s) => s.sequenceNumber ?? '');
    for (const s of seqs) assert.match(s, /^[1-9]\d{19}$/);
    assert.ok(BigInt(seqs[0] ?? '') < BigInt(seqs[1] ?? '') && BigInt(seqs[1] ?? '') < BigInt(seqs[2] ?? ''));
    const got = await queues.receive(Q, { max: 10, waitMs: 0 });
    assert.deepEqual(got.map((m) => m.sequenceNumber), [seqs[0], seqs[2], seqs[1]]);
    await store.close();
  });

  test('a long poll on a blocked group is woken when the group frees up', async () => {
    const { queues, store } = await withFifo();
    await queues.send(Q, [fifoMessage('1', 'G', 'a'), fifoMessage('2', 'G', 'b')]);
    const [one] = await queues.receive(Q, { max: 1, waitMs: 0 });
    const waiting = queues.receive(Q, { max: 10, waitMs: 20_000 });
    await queues.deleteMessages(Q, [one?.receiptHandle ?? '']);
    assert.deepEqual((await waiting).map((m) => m.body), ['2']);
    await store.close();
  });
});

describe('FIFO deduplication', () => {
  test('a duplicate within 5 minutes returns the first id and sequence number and adds nothing', async () => {
    const { queues, clock, store } = await withFifo();
    const [first] = await queues.send(Q, [fifoMessage('one', 'G', 'same')]);
    clock.advance(4 * 60_000);
    const [dup] = await queues.send(Q, [fifoMessage('other body', 'H', 'same')]);
    assert.deepEqual(dup, { ...first, duplicate: true });
    // Within one batch too.
    const batch = await queues.send(Q, [fifoMessage('x', 'G', 'b1'), fifoMessage('y', 'G', 'b1')]);
    assert.equal(batch[1]?.duplicate, true);
    assert.equal(batch[1]?.messageId, batch[0]?.messageId);
    assert.equal(queues.counts(Q).visible, 2);
    clock.advance(60_000);
    await queues.tick();
    const [fresh] = await queues.send(Q, [fifoMessage('again', 'G', 'same')]);
    assert.equal(fresh?.duplicate, false, 'the window is over');
    assert.notEqual(fresh?.messageId, first?.messageId);
    assert.equal(queues.counts(Q).visible, 3);
    await store.close();
  });

  test("scope 'messageGroup': the same deduplication id in two groups is two messages", async () => {
    const { queues, store } = await withFifo({ deduplicationScope: 'messageGroup' });
    const sent = await queues.send(Q, [fifoMessage('a', 'G', 'id'), fifoMessage('b', 'H', 'id'), fifoMessage('c', 'G', 'id')]);
    assert.deepEqual(sent.map((s) => s.duplicate), [false, false, true]);
    assert.equal(queues.counts(Q).visible, 2);
    await store.close();
  });

  test('deduplication ids survive a restart', async (t) => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'lambent-fifo-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'db.sqlite');
    const first = await openStore(file);
    await first.store.queues.createQueue(queueRow('jobs.fifo'));
    const [sent] = await first.store.queues.send(Q, [fifoMessage('a', 'G', 'keep')]);
    await first.store.close();
    const second = await openStore(file, first.clock);
    const [dup] = await second.store.queues.send(Q, [fifoMessage('a', 'G', 'keep')]);
    assert.deepEqual(dup, { ...sent, duplicate: true });
    await second.store.close();
  });
});

describe('ReceiveRequestAttemptId', () => {
  test('a retry with the same attempt id gets the same messages and handles, visibility restarted', async () => {
    const { queues, clock, store } = await withFifo({ visibilityTimeoutSeconds: 30 });
    await queues.send(Q, [fifoMessage('1', 'G', 'a'), fifoMessage('2', 'G', 'b'), fifoMessage('3', 'H', 'c')]);
    const first = await queues.receive(Q, { max: 2, waitMs: 0, attemptId: 'try-1' });
    assert.deepEqual(first.map((m) => m.body), ['1', '2']);
    clock.advance(20_000);
    const retry = await queues.receive(Q, { max: 2, waitMs: 0, attemptId: 'try-1' });
    assert.deepEqual(retry.map((m) => m.receiptHandle), first.map((m) => m.receiptHandle));
    assert.deepEqual(retry.map((m) => m.receiveCount), [1, 1]);
    clock.advance(20_000);
    // 40 s after the first receive, 20 s after the retry: still leased (the retry restarted the 30 s).
    assert.equal(queues.counts(Q).inFlight, 2);
    // Another attempt id is a new receive.
    const other = await queues.receive(Q, { max: 10, waitMs: 0, attemptId: 'try-2' });
    assert.deepEqual(other.map((m) => m.body), ['3']);
    await store.close();
  });

  test('after one of its messages was deleted, the attempt id receives anew', async () => {
    const { queues, store } = await withFifo();
    await queues.send(Q, [fifoMessage('1', 'G', 'a'), fifoMessage('2', 'H', 'b')]);
    const [one] = await queues.receive(Q, { max: 1, waitMs: 0, attemptId: 'x' });
    await queues.deleteMessages(Q, [one?.receiptHandle ?? '']);
    const next = await queues.receive(Q, { max: 1, waitMs: 0, attemptId: 'x' });
    assert.deepEqual(next.map((m) => m.body), ['2']);
    await store.close();
  });

  test('after the 5-minute window the attempt id receives anew', async () => {
    const { queues, clock, store } = await withFifo({ visibilityTimeoutSeconds: 600 });
    await queues.send(Q, [fifoMessage('1', 'G', 'a'), fifoMessage('2', 'H', 'b')]);
    await queues.receive(Q, { max: 1, waitMs: 0, attemptId: 'x' });
    clock.advance(5 * 60_000);
    const later = await queues.receive(Q, { max: 1, waitMs: 0, attemptId: 'x' });
    assert.deepEqual(later.map((m) => m.body), ['2']);
    await store.close();
  });
});

describe('FIFO dead-letter queues', () => {
  test('redrive keeps the message id and group; the enqueue time resets; the deduplication id becomes the id', async () => {
    const { queues, clock, store } = await withFifo({
      visibilityTimeoutSeconds: 1,
      redrive: { deadLetterTargetArn: arnOf('dlq.fifo'), maxReceiveCount: 1 },
    });
    await queues.createQueue(queueRow('dlq.fifo'));
    const m = fifoMessage('poison', 'G', 'dd');
    await queues.send(Q, [m, fifoMessage('next', 'G', 'de')]);
    await queues.receive(Q, { max: 1, waitMs: 0 });
    clock.advance(1000);
    // The poisoned head goes to the DLQ; its group moves on to the next message in the same receive.
    const got = await queues.receive(Q, { max: 1, waitMs: 0 });
    assert.deepEqual(got.map((x) => x.body), ['next']);
    const [dead] = await queues.receive(key('dlq.fifo'), { max: 10, waitMs: 0 });
    assert.ok(dead);
    assert.equal(dead.messageId, m.messageId);
    assert.equal(dead.groupId, 'G');
    assert.equal(dead.deduplicationId, m.messageId);
    assert.equal(dead.sentAt, clock.t);
    assert.equal(dead.deadLetterQueueSourceArn, arnOf('jobs.fifo'));
    await store.close();
  });
});
