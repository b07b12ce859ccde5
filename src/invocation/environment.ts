// One execution environment: a sandboxed runtime process tree for one function
// version, its Runtime API endpoint and its log stream. Lifecycle:
// starting → idle ⇄ busy → dead. A timed-out, crashed or out-of-memory
// environment is never reused.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import type { FunctionLogWriter } from '../observability/function-logs.js';
import { logStreamName } from '../observability/function-logs.js';
import { RuntimeApiEndpoint } from '../runtime-api/index.js';
import type { InvocationOutcome } from '../runtime-api/index.js';
import type { Sandbox, SandboxExit, SandboxProcess } from '../sandbox/types.js';
import type { CodeCache } from './code-cache.js';
import {
  bootstrapArgv,
  environmentVariables,
  runtimeFamily,
  runtimeHostDir,
  SANDBOX_PATHS,
  type EnvironmentPaths,
  type Interpreters,
} from './launch-spec.js';
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
}

export type EnvironmentState = 'starting' | 'idle' | 'busy' | 'dead';

type StartOutcome =
  | { kind: 'ready' }
  | { kind: 'init-error'; errorType: string; body: Buffer }
  | { kind: 'exit'; exit: SandboxExit }
  | { kind: 'timeout' }
  | { kind: 'launch-failed'; message: string };

export class ExecutionEnvironment {
  readonly id = randomBytes(16).toString('hex');
  readonly logStream: string;
  state: EnvironmentState = 'starting';
  lastUsed = Date.now();
  /** Set by a successful start; reported on the first invocation's REPORT line only. */
  private pendingInitMs: number | undefined;
  private proc: SandboxProcess | undefined;
  private api: RuntimeApiEndpoint | undefined;
  private exit: SandboxExit | undefined;
  private exitWaiters: ((e: SandboxExit) => void)[] = [];
  private tail: string[] | undefined;
  /** Output of the init phase, kept for the Tail of an invocation whose init failed. */
  private initLines: string[] = [];
  /** Why start() failed: the runtime's own init error document, or Lambda's document for a request id. */
  private startFailure: { body?: Buffer; doc?: (requestId: string) => RuntimeErrorDoc } | undefined;

  constructor(
    readonly snapshot: FunctionSnapshot,
    private readonly deps: EnvironmentDeps,
  ) {
    this.logStream = logStreamName(snapshot.version, this.id);
  }

  get poolKey(): string {
    return poolKeyOf(this.snapshot);
  }

