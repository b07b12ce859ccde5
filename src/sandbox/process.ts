// The SandboxProcess shared by the bubblewrap and unsandboxed launchers: spawn (through the cgroup-joining wrapper
// when there is a cgroup), exit reporting, freeze/thaw, and teardown of the whole tree.
import { spawn } from 'node:child_process';
import type { StdioOptions } from 'node:child_process';
import { openSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Readable, Writable } from 'node:stream';
import { limitsFor, type CgroupLimits, type EnvCgroup } from './cgroups.js';
import type { SandboxExit, SandboxProcess } from './types.js';
import { descendants, readText, signal, signalName, sleep } from './util.js';

/** What limitCpu() applies. */
export interface CpuCap { quotaUs: number; periodUs: number; shares: number; weight: number }

export function cpuCapOf(l: CgroupLimits): CpuCap {
  return { quotaUs: l.cpuQuotaUs, periodUs: l.cpuPeriodUs, shares: l.cpuShares, weight: l.cpuWeight };
}

/**
 * Joins the cgroups listed before "--" (so everything it execs starts inside them; no race with the user's code),
 * makes itself the preferred OOM victim over Lambent, then execs the rest. It writes "0" (the writing task): into a
 * cgroup v1 `tasks` file that moves just the calling thread, which the kernel does without taking the global
 * threadgroup lock, whose first writer after a quiet moment waits ~10 ms for an RCU grace period (cgroup.procs and
 * a pid always do). The shell is single-threaded, so the thread is the whole process. v2 files are cgroup.procs.
 */
export const JOIN_SCRIPT =
  'for f do [ "$f" = -- ] && break; echo 0 2>/dev/null >"$f" || { echo "lambent-sandbox: cannot join cgroup $f" >&2; exit 125; }; shift; done; shift; ' +
  'echo 800 2>/dev/null >/proc/self/oom_score_adj; exec "$@"';

export interface StartOptions {
  /** Program and arguments that run inside the cgroup (bwrap ..., or the function's own command). */
  command: string[];
  env: Record<string, string>;
  cwd: string;
  /** Data for fd 3 (bwrap --args 3). */
  fd3?: Buffer;
  cgroup?: EnvCgroup;
  /** bwrap exits with 128+N when the sandboxed command died of signal N: report that as the signal. */
  signalFromExitCode: boolean;
  /** Removes the private per-environment dirs. */
  cleanup: () => Promise<void>;
  /** The proportional CPU cap and share, applied by limitCpu() after a boosted init. */
  cpuQuota?: CpuCap;
  /** A stdin pipe instead of /dev/null. */
  stdinPipe?: boolean;
  /** Time already spent creating the cgroup (reported in timings). */
  cgroupMs?: number;
  /** Late code attachment (SandboxSpec.lateCode); absent: attachCode() refuses. */
  attachCode?: (codeDir: string) => Promise<void>;
  /**
   * The sandbox has a network namespace of its own (bwrap --info-fd 4 --block-fd 5): called with the sandbox's pid
   * once its namespaces exist and before its command runs (which waits until this resolves).
   */
  beforeExec?: (sandboxPid: number) => Promise<BeforeExecResult>;
}

/** What beforeExec may leave pending: the sandbox's outbound network, set up while its command starts. */
export interface BeforeExecResult {
  network?: Promise<void>;
}

/** The fds bwrap reports the sandbox's pid on and waits on before running its command (BwrapOptions.network). */
export const INFO_FD = 4;
export const BLOCK_FD = 5;

const noop = (): void => undefined;

/** Resolves when p settles or after ms, without leaving a timer behind. */
async function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(noop), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

let leakedFds: number[] | undefined;
let devNull: number | undefined;

/**
 * File descriptors Lambent inherited from its own parent without close-on-exec (Node's own are all O_CLOEXEC).
 * They would pass through bwrap into the function: the spawn maps each of them to /dev/null instead.
 */
