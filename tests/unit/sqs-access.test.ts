// What each SQS operation asks IAM for: AWS's actions on the queue's ARN (from its URL, whichever account owns it),
// batch operations as their single-message action, tag condition keys, move tasks on their queues.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { SQS_ACCESS, sqsAccess } from '../../src/services/sqs/access.js';
import { taskHandle } from '../../src/services/sqs/move-tasks.js';
import { loadModel } from '../../src/protocol/model.js';
import type { RequestContext } from '../../src/services/types.js';

const ctx = { region: 'us-east-1', accountId: '111111111111' } as RequestContext;
const URL_B = 'http://localhost:4566/222222222222/q';
const ARN_B = 'arn:aws:sqs:us-east-1:222222222222:q';

describe('sqs access map', () => {
  test('every operation of the model is mapped, to an action of the authorization reference', () => {
    const reference = JSON.parse(readFileSync(new URL('../../models/iam-authorization/sqs.json', import.meta.url), 'utf8')) as { actions: { name: string }[] };
    const actions = new Set(reference.actions.map((a) => `sqs:${a.name}`));
    for (const op of loadModel('sqs').operationNames) {
      assert.ok(SQS_ACCESS[op], op);
      for (const req of sqsAccess(op, { QueueUrl: URL_B, SourceArn: ARN_B, QueueName: 'q' }, ctx)) assert.ok(actions.has(req.action), `${op}: ${req.action}`);
    }
  });

  test("the queue's ARN comes from its URL (another account's queue is that account's resource)", () => {
    assert.deepEqual(sqsAccess('SendMessage', { QueueUrl: URL_B }, ctx), [{ action: 'sqs:SendMessage', resource: ARN_B }]);
    assert.deepEqual(sqsAccess('SendMessageBatch', { QueueUrl: URL_B }, ctx), [{ action: 'sqs:SendMessage', resource: ARN_B }]);
    assert.deepEqual(sqsAccess('DeleteMessageBatch', { QueueUrl: URL_B }, ctx), [{ action: 'sqs:DeleteMessage', resource: ARN_B }]);
    assert.deepEqual(sqsAccess('ChangeMessageVisibilityBatch', { QueueUrl: URL_B }, ctx), [{ action: 'sqs:ChangeMessageVisibility', resource: ARN_B }]);
    assert.deepEqual(sqsAccess('ReceiveMessage', { QueueUrl: 'garbage' }, ctx), [{ action: 'sqs:ReceiveMessage', resource: '*' }]);
    assert.deepEqual(sqsAccess('ListQueues', {}, ctx), [{ action: 'sqs:ListQueues', resource: '*' }]);
    assert.deepEqual(sqsAccess('GetQueueUrl', { QueueName: 'q', QueueOwnerAWSAccountId: '222222222222' }, ctx), [{ action: 'sqs:GetQueueUrl', resource: ARN_B }]);
  });

  test('CreateQueue and TagQueue carry the request tags; UntagQueue the keys', () => {
    assert.deepEqual(sqsAccess('CreateQueue', { QueueName: 'n', tags: { team: 'a' } }, ctx), [
      { action: 'sqs:CreateQueue', resource: 'arn:aws:sqs:us-east-1:111111111111:n', conditions: { 'aws:RequestTag/team': 'a', 'aws:TagKeys': ['team'] } },
    ]);
    assert.deepEqual(sqsAccess('UntagQueue', { QueueUrl: URL_B, TagKeys: ['team'] }, ctx), [{ action: 'sqs:UntagQueue', resource: ARN_B, conditions: { 'aws:TagKeys': ['team'] } }]);
  });

  test('move tasks: read and delete on the source, send on the destination; cancel on the source the handle names', () => {
    const dest = 'arn:aws:sqs:us-east-1:111111111111:d';
    assert.deepEqual(
      sqsAccess('StartMessageMoveTask', { SourceArn: ARN_B, DestinationArn: dest }, ctx).map((r) => `${r.action} ${r.resource}`),
      [`sqs:StartMessageMoveTask ${ARN_B}`, `sqs:ReceiveMessage ${ARN_B}`, `sqs:DeleteMessage ${ARN_B}`, `sqs:SendMessage ${dest}`],
    );
    assert.deepEqual(sqsAccess('CancelMessageMoveTask', { TaskHandle: taskHandle('t', ARN_B) }, ctx), [{ action: 'sqs:CancelMessageMoveTask', resource: ARN_B }]);
  });
});
