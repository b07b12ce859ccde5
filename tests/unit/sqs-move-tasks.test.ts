// Message move tasks: their state machine and a task run over a queue store.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { MoveTask, taskHandle, taskSourceArn } from '../../src/services/sqs/move-tasks.js';

const SRC = 'arn:aws:sqs:us-east-1:000000000000:dlq';

describe('sqs move task lifecycle', () => {
  test('RUNNING → COMPLETED | FAILED | CANCELLING → CANCELLED; finished tasks stay finished', () => {
    const allowed: [string, string][] = [
      ['RUNNING', 'COMPLETED'],
      ['RUNNING', 'FAILED'],
      ['RUNNING', 'CANCELLING'],
      ['CANCELLING', 'CANCELLED'],
      ['CANCELLING', 'FAILED'],
    ];
    const states = ['RUNNING', 'COMPLETED', 'CANCELLING', 'CANCELLED', 'FAILED'] as const;
    const path: Record<string, (typeof states)[number][]> = {
      RUNNING: [],
      CANCELLING: ['CANCELLING'],
      COMPLETED: ['COMPLETED'],
      CANCELLED: ['CANCELLING', 'CANCELLED'],
      FAILED: ['FAILED'],
    };
    for (const from of states) {
      for (const to of states) {
        const t = new MoveTask('h', SRC, undefined, undefined, 0, 0);
        for (const step of path[from] ?? []) t.transition(step);
        assert.equal(t.status, from);
        const ok = allowed.some(([f, s]) => f === from && s === to);
        if (ok) {
          t.transition(to);
          assert.equal(t.status, to);
        } else {
          assert.throws(() => t.transition(to), /no transition/, `${from} → ${to}`);
        }
      }
    }
  });

  test('only a running task shows its handle', () => {
    const t = new MoveTask('h', SRC, undefined, 10, 5, 1000);
    assert.deepEqual(t.entry(), {
      Status: 'RUNNING',
      SourceArn: SRC,
      TaskHandle: 'h',
      ApproximateNumberOfMessagesMoved: 0,
      ApproximateNumberOfMessagesToMove: 5,
      MaxNumberOfMessagesPerSecond: 10,
      StartedTimestamp: 1000,
    });
    t.transition('COMPLETED');
    assert.equal(t.entry().TaskHandle, undefined);
  });

  test('task handles carry their source queue; others name none', () => {
    assert.equal(taskSourceArn(taskHandle('id', SRC)), SRC);
    assert.equal(taskSourceArn('garbage'), undefined);
    assert.equal(taskSourceArn(Buffer.from('{"sourceArn":"arn:aws:s3:::b"}').toString('base64')), undefined);
  });
});
