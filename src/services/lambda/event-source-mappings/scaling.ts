// How many pollers a queue mapping runs. Each poller receives a batch, invokes the function with it and waits
// for the outcome, so pollers = the mapping's concurrent invocations. As on AWS: a mapping starts with a few
// pollers, adds more while the queue has a backlog (a receive came back full), drops them when they find the
// queue empty for a while, and backs off on throttles (the invocation counts against the function's concurrency;
// ScalingConfig.MaximumConcurrency caps the mapping itself). Pure decisions over an injectable clock: poller.ts acts.

/** AWS starts an SQS mapping with five concurrent batches. */
export const INITIAL_POLLERS = 5;
/** ScalingConfig.MaximumConcurrency's upper bound. */
export const MAX_POLLERS = 1000;
/**
 * Without ScalingConfig, pollers per CPU core. AWS scales a mapping up to 1,250 concurrent invocations across its
 * fleet; on one host, pollers beyond what the cores can run only add cold starts and time spent waiting for a CPU,
 * which stretches invocations past the queue's visibility timeout and makes SQS deliver the same messages again.
 */
export const POLLERS_PER_CORE = 4;

/** The cap of a mapping without ScalingConfig on a host with `cores` cores. */
export function defaultMaxPollers(cores: number): number {
  return Math.max(INITIAL_POLLERS, POLLERS_PER_CORE * cores);
}
/** One more poller at most this often while the queue has a backlog. */
export const SCALE_UP_EVERY_MS = 100;
/** A poller above the minimum that found the queue empty this long stops. */
export const IDLE_RETIRE_MS = 10_000;
/** After a throttle, no poller is added for this long. */
export const THROTTLE_COOLDOWN_MS = 2_000;
/** A throttled poller waits 1 s, doubling per consecutive throttle up to this. */
export const THROTTLE_BACKOFF_MAX_MS = 30_000;
const THROTTLE_BACKOFF_FIRST_MS = 1_000;

export interface ScalingOptions {
  /** The current cap: MaximumConcurrency, else defaultMaxPollers, and never above the function's concurrency. */
  max(): number;
  now(): number;
  /** Pollers kept while idle (default 1). */
  min?: number;
}

export class PollerScaling {
  private active = 0;
  private lastUpAt = Number.NEGATIVE_INFINITY;
  private throttledAt = Number.NEGATIVE_INFINITY;
  private readonly min: number;

  constructor(private readonly opts: ScalingOptions) {
    this.min = opts.min ?? 1;
  }

  get pollers(): number {
    return this.active;
  }

  /** How many pollers to start with: the initial five, within the cap. */
  initial(): number {
    return Math.max(this.min, Math.min(INITIAL_POLLERS, this.opts.max()));
  }

  started(): void {
    this.active++;
  }

  stopped(): void {
    this.active = Math.max(0, this.active - 1);
  }

  /** After a receive of `received` messages when `requested` were asked for: start one more poller? */
  shouldGrow(received: number, requested: number): boolean {
    const now = this.opts.now();
    if (received < requested || requested <= 0) return false;
    if (this.active >= this.opts.max()) return false;
    if (now - this.throttledAt < THROTTLE_COOLDOWN_MS) return false;
    if (now - this.lastUpAt < SCALE_UP_EVERY_MS) return false;
    this.lastUpAt = now;
    return true;
  }

  /** A poller whose receives have come back empty since `idleSince`: should it stop? */
  shouldRetireIdle(idleSince: number): boolean {
    return this.active > this.min && this.opts.now() - idleSince >= IDLE_RETIRE_MS;
  }

  /** A poller over the cap (MaximumConcurrency lowered, function concurrency reduced) stops after its batch. */
  overCap(): boolean {
    return this.active > Math.max(this.min, this.opts.max());
  }

  /**
   * The function was throttled for this poller's batch (its `consecutive`-th throttle in a row): how long to wait,
   * and whether the poller should stop instead (fewer pollers is how AWS answers throttles).
   */
  onThrottle(consecutive: number): { waitMs: number; retire: boolean } {
    this.throttledAt = this.opts.now();
    const waitMs = Math.min(THROTTLE_BACKOFF_MAX_MS, THROTTLE_BACKOFF_FIRST_MS * 2 ** Math.max(0, consecutive - 1));
    return { waitMs, retire: this.active > this.min };
  }
}
