// The stem-cell pool (as Apache OpenWhisk's pre-warmed containers): generic runtime processes already running in
// ready sandboxes, with no function. A cold start takes one and specializes it (environment.ts): the code is mounted
// at /var/task, the cgroup re-sized, and the function's environment handed over on the runtime's stdin; the runtime
// then imports the handler. Sandbox and cgroup set-up and runtime boot thus happen at refill, off the request path.
//
// Functions that cannot use a runtime stem (poolBypassReason: their own bootstrap, start-up variables, another /tmp
// size) get an exec stem when sandboxed: a ready sandbox (cgroup joined, namespaces and mounts made, privileges
// dropped) whose process is a small waiter that execve()s the function's real command with its complete environment
// once the code is attached (sandbox/exec-stem.ts). Their runtime boots on the request path, but sandbox and cgroup
// set-up do not.
//
// Stems are kept per launch command (runtime stems: interpreter + bootstrap + interpreter mounts, one pool per runtime
// major; exec stems: the same plus /tmp's size) and only for commands used recently: a cold start marks its command
// used and the pool refills in the background, one stem at a time (bounded CPU), up to `perKey` ready stems, blocked
// (no CPU) while they wait. A stem is used once.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../observability/logger.js';
import { RuntimeApiEndpoint, type RuntimeApiEvents, type RuntimeApiOptions } from '../runtime-api/index.js';
import type { Sandbox, SandboxProcess } from '../sandbox/types.js';
import { launchPlan, runtimeApiFor, type LaunchPlan, type StemHandle } from './environment.js';
import { environmentVariables, type Interpreters } from './launch-spec.js';
import type { FunctionSnapshot } from './types.js';

/** /tmp's size is fixed when the sandbox starts: only functions with the default size use the pool. */
export const POOLED_TMP_MB = 512;
/** Stems are launched with this memory cap; specialization sets the function's own. */
export const STEM_MEMORY_MB = 256;
const STEM_BOOT_TIMEOUT_MS = 10_000;
const FAILURE_BACKOFF_MS = 30_000;
const READY_MARKER = 'STEM_READY\n';

/**
 * Variables read only when a process starts (by the dynamic linker, libc, Node, Python): a stem started without the
 * function's value would not honour them, so such functions bypass the pool. NODE_PATH and TZ are re-read at
 * specialization.
 */
const START_UP_VARIABLE = /^(NODE_(?!PATH$)|UV_|LD_|MALLOC_|GLIBC_TUNABLES$|OPENSSL_|LANG$|LANGUAGE$|LC_|PYTHON|AWS_LAMBDA_EXEC_WRAPPER$)/;

/** Why a function cannot start from a runtime stem (it may still use an exec stem), or undefined when it can. */
export function poolBypassReason(snap: FunctionSnapshot): string | undefined {
  if (!/^(nodejs|python)/.test(snap.runtime)) return 'the runtime is the function\'s own bootstrap';
  if (snap.ephemeralStorageMb !== POOLED_TMP_MB) return `ephemeral storage is ${snap.ephemeralStorageMb} MB, not ${POOLED_TMP_MB}`;
  const v = Object.keys(snap.environment).find((k) => START_UP_VARIABLE.test(k));
  return v ? `${v} affects how the runtime process starts` : undefined;
}

export interface StemPoolOptions {
  sandbox: Sandbox;
  interpreters: Interpreters;
  stateDir: string;
  log: Logger;
  /** Ready stems kept per launch command in use; 0 disables the pool. Default 2. */
  perKey?: number;
  /** A launch command not used for this long loses its stems. Default 10 minutes. */
  keyTtlMs?: number;
  /**
   * Host memory: each stem holds STEM_MEMORY_MB from launch until it is taken (the environment then holds its own
   * MemorySize) or destroyed. No room: no refill (stems never evict environments).
   */
  capacity?: { tryReserve(mb: number): boolean; release(mb: number): void };
  /** Lambent's API as functions reach it from inside their sandbox (EnvironmentDeps.sandboxApi). */
  sandboxApi?: RuntimeApiOptions['aws'];
}

export interface StemPoolStats {
  /** Ready stems waiting for specialization. */
  ready: number;
  /** Stems booting right now (at most one). */
  starting: number;
  /** Memory reserved by stems: each is capped at STEM_MEMORY_MB until specialized. */
  memoryMb: number;
  /** Launch commands with a pool. */
  keys: number;
  /** Cold starts served from the pool, and those that found it empty. */
  hits: number;
  misses: number;
  /** Ready stems per launch command ("exec: <argv> (/tmp N MB)" for exec stems). */
  commands: { command: string; ready: number }[];
}

class StemCell implements StemHandle {
  events: RuntimeApiEvents = {};
  /** Gives back the stem's memory reservation, once. */
  release: () => void = () => undefined;
  constructor(
    readonly id: string,
    readonly exec: boolean,
    readonly argv: readonly string[],
    readonly proc: SandboxProcess,
    readonly api: RuntimeApiEndpoint,
    /** Process start → waiting for specialization (runtime boot). */
    readonly bootMs: number,
  ) {}

