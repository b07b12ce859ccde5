// The invocation engine: picks a warm environment of the exact function
// version and configuration, or starts one (cold start), runs the invocation
// and returns the environment to the pool. Idle environments are reaped after
// a while; environments of a superseded configuration are retired.
//
// Admission (see ARCHITECTURE.md, "Concurrency and capacity"): an invocation of a version with
// provisioned concurrency takes an idle provisioned environment first; otherwise it is admitted
// against reserved/account concurrency (ConcurrencyLimits) for as long as it runs, and a cold start
// must fit the host's memory budget (HostCapacity), evicting idle on-demand environments
// least-recently-used to make room. Both refusals are ThrottledError.
import type { FunctionLogWriter } from '../observability/function-logs.js';
import type { Logger } from '../observability/logger.js';
import type { Sandbox } from '../sandbox/types.js';
import type { HostCapacity } from './capacity.js';
import type { CodeCache } from './code-cache.js';
import { ThrottledError, type ConcurrencyLimits } from './concurrency.js';
import { ExecutionEnvironment, poolKeyOf, type EnvironmentDeps } from './environment.js';
import type { InitializationType, Interpreters } from './launch-spec.js';
import { RuntimeErrors } from './runtime-errors.js';
import { StemPool, type StemPoolStats } from './stem-pool.js';
import type { FunctionSnapshot, InvokeRequest, InvokeResult } from './types.js';

export interface EngineOptions {
  sandbox: Sandbox;
  codeCache: CodeCache;
  logs: FunctionLogWriter;
  interpreters: Interpreters;
  stateDir: string;
  /** Idle environments older than this are shut down. */
  idleTimeoutMs: number;
  /** Reserved and account concurrency: admits on-demand invocations. */
  concurrency: ConcurrencyLimits;
  /** Host memory environments hold. */
  capacity: HostCapacity;
  log: Logger;
  /** Ready stem cells kept per runtime in use (stem-pool.ts); 0 disables the pool. Default 2. */
  stemsPerRuntime?: number;
  /** Idle environments are frozen after this long; null: never. Default DEFAULT_FREEZE_AFTER_MS. */
  freezeAfterMs?: number | null;
  /** Lambent's API as functions reach it from inside their sandbox (EnvironmentDeps.sandboxApi). */
  sandboxApi?: EnvironmentDeps['sandboxApi'];
  /**
   * The execution role's temporary credentials for a new environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
   * AWS_SESSION_TOKEN): minted at cold starts only (full start or stem specialization). An environment is retired
   * before they expire (ExecutionEnvironment.usableAt).
   */
  credentials?: EnvironmentDeps['credentials'];
  /** Lambent's front door URL for environments that share the host's network (EnvironmentDeps.hostEndpointUrl). */
  hostEndpointUrl?: EnvironmentDeps['hostEndpointUrl'];
}

/**
 * Idle environments are frozen after this delay rather than at once: a thaw costs a syscall plus a reschedule of the
 * runtime on the warm path, so back-to-back invocations never pay it, while an idle environment stops using CPU soon.
 */
export const DEFAULT_FREEZE_AFTER_MS = 1000;

/** How long a provisioned configuration waits before retrying when the host had no room. */
const PROVISION_RETRY_MS = 2000;

/** Provisioned concurrency of one function version: environments initialized ahead and used first. */
interface ProvisionedPool {
  key: string;
  snap: FunctionSnapshot;
  target: number;
  /** Initialized environments, idle or busy. */
  members: Set<ExecutionEnvironment>;
  idle: ExecutionEnvironment[];
  starting: number;
  /** Why allocation stopped (an init failure): AWS reports the configuration FAILED. */
  failure: string | undefined;
  retry: NodeJS.Timeout | undefined;
}

export interface ProvisionedStatus {
  /** Initialized environments. */
  allocated: number;
  /** Of those, not serving an invocation right now. */
  available: number;
  failure?: string;
}

