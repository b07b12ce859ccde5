// "Max Memory Used" on the REPORT line. On AWS it is the high-water mark of the whole execution environment, not of
// one invocation: it never goes down across warm invocations (a transient spike raises it for good), so nothing is
// reset per invocation. A Node hello world reports ~40–70 MB there, about the runtime process's resident set.
//
// Two sources, the larger wins:
// - the memory cgroup's peak (v1 memory.max_usage_in_bytes, v2 memory.peak): every process of the environment, but
//   on cgroup v1 only pages charged to this cgroup, and the shared file pages of the interpreter binary were charged to
//   whoever read them first (another environment, or Lambent itself), so a Node environment shows ~9 MB;
// - the main runtime process's VmHWM (/proc/<pid>/status): its peak resident set, shared text included, as AWS shows.
// Both are read with open descriptors and positional reads, after the response was handed back (see environment.ts).
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

const MIB = 1024 * 1024;

/** VmHWM of a /proc/<pid>/status text, in bytes; undefined when absent (kernel threads, exited processes). */
export function vmHwmBytes(status: string): number | undefined {
  const i = status.indexOf('VmHWM:');
  if (i < 0) return undefined;
  const m = /^VmHWM:\s+(\d+)\s*kB/m.exec(status.slice(i, i + 64));
  return m ? Number(m[1]) * 1024 : undefined;
}

/** The REPORT line's figure: whole MB, at least 1. */
export function reportedMemoryMb(bytes: number): number {
  return Math.max(1, Math.round(bytes / MIB));
}

/** The environment's high-water mark: the largest of everything observed so far. */
export class HighWaterMark {
  private max = 0;

  note(...bytes: (number | undefined)[]): number {
    for (const b of bytes) if (b !== undefined && b > this.max) this.max = b;
    return this.max;
  }

  get bytes(): number {
    return this.max;
  }
}

/**
 * When to read which source. The cgroup peak costs one small positional read; the process's status file is generated
 * by the kernel on every read (~4 µs here). Anonymous memory growth shows in both, so the status file is read when the
 * cgroup peak moved, and otherwise every `every`th report (the process's file-backed text can still grow, a little, on
 * code paths run for the first time). Without a memory cgroup it is read every time.
 */
export class EnvironmentMemory {
  private readonly hwm = new HighWaterMark();
  private lastCgroup: number | undefined;
  private sinceProcess = 0;

  constructor(
    private readonly cgroupPeak: () => number | undefined,
    private readonly processPeak: () => number | undefined,
    private readonly every = 16,
  ) {}

  /** The high-water mark in bytes, after looking at the sources as the policy says. */
  read(): number {
    const cg = this.cgroupPeak();
    const moved = cg === undefined || cg !== this.lastCgroup;
    this.lastCgroup = cg;
    let proc: number | undefined;
    if (moved || ++this.sinceProcess >= this.every) {
      this.sinceProcess = 0;
      proc = this.processPeak();
    }
    return this.hwm.note(cg, proc);
  }

  /** Last value, without reading anything (e.g. after the environment is gone). */
  get bytes(): number {
    return this.hwm.bytes;
  }
}

/** Child pids of a process (its threads' children lists), [] when it is gone. */
function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim();
    return text === '' ? [] : text.split(' ').map(Number);
  } catch {
    return [];
  }
}

/**
 * Reads the peak resident set of an environment's main runtime process. The sandbox's root pid is bubblewrap (two
 * levels of it), so the main process is found once, as the process of the tree with the largest VmHWM (the runtime
 * dwarfs its wrappers), and its status file stays open.
 */
export class ProcessPeakReader {
  private fd: number | undefined;
  private found = false;
  private readonly buf = Buffer.alloc(4096);

  constructor(private readonly rootPid: number) {}

  /** Bytes, or undefined when the process cannot be read (gone, no procfs). */
  read(): number | undefined {
    if (!this.found) this.locate();
    if (this.fd === undefined) return undefined;
    try {
      const n = readSync(this.fd, this.buf, 0, this.buf.length, 0);
      return vmHwmBytes(this.buf.toString('latin1', 0, n));
    } catch {
      this.close();
      return undefined;
    }
  }

  close(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
  }

  private locate(): void {
    this.found = true;
    let best: { pid: number; hwm: number } | undefined;
    const seen = new Set<number>();
    const queue = [this.rootPid];
    // Bounded: an environment's own tree; a function that forks widely only makes this first look longer.
    while (queue.length > 0 && seen.size < 64) {
      const pid = queue.shift() as number;
      if (seen.has(pid)) continue;
      seen.add(pid);
      let hwm: number | undefined;
      try {
        hwm = vmHwmBytes(readFileSync(`/proc/${pid}/status`, 'latin1'));
      } catch {
        hwm = undefined;
      }
      if (hwm !== undefined && (best === undefined || hwm > best.hwm)) best = { pid, hwm };
      queue.push(...childrenOf(pid));
    }
    if (best === undefined) return;
    try {
      this.fd = openSync(`/proc/${best.pid}/status`, 'r');
    } catch {
      this.fd = undefined;
    }
  }
}
