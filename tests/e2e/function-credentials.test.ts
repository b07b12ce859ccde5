// Execution roles end to end: CreateFunction refuses a missing role, a role that does not trust Lambda and another
// account's role with AWS's errors; a function's environment holds temporary credentials of its role (ASIA…, a
// session token) that STS recognizes as the role's session named after the function, and AWS_ENDPOINT_URL where
// Lambent answers; GetFunctionConfiguration never shows them.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  deployFunction,
  ensureRole,
  expectError,
  lambdaClient,
  makeZip,
  startServer,
  TEST_ACCOUNT,
  TEST_REGION,
  type TestServer,
} from '../helpers/lambent.js';

const ENV_HANDLER = `exports.handler = async () => ({
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
  AWS_SESSION_TOKEN: process.env.AWS_SESSION_TOKEN,
  AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
  MINE: process.env.MINE,
});
`;

// Calls STS GetCallerIdentity from inside the function with nothing but its environment (AWS_ENDPOINT_URL and the
// role's credentials), signing with SigV4 by hand: this runtime carries no AWS SDK of its own.
const WHOAMI_HANDLER = `
const crypto = require('node:crypto');
const hmac = (k, s) => crypto.createHmac('sha256', k).update(s).digest();
const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');
exports.handler = async () => {
  const e = process.env;
  const url = new URL(e.AWS_ENDPOINT_URL);
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\\.\\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: url.host, 'x-amz-date': amzDate, 'x-amz-security-token': e.AWS_SESSION_TOKEN };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', ...names.map((n) => n + ':' + headers[n]), '', names.join(';'), sha(body)].join('\\n');
  const scope = day + '/' + e.AWS_REGION + '/sts/aws4_request';
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\\n');
  const key = hmac(hmac(hmac(hmac('AWS4' + e.AWS_SECRET_ACCESS_KEY, day), e.AWS_REGION), 'sts'), 'aws4_request');
  const signature = crypto.createHmac('sha256', key).update(toSign).digest('hex');
  const authorization = 'AWS4-HMAC-SHA256 Credential=' + e.AWS_ACCESS_KEY_ID + '/' + scope + ', SignedHeaders=' + names.join(';') + ', Signature=' + signature;
  const res = await fetch(url.origin + '/', { method: 'POST', headers: { ...headers, authorization }, body });
  return { status: res.status, text: await res.text() };
};
`;

interface Seen {
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_SESSION_TOKEN: string;
  AWS_ENDPOINT_URL: string;
  MINE: string;
}

let server: TestServer;
let lambda: LambdaClient;
let iam: IAMClient;

before(async () => {
  server = await startServer();
  lambda = lambdaClient(server.url);
  iam = new IAMClient({ endpoint: server.url, region: TEST_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
});
after(async () => {
  iam.destroy();
  await server.dispose();
});

function createWith(name: string, role: string): Promise<unknown> {
  return lambda.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: role,
    Code: { ZipFile: makeZip({ 'index.js': ENV_HANDLER }) },
  }));
}

test('CreateFunction: missing role, untrusting role, another account\'s role', async () => {
  await expectError(
    createWith('no-role', `arn:aws:iam::${TEST_ACCOUNT}:role/does-not-exist`),
    'InvalidParameterValueException',
    'The role defined for the function cannot be assumed by Lambda.',
    400,
  );
  const ec2Only = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const created = await iam.send(new CreateRoleCommand({ RoleName: 'ec2-only', AssumeRolePolicyDocument: ec2Only }));
  await expectError(
    createWith('untrusted', created.Role?.Arn ?? ''),
    'InvalidParameterValueException',
    'The role defined for the function cannot be assumed by Lambda.',
  );
  await expectError(
    createWith('foreign', 'arn:aws:iam::111122223333:role/lambda-role'),
    'AccessDeniedException',
    'Cross-account pass role is not allowed.',
    403,
  );
  await expectError(lambda.send(new GetFunctionCommand({ FunctionName: 'untrusted' })), 'ResourceNotFoundException');
});