export class InvocationEngine {
  /** Idle environments per pool key (function ARN + version + configuration fingerprint), most recent last. */
  private readonly idle = new Map<string, ExecutionEnvironment[]>();
  private readonly all = new Set<ExecutionEnvironment>();
  /** Current fingerprint per function version: environments of older ones are retired. */
  private readonly current = new Map<string, string>();
  /** Provisioned pools by function ARN + version. */
  private readonly provisioned = new Map<string, ProvisionedPool>();
  /** MemorySize held by each started environment; given back when it leaves `all`. */
  private readonly holding = new Map<ExecutionEnvironment, number>();
  /** Invocations refused because the host had no room. */
  private capacityThrottles = 0;
  private readonly reaper: NodeJS.Timeout;
  private closed = false;

  /** Pre-started runtimes for cold starts. */
  readonly stems: StemPool;

  constructor(private readonly opts: EngineOptions) {
    this.stems = new StemPool({ ...opts, ...(opts.stemsPerRuntime === undefined ? {} : { perKey: opts.stemsPerRuntime }) });
    this.reaper = setInterval(() => this.reapIdle(), Math.min(10_000, Math.max(250, opts.idleTimeoutMs / 4)));
    this.reaper.unref();
  }

  async invoke(snap: FunctionSnapshot, req: InvokeRequest): Promise<InvokeResult> {
    if (this.closed) throw new Error('engine is shut down');
    const pool = this.provisioned.get(this.noteFingerprint(snap));
    if (pool && pool.snap.fingerprint === snap.fingerprint) {
      const env = this.takeProvisioned(pool);
      // Undefined: the environment died before receiving the invocation; it runs on demand instead.
      const result = env && (await this.invokeProvisioned(pool, env, req));
      if (result) return result;
    }
    // On demand: holds a reserved/account concurrency slot while it runs (throws ThrottledError).
    const release = this.opts.concurrency.acquire(snap.accountId, snap.region, snap.arn);
    const teardowns: Promise<void>[] = [];
    try {
      const first = await this.invokeOnce(snap, req, this.takeIdle(poolKeyOf(snap)), teardowns);
      // A warm environment that died before receiving the invocation ran nothing: run it on a fresh one.
      return (
        first ??
        (await this.invokeOnce(snap, req, undefined, teardowns)) ?? {
          payload: Buffer.from(JSON.stringify(RuntimeErrors.exitedWithoutReason(req.requestId))),
          contentType: 'application/json',
          functionError: 'Unhandled',
          executedVersion: snap.version,
        }
      );
    } finally {
      // The caller has its answer, but an environment still being torn down (timeout, crash) keeps the slot until it
      // is gone, so a function cannot run more environments than its concurrency while old ones are being killed.
      if (teardowns.length === 0) release();
      else void Promise.allSettled(teardowns).then(release);
    }
  }

  private async invokeOnce(
    snap: FunctionSnapshot,
    req: InvokeRequest,
    warm: ExecutionEnvironment | undefined,
    teardowns: Promise<void>[],
  ): Promise<InvokeResult | undefined> {
    let env = warm;
    if (!env) {
      const started = await this.startEnvironment(snap, 'on-demand');
      if (!started.ok) {
        const failed = await started.env.failedStart(req);
        teardowns.push(started.env.destroy());
        return failed;
      }
      env = started.env;
    }
    const { result, healthy, teardown } = await env.invoke(req);
    if (healthy && !this.closed && this.current.get(versionKey(snap)) === snap.fingerprint) {
      this.pushIdle(env);
    } else if (teardown) {
      teardowns.push(teardown);
      this.dropAfter(env, teardown);
    } else {
      this.drop(env);
      if (healthy) void env.destroy();
    }
    return result;
  }

  /**
   * Holds the new environment's MemorySize against the host budget (evicting idle on-demand
   * environments least-recently-used when it does not fit), then starts it. Throws ThrottledError
   * when even that leaves no room.
   */
  private async startEnvironment(
    snap: FunctionSnapshot,
    initType: InitializationType,
  ): Promise<{ ok: boolean; env: ExecutionEnvironment }> {
    const mb = snap.memoryMb;
    if (!this.makeRoom(mb)) {
      if (initType === 'on-demand') this.capacityThrottles++;
      throw new ThrottledError('ConcurrentInvocationLimitExceeded');
    }
    let started: { ok: boolean; env: ExecutionEnvironment };
    try {
      started = await this.coldStart(snap, initType);
    } catch (e) {
      this.opts.capacity.release(mb);
      throw e;
    }
    if (started.ok && this.all.has(started.env)) this.holding.set(started.env, mb);
    else this.opts.capacity.release(mb);
    return started;
  }

