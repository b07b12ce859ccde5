// One execution environment: a sandboxed runtime process tree for one function
// version, its Runtime API endpoint and its log stream. Lifecycle:
// starting → idle ⇄ busy → dead. A timed-out, crashed or out-of-memory
// environment is never reused. It starts either with a fresh sandbox (full cold
// start) or by specializing a pre-started stem cell from the pool (stem-pool.ts);
// idle, it is frozen after a short delay and thawed by its next invocation.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import type { FunctionLogWriter } from '../observability/function-logs.js';
import { LineSplitter, LogTail, logStreamName } from '../observability/function-logs.js';
import { RuntimeApiEndpoint } from '../runtime-api/index.js';
import type { InvocationOutcome, RuntimeApiEvents, RuntimeApiOptions } from '../runtime-api/index.js';
import type { RuntimeFamily } from '../runtimes/catalog.js';
import type { Sandbox, SandboxExit, SandboxProcess } from '../sandbox/types.js';
import type { CodeCache } from './code-cache.js';
import {
  hostPaths,
  sdkMounts,
  bootstrapArgv,
  withExecWrapper,
  environmentVariables,
  interpreterFor,
  interpreterMounts,
  runtimeFamily,
  runtimeHostDir,
  SANDBOX_PATHS,
  type EnvironmentPaths,
  type InitializationType,
  type Interpreters,
} from './launch-spec.js';
import { EnvironmentMemory, ProcessPeakReader, reportedMemoryMb } from './memory-report.js';
import { RuntimeErrors, type RuntimeErrorDoc } from './runtime-errors.js';
import type { FunctionSnapshot, InvokeRequest, InvokeResult } from './types.js';

export const INIT_TIMEOUT_MS = 10_000;
const TAIL_BYTES = 4096;

export interface EnvironmentDeps {
  sandbox: Sandbox;
  codeCache: CodeCache;
  logs: FunctionLogWriter;
  interpreters: Interpreters;
  /** Host folder for per-environment scratch (an empty /opt for now). */
  stateDir: string;
  /** Idle this long, the environment is frozen (no CPU) until its next invocation; undefined: never. */
  freezeAfterMs?: number;
  /** Lambent's own log: a launch failure's full text goes here (the caller's Sandbox.Failure has no host paths). */
  log?: { warn(msg: string): void };
  /** Lambent's API as functions reach it from inside their sandbox (RuntimeApiOptions.aws). */
  sandboxApi?: RuntimeApiOptions['aws'];
}

/**
 * Where a cold start's time went (milliseconds); `path` says whether it came from the stem-cell pool: a runtime stem
 * ('pool') or an exec stem ('exec': a ready sandbox whose waiter execs the function's command).
 */
export interface InitBreakdown {
  path: 'sandbox' | 'pool' | 'exec';
  /** Creating the environment's cgroup (pool: done at refill, off the request path, so 0). */
  cgroupMs: number;
  /** Spawning the sandbox until the process exists (pool: at refill, 0). */
  spawnMs: number;
  /** Full start: process start → the runtime's first /next (runtime boot + handler import). */
  runtimeMs: number;
  /** Pool: thawing the stem, mounting the code, re-sizing the cgroup. */
  specializeMs: number;
  /** Pool: handover → first /next (environment switch + handler import; exec stem: exec + runtime boot + import). */
  importMs: number;
  /** What REPORT's Init Duration says. */
  initMs: number;
}

/** A pre-started runtime (or, `exec`, a waiter that execs the function's command) waiting for its function. */
export interface StemHandle {
  readonly id: string;
  /** An exec stem: specialization also sends the command (argv) it is to execve. */
  readonly exec: boolean;
  /** The command the stem's sandbox was set up for (its mounts follow from it). */
  readonly argv: readonly string[];
  readonly proc: SandboxProcess;
  readonly api: RuntimeApiEndpoint;
  /** Where the endpoint's ready/initError events go once the stem belongs to an environment. */
  events: RuntimeApiEvents;
}

