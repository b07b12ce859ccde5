// How an environment for a function version is launched: the bootstrap argv
// per runtime family and the exact environment variables Lambda sets.
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runtimeInfo, type RuntimeFamily } from '../runtimes/catalog.js';
import type { FunctionSnapshot } from './types.js';

const RUNTIMES_ROOT = fileURLToPath(new URL('../../runtimes/', import.meta.url));

/** Paths as the function sees them: the Lambda layout inside a sandbox, host paths without one. */
export interface EnvironmentPaths {
  taskRoot: string;
  runtimeDir: string;
  optDir: string;
}

export const SANDBOX_PATHS: EnvironmentPaths = { taskRoot: '/var/task', runtimeDir: '/var/runtime', optDir: '/opt' };

/** The host interpreter each family runs on. A real binary, never a shell shim (pyenv shims cost ~100 ms). */
export interface Interpreters {
  node: string;
  python: string | undefined;
}

export function detectInterpreters(): Interpreters {
  const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));
  return { node: realpathSync(process.execPath), python: python ? realpathSync(python) : undefined };
}

export function runtimeFamily(runtime: string): RuntimeFamily {
  return runtimeInfo(runtime)?.family ?? 'provided';
}

/** Host folder mounted at /var/runtime. */
export function runtimeHostDir(family: RuntimeFamily): string {
  return `${RUNTIMES_ROOT}${family}`;
}

export function bootstrapArgv(family: RuntimeFamily, paths: EnvironmentPaths, interp: Interpreters): string[] {
  switch (family) {
    case 'nodejs':
      return [interp.node, `${paths.runtimeDir}/bootstrap.mjs`];
    case 'python':
      if (!interp.python) throw new Error('no python3 interpreter found on this host (looked in /usr/bin, /usr/local/bin)');
      return [interp.python, '-u', `${paths.runtimeDir}/bootstrap.py`];
    case 'provided':
      return [`${paths.taskRoot}/bootstrap`];
  }
}

export function environmentVariables(
  snap: FunctionSnapshot,
  family: RuntimeFamily,
  paths: EnvironmentPaths,
  runtimeApi: string,
  logStream: string,
): Record<string, string> {
  const { taskRoot, runtimeDir, optDir } = paths;
  // Defaults the function may override (AWS lets users set PATH, TZ, NODE_PATH, ...).
  const defaults: Record<string, string> = {
    PATH: `/usr/local/bin:/usr/bin:/bin:${optDir}/bin`,
    LD_LIBRARY_PATH: `/lib64:/usr/lib64:${runtimeDir}:${runtimeDir}/lib:${taskRoot}:${taskRoot}/lib:${optDir}/lib`,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PWD: taskRoot,
  };
  if (family === 'nodejs') {
    const major = /^nodejs(\d+)/.exec(snap.runtime)?.[1] ?? '';
    defaults['NODE_PATH'] = `${optDir}/nodejs/node${major}/node_modules:${optDir}/nodejs/node_modules:${runtimeDir}/node_modules:${runtimeDir}:${taskRoot}`;
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
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_RUNTIME_DIR: runtimeDir,
  };
  return env;
}
