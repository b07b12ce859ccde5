// cgroup v2: one directory per environment under a delegated parent, <parent>/lambent/<id>.
// The parent is <mount>/lambent when the root cgroup is ours to use (root on a host), else <own cgroup>/lambent
// (a systemd service with Delegate=yes; Lambent then moves itself into a leaf, as cgroup v2's no-internal-process rule requires).
import { closeSync, existsSync, mkdirSync, openSync, readSync, readdirSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CgroupDriver, CgroupLimits, Controllers, EnvCgroup } from './cgroups.js';
import { killLoop, removeDirs } from './cgroups.js';
import { errCode, errMessage, parseKeyed, parsePids, readText, sleep, tryWriteValue, writeValue } from './util.js';

const LIMIT_CONTROLLERS = ['memory', 'cpu', 'pids'] as const;

export async function openV2(mount: string, ownCgroup: string): Promise<{ driver?: CgroupDriver; warnings: string[] }> {
  const failures: string[] = [];
  const candidates = [join(mount, 'lambent')];
  if (ownCgroup !== '/' && ownCgroup !== '') candidates.push(join(mount, ownCgroup, 'lambent'));
  for (const parent of candidates) {
    try {
      mkdirSync(parent, { recursive: true });
    } catch (err) {
      failures.push(`cannot create ${parent} (${errCode(err) ?? errMessage(err)})`);
      continue;
    }
    const warnings: string[] = [];
    const enabled = enableControllers(mount, parent, ownCgroup, warnings);
    const controllers: Controllers = {
      memory: enabled.has('memory'),
      cpu: enabled.has('cpu'),
      pids: enabled.has('pids'),
      freezer: existsSync(join(parent, 'cgroup.freeze')),
    };
    if (!controllers.freezer) warnings.push('cgroup v2 freezer (cgroup.freeze, Linux 5.2+) is missing: idle environments are paused with SIGSTOP');
    return { driver: new V2Driver(parent, controllers, existsSync(join(parent, 'cgroup.kill')), warnings), warnings };
  }
  return {
    warnings: [`cgroup v2 is mounted but Lambent cannot create its cgroups: ${failures.join('; ')}. Run Lambent as root, or under a delegated cgroup (systemd: Delegate=yes)`],
  };
}

/** Enables memory/cpu/pids for the children of `parent`; returns what ended up enabled. */
function enableControllers(mount: string, parent: string, ownCgroup: string, warnings: string[]): Set<string> {
  const grand = dirname(parent);
  const available = new Set((readText(join(grand, 'cgroup.controllers')) ?? '').trim().split(/\s+/).filter(Boolean));
  for (const c of LIMIT_CONTROLLERS) {
    if (!available.has(c)) {
      warnings.push(`cgroup v2 ${c} controller is not available in ${grand}/cgroup.controllers: ${consequence(c)}`);
      continue;
    }
    if (subtree(grand).has(c)) continue;
    if (tryWriteValue(join(grand, 'cgroup.subtree_control'), `+${c}`)) continue;
    // EBUSY: processes live in `grand` (no internal processes allowed). When it is our own delegated cgroup and we are
    // alone in it, move ourselves into a leaf and retry.
    if (grand === join(mount, ownCgroup) && moveSelfToLeaf(grand) && tryWriteValue(join(grand, 'cgroup.subtree_control'), `+${c}`)) continue;
    warnings.push(`cannot enable the cgroup v2 ${c} controller in ${grand}/cgroup.subtree_control (processes live in that cgroup, or it is not delegated): ${consequence(c)}`);
  }
  const enabled = new Set<string>();
  for (const c of LIMIT_CONTROLLERS) {
    if (!subtree(grand).has(c)) continue;
    if (subtree(parent).has(c) || tryWriteValue(join(parent, 'cgroup.subtree_control'), `+${c}`)) enabled.add(c);
    else warnings.push(`cannot enable the cgroup v2 ${c} controller in ${parent}/cgroup.subtree_control: ${consequence(c)}`);
  }
  return enabled;
}

