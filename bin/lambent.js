#!/usr/bin/env node
// Thin launcher, in-process (no child node: signals reach Lambent itself). The compiled CLI lives in dist/, built by
// `npm install` through the prepare script, or shipped in a packed release.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('lambent: dist/ is not built: run `npm install` (with dev dependencies: TypeScript builds it) in the Lambent checkout, or install a packed release (npm pack)\n');
  process.exit(1);
}
await import(entry.href);