/** How a function's runtime is launched; the stem-cell pool keys its stems by argv + extraReadOnly. */
export interface LaunchPlan {
  family: RuntimeFamily;
  argv: string[];
  extraReadOnly: { host: string; inside: string }[];
  runtimeDir: string;
  optDir: string;
  paths: EnvironmentPaths;
}

export function launchPlan(snap: FunctionSnapshot, deps: Pick<EnvironmentDeps, 'sandbox' | 'interpreters' | 'stateDir'>, taskDir: string): LaunchPlan {
  const family = runtimeFamily(snap.runtime);
  const interpreter = interpreterFor(snap.runtime, deps.interpreters);
  const runtimeDir = runtimeHostDir(family);
  const optDir = join(deps.stateDir, 'empty-opt');
  mkdirSync(optDir, { recursive: true });
  const sandboxed = deps.sandbox.report.sandbox !== 'none';
  const sdk = sdkMounts(family, deps.interpreters, interpreter);
  const paths: EnvironmentPaths = sandboxed ? SANDBOX_PATHS : hostPaths(taskDir, runtimeDir, optDir, sdk);
  const argv = withExecWrapper(bootstrapArgv(family, paths, interpreter), family, snap.environment, paths);
  return { family, argv, extraReadOnly: [...interpreterMounts(interpreter), ...sdk], runtimeDir, optDir, paths };
}

/**
 * The Runtime API endpoint of a new sandbox: inside the sandbox's own network namespace at 127.0.0.1:9001 (its
 * listener arrives through SandboxSpec.runtimeApi), or, where sandboxes share the host's network, a host loopback port.
 */
export async function runtimeApiFor(
  sandbox: Pick<Sandbox, 'report'>,
  events: RuntimeApiEvents,
  aws: RuntimeApiOptions['aws'],
): Promise<{ api: RuntimeApiEndpoint; spec: { runtimeApi?: (l: Server) => void } }> {
  if (sandbox.report.network === 'namespace') {
    // Lambent's API is reachable from inside only here, at the Runtime API's address (main.ts: the sandbox gateway).
    const api = RuntimeApiEndpoint.inNamespace(events, aws ? { aws } : {});
    return { api, spec: { runtimeApi: (l) => api.adopt(l) } };
  }
  return { api: await RuntimeApiEndpoint.listen(events), spec: {} };
}

export type EnvironmentState = 'starting' | 'idle' | 'busy' | 'dead';

type StartOutcome =
  | { kind: 'ready' }
  | { kind: 'init-error'; errorType: string; body: Buffer }
  | { kind: 'exit'; exit: SandboxExit }
  | { kind: 'timeout' }
  | { kind: 'launch-failed'; message: string };

export class ExecutionEnvironment {
  readonly id: string;
  readonly logStream: string;
  /** Where the cold start's time went; set by start(). */
  breakdown: InitBreakdown | undefined;
  state: EnvironmentState = 'starting';
  lastUsed = Date.now();
  /** Set by a successful start; reported on the first invocation's REPORT line only. */
  private pendingInitMs: number | undefined;
  private proc: SandboxProcess | undefined;
  private api: RuntimeApiEndpoint | undefined;
  private exit: SandboxExit | undefined;
  private exitWaiters: ((e: SandboxExit) => void)[] = [];
  /** The last 4 KB of the current invocation's log when the caller asked for LogType: Tail. */
  private tail: LogTail | undefined;
  /** The end of the init phase's output, kept for the Tail of an invocation whose init failed. */
  private initLines = new LogTail(TAIL_BYTES);
  /** Why start() failed: the runtime's own init error document, or Lambda's document for a request id. */
  private startFailure: { body?: Buffer; doc?: (requestId: string) => RuntimeErrorDoc } | undefined;
  /** Max Memory Used: the environment's high-water mark (memory-report.ts). */
  private memory: EnvironmentMemory | undefined;
  private peakReader: ProcessPeakReader | undefined;
  /** END and REPORT of the last invocation, written once its last output was read (see invoke()). */
  private pendingReport: (() => void) | undefined;
  private teardown: Promise<void> | undefined;

