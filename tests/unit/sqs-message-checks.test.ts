// What SQS accepts in a message: the characters of bodies and attribute values, attribute names and types, ids.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { thrown } from '../helpers/aws-error.js';
import { checkBatch, checkCharacters, checkIdToken, checkMessageAttributes } from '../../src/services/sqs/message-checks.js';

describe('sqs message checks', () => {
  test('characters: #x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF', () => {
    for (const ok of ['plain', '\t\n\r', ' ~', '\uD7FF', '\uE000', '\uFFFD', '😀', '\u{10FFFF}', '']) checkCharacters(ok);
    for (const bad of ['\u0000', '\u0008', '\u000B', '\u001F', '\uFFFE', '\uFFFF', '\uD800', 'a\uDC00b', '\uD83D']) {
      const e = thrown(() => checkCharacters(bad));
      assert.equal(e.code, 'InvalidMessageContents', JSON.stringify(bad));
    }
  });

  test('attribute names, types and values', () => {
    const one = (name: string, v: Record<string, unknown>): string => thrown(() => checkMessageAttributes({ [name]: v })).message;
    assert.match(one('AWS.trace', { DataType: 'String', StringValue: 'x' }), /reserved for internal use/);
    assert.match(one('amazon.x', { DataType: 'String', StringValue: 'x' }), /reserved for internal use/);
    assert.match(one('.lead', { DataType: 'String', StringValue: 'x' }), /must not start or end with a period/);
    assert.match(one('a..b', { DataType: 'String', StringValue: 'x' }), /successive periods/);
    assert.match(one('sp ace', { DataType: 'String', StringValue: 'x' }), /is invalid/);
    assert.match(one('n', { DataType: 'Number', StringValue: 'ten' }), /Can't cast the value of message \(user\) attribute 'n' to a number\./);
    assert.match(one('s', { DataType: 'String' }), /must contain non-empty message attribute value for message attribute type 'String'\./);
    assert.match(one('b', { DataType: 'Binary', StringValue: 'x' }), /with type 'Binary'/);
    assert.match(one('t', { DataType: 'Integer', StringValue: '1' }), /supported type prefixes: Binary, Number, String/);
    // Custom type suffixes are allowed and count toward the size.
    const ok = checkMessageAttributes({ price: { DataType: 'Number.float', StringValue: '1.5' }, raw: { DataType: 'Binary.gz', BinaryValue: new Uint8Array([1, 2]) } });
    assert.equal(ok.bytes, 'price'.length + 'Number.float'.length + 3 + 'raw'.length + 'Binary.gz'.length + 2);
    assert.ok(Buffer.isBuffer(ok.attributes?.['raw']?.BinaryValue));
  });

  test('group and deduplication ids: 1–128 of alphanumerics and punctuation', () => {
    checkIdToken('a-b_c.d!~', 'MessageGroupId');
    checkIdToken('x'.repeat(128), 'MessageGroupId');
    assert.equal(thrown(() => checkIdToken('x'.repeat(129), 'MessageGroupId')).code, 'InvalidParameterValue');
    assert.equal(thrown(() => checkIdToken('sp ace', 'MessageDeduplicationId')).code, 'InvalidParameterValue');
  });

  test('batches: empty, too many, bad ids, repeated ids, in that order', () => {
    assert.equal(thrown(() => checkBatch([], 'DeleteMessageBatchRequestEntry')).message, 'There should be at least one DeleteMessageBatchRequestEntry in the request.');
    assert.equal(thrown(() => checkBatch(Array.from({ length: 11 }, () => ({ Id: 'a' })), 'X')).code, 'TooManyEntriesInBatchRequest');
    assert.equal(thrown(() => checkBatch([{ Id: 'ok' }, { Id: 'no!' }], 'X')).code, 'InvalidBatchEntryId');
    assert.equal(thrown(() => checkBatch([{ Id: 'a'.repeat(81) }], 'X')).code, 'InvalidBatchEntryId');
    assert.equal(thrown(() => checkBatch([{ Id: 'a' }, { Id: 'a' }], 'X')).message, 'Id a repeated.');
  });
});