function subtree(dir: string): Set<string> {
  return new Set((readText(join(dir, 'cgroup.subtree_control')) ?? '').trim().split(/\s+/).filter(Boolean));
}

function moveSelfToLeaf(own: string): boolean {
  const procs = parsePids(readText(join(own, 'cgroup.procs')));
  if (procs.some((p) => p !== process.pid)) return false;
  const leaf = join(own, 'lambent-supervisor');
  try {
    mkdirSync(leaf, { recursive: true });
    writeValue(join(leaf, 'cgroup.procs'), process.pid);
    return true;
  } catch {
    return false;
  }
}

function consequence(c: (typeof LIMIT_CONTROLLERS)[number]): string {
  switch (c) {
    case 'memory': return 'functions are not limited to their MemorySize and out-of-memory kills cannot be detected';
    case 'cpu': return 'functions get unlimited CPU instead of a share proportional to MemorySize';
    case 'pids': return 'a fork bomb inside a function is not contained by a process limit';
  }
}

class V2Driver implements CgroupDriver {
  readonly version = 'v2' as const;

  constructor(
    private readonly parent: string,
    readonly controllers: Controllers,
    private readonly hasKill: boolean,
    readonly warnings: readonly string[],
  ) {}

  async create(id: string, limits: CgroupLimits): Promise<EnvCgroup> {
    const dir = join(this.parent, id);
    try {
      mkdirSync(dir);
    } catch (err) {
      if (errCode(err) !== 'EEXIST') throw err;
      if (parsePids(readText(join(dir, 'cgroup.procs'))).length > 0) throw new Error(`cgroup ${dir} already exists and has processes`);
    }
    try {
      if (this.controllers.memory) {
        writeValue(join(dir, 'memory.max'), limits.memoryBytes);
        if (existsSync(join(dir, 'memory.swap.max'))) writeValue(join(dir, 'memory.swap.max'), 0);
      }
      if (this.controllers.cpu) {
        writeValue(join(dir, 'cpu.max'), `${limits.cpuQuotaUs} ${limits.cpuPeriodUs}`);
        tryWriteValue(join(dir, 'cpu.weight'), limits.cpuWeight);
        // Burst (Linux 5.14+, at most one quota): unused quota carries over one period, and rewriting cpu.max
        // pre-fills it, so bubblewrap's own start-up is not throttled for small functions.
        if (existsSync(join(dir, 'cpu.max.burst')) && tryWriteValue(join(dir, 'cpu.max.burst'), limits.cpuQuotaUs)) {
          tryWriteValue(join(dir, 'cpu.max'), `${limits.cpuQuotaUs} ${limits.cpuPeriodUs}`);
        }
      }
      if (this.controllers.pids) writeValue(join(dir, 'pids.max'), limits.pidsMax);
    } catch (err) {
      await removeDirs([dir], async () => true).catch(() => undefined);
      throw err;
    }
    return new V2Cgroup(id, dir, this.controllers, this.hasKill);
  }

  open(id: string): EnvCgroup | undefined {
    const dir = join(this.parent, id);
    return existsSync(dir) ? new V2Cgroup(id, dir, this.controllers, this.hasKill) : undefined;
  }

  list(): string[] {
    try {
      return readdirSync(this.parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      return [];
    }
  }


  createdAt(id: string): number | undefined {
    try {
      return statSync(join(this.parent, id)).ctimeMs;
    } catch {
      return undefined;
    }
  }
}

class V2Cgroup implements EnvCgroup {
  readonly dirs: readonly string[];
  readonly joinFiles: readonly string[];
  readonly canFreeze: boolean;
  /** memory.peak is reset per open file (Linux 6.12+): keep one fd for both the reset and the reads. */
  private peakFd: number | undefined;
  private peakResettable = false;

  constructor(
    readonly id: string,
    private readonly dir: string,
    private readonly controllers: Controllers,
    private readonly hasKill: boolean,
  ) {
    this.dirs = [dir];
    this.joinFiles = [join(dir, 'cgroup.procs')];
    this.canFreeze = controllers.freezer;
    if (controllers.memory) {
      const peak = join(dir, 'memory.peak');
      try {
        this.peakFd = openSync(peak, 'r+');
        this.peakResettable = true;
      } catch {
        try {
          this.peakFd = openSync(peak, 'r');
        } catch {
          this.peakFd = undefined; // memory.peak needs Linux 5.19
        }
      }
    }
  }

