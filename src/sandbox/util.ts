// Small synchronous helpers shared by the sandbox modules (cgroup files are tiny; sync I/O is the cheapest way to use them).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function errCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

export function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads a small text file; undefined when it does not exist or cannot be read. */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes a value to a (cgroup) file; throws with the path in the message. */
export function writeValue(path: string, value: string | number): void {
  try {
    writeFileSync(path, String(value));
  } catch (err) {
    throw new Error(`cannot write ${JSON.stringify(String(value))} to ${path}: ${errMessage(err)}`, { cause: err });
  }
}

export function tryWriteValue(path: string, value: string | number): boolean {
  try {
    writeFileSync(path, String(value));
    return true;
  } catch {
    return false;
  }
}

/** Parses "key value" lines (memory.events, memory.oom_control, cgroup.events). */
export function parseKeyed(text: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of (text ?? '').split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined && /^\d+$/.test(v)) out.set(k, Number(v));
  }
  return out;
}

export function parsePids(text: string | undefined): number[] {
  const out: number[] = [];
  for (const line of (text ?? '').split('\n')) {
    const n = Number.parseInt(line, 10);
    if (n > 0) out.push(n);
  }
  return out;
}

/** kill(2) that never throws; returns false when the process is gone. */
export function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

interface ProcStat { ppid: number; starttime: string }

function procStat(pid: number | 'self'): ProcStat | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (!text) return undefined;
  // The comm field may contain spaces and parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  const starttime = fields[19];
  if (!Number.isFinite(ppid) || starttime === undefined) return undefined;
  return { ppid, starttime };
}

/** "<pid> <starttime>": identifies a process across pid reuse. */
export function processIdentity(pid: number): string | undefined {
  const st = procStat(pid);
  return st ? `${pid} ${st.starttime}` : undefined;
}

export function isAlive(identity: string): boolean {
  const [pid] = identity.split(' ');
  const n = Number(pid);
  return n > 0 && processIdentity(n) === identity.trim();
}

/** All live descendants of rootPid (not including it), found by walking /proc; used when there is no cgroup. */
export function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const st = procStat(Number(name));
    if (!st) continue;
    const list = children.get(st.ppid);
    if (list) list.push(Number(name));
    else children.set(st.ppid, [Number(name)]);
  }
  const out: number[] = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

const signalNames = new Map<number, NodeJS.Signals>();
for (const [name, num] of Object.entries(osConstants.signals)) {
  if (!signalNames.has(num)) signalNames.set(num, name as NodeJS.Signals);
}
export function signalName(num: number): NodeJS.Signals | undefined {
  return signalNames.get(num);
}

const ID_RE = /^[A-Za-z0-9_][A-Za-z0-9_.:@+-]{0,199}$/;
export function assertValidId(id: string): void {
  if (!ID_RE.test(id) || id.includes('..')) {
    throw new Error(`invalid sandbox id ${JSON.stringify(id)}: use letters, digits and _.:@+- (no leading dot, at most 200 characters)`);
  }
}
