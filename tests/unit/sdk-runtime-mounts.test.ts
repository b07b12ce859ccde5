// Where a function finds the runtime's AWS SDK: the bubblewrap mounts (the SDK at /var/runtime/node_modules, the
// runtime's files beside it, a link at /var/node_modules for ES modules), NODE_PATH sandboxed and not, and an
// interpreter set that installs the SDK in the background on first use and mounts it once it is there.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBwrapArgs } from '../../src/sandbox/bubblewrap.js';
import type { SandboxSpec } from '../../src/sandbox/types.js';
import { environmentVariables, hostPaths, RUNTIME_NODE_MODULES, SANDBOX_PATHS, sdkMounts } from '../../src/invocation/launch-spec.js';
import type { FunctionSnapshot } from '../../src/invocation/types.js';
import { installedSdk, pinnedSdk, type SdkInstallResult } from '../../src/runtimes/aws-sdk.js';
import { MANIFEST } from '../../src/runtimes/installed.js';
import { RuntimeInterpreters } from '../../src/runtimes/interpreters.js';
import { formatRuntimes } from '../../src/cli/runtimes.js';

let dir: string;
let runtimeDir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'lambent-sdk-mounts-'));
  runtimeDir = join(dir, 'runtime-nodejs');
  mkdirSync(runtimeDir);
  for (const f of ['bootstrap.mjs', 'warm.cjs', 'warm.mjs']) writeFileSync(join(runtimeDir, f), '');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const LAYOUT = { system: [{ kind: 'bind' as const, path: '/usr' }] };
const OPTS = { hostname: 'h', etcDir: '/e', dropCapabilities: true };

function spec(over: Partial<SandboxSpec>): SandboxSpec {
  return { id: 'x', argv: ['/usr/bin/node', '/var/runtime/bootstrap.mjs'], env: {}, taskDir: '/code', runtimeDir, tmpSizeMb: 16, memoryMb: 128, ...over };
}

/** The bwrap options as (op, ...args) tuples, in order. */
function ops(options: string[]): string[][] {
  const out: string[][] = [];
  const arity: Record<string, number> = { '--ro-bind': 2, '--dir': 1, '--symlink': 2 };
  for (let i = 0; i < options.length; i++) {
    const op = options[i] ?? '';
    const n = arity[op];
    if (n === undefined) continue;
    out.push([op, ...options.slice(i + 1, i + 1 + n)]);
    i += n;
  }
  return out;
}

describe('bubblewrap mounts for the runtime SDK', () => {
  test('without the SDK, /var/runtime is the runtime dir bound whole, and nothing is linked', () => {
    const o = ops(buildBwrapArgs(spec({}), LAYOUT, OPTS).options);
    assert.ok(o.some((x) => x[0] === '--ro-bind' && x[1] === runtimeDir && x[2] === '/var/runtime'));
    assert.ok(!o.some((x) => x[0] === '--symlink' && x[2] === '/var/node_modules'));
  });

  test('with it, /var/runtime is composed: each runtime file bound, the SDK at node_modules, a link for ES modules', () => {
    const o = ops(buildBwrapArgs(spec({ extraReadOnly: [{ host: '/rt/sdk/node_modules', inside: RUNTIME_NODE_MODULES }] }), LAYOUT, OPTS).options);
    // The runtime dir is never bound at /var/runtime itself (its read-only bind could not take a mount point).
    assert.ok(!o.some((x) => x[2] === '/var/runtime' && x[0] === '--ro-bind'));
    const dirAt = o.findIndex((x) => x[0] === '--dir' && x[1] === '/var/runtime');
    assert.ok(dirAt >= 0, JSON.stringify(o));
    for (const f of ['bootstrap.mjs', 'warm.cjs', 'warm.mjs']) {
      const i = o.findIndex((x) => x[0] === '--ro-bind' && x[1] === join(runtimeDir, f) && x[2] === `/var/runtime/${f}`);
      assert.ok(i > dirAt, `${f} bound into /var/runtime`);
    }
    const sdkAt = o.findIndex((x) => x[0] === '--ro-bind' && x[1] === '/rt/sdk/node_modules' && x[2] === '/var/runtime/node_modules');
    assert.ok(sdkAt > dirAt);
    // Relative, so it names the SDK inside the sandbox whatever the host layout.
    assert.deepEqual(o.find((x) => x[0] === '--symlink' && x[2] === '/var/node_modules'), ['--symlink', 'runtime/node_modules', '/var/node_modules']);
  });

  test('a runtime file with the mount point\'s name is not bound under the SDK', () => {
    writeFileSync(join(runtimeDir, 'node_modules'), '');
    try {
      const o = ops(buildBwrapArgs(spec({ extraReadOnly: [{ host: '/rt/sdk/node_modules', inside: RUNTIME_NODE_MODULES }] }), LAYOUT, OPTS).options);
      assert.deepEqual(o.filter((x) => x[2] === '/var/runtime/node_modules').map((x) => x[1]), ['/rt/sdk/node_modules']);
    } finally {
      rmSync(join(runtimeDir, 'node_modules'));
    }
  });
});