  constructor(
    readonly snapshot: FunctionSnapshot,
    private readonly deps: EnvironmentDeps,
    /** Provisioned environments initialize ahead of any invocation: no Init Duration on their REPORT line. */
    readonly initType: InitializationType = 'on-demand',
    /** A pre-started stem cell to specialize instead of launching a sandbox (used once, owned from now on). */
    private stem?: StemHandle,
  ) {
    this.id = stem?.id ?? randomBytes(16).toString('hex');
    this.logStream = logStreamName(snapshot.version, this.id);
  }

  private freezeTimer: NodeJS.Timeout | undefined;
  /** Pending or completed freeze; undefined while thawed. */
  private freezing: Promise<void> | undefined;

  /** Whether the environment is frozen (or being frozen) while idle. */
  get frozen(): boolean {
    return this.freezing !== undefined;
  }

  get poolKey(): string {
    return poolKeyOf(this.snapshot);
  }

  /**
   * Launches the runtime (or specializes the stem cell given to the constructor) and waits until it asks for its
   * first invocation (or fails, or 10 s pass).
   */
  async start(): Promise<boolean> {
    const snap = this.snapshot;
    const t0 = performance.now();
    let settle!: (o: StartOutcome) => void;
    const outcome = new Promise<StartOutcome>((r) => (settle = r));
    const events: RuntimeApiEvents = {
      ready: () => settle({ kind: 'ready' }),
      initError: (errorType, body) => settle({ kind: 'init-error', errorType, body }),
    };
    const b: InitBreakdown = { path: 'sandbox', cgroupMs: 0, spawnMs: 0, runtimeMs: 0, specializeMs: 0, importMs: 0, initMs: 0 };
    let tHandover = t0;
    try {
      const taskDir = await this.deps.codeCache.ensure(snap.codeSha256Hex);
      const plan = launchPlan(snap, this.deps, taskDir);
      // Said where the user looks when 3.12 syntax fails on the host's 3.11: the function's own log (and tail).
      const pyWanted = /^python(\d+\.\d+)$/.exec(snap.runtime)?.[1];
      const py = this.deps.interpreters.python;
      if (pyWanted && py && !`${py.version}.`.startsWith(`${pyWanted}.`)) {
        this.log(`WARNING: ${snap.runtime} runs on the host's python3 ${py.version}, not ${pyWanted}: code that needs Python ${pyWanted} fails here`);
      }
      const stem = this.stem;
      this.stem = undefined;
      const env = stem && environmentVariables(snap, plan.family, plan.paths, stem.api.address, this.logStream, this.initType);
      if (stem && env && (await this.specialize(stem, taskDir, events, env, plan.argv))) {
        // The stem is this environment from now on; its runtime enters the task root and imports the handler (an
        // exec stem enters it and execs the function's command).
        b.path = stem.exec ? 'exec' : 'pool';
        this.api = stem.api;
        this.proc = stem.proc;
        tHandover = performance.now();
        b.specializeMs = tHandover - t0;
        this.watch(stem.proc, settle);
        stem.proc.stdin?.end('go\n');
      } else {
        const endpoint = await runtimeApiFor(this.deps.sandbox, events, this.deps.sandboxApi);
        this.api = endpoint.api;
        this.proc = await this.deps.sandbox.launch({
          ...endpoint.spec,
          id: this.id,
          argv: plan.argv,
          extraReadOnly: plan.extraReadOnly,
          env: environmentVariables(snap, plan.family, plan.paths, this.api.address, this.logStream, this.initType),
          taskDir,
          runtimeDir: plan.runtimeDir,
          optDir: plan.optDir,
          tmpSizeMb: snap.ephemeralStorageMb,
          memoryMb: snap.memoryMb,
          cpuBoost: true,
        });
        b.cgroupMs = this.proc.timings.cgroupMs;
        b.spawnMs = this.proc.timings.spawnMs;
        tHandover = performance.now();
        this.watch(this.proc, settle);
      }
    } catch (e) {
      this.deps.log?.warn(`environment ${this.id} of ${snap.arn}:${snap.version} could not start: ${(e as Error).message}`);
      settle({ kind: 'launch-failed', message: (e as Error).message });
    }
    const timer = setTimeout(() => settle({ kind: 'timeout' }), INIT_TIMEOUT_MS);
    let result = await outcome;
    clearTimeout(timer);
    // The sandbox's outbound network comes up alongside the runtime's boot; no invocation runs before it is there.
    if (result.kind === 'ready' && this.proc) {
      try {
        await this.proc.network;
      } catch (e) {
        this.deps.log?.warn(`environment ${this.id} of ${snap.arn}:${snap.version}: outbound network failed: ${(e as Error).message}`);
        result = { kind: 'launch-failed', message: `the execution environment's network could not be set up: ${(e as Error).message}` };
      }
    }
    const tReady = performance.now();
    this.pendingInitMs = tReady - t0;
    if (b.path !== 'sandbox') b.importMs = tReady - tHandover;
    else b.runtimeMs = tReady - tHandover;
    b.initMs = this.pendingInitMs;
    this.breakdown = b;
    switch (result.kind) {
      case 'ready':
        // Init ran on a free CPU, as Lambda's init phase does; invocations get the share MemorySize buys.
        this.proc?.limitCpu();
        this.state = 'idle';
        this.initLines.clear();
        this.scheduleFreeze();
        if (this.initType === 'provisioned-concurrency') this.pendingInitMs = undefined;
        return true;
      case 'init-error':
        this.startFailure = { body: result.body };
        break;
      case 'exit':
        this.startFailure = {};
        break;
      case 'timeout':
        this.startFailure = { doc: (id) => RuntimeErrors.initTimeout(id, INIT_TIMEOUT_MS / 1000) };
        break;
      case 'launch-failed': {
        const message = result.message;
        this.startFailure = { doc: (id) => RuntimeErrors.sandboxFailure(id, message) };
        break;
      }
    }
    return false;
  }

