// Asynchronous invocation (Invoke with InvocationType Event, and the
// deprecated InvokeAsync): events are committed to the store's queue before
// the caller gets 202, then drained by invocation/async-queue.ts, which hands
// each due event to process() here:
//
//   too old (MaximumEventAgeInSeconds)  → failure path, condition EventAgeExceeded, without running
//   reserved concurrency 0              → failure path, condition ZeroReservedConcurrency, without running
//   run on the engine                   → success: OnSuccess destination record
//                                       → function error / crash / timeout: retry after
//                                         base × 2^(n-1) (+0–10 % jitter) while attempts ≤ MaximumRetryAttempts,
//                                         else failure path, condition RetriesExhausted
//   throttled (concurrency, host full)  → back to the queue without counting an attempt, after 1 s doubling
//                                         to 5 min (AWS's schedule), until MaximumEventAgeInSeconds; the queue
//                                         starts no more events of a function than its reservation allows
//   failure path                        → OnFailure destination record and/or dead-letter delivery
//
// Destinations and dead-letter targets are Lambda functions or SQS queues.
// A delivery to a function is an async event enqueued for the target in the
// same transaction that removes the finished event, so a crash can neither lose
// nor half-deliver it. A delivery to a queue lives in another store: it is sent
// first (SendMessage as the function's execution role, sqs-delivery.ts), then
// the event is finished, so a crash in between sends it twice, never loses it
// (AWS's destinations are at-least-once too). A send that fails (queue gone,
// access denied) is counted (destinationDeliveryFailures, deadLetterErrors)
// and logged, like a delivery to a function that does not exist.
import { randomUUID } from 'node:crypto';
import { AsyncQueue } from '../../invocation/async-queue.js';
import { ThrottledError, type ConcurrencyLimits } from '../../invocation/concurrency.js';
import type { InvocationEngine } from '../../invocation/engine.js';
import type { InvokeResult } from '../../invocation/types.js';
import { AwsError } from '../../protocol/errors.js';
import {
  StoreMissingError,
  type AsyncAttemptResult,
  type AsyncCounter,
  type AsyncDelivery,
  type AsyncEvent,
  type FunctionKey,
  type NewAsyncEvent,
  type Store,
  type VersionRow,
} from '../../store/types.js';
import type { ExecutionRoles } from '../identity.js';
import type { RequestContext, ServiceCalls } from '../types.js';
import type { FunctionConfiguration, InvocationResponse } from './api-types.js';
import { ASYNC_DEFAULTS, type EventInvokeConfigDoc } from './event-invoke-config.js';
import { functionArn, parseFunctionRef } from './function-ref.js';
import { LATEST, loadQualified } from './qualifiers.js';
import { SnapshotCache } from './snapshot.js';
import { arnService, SqsTargets, type MessageAttribute } from './sqs-delivery.js';

/** Lambda's asynchronous payload quota (1 MB since 2025). */
export const ASYNC_PAYLOAD_LIMIT = 1048576;
const JITTER = 0.1;
/** Throttled attempts are retried after 1 s, doubling up to 5 minutes (AWS's schedule), within the event's age. */
const THROTTLE_RETRY_FIRST_MS = 1000;
const THROTTLE_RETRY_MAX_MS = 300_000;
/** Dead-letter ErrorMessage is cut here: to a function it travels in a runtime API header; queues get the same text. */
const DLQ_MESSAGE_MAX = 2048;

export interface AsyncInvocationOptions {
  store: Store;
  engine: InvocationEngine;
  /** First retry delay; the second is twice that (AWS: about 1 and 2 minutes). */
  retryBaseDelayMs: number;
  /** Events of one function running at once. */
  concurrencyPerFunction: number;
  /** Reserved concurrency: a function reserved at 0 sends its events to the failure path at once, as AWS does. */
  concurrency?: ConcurrencyLimits;
  log: { warn(msg: string): void };
  /** Sends to SQS destinations and dead-letter queues as the function's role (a getter: built after Lambda). */
  serviceCalls?: () => ServiceCalls;
  /** The function's role as a caller, for those sends. Absent (or no serviceCalls): such deliveries fail, counted. */
  executionRoles?: Pick<ExecutionRoles, 'identityFor'>;
}

