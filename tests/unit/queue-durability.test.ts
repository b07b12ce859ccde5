// Durability of the queue engine against kill -9: a child process sends batches and reports each one the moment
// its promise resolves; the test SIGKILLs it mid-stream and reopens the database. Every acknowledged message must
// be there, and messages the child had leased must stay invisible until their deadline, then come back with their
// receive count.
//
// This file is also the child: run with QUEUE_DURABILITY_CHILD=<db file>, it does the child's part and no tests.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { Clock, key, message, openStore, queueRow } from './queue-fixtures.js';

const Q = key('durable');
const VISIBILITY_S = 60;

async function child(file: string): Promise<void> {
  const store = new SqliteStore(file);
  await store.queues.open();
  const queues = store.queues;
  await queues.createQueue(queueRow('durable', { visibilityTimeoutSeconds: VISIBILITY_S }, Date.now()));
  await queues.send(Q, Array.from({ length: 10 }, (_, i) => message(`lease-me-${i}`)));
  const leased = await queues.receive(Q, { max: 5, waitMs: 0 });
  // stdout is a pipe: writes are synchronous on Linux, so a line written is a line the parent can read after a kill.
  for (const m of leased) process.stdout.write(`leased ${m.messageId} ${Date.now() + VISIBILITY_S * 1000}\n`);
  let n = 0;
  const lane = async (): Promise<void> => {
    for (;;) {
      const batch = Array.from({ length: 10 }, () => message(`m${n++}`));
      const acks = await queues.send(Q, batch);
      process.stdout.write(`acked ${acks.map((a) => a.messageId).join(' ')}\n`);
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
}

const childFile = process.env.QUEUE_DURABILITY_CHILD;
if (childFile) {
  await child(childFile);
} else {
  describe('durability under SIGKILL', () => {
    test('every acknowledged send survives; leases stay until their deadline', async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'lambent-queue-kill-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'db.sqlite');
      const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
        env: { ...process.env, QUEUE_DURABILITY_CHILD: file },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const acked = new Set<string>();
      const leased = new Map<string, number>();
      let batches = 0;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      for await (const line of createInterface({ input: proc.stdout })) {
        const [kind, ...rest] = line.split(' ');
        if (kind === 'leased') leased.set(rest[0] ?? '', Number(rest[1]));
        if (kind === 'acked') {
          for (const id of rest) acked.add(id);
          // Kill mid-stream, while other sends are in flight.
          if (++batches === 200) proc.kill('SIGKILL');
        }
      }
      await exited;
      assert.equal(proc.signalCode, 'SIGKILL');
      assert.equal(leased.size, 5);
      assert.ok(acked.size >= 2000);

      const clock = new Clock(Date.now());
      const { store } = await openStore(file, clock);
      const queues = store.queues;
      const counts = queues.counts(Q);
      assert.equal(counts.inFlight, 5, 'leases survive the restart');
      assert.ok(counts.visible >= acked.size + 5, `${counts.visible} visible, ${acked.size} acknowledged`);
      const seen = new Set<string>();
      for (;;) {
        const got = await queues.receive(Q, { max: 10, waitMs: 0, visibilityTimeoutSeconds: 3600 });
        if (got.length === 0) break;
        for (const m of got) seen.add(m.messageId);
      }
      for (const id of acked) assert.ok(seen.has(id), `acknowledged message ${id} is there`);
      for (const id of leased.keys()) assert.ok(!seen.has(id), 'a leased message is not received before its deadline');

      clock.t = Math.max(...leased.values());
      const back = await queues.receive(Q, { max: 10, waitMs: 0 });
      assert.deepEqual(new Set(back.map((m) => m.messageId)), new Set(leased.keys()));
      assert.ok(back.every((m) => m.receiveCount === 2));
      await store.close();
    });
  });
}
