// The AWS SDKs the runtimes carry, as a function sees them: a CommonJS handler requires @aws-sdk/client-lambda, an
// ES module handler imports it, a Python handler imports boto3, none of them bundling anything, and each one's
// ListFunctions reaches this Lambent through AWS_ENDPOINT_URL (the answer lists the functions deployed here). The
// handlers take the endpoint and keys from the event and put them in the environment, where the SDKs read them
// (whatever Lambent itself sets there is replaced, so this tests the SDKs, not the credentials Lambent hands out).
// Python runs on the host's python3: Debian 12's botocore (1.29) ignores AWS_ENDPOINT_URL by itself, so that test
// also proves Lambent's bootstrap supplies it.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, type LambdaClient, type Runtime } from '@aws-sdk/client-lambda';
import { installedSdk } from '../../src/runtimes/aws-sdk.js';
import { deployFunction, lambdaClient, startServer, TEST_RUNTIMES_DIR, type TestServer } from '../helpers/lambent.js';

// A configured key (not the dev key's secret): functions reach Lambent from inside their sandbox with it (the dev key
// is refused there).
const KEY = { id: 'test', secret: 'sdk-test-secret' };

const CJS = `
exports.handler = async (event) => {
  Object.assign(process.env, event.env);
  delete process.env.AWS_SESSION_TOKEN;
  const { LambdaClient, ListFunctionsCommand } = require('@aws-sdk/client-lambda');
  const out = await new LambdaClient({}).send(new ListFunctionsCommand({}));
  return { names: out.Functions.map((f) => f.FunctionName), from: require.resolve('@aws-sdk/client-lambda') };
};
`;

const ESM = `
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
export const handler = async (event) => {
  Object.assign(process.env, event.env);
  delete process.env.AWS_SESSION_TOKEN;
  const out = await new LambdaClient({}).send(new ListFunctionsCommand({}));
  return { names: out.Functions.map((f) => f.FunctionName), from: import.meta.resolve('@aws-sdk/client-lambda') };
};
`;

const PYTHON = `
import os

def handler(event, context):
    os.environ.update(event['env'])
    os.environ.pop('AWS_SESSION_TOKEN', None)
    import boto3, botocore
    names = [f['FunctionName'] for f in boto3.client('lambda').list_functions()['Functions']]
    return {'names': names, 'from': botocore.__file__, 'botocore': botocore.__version__}
`;

interface Answer {
  names: string[];
  from: string;
  botocore?: string;
}

function hostBoto3(): string | undefined {
  const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));
  if (!python) return undefined;
  const r = spawnSync(python, ['-c', 'import boto3, botocore; print(botocore.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const sdk = installedSdk(TEST_RUNTIMES_DIR);
const noSdk = sdk ? false : `the AWS SDK for JavaScript is not installed in ${TEST_RUNTIMES_DIR} (lambent runtimes install aws-sdk)`;
const botocore = hostBoto3();
const noBoto3 = botocore ? false : 'the host python3 cannot import boto3 (apt-get install python3-boto3)';

let server: TestServer;
let lambda: LambdaClient;
let sandboxed = false;
/** The endpoint as functions reach Lambent: their Runtime API's address in a network namespace of their own. */
let inNamespace = false;

before(async () => {
  server = await startServer({ env: { LAMBENT_CREDENTIALS: `${KEY.id}:${KEY.secret}` } });
  lambda = lambdaClient(server.url, { secret: KEY.secret });
  const health = (await (await fetch(`${server.url}/health`)).json()) as { sandbox: { sandbox: string; network?: string } };
  sandboxed = health.sandbox.sandbox === 'bubblewrap';
  inNamespace = health.sandbox.network === 'namespace';
});
after(async () => server?.dispose());

async function invoke(name: string): Promise<Answer> {
  const env = {
    // In a namespace of its own a function reaches Lambent at its Runtime API's address; sharing the host's network,
    // at the server's own.
    AWS_ENDPOINT_URL: inNamespace ? 'runtime-api' : server.url,
    AWS_ACCESS_KEY_ID: KEY.id,
    AWS_SECRET_ACCESS_KEY: KEY.secret,
  };
  const payload = JSON.stringify({ env });
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(payload) }));
  const text = Buffer.from(out.Payload ?? []).toString();
  assert.equal(out.FunctionError, undefined, `${name}: ${text}\n${server.output().slice(-2000)}`);
  return JSON.parse(text) as Answer;
}

/** The handlers resolve the 'runtime-api' placeholder themselves: only they know their Runtime API's address. */
function withRuntimeApi(source: string, python = false): string {
  return python
    ? source.replace("os.environ.update(event['env'])", "os.environ.update({k: ('http://' + os.environ['AWS_LAMBDA_RUNTIME_API'] if v == 'runtime-api' else v) for k, v in event['env'].items()})")
    : source.replace('Object.assign(process.env, event.env);', "for (const [k, v] of Object.entries(event.env)) process.env[k] = v === 'runtime-api' ? `http://${process.env.AWS_LAMBDA_RUNTIME_API}` : v;");
}