  setLimits(limits: CgroupLimits): void {
    if (this.controllers.memory) writeValue(join(this.dir, 'memory.max'), limits.memoryBytes);
  }

  setCpuQuota(quotaUs: number | undefined, periodUs: number, share?: { shares: number; weight: number }): void {
    if (!this.controllers.cpu) return;
    const weight = quotaUs === undefined ? 100 : share?.weight;
    if (weight !== undefined) tryWriteValue(join(this.dir, 'cpu.weight'), weight);
    // The kernel refuses a quota below the burst (a specialized stem cell gets less memory than it started with).
    const burst = join(this.dir, 'cpu.max.burst');
    if (quotaUs !== undefined && existsSync(burst)) {
      tryWriteValue(join(this.dir, 'cpu.max'), `max ${periodUs}`);
      tryWriteValue(burst, quotaUs);
    }
    tryWriteValue(join(this.dir, 'cpu.max'), `${quotaUs ?? 'max'} ${periodUs}`);
  }

  pids(): number[] {
    return parsePids(readText(join(this.dir, 'cgroup.procs')));
  }

  async freeze(timeoutMs = 2000): Promise<void> {
    await this.setFrozen(true, timeoutMs);
  }

  async thaw(): Promise<void> {
    await this.setFrozen(false, 2000);
  }

  private async setFrozen(frozen: boolean, timeoutMs: number): Promise<void> {
    writeValue(join(this.dir, 'cgroup.freeze'), frozen ? 1 : 0);
    const deadline = Date.now() + timeoutMs;
    let delay = 0;
    while (parseKeyed(readText(join(this.dir, 'cgroup.events'))).get('frozen') !== (frozen ? 1 : 0)) {
      if (Date.now() > deadline) throw new Error(`cgroup ${this.dir} did not ${frozen ? 'freeze' : 'thaw'} within ${timeoutMs} ms`);
      await sleep(delay);
      delay = Math.min(delay + 1, 10);
    }
  }

  killAll(timeoutMs = 5000): Promise<boolean> {
    if (this.hasKill) {
      // cgroup.kill (Linux 5.14+) kills the whole cgroup atomically, frozen or not.
      const populated = (): number[] => (parseKeyed(readText(join(this.dir, 'cgroup.events'))).get('populated') === 0 ? [] : this.pids());
      return killLoop(populated, timeoutMs, { before: async () => void tryWriteValue(join(this.dir, 'cgroup.kill'), 1) });
    }
    return killLoop(() => this.pids(), timeoutMs, this.canFreeze
      ? { before: () => this.freeze(500), afterFirstRound: () => this.thaw() }
      : {});
  }

  async remove(): Promise<void> {
    if (this.peakFd !== undefined) {
      closeSync(this.peakFd);
      this.peakFd = undefined;
    }
    await removeDirs(this.dirs, () => this.killAll(1000));
  }

  memoryPeakBytes(): number | undefined {
    if (this.peakFd === undefined) return undefined;
    try {
      const buf = Buffer.alloc(32);
      const n = readSync(this.peakFd, buf, 0, buf.length, 0);
      const v = Number.parseInt(buf.subarray(0, n).toString('utf8'), 10);
      return Number.isFinite(v) ? v : undefined;
    } catch {
      return undefined;
    }
  }

  resetMemoryPeak(): void {
    if (this.peakFd === undefined || !this.peakResettable) return;
    try {
      writeSync(this.peakFd, 'reset\n', 0);
    } catch {
      this.peakResettable = false; // kernels before 6.12 have a read-only memory.peak
    }
  }

  oomKills(): number | undefined {
    if (!this.controllers.memory) return undefined;
    return parseKeyed(readText(join(this.dir, 'memory.events'))).get('oom_kill');
  }
}
