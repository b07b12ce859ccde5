// Message move tasks (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask): moving a dead-letter
// queue's messages back to their sources (or to a named queue) at a bounded rate, over QueueStore.move.
//
// A task is a named-state machine:  RUNNING → COMPLETED (nothing left to move) | FAILED (the store refused, e.g. a
// queue was deleted) | CANCELLING (CancelMessageMoveTask) → CANCELLED (the step in progress has finished).
// Tasks live in memory (a restart forgets them, as the messages they moved stay moved); the last 10 per source are
// kept for ListMessageMoveTasks.
import { randomUUID } from 'node:crypto';
import type { QueueKey, QueueRow, QueueStore } from '../../store/queue-types.js';
import type {
  CancelMessageMoveTaskRequest,
  CancelMessageMoveTaskResult,
  ListMessageMoveTasksRequest,
  ListMessageMoveTasksResult,
  ListMessageMoveTasksResultEntry,
  StartMessageMoveTaskRequest,
  StartMessageMoveTaskResult,
} from './api-types.js';
import { SqsErrors } from './errors.js';
import { parseQueueArn } from '../../store/queue-types.js';
import type { RequestContext } from '../types.js';

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

/** The transitions a task may take; anything else is a bug and throws. */
const TRANSITIONS: Readonly<Record<MoveTaskStatus, readonly MoveTaskStatus[]>> = {
  RUNNING: ['COMPLETED', 'FAILED', 'CANCELLING'],
  CANCELLING: ['CANCELLED', 'FAILED'],
  COMPLETED: [],
  CANCELLED: [],
  FAILED: [],
};

export class MoveTask {
  status: MoveTaskStatus = 'RUNNING';
  moved = 0;
  failureReason: string | undefined;

  constructor(
    readonly handle: string,
    readonly sourceArn: string,
    readonly destinationArn: string | undefined,
    readonly ratePerSecond: number | undefined,
    readonly toMove: number,
    readonly startedAt: number,
  ) {}

  transition(to: MoveTaskStatus): void {
    if (!TRANSITIONS[this.status].includes(to)) throw new Error(`move task ${this.handle}: no transition ${this.status} → ${to}`);
    this.status = to;
  }

  entry(): ListMessageMoveTasksResultEntry {
    const out: ListMessageMoveTasksResultEntry = {
      Status: this.status,
      SourceArn: this.sourceArn,
      ApproximateNumberOfMessagesMoved: this.moved,
      ApproximateNumberOfMessagesToMove: this.toMove,
      StartedTimestamp: this.startedAt,
    };
    // AWS shows the handle only while the task can still be cancelled.
    if (this.status === 'RUNNING') out.TaskHandle = this.handle;
    if (this.destinationArn !== undefined) out.DestinationArn = this.destinationArn;
    if (this.ratePerSecond !== undefined) out.MaxNumberOfMessagesPerSecond = this.ratePerSecond;
    if (this.failureReason !== undefined) out.FailureReason = this.failureReason;
    return out;
  }
}

/** Task handles carry their source queue (so CancelMessageMoveTask is authorized on it): base64 JSON. */
export function taskHandle(taskId: string, sourceArn: string): string {
  return Buffer.from(JSON.stringify({ taskId, sourceArn }), 'utf8').toString('base64');
}

export function taskSourceArn(handle: string): string | undefined {
  if (handle.length > 4096) return undefined;
  try {
    const doc = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as { sourceArn?: unknown };
    return typeof doc.sourceArn === 'string' && parseQueueArn(doc.sourceArn) !== undefined ? doc.sourceArn : undefined;
  } catch {
    return undefined;
  }
}

/** Without MaxNumberOfMessagesPerSecond, a task moves as fast as this (AWS: "system optimized"). */
const DEFAULT_RATE = 500;
/** One step a tick: the rate is spread over ticks so a fast task does not hold the event loop. */
const TICK_MS = 100;
const KEPT_PER_SOURCE = 10;

export class MoveTasks {
  private readonly bySource = new Map<string, MoveTask[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly queues: QueueStore,
    private readonly now: () => number = Date.now,
    private readonly log?: { warn(message: string): void },
  ) {}