  /**
   * Answers an invocation that arrived for an environment whose start failed,
   * writing the invocation's log lines as Lambda does, then tears it down.
   */
  async failedStart(req: InvokeRequest): Promise<InvokeResult> {
    this.flushReport();
    this.tail = req.tailLogs ? LogTail.of(this.initLines, TAIL_BYTES) : undefined;
    this.log(`START RequestId: ${req.requestId} Version: ${this.snapshot.version}`);
    const f = this.startFailure;
    let payload: Buffer;
    if (f?.body) payload = f.body;
    else if (f?.doc) payload = Buffer.from(JSON.stringify(f.doc(req.requestId)));
    else {
      const e = await this.waitExit();
      payload = Buffer.from(JSON.stringify(e.oomKilled ? RuntimeErrors.outOfMemory(req.requestId) : RuntimeErrors.exited(req.requestId, e.code, e.signal)));
    }
    const result = this.finish(req, payload, true, 0, 'error', errorTypeOf(payload));
    // Not awaited: the caller has its answer; destroy() returns the same teardown to whoever must wait for it.
    void this.destroy();
    return result;
  }

  /**
   * Runs one invocation; `healthy` says whether the environment may be reused. Undefined `result` means the
   * environment died before the runtime received the invocation (e.g. it was exiting after an uncaught
   * exception): nothing ran, and the caller retries on a fresh environment. `teardown` is set when the environment is
   * being destroyed in the background after a timeout or crash: the result does not wait for it (killing a fork bomb's
   * thousand processes takes seconds), but the environment holds its memory and concurrency until it resolves.
   */
  async invoke(req: InvokeRequest): Promise<{ result: InvokeResult | undefined; healthy: boolean; teardown?: Promise<void> }> {
    const api = this.api;
    const proc = this.proc;
    if (!api || !proc || this.state !== 'idle') throw new Error(`environment ${this.id} is ${this.state}`);
    this.state = 'busy';
    // Dispatched in the same turn the previous invocation finished (a queued event): its last output and REPORT first.
    if (this.pendingReport) await new Promise((r) => setImmediate(r));
    this.flushReport();
    // A pending freeze timer stays armed (it does nothing while busy; scheduleFreeze re-arms it): thaw only if frozen.
    if (this.freezing) await this.thaw();
    this.tail = req.tailLogs ? new LogTail(TAIL_BYTES) : undefined;
    this.log(`START RequestId: ${req.requestId} Version: ${this.snapshot.version}`);
    const timeoutMs = this.snapshot.timeoutSec * 1000;
    const t0 = performance.now();
    const deadlineMs = Date.now() + timeoutMs;

    type Race = { kind: 'outcome'; o: InvocationOutcome } | { kind: 'timeout' } | { kind: 'exit'; e: SandboxExit };
    let timer: NodeJS.Timeout | undefined;
    const race = await Promise.race<Race>([
      api
        .dispatch({
          requestId: req.requestId,
          payload: req.payload,
          deadlineMs,
          invokedFunctionArn: req.invokedArn,
          ...(req.clientContextBase64 ? { clientContext: Buffer.from(req.clientContextBase64, 'base64').toString('utf8') } : {}),
        })
        .then((o): Race => ({ kind: 'outcome', o }))
        // A rejected dispatch means the environment died or was aborted; the exit branch reports it.
        .catch(() => new Promise<Race>(() => undefined)),
      new Promise<Race>((r) => (timer = setTimeout(() => r({ kind: 'timeout' }), timeoutMs))),
      this.waitExit().then((e): Race => ({ kind: 'exit', e })),
    ]);
    clearTimeout(timer);
    const durationMs = performance.now() - t0;
    // Output the runtime wrote just before its response can still sit in the stdout pipe: it is read in the same
    // event-loop poll phase as the response (the pipe was readable first), so it is in the log after a setImmediate.
    // The END and REPORT lines must follow it, but the caller need not wait for them: unless it asked for the Tail,
    // its response goes back now and the lines are written from a setImmediate (or by the next invocation's start,
    // whichever comes first), which also takes the memory reads off the response's path.
    if (race.kind !== 'outcome' || this.tail) await new Promise((r) => setImmediate(r));

    switch (race.kind) {
      case 'outcome': {
        const failed = race.o.kind === 'error';
        const contentType = race.o.kind === 'response' ? race.o.contentType : undefined;
        const result = this.tail
          ? this.finish(req, race.o.payload, failed, durationMs, undefined, contentType)
          : this.finishDeferred(req, race.o.payload, failed, durationMs, contentType);
        this.state = 'idle';
        this.lastUsed = Date.now();
        this.scheduleFreeze();
        return { result, healthy: true };
      }
      case 'timeout': {
        api.abort(new Error('timed out'));
        this.log(`${new Date().toISOString()} ${req.requestId} Task timed out after ${this.snapshot.timeoutSec.toFixed(2)} seconds`);
        const doc = RuntimeErrors.timeout(req.requestId, this.snapshot.timeoutSec);
        const result = this.finish(req, Buffer.from(JSON.stringify(doc)), true, durationMs, 'timeout');
        return { result, healthy: false, teardown: this.destroy() };
      }
      case 'exit': {
        if (!api.delivered) {
          this.tail = undefined;
          await this.destroy();
          return { result: undefined, healthy: false };
        }
        const doc = race.e.oomKilled ? RuntimeErrors.outOfMemory(req.requestId) : RuntimeErrors.exited(req.requestId, race.e.code, race.e.signal);
        const result = this.finish(req, Buffer.from(JSON.stringify(doc)), true, durationMs, 'error', doc.errorType);
        return { result, healthy: false, teardown: this.destroy() };
      }
    }
  }

