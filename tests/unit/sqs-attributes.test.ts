// Queue attributes: limits, AWS's messages, redrive rules, and the settings the engine gets.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { thrown } from '../helpers/aws-error.js';
import { defaultAttributes, firstDifference, mergeAttributes, settingsOf, validateAttributes } from '../../src/services/sqs/attributes.js';
import type { QueueRow } from '../../src/store/queue-types.js';

const ARN = 'arn:aws:sqs:us-east-1:000000000000:src';

function queue(name: string, fifo: boolean, attributes: Record<string, string> = {}): QueueRow {
  const attrs = { ...defaultAttributes(fifo), ...attributes };
  return {
    accountId: '000000000000',
    region: 'us-east-1',
    name,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    createdAt: 0,
    lastModifiedAt: 0,
    attributes: attrs,
    tags: {},
    settings: settingsOf(attrs),
  };
}

const dlq = queue('dlq', false);
const fifoDlq = queue('dlq.fifo', true);
const byArn = (arn: string): QueueRow | undefined => [dlq, fifoDlq].find((q) => q.arn === arn);

function check(attrs: Record<string, string>, fifo = false, creating = true): Record<string, string> {
  return validateAttributes(attrs, { fifo, creating, arn: ARN, byArn });
}

describe('sqs queue attributes', () => {
  test('integer limits, inclusive, with AWS\'s message beyond them', () => {
    const limits: [string, number, number][] = [
      ['VisibilityTimeout', 0, 43200],
      ['DelaySeconds', 0, 900],
      ['MessageRetentionPeriod', 60, 1209600],
      ['MaximumMessageSize', 1024, 1048576],
      ['ReceiveMessageWaitTimeSeconds', 0, 20],
    ];
    for (const [name, min, max] of limits) {
      assert.deepEqual(check({ [name]: String(min) }), { [name]: String(min) });
      assert.deepEqual(check({ [name]: String(max) }), { [name]: String(max) });
      for (const bad of [String(min - 1), String(max + 1), 'abc', '1.5', '']) {
        const e = thrown(() => check({ [name]: bad }));
        assert.equal(e.code, 'InvalidAttributeValue');
        assert.equal(e.message, `Invalid value for the parameter ${name}.`);
      }
    }
  });

  test('unknown and read-only names are InvalidAttributeName "Unknown Attribute X."', () => {
    for (const name of ['Bogus', 'QueueArn', 'ApproximateNumberOfMessages', 'CreatedTimestamp']) {
      const e = thrown(() => check({ [name]: '1' }));
      assert.equal(e.code, 'InvalidAttributeName');
      assert.equal(e.message, `Unknown Attribute ${name}.`);
    }
    // FIFO-only attributes do not exist on standard queues.
    assert.equal(thrown(() => check({ ContentBasedDeduplication: 'true' })).message, 'Unknown Attribute ContentBasedDeduplication.');
    assert.deepEqual(check({ ContentBasedDeduplication: 'TRUE' }, true), { ContentBasedDeduplication: 'true' });
  });

  test('FifoQueue is given at creation only', () => {
    const e = thrown(() => check({ FifoQueue: 'true' }, true, false));
    assert.equal(e.code, 'InvalidAttributeValue');
    assert.equal(e.message, 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.');
  });

  test('RedrivePolicy: mandatory fields, maxReceiveCount 1–1000, an existing DLQ of the same type; normalized', () => {
    assert.deepEqual(check({ RedrivePolicy: `{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":"5"}` }), {
      RedrivePolicy: `{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":5}`,
    });
    const bad = (policy: string, fifo = false): string => thrown(() => check({ RedrivePolicy: policy }, fifo)).message;
    assert.equal(bad('not json'), 'Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.');
    assert.match(bad('{"maxReceiveCount":5}'), /Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn\.$/);
    assert.match(bad(`{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":0}`), /Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive\./);
    assert.match(bad(`{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":1001}`), /from 1 to 1000/);
    assert.match(bad('{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:gone","maxReceiveCount":1}'), /Dead letter target does not exist\./);
    assert.match(bad(`{"deadLetterTargetArn":"${fifoDlq.arn}","maxReceiveCount":1}`), /same type of queue/);
    assert.match(bad(`{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":1}`, true), /same type of queue/);
    assert.equal(thrown(() => check({ RedrivePolicy: '{"maxReceiveCount":5}' })).code, 'InvalidParameterValue');
  });

  test("the DLQ's RedriveAllowPolicy decides which sources may use it", () => {
    const policy = `{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":3}`;
    dlq.attributes['RedriveAllowPolicy'] = '{"redrivePermission":"denyAll"}';
    assert.match(thrown(() => check({ RedrivePolicy: policy })).message, /RedriveAllowPolicy/);
    dlq.attributes['RedriveAllowPolicy'] = JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [ARN] });
    assert.ok(check({ RedrivePolicy: policy })['RedrivePolicy']);
    dlq.attributes['RedriveAllowPolicy'] = JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: ['arn:aws:sqs:us-east-1:000000000000:other'] });
    assert.match(thrown(() => check({ RedrivePolicy: policy })).message, /RedriveAllowPolicy/);
    delete dlq.attributes['RedriveAllowPolicy'];
  });

  test('RedriveAllowPolicy: byQueue needs 1–10 queue ARNs; the others none', () => {
    const arns = (n: number): string[] => Array.from({ length: n }, (_, i) => `arn:aws:sqs:us-east-1:000000000000:q${i}`);
    assert.ok(check({ RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: arns(10) }) }));
    for (const bad of [
      { redrivePermission: 'byQueue', sourceQueueArns: arns(11) },
      { redrivePermission: 'byQueue', sourceQueueArns: [] },
      { redrivePermission: 'byQueue' },
      { redrivePermission: 'allowAll', sourceQueueArns: arns(1) },
      { redrivePermission: 'sometimes' },
    ]) {
      const e = thrown(() => check({ RedriveAllowPolicy: JSON.stringify(bad) }));
      assert.equal(e.code, 'InvalidParameterValue', JSON.stringify(bad));
      assert.match(e.message, /parameter RedriveAllowPolicy is invalid/);
    }
  });

  test('Policy must be a JSON document; an empty value removes it', () => {
    assert.equal(thrown(() => check({ Policy: '[1]' })).message, 'Invalid value for the parameter Policy.');
    const merged = mergeAttributes({ Policy: '{"Statement":[]}', VisibilityTimeout: '30' }, check({ Policy: '' }));
    assert.deepEqual(merged, { VisibilityTimeout: '30' });
  });

  test('KmsMasterKeyId is accepted and echoed, with the default data key reuse period', () => {
    const merged = mergeAttributes(defaultAttributes(false), check({ KmsMasterKeyId: 'alias/aws/sqs' }));
    assert.equal(merged['KmsMasterKeyId'], 'alias/aws/sqs');
    assert.equal(merged['KmsDataKeyReusePeriodSeconds'], '300');
  });

  test('settings for the engine follow the attributes', () => {
    const attrs = mergeAttributes(defaultAttributes(true), check({ VisibilityTimeout: '7', DeduplicationScope: 'messageGroup', RedrivePolicy: `{"deadLetterTargetArn":"${fifoDlq.arn}","maxReceiveCount":2}` }, true));
    assert.deepEqual(settingsOf(attrs), {
      fifo: true,
      visibilityTimeoutSeconds: 7,
      delaySeconds: 0,
      retentionSeconds: 345600,
      deduplicationScope: 'messageGroup',
      redrive: { deadLetterTargetArn: fifoDlq.arn, maxReceiveCount: 2 },
    });
  });

  test('CreateQueue of an existing name compares only what was asked, defaults included', () => {
    const existing = { ...defaultAttributes(false), VisibilityTimeout: '40' };
    assert.equal(firstDifference(existing, {}, false), undefined);
    assert.equal(firstDifference(existing, { VisibilityTimeout: '40', DelaySeconds: '0' }, false), undefined);
    assert.equal(firstDifference(existing, { VisibilityTimeout: '30' }, false), 'VisibilityTimeout');
    assert.equal(firstDifference(existing, { Policy: '{}' }, false), 'Policy');
  });
});
