// What the cgroup v1 and v2 drivers share: the driver interface, limits, host identity, mount parsing, the
// capability/fix texts and the kill-and-remove loop. cgroups.ts (detection) picks a driver; the drivers import only
// this file, so neither needs the module that imports them.
import { rmdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { MissingCapability } from './types.js';
import { readText, signal, sleep } from './util.js';
export interface Controllers { memory: boolean; cpu: boolean; pids: boolean; freezer: boolean }

export interface CgroupLimits {
  memoryBytes: number;
  cpuPeriodUs: number;
  cpuQuotaUs: number;
  /** v1 cpu.shares (1024 = one full share). */
  cpuShares: number;
  /** v2 cpu.weight (100 = default). */
  cpuWeight: number;
  pidsMax: number;
}

/** Megabytes of MemorySize that buy one vCPU on AWS Lambda. */
export const MB_PER_VCPU = 1769;

export function limitsFor(memoryMb: number, pidsMax = 1024): CgroupLimits {
  const cpuPeriodUs = 100_000;
  return {
    memoryBytes: Math.round(memoryMb * 1024 * 1024),
    cpuPeriodUs,
    cpuQuotaUs: Math.max(1000, Math.round((cpuPeriodUs * memoryMb) / MB_PER_VCPU)),
    cpuShares: Math.max(2, Math.round((1024 * memoryMb) / MB_PER_VCPU)),
    cpuWeight: Math.min(10_000, Math.max(1, Math.round((100 * memoryMb) / MB_PER_VCPU))),
    pidsMax,
  };
}

/** One execution environment's cgroup (one directory per hierarchy on v1, one directory on v2). */
export interface EnvCgroup {
  readonly id: string;
  /** Directories of this cgroup (one per mounted hierarchy). */
  readonly dirs: readonly string[];
  /** Files the launcher writes "0" (itself) into before it execs the sandbox: v1 `tasks`, v2 `cgroup.procs`. */
  readonly joinFiles: readonly string[];
  readonly canFreeze: boolean;
  /** Pids currently in the cgroup (union over hierarchies). */
  pids(): number[];
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  /** SIGKILLs every process in the cgroup until it is empty (or the timeout passes); returns whether it is empty. */
  killAll(timeoutMs?: number): Promise<boolean>;
  /** rmdir of the cgroup directories (kills first if needed). */
  remove(): Promise<void>;
  memoryPeakBytes(): number | undefined;
  resetMemoryPeak(): void;
  /**
   * Sets the CFS quota and the share (v1 cpu.shares / v2 cpu.weight) under contention; undefined lifts both to a full
   * CPU (Lambda's init phase runs without the proportional CPU cap).
   */
  setCpuQuota(quotaUs: number | undefined, periodUs: number, share?: { shares: number; weight: number }): void;
  /** Changes the memory cap (the CPU follows with setCpuQuota); throws when refused. */
  setLimits(limits: CgroupLimits): void;
  /** Number of OOM kills inside the cgroup so far, undefined without a memory controller. */
  oomKills(): number | undefined;
}

export interface CgroupDriver {
  readonly version: 'v1' | 'v2';
  readonly controllers: Controllers;
  /** What is missing, as human sentences. */
  readonly warnings: readonly string[];
  /** Creates lambent/<id> and applies the limits. */
  create(id: string, limits: CgroupLimits): Promise<EnvCgroup>;
  /** Opens an existing lambent/<id> (for reaping), undefined when absent. */
  open(id: string): EnvCgroup | undefined;
  /** Names of the existing lambent/* children. */
  list(): string[];
  /** Creation time of lambent/<id> (ms since epoch) when known. */
  createdAt(id: string): number | undefined;
}


export interface MountEntry { mountPoint: string; root: string; fsType: string; superOptions: string[] }

export function parseMountInfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(' ');
    const right = line.slice(sep + 3).split(' ');
    const root = left[3];
    const mountPoint = left[4];
    const fsType = right[0];
    if (root === undefined || mountPoint === undefined || fsType === undefined) continue;
    out.push({ mountPoint: unescapeMount(mountPoint), root: unescapeMount(root), fsType, superOptions: (right[2] ?? '').split(',') });
  }
  return out;
}

function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(Number.parseInt(oct, 8)));
}

export interface CgroupDetection {
  driver: CgroupDriver | null;
  version: 'v1' | 'v2' | 'none';
  warnings: string[];
  /** Limits functions do not get, each with its effect and fix. */
  missing: MissingCapability[];
  /** Where environments' cgroups live and why Lambent may use it. */
  source?: string;
}

/** Who Lambent runs as, and where /proc and the cgroup mounts are (unit tests point `root` at a fake tree). */
export interface HostIdentity { root: string; uid: number; gids: readonly number[]; user: string }

export function currentIdentity(): HostIdentity {
  const uid = process.getuid?.() ?? 0;
  let user = String(uid);
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container's arbitrary uid): the number names the delegated subtree instead
  }
  return { root: '/', uid, gids: [process.getgid?.() ?? 0, ...(process.getgroups?.() ?? [])], user };
}

