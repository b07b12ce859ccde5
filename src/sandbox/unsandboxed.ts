// Fallback without bubblewrap: the command runs directly on the host (own process group, exactly spec.env,
// cwd = taskDir), still inside its cgroups when there are any. No file system or PID isolation.
import { isAbsolute, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CgroupDriver, EnvCgroup } from './cgroups.js';
import { limitsFor } from './cgroups.js';
import { cpuCapOf, startProcess } from './process.js';
import { createEnvDir, removeEnvDir } from './state.js';
import type { SandboxProcess, SandboxSpec } from './types.js';

export interface UnsandboxedContext {
  stateDir: string;
  cgroups: CgroupDriver | null;
  /** setpriv, for --pdeathsig: the function dies with Lambent even without bwrap's --die-with-parent. */
  setpriv?: string;
  /** env(1), used to hand over exactly spec.env after the cgroup-joining shell (which would add PWD). */
  envBin: string;
}

/**
 * Paths in argv that name the sandbox's mount points (/var/task, /var/runtime, /opt, extraReadOnly) are translated to
 * their host dirs, since nothing is mounted. The environment is passed unchanged.
 */
export function hostArgv(spec: SandboxSpec): string[] {
  const maps: [string, string][] = [['/var/task', spec.taskDir], ['/var/runtime', spec.runtimeDir]];
  if (spec.optDir) maps.push(['/opt', spec.optDir]);
  for (const x of spec.extraReadOnly ?? []) maps.push([x.inside.replace(/\/+$/, ''), x.host]);
  return spec.argv.map((arg) => {
    if (!isAbsolute(arg)) return arg;
    for (const [inside, host] of maps) {
      if (arg === inside) return host;
      if (arg.startsWith(`${inside}/`)) return join(host, arg.slice(inside.length + 1));
    }
    return arg;
  });
}

export async function launchUnsandboxed(spec: SandboxSpec, ctx: UnsandboxedContext): Promise<SandboxProcess> {
  const envDir = await createEnvDir(ctx.stateDir, spec.id);
  // A stem cell starts in its (empty) private dir; its runtime is later pointed at the code dir itself.
  const taskDir = spec.lateCode ? envDir : spec.taskDir;
  const cleanup = (): Promise<void> => removeEnvDir(ctx.stateDir, spec.id);
  let cgroup: EnvCgroup | undefined;
  const limits = limitsFor(spec.memoryMb, spec.pidsMax ?? 1024);
  const tc = performance.now();
  try {
    cgroup = await ctx.cgroups?.create(spec.id, limits);
    if (spec.cpuBoost) cgroup?.setCpuQuota(undefined, limits.cpuPeriodUs);
  } catch (err) {
    await cleanup();
    throw err;
  }
  const cgroupMs = performance.now() - tc;
  const argv = hostArgv({ ...spec, taskDir });
  const pairs = Object.entries(spec.env).map(([k, v]) => `${k}=${v}`);
  const viaEnv = [ctx.envBin, '-i', '--', ...pairs, ...argv];
  let command: string[];
  if (ctx.setpriv) command = [ctx.setpriv, '--pdeathsig', 'KILL', '--', ...viaEnv];
  else if (cgroup) command = viaEnv;
  else command = argv;
  return startProcess({
    command,
    env: spec.env,
    cwd: taskDir,
    ...(cgroup ? { cgroup } : {}),
    signalFromExitCode: false,
    cleanup,
    cpuQuota: cpuCapOf(limits),
    cgroupMs,
    ...(spec.stdinPipe ? { stdinPipe: true } : {}),
    ...(spec.lateCode ? { attachCode: () => Promise.resolve() } : {}),
  });
}
