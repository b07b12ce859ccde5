// Test harness: starts the real `lambent start` process on a free port with a
// temporary data dir, and builds AWS SDK clients pointed at it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strict as assert } from 'node:assert';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient, waitUntilFunctionActiveV2, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import { zipSync, type Zippable } from 'fflate';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface TestServer {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
  /** Stops the server and removes its data dir. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  args?: string[];
  env?: Record<string, string>;
  /** Runs `lambent start` through this command prefix (e.g. setpriv to another user; see nonroot.ts). */
  wrapper?: string[];
  /** Where bin/lambent.js is (default: this checkout). */
  root?: string;
}

/**
 * Installed Node runtimes shared by every test server (installed once, by .ci/run or the runtimes test), so no test
 * downloads a runtime: test servers never install on first use (LAMBENT_RUNTIME_INSTALL=off).
 */
export const TEST_RUNTIMES_DIR = process.env['LAMBENT_RUNTIMES_DIR'] ?? join(tmpdir(), 'lambent-test-runtimes');

export function tempDir(prefix = 'lambent-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const argv = [process.execPath, join(opts.root ?? ROOT, 'bin/lambent.js'), 'start', '--port', '0', '--data-dir', dataDir, ...(opts.args ?? [])];
  const [file, ...rest] = [...(opts.wrapper ?? []), ...argv] as [string, ...string[]];
  const proc = spawn(
    file,
    rest,
    {
      env: { ...process.env, LAMBENT_RUNTIMES_DIR: TEST_RUNTIMES_DIR, LAMBENT_RUNTIME_INSTALL: 'off', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lambent did not start in 20 s:\n${out}`)), 20_000);
    const check = (): void => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    proc.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`lambent exited with ${code} before listening:\n${out}`));
    });
  });
  const server: TestServer = {
    url,
    dataDir,
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    async dispose() {
      await server.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

export const TEST_REGION = 'us-east-1';
export const TEST_ACCOUNT = '000000000000';
export const TEST_ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

/** A trust policy that lets Lambda assume a role (what an execution role needs). */
export const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

const ensuredRoles = new Map<string, Promise<string>>();

/**
 * Creates an execution role Lambda may assume (TEST_ROLE by default) through Lambent's IAM, unless it exists: Lambent
 * checks a function's role as AWS does, so a role must exist before a function names it. Once per server and name.
 */
export function ensureRole(url: string, roleName = 'lambda-role', secret = 'test'): Promise<string> {
  const id = `${url} ${roleName}`;
  let p = ensuredRoles.get(id);
  if (!p) {
    p = (async () => {
      const iam = new IAMClient({ endpoint: url, region: TEST_REGION, credentials: { accessKeyId: 'test', secretAccessKey: secret }, maxAttempts: 1 });
      try {
        await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY }));
      } catch (e) {
        if ((e as Error).name !== 'EntityAlreadyExistsException') throw e;
      } finally {
        iam.destroy();
      }
      return `arn:aws:iam::${TEST_ACCOUNT}:role/${roleName}`;
    })();
    p.catch(() => ensuredRoles.delete(id));
    ensuredRoles.set(id, p);
  }
  return p;
}

/**
 * A Lambda client for the dev account. A CreateFunction or UpdateFunctionConfiguration naming TEST_ROLE first makes
 * sure that role exists (ensureRole), so tests that are not about roles need not create it themselves.
 */
export function lambdaClient(url: string, opts: { secret?: string; region?: string } = {}): LambdaClient {
  const client = new LambdaClient({
    endpoint: url,
    region: opts.region ?? TEST_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: opts.secret ?? 'test' },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const role = (args.input as { Role?: unknown }).Role;
      if (role === TEST_ROLE && (context.commandName === 'CreateFunctionCommand' || context.commandName === 'UpdateFunctionConfigurationCommand')) {
        await ensureRole(url, 'lambda-role', opts.secret);
      }
      return next(args);
    },
    { step: 'initialize', name: 'lambentEnsureTestRole' },
  );
  return client;
}

export type ZipFiles = Record<string, string | Buffer | { content: string | Buffer; mode: number }>;

/** Builds a real zip; `mode` sets Unix permissions (e.g. 0o755 for a bootstrap). */
export function makeZip(files: ZipFiles): Buffer {
  const z: Zippable = {};
  for (const [name, spec] of Object.entries(files)) {
    const isObj = typeof spec === 'object' && !Buffer.isBuffer(spec);
    const content = isObj ? spec.content : spec;
    const mode = isObj ? spec.mode : 0o644;
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
    // Unix attributes live in the high 16 bits of the external attributes; os 3 = Unix.
    z[name] = [data, { os: 3, attrs: ((0o100000 | mode) << 16) >>> 0 }];
  }
  return Buffer.from(zipSync(z));
}

export const NODE_HELLO = makeZip({
  'index.js': "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ hello: 'world', event }) });\n",
});

/** An error as the SDK raises it: AWS's error name, message, HTTP status and any extra members (e.g. Reason). */
export type SdkError = Error & { Reason?: string; retryAfterSeconds?: string; $metadata?: { httpStatusCode?: number } };

/** Awaits a call that must fail with this AWS error (and message: exact string or pattern; and HTTP status). */
export async function expectError(p: Promise<unknown>, name: string, message?: string | RegExp, status?: number): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    const err = e as SdkError;
    assert.equal(err.name, name, `expected ${name}, got ${err.name}: ${err.message}`);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    if (status !== undefined) assert.equal(err.$metadata?.httpStatusCode, status);
    return err;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

/** Creates a function (nodejs20.x, index.handler unless `extra` says otherwise) and waits until it is Active. */
export async function deployFunction(
  client: LambdaClient,
  name: string,
  files: ZipFiles,
  extra: Partial<CreateFunctionCommandInput> = {},
): Promise<void> {
  await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: makeZip(files) },
      ...extra,
    }),
  );
  await waitUntilFunctionActiveV2({ client, maxWaitTime: 30, minDelay: 1 }, { FunctionName: name });
}