/** A message for an SQS destination or dead-letter queue, sent before the event is finished. */
interface QueueDelivery {
  queueArn: string;
  body: string;
  attributes?: Record<string, MessageAttribute>;
  onFailure: AsyncCounter;
}

/** Where a finished event's records go: functions (through the store, with the event) and queues (sent first). */
interface Outgoing {
  functions: AsyncDelivery[];
  queues: QueueDelivery[];
}

type Condition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency';

export class AsyncInvocations {
  private readonly snapshots = new SnapshotCache();
  private readonly queue: AsyncQueue;
  /** Consecutive throttles per event id, for the backoff (in memory: a restart starts it over). */
  private readonly throttles = new Map<number, number>();
  private readonly sqs: SqsTargets | undefined;

  constructor(private readonly opts: AsyncInvocationOptions) {
    this.sqs = opts.executionRoles
      ? new SqsTargets({ executionRoles: opts.executionRoles, serviceCalls: opts.serviceCalls })
      : undefined;
    const limits = opts.concurrency;
    this.queue = new AsyncQueue({
      store: opts.store.asyncEvents,
      concurrency: opts.concurrencyPerFunction,
      // A lane runs no more events than the function may run at once (its reservation, or the
      // account's unreserved pool); reserved 0 runs nothing, so its events drain to the failure path
      // at the full rate.
      ...(limits
        ? {
            limit: (k: FunctionKey): number => {
              const max = limits.maxConcurrent(k.accountId, k.region, functionArn(k.region, k.accountId, k.name));
              return max === 0 ? opts.concurrencyPerFunction : max;
            },
          }
        : {}),
      run: (ev, release) => this.process(ev, release),
      log: opts.log,
    });
  }

  /** Starts draining, including everything a previous run (or crash) left queued. */
  start(): Promise<void> {
    return this.queue.start();
  }

  /** Stops taking events, lets running ones finish for up to `graceMs`; the rest stays queued. */
  stop(graceMs: number): Promise<void> {
    return this.queue.stop(graceMs);
  }

  /**
   * Invoke with InvocationType Event, after invoke.ts resolved the version and checked state,
   * client context and payload JSON: enforce the async payload quota, commit the event, answer 202.
   * The client context is not stored: Lambda passes it to synchronous invocations only.
   */
  async accept(
    row: VersionRow<FunctionConfiguration>,
    qualifier: string | undefined,
    invokedArn: string,
    payload: Buffer,
    ctx: RequestContext,
  ): Promise<InvocationResponse> {
    if (payload.length > ASYNC_PAYLOAD_LIMIT) {
      throw new AwsError(
        'RequestEntityTooLargeException',
        `${payload.length} byte payload is too large for the Event invocation type (limit ${ASYNC_PAYLOAD_LIMIT} bytes)`,
        { status: 413 },
      );
    }
    const event: NewAsyncEvent = {
      accountId: row.accountId,
      region: row.region,
      name: row.name,
      version: row.version,
      qualifier: qualifier ?? LATEST,
      requestId: ctx.requestId,
      invokedArn,
      payload,
      acceptedAt: Date.now(),
    };
    try {
      await this.opts.store.asyncEvents.enqueue(event);
    } catch (e) {
      if (e instanceof StoreMissingError) throw new AwsError('ResourceNotFoundException', `Function not found: ${invokedArn}`);
      throw e;
    }
    this.queue.notify(event);
    return { StatusCode: 202 };
  }

  /** Queue depth, oldest event age and counters per function, for /health. */
  async report(): Promise<Record<string, unknown>> {
    const now = Date.now();
    const stats = await this.opts.store.asyncEvents.stats();
    return {
      retryBaseDelayMs: this.opts.retryBaseDelayMs,
      concurrencyPerFunction: this.opts.concurrencyPerFunction,
      functions: stats.map((s) => ({
        functionArn: functionArn(s.region, s.accountId, s.name),
        queued: s.queued,
        inFlight: this.queue.inFlight(s),
        oldestEventAgeMs: s.oldestAcceptedAt === undefined ? null : now - s.oldestAcceptedAt,
        asyncEventsReceived: s.counters.received,
        asyncEventsDropped: s.counters.dropped,
        destinationDeliveryFailures: s.counters.destinationDeliveryFailures,
        deadLetterErrors: s.counters.deadLetterErrors,
      })),
    };
  }

