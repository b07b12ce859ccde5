// README's walk-through, run as written: its shell block, through bash, in an empty directory, with AWS CLI v1 and
// (where installed) v2. Only the endpoint changes, to the test server's port. A README edit that breaks the
// walk-through on either CLI fails here.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { lambdaClient, startServer, tempDir, type TestServer } from '../helpers/lambent.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const README_ENDPOINT = 'http://127.0.0.1:9777';

/** The first ```sh block under "## Walk-through with the AWS CLI". */
function walkThrough(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Walk-through with the AWS CLI'));
  const m = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(m?.[1], 'README has a ```sh block in its walk-through section');
  return m[1];
}

function cliVersion(bin: string): string | undefined {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { ...process.env, AWS_PAGER: '' } });
  return r.status === 0 ? `${r.stdout}${r.stderr}`.trim() : undefined;
}

/** An `aws` of the given major on PATH (v1 is usually pip's), or /usr/bin/aws (Debian's v2). */
function findCli(major: 1 | 2): { path: string; version: string } | undefined {
  const candidates = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'aws'));
  candidates.push('/usr/bin/aws', '/usr/local/bin/aws');
  for (const path of new Set(candidates)) {
    const version = cliVersion(path);
    if (version?.startsWith(`aws-cli/${major}.`)) return { path, version };
  }
  return undefined;
}

const v1 = findCli(1);
const v2 = findCli(2);
let server: TestServer;

before(async () => {
  if (v1 || v2) server = await startServer();
});
after(async () => {
  if (v1 || v2) await server.dispose();
});

async function runWalkThrough(cli: { path: string; version: string }): Promise<void> {
  const dir = tempDir('lambent-readme-');
  // `aws` on PATH is the CLI under test; nothing from this machine's AWS configuration leaks in.
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'aws'), `#!/bin/sh\nexec ${cli.path} "$@"\n`);
  chmodSync(join(bin, 'aws'), 0o755);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`,
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const script = walkThrough();
  assert.ok(script.includes(README_ENDPOINT), `the walk-through uses ${README_ENDPOINT}`);
  const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script.replaceAll(README_ENDPOINT, server.url)], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const transcript = `${cli.version}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  assert.equal(r.status, 0, transcript);
  // What README says `cat out.json` prints.
  assert.match(r.stdout, /\{"statusCode":200,"body":"\{\\"hello\\":\\"Lambent\\"\}"\}/, transcript);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')), { statusCode: 200, body: '{"hello":"Lambent"}' });
  // The invoke ran on Lambent (its log tail came back) and the last command deleted the function there.
  assert.match(r.stdout, /"LogResult": "/, transcript);
  assert.match(r.stdout, /"MemorySize": 512/, transcript);
  const left = await lambdaClient(server.url).send(new ListFunctionsCommand({}));
  assert.deepEqual((left.Functions ?? []).map((f) => f.FunctionName), []);
}

test('README walk-through, verbatim, with AWS CLI v1', { skip: v1 ? false : 'no AWS CLI v1 (`aws` from pip) on PATH' }, async () => {
  await runWalkThrough(v1 as { path: string; version: string });
});

test('README walk-through, verbatim, with AWS CLI v2', { skip: v2 ? false : 'no AWS CLI v2 here (e.g. apt-get install awscli)' }, async () => {
  await runWalkThrough(v2 as { path: string; version: string });
});