  /** Kills the sandbox and closes the endpoint; every call returns the same teardown. */
  destroy(): Promise<void> {
    this.teardown ??= this.tearDown();
    return this.teardown;
  }

  private async tearDown(): Promise<void> {
    this.flushReport();
    this.state = 'dead';
    clearTimeout(this.freezeTimer);
    this.freezeTimer = undefined;
    this.peakReader?.close();
    const stem = this.stem;
    this.stem = undefined;
    await Promise.allSettled([this.proc?.destroy(), this.api?.close(), stem?.proc.destroy(), stem?.api.close()]);
  }

  /**
   * Prepares a stem cell for this function: sizes its cgroup, hands over the function's environment (first line on
   * the runtime's stdin; it switches environment meanwhile) and mounts the code. The runtime only enters the task
   * root and imports the handler on the second line ("go", written by start()); an exec stem gets the command too
   * and execs it on "go", so the code is attached before anything of the function runs. False (and the stem
   * destroyed) when something fails: nothing of the function ran, and the caller launches a fresh sandbox instead.
   */
  private async specialize(stem: StemHandle, taskDir: string, events: RuntimeApiEvents, env: Record<string, string>, argv: string[]): Promise<boolean> {
    try {
      // The interpreter changed since the stem was made (a runtime install finished): its mounts may not fit.
      if (stem.exec && stem.argv.join('\0') !== argv.join('\0')) throw new Error('the exec stem was made for another command');
      stem.proc.setMemoryLimit(this.snapshot.memoryMb);
      stem.events = events;
      stem.proc.stdin?.write(`${JSON.stringify(stem.exec ? { argv, env } : { env })}\n`);
      await stem.proc.attachCode(taskDir);
      return true;
    } catch {
      await Promise.allSettled([stem.proc.destroy(), stem.api.close()]);
      return false;
    }
  }