const SNAP = {
  runtime: 'nodejs20.x', handler: 'index.handler', region: 'us-east-1', name: 'f', version: '$LATEST', memoryMb: 128,
  logGroup: '/aws/lambda/f', environment: {},
} as unknown as FunctionSnapshot;

describe('NODE_PATH', () => {
  test("sandboxed, AWS's value: layers, then the runtime's SDK, then /var/runtime and /var/task", () => {
    const env = environmentVariables(SNAP, 'nodejs', SANDBOX_PATHS, '127.0.0.1:9001', 's');
    assert.equal(env['NODE_PATH'], '/opt/nodejs/node20/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task');
  });

  test("unsandboxed, nothing is mounted: the SDK's host folder takes /var/runtime/node_modules' place", () => {
    const sdk = [{ host: '/data/runtimes/aws-sdk-js-v3-3.1.0-abcd/node_modules', inside: RUNTIME_NODE_MODULES }];
    const env = environmentVariables(SNAP, 'nodejs', hostPaths('/code', '/lambent/runtimes/nodejs', '/empty-opt', sdk), '127.0.0.1:1', 's');
    assert.equal(env['NODE_PATH'], '/empty-opt/nodejs/node20/node_modules:/empty-opt/nodejs/node_modules:/data/runtimes/aws-sdk-js-v3-3.1.0-abcd/node_modules:/lambent/runtimes/nodejs:/code');
  });

  test('a function may set its own NODE_PATH, as on AWS', () => {
    const env = environmentVariables({ ...SNAP, environment: { NODE_PATH: '/var/task/lib' } } as FunctionSnapshot, 'nodejs', SANDBOX_PATHS, 'a', 's');
    assert.equal(env['NODE_PATH'], '/var/task/lib');
  });
});

/** A complete-looking SDK release under runtimesDir, as installSdk leaves it. */
function fakeRelease(runtimesDir: string, version: string): void {
  const spec = pinnedSdk();
  const name = `aws-sdk-js-v3-${version}-${spec.lockDigest.slice(0, 8)}`;
  const pkg = join(runtimesDir, name, 'node_modules', '@aws-sdk', 'client-lambda');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@aws-sdk/client-lambda', version, engines: { node: '>=20.0.0' } }));
  const manifest = { name: 'aws-sdk-js-v3', version, packages: spec.packages, lockDigest: spec.lockDigest, installedBytes: 1, installMs: 1, installedAt: '' };
  writeFileSync(join(runtimesDir, name, MANIFEST), JSON.stringify(manifest));
  symlinkSync(name, join(runtimesDir, 'aws-sdk-js-v3'));
}

