// Execution-environment sandboxes: one bubblewrap sandbox (or, as a fallback, a plain process group) per Lambda
// execution environment, inside its own cgroups (memory cap, CPU share proportional to memory, pids limit, freezer).
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { isAbsolute, join } from 'node:path';
import type { BwrapOptions } from './bubblewrap.js';
import { buildBwrapArgs, generatedEtcFiles, hostnameFor, scanHost, visibleDirs } from './bubblewrap.js';
import type { EnvCgroup } from './cgroups.js';
import { detectCgroups, limitsFor } from './cgroups.js';
import { prepareEtc } from './etc.js';
import { execWaiterArgv } from './exec-stem.js';
import { LateMounts } from './mounts.js';
import { findExecutable, probeHost } from './probe.js';
import { NetnsListeners } from './netns.js';
import { findOutbound, Outbound, SLIRP_DNS, type OutboundLink } from './outbound.js';
import { BLOCK_FD, cpuCapOf, INFO_FD, startProcess } from './process.js';
import type { ReapResult } from './state.js';
import { createEnvDir, reapWith, removeEnvDir } from './state.js';
import type { IsolationReport, MissingCapability, Sandbox, SandboxProcess, SandboxSpec } from './types.js';
import { launchUnsandboxed } from './unsandboxed.js';
import { assertValidId } from './util.js';

export type { IsolationReport, Sandbox, SandboxExit, SandboxProcess, SandboxSpec } from './types.js';
export type { ReapResult } from './state.js';
export { probeIsolation } from './probe.js';

export interface CreateSandboxOptions {
  mode?: 'auto' | 'bubblewrap' | 'none';
  /** Where private per-env dirs are created, e.g. <data-dir>/envs. */
  stateDir: string;
  /** When Lambent runs as root: the unprivileged uid/gid functions run as (default 993/990, AWS's sbx_user1051). */
  uid?: number;
  gid?: number;
  /**
   * Sandboxes' network: their own namespace with outbound access ('internet', default: user-mode, slirp4netns) or
   * without ('none'); or, explicitly, the host's own network ('host': reaches the host's loopback services, and other
   * environments' Runtime APIs reach it; for trusted code only).
   */
  network?: 'internet' | 'none' | 'host';
}

/** AWS's sbx_user1051. */
const DEFAULT_UID = 993;
const DEFAULT_GID = 990;

