import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuntimeValues } from '../../src/services/lambda/api-types.js';
import type {
  CreateFunctionRequest,
  FunctionConfiguration,
  OperationName,
  Operations,
  Runtime,
} from '../../src/services/lambda/api-types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GENERATOR = join(ROOT, 'scripts', 'gen-api-types.mjs');

function gen(...args: string[]) {
  return spawnSync(process.execPath, [GENERATOR, ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('scripts/gen-api-types.mjs', () => {
  test('src/services/lambda/api-types.ts matches models/lambda/service-2.json (--check)', () => {
    const r = gen('lambda', '--check');
    assert.equal(r.status, 0, `drift check failed:\n${r.stderr}${r.stdout}`);
  });

  test('--check exits 1 on drift and a plain run repairs it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'lambent-gen-api-types-'));
    try {
      await mkdir(join(root, 'models', 'lambda'), { recursive: true });
      await writeFile(
        join(root, 'models', 'lambda', 'service-2.json'),
        await readFile(join(ROOT, 'models', 'lambda', 'service-2.json')),
      );
      const out = join(root, 'src', 'services', 'lambda', 'api-types.ts');

      let r = gen('lambda', '--check', `--root=${root}`);
      assert.equal(r.status, 1, 'missing file counts as drift');
      assert.match(r.stderr, /api-types\.ts is missing/);

      r = gen('lambda', `--root=${root}`);
      assert.equal(r.status, 0, r.stderr);
      const generated = await readFile(out, 'utf8');
      assert.equal(generated, await readFile(join(ROOT, 'src', 'services', 'lambda', 'api-types.ts'), 'utf8'));
      assert.match(generated, /^\/\/ Generated from models\/lambda\/service-2\.json .*by scripts\/gen-api-types\.mjs\. Do not edit\./);

      await writeFile(out, generated.replace('export interface FunctionConfiguration {', 'export interface X {'));
      r = gen('lambda', '--check', `--root=${root}`);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /differs from the model/);

      r = gen('nosuchservice', '--check', `--root=${root}`);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /no model at models\/nosuchservice\/service-2\.json/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('generated lambda types', () => {
    // Compile-time checks: these literals must satisfy the generated types.
    const create: CreateFunctionRequest = {
      FunctionName: 'hello',
      Role: 'arn:aws:iam::123456789012:role/lambda-role',
      Code: { ZipFile: Buffer.from('zip') },
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      MemorySize: 128,
      Environment: { Variables: { A: 'b' } },
      Architectures: ['x86_64'],
    };
    const config: FunctionConfiguration = {
      FunctionName: create.FunctionName,
      Runtime: create.Runtime,
      Timeout: 3,
      Layers: [{ Arn: 'arn:aws:lambda:us-east-1:123456789012:layer:l:1', CodeSize: 1 }],
    };
    const op: OperationName = 'CreateFunction';
    const io: Operations['CreateFunction'] = { input: create, output: config };
    const noOutput: Operations['DeleteAlias']['output'] = undefined;
    const runtime: Runtime = 'nodejs20.x';
    // @ts-expect-error -- not a runtime in the model's enum
    const badRuntime: Runtime = 'nodejs99.x';
    // @ts-expect-error -- Role is a required member of CreateFunctionRequest
    const missingRole: CreateFunctionRequest = { FunctionName: 'f', Code: {} };

    assert.equal(op, 'CreateFunction');
    assert.equal(io.output.Runtime, runtime);
    assert.equal(noOutput, undefined);
    assert.equal(RuntimeValues.includes(badRuntime), false);
    assert.equal(missingRole.Role, undefined);
    assert.ok(RuntimeValues.includes('nodejs20.x'));
    assert.ok(RuntimeValues.includes('python3.12'));
    assert.equal(new Set(RuntimeValues).size, RuntimeValues.length);
  });
});
