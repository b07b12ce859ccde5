// Cold starts (full sandbox and pool) and warm invoke as an unprivileged user beside root's, in the same run: the
// user is set up as README's "Running as yourself" says (tests/helpers/nonroot.ts: a delegated cgroup subtree), and
// bench/coldstart.ts runs as that user in its own process (COLD_JSON=1). Target: non-root pooled cold start p50
// within 1.5x of root's. bench/run.ts calls measureNonRoot(); `node --import tsx bench/nonroot.ts` runs root's and
// the user's measurements alone and prints the table.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { nonRootUnavailable, readableCheckout, setUpNonRoot } from '../tests/helpers/nonroot.js';
import type { ColdStartResults } from './coldstart.js';

export const NONROOT_TARGET = 1.5;

export interface NonRootResults {
  user: string;
  cgroups: string;
  results: ColdStartResults;
}

/** Runs bench/coldstart.ts as an unprivileged user with a delegated cgroup; throws with the reason when it cannot. */
export async function measureNonRoot(samples: number, log: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<NonRootResults> {
  const why = nonRootUnavailable();
  if (why) throw new Error(why);
  const u = setUpNonRoot('lambentbench');
  const checkout = readableCheckout(u);
  try {
    log(`cold starts as the unprivileged user ${u.user} (cgroup ${u.cgroups.version} delegated: ${u.cgroups.dirs.join(', ')}): ${samples} samples each`);
    const [file, ...args] = [...u.wrapper, process.execPath, '--import', 'tsx', join(checkout.root, 'bench/coldstart.ts')];
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(file as string, args, {
        cwd: checkout.root,
        env: { ...u.env, COLD_SAMPLES: String(samples), COLD_JSON: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        for (const line of d.toString().split('\n').filter(Boolean)) log(`  [${u.user}] ${line}`);
      });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`coldstart as ${u.user} exited ${code}: ${stderr.slice(-500)}`))));
    });
    const line = out.trim().split('\n').pop() ?? '';
    const results = JSON.parse(line) as ColdStartResults;
    return { user: u.user, cgroups: u.cgroups.version, results };
  } finally {
    await u.cleanup();
    checkout.dispose();
  }
}

const f = (x: number): string => `${x.toFixed(2)} ms`;

/** Markdown: root and the unprivileged user side by side, and the pooled p50 ratio against the target. */
export function nonRootTable(root: ColdStartResults, user: NonRootResults): string {
  const u = user.results;
  const ratio = u.pool.total.p50 / root.pool.total.p50;
  const row = (name: string, a: { p50: number; p99: number }, b: { p50: number; p99: number }): string =>
    `| ${name} | ${f(a.p50)} / ${f(a.p99)} | ${f(b.p50)} / ${f(b.p99)} | ${(b.p50 / a.p50).toFixed(2)}× |`;
  return [
    `As an unprivileged user (${user.user}, cgroup ${user.cgroups} subtree delegated as README's "Running as yourself" says; ` +
      `in-process as above, Node hello world, 128 MB; n=${u.full.total.n} each):`,
    '',
    `| Scenario | root p50 / p99 | ${user.user} p50 / p99 | ${user.user} / root (p50) |`,
    '|---|---:|---:|---:|',
    row('Cold start, full sandbox', root.full.total, u.full.total),
    row('Cold start, stem-cell pool', root.pool.total, u.pool.total),
    row('Warm invoke (engine side, 1769 MB)', root.warm.running, u.warm.running),
    '',
    `Sandbox as ${user.user}: ${u.sandbox}; pool hits ${u.poolHits}/${u.pool.total.n} (root ${root.poolHits}/${root.pool.total.n}). ` +
      `Pooled cold start p50 ${ratio.toFixed(2)}× root's (target ≤ ${NONROOT_TARGET}×: ${ratio <= NONROOT_TARGET ? 'met' : 'NOT met'}).`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const samples = Number(process.env['COLD_SAMPLES'] ?? 40);
  const { measureColdStarts } = await import('./coldstart.js');
  process.stderr.write(`cold starts as root: ${samples} samples each\n`);
  const root = await measureColdStarts({ samples });
  const user = await measureNonRoot(samples);
  process.stdout.write(`${nonRootTable(root, user)}\n`);
}
