// Drains the asynchronous event queue: one lane per function, at most
// `concurrency` events of a function running at once (fewer when `limit` says
// the function cannot run that many), each event handed to `run` when it is
// due. Lanes wake on new events (notify), on finished runs and on a timer set
// to the next due retry. Which events are running is kept
// in memory only: after a crash every stored event is simply due again, so
// each is processed at least once.
import type { AsyncEvent, AsyncEventStore, FunctionKey } from '../store/types.js';

export interface AsyncQueueOptions {
  /** The queue only reads: the run records outcomes. */
  store: Pick<AsyncEventStore, 'due' | 'nextDueAt' | 'functionsWithEvents'>;
  /** Events of one function in flight at once. */
  concurrency: number;
  /**
   * How many events of a function may run at once right now, when lower than `concurrency` (its
   * reserved concurrency): read at every pump, so a changed reservation applies to the next event.
   * Starting more would only get them throttled and backed off.
   */
  limit?(key: FunctionKey): number;
  /**
   * Processes one attempt of an event and records the outcome in the store. It may call `release`
   * once the function has run: the event's concurrency slot is then free while its outcome is still
   * being committed (the event stays out of the queue's reach until run settles).
   */
  run(event: AsyncEvent, release: () => void): Promise<void>;
  log: { warn(msg: string): void };
}

interface Lane {
  key: FunctionKey;
  /** Events taken and not yet settled (excluded from the store's due list). */
  running: Map<number, Promise<void>>;
  /** Of those, the ones holding a concurrency slot. */
  active: number;
  /** Due events read ahead (one query serves several slots); run when slots free up. */
  buffer: AsyncEvent[];
  timer: NodeJS.Timeout | undefined;
  timerAt: number | undefined;
  pumping: boolean;
  again: boolean;
}

const RETRY_PUMP_MS = 1000;

export class AsyncQueue {
  private readonly lanes = new Map<string, Lane>();
  private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';

  constructor(private readonly opts: AsyncQueueOptions) {}

  /** Starts draining every function that has queued events (left by the last run, or a crash). */
  async start(): Promise<void> {
    this.state = 'running';
    for (const key of await this.opts.store.functionsWithEvents()) this.notify(key);
  }

  /** True once stop() gave up waiting: outcomes of runs still going must not be recorded. */
  get abandoned(): boolean {
    return this.state === 'stopped';
  }

  /** A function has new due events. */
  notify(key: FunctionKey): void {
    if (this.state !== 'running') return;
    void this.pump(this.lane(key));
  }

  /** Events of a function running now, for diagnostics. */
  inFlight(key: FunctionKey): number {
    return this.lanes.get(laneId(key))?.active ?? 0;
  }

  /**
   * Stops taking events, waits up to `graceMs` for running ones to finish, and leaves everything
   * else queued in the store for the next start.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    const running: Promise<void>[] = [];
    for (const lane of this.lanes.values()) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = undefined;
      lane.buffer = [];
      running.push(...lane.running.values());
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(running),
      new Promise<void>((r) => (timer = setTimeout(r, graceMs))),
    ]);
    clearTimeout(timer);
    this.state = 'stopped';
  }

  private lane(key: FunctionKey): Lane {
    const id = laneId(key);
    let lane = this.lanes.get(id);
    if (!lane) {
      lane = { key, running: new Map(), active: 0, buffer: [], timer: undefined, timerAt: undefined, pumping: false, again: false };
      this.lanes.set(id, lane);
    }
    return lane;
  }

  private async pump(lane: Lane): Promise<void> {
    if (lane.pumping) {
      lane.again = true;
      return;
    }
    lane.pumping = true;
    try {
      do {
        lane.again = false;
        while (this.state === 'running') {
          const slots = this.slots(lane.key);
          const free = slots - lane.active;
          if (free <= 0) break;
          if (lane.buffer.length === 0) {
            // Read ahead up to one more round of slots. Buffered events are re-checked (function, age,
            // settings) when they run, so reading them early changes nothing but the cost of reading.
            const limit = free + slots;
            lane.buffer = await this.opts.store.due(lane.key, Date.now(), limit, [...lane.running.keys()]);
            if (this.state !== 'running') break;
            if (lane.buffer.length === 0) {
              await this.arm(lane);
              break;
            }
          }
          for (const ev of lane.buffer.splice(0, free)) this.launch(lane, ev);
        }
      } while (lane.again && this.state === 'running');
    } catch (e) {
      this.opts.log.warn(`async queue of ${lane.key.name}: ${(e as Error).message}`);
      this.setTimer(lane, Date.now() + RETRY_PUMP_MS);
    } finally {
      lane.pumping = false;
      // Nothing running, nothing scheduled: forget the lane (a later notify makes a new one).
      const id = laneId(lane.key);
      if (lane.running.size === 0 && lane.buffer.length === 0 && !lane.timer && this.lanes.get(id) === lane) {
        this.lanes.delete(id);
      }
    }
  }

  /** Events of a function that may run at once: `concurrency`, or less if `limit` says so (at least 1). */
  private slots(key: FunctionKey): number {
    const limit = this.opts.limit?.(key);
    return limit === undefined ? this.opts.concurrency : Math.max(1, Math.min(this.opts.concurrency, limit));
  }

  private launch(lane: Lane, ev: AsyncEvent): void {
    let holding = true;
    const release = (): void => {
      if (!holding) return;
      holding = false;
      lane.active--;
      if (this.state === 'running') void this.pump(lane);
    };
    lane.active++;
    const done = this.opts
      .run(ev, release)
      .catch((e: unknown) => this.opts.log.warn(`async event ${ev.requestId} of ${ev.name}: ${(e as Error).message}`))
      .finally(() => {
        lane.running.delete(ev.id);
        if (holding) release();
        else if (this.state === 'running') void this.pump(lane);
      });
    lane.running.set(ev.id, done);
  }

  /** Sets the lane's timer to the next due event that is not running. */
  private async arm(lane: Lane): Promise<void> {
    const next = await this.opts.store.nextDueAt(lane.key, [...lane.running.keys()]);
    if (next !== undefined) this.setTimer(lane, next);
  }

  private setTimer(lane: Lane, at: number): void {
    if (this.state !== 'running') return;
    if (lane.timer && lane.timerAt !== undefined && lane.timerAt <= at) return;
    if (lane.timer) clearTimeout(lane.timer);
    lane.timerAt = at;
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      lane.timerAt = undefined;
      if (this.state === 'running') void this.pump(lane);
    }, Math.max(0, at - Date.now()));
    lane.timer.unref();
  }
}

function laneId(k: FunctionKey): string {
  return `${k.accountId}\u0000${k.region}\u0000${k.name}`;
}
