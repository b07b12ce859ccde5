// The pollers of one queue mapping (a PollerGroup): each poller long-polls the queue as the function's execution
// role (through ServiceCalls, so IAM decides exactly as for any client), gathers a batch (BatchSize within
// MaximumBatchingWindowInSeconds), drops what FilterCriteria rejects (deleting it, as Lambda does), invokes the
// function synchronously and then deletes what was processed:
//
//   success                                   → every record deleted
//   success + ReportBatchItemFailures         → all but the reported items deleted; a malformed report fails all
//   function error, crash, timeout            → nothing deleted: the batch returns after its visibility timeout
//   throttled (function or host concurrency)  → invoked again after 100 ms, doubling, while the batch's lease
//                                               (the queue's VisibilityTimeout) still covers a whole invocation;
//                                               then nothing deleted, the poller backs off and the group shrinks
//   function/role/queue unusable              → nothing deleted; reported as the mapping's LastProcessingResult
//
// Scaling decisions (how many pollers) are scaling.ts's; this file only acts on them.
import { availableParallelism } from 'node:os';
import type { AwsError } from '../../../protocol/errors.js';
import type { CallerIdentity } from '../../identity.js';
import type { ServiceCalls } from '../../types.js';
import type { RecordFilter } from './filters.js';
import { eventPayload, toRecord, type ReceivedSqsMessage, type SqsRecord } from './records.js';
import { defaultMaxPollers, MAX_POLLERS, PollerScaling } from './scaling.js';

/** What a mapping's pollers need to know of it (derived from its configuration when it is enabled or updated). */
export interface PollerSettings {
  uuid: string;
  queueArn: string;
  queueUrl: string;
  queueRegion: string;
  batchSize: number;
  /** MaximumBatchingWindowInSeconds, ms. */
  windowMs: number;
  reportBatchItemFailures: boolean;
  filter: RecordFilter | undefined;
  /** ScalingConfig.MaximumConcurrency, when set. */
  maximumConcurrency: number | undefined;
}

/** What one invocation of the function with a batch came to. */
export type InvokeOutcome =
  | { kind: 'ok'; payload: Buffer }
  | { kind: 'function-error' }
  /** Not run for want of concurrency; `timeoutMs` is the function's Timeout (an invocation's longest run). */
  | { kind: 'throttled'; timeoutMs: number }
  /** The function (version, alias) is missing or not Active: nothing ran. */
  | { kind: 'unavailable'; reason: string };

export interface PollerDeps {
  sqs(): ServiceCalls;
  /** The execution role's session for this mapping's function (rejects when the function or role is gone). */
  identity(): Promise<CallerIdentity>;
  invoke(payload: Buffer): Promise<InvokeOutcome>;
  /** The function's own concurrency cap now (reserved, or the unreserved pool). */
  functionConcurrency(): number;
  /** The mapping's processing problem (LastProcessingResult), or undefined once it works again. */
  report(problem: string | undefined): void;
  now(): number;
  log: { warn(msg: string): void };
  /** After a problem (role, queue, function), how long a poller waits before it tries again (default 5 s). */
  problemRetryMs?: number;
  /** The cap without ScalingConfig (default: defaultMaxPollers of this host's cores). */
  defaultMaxPollers?: number;
}

/** SQS's limit per ReceiveMessage and per DeleteMessageBatch. */
const SQS_BATCH = 10;
/**
 * How long one receive waits for messages: SQS's longest long poll, as Lambda's pollers use. A send wakes it at once,
 * and stopping the group aborts it (the call's signal).
 */
const LONG_POLL_SECONDS = 20;
/** Lambda's synchronous payload limit; a batch stops growing before its records reach it. */
const PAYLOAD_BUDGET = 6 * 1024 * 1024 - 64 * 1024;
/** A throttled batch is invoked again after this long, doubling. */
const THROTTLE_RETRY_FIRST_MS = 100;
/** How long the queue's VisibilityTimeout (read as the role with GetQueueAttributes) is trusted. */
const VISIBILITY_TTL_MS = 60_000;
/** With the function's concurrency at 0, how often a poller looks again. */
const ZERO_CONCURRENCY_RECHECK_MS = 1_000;
/** After a problem (role, queue, function), a poller tries again after this long. */
const PROBLEM_RETRY_MS = 5_000;