function inheritableFds(): number[] {
  if (leakedFds) return leakedFds;
  leakedFds = [];
  let names: string[] = [];
  try {
    names = readdirSync('/proc/self/fd');
  } catch {
    return leakedFds;
  }
  for (const name of names) {
    const fd = Number(name);
    if (!(fd > 2)) continue;
    const flags = /^flags:\s*([0-7]+)/m.exec(readText(`/proc/self/fdinfo/${fd}`) ?? '')?.[1];
    if (flags !== undefined && (Number.parseInt(flags, 8) & 0o2000000) === 0) leakedFds.push(fd);
  }
  return leakedFds;
}

function stdioFor(withFd3: boolean, stdinPipe: boolean, withNetwork: boolean): StdioOptions {
  const stdin = stdinPipe ? 'pipe' : 'ignore';
  const stdio: (string | number)[] = withFd3 ? [stdin, 'pipe', 'pipe', 'pipe'] : [stdin, 'pipe', 'pipe'];
  if (withNetwork) {
    while (stdio.length < INFO_FD) stdio.push('ignore');
    stdio[INFO_FD] = 'pipe';
    stdio[BLOCK_FD] = 'pipe';
  }
  const leaked = inheritableFds().filter((fd) => !(withFd3 && fd === 3) && !(withNetwork && (fd === INFO_FD || fd === BLOCK_FD)));
  if (leaked.length > 0) {
    devNull ??= openSync('/dev/null', 'r');
    for (const fd of leaked) {
      while (stdio.length <= fd) stdio.push('ignore');
      stdio[fd] = devNull;
    }
  }
  return stdio as StdioOptions;
}

export async function startProcess(o: StartOptions): Promise<SandboxProcess> {
  const [file, ...args] = o.cgroup
    ? ['/bin/sh', '-c', JOIN_SCRIPT, 'lambent-sandbox', ...o.cgroup.joinFiles, '--', ...o.command]
    : o.command;
  if (!file) throw new Error('empty command');
  const t0 = performance.now();
  const child = spawn(file, args, {
    env: o.cgroup ? {} : o.env,
    cwd: o.cwd,
    detached: true, // own process group (and session): no terminal signals from Lambent's terminal, one kill(-pgid) for the tree
    stdio: stdioFor(o.fd3 !== undefined, o.stdinPipe === true, o.beforeExec !== undefined),
  });
  if (o.fd3) {
    const w = child.stdio[3] as Writable | null;
    w?.on('error', noop);
    w?.end(o.fd3);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (err) {
    await o.cgroup?.remove().catch(noop);
    await o.cleanup().catch(noop);
    throw err;
  }
  const spawnMs = performance.now() - t0;
  child.on('error', noop);
  const pid = child.pid;
  if (pid === undefined) throw new Error('spawned process has no pid');
  const stdout = child.stdout as Readable;
  const stderr = child.stderr as Readable;
  stdout.on('error', noop);
  stderr.on('error', noop);
  const exited = new Promise<SandboxExit>((resolve) => {
    child.once('exit', (code, sig) => {
      const oomKilled = (o.cgroup?.oomKills() ?? 0) > 0;
      if (o.signalFromExitCode && code !== null && code > 128 && code <= 128 + 64) {
        const name = signalName(code - 128);
        if (name) return resolve({ code: null, signal: name, oomKilled });
      }
      resolve({ code, signal: sig, oomKilled });
    });
  });
  const stdin = o.stdinPipe ? (child.stdin as Writable) : null;
  stdin?.on('error', noop);
  const timings = { cgroupMs: o.cgroupMs ?? 0, spawnMs };
  const proc = new Process(pid, stdout, stderr, stdin, timings, exited, o.cgroup, o.cleanup, o.cpuQuota, o.attachCode);
  if (o.beforeExec) {
    try {
      const stdio = child.stdio as unknown as (Readable & Writable)[];
      const info = stdio[INFO_FD] as Readable;
      const release = stdio[BLOCK_FD] as Writable;
      info.on('error', noop);
      release.on('error', noop);
      const sandboxPid = await Promise.race([childPidFrom(info), exited.then(() => { throw new Error('the sandbox exited before it started'); })]);
      const r = await o.beforeExec(sandboxPid);
      if (r.network) proc.network = r.network;
      release.end('1');
    } catch (err) {
      await proc.destroy();
      throw err;
    }
  }
  return proc;
}

/**
 * bwrap's --info-fd document ({"child-pid": N, and the namespaces' ids}; the pid is in Lambent's pid namespace),
 * written once the sandbox exists. Read to its end: bwrap writes it in several pieces and closing early would
 * kill it with SIGPIPE.
 */
function childPidFrom(info: Readable): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    info.on('data', (d: Buffer) => {
      if (text.length < 4096) text += d.toString('utf8');
    });
    info.once('end', () => {
      const m = /"child-pid"\s*:\s*(\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
      else reject(new Error('bwrap did not report the sandbox pid'));
    });
  });
}

