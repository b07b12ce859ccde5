// Which real interpreter runs each runtime. nodejsNN.x runs Node NN: the host's Node when its major is NN, else the
// official build installed in the runtimes dir (see installer.ts). When that major is not installed yet, the first
// use starts an install in the background and the runtime runs on the host's Node meanwhile, with a warning; the
// install never blocks an invocation (FunctionLifecycle waits for it, bounded, while a function is Pending).
// python3.x runs the host's python3, whatever its version.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { runtimeInfo, supportedRuntimeIds } from './catalog.js';
import { installedNode, listInstalled } from './installed.js';
import { installedSdk, installSdk, isCurrent, pinnedSdk, type InstalledSdk, type SdkInstallResult, type SdkSpec } from './aws-sdk.js';
import { installNode, type InstallResult } from './installer.js';
import { detectPythonSdk, type PythonSdk } from './python-sdk.js';
import { majorOfVersion, nodeMajorOf, runtimeVersionArn, runtimeVersionId } from './node-release.js';

export interface Interpreter {
  kind: 'node' | 'python';
  /** Host path of the binary. */
  path: string;
  /** The real version: "v22.23.5" (node), "3.11.2" (python). */
  version: string;
  /**
   * Installed runtimes only: the release folder, bound read-only at /var/lang inside the sandbox as on AWS
   * (/var/lang/bin/node). Host interpreters are run from their own path.
   */
  home?: string;
  /** Set when this is not the version the runtime names (host fallback): why, in one sentence. */
  warning?: string;
}

/** What the invocation engine asks (one call per cold start; cheap: a readlink and a small JSON read). */
export interface Interpreters {
  /** The interpreter of a nodejsNN.x runtime right now; starts a background install when its major is missing. */
  nodeFor(runtime: string): Interpreter;
  /** The host's python3 (every python3.x runtime), undefined when the host has none. */
  readonly python: Interpreter | undefined;
  /**
   * The AWS SDK for JavaScript v3 nodejs runtimes carry (mounted at /var/runtime/node_modules), undefined while it is
   * not installed: functions then run without it. Starts a background install when allowed. Optional so that
   * interpreter sets without a runtimes dir (tools, tests) need not say.
   */
  nodeSdk?(): InstalledSdk | undefined;
}

export type InstallPolicy = 'auto' | 'off';

export interface RuntimeUse {
  runtime: string;
  interpreter: 'node' | 'python';
  version: string;
  source: 'installed' | 'host';
  path: string;
  /** The id in RuntimeVersionConfig.RuntimeVersionArn (arn:aws:lambda:<region>::runtime:<id>). */
  runtimeVersionId: string;
  warning?: string;
}

export interface RuntimesReport {
  runtimesDir: string | null;
  install: InstallPolicy;
  hostNode: { path: string; version: string };
  python: { path: string; version: string } | null;
  installed: { major: number; version: string; home: string; package: string }[];
  installs: { major: number; state: 'installing' | 'failed'; error?: string }[];
  runtimes: RuntimeUse[];
  /** The AWS SDK for JavaScript v3 nodejs runtimes carry; `missing` says why not and the fix. */
  awsSdkJs: { version: string; pinned: string; home: string; packages: number; installedBytes: number; installing?: boolean; error?: string; missing?: string };
  /** boto3/botocore of the host's python3: only when report({ pythonSdk: true }) asked (it runs python3). */
  boto3?: PythonSdk | { missing: string };
}

export interface RuntimeInterpretersOptions {
  /** Where installed runtimes live; undefined: host interpreters only. */
  runtimesDir?: string;
  /** auto: install a missing major on first use; off: only use what `lambent runtimes install` put there. */
  install?: InstallPolicy;
  /** Progress and warnings (Lambent's log). */
  log?: { info(msg: string): void; warn(msg: string): void };
  /** Host node (default: this process's). */
  hostNode?: { path: string; version: string };
  /** Injected installer (tests). */
  installer?: (major: number, dir: string, progress: (line: string) => void) => Promise<InstallResult>;
  /** Injected SDK installer (tests). */
  sdkInstaller?: (dir: string, progress: (line: string) => void) => Promise<SdkInstallResult>;
}

