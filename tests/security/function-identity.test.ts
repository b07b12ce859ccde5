// A function's identity is its own: it cannot put credentials (or other reserved variables) into its environment
// through the API, and each function's environment holds credentials of its own role only, which STS answers as
// that role's session and nobody else's.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CreateFunctionCommand, InvokeCommand, UpdateFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
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
  TEST_ROLE,
  TEST_RUNTIMES_DIR,
  type TestServer,
} from '../helpers/lambent.js';

const ENV_HANDLER = `exports.handler = async () => ({
  id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN,
});
`;
const RESERVED = (keys: string): string =>
  'Lambda was unable to configure your environment variables because the environment variables you have provided contains ' +
  `reserved keys that are currently not supported for modification. Reserved keys used in this request: ${keys}`;

interface Creds {
  id: string;
  secret: string;
  token: string;
}

let server: TestServer;
let lambda: LambdaClient;

before(async () => {
  server = await startServer();
  lambda = lambdaClient(server.url);
});
after(async () => server.dispose());

test('credentials and other reserved variables cannot be set through Environment (create or update)', async () => {
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_LAMBDA_RUNTIME_API']) {
    await expectError(
      lambda.send(new CreateFunctionCommand({
        FunctionName: 'sneaky', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE,
        Code: { ZipFile: makeZip({ 'index.js': ENV_HANDLER }) }, Environment: { Variables: { [key]: 'x' } },
      })),
      'InvalidParameterValueException',
      RESERVED(key),
      400,
    );
  }
  await deployFunction(lambda, 'honest', { 'index.js': ENV_HANDLER });
  await expectError(
    lambda.send(new UpdateFunctionConfigurationCommand({
      FunctionName: 'honest', Environment: { Variables: { AWS_SESSION_TOKEN: 'forged', AWS_ACCESS_KEY_ID: 'ASIAFORGED' } },
    })),
    'InvalidParameterValueException',
    RESERVED('AWS_SESSION_TOKEN, AWS_ACCESS_KEY_ID'),
  );
});

async function credentialsOf(name: string): Promise<Creds> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name }));
  return JSON.parse(Buffer.from(out.Payload ?? []).toString()) as Creds;
}

async function whoIs(c: Creds): Promise<string | undefined> {
  const sts = new STSClient({
    endpoint: server.url, region: TEST_REGION, maxAttempts: 1,
    credentials: { accessKeyId: c.id, secretAccessKey: c.secret, sessionToken: c.token },
  });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

test('function A gets its role\'s credentials, function B its own; neither can pass for the other', async () => {
  await deployFunction(lambda, 'fn-a', { 'index.js': ENV_HANDLER }, { Role: await ensureRole(server.url, 'role-a') });
  await deployFunction(lambda, 'fn-b', { 'index.js': ENV_HANDLER }, { Role: await ensureRole(server.url, 'role-b') });
  const a = await credentialsOf('fn-a');
  const b = await credentialsOf('fn-b');
  assert.notEqual(a.id, b.id);
  assert.notEqual(a.secret, b.secret);
  assert.notEqual(a.token, b.token);
  assert.equal(await whoIs(a), `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/role-a/fn-a`);
  assert.equal(await whoIs(b), `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/role-b/fn-b`);
  // A's key id with B's token (or secret) is nobody: the token is bound to its own key.
  await assert.rejects(whoIs({ ...a, token: b.token }));
  await assert.rejects(whoIs({ ...a, secret: b.secret }));
});

// From inside a sandbox, through the runtime's own SDK and AWS_ENDPOINT_URL, as a handler would: the role's
// policies are all a function has.
const PROBE_HANDLER = `
const { LambdaClient, ListFunctionsCommand } = require('@aws-sdk/client-lambda');
const { STSClient, AssumeRoleCommand } = require('@aws-sdk/client-sts');
const attempt = async (f) => { try { await f(); return 'allowed'; } catch (e) { return { code: e.name, message: e.message }; } };
exports.handler = async (event) => ({
  list: await attempt(() => new LambdaClient({}).send(new ListFunctionsCommand({}))),
  assume: await attempt(() => new STSClient({}).send(new AssumeRoleCommand({ RoleArn: event.otherRole, RoleSessionName: 'borrowed' }))),
});
`;
const sdkInstalled = existsSync(join(TEST_RUNTIMES_DIR, 'aws-sdk-js-v3'));

test('from inside: a role without lambda:ListFunctions is denied it, and cannot take another function\'s role', { skip: sdkInstalled ? false : 'the AWS SDK for JavaScript is not installed in the test runtimes dir (lambent runtimes install aws-sdk)' }, async () => {
  const other = await ensureRole(server.url, 'role-of-another');
  await deployFunction(lambda, 'fn-bare', { 'index.js': PROBE_HANDLER }, { Role: await ensureRole(server.url, 'role-bare') });
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'fn-bare', Payload: Buffer.from(JSON.stringify({ otherRole: other })) }));
  const text = Buffer.from(out.Payload ?? []).toString();
  assert.equal(out.FunctionError, undefined, text);
  const r = JSON.parse(text) as { list: { code: string; message: string } | string; assume: { code: string; message: string } | string };
  const me = `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/role-bare/fn-bare`;
  assert.deepEqual(r.list, {
    code: 'AccessDeniedException',
    message: `User: ${me} is not authorized to perform: lambda:ListFunctions on resource: * because no identity-based policy allows the lambda:ListFunctions action`,
  });
  // role-of-another trusts only lambda.amazonaws.com: a function's session is not Lambda, so it cannot become it.
  assert.ok(typeof r.assume === 'object', text);
  assert.equal(r.assume.code, 'AccessDenied');
  assert.match(r.assume.message, new RegExp(`^User: ${me.replace(/[/.]/g, '\\$&')} is not authorized to perform: sts:AssumeRole on resource: ${other.replace(/[/.]/g, '\\$&')}`));
});
