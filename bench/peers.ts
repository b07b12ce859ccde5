// The peers the bench compares Lambent with, run on the same machine with the
// same hello-world handler: serverless-offline (v13 with serverless v3, which
// runs offline without a login; its Lambda invoke endpoint, Node handler in its
// default worker-thread mode) and lambda-local (v2, --watch HTTP mode). They are
// installed on first use into bench/.peers (git-ignored), never into
// package.json; a peer that cannot be installed or started is skipped with the
// reason, and the bench goes on without it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const PEERS_DIR = new URL('./.peers/', import.meta.url).pathname;
const PACKAGES = ['serverless@3', 'serverless-offline@13', 'lambda-local@2'];
const SERVICE_DIR = join(PEERS_DIR, 'service');

export interface PeerTarget {
  /** Display name, as in the result tables. */
  name: string;
  host: string;
  port: number;
  path: string;
  /** The request body that hands `event` (JSON text) to the handler. */
  body(event: string): string;
  stop(): Promise<void>;
}

export type PeerStart = { ok: true; peer: PeerTarget } | { ok: false; name: string; reason: string };

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

/** A loopback port nobody listens on now (for peers that want a port named on their command line). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Installs the peers into bench/.peers unless they are there; resolves with a reason when it could not. */
export async function ensurePeers(): Promise<string | undefined> {
  const have = (p: string): boolean => existsSync(join(PEERS_DIR, 'node_modules', p, 'package.json'));
  if (have('serverless') && have('serverless-offline') && have('lambda-local')) return undefined;
  mkdirSync(PEERS_DIR, { recursive: true });
  log(`installing peers ${PACKAGES.join(', ')} into ${PEERS_DIR} (first run only; npm install --prefix)`);
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', ...PACKAGES],
      { timeout: 300_000, maxBuffer: 16 << 20 },
      (err, _stdout, stderr) => {
        if (err) resolve(`npm install failed: ${(stderr || err.message).trim().split('\n').slice(-3).join(' ')}`);
        else resolve(undefined);
      },
    );
  });
}

/** The serverless project both peers load the handler from. */
function writeService(handlerSource: string): void {
  mkdirSync(SERVICE_DIR, { recursive: true });
  writeFileSync(join(SERVICE_DIR, 'handler.js'), handlerSource);
  writeFileSync(
    join(SERVICE_DIR, 'serverless.yml'),
    `service: bench
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
  region: us-east-1
plugins:
  - serverless-offline
functions:
  hello:
    handler: handler.handler
`,
  );
}

/** Spawns a peer and waits for a line of its output that says it listens. */
function launch(name: string, argv: string[], ready: RegExp, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: SERVICE_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within 60 s: ${out.slice(-500)}`));
    }, 60_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        // Keep draining its output (a full pipe would stall it) without keeping it.
        child.stdout?.removeListener('data', onData);
        child.stderr?.removeListener('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${out.slice(-500)}`));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
}

export async function startServerlessOffline(handlerSource: string): Promise<PeerStart> {
  const name = 'serverless-offline';
  try {
    writeService(handlerSource);
    const [lambdaPort, httpPort, wsPort] = [await freePort(), await freePort(), await freePort()];
    const bin = join(PEERS_DIR, 'node_modules', 'serverless', 'bin', 'serverless.js');
    const child = await launch(
      name,
      [bin, 'offline', 'start', '--lambdaPort', String(lambdaPort), '--httpPort', String(httpPort), '--websocketPort', String(wsPort)],
      /listening on http:\/\/localhost:\d+/,
      // Offline use: no telemetry, no update notifications, no login.
      { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', SLS_DEPRECATION_DISABLE: '*' },
    );
    return {
      ok: true,
      peer: {
        name,
        host: '127.0.0.1',
        port: lambdaPort,
        path: '/2015-03-31/functions/bench-dev-hello/invocations',
        body: (event) => event,
        stop: stopper(child),
      },
    };
  } catch (e) {
    return { ok: false, name, reason: (e as Error).message };
  }
}

export async function startLambdaLocal(handlerSource: string): Promise<PeerStart> {
  const name = 'lambda-local';
  try {
    writeService(handlerSource);
    const port = await freePort();
    const bin = join(PEERS_DIR, 'node_modules', 'lambda-local', 'build', 'cli.js');
    const child = await launch(name, [bin, '-l', 'handler.js', '-h', 'handler', '--watch', String(port), '-v', '0'], /listening on/, process.env);
    // {"event": ...} hands the event to the handler as it is (not wrapped as an API Gateway request).
    return { ok: true, peer: { name, host: '127.0.0.1', port, path: '/', body: (event) => `{"event":${event}}`, stop: stopper(child) } };
  } catch (e) {
    return { ok: false, name, reason: (e as Error).message };
  }
}
