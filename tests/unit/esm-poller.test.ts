// Queue mapping pollers (event-source-mappings/poller.ts) against a fake SQS (ServiceCalls) and a fake function:
// what is invoked, what is deleted and what is left to the visibility timeout, per outcome.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';

import { AwsError } from '../../src/protocol/errors.js';
import type { CallerIdentity } from '../../src/services/identity.js';
import type { ServiceCalls } from '../../src/services/types.js';
import { compileFilters } from '../../src/services/lambda/event-source-mappings/filters.js';
import {
  failedItems,
  PollerGroup,
  type InvokeOutcome,
  type PollerSettings,
} from '../../src/services/lambda/event-source-mappings/poller.js';
import type { SqsRecord } from '../../src/services/lambda/event-source-mappings/records.js';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:q';
const ROLE: CallerIdentity = {
  kind: 'assumed-role',
  accountId: '123456789012',
  arn: 'arn:aws:sts::123456789012:assumed-role/r/fn',
  userId: 'AROAEXAMPLE:fn',
  accessKeyId: 'ASIAEXAMPLE',
};

interface FakeMessage {
  id: string;
  body: string;
  leased: boolean;
  receives: number;
  handle: string;
}

/** An in-memory queue behind ServiceCalls: ReceiveMessage (long polls wake on send), DeleteMessageBatch. */
class FakeSqs implements ServiceCalls {
  readonly messages: FakeMessage[] = [];
  readonly deleted: string[] = [];
  readonly callers: CallerIdentity[] = [];
  deny: string | undefined;
  /** The queue's VisibilityTimeout as GetQueueAttributes answers it; undefined: the call fails. */
  visibilitySeconds: number | undefined;
  private waiters: (() => void)[] = [];
  private n = 0;

  send(...bodies: string[]): void {
    for (const body of bodies) {
      const id = `m-${++this.n}`;
      this.messages.push({ id, body, leased: false, receives: 0, handle: '' });
    }
    for (const w of this.waiters.splice(0)) w();
  }

  /** Leased messages become visible again (their visibility timeout passed). */
  expireLeases(): void {
    for (const m of this.messages) m.leased = false;
    for (const w of this.waiters.splice(0)) w();
  }

  close(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  async call(
    _svc: string,
    op: string,
    input: Record<string, unknown>,
    caller: CallerIdentity,
    _facts?: unknown,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown> | undefined> {
    this.callers.push(caller);
    if (this.deny === op) throw new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sqs:${op}`, { status: 403 });
    if (op === 'ReceiveMessage') {
      const max = input['MaxNumberOfMessages'] as number;
      let visible = this.messages.filter((m) => !m.leased);
      if (visible.length === 0 && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          this.waiters.push(resolve);
          signal?.addEventListener('abort', () => resolve());
          setTimeout(resolve, ((input['WaitTimeSeconds'] as number) ?? 0) * 1000).unref();
        });
        // An aborted long poll answers with nothing, as SQS's store does.
        if (signal?.aborted) return {};
        visible = this.messages.filter((m) => !m.leased);
      }
      const taken = visible.slice(0, max);
      for (const m of taken) {
        m.leased = true;
        m.receives++;
        m.handle = `${m.id}#${m.receives}`;
      }
      return {
        Messages: taken.map((m) => ({
          MessageId: m.id,
          ReceiptHandle: m.handle,
          MD5OfBody: 'md5',
          Body: m.body,
          Attributes: { SenderId: 'AIDA', ApproximateFirstReceiveTimestamp: '2', ApproximateReceiveCount: String(m.receives), SentTimestamp: '1' },
        })),
      };
    }
    if (op === 'GetQueueAttributes') {
      if (this.visibilitySeconds === undefined) throw new AwsError('AccessDenied', 'not allowed', { status: 403 });
      return { Attributes: { VisibilityTimeout: String(this.visibilitySeconds) } };
    }
    if (op === 'DeleteMessageBatch') {
      for (const e of input['Entries'] as { ReceiptHandle: string }[]) {
        const i = this.messages.findIndex((m) => m.handle === e.ReceiptHandle);
        if (i >= 0) this.deleted.push(...this.messages.splice(i, 1).map((m) => m.id));
      }
      return { Successful: [], Failed: [] };
    }
    throw new Error(`unexpected ${op}`);
  }
}