  /** One attempt of one event; every outcome is written to the store before it returns. */
  private async process(ev: AsyncEvent, release: () => void): Promise<void> {
    const store = this.opts.store;
    const cfg = (await store.eventInvokeConfigs.get<EventInvokeConfigDoc>(ev, ev.qualifier))?.config ?? {};
    const maxRetries = cfg.MaximumRetryAttempts ?? ASYNC_DEFAULTS.maximumRetryAttempts;
    const maxAgeMs = (cfg.MaximumEventAgeInSeconds ?? ASYNC_DEFAULTS.maximumEventAgeInSeconds) * 1000;
    const row = await this.versionOf(ev);
    if (!row) {
      // The version (or alias) is gone: Lambda discards the event.
      await this.finish(ev, undefined, { dropped: true, out: { functions: [], queues: [] } });
      return;
    }
    if (Date.now() - ev.acceptedAt >= maxAgeMs) {
      await this.fail(ev, row, cfg, 'EventAgeExceeded', ev.attempts, ev.lastResult);
      return;
    }
    if (row.config.State !== 'Active') {
      // Not runnable right now (being created again, failed): keep the event without counting an attempt.
      await store.asyncEvents.retry(ev.id, this.later(ev, ev.attempts));
      return;
    }

    if (this.opts.concurrency?.reserved(functionArn(ev.region, ev.accountId, ev.name)) === 0) {
      // AWS: with reserved concurrency 0, events go to the failure path at once, without retries.
      await this.fail(ev, row, cfg, 'ZeroReservedConcurrency', ev.attempts, ev.lastResult);
      return;
    }

    let result: InvokeResult;
    try {
      result = await this.opts.engine.invoke(this.snapshots.get(row), {
        requestId: ev.requestId,
        payload: ev.payload,
        invokedArn: ev.invokedArn,
        tailLogs: false,
        ...(ev.clientContext !== undefined ? { clientContextBase64: ev.clientContext } : {}),
      });
    } catch (e) {
      if (this.queue.abandoned) return;
      if (e instanceof ThrottledError) {
        // Not run, so not an attempt: back to the queue until it runs or grows too old.
        const n = this.throttles.get(ev.id) ?? 0;
        this.throttles.set(ev.id, n + 1);
        const delay = Math.min(THROTTLE_RETRY_MAX_MS, THROTTLE_RETRY_FIRST_MS * 2 ** n);
        const next = { attempts: ev.attempts, nextAttemptAt: Date.now() + delay, ...(ev.lastResult ? { lastResult: ev.lastResult } : {}) };
        if (!(await store.asyncEvents.retry(ev.id, next))) this.throttles.delete(ev.id);
        return;
      }
      this.opts.log.warn(`async event ${ev.requestId} of ${ev.name} could not run: ${(e as Error).message}`);
      await store.asyncEvents.retry(ev.id, this.later(ev, ev.attempts));
      return;
    }
    this.throttles.delete(ev.id);
    // Shutting down past the grace period: leave the event as it was; the next start runs it again.
    if (this.queue.abandoned) return;
    // The function is done: its slot can take the next event while this outcome is committed.
    release();

    const attempt: AsyncAttemptResult = {
      statusCode: 200,
      executedVersion: result.executedVersion,
      payload: result.payload,
      ...(result.functionError ? { functionError: result.functionError } : {}),
    };
    const attempts = ev.attempts + 1;
    if (!result.functionError) {
      const out: Outgoing = { functions: [], queues: [] };
      const onSuccess = cfg.DestinationConfig?.OnSuccess?.Destination;
      if (onSuccess) this.route(out, ev, onSuccess, record(ev, 'Success', attempts, attempt), 'destinationDeliveryFailures');
      await this.finish(ev, row, { dropped: false, out });
    } else if (attempts <= maxRetries) {
      await store.asyncEvents.retry(ev.id, { ...this.later(ev, attempts), lastResult: attempt });
    } else {
      await this.fail(ev, row, cfg, 'RetriesExhausted', attempts, attempt);
    }
  }

