// runtimes/python/lambent_endpoints.py, the hook that gives botocore < 1.31.57 AWS_ENDPOINT_URL[_<SERVICE>], run in
// the host's python3 with its own boto3 (Debian 12: botocore 1.29, which ignores both variables by itself). Each case
// is a fresh interpreter, as a function's environment is; clients are only created, never called.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const PYTHON = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));
const HOOK_DIR = join(process.cwd(), 'runtimes', 'python');

function py(code: string, env: Record<string, string> = {}): string {
  if (!PYTHON) throw new Error('no python3');
  const r = spawnSync(PYTHON, ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(HOOK_DIR)})\n${code}`], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_DEFAULT_REGION: 'us-east-1', ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const botocore = PYTHON ? spawnSync(PYTHON, ['-c', 'import botocore; print(botocore.__version__)'], { encoding: 'utf8' }) : undefined;
const version = botocore?.status === 0 ? botocore.stdout.trim() : undefined;
const older = version !== undefined && version.split('.').map(Number).reduce((acc, n, i) => (acc !== 0 ? acc : n - ([1, 31, 57][i] ?? 0)), 0) < 0;
const needOld = !version ? 'the host python3 cannot import botocore (apt-get install python3-boto3)' : older ? false : `botocore ${version} reads the variables itself`;

const ENDPOINTS = `
import lambent_endpoints; lambent_endpoints.install()
import boto3
for args in SERVICES:
    print(boto3.client(*args[:1], **args[1]).meta.endpoint_url)
`;

function endpoints(services: [string, Record<string, string>][], env: Record<string, string>): string[] {
  return py(`SERVICES = ${JSON.stringify(services)}\n${ENDPOINTS}`, env).split('\n');
}

test('installing the hook imports nothing: boto3 and botocore load only when the handler imports them', { skip: PYTHON ? false : 'no python3' }, () => {
  assert.equal(py("import lambent_endpoints; lambent_endpoints.install(); print([m for m in ('boto3', 'botocore') if m in sys.modules])"), '[]');
});

test('AWS_ENDPOINT_URL reaches clients created without an endpoint', { skip: needOld }, () => {
  assert.deepEqual(endpoints([['lambda', {}], ['sqs', {}]], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9001' }), ['http://127.0.0.1:9001', 'http://127.0.0.1:9001']);
});

test('precedence: endpoint_url given > AWS_ENDPOINT_URL_<SERVICE> (serviceId, spaces to _) > AWS_ENDPOINT_URL', { skip: needOld }, () => {
  const env = { AWS_ENDPOINT_URL: 'http://global:1', AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://logs:2', AWS_ENDPOINT_URL_LAMBDA: 'http://lambda:3' };
  assert.deepEqual(endpoints([['logs', {}], ['lambda', {}], ['lambda', { endpoint_url: 'http://given:4' }], ['sts', {}]], env), [
    'http://logs:2',
    'http://lambda:3',
    'http://given:4',
    'http://global:1',
  ]);
});

test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns both variables off', { skip: needOld }, () => {
  const [url] = endpoints([['lambda', {}]], { AWS_ENDPOINT_URL: 'http://global:1', AWS_ENDPOINT_URL_LAMBDA: 'http://l:2', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
  assert.equal(url, 'https://lambda.us-east-1.amazonaws.com');
});

test('variables set after the import count (they are read when the client is created)', { skip: needOld }, () => {
  const out = py("import lambent_endpoints; lambent_endpoints.install()\nimport boto3, os\nos.environ['AWS_ENDPOINT_URL'] = 'http://late:5'\nprint(boto3.client('lambda').meta.endpoint_url)");
  assert.equal(out, 'http://late:5');
});

test('without the hook this botocore calls AWS itself (what the hook is for)', { skip: needOld }, () => {
  assert.equal(py("import boto3; print(boto3.client('lambda').meta.endpoint_url)", { AWS_ENDPOINT_URL: 'http://127.0.0.1:9001' }), 'https://lambda.us-east-1.amazonaws.com');
});

test('a botocore that reads the variables itself is left alone', { skip: PYTHON ? false : 'no python3' }, () => {
  const out = py(`
import types, lambent_endpoints
sys.modules['botocore'] = types.SimpleNamespace(__version__='1.31.57')
class Session:
    def create_client(self, *a, **k): return 'original'
module = types.SimpleNamespace(Session=Session)
print(lambent_endpoints.patch_session_module(module), Session.create_client.__name__, Session().create_client('lambda'))
sys.modules['botocore'] = types.SimpleNamespace(__version__='1.31.56')
print(lambent_endpoints.patch_session_module(module), lambent_endpoints.patch_session_module(module))
`);
  assert.deepEqual(out.split('\n'), ['False create_client original', 'True False']);
});