  /** Output capture and exit reporting of the runtime process. */
  private watch(proc: SandboxProcess, settle: (o: StartOutcome) => void): void {
    this.capture(proc.stdout);
    this.capture(proc.stderr);
    void proc.exited.then((e) => {
      this.exit = e;
      this.state = 'dead';
      settle({ kind: 'exit', exit: e });
      for (const w of this.exitWaiters.splice(0)) w(e);
    });
  }

  /** Freezes the idle environment after freezeAfterMs (Lambda freezes between invocations: no CPU while idle). */
  private scheduleFreeze(): void {
    const ms = this.deps.freezeAfterMs;
    const proc = this.proc;
    if (ms === undefined || !proc) return;
    // Once per invocation: restart the armed timer rather than allocate a new one.
    if (this.freezeTimer) {
      this.freezeTimer.refresh();
      return;
    }
    this.freezeTimer = setTimeout(() => {
      this.freezeTimer = undefined;
      if (this.state !== 'idle' || this.freezing) return;
      this.freezing = proc.freeze().catch(() => {
        // Could not freeze (e.g. the process is exiting): it simply stays thawed.
        this.freezing = undefined;
      });
    }, ms);
    this.freezeTimer.unref();
  }

  /** Undoes a freeze before an invocation; resolves once the runtime runs again. */
  private async thaw(): Promise<void> {
    const freezing = this.freezing;
    if (!freezing) return;
    await freezing;
    this.freezing = undefined;
    await this.proc?.thaw().catch(() => undefined);
  }

  private finish(
    req: InvokeRequest,
    payload: Buffer,
    failed: boolean,
    durationMs: number,
    status: 'timeout' | 'error' | undefined,
    contentTypeOrErrorType?: string,
  ): InvokeResult {
    this.flushReport();
    this.writeReport(req.requestId, durationMs, this.takeInitMs(), status, status === 'error' ? contentTypeOrErrorType : undefined);
    const tail = this.tail;
    this.tail = undefined;
    const result = this.resultOf(payload, failed, contentTypeOrErrorType);
    if (tail) result.logResult = tail.text().toString('base64');
    return result;
  }

