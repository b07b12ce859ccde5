// A function's identity is its own: it cannot put credentials (or other reserved variables) into its environment
// through the API, and each function's environment holds credentials of its own role only, which STS answers as
// that role's session and nobody else's.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
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