  destroy(): Promise<unknown> {
    this.release();
    return Promise.allSettled([this.proc.destroy(), this.api.close()]);
  }
}

interface KeyEntry {
  key: string;
  /** Exec stems (a waiter that becomes the function's command) rather than runtime stems. */
  exec: boolean;
  /** /tmp's size of the stems' sandboxes. */
  tmpSizeMb: number;
  plan: LaunchPlan;
  /** A snapshot of a function that used this key, with no variables: the stems' environment defaults come from it. */
  template: FunctionSnapshot;
  stems: StemCell[];
  lastUsed: number;
  backoffUntil: number;
}

export class StemPool {
  private readonly keys = new Map<string, KeyEntry>();
  private readonly perKey: number;
  private readonly keyTtlMs: number;
  private refilling: Promise<void> | undefined;
  private starting = 0;
  private hits = 0;
  private misses = 0;
  private closed = false;
  private readonly sweeper: NodeJS.Timeout;
  /** Recent stem boot times (launch → waiting for specialization), for the bench's breakdown. */
  private readonly boots: number[] = [];
  private warned = false;

  constructor(private readonly opts: StemPoolOptions) {
    this.perKey = opts.perKey ?? 2;
    this.keyTtlMs = opts.keyTtlMs ?? 10 * 60_000;
    this.sweeper = setInterval(() => this.expire(), Math.min(60_000, this.keyTtlMs));
    this.sweeper.unref();
  }

  /**
   * A ready stem for this function's launch command, or undefined (pool empty or not applicable). Either way the
   * command counts as used, so the pool refills for the next cold start.
   */
  take(snap: FunctionSnapshot): StemHandle | undefined {
    if (this.closed || this.perKey <= 0) return undefined;
    const exec = poolBypassReason(snap) !== undefined;
    // Unsandboxed there is no sandbox to set up ahead (Sandbox.execStems is false): full starts.
    if (exec && this.opts.sandbox.report.sandbox === 'none') return undefined;
    const plan = launchPlan(snap, this.opts, '/');
    const tmpSizeMb = exec ? snap.ephemeralStorageMb : POOLED_TMP_MB;
    const key = JSON.stringify([exec ? 'exec' : 'runtime', plan.argv, plan.extraReadOnly, plan.runtimeDir, tmpSizeMb]);
    let entry = this.keys.get(key);
    if (!entry) {
      entry = { key, exec, tmpSizeMb, plan, template: { ...snap, environment: {} }, stems: [], lastUsed: 0, backoffUntil: 0 };
      this.keys.set(key, entry);
    }
    entry.lastUsed = Date.now();
    const stem = entry.stems.shift();
    if (stem) {
      this.hits++;
      stem.release();
    } else this.misses++;
    this.kick();
    return stem;
  }

  /**
   * Makes room for environments: destroys ready stems (whose memory reservation goes back at once) until `fits()`
   * says the environment now fits, or none is left. Returns the last fits().
   */
  shed(fits: () => boolean): boolean {
    for (const e of this.keys.values()) {
      for (let stem = e.stems.pop(); stem; stem = e.stems.pop()) {
        void stem.destroy();
        if (fits()) return true;
      }
    }
    return fits();
  }

  /** Resolves once every used launch command has its stems (or refilling stopped); for tests and the bench. */
  async settled(): Promise<void> {
    while (this.refilling) await this.refilling;
  }

  bootTimes(): number[] {
    return [...this.boots];
  }

  stats(): StemPoolStats {
    let ready = 0;
    for (const e of this.keys.values()) ready += e.stems.length;
    const commands = [...this.keys.values()].map((e) => ({ command: commandLabel(e), ready: e.stems.length }));
    return { ready, starting: this.starting, memoryMb: (ready + this.starting) * STEM_MEMORY_MB, keys: this.keys.size, hits: this.hits, misses: this.misses, commands };
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    await this.refilling?.catch(() => undefined);
    const all = [...this.keys.values()].flatMap((e) => e.stems.splice(0));
    this.keys.clear();
    await Promise.allSettled(all.map((s) => s.destroy()));
  }

  private kick(): void {
    if (this.refilling || this.closed) return;
    this.refilling = this.refill().finally(() => {
      this.refilling = undefined;
    });
  }