function settings(over: Partial<PollerSettings> = {}): PollerSettings {
  return {
    uuid: 'u',
    queueArn: QUEUE_ARN,
    queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
    queueRegion: 'us-east-1',
    batchSize: 10,
    windowMs: 0,
    reportBatchItemFailures: false,
    filter: undefined,
    maximumConcurrency: 2,
    ...over,
  };
}

function harness(
  over: Partial<PollerSettings>,
  respond: (records: SqsRecord[]) => InvokeOutcome | Promise<InvokeOutcome>,
  concurrency: () => number = () => 1000,
) {
  const sqs = new FakeSqs();
  const batches: SqsRecord[][] = [];
  const problems: (string | undefined)[] = [];
  const group = new PollerGroup(settings(over), {
    sqs: () => sqs,
    identity: async () => ROLE,
    invoke: async (payload) => {
      const records = (JSON.parse(payload.toString()) as { Records: SqsRecord[] }).Records;
      batches.push(records);
      return respond(records);
    },
    functionConcurrency: concurrency,
    report: (p) => problems.push(p),
    now: Date.now,
    log: { warn: () => undefined },
    problemRetryMs: 20,
  });
  const stop = async (): Promise<void> => {
    await group.stop({ abandon: true, graceMs: 1000 });
    sqs.close();
  };
  return { sqs, batches, problems, group, stop };
}

async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const ok = (): InvokeOutcome => ({ kind: 'ok', payload: Buffer.from('null') });

test('a successful batch is deleted; records carry the queue and the role polled', async () => {
  const h = harness({}, ok);
  h.group.start();
  h.sqs.send(...Array.from({ length: 25 }, (_, i) => `body-${i}`));
  await until('all 25 deleted', () => h.sqs.deleted.length === 25);
  await h.stop();
  assert.ok(h.batches.every((b) => b.length <= 10), 'at most BatchSize records per invocation');
  const r = h.batches[0]?.[0];
  assert.ok(r);
  assert.equal(r.eventSource, 'aws:sqs');
  assert.equal(r.eventSourceARN, QUEUE_ARN);
  assert.equal(r.awsRegion, 'us-east-1');
  assert.ok(h.sqs.callers.every((c) => c === ROLE), 'every SQS call is made as the execution role');
});

test('a function error leaves the whole batch to its visibility timeout', async () => {
  const h = harness({}, () => ({ kind: 'function-error' }));
  h.group.start();
  h.sqs.send('a', 'b', 'c');
  await until('one invocation', () => h.batches.length >= 1);
  await h.stop();
  assert.equal(h.sqs.deleted.length, 0);
  assert.equal(h.sqs.messages.length, 3);
});

test('ReportBatchItemFailures: all but the reported messages are deleted', async () => {
  const h = harness({ reportBatchItemFailures: true }, (records) => ({
    kind: 'ok',
    payload: Buffer.from(JSON.stringify({ batchItemFailures: records.filter((r) => r.body.endsWith('7')).map((r) => ({ itemIdentifier: r.messageId })) })),
  }));
  h.group.start();
  h.sqs.send(...Array.from({ length: 20 }, (_, i) => `body-${i}`));
  await until('18 deleted', () => h.sqs.deleted.length === 18);
  await h.stop();
  assert.deepEqual(h.sqs.messages.map((m) => m.body).sort(), ['body-17', 'body-7']);
});