/**
 * Whether `path` is writable (and, for a directory, searchable) by the identity, from its owner and mode bits.
 * cgroup file systems have no ACLs, and a mode check works for a fake tree too (access(2) would ask about the caller).
 */
export function writableBy(path: string, id: HostIdentity): boolean {
  let st;
  try {
    st = statSync(path);
  } catch {
    return false;
  }
  if (id.uid === 0) return true;
  const need = st.isDirectory() ? 3 : 2;
  const bits = st.uid === id.uid ? (st.mode >> 6) & 7 : id.gids.includes(st.gid) ? (st.mode >> 3) & 7 : st.mode & 7;
  return (bits & need) === need;
}

export type CgroupController = 'memory' | 'cpu' | 'pids' | 'freezer';

/** What a missing controller means for functions. */
export function controllerEffect(c: CgroupController): { capability: string; effect: string } {
  switch (c) {
    case 'memory': return { capability: 'memory limit', effect: 'functions can use more than their MemorySize, and running out of memory is not reported as Runtime.OutOfMemory' };
    case 'cpu': return { capability: 'CPU limit', effect: 'functions get all the CPU they ask for instead of a share proportional to MemorySize' };
    case 'pids': return { capability: 'process limit', effect: 'a fork bomb in a function is not contained by a 1024-process limit' };
    case 'freezer': return { capability: 'cgroup freezer', effect: 'idle environments are paused with SIGSTOP instead (a function can see it)' };
  }
}

/** The command that runs Lambent in a cgroup v2 subtree of its own (systemd user delegation). */
export const SYSTEMD_DELEGATE_FIX = 'systemd-run --user --scope -p Delegate=yes npx lambent start  (with your usual options)';

/** Makes systemd delegate these controllers to user sessions (it delegates only some by default before v252). */
export const SYSTEMD_CONTROLLERS_FIX =
  "sudo mkdir -p /etc/systemd/system/user@.service.d && printf '[Service]\\nDelegate=cpu cpuset io memory pids\\n' | sudo tee /etc/systemd/system/user@.service.d/delegate.conf && sudo systemctl daemon-reload  (then log out and in)";

/**
 * The root command (without sudo) that hands a user a cgroup v1 subtree in each of these hierarchies (mount points).
 * cgroup file systems live in memory: it must be run again after each reboot.
 */
export function v1DelegationCommand(mountPoints: readonly string[], user: string): string {
  const dirs = [...new Set(mountPoints)].join(' ');
  return `for d in ${dirs}; do mkdir -p "$d/${v1DelegatedName(user)}" && chown -R ${user}: "$d/${v1DelegatedName(user)}"; done`;
}

/** The cgroup v1 directory name root creates and hands to `user`. */
export function v1DelegatedName(user: string): string {
  return `lambent-${user}`;
}


/** /proc/self/cgroup as controller → path; v2's "0::/path" line is under "". Co-mounted v1 controllers each get the path. */
export function parseProcCgroup(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    const [, names = '', path = '/'] = m;
    if (names === '') out.set('', path || '/');
    for (const n of names.split(',').filter(Boolean)) out.set(n, path || '/');
  }
  return out;
}

/** This process's cgroup v2 path ("0::/path" line of /proc/self/cgroup). */
export function ownCgroupV2(): string {
  return parseProcCgroup(readText('/proc/self/cgroup') ?? '').get('') ?? '/';
}

/**
 * The kill loop used by both drivers: read the member pids, SIGKILL them, repeat until the cgroup is empty.
 * `before` runs once first (v1: freeze so a fork bomb cannot outrun us; v2: cgroup.kill), `after` once after the first round (thaw).
 */
export async function killLoop(
  pids: () => number[],
  timeoutMs: number,
  hooks: { before?: () => Promise<void>; afterFirstRound?: () => Promise<void> } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  if (hooks.before) await hooks.before().catch(() => undefined);
  let first = true;
  let delay = 1;
  for (;;) {
    const list = pids();
    if (list.length === 0 && !first) return true;
    for (const pid of list) signal(pid, 'SIGKILL');
    if (first) {
      first = false;
      if (hooks.afterFirstRound) await hooks.afterFirstRound().catch(() => undefined);
      if (list.length === 0) continue;
    }
    if (Date.now() > deadline) return pids().length === 0;
    await sleep(delay);
    delay = Math.min(delay * 2, 20);
  }
}

/** rmdir with retries: a cgroup stays busy for a moment after its last process is reaped. */
export async function removeDirs(dirs: readonly string[], kill: () => Promise<boolean>): Promise<void> {
  const pending = new Set(dirs);
  const errors: string[] = [];
  for (let attempt = 0; attempt < 50 && pending.size > 0; attempt++) {
    errors.length = 0;
    for (const dir of [...pending]) {
      try {
        rmdirSync(dir);
        pending.delete(dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') pending.delete(dir);
        else errors.push(`${dir}: ${code ?? String(err)}`);
      }
    }
    if (pending.size === 0) return;
    await kill();
    await sleep(Math.min(2 + attempt * 2, 50));
  }
  if (pending.size > 0) throw new Error(`cannot remove cgroup directories: ${errors.join('; ')}`);
}
