// How an environment for a function version is launched: the bootstrap argv
// per runtime family and the exact environment variables Lambda sets.
import { fileURLToPath } from 'node:url';
import { runtimeInfo, type RuntimeFamily } from '../runtimes/catalog.js';
import { RuntimeInterpreters, type Interpreter, type Interpreters } from '../runtimes/interpreters.js';
import type { FunctionSnapshot } from './types.js';

const RUNTIMES_ROOT = fileURLToPath(new URL('../../runtimes/', import.meta.url));

/** Paths as the function sees them: the Lambda layout inside a sandbox, host paths without one. */
export interface EnvironmentPaths {
  taskRoot: string;
  runtimeDir: string;
  optDir: string;
  /** Where the runtime's AWS SDK is, when not at `${runtimeDir}/node_modules` (unsandboxed: the host folder). */
  runtimeNodeModules?: string;
}

export const SANDBOX_PATHS: EnvironmentPaths = { taskRoot: '/var/task', runtimeDir: '/var/runtime', optDir: '/opt' };

export type { Interpreter, Interpreters } from '../runtimes/interpreters.js';

/** Where an installed runtime's release folder is mounted, as on AWS (/var/lang/bin/node). */
export const LANG_DIR = '/var/lang';

/** Host interpreters only, nothing installed (tools, tests). main.ts builds the real one with the runtimes dir. */
export function detectInterpreters(): Interpreters {
  return new RuntimeInterpreters();
}

/**
 * The interpreter a runtime runs on right now (undefined for provided runtimes). Resolve once per environment and
 * pass the result to bootstrapArgv and interpreterMounts, so both agree even if an install finishes meanwhile.
 */
export function interpreterFor(runtime: string, interps: Interpreters): Interpreter | undefined {
  switch (runtimeFamily(runtime)) {
    case 'nodejs':
      return interps.nodeFor(runtime);
    case 'python':
      return interps.python;
    case 'provided':
      return undefined;
  }
}

/** SandboxSpec.extraReadOnly for an interpreter: an installed runtime's folder at /var/lang. */
export function interpreterMounts(interpreter: Interpreter | undefined): { host: string; inside: string }[] {
  return interpreter?.home ? [{ host: interpreter.home, inside: LANG_DIR }] : [];
}

/** Where AWS's nodejs runtimes carry the AWS SDK for JavaScript v3 (in NODE_PATH). */
export const RUNTIME_NODE_MODULES = '/var/runtime/node_modules';

/**
 * SandboxSpec.extraReadOnly for the runtime's AWS SDK: the installed SDK's node_modules at /var/runtime/node_modules
 * (nodejs runtimes only; none while it is not installed, and functions then run without it, as with a runtime that
 * bundles none, and for a Node older than the SDK supports). The sandbox also links /var/node_modules to it, for ES modules (bubblewrap.ts says why).
 */
export function sdkMounts(family: RuntimeFamily, interps: Interpreters, interpreter?: Interpreter): { host: string; inside: string }[] {
  const sdk = family === 'nodejs' ? interps.nodeSdk?.() : undefined;
  if (!sdk) return [];
  // The SDK's engines field: a Node older than it supports (nodejs18.x on Node 18) gets none, as if not installed,
  // rather than clients that may fail in the middle of a call.
  const major = Number(/^v(\d+)\./.exec(interpreter?.version ?? '')?.[1] ?? Infinity);
  return major >= sdk.minNodeMajor ? [{ host: sdk.nodeModules, inside: RUNTIME_NODE_MODULES }] : [];
}

/** Unsandboxed paths: nothing is mounted, so NODE_PATH names the SDK's host folder (from sdkMounts). */
export function hostPaths(taskRoot: string, runtimeDir: string, optDir: string, sdk: { host: string; inside: string }[]): EnvironmentPaths {
  const nodeModules = sdk.find((m) => m.inside === RUNTIME_NODE_MODULES)?.host;
  return { taskRoot, runtimeDir, optDir, ...(nodeModules ? { runtimeNodeModules: nodeModules } : {}) };
}

/** argv[0] as the function sees it: /var/lang/bin/<name> for installed runtimes, the host path otherwise. */
function interpreterPath(interpreter: Interpreter): string {
  return interpreter.home ? `${LANG_DIR}/bin/${interpreter.kind === 'node' ? 'node' : 'python3'}` : interpreter.path;
}

