// Lambent as a process a person runs: one server per data dir, signals stop it cleanly (also under npx), its
// sandboxes do not outlive it, and start-up failures are one line naming the path and the fix.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, type Runtime } from '@aws-sdk/client-lambda';
import { deployFunction, lambdaClient, startServer, tempDir, TEST_RUNTIMES_DIR } from '../helpers/lambent.js';
import { waitFor } from '../helpers/raw-http.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/lambent.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Runs `lambent start …` to completion (it must exit by itself, e.g. refusing to start). */
function runStart(args: string[], prefix: string[] = []): Run {
  const argv = [...prefix, process.execPath, BIN, 'start', '--port', '0', ...args];
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LAMBENT_RUNTIMES_DIR: TEST_RUNTIMES_DIR, LAMBENT_RUNTIME_INSTALL: 'off' },
  });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** A refusal a person can act on: exit 1, one line on stderr, no stack trace. */
function assertOneLineRefusal(r: Run, pattern: RegExp): void {
  assert.equal(r.code, 1, `exit code ${r.code} (${r.signal ?? ''})\n${r.out}\n${r.err}`);
  const lines = r.err.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr:\n${r.err}`);
  assert.match(lines[0] as string, pattern);
  assert.doesNotMatch(r.err, /\n\s+at /);
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose cgroup is one of these execution environments (lambent/<id>, on cgroup v1 or v2). */
function sandboxPids(envIds: string[]): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cg = '';
    try {
      cg = readFileSync(`/proc/${entry}/cgroup`, 'utf8');
    } catch {
      continue;
    }
    if (envIds.some((id) => cg.includes(`/lambent/${id}\n`) || cg.includes(`/lambent/${id}/`))) out.push(Number(entry));
  }
  return out;
}

function unshareWorks(): boolean {
  return process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
}

describe('one Lambent per data dir', () => {
  test('a second start on the same data dir refuses, naming the first; after it stops, the dir is free', async () => {
    const first = await startServer();
    try {
      const second = runStart(['--data-dir', first.dataDir]);
      assertOneLineRefusal(second, new RegExp(`^lambent: data dir ${first.dataDir} is in use by another Lambent \\(pid ${first.proc.pid}, ${first.url.replace(/[.]/g, '\\.')}, started [^)]+\\); stop it first, or use another --data-dir$`));
      assert.ok(await answers(first.url), 'the first server still answers');
    } finally {
      assert.equal(await first.stop(), 0);
    }
    const again = await startServer({ dataDir: first.dataDir });
    await again.dispose();
  });
});

describe('signals', () => {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    test(`${sig} stops lambent start cleanly`, async () => {
      const server = await startServer();
      server.proc.kill(sig);
      // Only then stop(): its SIGTERM sent at once could be handled first, and the shutdown it starts makes the
      // later signal a no-op (seen under load).
      await waitFor(() => server.output().includes(`${sig} received`), 10_000, `"${sig} received" in the log`);
      assert.equal(await server.stop(), 0, server.output());
      assert.match(server.output(), new RegExp(`${sig} received, shutting down`));
      assert.equal(await answers(server.url), false);
      assert.equal(existsSync(join(server.dataDir, 'lambent.pid')), false, 'the lock holder file is removed');
      await server.dispose();
    });
  }

  test('SIGTERM to `npx lambent start` leaves no Lambent running', async () => {
    const dataDir = tempDir();
    const npx = spawn('npx', ['lambent', 'start', '--port', '0', '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...process.env, LAMBENT_RUNTIMES_DIR: TEST_RUNTIMES_DIR, LAMBENT_RUNTIME_INSTALL: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npx.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    npx.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    try {
      // npx may build dist/ first (prepare): allow for a slow tsc.
      await until('npx lambent start to listen', () => /listening on http/.test(out), 180_000);
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] as string;
      // The server itself is a grandchild of npx (npm → sh → node); the lock file names it.
      const holder = JSON.parse(readFileSync(join(dataDir, 'lambent.pid'), 'utf8')) as { pid: number };
      assert.notEqual(holder.pid, npx.pid);
      assert.ok(await answers(url));
      npx.kill('SIGTERM');
      await until('the Lambent under npx to exit', () => !alive(holder.pid), 20_000);
      assert.equal(await answers(url), false, 'nothing answers on the address any more');
    } finally {
      killTree(npx);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

function killTree(p: ChildProcess): void {
  if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
}

describe('sandboxes do not outlive Lambent', () => {
  test('kill -9 with warm and frozen environments: none survives, and the next start reaps what is left, saying so', async () => {
    const server = await startServer({ args: ['--sandbox', 'auto'] });
    const lambda = lambdaClient(server.url);
    const envDir = join(server.dataDir, 'environments');
    const envIds = (): string[] => (existsSync(envDir) ? readdirSync(envDir).filter((d) => !d.startsWith('.') && d !== 'empty-opt') : []);
    try {
      const code = { 'index.js': 'exports.handler = async () => process.pid;\n' };
      await deployFunction(lambda, 'frozen-fn', code);
      await deployFunction(lambda, 'warm-fn', code);
      await lambda.send(new InvokeCommand({ FunctionName: 'frozen-fn' }));
      const health = async (): Promise<{ environments: { frozen: number } }> =>
        (await (await fetch(`${server.url}/health`)).json()) as { environments: { frozen: number } };
      await until('an idle environment to freeze', async () => (await health()).environments.frozen >= 1);
      await lambda.send(new InvokeCommand({ FunctionName: 'warm-fn' }));
    } catch (e) {
      await server.dispose();
      throw e;
    }
    const ids = envIds();
    assert.ok(ids.length >= 2, `environments on disk: ${ids.join(', ')}`);
    assert.ok(sandboxPids(ids).length >= 2, 'the environments have processes');
    await server.kill();
    // Running sandboxes die with Lambent; frozen ones are thawed by its death watcher so their SIGKILL lands.
    await until('every sandbox process of the killed Lambent to be gone', () => sandboxPids(ids).length === 0, 20_000);

    const restarted = await startServer({ dataDir: server.dataDir });
    try {
      assert.match(restarted.output(), /reaped \d+ execution environment\(s\) left behind by a previous Lambent/);
    } finally {
      await restarted.dispose();
    }
  });
});

describe('start-up errors a person can act on', () => {
  test('data dir that cannot be created: one line naming it and the fix', () => {
    const dir = tempDir();
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const r = runStart(['--data-dir', join(file, 'data')]);
    assertOneLineRefusal(r, new RegExp(`^lambent: cannot create data dir ${join(file, 'data')}: a path component is a file, not a directory; choose a writable directory with --data-dir DIR \\(or LAMBENT_DATA_DIR\\)$`));
    rmSync(dir, { recursive: true, force: true });
  });

  test('data dir on a read-only file system: one line naming it and the fix', { skip: unshareWorks() ? false : 'needs root and unshare -m to mount a read-only file system' }, () => {
    const dir = tempDir();
    // In a private mount namespace: a read-only tmpfs over `dir`, then Lambent with --data-dir in it.
    const mount = ['unshare', '-m', 'sh', '-c', 'mount -t tmpfs -o ro none "$0" && exec "$@"', dir];
    const missing = runStart(['--data-dir', join(dir, 'data')], mount);
    assertOneLineRefusal(missing, new RegExp(`^lambent: cannot create data dir ${join(dir, 'data')}: read-only file system; choose a writable directory`));
    const existing = runStart(['--data-dir', dir], mount);
    assertOneLineRefusal(existing, new RegExp(`^lambent: cannot write in data dir ${dir}: .*; choose a writable directory with --data-dir DIR`));
    rmSync(dir, { recursive: true, force: true });
  });

  test('--sandbox bubblewrap without bwrap: one line naming the fix', { skip: unshareWorks() ? false : 'needs root and unshare -m to hide bwrap' }, () => {
    const dir = tempDir();
    const bwraps = ['/usr/bin/bwrap', '/usr/local/bin/bwrap'].filter((p) => existsSync(p));
    // /dev/null bound over bwrap: it exists but cannot be executed, as good as absent.
    const hide = bwraps.map((p) => `mount --bind /dev/null ${p}`).join(' && ') || 'true';
    const r = runStart(['--data-dir', join(dir, 'data'), '--sandbox', 'bubblewrap'], ['unshare', '-m', 'sh', '-c', `${hide} && exec "$@"`, 'sh']);
    assertOneLineRefusal(r, /^lambent: --sandbox bubblewrap: .*bubblewrap not found: apt-get install -y bubblewrap.*or start with --sandbox auto\)$/);
    rmSync(dir, { recursive: true, force: true });
  });

  test("a python runtime whose minor is not the host's says so in the function's log at cold start", async (t) => {
    const v = spawnSync('/usr/bin/python3', ['-c', 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")'], { encoding: 'utf8' });
    if (v.status !== 0) {
      t.skip('no /usr/bin/python3 here');
      return;
    }
    const host = v.stdout.trim();
    const minor = Number(host.split('.')[1]);
    const other = `3.${minor >= 14 ? minor - 1 : minor + 1}`;
    const server = await startServer();
    try {
      const lambda = lambdaClient(server.url);
      // The import fails, as 3.12-only syntax fails on a host's 3.11: the init tail is what the caller sees.
      const code = { 'app.py': 'raise ImportError("needs a newer Python")\n' };
      await deployFunction(lambda, 'py-other', code, { Runtime: `python${other}` as Runtime, Handler: 'app.handler' });
      await deployFunction(lambda, 'py-same', code, { Runtime: `python${host}` as Runtime, Handler: 'app.handler' });
      const tail = async (name: string): Promise<string> => {
        const out = await lambda.send(new InvokeCommand({ FunctionName: name, LogType: 'Tail' }));
        assert.equal(out.FunctionError, 'Unhandled');
        return Buffer.from(out.LogResult ?? '', 'base64').toString();
      };
      assert.match(await tail('py-other'), new RegExp(`WARNING: python${other.replace('.', '\\.')} runs on the host's python3 ${host.replace('.', '\\.')}\\.\\d+, not ${other.replace('.', '\\.')}`));
      assert.doesNotMatch(await tail('py-same'), /WARNING: python/);
    } finally {
      await server.dispose();
    }
  });
});
