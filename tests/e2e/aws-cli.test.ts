// The preinstalled AWS CLI drives Lambent exactly as it drives AWS.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeZip, startServer, tempDir, TEST_ROLE, type TestServer } from '../helpers/lambent.js';

const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
let server: TestServer;
const work = tempDir('lambent-cli-');

function aws(...args: string[]): { status: number | null; out: string; err: string; json: () => Record<string, unknown> } {
  const r = spawnSync('aws', ['lambda', ...args, '--endpoint-url', server.url, '--output', 'json'], {
    encoding: 'utf8',
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  return { status: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

before(async () => {
  if (hasAws) server = await startServer();
});
after(async () => {
  if (hasAws) await server.dispose();
});

test('aws lambda create / get / list / update / delete', { skip: hasAws ? false : 'the aws CLI is not installed here' }, () => {
  const zipPath = join(work, 'fn.zip');
  writeFileSync(zipPath, makeZip({ 'index.js': 'exports.handler = async (e) => e;\n' }));
  const created = aws(
    'create-function', '--function-name', 'cli-fn', '--runtime', 'nodejs22.x', '--role', TEST_ROLE,
    '--handler', 'index.handler', '--zip-file', `fileb://${zipPath}`,
  );
  assert.equal(created.status, 0, created.err);
  assert.equal(created.json()['FunctionName'], 'cli-fn');
  assert.equal(aws('wait', 'function-active-v2', '--function-name', 'cli-fn').status, 0);

  const got = aws('get-function', '--function-name', 'cli-fn');
  assert.equal(got.status, 0, got.err);
  assert.equal((got.json()['Configuration'] as Record<string, unknown>)['State'], 'Active');

  const listed = aws('list-functions');
  assert.equal(listed.status, 0, listed.err);
  assert.ok((listed.json()['Functions'] as { FunctionName: string }[]).some((f) => f.FunctionName === 'cli-fn'));

  const upd = aws('update-function-configuration', '--function-name', 'cli-fn', '--memory-size', '1024');
  assert.equal(upd.status, 0, upd.err);
  assert.equal(upd.json()['MemorySize'], 1024);

  const missing = aws('get-function', '--function-name', 'nope');
  assert.notEqual(missing.status, 0);
  assert.match(missing.err, /ResourceNotFoundException.*Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope/);

  assert.equal(aws('delete-function', '--function-name', 'cli-fn').status, 0);
  assert.notEqual(aws('get-function', '--function-name', 'cli-fn').status, 0);
});
