// Drains the asynchronous event queue: one lane per function, at most
// `concurrency` events of a function running at once, each event handed to
// `run` when it is due. Lanes wake on new events (notify), on finished runs
// and on a timer set to the next due retry. Which events are running is kept
// in memory only: after a crash every stored event is simply due again, so
// each is processed at least once.
import type { AsyncEvent, AsyncEventStore, FunctionKey } from '../store/types.js';

export interface AsyncQueueOptions {
  store: AsyncEventStore;
  /** Events of one function in flight at once. */
  concurrency: number;
  /** Processes one attempt of an event; it records the outcome in the store itself. */
  run(event: AsyncEvent): Promise<void>;
  log: { warn(msg: string): void };
}

interface Lane {
  key: FunctionKey;
  running: Map<number, Promise<void>>;
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

  /** Events running per function, for diagnostics. */
  inFlight(key: FunctionKey): number {
    return this.lanes.get(laneId(key))?.running.size ?? 0;
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
      lane = { key, running: new Map(), timer: undefined, timerAt: undefined, pumping: false, again: false };
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
          const free = this.opts.concurrency - lane.running.size;
          if (free <= 0) break;
          const events = await this.opts.store.due(lane.key, Date.now(), free, [...lane.running.keys()]);
          for (const ev of events) this.launch(lane, ev);
          if (events.length < free) {
            await this.arm(lane);
            break;
          }
        }
      } while (lane.again && this.state === 'running');
    } catch (e) {
      this.opts.log.warn(`async queue of ${lane.key.name}: ${(e as Error).message}`);
      this.setTimer(lane, Date.now() + RETRY_PUMP_MS);
    } finally {
      lane.pumping = false;
      // Nothing running, nothing scheduled: forget the lane (a later notify makes a new one).
      const id = laneId(lane.key);
      if (lane.running.size === 0 && !lane.timer && this.lanes.get(id) === lane) this.lanes.delete(id);
    }
  }

  private launch(lane: Lane, ev: AsyncEvent): void {
    const done = this.opts
      .run(ev)
      .catch((e: unknown) => this.opts.log.warn(`async event ${ev.requestId} of ${ev.name}: ${(e as Error).message}`))
      .finally(() => {
        lane.running.delete(ev.id);
        if (this.state === 'running') void this.pump(lane);
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