/** A failed install is retried on a later use after this long (not on every cold start). */
const RETRY_FAILED_INSTALL_MS = 10 * 60_000;

interface InstallState {
  promise: Promise<boolean>;
  failedAt?: number;
  error?: string;
}

export class RuntimeInterpreters implements Interpreters {
  readonly hostNode: Interpreter;
  readonly python: Interpreter | undefined;
  private readonly installs = new Map<number, InstallState>();
  private readonly warned = new Set<string>();
  private readonly installedListeners: ((major: number) => void)[] = [];
  private sdkInstall: InstallState | undefined;
  private sdkCache: { at: number; sdk: InstalledSdk | undefined } | undefined;

  constructor(private readonly opts: RuntimeInterpretersOptions = {}) {
    const host = opts.hostNode ?? { path: realpathSync(process.execPath), version: process.version };
    this.hostNode = { kind: 'node', path: host.path, version: host.version };
    this.python = detectPython();
  }

  /** Called when a background install completes: environments started on the host fallback can be retired. */
  onInstalled(listener: (major: number) => void): void {
    this.installedListeners.push(listener);
  }

  nodeFor(runtime: string): Interpreter {
    const interp = this.resolveNode(runtime, true);
    if (interp.warning && !this.warned.has(interp.warning)) {
      this.warned.add(interp.warning);
      this.opts.log?.warn(interp.warning);
    }
    return interp;
  }

  /** As nodeFor, without starting an install or logging (reports). */
  peekNode(runtime: string): Interpreter {
    return this.resolveNode(runtime, false);
  }

  private resolveNode(runtime: string, mayInstall: boolean): Interpreter {
    const major = nodeMajorOf(runtime);
    if (major === undefined || major === majorOfVersion(this.hostNode.version)) return this.hostNode;
    const dir = this.opts.runtimesDir;
    const found = dir ? installedNode(dir, major) : undefined;
    if (found) return { kind: 'node', path: found.binary, version: `v${found.version}`, home: found.home };
    return { ...this.hostNode, warning: this.fallbackReason(runtime, major, mayInstall) };
  }

  /**
   * Resolves once `runtime` runs on the version it names, or after maxWaitMs, or when that cannot happen
   * (install off or failed). Never rejects.
   */
  async ready(runtime: string, maxWaitMs: number): Promise<void> {
    const major = nodeMajorOf(runtime);
    if (major === undefined || this.nodeFor(runtime).warning === undefined) return;
    const state = this.installs.get(major);
    if (!state || state.failedAt !== undefined) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([state.promise, new Promise<void>((r) => (timer = setTimeout(r, maxWaitMs)))]);
    clearTimeout(timer);
  }

  /**
   * GetFunction's RuntimeVersionConfig: the ARN of the real interpreter, and, when the runtime falls back to the
   * host's Node, an Error saying so (the model's RuntimeVersionError).
   */
  versionConfig(region: string, runtime: string): { RuntimeVersionArn: string; Error?: { ErrorCode: string; Message: string } } | undefined {
    const interp = this.interpreterOf(runtime);
    if (!interp) return undefined;
    const arn = runtimeVersionArn(region, interp.kind, interp.version);
    return interp.warning ? { RuntimeVersionArn: arn, Error: { ErrorCode: 'RuntimeNotInstalled', Message: interp.warning } } : { RuntimeVersionArn: arn };
  }

  interpreterOf(runtime: string): Interpreter | undefined {
    const family = runtimeInfo(runtime)?.family;
    if (family === 'nodejs') return this.peekNode(runtime);
    if (family === 'python') return this.pythonFor(runtime);
    return undefined;
  }