test('the environment holds the role\'s temporary credentials and Lambent\'s endpoint, never shown by the API', async () => {
  const role = await ensureRole(server.url, 'env-role');
  await deployFunction(lambda, 'env-fn', { 'index.js': ENV_HANDLER }, { Role: role, Environment: { Variables: { MINE: 'yes' } } });
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'env-fn' }));
  const seen = JSON.parse(Buffer.from(out.Payload ?? []).toString()) as Seen;
  assert.match(seen.AWS_ACCESS_KEY_ID, /^ASIA[A-Z0-9]{16}$/);
  assert.ok(seen.AWS_SECRET_ACCESS_KEY.length >= 40);
  assert.ok(seen.AWS_SESSION_TOKEN.length > 0);
  assert.equal(seen.MINE, 'yes');
  const health = (await (await fetch(`${server.url}/health`)).json()) as { sandbox: { network: string } };
  // In its own network namespace the function reaches Lambent at its Runtime API's address; sharing the host's
  // network, at the port Lambent listens on.
  assert.equal(seen.AWS_ENDPOINT_URL, health.sandbox.network === 'namespace' ? 'http://127.0.0.1:9001' : server.url);

  // STS recognizes them from outside too: the role's session, named after the function.
  const sts = new STSClient({
    endpoint: server.url,
    region: TEST_REGION,
    credentials: { accessKeyId: seen.AWS_ACCESS_KEY_ID, secretAccessKey: seen.AWS_SECRET_ACCESS_KEY, sessionToken: seen.AWS_SESSION_TOKEN },
  });
  const who = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/env-role/env-fn`);
  sts.destroy();

  // Minted per environment, not per invoke: a warm invoke sees the same ones.
  const again = JSON.parse(Buffer.from((await lambda.send(new InvokeCommand({ FunctionName: 'env-fn' }))).Payload ?? []).toString()) as Seen;
  assert.equal(again.AWS_ACCESS_KEY_ID, seen.AWS_ACCESS_KEY_ID);

  const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'env-fn' }));
  assert.deepEqual(config.Environment?.Variables, { MINE: 'yes' });
  const fn = JSON.stringify(await lambda.send(new GetFunctionCommand({ FunctionName: 'env-fn' })));
  for (const secret of [seen.AWS_ACCESS_KEY_ID, seen.AWS_SECRET_ACCESS_KEY, seen.AWS_SESSION_TOKEN]) {
    assert.ok(!fn.includes(secret), 'GetFunction shows no credentials');
    assert.ok(!server.output().includes(secret), 'Lambent\'s log shows no credentials');
  }
});

test('a new role means new environments with that role\'s credentials', async () => {
  const role = await ensureRole(server.url, 'second-role');
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'env-fn', Role: role }));
  await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'env-fn' });
  const seen = JSON.parse(Buffer.from((await lambda.send(new InvokeCommand({ FunctionName: 'env-fn' }))).Payload ?? []).toString()) as Seen;
  const sts = new STSClient({
    endpoint: server.url,
    region: TEST_REGION,
    credentials: { accessKeyId: seen.AWS_ACCESS_KEY_ID, secretAccessKey: seen.AWS_SECRET_ACCESS_KEY, sessionToken: seen.AWS_SESSION_TOKEN },
  });
  assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/second-role/env-fn`);
  sts.destroy();
});

test('from inside, the function reaches STS at AWS_ENDPOINT_URL and is its role\'s session', async () => {
  const role = await ensureRole(server.url, 'inside-role');
  await deployFunction(lambda, 'whoami', { 'index.js': WHOAMI_HANDLER }, { Role: role, Timeout: 10 });
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'whoami' }));
  const text = Buffer.from(out.Payload ?? []).toString();
  assert.equal(out.FunctionError, undefined, text);
  const answer = JSON.parse(text) as { status: number; text: string };
  assert.equal(answer.status, 200, answer.text);
  assert.match(answer.text, new RegExp(`<Arn>arn:aws:sts::${TEST_ACCOUNT}:assumed-role/inside-role/whoami</Arn>`));
});

test('without a network namespace (--sandbox none) AWS_ENDPOINT_URL is the front door, and the call works there', async () => {
  const plain = await startServer({ args: ['--sandbox', 'none'] });
  try {
    const client = lambdaClient(plain.url);
    const role = await ensureRole(plain.url, 'plain-role');
    await deployFunction(client, 'whoami-plain', { 'index.js': WHOAMI_HANDLER }, { Role: role, Timeout: 10 });
    const seen = await client.send(new InvokeCommand({ FunctionName: 'whoami-plain' }));
    const answer = JSON.parse(Buffer.from(seen.Payload ?? []).toString()) as { status: number; text: string };
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, new RegExp(`<Arn>arn:aws:sts::${TEST_ACCOUNT}:assumed-role/plain-role/whoami-plain</Arn>`));
    await deployFunction(client, 'env-plain', { 'index.js': ENV_HANDLER }, { Role: role });
    const out = await client.send(new InvokeCommand({ FunctionName: 'env-plain' }));
    const env = JSON.parse(Buffer.from(out.Payload ?? []).toString()) as Seen;
    assert.equal(env.AWS_ENDPOINT_URL, plain.url);
    client.destroy();
  } finally {
    await plain.dispose();
  }
});
