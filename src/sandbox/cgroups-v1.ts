// cgroup v1: one directory per hierarchy, <mount>/lambent/<id>, for the memory, cpu, pids and freezer controllers.
// Hierarchies come from /proc/self/mountinfo, so co-mounted controllers (cpu,cpuacct) share one directory.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CgroupDriver, CgroupLimits, Controllers, EnvCgroup, HostIdentity, MountEntry } from './cgroups-shared.js';
import { controllerEffect, currentIdentity, killLoop, removeDirs, v1DelegatedName, v1DelegationCommand, writableBy } from './cgroups-shared.js';
import type { MissingCapability } from './types.js';
import { errCode, errMessage, parseKeyed, parsePids, readText, sleep, tryWriteValue, writeValue } from './util.js';

const WANTED = ['memory', 'cpu', 'pids', 'freezer'] as const;
type Wanted = (typeof WANTED)[number];

interface Hierarchy {
  mountPoint: string;
  /** All controllers bound to this hierarchy (e.g. cpu and cpuacct). */
  controllers: string[];
  /** <mountPoint>/lambent */
  parent: string;
}

type ParentChoice = { parent: string; kind: 'root' | 'delegated' | 'own' } | { reason: string };

/**
 * Where this hierarchy's environment cgroups go. Root: <mount>/lambent. A normal user: <mount>/lambent-<user> when
 * root made it and handed it over (the documented recipe), else its own cgroup in that hierarchy when it may write
 * there (v1 has no rule against processes in inner cgroups, so <own>/lambent works beside Lambent itself).
 */
function chooseParent(mountPoint: string, ownPath: string | undefined, id: HostIdentity): ParentChoice {
  if (id.uid === 0) {
    const parent = join(mountPoint, 'lambent');
    try {
      mkdirSync(parent, { recursive: true });
      return { parent, kind: 'root' };
    } catch (err) {
      return { reason: `cannot create ${parent} (${errCode(err) ?? errMessage(err)})` };
    }
  }
  const delegated = join(mountPoint, v1DelegatedName(id.user));
  if (writableBy(delegated, id) && writableBy(join(delegated, 'tasks'), id)) return { parent: delegated, kind: 'delegated' };
  const own = ownPath && ownPath !== '/' ? join(mountPoint, ownPath) : undefined;
  if (own && writableBy(own, id) && writableBy(join(own, 'tasks'), id)) {
    const parent = join(own, 'lambent');
    try {
      mkdirSync(parent, { recursive: true });
      return { parent, kind: 'own' };
    } catch {
      // fall through to the reason below
    }
  }
  return {
    reason: existsSync(delegated)
      ? `${delegated} is not writable by ${id.user}`
      : `Lambent is not running as root and no cgroup was delegated to ${id.user} (${delegated} does not exist)`,
  };
}

export interface V1Open { driver?: CgroupDriver; warnings: string[]; missing: MissingCapability[]; source?: string }

