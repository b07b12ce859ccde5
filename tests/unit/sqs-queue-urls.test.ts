// Queue URLs: Lambent's form and AWS's hosts are read back to the same queue; anything else names none.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { isValidQueueName, parseQueueArn } from '../../src/store/queue-types.js';
import { parseQueueUrl, queueArn, queueUrl } from '../../src/services/sqs/queue-urls.js';

describe('sqs queue URLs', () => {
  test("Lambent's URL is AWS's path on Lambent's endpoint, and reads back in the request's region", () => {
    const url = queueUrl('http://127.0.0.1:4566/', '123456789012', 'orders');
    assert.equal(url, 'http://127.0.0.1:4566/123456789012/orders');
    assert.deepEqual(parseQueueUrl(url, 'eu-west-1'), { accountId: '123456789012', region: 'eu-west-1', name: 'orders' });
  });

  test("AWS's hosts name their region", () => {
    assert.deepEqual(parseQueueUrl('https://sqs.us-west-2.amazonaws.com/123456789012/q.fifo', 'us-east-1'), {
      accountId: '123456789012',
      region: 'us-west-2',
      name: 'q.fifo',
    });
    assert.deepEqual(parseQueueUrl('https://queue.amazonaws.com/123456789012/q', 'us-east-1'), { accountId: '123456789012', region: 'us-east-1', name: 'q' });
    assert.deepEqual(parseQueueUrl('https://ap-south-1.queue.amazonaws.com/123456789012/q', 'us-east-1')?.region, 'ap-south-1');
  });

  test('what is not a queue URL names no queue', () => {
    for (const bad of [
      '',
      'q',
      'ftp://host/123456789012/q',
      'http://host/123456789012',
      'http://host/12345/q',
      'http://host/123456789012/q/extra',
      'http://host/123456789012/bad name',
      `http://host/123456789012/${'a'.repeat(81)}`,
      'http://host/123456789012/%E0%A4%A',
      `http://host/${'x'.repeat(5000)}`,
    ]) {
      assert.equal(parseQueueUrl(bad, 'us-east-1'), undefined, bad);
    }
  });

  test('ARNs', () => {
    assert.equal(queueArn('us-east-1', '123456789012', 'q'), 'arn:aws:sqs:us-east-1:123456789012:q');
    assert.deepEqual(parseQueueArn('arn:aws:sqs:us-east-1:123456789012:q'), { region: 'us-east-1', accountId: '123456789012', name: 'q' });
    assert.equal(parseQueueArn('arn:aws:sns:us-east-1:123456789012:q'), undefined);
    assert.equal(parseQueueArn('arn:aws:sqs:us-east-1:123:q'), undefined);
  });

  test('names: 1–80 of [A-Za-z0-9_-], .fifo counted in the 80', () => {
    assert.ok(isValidQueueName('a'));
    assert.ok(isValidQueueName('A-z_0'.padEnd(80, 'x')));
    assert.ok(isValidQueueName(`${'a'.repeat(75)}.fifo`));
    assert.ok(!isValidQueueName(`${'a'.repeat(76)}.fifo`));
    assert.ok(!isValidQueueName('a'.repeat(81)));
    assert.ok(!isValidQueueName(''));
    assert.ok(!isValidQueueName('a.b'));
    assert.ok(!isValidQueueName('a b'));
  });
});
