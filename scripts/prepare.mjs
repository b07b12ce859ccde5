#!/usr/bin/env node
// npm's `prepare` hook: builds dist/ with tsc.
// - A git checkout with `npm install` has TypeScript (a dev dependency): build.
// - `npm install --omit=dev` has no TypeScript: skip instead of failing the whole install. An unpacked release
//   tarball already ships dist/; a checkout without it says what to do.
// - `npm run build` (--force) always builds.
// - `npm pack` / `npm publish` must ship a fresh dist/: there TypeScript is required and stale output is removed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packing = process.env.npm_command === 'pack' || process.env.npm_command === 'publish';
// `npm run build`: always build, and TypeScript must be there.
const force = process.argv.includes('--force');
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  tsc = undefined;
}
if (!tsc) {
  if (packing || force) {
    process.stderr.write('lambent: building dist/ needs TypeScript, a dev dependency: run `npm install` (without --omit=dev) first\n');
    process.exit(1);
  }
  if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) {
    process.stderr.write(
      'lambent: dist/ not built: TypeScript is a dev dependency. Run `npm install` without --omit=dev, ' +
        'or install a packed release (`npm pack`, then `npm install -g ./lambent-*.tgz`).\n',
    );
  }
  process.exit(0);
}
// `npx lambent start` in a checkout runs prepare on every start: skip the build when dist/ is newer than every
// source file (tsc takes tens of seconds on a small machine).
const stamp = join(root, 'dist', '.built');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
const upToDate = () =>
  existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(newest(join(root, 'src')), statSync(join(root, 'tsconfig.json')).mtimeMs);
if (packing) rmSync(join(root, 'dist'), { recursive: true, force: true });
else if (!force && upToDate()) process.exit(0);
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (r.status === 0) writeFileSync(stamp, `${new Date().toISOString()}\n`);
process.exit(r.status ?? 1);