class Process implements SandboxProcess {
  /** SandboxProcess.network: resolved at once unless beforeExec left the outbound network pending. */
  network: Promise<void> = Promise.resolve();
  private destroying: Promise<void> | undefined;
  private exitedFlag = false;

  constructor(
    readonly pid: number,
    readonly stdout: Readable,
    readonly stderr: Readable,
    readonly stdin: Writable | null,
    readonly timings: { cgroupMs: number; spawnMs: number },
    readonly exited: Promise<SandboxExit>,
    private readonly cgroup: EnvCgroup | undefined,
    private readonly cleanup: () => Promise<void>,
    private cpuQuota: CpuCap | undefined,
    private readonly attach: ((codeDir: string) => Promise<void>) | undefined,
  ) {
    void exited.then(() => {
      this.exitedFlag = true;
    });
  }

  /**
   * The launched process and every descendant (by /proc parentage); for when there is no cgroup. Once the process
   * has exited its pid may be reused, so only the process group (which keeps its id while members live) remains.
   */
  private tree(): number[] {
    return this.exitedFlag ? [] : [this.pid, ...descendants(this.pid)];
  }

  private signalTree(sig: NodeJS.Signals): void {
    signal(-this.pid, sig); // the process group (detached spawn made pid the group leader)
    for (const p of this.tree()) signal(p, sig);
  }

  async freeze(): Promise<void> {
    if (this.destroying) return;
    if (this.cgroup?.canFreeze) await this.cgroup.freeze();
    else this.signalTree('SIGSTOP');
  }

  async thaw(): Promise<void> {
    if (this.destroying) return;
    if (this.cgroup?.canFreeze) await this.cgroup.thaw();
    else this.signalTree('SIGCONT');
  }

  memoryPeakBytes(): number | undefined {
    return this.cgroup?.memoryPeakBytes();
  }

  resetMemoryPeak(): void {
    this.cgroup?.resetMemoryPeak();
  }

  attachCode(codeDir: string): Promise<void> {
    if (!this.attach) return Promise.reject(new Error('this sandbox was not launched for late code attachment'));
    if (this.destroying) return Promise.reject(new Error('sandbox is being destroyed'));
    return this.attach(codeDir);
  }

  setMemoryLimit(memoryMb: number): void {
    const limits = limitsFor(memoryMb);
    this.cgroup?.setLimits(limits);
    this.cpuQuota = cpuCapOf(limits);
  }

  limitCpu(): void {
    const q = this.cpuQuota;
    if (q && !this.destroying) this.cgroup?.setCpuQuota(q.quotaUs, q.periodUs, { shares: q.shares, weight: q.weight });
  }

  destroy(): Promise<void> {
    this.destroying ??= this.teardown();
    return this.destroying;
  }

  private async teardown(): Promise<void> {
    // The process group first: covers the window where the wrapper has not joined the cgroup yet.
    signal(-this.pid, 'SIGKILL');
    if (!this.exitedFlag) signal(this.pid, 'SIGKILL');
    if (this.cgroup) {
      await this.cgroup.killAll(5000).catch(noop);
    } else {
      // No cgroup: kill what /proc says descends from us until nothing is left (a re-parented daemon can escape this).
      const deadline = Date.now() + 5000;
      for (let list = this.tree(); list.length > 0 && Date.now() < deadline; list = this.tree()) {
        this.signalTree('SIGKILL');
        await sleep(5);
      }
    }
    await withTimeout(this.exited, 5000);
    if (this.cgroup) await this.cgroup.remove().catch(noop);
    await this.cleanup().catch(noop);
  }
}
