#!/usr/bin/env node
// The architecture gate (`npm run lint`): imports point one way (ARCHITECTURE.md's layers), services reach each
// other only through the shared contracts at src/services/*.ts (and the IAM policy engine, which every service that
// keeps resource policies evaluates), and no module imports itself back through a cycle. Fast (a regex per file,
// no type checking), so it runs on every CI.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SRC = join(ROOT, 'src');

/** What each top-level folder of src/ may import, besides itself. The composition root (main, cli) may import all. */
const ALLOWED = {
  gateway: ['protocol', 'services', 'observability', 'util'],
  protocol: ['util'],
  services: ['protocol', 'invocation', 'runtimes', 'store', 'observability', 'util'],
  invocation: ['runtime-api', 'sandbox', 'runtimes', 'store', 'observability', 'util'],
  'runtime-api': ['util'],
  sandbox: ['util'],
  runtimes: ['util'],
  store: ['util'],
  observability: ['store', 'util'],
  util: [],
  config: ['gateway', 'protocol', 'util'],
};
const ROOT_OF_COMPOSITION = new Set(['main.ts', 'death-watch.ts', 'cli']);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative imports of a file, resolved to .ts paths (the code imports './x.js' for './x.ts'). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2];
    if (!spec || !spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    out.push(target);
  }
  return out;
}

const top = (file) => relative(SRC, file).split('/')[0];

const files = walk(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const problems = [];

for (const [file, deps] of graph) {
  const from = top(file);
  if (ROOT_OF_COMPOSITION.has(from)) continue;
  const allowed = ALLOWED[from];
  if (!allowed) {
    problems.push(`${relative(ROOT, file)}: folder src/${from}/ has no place in the layer table (scripts/check-imports.mjs)`);
    continue;
  }
  for (const dep of deps) {
    const to = top(dep);
    const rel = `${relative(ROOT, file)} imports ${relative(ROOT, dep)}`;
    if (to !== from && !allowed.includes(to)) {
      problems.push(`${rel}: src/${from}/ may not import src/${to}/ (layers: ARCHITECTURE.md)`);
    }
    if (from === 'services' && to === 'services') {
      const a = relative(join(SRC, 'services'), file).split('/');
      const b = relative(join(SRC, 'services'), dep).split('/');
      const crossService = a.length > 1 && b.length > 1 && a[0] !== b[0];
      const sharedEngine = b[0] === 'iam' && b[1] === 'policy';
      if (crossService && !sharedEngine) {
        problems.push(`${rel}: services talk through the contracts in src/services/*.ts, not each other's modules`);
      }
    }
  }
}

// Cycles (type-only imports included: a cycle of types still ties two modules' designs together).
const state = new Map();
const stack = [];
function visit(f) {
  state.set(f, 1);
  stack.push(f);
  for (const d of graph.get(f) ?? []) {
    if (!graph.has(d)) continue;
    const s = state.get(d);
    if (s === 1) {
      const cycle = stack.slice(stack.indexOf(d)).concat(d).map((x) => relative(ROOT, x));
      problems.push(`import cycle: ${cycle.join(' → ')}`);
    } else if (s === undefined) visit(d);
  }
  stack.pop();
  state.set(f, 2);
}
for (const f of files) if (!state.has(f)) visit(f);

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`\ncheck-imports: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`check-imports: ${files.length} modules, layers and cycles ok`);
