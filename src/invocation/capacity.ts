// How much memory the host can give execution environments, and how much of it
// environments hold. Every environment (starting, idle, busy, provisioned)
// holds its function's MemorySize from before its sandbox starts until it is
// destroyed; the engine evicts idle on-demand environments to make room and
// throttles when nothing more fits, so a full host answers 429 instead of
// swapping or being OOM-killed.
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

const MiB = 1024 * 1024;

export interface HostMemory {
  /** Memory environments may hold, in MB. */
  budgetMb: number;
  /** How the figure was obtained, for the start-up banner and /health. */
  source: string;
}

/**
 * The budget: the host's memory (or the memory cgroup Lambent itself runs in, when smaller) minus
 * headroom for Lambent, its database and the page cache: 10 % of it, at least 256 MB, at most 2 GB.
 */
export function detectHostMemory(): HostMemory {
  const physical = Math.floor(totalmem() / MiB);
  const cgroup = ownCgroupLimitMb();
  const total = cgroup !== undefined && cgroup < physical ? cgroup : physical;
  const headroom = Math.min(2048, Math.max(256, Math.round(total * 0.1)));
  const budgetMb = Math.max(128, total - headroom);
  const what = cgroup !== undefined && cgroup < physical ? `cgroup limit ${cgroup} MB` : `host memory ${physical} MB`;
  return { budgetMb, source: `${what} − ${headroom} MB headroom` };
}

/** The memory limit of the cgroup this process runs in (v2 memory.max or v1 memory.limit_in_bytes), if any. */
function ownCgroupLimitMb(): number | undefined {
  let self: string;
  try {
    self = readFileSync('/proc/self/cgroup', 'utf8');
  } catch {
    return undefined;
  }
  const candidates: string[] = [];
  for (const line of self.split('\n')) {
    const [, controllers, path] = line.split(':');
    if (path === undefined) continue;
    if (controllers === '') candidates.push(`/sys/fs/cgroup${path}/memory.max`);
    else if (controllers?.split(',').includes('memory')) candidates.push(`/sys/fs/cgroup/memory${path}/memory.limit_in_bytes`);
  }
  for (const file of candidates) {
    try {
      const raw = readFileSync(file, 'utf8').trim();
      if (raw === 'max') continue;
      const bytes = Number(raw);
      // cgroup v1 writes "no limit" as a page-rounded huge number.
      if (Number.isFinite(bytes) && bytes > 0 && bytes < 2 ** 60) return Math.floor(bytes / MiB);
    } catch {
      // Not mounted where expected: no limit we can see.
    }
  }
  return undefined;
}

/** The running sum of MemorySize over live environments against the budget. */
export class HostCapacity {
  private usedMb = 0;

  constructor(readonly budgetMb: number) {}

  get used(): number {
    return this.usedMb;
  }

  /** Takes `mb` if it fits. */
  tryReserve(mb: number): boolean {
    if (this.usedMb + mb > this.budgetMb) return false;
    this.usedMb += mb;
    return true;
  }

  release(mb: number): void {
    this.usedMb = Math.max(0, this.usedMb - mb);
  }
}
