// cgroup v2: one directory per environment under a delegated parent, <parent>/lambent/<id>.
// The parent is <mount>/lambent when the root cgroup is ours to use (root on a host), else <own cgroup>/lambent
// when our own cgroup is delegated to us (a systemd scope or service with Delegate=yes, e.g. `systemd-run --user
// --scope -p Delegate=yes`): Lambent then moves the cgroup's processes into <own>/lambent-main, as cgroup v2's
// no-internal-process rule requires before controllers can be enabled for children.
import { closeSync, existsSync, mkdirSync, openSync, readSync, readdirSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CgroupDriver, CgroupLimits, Controllers, EnvCgroup, HostIdentity } from './cgroups-shared.js';
import { controllerEffect, currentIdentity, killLoop, removeDirs, SYSTEMD_CONTROLLERS_FIX, SYSTEMD_DELEGATE_FIX, writableBy } from './cgroups-shared.js';
import type { MissingCapability } from './types.js';
import { errCode, errMessage, parseKeyed, parsePids, readText, sleep, tryWriteValue, writeValue } from './util.js';

const LIMIT_CONTROLLERS = ['memory', 'cpu', 'pids'] as const;

export interface V2Open { driver?: CgroupDriver; warnings: string[]; missing: MissingCapability[]; source?: string }

/** The leaf Lambent moves itself (and the rest of its delegated cgroup's processes) into: v2's no-internal-processes rule. */
export const MAIN_LEAF = 'lambent-main';

export async function openV2(mount: string, ownCgroup: string, id: HostIdentity = currentIdentity()): Promise<V2Open> {
  const failures: string[] = [];
  // A previous start already moved Lambent into the leaf of its delegated cgroup (e.g. `lambent doctor` run from it).
  const own = basename(ownCgroup) === MAIN_LEAF ? dirname(ownCgroup) : ownCgroup;
  const ownDir = join(mount, own);
  const candidates: { parent: string; delegated: boolean }[] = [];
  if (id.uid === 0) candidates.push({ parent: join(mount, 'lambent'), delegated: false });
  if (own !== '/' && own !== '') {
    // Not root: only a cgroup delegated to us (we may write its procs and subtree_control) can hold our cgroups.
    if (id.uid === 0 || (writableBy(ownDir, id) && writableBy(join(ownDir, 'cgroup.procs'), id) && writableBy(join(ownDir, 'cgroup.subtree_control'), id))) {
      candidates.push({ parent: join(ownDir, 'lambent'), delegated: true });
    } else {
      failures.push(`Lambent's cgroup ${own} is not delegated to ${id.user}`);
    }
  } else if (id.uid !== 0) {
    failures.push('Lambent runs in the root cgroup and is not root');
  }
  for (const { parent, delegated } of candidates) {
    try {
      mkdirSync(parent, { recursive: true });
    } catch (err) {
      failures.push(`cannot create ${parent} (${errCode(err) ?? errMessage(err)})`);
      continue;
    }
    const warnings: string[] = [];
    const missing: MissingCapability[] = [];
    const enabled = enableControllers(parent, delegated, warnings, missing);
    const controllers: Controllers = {
      memory: enabled.has('memory'),
      cpu: enabled.has('cpu'),
      pids: enabled.has('pids'),
      freezer: existsSync(join(parent, 'cgroup.freeze')),
    };
    if (!controllers.freezer) {
      warnings.push('cgroup v2 freezer (cgroup.freeze, Linux 5.2+) is missing: idle environments are paused with SIGSTOP');
      missing.push({ ...controllerEffect('freezer'), reason: 'cgroup.freeze needs Linux 5.2 or later' });
    }
    const source = delegated ? `cgroup v2, delegated subtree ${dirname(parent)}` : `cgroup v2, as root: ${parent}`;
    return { driver: new V2Driver(parent, controllers, existsSync(join(parent, 'cgroup.kill')), warnings), warnings, missing, source };
  }
  const reason = failures.join('; ');
  return {
    warnings: [`cgroup v2 is mounted but Lambent cannot create its cgroups: ${reason}: no memory, CPU or process limits; fix: ${SYSTEMD_DELEGATE_FIX}`],
    missing: (['memory', 'cpu', 'pids', 'freezer'] as const).map((c) => ({ ...controllerEffect(c), reason, fix: SYSTEMD_DELEGATE_FIX })),
  };
}

/** Enables memory/cpu/pids for the children of `parent`; returns what ended up enabled. */
function enableControllers(parent: string, delegated: boolean, warnings: string[], missing: MissingCapability[]): Set<string> {
  const grand = dirname(parent);
  const available = new Set((readText(join(grand, 'cgroup.controllers')) ?? '').trim().split(/\s+/).filter(Boolean));
  const note = (c: (typeof LIMIT_CONTROLLERS)[number], reason: string, fix?: string): void => {
    warnings.push(`${reason}: ${consequence(c)}${fix ? `; fix: ${fix}` : ''}`);
    missing.push({ ...controllerEffect(c), reason, ...(fix ? { fix } : {}) });
  };
  for (const c of LIMIT_CONTROLLERS) {
    if (!available.has(c)) {
      note(c, `the cgroup v2 ${c} controller is not available in ${grand}/cgroup.controllers${delegated ? ' (not delegated)' : ''}`, delegated ? SYSTEMD_CONTROLLERS_FIX : undefined);
      continue;
    }
    if (subtree(grand).has(c)) continue;
    if (tryWriteValue(join(grand, 'cgroup.subtree_control'), `+${c}`)) continue;
    // EBUSY: processes live in `grand` (no internal processes allowed). When it is our own delegated cgroup, move
    // its processes (Lambent, and npx or the shell systemd-run started with it) into a leaf and retry.
    if (delegated && moveProcsToLeaf(grand) && tryWriteValue(join(grand, 'cgroup.subtree_control'), `+${c}`)) continue;
    note(c, `cannot enable the cgroup v2 ${c} controller in ${grand}/cgroup.subtree_control (processes Lambent cannot move live in that cgroup, or it is not delegated)`, delegated ? undefined : SYSTEMD_DELEGATE_FIX);
  }
  const enabled = new Set<string>();
  for (const c of LIMIT_CONTROLLERS) {
    if (!subtree(grand).has(c)) continue;
    if (subtree(parent).has(c) || tryWriteValue(join(parent, 'cgroup.subtree_control'), `+${c}`)) enabled.add(c);
    else note(c, `cannot enable the cgroup v2 ${c} controller in ${parent}/cgroup.subtree_control`);
  }
  return enabled;
}

function subtree(dir: string): Set<string> {
  return new Set((readText(join(dir, 'cgroup.subtree_control')) ?? '').trim().split(/\s+/).filter(Boolean));
}

/** Moves every process of the delegated cgroup `own` into own/lambent-main (they are all ours: a delegated scope). */
function moveProcsToLeaf(own: string): boolean {
  const leaf = join(own, MAIN_LEAF);
  try {
    mkdirSync(leaf, { recursive: true });
    // A process can fork while we move: repeat until the cgroup is empty (bounded).
    for (let round = 0; round < 10; round++) {
      const procs = parsePids(readText(join(own, 'cgroup.procs')));
      if (procs.length === 0) return true;
      for (const pid of procs) {
        if (!tryWriteValue(join(leaf, 'cgroup.procs'), pid) && existsSync(`/proc/${pid}`)) return false;
      }
    }
    return parsePids(readText(join(own, 'cgroup.procs'))).length === 0;
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
