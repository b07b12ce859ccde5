// Environment-level measurements: scale-out (0 → N concurrent environments,
// handlers held at a barrier so all N run at once) and what idle environments
// cost, by PSS of every process in each environment's cgroup. Environments are
// found from the Lambent process: its descendants, grouped by the cgroup they
// are in (other Lambent instances on the machine are not counted).
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A handler that calls the bench's barrier over HTTP and returns once the barrier lets every
 * environment go; so N invocations in flight means N environments running at once.
 */
export const BARRIER_HANDLER = `const http = require('http');
exports.handler = (e) => new Promise((resolve, reject) => {
  http.get({ host: '127.0.0.1', port: e.port, path: '/arrive', agent: false }, (res) => {
    let b = '';
    res.on('data', (c) => (b += c));
    res.on('end', () => resolve({ released: b }));
  }).on('error', reject);
});
`;

export interface Barrier {
  port: number;
  /** Arrival times (ms, performance.now()) in order. */
  arrivals: number[];
  /** Resolves when `n` handlers have arrived (all released at that moment). */
  all: Promise<number>;
  close(): void;
}

export function startBarrier(n: number): Promise<Barrier> {
  const waiting: ServerResponse[] = [];
  const arrivals: number[] = [];
  let done!: (t: number) => void;
  const all = new Promise<number>((r) => (done = r));
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    arrivals.push(performance.now());
    waiting.push(res);
    if (waiting.length === n) {
      done(performance.now());
      for (const w of waiting.splice(0)) w.end('go');
    } else if (waiting.length > n) {
      res.end('go');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        arrivals,
        all,
        close: () => {
          for (const w of waiting.splice(0)) w.end('go');
          server.close();
          server.closeAllConnections();
        },
      });
    });
  });
}

// ---------------------------------------------------------------- processes and cgroups

function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/)) if (c) out.push(Number(c));
    } catch {
      /* gone */
    }
  }
  return out;
}

export function descendants(pid: number): number[] {
  const out: number[] = [];
  const stack = children(pid);
  while (stack.length > 0) {
    const p = stack.pop() as number;
    out.push(p);
    stack.push(...children(p));
  }
  return out;
}

/** The cgroup a process is in: the memory controller's path on v1, the unified path on v2. */
function cgroupOf(pid: number): { v1: boolean; path: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
  } catch {
    return undefined;
  }
  let unified: string | undefined;
  for (const line of text.split('\n')) {
    const [, controllers, path] = line.split(':');
    if (path === undefined) continue;
    if (controllers?.split(',').includes('memory')) return { v1: true, path };
    if (controllers === '') unified = path;
  }
  return unified === undefined ? undefined : { v1: false, path: unified };
}

function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function stopped(pid: number): boolean {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = s.slice(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3);
    return state === 'T' || state === 't';
  } catch {
    return false;
  }
}

function frozenCgroup(cg: { v1: boolean; path: string }): boolean | undefined {
  try {
    if (cg.v1) return readFileSync(`/sys/fs/cgroup/freezer${cg.path}/freezer.state`, 'utf8').trim() === 'FROZEN';
    return /^frozen 1$/m.test(readFileSync(`/sys/fs/cgroup${cg.path}/cgroup.events`, 'utf8'));
  } catch {
    return undefined;
  }
}

export interface EnvironmentCost {
  /** Environments found (distinct Lambent cgroups under the server). */
  count: number;
  /** Of them, frozen (cgroup freezer, or every process stopped). */
  frozen: number;
  pssKb: number[];
  processes: number;
}

/** PSS per environment of the Lambent process `serverPid`, summing every process of each environment's cgroup. */
export function environmentCost(serverPid: number): EnvironmentCost {
  const groups = new Map<string, { cg: { v1: boolean; path: string }; pids: number[] }>();
  for (const pid of descendants(serverPid)) {
    const cg = cgroupOf(pid);
    if (!cg || !cg.path.includes('lambent')) continue;
    const g = groups.get(cg.path);
    if (g) g.pids.push(pid);
    else groups.set(cg.path, { cg, pids: [pid] });
  }
  const pss: number[] = [];
  let frozen = 0;
  let processes = 0;
  for (const { cg, pids } of groups.values()) {
    pss.push(pids.reduce((s, p) => s + pssKb(p), 0));
    processes += pids.length;
    if (frozenCgroup(cg) === true || pids.every(stopped)) frozen++;
  }
  return { count: groups.size, frozen, pssKb: pss, processes };
}
