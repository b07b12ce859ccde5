#!/usr/bin/env node
// Runs the test suite with node:test. `node scripts/run-tests.mjs [unit|e2e|security] [filter]`.
// Unit tests run first (fast); end-to-end tests start real Lambent servers; security tests drive the real
// server as a hostile client would (slow, oversized, forged requests).
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const which = process.argv[2] ?? 'all';
const filter = process.argv[3];
const groups = which === 'all' ? ['unit', 'e2e', 'security'] : [which];
let failed = false;
for (const group of groups) {
  const dir = join('tests', group);
  if (!existsSync(dir)) continue;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => !filter || f.includes(filter))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0) continue;
  console.log(`\n== ${group} tests (${files.length} files) ==`);
  const concurrency = group === 'unit' ? '4' : '2';
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
    { stdio: 'inherit', env: { ...process.env, LAMBENT_TEST: '1' } },
  );
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