export class PollerGroup {
  private stopping = false;
  /** Shutdown: a batch received from now on is left to its visibility timeout instead of being invoked. */
  private abandoned = false;
  private readonly lanes = new Set<Promise<void>>();
  private readonly wake = new AbortController();
  private readonly scaling: PollerScaling;
  /** Pollers between receiving a batch and finishing with it; shutdown waits for these only. */
  private busy = 0;
  private idleWaiters: (() => void)[] = [];
  /** The queue's VisibilityTimeout in ms as last read, and when. */
  private visibility: { ms: number; at: number } | undefined;

  constructor(
    private settings: PollerSettings,
    private readonly deps: PollerDeps,
  ) {
    const defaultMax = deps.defaultMaxPollers ?? defaultMaxPollers(availableParallelism());
    this.scaling = new PollerScaling({
      now: deps.now,
      max: () => Math.max(1, Math.min(this.settings.maximumConcurrency ?? defaultMax, MAX_POLLERS, deps.functionConcurrency())),
    });
  }

  get pollers(): number {
    return this.scaling.pollers;
  }

  start(): void {
    const n = this.scaling.initial();
    for (let i = 0; i < n; i++) this.spawn();
  }

  /** New settings (UpdateEventSourceMapping): pollers pick them up at their next batch. */
  update(settings: PollerSettings): void {
    this.settings = settings;
  }