  /** The host's python3, with a warning when its minor version is not the one the runtime names. */
  pythonFor(runtime: string): Interpreter | undefined {
    const py = this.python;
    const wanted = /^python(\d+\.\d+)$/.exec(runtime)?.[1];
    if (!py || !wanted || py.version === wanted || py.version.startsWith(`${wanted}.`)) return py;
    return { ...py, warning: `${runtime} runs on the host's python3 ${py.version} (Lambent runs Python runtimes on the host's python3)` };
  }

  nodeSdk(): InstalledSdk | undefined {
    const dir = this.opts.runtimesDir;
    if (!dir) return undefined;
    // One readlink and a small JSON read, at most once a second: this runs at every nodejs cold start.
    const now = Date.now();
    if (!this.sdkCache || now - this.sdkCache.at > 1000) this.sdkCache = { at: now, sdk: installedSdk(dir) };
    const sdk = this.sdkCache.sdk;
    const pinned = shippedSdk();
    if (this.opts.install !== 'off' && pinned && !isCurrent(sdk, pinned)) this.startSdkInstall(dir, sdk !== undefined);
    return sdk;
  }

  /** Which real interpreter runs each supported runtime, what is installed and what is being installed. */
  report(opts: { pythonSdk?: boolean } = {}): RuntimesReport {
    const dir = this.opts.runtimesDir;
    const runtimes: RuntimeUse[] = [];
    for (const id of supportedRuntimeIds()) {
      const interp = this.interpreterOf(id);
      if (!interp) continue;
      runtimes.push({
        runtime: id,
        interpreter: interp.kind,
        version: interp.version,
        source: interp.home ? 'installed' : 'host',
        path: interp.path,
        runtimeVersionId: runtimeVersionId(interp.kind, interp.version),
        ...(interp.warning ? { warning: interp.warning } : {}),
      });
    }
    return {
      runtimesDir: dir ?? null,
      install: this.opts.install ?? 'auto',
      hostNode: { path: this.hostNode.path, version: this.hostNode.version },
      python: this.python ? { path: this.python.path, version: this.python.version } : null,
      installed: dir ? listInstalled(dir).map((n) => ({ major: n.major, version: n.version, home: n.home, package: n.manifest.package })) : [],
      installs: this.installStatus(),
      runtimes,
      awsSdkJs: this.sdkReport(),
      ...(opts.pythonSdk ? { boto3: this.python ? detectPythonSdk(this.python.path) : { missing: 'no python3 on this host' } } : {}),
    };
  }

  private sdkReport(): RuntimesReport['awsSdkJs'] {
    const dir = this.opts.runtimesDir;
    const pinned = shippedSdk()?.version ?? 'none (runtimes/aws-sdk-js-v3 is missing from this Lambent)';
    const sdk = dir ? installedSdk(dir) : undefined;
    const state = this.sdkInstall;
    const base = sdk
      ? { version: sdk.version, pinned, home: sdk.home, packages: Object.keys(sdk.manifest.packages).length, installedBytes: sdk.manifest.installedBytes }
      : { version: '', pinned, home: '', packages: 0, installedBytes: 0 };
    const status = state ? (state.failedAt === undefined ? { installing: true } : { error: state.error ?? 'unknown error' }) : {};
    if (sdk && sdk.version === pinned) return { ...base, ...status };
    const fix = `run \`lambent runtimes install aws-sdk\`${dir ? '' : ' (no runtimes dir)'}`;
    const missing = sdk
      ? `the runtimes carry AWS SDK for JavaScript ${sdk.version}, this Lambent pins ${pinned}: ${fix}`
      : `nodejs functions run without the AWS SDK for JavaScript (require('@aws-sdk/client-…') fails unless the function bundles it): ${fix}`;
    return { ...base, ...status, missing };
  }