describe('Node.js runtimes carry the AWS SDK for JavaScript v3', { skip: noSdk }, () => {
  test('a CommonJS handler requires @aws-sdk/client-lambda from the runtime and lists functions here', async () => {
    await deployFunction(lambda, 'sdk-cjs', { 'index.js': withRuntimeApi(CJS) });
    const answer = await invoke('sdk-cjs');
    assert.ok(answer.names.includes('sdk-cjs'), JSON.stringify(answer));
    if (sandboxed) assert.equal(answer.from, '/var/runtime/node_modules/@aws-sdk/client-lambda/dist-cjs/index.js');
    else assert.ok(answer.from.startsWith(sdk ? sdk.nodeModules : '?'), answer.from);
  });

  test('an ES module handler imports @aws-sdk/client-lambda (Node ignores NODE_PATH for import)', async (t) => {
    if (!sandboxed) return t.skip('unsandboxed, ES modules find only the SDK in their own node_modules');
    await deployFunction(lambda, 'sdk-esm', { 'index.mjs': withRuntimeApi(ESM) });
    const answer = await invoke('sdk-esm');
    assert.ok(answer.names.includes('sdk-esm'), JSON.stringify(answer));
    // One copy: the link at /var/node_modules resolves to the same files require() loads.
    assert.equal(answer.from, 'file:///var/runtime/node_modules/@aws-sdk/client-lambda/dist-cjs/index.js');
  });

  test("a function's own copy of a package wins over the runtime's, for require and import", async () => {
    const own = {
      'node_modules/@aws-sdk/client-lambda/package.json': JSON.stringify({ name: '@aws-sdk/client-lambda', version: '0.0.1', main: 'own.js' }),
      'node_modules/@aws-sdk/client-lambda/own.js': "exports.whose = 'the function\\'s own';\n",
      'index.mjs': "import { whose } from '@aws-sdk/client-lambda';\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nexport const handler = async () => ({ imported: whose, required: require('@aws-sdk/client-lambda').whose });\n",
    };
    await deployFunction(lambda, 'sdk-own', own, { Handler: 'index.handler' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-own' }));
    assert.deepEqual(JSON.parse(Buffer.from(out.Payload ?? []).toString()), { imported: "the function's own", required: "the function's own" });
  });

  for (const major of [22, 24]) {
    test(`nodejs${major}.x (Node ${major} at /var/lang) resolves it too, with require and import`, async (t) => {
      if (!existsSync(join(TEST_RUNTIMES_DIR, `node-${major}`, 'bin', 'node'))) return t.skip(`Node ${major} is not installed in ${TEST_RUNTIMES_DIR}`);
      if (!sandboxed) return t.skip('unsandboxed, ES modules find only the SDK in their own node_modules');
      const src = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n" +
        "export const handler = async () => ({ node: process.version, imported: import.meta.resolve('@aws-sdk/client-sts'), required: require.resolve('@aws-sdk/client-sts'), client: typeof (await import('@aws-sdk/client-sts')).STSClient });\n";
      await deployFunction(lambda, `sdk-node${major}`, { 'index.mjs': src }, { Runtime: `nodejs${major}.x` as Runtime });
      const out = await lambda.send(new InvokeCommand({ FunctionName: `sdk-node${major}` }));
      const answer = JSON.parse(Buffer.from(out.Payload ?? []).toString()) as Record<string, string>;
      assert.match(answer['node'] ?? '', new RegExp(`^v${major}\\.`));
      assert.deepEqual({ ...answer, node: undefined }, {
        node: undefined,
        imported: 'file:///var/runtime/node_modules/@aws-sdk/client-sts/dist-cjs/index.js',
        required: '/var/runtime/node_modules/@aws-sdk/client-sts/dist-cjs/index.js',
        client: 'function',
      });
    });
  }

  test('the SDK is read-only inside the sandbox', async (t) => {
    if (!sandboxed) return t.skip('unsandboxed');
    const src = "const fs = require('node:fs');\nexports.handler = async () => { try { fs.writeFileSync('/var/runtime/node_modules/x', 'x'); return 'written'; } catch (e) { return e.code; } };\n";
    await deployFunction(lambda, 'sdk-ro', { 'index.js': src });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-ro' }));
    assert.equal(Buffer.from(out.Payload ?? []).toString(), '"EROFS"');
  });
});

test('a Python handler with boto3.client("lambda").list_functions() reaches Lambent through AWS_ENDPOINT_URL', { skip: noBoto3 }, async () => {
  await deployFunction(lambda, 'sdk-python', { 'index.py': withRuntimeApi(PYTHON, true) }, { Runtime: 'python3.11', Handler: 'index.handler', Timeout: 30 });
  const answer = await invoke('sdk-python');
  assert.ok(answer.names.includes('sdk-python'), JSON.stringify(answer));
  assert.equal(answer.botocore, botocore);
});