export function runtimeFamily(runtime: string): RuntimeFamily {
  return runtimeInfo(runtime)?.family ?? 'provided';
}

/** Host folder mounted at /var/runtime. */
export function runtimeHostDir(family: RuntimeFamily): string {
  return `${RUNTIMES_ROOT}${family}`;
}

/** The bootstrap command; `interpreter` comes from interpreterFor (undefined only for provided runtimes). */
export function bootstrapArgv(family: RuntimeFamily, paths: EnvironmentPaths, interpreter: Interpreter | undefined): string[] {
  switch (family) {
    case 'nodejs':
      if (!interpreter) throw new Error('no Node interpreter for this runtime');
      return [interpreterPath(interpreter), `${paths.runtimeDir}/bootstrap.mjs`];
    case 'python':
      if (!interpreter) throw new Error('no python3 interpreter found on this host (looked in /usr/bin, /usr/local/bin)');
      return [interpreterPath(interpreter), '-u', `${paths.runtimeDir}/bootstrap.py`];
    case 'provided':
      return [`${paths.taskRoot}/bootstrap`];
  }
}

/**
 * AWS_LAMBDA_EXEC_WRAPPER: managed runtimes (not provided.*) start the wrapper script with the runtime's own command
 * line as its arguments, as Lambda does. The path is as the function sees it; without a sandbox the Lambda paths
 * are mapped onto the host folders.
 */
export function withExecWrapper(argv: string[], family: RuntimeFamily, environment: Record<string, string>, paths: EnvironmentPaths): string[] {
  const wrapper = environment['AWS_LAMBDA_EXEC_WRAPPER'];
  if (!wrapper || family === 'provided') return argv;
  let path = wrapper;
  for (const [inside, host] of [
    [SANDBOX_PATHS.taskRoot, paths.taskRoot],
    [SANDBOX_PATHS.optDir, paths.optDir],
  ] as const) {
    if (path === inside || path.startsWith(`${inside}/`)) path = host + path.slice(inside.length);
  }
  return [path, ...argv];
}

/** AWS_LAMBDA_INITIALIZATION_TYPE: provisioned environments are initialized ahead of any invocation. */
export type InitializationType = 'on-demand' | 'provisioned-concurrency';

export function environmentVariables(
  snap: FunctionSnapshot,
  family: RuntimeFamily,
  paths: EnvironmentPaths,
  runtimeApi: string,
  logStream: string,
  initType: InitializationType = 'on-demand',
): Record<string, string> {
  const { taskRoot, runtimeDir, optDir } = paths;
  // Defaults the function may override (AWS lets users set PATH, TZ, NODE_PATH, ...).
  const defaults: Record<string, string> = {
    // AWS's values; /var/lang holds an installed runtime (so `node` in a child process is the function's Node).
    PATH: `${LANG_DIR}/bin:/usr/local/bin:/usr/bin:/bin:${optDir}/bin`,
    LD_LIBRARY_PATH: `${LANG_DIR}/lib:/lib64:/usr/lib64:${runtimeDir}:${runtimeDir}/lib:${taskRoot}:${taskRoot}/lib:${optDir}/lib`,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PWD: taskRoot,
  };
  if (family === 'nodejs') {
    const major = /^nodejs(\d+)/.exec(snap.runtime)?.[1] ?? '';
    const sdk = paths.runtimeNodeModules ?? `${runtimeDir}/node_modules`;
    defaults['NODE_PATH'] = `${optDir}/nodejs/node${major}/node_modules:${optDir}/nodejs/node_modules:${sdk}:${runtimeDir}:${taskRoot}`;
  } else if (family === 'python') {
    const ver = snap.runtime.replace('python', '');
    defaults['PYTHONPATH'] = `${runtimeDir}:${optDir}/python/lib/python${ver}/site-packages:${optDir}/python`;
  }
  // Reserved variables always come from Lambda (the API refuses them in Environment.Variables).
  const env: Record<string, string> = {
    ...defaults,
    ...snap.environment,
    _HANDLER: snap.handler,
    AWS_REGION: snap.region,
    AWS_DEFAULT_REGION: snap.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${snap.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: snap.name,
    AWS_LAMBDA_FUNCTION_VERSION: snap.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(snap.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: snap.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: logStream,
    AWS_LAMBDA_INITIALIZATION_TYPE: initType,
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_RUNTIME_DIR: runtimeDir,
  };
  return env;
}