  /** The failure path: OnFailure destination record and dead-letter delivery, then the event is dropped. */
  private async fail(
    ev: AsyncEvent,
    row: VersionRow<FunctionConfiguration>,
    cfg: EventInvokeConfigDoc,
    condition: Condition,
    attempts: number,
    last: AsyncAttemptResult | undefined,
  ): Promise<void> {
    const out: Outgoing = { functions: [], queues: [] };
    const onFailure = cfg.DestinationConfig?.OnFailure?.Destination;
    if (onFailure) this.route(out, ev, onFailure, record(ev, condition, attempts, last), 'destinationDeliveryFailures');
    const dlq = row.config.DeadLetterConfig?.TargetArn;
    if (dlq && arnService(dlq) === 'sqs') {
      // The original event as the body; what happened in message attributes, as AWS sets them (shared/parity
      // test_dead_letter_queue: ErrorCode is a Number).
      const attributes: Record<string, MessageAttribute> = { RequestID: { DataType: 'String', StringValue: ev.requestId } };
      if (last) {
        attributes['ErrorCode'] = { DataType: 'Number', StringValue: String(last.statusCode) };
        const message = errorMessageOf(last.payload).slice(0, DLQ_MESSAGE_MAX);
        // SQS refuses an empty attribute value.
        if (message) attributes['ErrorMessage'] = { DataType: 'String', StringValue: message };
      }
      out.queues.push({ queueArn: dlq, body: messageBody(ev.payload), attributes, onFailure: 'deadLetterErrors' });
    } else if (dlq) {
      // The original event, unchanged; SQS/SNS message attributes travel as the client context.
      const custom: Record<string, string> = { RequestID: ev.requestId };
      if (last) {
        custom['ErrorCode'] = String(last.statusCode);
        custom['ErrorMessage'] = errorMessageOf(last.payload).slice(0, DLQ_MESSAGE_MAX);
      }
      const clientContext = Buffer.from(JSON.stringify({ custom })).toString('base64');
      out.functions.push(this.delivery(ev, dlq, ev.payload, 'deadLetterErrors', clientContext));
    }
    await this.finish(ev, row, { dropped: true, out });
  }

  /** A destination record for a function (an async event) or a queue (a message). */
  private route(out: Outgoing, ev: AsyncEvent, arn: string, doc: Buffer, counter: AsyncCounter): void {
    if (arnService(arn) === 'sqs') out.queues.push({ queueArn: arn, body: doc.toString('utf8'), onFailure: counter });
    else out.functions.push(this.delivery(ev, arn, doc, counter));
  }

  /**
   * Sends the queue deliveries (as the role of `row`, the version that ran), then removes the event with its
   * function deliveries and the count of failed sends in one transaction.
   */
  private async finish(
    ev: AsyncEvent,
    row: VersionRow<FunctionConfiguration> | undefined,
    outcome: { dropped: boolean; out: Outgoing },
  ): Promise<void> {
    this.throttles.delete(ev.id);
    const { functions, queues } = outcome.out;
    const failed: AsyncCounter[] = [];
    if (queues.length > 0) {
      const role = row?.config.Role ?? '';
      const sent = await Promise.allSettled(queues.map((q) => this.send(q, role, ev.name)));
      sent.forEach((r, i) => {
        const q = queues[i];
        if (r.status === 'fulfilled' || !q) return;
        failed.push(q.onFailure);
        const why = r.reason instanceof Error ? `${(r.reason as { code?: string }).code ?? r.reason.name}: ${r.reason.message}` : String(r.reason);
        this.opts.log.warn(`async event ${ev.requestId} of ${ev.name}: not delivered to ${q.queueArn} (${why})`);
      });
      // Shutting down past the grace period meanwhile: the event stays queued and runs again at the next start.
      if (this.queue.abandoned) return;
    }
    const done = await this.opts.store.asyncEvents.finish(ev.id, ev, { dropped: outcome.dropped, deliveries: functions, failed });
    if (!done.found) return;
    functions.forEach((d, i) => {
      if (done.undelivered.includes(i)) {
        this.opts.log.warn(`async event ${ev.requestId} of ${ev.name}: ${d.event.invokedArn} does not exist, not delivered`);
      } else {
        this.queue.notify(d.event);
      }
    });
  }