export function openV1(mounts: readonly MountEntry[], own: ReadonlyMap<string, string> = new Map(), id: HostIdentity = currentIdentity()): V1Open {
  const warnings: string[] = [];
  const missing: MissingCapability[] = [];
  const byMount = new Map<string, Hierarchy | { reason: string }>();
  const found: Partial<Record<Wanted, Hierarchy>> = {};
  const kinds = new Set<string>();
  const wantedMounts: string[] = [];
  const failed: { want: Wanted; reason: string }[] = [];
  for (const want of WANTED) {
    const m = mounts.find((e) => e.fsType === 'cgroup' && e.superOptions.includes(want));
    if (!m) {
      warnings.push(`cgroup v1 ${want} controller is not mounted: ${consequence(want)}`);
      missing.push({ ...controllerEffect(want), reason: `the cgroup v1 ${want} controller is not mounted`, fix: `sudo mkdir -p /sys/fs/cgroup/${want} && sudo mount -t cgroup -o ${want} cgroup /sys/fs/cgroup/${want}` });
      continue;
    }
    wantedMounts.push(m.mountPoint);
    let h = byMount.get(m.mountPoint);
    if (!h) {
      const controllers = m.superOptions.filter((o) => !['rw', 'ro'].includes(o) && !o.includes('='));
      const choice = chooseParent(m.mountPoint, controllers.map((c) => own.get(c)).find((p) => p !== undefined), id);
      if ('reason' in choice) {
        h = choice;
      } else {
        h = { mountPoint: m.mountPoint, controllers, parent: choice.parent };
        kinds.add(choice.kind);
        try {
          if (controllers.includes('cpuset')) inheritCpuset(dirname(choice.parent), choice.parent);
        } catch (err) {
          h = { reason: `cannot prepare ${choice.parent} (${errMessage(err)})` };
        }
      }
      byMount.set(m.mountPoint, h);
    }
    if ('reason' in h) failed.push({ want, reason: h.reason });
    else found[want] = h;
  }
  const fix = id.uid === 0 ? undefined : `sudo sh -c '${v1DelegationCommand(wantedMounts, id.user)}'  (again after each reboot)`;
  for (const { want, reason } of failed) {
    warnings.push(`${reason}: ${consequence(want)}${fix ? `; fix: ${fix}` : ''}`);
    missing.push({ ...controllerEffect(want), reason, ...(fix ? { fix } : {}) });
  }
  const hierarchies = [...new Set(Object.values(found))];
  if (hierarchies.length === 0) return { warnings, missing };
  const source = `cgroup v1, ${describeKinds(kinds, id)}: ${hierarchies.map((h) => h.parent).join(', ')}`;
  return { driver: new V1Driver(hierarchies, found, warnings), warnings, missing, source };
}

function describeKinds(kinds: ReadonlySet<string>, id: HostIdentity): string {
  const words: string[] = [];
  if (kinds.has('root')) words.push('as root');
  if (kinds.has('delegated')) words.push(`subtree delegated to ${id.user}`);
  if (kinds.has('own')) words.push(`Lambent's own (writable) cgroup`);
  return words.join(' + ');
}

/**
 * With swap accounting, memsw caps memory+swap so swap cannot stretch the limit. memsw must stay >= the memory limit
 * at every step: lift it first (a reused or re-sized cgroup may hold a smaller one).
 */
function setMemoryV1(dir: string, bytes: number): void {
  const memsw = join(dir, 'memory.memsw.limit_in_bytes');
  const hasMemsw = existsSync(memsw);
  if (hasMemsw) tryWriteValue(memsw, -1);
  writeValue(join(dir, 'memory.limit_in_bytes'), bytes);
  if (hasMemsw) writeValue(memsw, bytes);
}

function consequence(c: Wanted): string {
  switch (c) {
    case 'memory': return 'functions are not limited to their MemorySize and out-of-memory kills cannot be detected';
    case 'cpu': return 'functions get unlimited CPU instead of a share proportional to MemorySize';
    case 'pids': return 'a fork bomb inside a function is not contained by a process limit';
    case 'freezer': return 'idle environments are paused with SIGSTOP instead of the cgroup freezer';
  }
}

/** cpuset children start with empty cpus/mems, which makes joining fail: copy them from the parent. */
function inheritCpuset(from: string, to: string): void {
  for (const f of ['cpuset.cpus', 'cpuset.mems']) {
    const cur = readText(join(to, f))?.trim();
    if (!cur) writeValue(join(to, f), (readText(join(from, f)) ?? '').trim());
  }
}

class V1Driver implements CgroupDriver {
  readonly version = 'v1' as const;
  readonly controllers: Controllers;

  constructor(
    private readonly hierarchies: Hierarchy[],
    private readonly byController: Partial<Record<Wanted, Hierarchy>>,
    readonly warnings: readonly string[],
  ) {
    this.controllers = { memory: !!byController.memory, cpu: !!byController.cpu, pids: !!byController.pids, freezer: !!byController.freezer };
  }