  /**
   * Stops polling: open long polls are aborted. Without `abandon` (disable, delete) every poller finishes what it is
   * doing (a batch an aborted poll still returned is processed like any in-flight batch), so once this resolves
   * nothing polls. With `abandon` (shutdown) only batches being processed are waited for, and whatever a poll still
   * returns is left to its visibility timeout. Either way it resolves after `graceMs` at the latest.
   */
  async stop(opts: { abandon: boolean; graceMs: number }): Promise<void> {
    this.stopping = true;
    this.abandoned = opts.abandon;
    this.wake.abort();
    const all = Promise.all([...this.lanes]).then(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, opts.graceMs);
      timer.unref();
    });
    await Promise.race([opts.abandon ? this.busyDone() : all, grace]);
    clearTimeout(timer);
  }

  private busyDone(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private spawn(): void {
    this.scaling.started();
    const lane: Promise<void> = this.lane()
      .catch((e: unknown) => this.deps.log.warn(`event source mapping ${this.settings.uuid}: poller failed: ${(e as Error).message}`))
      .finally(() => {
        this.scaling.stopped();
        this.lanes.delete(lane);
      });
    this.lanes.add(lane);
  }

  private async lane(): Promise<void> {
    let idleSince: number | undefined;
    let throttles = 0;
    while (!this.stopping) {
      const settings = this.settings;
      let caller: CallerIdentity;
      try {
        caller = await this.deps.identity();
      } catch (e) {
        this.deps.report(`PROBLEM: ${(e as Error).message}`);
        await this.pause(this.deps.problemRetryMs ?? PROBLEM_RETRY_MS);
        continue;
      }
      if (this.deps.functionConcurrency() <= 0) {
        // Reserved concurrency 0 throttles every invocation: receiving would only spend the messages' receive
        // counts (and send them to the dead-letter queue), so the queue is left alone until it is raised.
        await this.pause(ZERO_CONCURRENCY_RECHECK_MS);
        continue;
      }
      let batch: ReceivedSqsMessage[];
      let firstReceive: number;
      let leasedAt: number;
      try {
        ({ batch, firstReceive, leasedAt } = await this.gather(settings, caller));
      } catch (e) {
        this.deps.report(sqsProblem('ReceiveMessage', 'ReceiveMessage', e as AwsError));
        await this.pause(this.deps.problemRetryMs ?? PROBLEM_RETRY_MS);
        continue;
      }
      if (this.abandoned) return;
      if (batch.length === 0) {
        idleSince ??= this.deps.now();
        if (this.scaling.shouldRetireIdle(idleSince)) return;
        continue;
      }
      idleSince = undefined;
      if (!this.stopping && this.scaling.shouldGrow(firstReceive, Math.min(SQS_BATCH, settings.batchSize))) this.spawn();

      this.busy++;
      let outcome: InvokeOutcome['kind'] | 'filtered';
      try {
        outcome = await this.process(settings, caller, batch, leasedAt);
      } finally {
        this.busy--;
        if (this.busy === 0) for (const w of this.idleWaiters.splice(0)) w();
      }
      if (outcome === 'throttled') {
        throttles++;
        const { waitMs, retire } = this.scaling.onThrottle(throttles);
        if (retire) return;
        await this.pause(waitMs);
      } else if (outcome === 'unavailable') {
        await this.pause(this.deps.problemRetryMs ?? PROBLEM_RETRY_MS);
      } else {
        throttles = 0;
      }
      if (this.scaling.overCap()) return;
    }
  }

  /** Receives up to BatchSize messages: one long poll, then more while the batching window is open. */
  private async gather(
    s: PollerSettings,
    caller: CallerIdentity,
  ): Promise<{ batch: ReceivedSqsMessage[]; firstReceive: number; leasedAt: number }> {
    const batch: ReceivedSqsMessage[] = [];
    let bytes = 0;
    let firstReceive = 0;
    let leasedAt = 0;
    let deadline: number | undefined;
    for (;;) {
      const want = Math.min(SQS_BATCH, s.batchSize - batch.length);
      let waitSeconds = LONG_POLL_SECONDS;
      if (deadline !== undefined) {
        const left = deadline - this.deps.now();
        if (left <= 0) break;
        waitSeconds = Math.min(LONG_POLL_SECONDS, Math.ceil(left / 1000));
      }
      const out = await this.deps.sqs().call(
        'sqs',
        'ReceiveMessage',
        {
          QueueUrl: s.queueUrl,
          MaxNumberOfMessages: want,
          WaitTimeSeconds: waitSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        },
        caller,
        { region: s.queueRegion },
        // Stopping (disable, delete, shutdown) ends an open long poll at once.
        this.wake.signal,
      );
      const got = (out?.['Messages'] as ReceivedSqsMessage[] | undefined) ?? [];
      if (deadline === undefined) {
        firstReceive = got.length;
        // The oldest lease of the batch: its messages become visible again one VisibilityTimeout after this.
        leasedAt = this.deps.now();
        // The window starts with the first poll that found messages; none: the long poll ended empty.
        if (got.length === 0) break;
        if (s.windowMs <= 0) {
          batch.push(...got);
          break;
        }
        deadline = this.deps.now() + s.windowMs;
      }
      for (const m of got) {
        batch.push(m);
        bytes += (m.Body?.length ?? 0) + 512;
      }
      if (batch.length >= s.batchSize || bytes >= PAYLOAD_BUDGET || this.stopping) break;
    }
    return { batch, firstReceive, leasedAt };
  }

  private async process(
    s: PollerSettings,
    caller: CallerIdentity,
    batch: ReceivedSqsMessage[],
    leasedAt: number,
  ): Promise<InvokeOutcome['kind'] | 'filtered'> {
    let records = batch.map((m) => toRecord(m, s.queueArn, s.queueRegion));
    if (s.filter) {
      const filter = s.filter;
      const dropped = records.filter((r) => !filter.matches(r));
      if (dropped.length > 0) {
        records = records.filter((r) => !dropped.includes(r));
        await this.delete(s, caller, dropped);
      }
      if (records.length === 0) return 'filtered';
    }
    const payload = eventPayload(records);
    let outcome = await this.deps.invoke(payload);
    // Throttled: Lambda retries the batch while its messages are still leased (why AWS advises a visibility timeout
    // of six times the function's timeout), so a throttle costs no receive count when concurrency frees up in time.
    for (let wait = THROTTLE_RETRY_FIRST_MS; outcome.kind === 'throttled' && !this.stopping; wait *= 2) {
      const lease = await this.visibilityMs(s, caller);
      if (lease === undefined || this.deps.now() + wait + outcome.timeoutMs >= leasedAt + lease) break;
      await this.pause(wait);
      if (this.stopping) break;
      outcome = await this.deps.invoke(payload);
    }
    switch (outcome.kind) {
      case 'ok': {
        this.deps.report(undefined);
        if (!s.reportBatchItemFailures) {
          await this.delete(s, caller, records);
          break;
        }
        const failed = failedItems(outcome.payload, new Set(records.map((r) => r.messageId)));
        if (failed !== 'all') await this.delete(s, caller, records.filter((r) => !failed.has(r.messageId)));
        break;
      }
      case 'unavailable':
        this.deps.report(`PROBLEM: ${outcome.reason}`);
        break;
      case 'function-error':
      case 'throttled':
        break;
    }
    return outcome.kind;
  }

  private async delete(s: PollerSettings, caller: CallerIdentity, records: readonly SqsRecord[]): Promise<void> {
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < records.length; i += SQS_BATCH) {
      const entries = records.slice(i, i + SQS_BATCH).map((r, j) => ({ Id: String(j), ReceiptHandle: r.receiptHandle }));
      calls.push(this.deps.sqs().call('sqs', 'DeleteMessageBatch', { QueueUrl: s.queueUrl, Entries: entries }, caller, { region: s.queueRegion }));
    }
    const results = await Promise.allSettled(calls);
    for (const r of results) {
      // The records come back after their visibility timeout: processed again, at least once, as on AWS.
      if (r.status === 'rejected') this.deps.report(sqsProblem('DeleteMessageBatch', 'DeleteMessage', r.reason as AwsError));
    }
  }

  /** The queue's VisibilityTimeout (ms), read as the role and kept a minute; undefined when it cannot be read. */
  private async visibilityMs(s: PollerSettings, caller: CallerIdentity): Promise<number | undefined> {
    const now = this.deps.now();
    if (this.visibility && now - this.visibility.at < VISIBILITY_TTL_MS) return this.visibility.ms;
    try {
      const out = await this.deps.sqs().call(
        'sqs',
        'GetQueueAttributes',
        { QueueUrl: s.queueUrl, AttributeNames: ['VisibilityTimeout'] },
        caller,
        { region: s.queueRegion },
      );
      const seconds = Number((out?.['Attributes'] as Record<string, string> | undefined)?.['VisibilityTimeout']);
      if (!Number.isFinite(seconds)) return undefined;
      this.visibility = { ms: seconds * 1000, at: now };
      return this.visibility.ms;
    } catch {
      return undefined;
    }
  }

  /** Waits `ms`, or less when the group stops. */
  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.wake.signal;
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}