  /** One stem at a time, for the recently used key that lacks the most. */
  private async refill(): Promise<void> {
    if (!(await this.opts.sandbox.lateCode())) {
      if (!this.warned) this.opts.log.warn('stem-cell pool disabled: code cannot be attached to a running sandbox here (`lambent doctor` says why and how to fix it)');
      this.warned = true;
      return;
    }
    const execOk = await this.opts.sandbox.execStems();
    for (;;) {
      if (this.closed) return;
      const now = Date.now();
      let entry: KeyEntry | undefined;
      for (const e of this.keys.values()) {
        if (e.exec && !execOk) continue;
        if (e.stems.length >= this.perKey || e.backoffUntil > now || now - e.lastUsed > this.keyTtlMs) continue;
        if (!entry || e.stems.length < entry.stems.length) entry = e;
      }
      if (!entry) return;
      const capacity = this.opts.capacity;
      if (capacity && !capacity.tryReserve(STEM_MEMORY_MB)) return; // the host is full: functions come first
      let released = false;
      const release = (): void => {
        if (!released) capacity?.release(STEM_MEMORY_MB);
        released = true;
      };
      this.starting++;
      try {
        const stem = await this.launch(entry);
        stem.release = release;
        if (this.closed || !this.keys.has(entry.key)) void stem.destroy();
        else entry.stems.push(stem);
      } catch (err) {
        release();
        entry.backoffUntil = Date.now() + FAILURE_BACKOFF_MS;
        this.opts.log.warn(`stem cell for ${commandLabel(entry)} failed to start: ${(err as Error).message}`);
      } finally {
        this.starting--;
      }
    }
  }

  private async launch(entry: KeyEntry): Promise<StemCell> {
    const id = randomBytes(16).toString('hex');
    const holder: { cell?: StemCell } = {};
    const { api, spec: apiSpec } = await runtimeApiFor(this.opts.sandbox, {
      ready: () => holder.cell?.events.ready?.(),
      initError: (t, b) => holder.cell?.events.initError?.(t, b),
    }, this.opts.sandboxApi);
    const { plan } = entry;
    // Runtime stems: only what shapes process start-up; everything else (and all of this) is replaced at
    // specialization. Exec stems: the waiter needs nothing (the command gets its whole environment at exec).
    const env: Record<string, string> = {};
    if (!entry.exec) {
      const fn = environmentVariables(entry.template, plan.family, plan.paths, api.address, '');
      Object.assign(env, { LAMBENT_STEM: '1', AWS_LAMBDA_RUNTIME_API: api.address });
      for (const k of ['PATH', 'LD_LIBRARY_PATH', 'LANG', 'TZ', 'PWD']) {
        const v = fn[k];
        if (v !== undefined) env[k] = v;
      }
    }
    let proc: SandboxProcess;
    const t0 = performance.now();
    try {
      proc = await this.opts.sandbox.launch({
        ...apiSpec,
        id,
        argv: plan.argv,
        extraReadOnly: plan.extraReadOnly,
        env,
        taskDir: plan.runtimeDir,
        runtimeDir: plan.runtimeDir,
        optDir: plan.optDir,
        tmpSizeMb: entry.tmpSizeMb,
        memoryMb: STEM_MEMORY_MB,
        cpuBoost: true,
        stdinPipe: true,
        lateCode: true,
        ...(entry.exec ? { execStem: true } : {}),
      });
    } catch (err) {
      await api.close();
      throw err;
    }
    const cellProc = proc;
    try {
      await waitForMarker(cellProc);
    } catch (err) {
      await Promise.allSettled([cellProc.destroy(), api.close()]);
      throw err;
    }
    const cell = new StemCell(id, entry.exec, plan.argv, cellProc, api, performance.now() - t0);
    this.boots.push(cell.bootMs);
    if (this.boots.length > 100) this.boots.shift();
    holder.cell = cell;
    void cellProc.exited.then(() => this.drop(entry, cell));
    // Not frozen: a stem blocked reading its stdin uses no CPU already, and a thaw would cost the cold start ~0.5 ms.
    return cell;
  }

  private drop(entry: KeyEntry, cell: StemCell): void {
    const i = entry.stems.indexOf(cell);
    if (i >= 0) {
      entry.stems.splice(i, 1);
      void cell.destroy();
    }
  }

  private expire(): void {
    const cutoff = Date.now() - this.keyTtlMs;
    for (const [key, e] of this.keys) {
      if (e.lastUsed >= cutoff) continue;
      this.keys.delete(key);
      for (const s of e.stems.splice(0)) void s.destroy();
    }
  }
}

function commandLabel(e: KeyEntry): string {
  const argv = e.plan.argv.join(' ');
  return e.exec ? `exec: ${argv} (/tmp ${e.tmpSizeMb} MB)` : argv;
}

/** Reads the stem's stdout until the runtime says it waits for specialization; then leaves the stream paused. */
function waitForMarker(proc: SandboxProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const out = proc.stdout;
    let finished = false;
    const done = (err?: Error): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      out.off('data', onData);
      out.pause();
      if (err) reject(err);
      else resolve();
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1');
      if (seen.includes(READY_MARKER)) done();
      else if (seen.length > 4096) done(new Error(`unexpected output before specialization: ${JSON.stringify(seen.slice(0, 200))}`));
    };
    const timer = setTimeout(() => done(new Error(`not ready within ${STEM_BOOT_TIMEOUT_MS} ms`)), STEM_BOOT_TIMEOUT_MS);
    out.on('data', onData);
    void proc.exited.then((e) => done(new Error(`exited before specialization (code ${e.code}, signal ${e.signal})`)));
  });
}
