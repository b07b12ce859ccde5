// The invocation engine: picks a warm environment of the exact function
// version and configuration, or starts one (cold start), runs the invocation
// and returns the environment to the pool. Idle environments are reaped after
// a while; environments of a superseded configuration are retired.
import type { FunctionLogWriter } from '../observability/function-logs.js';
import type { Logger } from '../observability/logger.js';
import type { Sandbox } from '../sandbox/types.js';
import type { CodeCache } from './code-cache.js';
import { ExecutionEnvironment, poolKeyOf } from './environment.js';
import type { Interpreters } from './launch-spec.js';
import { RuntimeErrors } from './runtime-errors.js';
import type { FunctionSnapshot, InvokeRequest, InvokeResult } from './types.js';

export interface EngineOptions {
  sandbox: Sandbox;
  codeCache: CodeCache;
  logs: FunctionLogWriter;
  interpreters: Interpreters;
  stateDir: string;
  /** Idle environments older than this are shut down. */
  idleTimeoutMs: number;
  log: Logger;
}

export class InvocationEngine {
  /** Idle environments per pool key (function ARN + version + configuration fingerprint), most recent last. */
  private readonly idle = new Map<string, ExecutionEnvironment[]>();
  private readonly all = new Set<ExecutionEnvironment>();
  /** Current fingerprint per function version: environments of older ones are retired. */
  private readonly current = new Map<string, string>();
  private readonly reaper: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly opts: EngineOptions) {
    this.reaper = setInterval(() => this.reapIdle(), Math.min(10_000, Math.max(250, opts.idleTimeoutMs / 4)));
    this.reaper.unref();
  }

  async invoke(snap: FunctionSnapshot, req: InvokeRequest): Promise<InvokeResult> {
    if (this.closed) throw new Error('engine is shut down');
    this.noteFingerprint(snap);
    const first = await this.invokeOnce(snap, req, this.takeIdle(poolKeyOf(snap)));
    // A warm environment that died before receiving the invocation ran nothing: run it on a fresh one.
    return (
      first ??
      (await this.invokeOnce(snap, req, undefined)) ?? {
        payload: Buffer.from(JSON.stringify(RuntimeErrors.exitedWithoutReason(req.requestId))),
        contentType: 'application/json',
        functionError: 'Unhandled',
        executedVersion: snap.version,
      }
    );
  }

  private async invokeOnce(
    snap: FunctionSnapshot,
    req: InvokeRequest,
    warm: ExecutionEnvironment | undefined,
  ): Promise<InvokeResult | undefined> {
    let env = warm;
    if (!env) {
      env = new ExecutionEnvironment(snap, {
        sandbox: this.opts.sandbox,
        codeCache: this.opts.codeCache,
        logs: this.opts.logs,
        interpreters: this.opts.interpreters,
        stateDir: this.opts.stateDir,
      });
      this.all.add(env);
      const ok = await env.start();
      if (!ok) {
        this.all.delete(env);
        return env.failedStart(req);
      }
    }
    const { result, healthy } = await env.invoke(req);
    if (healthy && !this.closed && this.current.get(versionKey(snap)) === snap.fingerprint) {
      this.pushIdle(env);
    } else {
      this.all.delete(env);
      if (healthy) void env.destroy();
    }
    return result;
  }

  /** Shuts down every environment of a function (deleted) or of a version. */
  retire(arn: string): void {
    for (const [key, list] of this.idle) {
      if (!key.startsWith(`${arn}:`)) continue;
      this.idle.delete(key);
      for (const env of list) this.kill(env);
    }
    for (const k of this.current.keys()) if (k.startsWith(`${arn}:`)) this.current.delete(k);
  }

  /** Counts for diagnostics and tests. */
  stats(): { environments: number; idle: number } {
    let idle = 0;
    for (const l of this.idle.values()) idle += l.length;
    return { environments: this.all.size, idle };
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    this.idle.clear();
    await Promise.allSettled([...this.all].map((e) => e.destroy()));
    this.all.clear();
    await this.opts.logs.flush();
  }

  private noteFingerprint(snap: FunctionSnapshot): void {
    const vk = versionKey(snap);
    const prev = this.current.get(vk);
    if (prev === snap.fingerprint) return;
    this.current.set(vk, snap.fingerprint);
    if (prev === undefined) return;
    const stale = `${vk}:${prev}`;
    const list = this.idle.get(stale);
    this.idle.delete(stale);
    for (const env of list ?? []) this.kill(env);
  }

  private takeIdle(key: string): ExecutionEnvironment | undefined {
    const list = this.idle.get(key);
    if (!list) return undefined;
    // Most recently used first: its caches are warmest.
    for (let env = list.pop(); env; env = list.pop()) {
      if (env.state === 'idle') {
        if (list.length === 0) this.idle.delete(key);
        return env;
      }
      this.all.delete(env);
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
    const cutoff = Date.now() - this.opts.idleTimeoutMs;
    for (const [key, list] of this.idle) {
      const keep = list.filter((env) => {
        if (env.state === 'idle' && env.lastUsed >= cutoff) return true;
        this.kill(env);
        return false;
      });
      if (keep.length === 0) this.idle.delete(key);
      else this.idle.set(key, keep);
    }
  }

  private kill(env: ExecutionEnvironment): void {
    this.all.delete(env);
    env.destroy().catch((e: unknown) => this.opts.log.warn(`destroying environment ${env.id}: ${(e as Error).message}`));
  }
}

function versionKey(s: FunctionSnapshot): string {
  return `${s.arn}:${s.version}`;
}
