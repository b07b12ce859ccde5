// AWS_LAMBDA_EXEC_WRAPPER: a managed runtime starts the wrapper with the runtime's command line as arguments; the
// wrapper can change the environment before it execs the runtime. OS-only runtimes ignore the variable.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { InvokeCommand, type LambdaClient, type Runtime } from '@aws-sdk/client-lambda';
import { deployFunction, lambdaClient, startServer, type TestServer } from '../helpers/lambent.js';

let server: TestServer;
let lambda: LambdaClient;

before(async () => {
  server = await startServer();
  lambda = lambdaClient(server.url);
});
after(async () => {
  lambda.destroy();
  await server.dispose();
});

const WRAPPER = `#!/bin/sh
export WRAPPED_ARGS="$*"
export FROM_WRAPPER=yes
exec "$@"
`;

async function run(name: string, runtime: Runtime, files: Record<string, string | { content: string; mode: number }>, handler: string): Promise<Record<string, unknown>> {
  await deployFunction(lambda, name, { ...files, 'wrapper.sh': { content: WRAPPER, mode: 0o755 } }, {
    Runtime: runtime,
    Handler: handler,
    Environment: { Variables: { AWS_LAMBDA_EXEC_WRAPPER: '/var/task/wrapper.sh' } },
  });
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }));
  assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
  return JSON.parse(Buffer.from(out.Payload ?? []).toString()) as Record<string, unknown>;
}

test('a nodejs function starts through its exec wrapper, which receives the runtime command line', async () => {
  const r = await run(
    'wrapped-node',
    'nodejs20.x' as Runtime,
    { 'index.js': 'exports.handler = async () => ({ from: process.env.FROM_WRAPPER ?? null, args: process.env.WRAPPED_ARGS ?? null });\n' },
    'index.handler',
  );
  assert.equal(r['from'], 'yes');
  assert.match(String(r['args']), /node .*\/bootstrap\.mjs$/);
});

test('a python function starts through its exec wrapper', async () => {
  const r = await run(
    'wrapped-python',
    'python3.11' as Runtime,
    { 'app.py': "import os\ndef handler(event, context):\n    return {'from': os.environ.get('FROM_WRAPPER'), 'args': os.environ.get('WRAPPED_ARGS')}\n" },
    'app.handler',
  );
  assert.equal(r['from'], 'yes');
  assert.match(String(r['args']), /python.*bootstrap\.py$/);
});
