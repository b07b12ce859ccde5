// Receipt handles: what they carry comes back intact, and anything not minted under this database's key (another
// key, one character changed, garbage of the right length) is refused.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';

import { ReceiptHandles } from '../../src/store/sqlite/queues/receipt-handles.js';

const handles = new ReceiptHandles(randomBytes(32));

test('a handle carries queue, message and lease back, up to the largest ids', () => {
  for (const parts of [
    { queueId: 1, messageId: 1, receiveCount: 1 },
    { queueId: 0xffffffff, messageId: 2 ** 48 - 1, receiveCount: 0xffffffff },
  ]) {
    const h = handles.mint(parts.queueId, parts.messageId, parts.receiveCount);
    assert.match(h, /^[A-Za-z0-9_-]{42}$/);
    assert.deepEqual(handles.parse(h), parts);
  }
  assert.notEqual(handles.mint(1, 1, 1), handles.mint(1, 1, 2), 'each lease has its own handle');
});

test('a handle from another key, altered, truncated or made up is refused', () => {
  const h = handles.mint(7, 12345, 3);
  assert.equal(new ReceiptHandles(randomBytes(32)).parse(h), undefined);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < h.length; i++) {
    const c = h[i] as string;
    const other = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length] as string;
    const altered = h.slice(0, i) + other + h.slice(i + 1);
    assert.equal(handles.parse(altered), undefined, `character ${i} altered`);
  }
  assert.equal(handles.parse(h.slice(0, -1)), undefined);
  assert.equal(handles.parse(`${h}A`), undefined);
  assert.equal(handles.parse(''), undefined);
  assert.equal(handles.parse('A'.repeat(42)), undefined);
  assert.equal(handles.parse(`${h.slice(0, 20)}.${h.slice(21)}`), undefined, 'a character outside the alphabet');
});
