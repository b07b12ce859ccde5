// Function output → log events: lines are split in linear time and no event outgrows a CloudWatch event (a longer
// line becomes several, cut between UTF-8 characters); the Tail keeps only the last 4 KB; the store's total is
// tracked and the oldest events are deleted first when the writer's cap is exceeded.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { FunctionLogWriter, LineSplitter, LogTail, MAX_EVENT_MESSAGE_BYTES, utf8Boundary } from '../../src/observability/function-logs.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

function split(chunks: (string | Buffer)[], max?: number): string[] {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l), max);
  for (const c of chunks) s.push(typeof c === 'string' ? Buffer.from(c) : c);
  s.end();
  return out;
}

describe('LineSplitter', () => {
  test('lines across chunk boundaries, empty lines, a last line without newline', () => {
    assert.deepEqual(split(['ab', 'c\nde', 'f\n\ng', 'h']), ['abc', 'def', '', 'gh']);
    assert.deepEqual(split(['one\n']), ['one']);
  });

  test('a line longer than one event becomes events of at most the limit, in order, nothing lost', () => {
    const line = 'x'.repeat(MAX_EVENT_MESSAGE_BYTES * 2 + 5);
    const chunks: string[] = [];
    for (let i = 0; i < line.length; i += 65536) chunks.push(line.slice(i, i + 65536));
    const out = split([...chunks, '\nnext\n']);
    assert.deepEqual(out.map((l) => l.length), [MAX_EVENT_MESSAGE_BYTES, MAX_EVENT_MESSAGE_BYTES, 5, 4]);
    assert.equal(out.slice(0, 3).join(''), line);
    // A line of exactly the limit is one event, not one plus an empty one.
    assert.deepEqual(split(['y'.repeat(MAX_EVENT_MESSAGE_BYTES), '\n']).map((l) => l.length), [MAX_EVENT_MESSAGE_BYTES]);
  });

  test('splits between UTF-8 characters, never inside one', () => {
    // 'é' is 2 bytes, '😀' 4: with a limit of 7 bytes no piece may end in the middle of either.
    const text = 'aé😀é😀aaé';
    const out = split([Buffer.from(text).subarray(0, 3), Buffer.from(text).subarray(3)], 7);
    for (const l of out) assert.ok(Buffer.byteLength(l) <= 7, `${l} is ${Buffer.byteLength(l)} bytes`);
    assert.equal(out.join(''), text);
    assert.ok(!out.join('').includes('\ufffd'));
  });

  test('invalid UTF-8 (decoded to U+FFFD, 3 bytes each) still stays within the limit', () => {
    const out = split([Buffer.alloc(30, 0xff)], 16);
    for (const l of out) assert.ok(Buffer.byteLength(l) <= 16);
    assert.equal(out.join(''), '\ufffd'.repeat(30));
  });

  test('linear: 64 MB without a newline is split quickly and holds one event at most', () => {
    let events = 0;
    let bytes = 0;
    const s = new LineSplitter((l) => {
      events++;
      bytes += l.length;
      assert.ok(l.length <= MAX_EVENT_MESSAGE_BYTES);
    });
    const chunk = Buffer.alloc(65536, 0x78);
    for (let i = 0; i < 1024; i++) s.push(chunk);
    s.end();
    assert.equal(bytes, 64 << 20);
    assert.equal(events, Math.ceil((64 << 20) / MAX_EVENT_MESSAGE_BYTES));
  });

  test('utf8Boundary', () => {
    const b = Buffer.from('a😀');
    assert.equal(utf8Boundary(b, 5), 5);
    assert.equal(utf8Boundary(b, 4), 1);
    assert.equal(utf8Boundary(b, 2), 1);
    assert.equal(utf8Boundary(b, 1), 1);
  });
});

describe('LogTail', () => {
  test('keeps the last 4 KB of many lines, ended by newlines', () => {
    const t = new LogTail(4096);
    const all: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const l = `line ${i}`;
      all.push(l);
      t.push(l);
    }
    const full = Buffer.from(`${all.join('\n')}\n`);
    assert.deepEqual(t.text(), full.subarray(full.length - 4096));
    assert.ok([...t].length < 600);
  });

  test('shorter than the limit: everything', () => {
    const t = LogTail.of(['a', 'b']);
    assert.equal(t.text().toString(), 'a\nb\n');
  });
});

describe('log cap', () => {
  test('the store tracks its total; over the cap the writer deletes the oldest events first', async () => {
    const store = new SqliteStore(':memory:');
    const warnings: string[] = [];
    const writer = new FunctionLogWriter(store.logs, (e) => assert.fail(String(e)), {
      maxBytes: 100_000,
      warn: (m) => warnings.push(m),
      hint: '--function-logs-max-mb',
    });
    const msg = (i: number): string => `${String(i).padStart(6, '0')} ${'z'.repeat(993)}`;
    for (let i = 0; i < 300; i++) {
      writer.write('/aws/lambda/a', 's', msg(i));
      if (i % 50 === 49) await writer.flush();
    }
    await writer.flush();
    // Trimming runs in the background (setImmediate steps): wait for it to settle.
    const deadline = Date.now() + 5000;
    while ((await store.logs.storedBytes()) > 100_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const total = await store.logs.storedBytes();
    assert.ok(total <= 100_000 && total >= 80_000, `stored ${total}`);
    const rows = await store.logs.read('/aws/lambda/a', 's');
    assert.equal(rows.reduce((n, r) => n + Buffer.byteLength(r.message), 0), total, 'the counter matches the rows');
    // The newest survive, contiguous up to the last one written.
    assert.equal(rows.at(-1)?.message, msg(299));
    const firstKept = Number(rows[0]?.message.slice(0, 6));
    assert.deepEqual(rows.map((r) => r.message), Array.from({ length: 300 - firstKept }, (_, k) => msg(firstKept + k)));
    assert.equal(warnings.length, 1, 'rate-limited: one warning');
    assert.match(warnings[0] ?? '', /deleting the oldest events.*--function-logs-max-mb/);
    await store.close();
  });

  test('the total survives a reopen (summed from the streams once)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'lambent-logs-'));
    try {
      let store = new SqliteStore(join(dir, 'db'));
      await store.logs.append('g', 's', [{ timestamp: 1, message: 'héllo' }, { timestamp: 2, message: 'world' }]);
      assert.equal(await store.logs.storedBytes(), 11);
      await store.close();
      store = new SqliteStore(join(dir, 'db'));
      assert.equal(await store.logs.storedBytes(), 11);
      assert.deepEqual(await store.logs.deleteOldest(1, 10), { events: 1, bytes: 6 });
      assert.equal(await store.logs.storedBytes(), 5);
      assert.deepEqual((await store.logs.read('g', 's')).map((e) => e.message), ['world']);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