  async create(id: string, limits: CgroupLimits): Promise<EnvCgroup> {
    const created: string[] = [];
    try {
      for (const h of this.hierarchies) {
        const dir = join(h.parent, id);
        try {
          mkdirSync(dir);
        } catch (err) {
          if (errCode(err) !== 'EEXIST') throw err;
          if (parsePids(readText(join(dir, 'cgroup.procs'))).length > 0) throw new Error(`cgroup ${dir} already exists and has processes`);
        }
        created.push(dir);
        if (h.controllers.includes('cpuset')) inheritCpuset(h.parent, dir);
      }
      const cg = this.open(id);
      if (!cg) throw new Error('cgroup vanished after creation');
      const mem = this.byController.memory && join(this.byController.memory.parent, id);
      if (mem) {
        setMemoryV1(mem, limits.memoryBytes);
        tryWriteValue(join(mem, 'memory.swappiness'), 0);
      }
      const cpu = this.byController.cpu && join(this.byController.cpu.parent, id);
      if (cpu) {
        writeValue(join(cpu, 'cpu.cfs_period_us'), limits.cpuPeriodUs);
        writeValue(join(cpu, 'cpu.cfs_quota_us'), limits.cpuQuotaUs);
        writeValue(join(cpu, 'cpu.shares'), limits.cpuShares);
        // Burst (Linux 5.14+, at most one quota): unused quota carries over one period, and the second write of the
        // quota pre-fills it, so bubblewrap's own start-up (~8 ms of CPU) is not throttled at 128 MB.
        if (existsSync(join(cpu, 'cpu.cfs_burst_us')) && tryWriteValue(join(cpu, 'cpu.cfs_burst_us'), limits.cpuQuotaUs)) {
          tryWriteValue(join(cpu, 'cpu.cfs_quota_us'), limits.cpuQuotaUs);
        }
      }
      const pids = this.byController.pids && join(this.byController.pids.parent, id);
      if (pids) writeValue(join(pids, 'pids.max'), limits.pidsMax);
      return cg;
    } catch (err) {
      await removeDirs(created, async () => true).catch(() => undefined);
      throw err;
    }
  }

  open(id: string): EnvCgroup | undefined {
    const dirs = this.hierarchies.map((h) => join(h.parent, id)).filter((d) => existsSync(d));
    if (dirs.length === 0) return undefined;
    const sub = (c: Wanted): string | undefined => {
      const h = this.byController[c];
      return h && existsSync(join(h.parent, id)) ? join(h.parent, id) : undefined;
    };
    return new V1Cgroup(id, dirs, sub('memory'), sub('freezer'));
  }

  list(): string[] {
    const names = new Set<string>();
    for (const h of this.hierarchies) {
      try {
        for (const e of readdirSync(h.parent, { withFileTypes: true })) if (e.isDirectory()) names.add(e.name);
      } catch {
        // parent vanished: nothing to list
      }
    }
    return [...names];
  }


  createdAt(id: string): number | undefined {
    for (const h of this.hierarchies) {
      try {
        return statSync(join(h.parent, id)).ctimeMs;
      } catch {
        // try the next hierarchy
      }
    }
    return undefined;
  }
}

class V1Cgroup implements EnvCgroup {
  readonly joinFiles: readonly string[];
  readonly canFreeze: boolean;

  constructor(
    readonly id: string,
    readonly dirs: readonly string[],
    private readonly memoryDir: string | undefined,
    private readonly freezerDir: string | undefined,
  ) {
    // `tasks`, not cgroup.procs: see JOIN_SCRIPT (a single-threaded writer of "0" skips the global lock).
    this.joinFiles = dirs.map((d) => join(d, 'tasks'));
    this.canFreeze = freezerDir !== undefined;
    this.cpuDir = dirs.find((d) => existsSync(join(d, 'cpu.cfs_quota_us')));
  }

  private readonly cpuDir: string | undefined;

  setLimits(limits: CgroupLimits): void {
    if (this.memoryDir) setMemoryV1(this.memoryDir, limits.memoryBytes);
  }

