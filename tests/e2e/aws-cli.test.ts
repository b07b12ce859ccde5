// The preinstalled AWS CLI drives Lambent exactly as it drives AWS.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRole, makeZip, startServer, tempDir, TEST_ROLE, type TestServer } from '../helpers/lambent.js';
import { awsCli, type CliResult } from '../helpers/aws-cli.js';

const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
let server: TestServer;
const work = tempDir('lambent-cli-');

function aws(...args: string[]): CliResult {
  // The CLI retries throttles (429) with backoff; two attempts keep a throttled call short.
  return awsCli(server.url, 'lambda', args, { maxAttempts: 2 });
}

before(async () => {
  if (hasAws) {
    server = await startServer();
    await ensureRole(server.url);
  }
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

test('aws lambda reserved and provisioned concurrency; a throttled invoke', { skip: hasAws ? false : 'the aws CLI is not installed here' }, async () => {
  const zipPath = join(work, 'conc.zip');
  writeFileSync(zipPath, makeZip({ 'index.js': 'exports.handler = async () => process.env.AWS_LAMBDA_INITIALIZATION_TYPE;\n' }));
  const created = aws(
    'create-function', '--function-name', 'cli-conc', '--runtime', 'nodejs20.x', '--role', TEST_ROLE,
    '--handler', 'index.handler', '--zip-file', `fileb://${zipPath}`, '--publish',
  );
  assert.equal(created.status, 0, created.err);
  assert.equal(aws('wait', 'function-active-v2', '--function-name', 'cli-conc').status, 0);

  // Reserved concurrency: put / get / GetFunction's Concurrency / delete.
  const put = aws('put-function-concurrency', '--function-name', 'cli-conc', '--reserved-concurrent-executions', '0');
  assert.equal(put.status, 0, put.err);
  assert.deepEqual(put.json(), { ReservedConcurrentExecutions: 0 });
  assert.deepEqual(aws('get-function-concurrency', '--function-name', 'cli-conc').json(), { ReservedConcurrentExecutions: 0 });
  assert.deepEqual(aws('get-function', '--function-name', 'cli-conc').json()['Concurrency'], { ReservedConcurrentExecutions: 0 });

  // Reserved 0: every invocation is throttled; the CLI retries the 429 and gives up.
  const outFile = join(work, 'out.json');
  // fileb:// sends the bytes as they are on AWS CLI v1 and v2 alike (v2 reads an inline --payload as base64).
  const event = join(work, 'event.json');
  writeFileSync(event, '{}');
  const throttled = aws('invoke', '--function-name', 'cli-conc', '--payload', `fileb://${event}`, outFile);
  assert.notEqual(throttled.status, 0);
  assert.match(throttled.err, /TooManyRequestsException\) when calling the Invoke operation \(reached max retries: \d+\): Rate Exceeded\./);

  const qualified = aws('put-function-concurrency', '--function-name', 'cli-conc:1', '--reserved-concurrent-executions', '1');
  assert.notEqual(qualified.status, 0);
  assert.match(qualified.err, /InvalidParameterValueException.*This operation is permitted on Lambda functions only/);

  assert.equal(aws('delete-function-concurrency', '--function-name', 'cli-conc').status, 0);
  const after = aws('get-function-concurrency', '--function-name', 'cli-conc');
  assert.equal(after.status, 0, after.err);
  // An empty response: the CLI prints nothing at all.
  assert.equal(after.out.trim(), '');
  assert.equal(aws('get-function', '--function-name', 'cli-conc').json()['Concurrency'], undefined);

  // Provisioned concurrency on version 1: IN_PROGRESS, then READY; it serves the version's invocations.
  const latest = aws('put-provisioned-concurrency-config', '--function-name', 'cli-conc', '--qualifier', '$LATEST', '--provisioned-concurrent-executions', '1');
  assert.match(latest.err, /InvalidParameterValueException.*Provisioned Concurrency Configs cannot be applied to unpublished function versions\./);
  const prov = aws('put-provisioned-concurrency-config', '--function-name', 'cli-conc', '--qualifier', '1', '--provisioned-concurrent-executions', '1');
  assert.equal(prov.status, 0, prov.err);
  assert.equal(prov.json()['RequestedProvisionedConcurrentExecutions'], 1);
  assert.match(String(prov.json()['LastModified']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
  let status = '';
  for (let i = 0; i < 100 && status !== 'READY'; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 200));
    const got = aws('get-provisioned-concurrency-config', '--function-name', 'cli-conc', '--qualifier', '1');
    assert.equal(got.status, 0, got.err);
    status = String(got.json()['Status']);
  }
  assert.equal(status, 'READY');
  const listed = aws('list-provisioned-concurrency-configs', '--function-name', 'cli-conc');
  assert.equal(listed.status, 0, listed.err);
  const configs = listed.json()['ProvisionedConcurrencyConfigs'] as Record<string, unknown>[];
  assert.deepEqual(configs.map((c) => [c['FunctionArn'], c['AllocatedProvisionedConcurrentExecutions'], c['Status']]), [
    ['arn:aws:lambda:us-east-1:000000000000:function:cli-conc:1', 1, 'READY'],
  ]);
  const served = aws('invoke', '--function-name', 'cli-conc', '--qualifier', '1', '--payload', `fileb://${event}`, outFile);
  assert.equal(served.status, 0, served.err);
  assert.equal(readFileSync(outFile, 'utf8'), '"provisioned-concurrency"');

  assert.equal(aws('delete-provisioned-concurrency-config', '--function-name', 'cli-conc', '--qualifier', '1').status, 0);
  const gone = aws('get-provisioned-concurrency-config', '--function-name', 'cli-conc', '--qualifier', '1');
  assert.match(gone.err, /ProvisionedConcurrencyConfigNotFoundException.*No Provisioned Concurrency Config found for this function/);
  assert.equal(aws('delete-function', '--function-name', 'cli-conc').status, 0);
});
