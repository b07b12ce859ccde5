// The generated SQS types follow the vendored model: a model update without regenerating fails here.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('src/services/sqs/api-types.ts matches models/sqs/service-2.json (--check)', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-api-types.mjs'), 'sqs', '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `drift check failed:\n${r.stderr}${r.stdout}`);
});