  private makeRoom(mb: number): boolean {
    const capacity = this.opts.capacity;
    if (capacity.tryReserve(mb)) return true;
    // Pre-started stem cells (each holds STEM_MEMORY_MB until taken) give way before any environment does.
    if (this.stems.shed(() => capacity.tryReserve(mb))) return true;
    // Least recently used first; busy and provisioned environments are never in the idle lists.
    const candidates: ExecutionEnvironment[] = [];
    for (const list of this.idle.values()) candidates.push(...list);
    candidates.sort((a, b) => a.lastUsed - b.lastUsed);
    for (const env of candidates) {
      this.removeIdle(env);
      this.kill(env);
      if (capacity.tryReserve(mb)) return true;
    }
    return false;
  }

  /** An environment left the engine: forget it and give its memory back. */
  private drop(env: ExecutionEnvironment): void {
    this.all.delete(env);
    const mb = this.holding.get(env);
    if (mb === undefined) return;
    this.holding.delete(env);
    this.opts.capacity.release(mb);
  }

  /** An environment being torn down in the background keeps its memory until it is gone (no over-commit meanwhile). */
  private dropAfter(env: ExecutionEnvironment, teardown: Promise<void>): void {
    void teardown.catch(() => undefined).then(() => this.drop(env));
  }

  private removeIdle(env: ExecutionEnvironment): void {
    const list = this.idle.get(env.poolKey);
    if (!list) return;
    const i = list.indexOf(env);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.idle.delete(env.poolKey);
  }

  /**
   * Sets a version's provisioned concurrency: `count` environments initialized ahead of any
   * invocation (AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency), refilled when one dies;
   * 0 tears them down (busy ones when their invocation ends).
   */
  provision(snap: FunctionSnapshot, count: number): void {
    const key = versionKey(snap);
    let pool = this.provisioned.get(key);
    if (pool && (count <= 0 || pool.snap.fingerprint !== snap.fingerprint)) {
      this.unprovisionPool(pool);
      pool = undefined;
    }
    if (count <= 0 || this.closed) return;
    if (!pool) {
      pool = { key, snap, target: count, members: new Set(), idle: [], starting: 0, failure: undefined, retry: undefined };
      this.provisioned.set(key, pool);
    }
    // A changed amount tries again after an init failure; re-applying the same amount leaves it FAILED.
    if (pool.target !== count) pool.failure = undefined;
    pool.target = count;
    while (pool.members.size > pool.target) {
      const env = pool.idle.shift();
      if (!env) break;
      pool.members.delete(env);
      this.kill(env);
    }
    this.fillPool(pool);
  }

  /** Removes a version's provisioned environments. */
  unprovision(arn: string, version: string): void {
    const pool = this.provisioned.get(`${arn}:${version}`);
    if (pool) this.unprovisionPool(pool);
  }

  /** Versions of a function that have provisioned pools. */
  provisionedVersions(arn: string): string[] {
    const out: string[] = [];
    for (const pool of this.provisioned.values()) if (pool.snap.arn === arn) out.push(pool.snap.version);
    return out;
  }

  provisionedStatus(arn: string, version: string): ProvisionedStatus | undefined {
    const pool = this.provisioned.get(`${arn}:${version}`);
    if (!pool) return undefined;
    const status: ProvisionedStatus = { allocated: pool.members.size, available: pool.idle.length };
    if (pool.failure) status.failure = pool.failure;
    return status;
  }

  private unprovisionPool(pool: ProvisionedPool): void {
    if (this.provisioned.get(pool.key) === pool) this.provisioned.delete(pool.key);
    clearTimeout(pool.retry);
    pool.retry = undefined;
    for (const env of pool.idle.splice(0)) this.kill(env);
  }

  private fillPool(pool: ProvisionedPool): void {
    if (this.closed || this.provisioned.get(pool.key) !== pool || pool.failure) return;
    while (pool.members.size + pool.starting < pool.target) {
      pool.starting++;
      void this.startProvisioned(pool);
    }
  }

