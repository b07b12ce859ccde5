// The digests SQS returns (SDKs refuse answers whose digests do not match what they compute).
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { md5Hex, md5OfAttributes } from '../../src/services/sqs/md5.js';

describe('sqs md5', () => {
  test('MD5OfMessageBody is the MD5 of the UTF-8 body', () => {
    assert.equal(md5Hex('hello'), '5d41402abc4b2a76b9719d911017c592');
    // Multi-byte characters are hashed as their UTF-8 bytes, not UTF-16 units.
    assert.equal(md5Hex('é😀'), '62b3afe3b01f6f80152b567d9b216cde');
  });

  test('MD5OfMessageAttributes matches values published with AWS-validated clients', () => {
    // Values from public SQS clients' tests against AWS (one string attribute; a Number and a String).
    assert.equal(md5OfAttributes({ SellerName: { DataType: 'String', StringValue: 'Example Store' } }), 'cd28f3b68aeee4b2eac9c66f2f694b58');
    assert.equal(
      md5OfAttributes({ ordinal: { DataType: 'Number', StringValue: '1' }, category: { DataType: 'String', StringValue: 'test' } }),
      'd21ae90c49061e927f57df5f5d72be1f',
    );
  });

  test('attributes are hashed in name order, whatever order they came in', () => {
    const a = md5OfAttributes({ b: { DataType: 'String', StringValue: '2' }, a: { DataType: 'String', StringValue: '1' } });
    const b = md5OfAttributes({ a: { DataType: 'String', StringValue: '1' }, b: { DataType: 'String', StringValue: '2' } });
    assert.equal(a, b);
  });

  test('binary values use transport type 2 and their raw bytes', () => {
    // Built by hand from SQS's documented layout: len(name) name len(type) type 0x02 len(value) value.
    const parts = [Buffer.from([0, 0, 0, 1]), Buffer.from('b'), Buffer.from([0, 0, 0, 6]), Buffer.from('Binary'), Buffer.from([2]), Buffer.from([0, 0, 0, 2]), Buffer.from('yy')];
    const expected = createHash('md5').update(Buffer.concat(parts)).digest('hex');
    assert.equal(md5OfAttributes({ b: { DataType: 'Binary', BinaryValue: Buffer.from('yy') } }), expected);
    // A string attribute with the same bytes hashes differently (transport byte 1).
    assert.notEqual(md5OfAttributes({ b: { DataType: 'Binary', BinaryValue: Buffer.from('yy') } }), md5OfAttributes({ b: { DataType: 'Binary', StringValue: 'yy' } }));
  });

  test('no attributes: no digest (SQS omits the field)', () => {
    assert.equal(md5OfAttributes(undefined), undefined);
    assert.equal(md5OfAttributes({}), undefined);
  });
});