  private sourceQueue(arn: string, ctx: RequestContext): QueueRow {
    const row = parseQueueArn(arn) === undefined ? undefined : this.queues.getQueueByArn(arn);
    // Another account's queue is found only for a caller its policy let through (the access map asked for it).
    if (row === undefined || row.region !== ctx.region) {
      throw SqsErrors.resourceNotFound('The resource that you specified for the SourceArn parameter doesn\'t exist.');
    }
    return row;
  }

  start(req: StartMessageMoveTaskRequest, ctx: RequestContext): Promise<StartMessageMoveTaskResult> {
    const source = this.sourceQueue(req.SourceArn, ctx);
    if (this.queues.deadLetterSources(source.arn).length === 0) {
      throw SqsErrors.invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
    }
    let destination: QueueKey | 'source' = 'source';
    if (req.DestinationArn !== undefined) {
      const dest = this.queues.getQueueByArn(req.DestinationArn);
      if (dest === undefined) throw SqsErrors.resourceNotFound('The resource that you specified for the DestinationArn parameter doesn\'t exist.');
      if (dest.arn === source.arn) throw SqsErrors.invalidParameterValue('Source and destination queues must be different.');
      destination = { accountId: dest.accountId, region: dest.region, name: dest.name };
    }
    const rate = req.MaxNumberOfMessagesPerSecond;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw SqsErrors.invalidParameter(String(rate), 'MaxNumberOfMessagesPerSecond', 'Must be between 1 and 500.');
    }
    const tasks = this.bySource.get(source.arn) ?? [];
    if (tasks.some((t) => t.status === 'RUNNING' || t.status === 'CANCELLING')) {
      throw SqsErrors.unsupportedOperation('There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
    }
    const key = { accountId: source.accountId, region: source.region, name: source.name };
    const task = new MoveTask(taskHandle(randomUUID(), source.arn), source.arn, req.DestinationArn, rate, this.queues.counts(key).visible, this.now());
    tasks.unshift(task);
    if (tasks.length > KEPT_PER_SOURCE) tasks.length = KEPT_PER_SOURCE;
    this.bySource.set(source.arn, tasks);
    this.schedule(task, key, destination);
    return Promise.resolve({ TaskHandle: task.handle });
  }

  /** Runs one step per tick: up to rate × tick messages, until nothing moves or the task is cancelled. */
  private schedule(task: MoveTask, from: QueueKey, to: QueueKey | 'source'): void {
    if (this.stopped) return;
    const perTick = Math.max(1, Math.round(((task.ratePerSecond ?? DEFAULT_RATE) * TICK_MS) / 1000));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (task.status === 'CANCELLING') {
        task.transition('CANCELLED');
        return;
      }
      this.queues.move(from, to, perTick).then(
        (n) => {
          task.moved += n;
          if (task.status === 'CANCELLING') task.transition('CANCELLED');
          else if (n === 0 || task.moved >= task.toMove) task.transition('COMPLETED');
          else this.schedule(task, from, to);
        },
        (e: unknown) => {
          task.failureReason = 'AWS.SimpleQueueService.NonExistentQueue';
          task.transition('FAILED');
          this.log?.warn(`message move task from ${task.sourceArn} failed: ${(e as Error).message}`);
        },
      );
    }, TICK_MS);
    timer.unref();
    this.timers.add(timer);
  }

  list(req: ListMessageMoveTasksRequest, ctx: RequestContext): Promise<ListMessageMoveTasksResult> {
    const source = this.sourceQueue(req.SourceArn, ctx);
    const max = req.MaxResults ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) throw SqsErrors.invalidParameter(String(max), 'MaxResults', 'Must be between 1 and 10.');
    const tasks = this.bySource.get(source.arn) ?? [];
    return Promise.resolve({ Results: tasks.slice(0, max).map((t) => t.entry()) });
  }

  cancel(req: CancelMessageMoveTaskRequest): Promise<CancelMessageMoveTaskResult> {
    const source = taskSourceArn(req.TaskHandle);
    const task = source === undefined ? undefined : this.bySource.get(source)?.find((t) => t.handle === req.TaskHandle);
    if (task === undefined) throw SqsErrors.resourceNotFound('Task does not exist.');
    if (task.status !== 'RUNNING') throw SqsErrors.unsupportedOperation('Only active tasks can be cancelled.');
    task.transition('CANCELLING');
    return Promise.resolve({ ApproximateNumberOfMessagesMoved: task.moved });
  }

  /** Shutdown: no further steps (a step in flight finishes; its messages are moved durably or not at all). */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