  setCpuQuota(quotaUs: number | undefined, periodUs: number, share?: { shares: number; weight: number }): void {
    if (!this.cpuDir) return;
    const shares = quotaUs === undefined ? 1024 : share?.shares;
    if (shares !== undefined) tryWriteValue(join(this.cpuDir, 'cpu.shares'), shares);
    tryWriteValue(join(this.cpuDir, 'cpu.cfs_period_us'), periodUs);
    // The kernel refuses a quota below the burst: a cgroup re-sized to less memory (a specialized stem cell) would
    // silently keep no cap. Unlimited first, then burst = quota as at creation.
    const burst = join(this.cpuDir, 'cpu.cfs_burst_us');
    if (quotaUs !== undefined && existsSync(burst)) {
      tryWriteValue(join(this.cpuDir, 'cpu.cfs_quota_us'), -1);
      tryWriteValue(burst, quotaUs);
    }
    tryWriteValue(join(this.cpuDir, 'cpu.cfs_quota_us'), quotaUs ?? -1);
  }

  pids(): number[] {
    const all = new Set<number>();
    for (const d of this.dirs) for (const p of parsePids(readText(join(d, 'cgroup.procs')))) all.add(p);
    return [...all];
  }

  async freeze(timeoutMs = 2000): Promise<void> {
    if (!this.freezerDir) throw new Error('no freezer cgroup');
    const file = join(this.freezerDir, 'freezer.state');
    writeValue(file, 'FROZEN');
    const deadline = Date.now() + timeoutMs;
    let delay = 0;
    // FREEZING until every task has entered the refrigerator.
    while (readText(file)?.trim() !== 'FROZEN') {
      if (Date.now() > deadline) throw new Error(`cgroup ${this.freezerDir} did not freeze within ${timeoutMs} ms`);
      await sleep(delay);
      delay = Math.min(delay + 1, 10);
      writeValue(file, 'FROZEN');
    }
  }

  async thaw(): Promise<void> {
    if (!this.freezerDir) throw new Error('no freezer cgroup');
    writeValue(join(this.freezerDir, 'freezer.state'), 'THAWED');
  }

  killAll(timeoutMs = 5000): Promise<boolean> {
    // Freeze first so that nothing can fork between reading cgroup.procs and the kills; killed tasks die once thawed.
    return killLoop(() => this.pids(), timeoutMs, this.freezerDir
      ? { before: () => this.freeze(500), afterFirstRound: () => this.thaw() }
      : {});
  }

  remove(): Promise<void> {
    this.closePeak();
    return removeDirs(this.dirs, () => this.killAll(1000));
  }

  /** memory.max_usage_in_bytes, kept open: it is read and reset on every invocation (REPORT's Max Memory Used). */
  private peakFd: number | undefined;
  private readonly peakBuf = Buffer.alloc(32);

  private peakFile(): number | undefined {
    if (this.peakFd === undefined && this.memoryDir) {
      try {
        this.peakFd = openSync(join(this.memoryDir, 'memory.max_usage_in_bytes'), 'r+');
      } catch {
        this.peakFd = undefined;
      }
    }
    return this.peakFd;
  }

  memoryPeakBytes(): number | undefined {
    const fd = this.peakFile();
    if (fd === undefined) return undefined;
    try {
      const n = readSync(fd, this.peakBuf, 0, this.peakBuf.length, 0);
      const v = Number.parseInt(this.peakBuf.toString('latin1', 0, n), 10);
      return Number.isFinite(v) ? v : undefined;
    } catch {
      return undefined;
    }
  }

  resetMemoryPeak(): void {
    const fd = this.peakFile();
    if (fd === undefined) return;
    try {
      writeSync(fd, '0', 0);
    } catch {
      // A cgroup being torn down refuses writes; the next environment has its own file.
    }
  }

  private closePeak(): void {
    if (this.peakFd !== undefined) {
      closeSync(this.peakFd);
      this.peakFd = undefined;
    }
  }

  oomKills(): number | undefined {
    if (!this.memoryDir) return undefined;
    const ctl = parseKeyed(readText(join(this.memoryDir, 'memory.oom_control')));
    // oom_kill exists since Linux 4.13; before that under_oom is the only signal.
    return ctl.get('oom_kill') ?? ctl.get('under_oom');
  }
}