export async function createSandbox(opts?: CreateSandboxOptions): Promise<Sandbox> {
  const mode = opts?.mode ?? 'auto';
  const stateDir = opts?.stateDir ?? join(tmpdir(), 'lambent-envs');
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const probe = await probeHost();
  const warnings = [...probe.report.warnings];
  const driver = probe.cgroups.driver;
  const envBin = findExecutable('env', ['/usr/bin', '/bin']) ?? '/usr/bin/env';

  if (mode === 'bubblewrap' && !probe.bwrap) {
    throw new Error(`bubblewrap sandbox requested but unavailable: ${warnings.join(' ')}`);
  }
  const useBwrap = mode !== 'none' && probe.bwrap !== undefined;
  if (!useBwrap) {
    warnings.push(mode === 'none'
      ? 'sandbox disabled (mode "none"): functions run as host processes with Lambent\'s user and can read its files and see other processes'
      : 'functions run WITHOUT a sandbox (bubblewrap unavailable): they run as host processes with Lambent\'s user and can read its files and see other processes');
  }
  // Own network namespaces need the listener helper too (the Runtime API is served from inside each one).
  let netns: NetnsListeners | undefined;
  let outbound: Outbound | undefined;
  let outboundMissing: MissingCapability | undefined;
  const isRoot = process.getuid?.() === 0;
  if (useBwrap && opts?.network === 'host') {
    warnings.push('functions share the host\'s network (--function-network host): they reach the host\'s loopback services, Lambent\'s port and each other\'s Runtime API; use it for trusted code only');
  } else if (useBwrap && probe.report.network === 'namespace') {
    const opened = await NetnsListeners.open();
    netns = opened.listeners;
    if (!netns) warnings.push(`functions share the host's network (${opened.reason ?? 'unknown reason'}): they can reach each other's Runtime API and the host's loopback services`);
  } else if (useBwrap) {
    warnings.push('functions share the host\'s network: each environment\'s Runtime API is a port on the host\'s loopback that other functions can reach');
  }
  if (netns && (opts?.network ?? 'internet') === 'internet') {
    const found = findOutbound();
    if ('slirp' in found) outbound = new Outbound(found.slirp);
    else {
      warnings.push(found.warning);
      outboundMissing = found.missing;
    }
  }
  const missing = [...(probe.report.missing ?? []), ...(outboundMissing ? [outboundMissing] : [])];
  if (useBwrap && !netns) {
    missing.push({
      capability: 'network isolation',
      effect: "functions share the host's network: they can reach the host's loopback services, Lambent's port and each other's Runtime API",
      reason: opts?.network === 'host' ? 'started with --function-network host' : 'this host gives sandboxes no network namespace (or python3 is missing for the namespace helper)',
      ...(opts?.network === 'host' ? { fix: 'start without --function-network host' } : {}),
    });
  }
  const report: IsolationReport = {
    ...probe.report,
    missing,
    sandbox: useBwrap ? 'bubblewrap' : 'none',
    namespaces: useBwrap && probe.report.namespaces,
    network: netns ? 'namespace' : 'host',
    outbound: netns ? (outbound ? 'internet' : 'none') : 'internet',
    warnings,
  };
  const active = new Set<string>();
  const track = async (id: string, start: () => Promise<SandboxProcess>): Promise<SandboxProcess> => {
    if (active.has(id)) throw new Error(`sandbox id ${JSON.stringify(id)} is already in use`);
    active.add(id);
    try {
      const proc = await start();
      const destroy = proc.destroy.bind(proc);
      return Object.assign(proc, {
        destroy: async () => {
          await destroy();
          active.delete(id);
        },
      });
    } catch (err) {
      active.delete(id);
      throw err;
    }
  };

  if (!useBwrap) {
    const setpriv = findExecutable('setpriv', ['/usr/bin', '/bin']);
    return {
      report,
      launch: async (spec) => {
        validateSpec(spec);
        return track(spec.id, () => launchUnsandboxed(spec, { stateDir, cgroups: driver, envBin, ...(setpriv ? { setpriv } : {}) }));
      },
      lateCode: () => Promise.resolve(true),
      // Nothing to set up ahead without a sandbox but the cgroup: exec stems are a sandbox feature.
      execStems: () => Promise.resolve(false),
    };
  }

  const bwrap = probe.bwrap as string;
  const layout = scanHost();
  const uid = isRoot && probe.setpriv ? (opts?.uid ?? DEFAULT_UID) : (process.getuid?.() ?? 0);
  const gid = isRoot && probe.setpriv ? (opts?.gid ?? DEFAULT_GID) : (process.getgid?.() ?? 0);
  // env(1) as seen inside (under /usr or /bin), to drop the PWD that bwrap always sets.
  const sandboxEnvBin = ['/usr/bin/env', '/bin/env'].find((p) => existsSync(p)) ?? '/usr/bin/env';
  // With user-mode networking the resolver inside is slirp4netns's (the host's may be a loopback address, which
  // does not exist in the sandbox's namespace).
  const etc = prepareEtc(stateDir, visibleDirs(layout), {
    ...generatedEtcFiles(uid, gid),
    ...(outbound ? { resolv: `nameserver ${SLIRP_DNS}\n` } : {}),
  });
  // The mount helper for late code attachment starts on first use (only the stem-cell pool needs it).
  let late: Promise<{ mounts?: LateMounts; reason?: string }> | undefined;
  const lateMounts = (): Promise<{ mounts?: LateMounts; reason?: string }> => (late ??= LateMounts.open(stateDir));
  // The exec stems' waiter runs on the mount helper's python3, which must be visible inside (under /usr).
  const waiterVisible = (m: LateMounts): boolean => visibleDirs(layout).some((d) => m.python.startsWith(`${d}/`));
  return {
    report,
    lateCode: async () => (await lateMounts()).mounts !== undefined,
    execStems: async () => {
      const m = (await lateMounts()).mounts;
      return m !== undefined && waiterVisible(m);
    },
    close: async () => {
      await (await late)?.mounts?.close();
      await netns?.close();
    },
    launch: async (spec) => {
      validateSpec(spec);
      const mounts = spec.lateCode ? (await lateMounts()).mounts : undefined;
      if (spec.lateCode && !mounts) throw new Error(`late code attachment is unavailable: ${(await lateMounts()).reason ?? 'unknown reason'}`);
      if (spec.execStem && !(mounts && spec.stdinPipe && waiterVisible(mounts))) throw new Error('exec stems need late code attachment, a stdin pipe and python3 under /usr');
      if (uid !== 0) checkReadable(spec.lateCode ? { ...spec, taskDir: spec.runtimeDir } : spec, uid, gid);
      return track(spec.id, async () => {
        etc.refresh();
        await createEnvDir(stateDir, spec.id);
        const taskDir = mounts ? mounts.taskDirFor(spec.id) : spec.taskDir;
        let link: OutboundLink | undefined;
        let cleaned = false;
        const cleanup = async (): Promise<void> => {
          cleaned = true;
          link?.stop();
          await mounts?.release(spec.id);
          await removeEnvDir(stateDir, spec.id);
        };
        let cgroup: EnvCgroup | undefined;
        const limits = limitsFor(spec.memoryMb, spec.pidsMax ?? 1024);
        const tc = performance.now();
        try {
          cgroup = await driver?.create(spec.id, limits);
          if (spec.cpuBoost) cgroup?.setCpuQuota(undefined, limits.cpuPeriodUs);
        } catch (err) {
          await cleanup();
          throw err;
        }
        const cgroupMs = performance.now() - tc;
        const bopts: BwrapOptions = {
          hostname: hostnameFor(spec.id),
          etcDir: etc.dir,
          dropCapabilities: isRoot,
          envBin: sandboxEnvBin,
          ...(isRoot && probe.setpriv ? { dropPrivileges: { setpriv: probe.setpriv, uid, gid } } : {}),
          ...(netns ? { network: { infoFd: INFO_FD, blockFd: BLOCK_FD } } : {}),
        };
        const { options, command } = buildBwrapArgs(
          // The waiter needs no environment; PWD as bwrap sets it, so no env(1) is run to remove it.
          spec.execStem && mounts ? { ...spec, taskDir, env: { PWD: '/var/task' } } : { ...spec, taskDir },
          layout,
          spec.execStem && mounts ? { ...bopts, command: execWaiterArgv(mounts.python) } : bopts,
        );
        return startProcess({
          // A stem's sandbox starts in the mount helper's namespace, where code attached later propagates from.
          command: [...(mounts?.enter ?? []), bwrap, '--args', '3', '--', ...command],
          env: {},
          cwd: '/',
          fd3: Buffer.from(`${options.join('\0')}\0`),
          ...(cgroup ? { cgroup } : {}),
          signalFromExitCode: true,
          cleanup,
          cpuQuota: cpuCapOf(limits),
          cgroupMs,
          ...(spec.stdinPipe ? { stdinPipe: true } : {}),
          ...(netns
            ? {
                beforeExec: async (pid: number) => {
                  // The listener first: making it waits out bubblewrap's loopback set-up, which slirp4netns's own
                  // configuration must not race. Without root, the helper also finds (and holds open) the user
                  // namespace owning the sandbox's network namespace, which slirp4netns must join.
                  const listener = await netns.listen(spec.id, pid);
                  if (spec.runtimeApi) spec.runtimeApi(listener.server);
                  else listener.server.close();
                  if (!outbound) return {};
                  // slirp4netns takes tens of milliseconds to start and configure the tap: it does so while the
                  // runtime boots, and the first invocation waits for it (ExecutionEnvironment.start).
                  const network = outbound.attach(pid, listener.ownerUserns).then((l) => {
                    if (cleaned) l.stop();
                    else link = l;
                  }).finally(() => {
                    if (listener.ownerUserns) netns.release(spec.id);
                  });
                  network.catch(() => undefined);
                  return { network };
                },
              }
            : {}),
          ...(mounts
            ? {
                attachCode: async (codeDir: string) => {
                  if (uid !== 0) checkReadable({ ...spec, taskDir: codeDir }, uid, gid);
                  await mounts.attach(spec.id, codeDir);
                },
              }
            : {}),
        });
      });
    },
  };
}