  private send(q: QueueDelivery, role: string, functionName: string): Promise<void> {
    if (!this.sqs) return Promise.reject(new Error('SQS deliveries are not wired in this Lambent'));
    return this.sqs.send(q.queueArn, role, functionName, q.body, q.attributes);
  }

  /** An async event for a destination or dead-letter function (ARN, optionally qualified). */
  private delivery(
    source: AsyncEvent,
    arn: string,
    payload: Buffer,
    onMissing: AsyncCounter,
    clientContext?: string,
  ): AsyncDelivery {
    const ref = parseFunctionRef(arn);
    const qualifier = ref.qualifier ?? LATEST;
    const event: NewAsyncEvent = {
      accountId: ref.accountId || source.accountId,
      region: ref.region || source.region,
      name: ref.name,
      // Alias qualifiers are resolved when the delivery runs (versionOf).
      version: qualifier,
      qualifier,
      requestId: randomUUID(),
      invokedArn: arn,
      payload,
      acceptedAt: Date.now(),
      ...(clientContext !== undefined ? { clientContext } : {}),
    };
    return { event, onMissing };
  }

  /** The version row an event runs: its version, or (deliveries to an alias) the version the alias routes to now. */
  private async versionOf(ev: AsyncEvent): Promise<VersionRow<FunctionConfiguration> | undefined> {
    const key: FunctionKey = { accountId: ev.accountId, region: ev.region, name: ev.name };
    const found = await loadQualified(
      this.opts.store.functions,
      { key, qualifier: ev.version, arn: functionArn(ev.region, ev.accountId, ev.name, ev.version) },
      { route: true },
    );
    return found?.row;
  }

  /** When to try again after `attempts` attempts: base × 2^(n-1), plus up to 10 % jitter. */
  private later(ev: AsyncEvent, attempts: number): { attempts: number; nextAttemptAt: number; lastResult?: AsyncAttemptResult } {
    const n = Math.max(1, attempts);
    const delay = this.opts.retryBaseDelayMs * 2 ** (n - 1) * (1 + Math.random() * JITTER);
    return { attempts, nextAttemptAt: Date.now() + Math.round(delay), ...(ev.lastResult ? { lastResult: ev.lastResult } : {}) };
  }
}

/** The invocation record Lambda sends to destinations (recorded shape: shared/parity test_lambda_destinations). */
function record(ev: AsyncEvent, condition: Condition, attempts: number, last: AsyncAttemptResult | undefined): Buffer {
  const doc: Record<string, unknown> = {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: ev.requestId,
      functionArn: functionArn(ev.region, ev.accountId, ev.name, last?.executedVersion ?? ev.version),
      condition,
      approximateInvokeCount: attempts,
    },
    requestPayload: jsonOrText(ev.payload),
  };
  if (last) {
    doc['responseContext'] = {
      statusCode: last.statusCode,
      executedVersion: last.executedVersion,
      ...(last.functionError ? { functionError: last.functionError } : {}),
    };
    doc['responsePayload'] = jsonOrText(last.payload);
  }
  return Buffer.from(JSON.stringify(doc));
}

function jsonOrText(b: Buffer): unknown {
  if (b.length === 0) return null;
  const text = b.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The event as an SQS message body: its text (an empty event is `{}`, what the function received). */
function messageBody(payload: Buffer): string {
  return payload.length === 0 ? '{}' : payload.toString('utf8');
}

function errorMessageOf(payload: Buffer): string {
  const doc = jsonOrText(payload);
  if (doc && typeof doc === 'object' && typeof (doc as { errorMessage?: unknown }).errorMessage === 'string') {
    return (doc as { errorMessage: string }).errorMessage;
  }
  return typeof doc === 'string' ? doc : JSON.stringify(doc);
}