  private async startProvisioned(pool: ProvisionedPool): Promise<void> {
    let started: { ok: boolean; env: ExecutionEnvironment };
    try {
      started = await this.startEnvironment(pool.snap, 'provisioned-concurrency');
    } catch (e) {
      pool.starting--;
      if (!(e instanceof ThrottledError)) this.opts.log.warn(`provisioning ${pool.key}: ${(e as Error).message}`);
      // No room on the host (or a launch error): stay IN_PROGRESS and try again shortly.
      if (this.provisioned.get(pool.key) === pool && !pool.retry && !this.closed) {
        pool.retry = setTimeout(() => {
          pool.retry = undefined;
          this.fillPool(pool);
        }, PROVISION_RETRY_MS);
        pool.retry.unref();
      }
      return;
    }
    pool.starting--;
    const { ok, env } = started;
    if (!ok) {
      pool.failure = 'FUNCTION_ERROR_INIT_FAILURE';
      void env.destroy();
      return;
    }
    if (this.closed || this.provisioned.get(pool.key) !== pool || pool.members.size >= pool.target) {
      this.kill(env);
      return;
    }
    pool.members.add(env);
    pool.idle.push(env);
  }

  private takeProvisioned(pool: ProvisionedPool): ExecutionEnvironment | undefined {
    const now = Date.now();
    for (let env = pool.idle.pop(); env; env = pool.idle.pop()) {
      if (env.state === 'idle' && env.usableAt(now)) return env;
      // Died while idle, or its credentials are about to expire: release its sandbox, Runtime API server, dirs and
      // cgroup, and replace it.
      pool.members.delete(env);
      this.kill(env);
      this.fillPool(pool);
    }
    return undefined;
  }

  private async invokeProvisioned(
    pool: ProvisionedPool,
    env: ExecutionEnvironment,
    req: InvokeRequest,
  ): Promise<InvokeResult | undefined> {
    const { result, healthy, teardown } = await env.invoke(req);
    if (healthy && !this.closed && this.provisioned.get(pool.key) === pool && pool.members.size <= pool.target) {
      pool.idle.push(env);
    } else {
      pool.members.delete(env);
      if (teardown) this.dropAfter(env, teardown);
      else this.drop(env);
      if (healthy) void env.destroy();
      this.fillPool(pool);
    }
    return result;
  }

  /** A new environment for a snapshot, started (init done) or failed; the only place environments are created. */
  private async coldStart(
    snap: FunctionSnapshot,
    initType: InitializationType,
  ): Promise<{ ok: boolean; env: ExecutionEnvironment }> {
    // A pre-started stem cell when the pool has one for this runtime (StemPool.take refills it in the background).
    const env = new ExecutionEnvironment(snap, {
      sandbox: this.opts.sandbox,
      codeCache: this.opts.codeCache,
      logs: this.opts.logs,
      interpreters: this.opts.interpreters,
      stateDir: this.opts.stateDir,
      log: this.opts.log,
      ...(this.opts.freezeAfterMs === null ? {} : { freezeAfterMs: this.opts.freezeAfterMs ?? DEFAULT_FREEZE_AFTER_MS }),
      ...(this.opts.sandboxApi ? { sandboxApi: this.opts.sandboxApi } : {}),
      ...(this.opts.credentials ? { credentials: this.opts.credentials } : {}),
      ...(this.opts.hostEndpointUrl ? { hostEndpointUrl: this.opts.hostEndpointUrl } : {}),
    }, initType, this.stems.take(snap));
    this.all.add(env);
    const ok = await env.start();
    if (!ok) this.all.delete(env);
    return { ok, env };
  }

  /** Shuts down every environment of a function (deleted) or of a version. */
  retire(arn: string): void {
    for (const [key, list] of this.idle) {
      if (!key.startsWith(`${arn}:`)) continue;
      this.idle.delete(key);
      for (const env of list) this.kill(env);
    }
    for (const k of this.current.keys()) if (k.startsWith(`${arn}:`)) this.current.delete(k);
    for (const [key, pool] of this.provisioned) if (key === arn || key.startsWith(`${arn}:`)) this.unprovisionPool(pool);
  }