test('ReportBatchItemFailures: a malformed report fails the whole batch', async () => {
  const h = harness({ reportBatchItemFailures: true }, () => ({ kind: 'ok', payload: Buffer.from('{"batchItemFailures":[{"foo":"notvalid"}]}') }));
  h.group.start();
  h.sqs.send('x', 'y');
  await until('an invocation', () => h.batches.length >= 1);
  await h.stop();
  assert.equal(h.sqs.deleted.length, 0);
});

test('FilterCriteria: records no filter matches are deleted without an invocation', async () => {
  const filter = compileFilters({ Filters: [{ Pattern: JSON.stringify({ body: { k: ['v'] } }) }] });
  const h = harness({ filter }, ok);
  h.group.start();
  h.sqs.send('{"k":"v"}', '{"k":"w"}', 'plain text');
  await until('all three deleted', () => h.sqs.deleted.length === 3);
  await h.stop();
  assert.deepEqual(h.batches.flat().map((r) => r.body), ['{"k":"v"}']);
});

test('a batching window gathers more than ten messages into one invocation', async () => {
  const h = harness({ batchSize: 25, windowMs: 300, maximumConcurrency: 2 }, ok);
  h.sqs.send(...Array.from({ length: 25 }, (_, i) => `b${i}`));
  h.group.start();
  await until('all deleted', () => h.sqs.deleted.length === 25);
  await h.stop();
  assert.equal(Math.max(...h.batches.map((b) => b.length)) > 10, true, `batches: ${h.batches.map((b) => b.length).join(',')}`);
});

test('a throttled batch is left in the queue and retried after its visibility timeout', async () => {
  let throttle = true;
  const h = harness({ maximumConcurrency: 2 }, () => (throttle ? { kind: 'throttled', timeoutMs: 1000 } : ok()));
  h.group.start();
  h.sqs.send('t');
  await until('a throttled invocation', () => h.batches.length >= 1);
  assert.equal(h.sqs.deleted.length, 0);
  throttle = false;
  h.sqs.expireLeases();
  await until('deleted after the retry', () => h.sqs.deleted.length === 1, 10_000);
  await h.stop();
});

test('a role SQS refuses is reported as the mapping\'s problem, and cleared once it works', async () => {
  const h = harness({ maximumConcurrency: 2 }, ok);
  h.sqs.deny = 'ReceiveMessage';
  h.group.start();
  await until('a problem', () => h.problems.some((p) => p !== undefined));
  const problem = h.problems.find((p) => p !== undefined) ?? '';
  assert.equal(problem, 'PROBLEM: The function execution role does not have permissions to call ReceiveMessage on SQS');
  assert.equal(h.batches.length, 0);
  h.sqs.deny = undefined;
  h.sqs.send('after');
  await until('processed once allowed', () => h.sqs.deleted.length === 1);
  await h.stop();
  assert.equal(h.problems.at(-1), undefined, 'the problem is cleared by a successful batch');
});

test('batchItemFailures rules: empty and null responses succeed; bad identifiers fail the batch', () => {
  const ids = new Set(['a', 'b']);
  const parse = (text: string) => {
    const r = failedItems(Buffer.from(text), ids);
    return r === 'all' ? 'all' : [...r].sort();
  };
  assert.deepEqual(parse(''), []);
  assert.deepEqual(parse('null'), []);
  assert.deepEqual(parse('{}'), []);
  assert.deepEqual(parse('{"batchItemFailures":null}'), []);
  assert.deepEqual(parse('{"batchItemFailures":[]}'), []);
  assert.deepEqual(parse('{"batchItemFailures":[{"itemIdentifier":"b"}]}'), ['b']);
  assert.equal(parse('not json'), 'all');
  assert.equal(parse('{"batchItemFailures":[{"itemIdentifier":""}]}'), 'all');
  assert.equal(parse('{"batchItemFailures":[{"itemIdentifier":null}]}'), 'all');
  assert.equal(parse('{"batchItemFailures":[{"foo":"a"}]}'), 'all');
  assert.equal(parse('{"batchItemFailures":[{"itemIdentifier":"zzz"}]}'), 'all');
  assert.equal(parse('{"batchItemFailures":"a"}'), 'all');
});