/**
 * Startup sweep: removes per-env dirs in stateDir left by a Lambent that is no longer running, after killing
 * whatever remains in their lambent/<id> cgroups, plus empty lambent/* cgroups that nobody owns.
 */
export async function reapStale(stateDir: string): Promise<ReapResult> {
  const { driver } = await detectCgroups();
  return reapWith(stateDir, driver);
}

function validateSpec(spec: SandboxSpec): void {
  assertValidId(spec.id);
  if (spec.argv.length === 0 || spec.argv.some((a) => a.includes('\0'))) throw new Error('argv must be a non-empty list of strings without NUL');
  for (const [k, v] of Object.entries(spec.env)) {
    if (k === '' || k.includes('=') || k.includes('\0') || v.includes('\0')) throw new Error(`invalid environment variable ${JSON.stringify(k)}`);
  }
  for (const [name, dir] of [['taskDir', spec.lateCode ? '/' : spec.taskDir], ['runtimeDir', spec.runtimeDir], ['optDir', spec.optDir]] as const) {
    if (dir !== undefined && !isAbsolute(dir)) throw new Error(`${name} must be an absolute path: ${JSON.stringify(dir)}`);
  }
  if (!(spec.memoryMb > 0) || !(spec.tmpSizeMb > 0)) throw new Error('memoryMb and tmpSizeMb must be positive');
  if (spec.pidsMax !== undefined && !(Number.isInteger(spec.pidsMax) && spec.pidsMax > 0)) throw new Error('pidsMax must be a positive integer');
}

/** The sandbox user must be able to enter the mounted dirs (as on AWS, where code runs as sbx_user1051). */
function checkReadable(spec: SandboxSpec, uid: number, gid: number): void {
  const dirs = [spec.taskDir, spec.runtimeDir, ...(spec.optDir ? [spec.optDir] : []), ...(spec.extraReadOnly ?? []).map((x) => x.host)];
  for (const dir of dirs) {
    let st;
    try {
      st = statSync(dir);
    } catch {
      throw new Error(`sandbox mount source does not exist: ${dir}`);
    }
    const bits = st.uid === uid ? (st.mode >> 6) & 5 : st.gid === gid ? (st.mode >> 3) & 5 : st.mode & 5;
    const need = st.isDirectory() ? 5 : 4;
    if ((bits & need) !== need) {
      throw new Error(`${dir} (mode ${(st.mode & 0o777).toString(8)}) is not readable by the sandbox user uid ${uid}: functions run unprivileged, as on AWS; make it world-readable (chmod o+r${st.isDirectory() ? 'x' : ''})`);
    }
  }
}