  /** Counts for diagnostics and tests. */
  stats(): { environments: number; idle: number; provisioned: number; concurrentExecutions: number; memoryMb: { budget: number; held: number }; throttles: number; frozen: number; stems: StemPoolStats } {
    let idle = 0;
    for (const l of this.idle.values()) idle += l.length;
    let provisioned = 0;
    // Lambda's ConcurrentExecutions: invocations running now, on demand and on provisioned environments.
    let concurrentExecutions = this.opts.concurrency.inFlightTotal;
    for (const p of this.provisioned.values()) {
      provisioned += p.members.size;
      concurrentExecutions += p.members.size - p.idle.length;
    }
    const memoryMb = { budget: this.opts.capacity.budgetMb, held: this.opts.capacity.used };
    let frozen = 0;
    for (const e of this.all) if (e.frozen) frozen++;
    const throttles = this.opts.concurrency.throttles + this.capacityThrottles;
    return { environments: this.all.size, idle, provisioned, concurrentExecutions, memoryMb, throttles, frozen, stems: this.stems.stats() };
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    this.idle.clear();
    for (const pool of this.provisioned.values()) clearTimeout(pool.retry);
    this.provisioned.clear();
    await Promise.allSettled([...[...this.all].map((e) => e.destroy()), this.stems.shutdown()]);
    this.all.clear();
    // The engine is the sandbox's only user: its helpers (the stem pool's mount helper) stop with it.
    await this.opts.sandbox.close?.().catch(() => undefined);
    await this.opts.logs.flush();
  }

  /** Records the version's current fingerprint (retiring older environments); returns the version key. */
  private noteFingerprint(snap: FunctionSnapshot): string {
    const vk = versionKey(snap);
    const prev = this.current.get(vk);
    if (prev === snap.fingerprint) return vk;
    this.current.set(vk, snap.fingerprint);
    if (prev === undefined) return vk;
    const stale = `${vk}:${prev}`;
    const list = this.idle.get(stale);
    this.idle.delete(stale);
    for (const env of list ?? []) this.kill(env);
    return vk;
  }

  private takeIdle(key: string): ExecutionEnvironment | undefined {
    const list = this.idle.get(key);
    if (!list) return undefined;
    // Most recently used first: its caches are warmest.
    const now = Date.now();
    for (let env = list.pop(); env; env = list.pop()) {
      if (env.state === 'idle' && env.usableAt(now)) {
        if (list.length === 0) this.idle.delete(key);
        return env;
      }
      // Died while idle (its process is gone, but its Runtime API server, dirs and cgroup are not), or its
      // credentials would expire during the invocation.
      this.kill(env);
    }
    this.idle.delete(key);
    return undefined;
  }

  private pushIdle(env: ExecutionEnvironment): void {
    const key = env.poolKey;
    const list = this.idle.get(key);
    if (list) list.push(env);
    else this.idle.set(key, [env]);
  }

  private reapIdle(): void {
    const now = Date.now();
    const cutoff = now - this.opts.idleTimeoutMs;
    for (const [key, list] of this.idle) {
      const keep = list.filter((env) => {
        if (env.state === 'idle' && env.lastUsed >= cutoff && env.usableAt(now)) return true;
        this.kill(env);
        return false;
      });
      if (keep.length === 0) this.idle.delete(key);
      else this.idle.set(key, keep);
    }
    // Provisioned environments never idle out, but their credentials do: replace them ahead of that.
    for (const pool of this.provisioned.values()) {
      let replaced = false;
      pool.idle = pool.idle.filter((env) => {
        if (env.usableAt(now)) return true;
        pool.members.delete(env);
        this.kill(env);
        replaced = true;
        return false;
      });
      if (replaced) this.fillPool(pool);
    }
  }

  private kill(env: ExecutionEnvironment): void {
    this.drop(env);
    env.destroy().catch((e: unknown) => this.opts.log.warn(`destroying environment ${env.id}: ${(e as Error).message}`));
  }
}

function versionKey(s: FunctionSnapshot): string {
  return `${s.arn}:${s.version}`;
}