  /** A finished invocation without Tail: the result now, END and REPORT once the runtime's output was read. */
  private finishDeferred(req: InvokeRequest, payload: Buffer, failed: boolean, durationMs: number, contentType: string | undefined): InvokeResult {
    this.flushReport();
    const requestId = req.requestId;
    const init = this.takeInitMs();
    this.pendingReport = () => this.writeReport(requestId, durationMs, init, undefined, undefined);
    setImmediate(this.flushReport);
    return this.resultOf(payload, failed, contentType);
  }

  /** Writes the pending END/REPORT now (before anything else is logged for this environment). */
  private readonly flushReport = (): void => {
    const write = this.pendingReport;
    if (write === undefined) return;
    this.pendingReport = undefined;
    write();
  };

  private takeInitMs(): number | undefined {
    const init = this.pendingInitMs;
    this.pendingInitMs = undefined;
    return init;
  }

  private resultOf(payload: Buffer, failed: boolean, contentTypeOrErrorType: string | undefined): InvokeResult {
    const result: InvokeResult = {
      payload,
      contentType: !failed && contentTypeOrErrorType ? contentTypeOrErrorType : 'application/json',
      executedVersion: this.snapshot.version,
    };
    if (failed) result.functionError = 'Unhandled';
    return result;
  }

  private writeReport(requestId: string, durationMs: number, init: number | undefined, status: 'timeout' | 'error' | undefined, errorType: string | undefined): void {
    const billed = Math.max(1, Math.ceil(durationMs));
    let report =
      `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\t` +
      `Memory Size: ${this.snapshot.memoryMb} MB\tMax Memory Used: ${reportedMemoryMb(this.memoryPeak())} MB\t`;
    if (init !== undefined) report += `Init Duration: ${init.toFixed(2)} ms\t`;
    if (status) report += `Status: ${status}\t`;
    if (errorType) report += `Error Type: ${errorType}\t`;
    this.log(`END RequestId: ${requestId}`);
    this.log(report);
  }

  /** The environment's memory high-water mark so far, bytes (never reset: see memory-report.ts). */
  private memoryPeak(): number {
    const proc = this.proc;
    if (!proc) return this.memory?.bytes ?? 0;
    if (!this.memory) {
      const reader = (this.peakReader = new ProcessPeakReader(proc.pid));
      this.memory = new EnvironmentMemory(() => proc.memoryPeakBytes(), () => reader.read());
    }
    return this.memory.read();
  }

  private waitExit(): Promise<SandboxExit> {
    if (this.exit) return Promise.resolve(this.exit);
    return new Promise((r) => this.exitWaiters.push(r));
  }

  private log(line: string): void {
    this.deps.logs.write(this.snapshot.logGroup, this.logStream, line);
    this.tail?.push(line);
    if (this.state === 'starting') this.initLines.push(line);
  }

  /**
   * Splits the runtime's output into log events (linear time, each at most one CloudWatch event: a longer line is
   * several). When the store falls behind, reading pauses, so the function's writes block as on a full pipe.
   */
  private capture(stream: Readable): void {
    const lines = new LineSplitter((l) => this.log(l));
    const logs = this.deps.logs;
    const resume = (): void => void stream.resume();
    stream.on('data', (chunk: Buffer) => {
      lines.push(chunk);
      if (logs.congested) {
        stream.pause();
        logs.whenDrained(resume);
      }
    });
    stream.on('end', () => lines.end());
    stream.on('error', () => undefined);
    // A stem cell's stdout was paused after its ready marker.
    stream.resume();
  }
}

function errorTypeOf(payload: Buffer): string | undefined {
  try {
    const t = (JSON.parse(payload.toString('utf8')) as { errorType?: unknown }).errorType;
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

export function poolKeyOf(s: FunctionSnapshot): string {
  return `${s.arn}:${s.version}:${s.fingerprint}`;
}