  /** Launches the runtime and waits until it asks for its first invocation (or fails, or 10 s pass). */
  async start(): Promise<boolean> {
    const snap = this.snapshot;
    const t0 = performance.now();
    let settle!: (o: StartOutcome) => void;
    const outcome = new Promise<StartOutcome>((r) => (settle = r));
    try {
      const taskDir = await this.deps.codeCache.ensure(snap.codeSha256Hex);
      this.api = await RuntimeApiEndpoint.listen({
        ready: () => settle({ kind: 'ready' }),
        initError: (errorType, body) => settle({ kind: 'init-error', errorType, body }),
      });
      const family = runtimeFamily(snap.runtime);
      const runtimeDir = runtimeHostDir(family);
      const optDir = join(this.deps.stateDir, 'empty-opt');
      mkdirSync(optDir, { recursive: true });
      const sandboxed = this.deps.sandbox.report.sandbox !== 'none';
      const paths: EnvironmentPaths = sandboxed ? SANDBOX_PATHS : { taskRoot: taskDir, runtimeDir, optDir };
      this.proc = await this.deps.sandbox.launch({
        id: this.id,
        argv: bootstrapArgv(family, paths, this.deps.interpreters),
        env: environmentVariables(snap, family, paths, this.api.address, this.logStream),
        taskDir,
        runtimeDir,
        optDir,
        tmpSizeMb: snap.ephemeralStorageMb,
        memoryMb: snap.memoryMb,
        cpuBoost: true,
      });
      this.capture(this.proc.stdout);
      this.capture(this.proc.stderr);
      void this.proc.exited.then((e) => {
        this.exit = e;
        this.state = 'dead';
        settle({ kind: 'exit', exit: e });
        for (const w of this.exitWaiters.splice(0)) w(e);
      });
    } catch (e) {
      settle({ kind: 'launch-failed', message: (e as Error).message });
    }
    const timer = setTimeout(() => settle({ kind: 'timeout' }), INIT_TIMEOUT_MS);
    const result = await outcome;
    clearTimeout(timer);
    this.pendingInitMs = performance.now() - t0;
    switch (result.kind) {
      case 'ready':
        // Init ran on a free CPU, as Lambda's init phase does; invocations get the share MemorySize buys.
        this.proc?.limitCpu();
        this.state = 'idle';
        this.initLines = [];
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
    this.tail = req.tailLogs ? [...this.initLines] : undefined;
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
    await this.destroy();
    return result;
  }

  /**
   * Runs one invocation; `healthy` says whether the environment may be reused. Undefined `result` means the
   * environment died before the runtime received the invocation (e.g. it was exiting after an uncaught
   * exception): nothing ran, and the caller retries on a fresh environment.
   */
  async invoke(req: InvokeRequest): Promise<{ result: InvokeResult | undefined; healthy: boolean }> {
    const api = this.api;
    const proc = this.proc;
    if (!api || !proc || this.state !== 'idle') throw new Error(`environment ${this.id} is ${this.state}`);
    this.state = 'busy';
    this.tail = req.tailLogs ? [] : undefined;
    this.log(`START RequestId: ${req.requestId} Version: ${this.snapshot.version}`);
    proc.resetMemoryPeak();
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
    // Output written just before the response can still sit in the pipe: let it drain first.
    await new Promise((r) => setImmediate(r));

    switch (race.kind) {
      case 'outcome': {
        const failed = race.o.kind === 'error';
        const result = this.finish(req, race.o.payload, failed, durationMs, undefined, race.o.kind === 'response' ? race.o.contentType : undefined);
        this.state = 'idle';
        this.lastUsed = Date.now();
        return { result, healthy: true };
      }
      case 'timeout': {
        api.abort(new Error('timed out'));
        this.log(`${new Date().toISOString()} ${req.requestId} Task timed out after ${this.snapshot.timeoutSec.toFixed(2)} seconds`);
        const doc = RuntimeErrors.timeout(req.requestId, this.snapshot.timeoutSec);
        const result = this.finish(req, Buffer.from(JSON.stringify(doc)), true, durationMs, 'timeout');
        await this.destroy();
        return { result, healthy: false };
      }
      case 'exit': {
        if (!api.delivered) {
          this.tail = undefined;
          await this.destroy();
          return { result: undefined, healthy: false };
        }
        const doc = race.e.oomKilled ? RuntimeErrors.outOfMemory(req.requestId) : RuntimeErrors.exited(req.requestId, race.e.code, race.e.signal);
        const result = this.finish(req, Buffer.from(JSON.stringify(doc)), true, durationMs, 'error', doc.errorType);
        await this.destroy();
        return { result, healthy: false };
      }
    }
  }

  async destroy(): Promise<void> {
    this.state = 'dead';
    await Promise.allSettled([this.proc?.destroy(), this.api?.close()]);
  }

  private finish(
    req: InvokeRequest,
    payload: Buffer,
    failed: boolean,
    durationMs: number,
    status: 'timeout' | 'error' | undefined,
    contentTypeOrErrorType?: string,
  ): InvokeResult {
    const mem = this.snapshot.memoryMb;
    const used = Math.max(1, Math.round((this.memoryPeak() ?? 0) / (1024 * 1024)));
    const init = this.pendingInitMs;
    this.pendingInitMs = undefined;
    const billed = Math.max(1, Math.ceil(durationMs));
    let report =
      `REPORT RequestId: ${req.requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\t` +
      `Memory Size: ${mem} MB\tMax Memory Used: ${used} MB\t`;
    if (init !== undefined) report += `Init Duration: ${init.toFixed(2)} ms\t`;
    if (status) report += `Status: ${status}\t`;
    if (status === 'error' && contentTypeOrErrorType) report += `Error Type: ${contentTypeOrErrorType}\t`;
    this.log(`END RequestId: ${req.requestId}`);
    this.log(report);
    const tail = this.tail;
    this.tail = undefined;
    const result: InvokeResult = {
      payload,
      contentType: !failed && contentTypeOrErrorType ? contentTypeOrErrorType : 'application/json',
      executedVersion: this.snapshot.version,
    };
    if (failed) result.functionError = 'Unhandled';
    if (tail) {
      const text = Buffer.from(`${tail.join('\n')}\n`);
      result.logResult = text.subarray(Math.max(0, text.length - TAIL_BYTES)).toString('base64');
    }
    return result;
  }

  private memoryPeak(): number | undefined {
    const fromCgroup = this.proc?.memoryPeakBytes();
    if (fromCgroup !== undefined) return fromCgroup;
    // Without a memory cgroup, the main process's high-water mark is the best estimate.
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc?.pid ?? 0}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  private waitExit(): Promise<SandboxExit> {
    if (this.exit) return Promise.resolve(this.exit);
    return new Promise((r) => this.exitWaiters.push(r));
  }

  private log(line: string): void {
    this.deps.logs.write(this.snapshot.logGroup, this.logStream, line);
    this.tail?.push(line);
    if (this.state === 'starting' && this.initLines.length < 200) this.initLines.push(line);
  }

  private capture(stream: Readable): void {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) this.log(l);
    });
    stream.on('end', () => {
      if (partial) this.log(partial);
      partial = '';
    });
    stream.on('error', () => undefined);
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