test('disabling aborts the open long polls: nothing polls afterwards and new messages stay in the queue', async () => {
  const h = harness({ maximumConcurrency: 2 }, ok);
  h.group.start();
  // Let the pollers settle into their long polls (WaitTimeSeconds 5), then disable (stop without abandoning).
  await new Promise((r) => setTimeout(r, 20));
  const started = Date.now();
  await h.group.stop({ abandon: false, graceMs: 10_000 });
  assert.ok(Date.now() - started < 1000, 'the long polls were aborted, not waited out');
  assert.equal(h.group.pollers, 0);
  h.sqs.send('after');
  await new Promise((r) => setImmediate(r));
  assert.equal(h.sqs.messages[0]?.receives, 0, 'no poller took the message');
  assert.equal(h.batches.length, 0);
  h.sqs.close();
});

test('MaximumConcurrency caps concurrent invocations; a backlog grows pollers up to it', async () => {
  let running = 0;
  let peak = 0;
  const slow = async (): Promise<InvokeOutcome> => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 30));
    running--;
    return ok();
  };
  const capped = harness({ maximumConcurrency: 2 }, slow);
  capped.sqs.send(...Array.from({ length: 100 }, (_, i) => `c${i}`));
  capped.group.start();
  await until('capped drain', () => capped.sqs.deleted.length === 100);
  await capped.stop();
  assert.equal(peak, 2);

  peak = 0;
  const growing = harness({ maximumConcurrency: 8 }, slow);
  growing.sqs.send(...Array.from({ length: 600 }, (_, i) => `g${i}`));
  growing.group.start();
  await until('growing drain', () => growing.sqs.deleted.length === 600, 10_000);
  await growing.stop();
  assert.ok(peak > 5, `grew beyond the initial five pollers (peak ${peak})`);
  assert.ok(peak <= 8, `never above MaximumConcurrency (peak ${peak})`);
});

test('a function reserved at zero concurrency is not polled: its messages keep their receive counts', async () => {
  let reserved = 0;
  const h = harness({ maximumConcurrency: 2 }, ok, () => reserved);
  h.sqs.send('waiting');
  h.group.start();
  // Give the pollers a chance to (wrongly) receive: a receive would lease the message synchronously here.
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(h.sqs.messages[0]?.receives, 0);
  reserved = 10;
  await until('processed once concurrency is back', () => h.sqs.deleted.length === 1);
  await h.stop();
});

test('a throttled batch is invoked again while its lease still covers a whole invocation', async () => {
  let throttles = 2;
  const h = harness({ maximumConcurrency: 2 }, (): InvokeOutcome => (throttles-- > 0 ? { kind: 'throttled', timeoutMs: 1000 } : ok()));
  h.sqs.visibilitySeconds = 30;
  h.group.start();
  h.sqs.send('retry-me');
  await until('deleted', () => h.sqs.deleted.length === 1);
  await h.stop();
  assert.equal(h.batches.length, 3, 'two throttled attempts, then the one that ran');
  assert.equal(h.batches.every((b) => b[0]?.attributes['ApproximateReceiveCount'] === '1'), true, 'one receive only');
});

test('a throttled batch whose lease cannot cover another invocation is left to its visibility timeout', async () => {
  const h = harness({ maximumConcurrency: 2 }, (): InvokeOutcome => ({ kind: 'throttled', timeoutMs: 3000 }));
  h.sqs.visibilitySeconds = 3;
  h.group.start();
  h.sqs.send('no-retry');
  await until('one attempt', () => h.batches.length >= 1);
  await h.stop();
  assert.equal(h.batches.length, 1);
  assert.equal(h.sqs.deleted.length, 0);
});