/**
 * The items a ReportBatchItemFailures response names, or 'all' when the whole batch failed. AWS's rules: an empty or
 * null response, or an empty or null batchItemFailures, is complete success; a response that is not JSON, an entry
 * whose itemIdentifier is missing, null, empty, not a string or not a message of the batch fails the whole batch.
 */
export function failedItems(payload: Buffer, batchIds: ReadonlySet<string>): Set<string> | 'all' {
  const text = payload.toString('utf8').trim();
  if (text === '') return new Set();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'all';
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return new Set();
  const list = (doc as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return 'all';
  const failed = new Set<string>();
  for (const item of list) {
    const id = item !== null && typeof item === 'object' ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '' || !batchIds.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}

function isDenial(e: AwsError): boolean {
  return e.code === 'AccessDenied' || e.code === 'AccessDeniedException' || e.status === 403;
}

/** What went wrong with an SQS call, in the sentences Lambda uses for the same failures at CreateEventSourceMapping. */
function sqsProblem(operation: string, permission: string, e: AwsError): string {
  if (isDenial(e)) return `PROBLEM: The function execution role does not have permissions to call ${permission} on SQS`;
  return `PROBLEM: Error occurred while ${operation}. SQS Error Code: ${sqsQueryCode(e.code)}. SQS Error Message: ${e.message}`;
}

/** SQS's query-era error codes, which Lambda's messages quote (its JSON names otherwise). */
export function sqsQueryCode(code: string): string {
  return code === 'QueueDoesNotExist' ? 'AWS.SimpleQueueService.NonExistentQueue' : code;
}