  /** The pinned SDK in the background (first nodejs cold start); functions run without it (or on the old one) meanwhile. */
  private startSdkInstall(dir: string, upgrade: boolean): void {
    const prev = this.sdkInstall;
    if (prev && (prev.failedAt === undefined || Date.now() - prev.failedAt < RETRY_FAILED_INSTALL_MS)) return;
    const log = this.opts.log;
    log?.warn(
      upgrade
        ? 'runtimes: installing the AWS SDK for JavaScript this Lambent pins; nodejs functions keep the installed one meanwhile'
        : 'runtimes: nodejs functions run without the AWS SDK for JavaScript until its install in the background finishes',
    );
    const install = this.opts.sdkInstaller ?? ((d, progress) => installSdk(d, { progress }));
    const state: InstallState = { promise: Promise.resolve(false) };
    state.promise = install(dir, (line) => log?.info(`runtimes: ${line}`)).then(
      (r) => {
        this.sdkInstall = undefined;
        this.sdkCache = undefined;
        log?.info(`runtimes: AWS SDK for JavaScript ${r.installed.version} ready; new nodejs environments mount it`);
        return true;
      },
      (e: unknown) => {
        state.failedAt = Date.now();
        state.error = (e as Error).message;
        log?.warn(`runtimes: installing the AWS SDK for JavaScript failed: ${state.error} (run \`lambent runtimes install aws-sdk\`)`);
        return false;
      },
    );
    this.sdkInstall = state;
  }

  /** Installs in progress or failed, for /health and doctor. */
  installStatus(): { major: number; state: 'installing' | 'failed'; error?: string }[] {
    return [...this.installs].map(([major, s]) =>
      s.failedAt === undefined ? { major, state: 'installing' as const } : { major, state: 'failed' as const, error: s.error ?? '' },
    );
  }

  /** Why `runtime` falls back to the host Node, starting a background install when allowed. */
  private fallbackReason(runtime: string, major: number, mayInstall: boolean): string {
    const host = `${runtime} runs on the host's Node ${this.hostNode.version} instead of Node ${major}`;
    const dir = this.opts.runtimesDir;
    const state = dir && this.opts.install !== 'off' ? (mayInstall ? this.startInstall(major, dir) : this.installs.get(major)) : undefined;
    if (!dir || !state) {
      return `${host}: Node ${major} is not installed; run \`lambent runtimes install ${runtime}\``;
    }
    if (state.failedAt !== undefined) {
      return `${host}: installing Node ${major} failed (${state.error ?? 'unknown error'}); run \`lambent runtimes install ${runtime}\``;
    }
    return `${host}: Node ${major} is being installed in ${dir}`;
  }

  private startInstall(major: number, dir: string): InstallState {
    const prev = this.installs.get(major);
    if (prev && (prev.failedAt === undefined || Date.now() - prev.failedAt < RETRY_FAILED_INSTALL_MS)) return prev;
    const log = this.opts.log;
    const install = this.opts.installer ?? ((m, d, progress) => installNode(m, d, { progress }));
    const state: InstallState = {
      promise: Promise.resolve(false),
    };
    state.promise = install(major, dir, (line) => log?.info(`runtimes: ${line}`)).then(
      (r) => {
        this.installs.delete(major);
        log?.info(`runtimes: Node ${r.installed.version} ready for nodejs${major}.x; new environments use it`);
        for (const l of this.installedListeners) l(major);
        return true;
      },
      (e: unknown) => {
        state.failedAt = Date.now();
        state.error = (e as Error).message;
        log?.warn(`runtimes: installing Node ${major} failed: ${state.error}`);
        return false;
      },
    );
    this.installs.set(major, state);
    return state;
  }
}

/** The pinned SDK, or undefined when this Lambent was packaged without its spec (nothing to install then). */
function shippedSdk(): SdkSpec | undefined {
  try {
    return pinnedSdk();
  } catch {
    return undefined;
  }
}

/** The host's python3 as a real binary (never a shim: pyenv shims cost ~100 ms per start) and its version. */
function detectPython(): Interpreter | undefined {
  const found = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));
  if (!found) return undefined;
  const path = realpathSync(found);
  let version = 'unknown';
  try {
    version = execFileSync(path, ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8', timeout: 5000 }).trim();
  } catch {
    // keep "unknown": the interpreter may still run functions
  }
  return { kind: 'python', path, version };
}