describe('RuntimeInterpreters.nodeSdk', () => {
  const HOST = { path: process.execPath, version: process.version };

  test('absent and install off: nothing is mounted, and the report says so with the fix', () => {
    const rt = mkdtempSync(join(dir, 'rt-'));
    const interps = new RuntimeInterpreters({ runtimesDir: rt, install: 'off', hostNode: HOST });
    assert.deepEqual(sdkMounts('nodejs', interps), []);
    assert.match(interps.report().awsSdkJs.missing ?? '', /run `lambent runtimes install aws-sdk`/);
  });

  test('absent and install auto: the first nodejs use installs it in the background, later ones mount it', async () => {
    const rt = mkdtempSync(join(dir, 'rt-'));
    let calls = 0;
    let finish: () => void = () => undefined;
    const installer = (d: string): Promise<SdkInstallResult> => {
      calls++;
      return new Promise((resolve) => {
        finish = () => {
          fakeRelease(d, pinnedSdk().version);
          const installed = installedSdk(d);
          if (installed) resolve({ installed, changed: true, ms: 1 });
        };
      });
    };
    const interps = new RuntimeInterpreters({ runtimesDir: rt, install: 'auto', hostNode: HOST, sdkInstaller: installer });
    assert.deepEqual(sdkMounts('python', interps), [], 'python runtimes do not start it');
    assert.equal(calls, 0);
    assert.deepEqual(sdkMounts('nodejs', interps), [], 'the cold start does not wait for it');
    sdkMounts('nodejs', interps);
    assert.equal(calls, 1, 'one install, however many cold starts');
    assert.equal(interps.report().awsSdkJs.installing, true);
    finish();
    await new Promise((r) => setImmediate(r));
    const mounts = sdkMounts('nodejs', interps);
    assert.equal(mounts.length, 1);
    assert.equal(mounts[0]?.inside, '/var/runtime/node_modules');
    assert.match(mounts[0]?.host ?? '', /aws-sdk-js-v3-[\d.]+-[0-9a-f]{8}\/node_modules$/);
    assert.equal(interps.report().awsSdkJs.missing, undefined);
    // The release's engines field says Node 20+: a runtime on Node 18 gets none rather than a client that may break.
    assert.deepEqual(sdkMounts('nodejs', interps, { kind: 'node', path: '/n18', version: 'v18.20.8' }), []);
    assert.equal(sdkMounts('nodejs', interps, { kind: 'node', path: '/n22', version: 'v22.23.5' }).length, 1);
  });

  test('a failed install is reported and not retried at every cold start', async () => {
    const rt = mkdtempSync(join(dir, 'rt-'));
    let calls = 0;
    const interps = new RuntimeInterpreters({
      runtimesDir: rt, install: 'auto', hostNode: HOST,
      sdkInstaller: () => { calls++; return Promise.reject(new Error('npm ci failed (exit 1): ENOTFOUND registry')); },
    });
    sdkMounts('nodejs', interps);
    await new Promise((r) => setImmediate(r));
    sdkMounts('nodejs', interps);
    assert.equal(calls, 1);
    assert.match(interps.report().awsSdkJs.error ?? '', /ENOTFOUND/);
  });
});

describe('lambent doctor / runtimes list', () => {
  const HOST = { path: process.execPath, version: process.version };

  test('say which SDKs functions get, or that they get none and the fix', () => {
    const rt = mkdtempSync(join(dir, 'rt-'));
    const report = new RuntimeInterpreters({ runtimesDir: rt, install: 'off', hostNode: HOST }).report();
    const none = formatRuntimes({ ...report, boto3: { missing: 'python functions cannot import boto3: apt-get install python3-boto3 (Debian/Ubuntu), or bundle boto3 with the function' } });
    assert.match(none, /^  aws-sdk: not installed$/m);
    assert.match(none, /^WARNING: nodejs functions run without the AWS SDK for JavaScript .*: run `lambent runtimes install aws-sdk`$/m);
    assert.match(none, /^boto3: +not found$/m);
    assert.match(none, /^WARNING: python functions cannot import boto3: apt-get install python3-boto3/m);

    fakeRelease(rt, pinnedSdk().version);
    const some = formatRuntimes({ ...new RuntimeInterpreters({ runtimesDir: rt, install: 'off', hostNode: HOST }).report(), boto3: { boto3: '1.26.27', botocore: '1.29.27', endpointHook: true } });
    assert.match(some, new RegExp(`^  aws-sdk ${pinnedSdk().version.replaceAll('.', '\\.')} +\\S+aws-sdk-js-v3-\\S+ \\(\\d+ pinned packages, `, 'm'));
    assert.doesNotMatch(some, /AWS SDK for JavaScript/);
    assert.match(some, /^boto3: +1\.26\.27 \(botocore 1\.29\.27, AWS_ENDPOINT_URL supplied by Lambent's bootstrap\)$/m);
  });
});
