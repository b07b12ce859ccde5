// Pieces of the stem-cell pool below the engine: which functions may start from the pool, and late code attachment
// (a sandbox started with an empty /var/task later sees a function's code there, read-only).
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { poolBypassReason, POOLED_TMP_MB } from '../../src/invocation/stem-pool.js';
import type { FunctionSnapshot } from '../../src/invocation/types.js';
import { createSandbox, probeIsolation, type Sandbox, type SandboxProcess } from '../../src/sandbox/index.js';

const snap = (over: Partial<FunctionSnapshot> = {}): FunctionSnapshot => ({
  accountId: '000000000000', region: 'us-east-1', name: 'f', version: '$LATEST', arn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
  runtime: 'nodejs20.x', handler: 'index.handler', memoryMb: 128, timeoutSec: 3, ephemeralStorageMb: POOLED_TMP_MB,
  environment: {}, codeSha256Hex: 'x', logGroup: '/aws/lambda/f', fingerprint: 'x', ...over,
});

describe('pool eligibility', () => {
  test('node and python functions with the default /tmp and ordinary variables use the pool', () => {
    assert.equal(poolBypassReason(snap()), undefined);
    assert.equal(poolBypassReason(snap({ runtime: 'python3.12' })), undefined);
    assert.equal(poolBypassReason(snap({ environment: { NODE_PATH: '/var/task/lib', TZ: 'Europe/Paris', TABLE: 't' } })), undefined);
  });

  test('provided runtimes, another /tmp size and start-up variables bypass it', () => {
    assert.match(poolBypassReason(snap({ runtime: 'provided.al2023' })) ?? '', /own bootstrap/);
    assert.match(poolBypassReason(snap({ ephemeralStorageMb: 1024 })) ?? '', /ephemeral storage/);
    for (const v of ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'AWS_LAMBDA_EXEC_WRAPPER', 'PYTHONPATH', 'PYTHONHASHSEED', 'LANG', 'LC_ALL', 'UV_THREADPOOL_SIZE', 'MALLOC_ARENA_MAX']) {
      assert.match(poolBypassReason(snap({ environment: { [v]: '1' } })) ?? '', new RegExp(v), v);
    }
  });
});

describe('late code attachment', () => {
  let root: string;
  let codeA: string;
  let codeB: string;
  let sb: Sandbox | undefined;
  let available = false;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'lambent-late-test-'));
    await chmod(root, 0o755);
    codeA = join(root, 'code-a');
    codeB = join(root, 'code-b');
    for (const [dir, text] of [[codeA, 'code a'], [codeB, 'code b']] as const) {
      await mkdir(dir, { mode: 0o755 });
      await writeFile(join(dir, 'hello.txt'), `${text}\n`, { mode: 0o644 });
    }
    await mkdir(join(root, 'rt'), { mode: 0o755 });
    const report = await probeIsolation();
    if (report.sandbox === 'bubblewrap') {
      sb = await createSandbox({ mode: 'bubblewrap', stateDir: join(root, 'state') });
      available = await sb.lateCode();
    }
  });
  after(async () => {
    await sb?.close?.();
    await rm(root, { recursive: true, force: true });
  });

  /** Starts `sh` waiting for a line on stdin, then running script; resolves with its output. */
  async function waiting(script: string): Promise<{ proc: SandboxProcess; output: Promise<string> }> {
    const proc = await (sb as Sandbox).launch({
      id: `late-${randomBytes(6).toString('hex')}`,
      argv: ['/bin/sh', '-c', `read line; ${script}`],
      env: { PATH: '/usr/bin:/bin' },
      taskDir: '/',
      runtimeDir: join(root, 'rt'),
      tmpSizeMb: 16,
      memoryMb: 128,
      stdinPipe: true,
      lateCode: true,
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    return { proc, output: proc.exited.then(() => out) };
  }

  test('code attached to a running sandbox appears read-only at /var/task, and only in that sandbox', async (t) => {
    if (!available) return t.skip('late code attachment needs bubblewrap, root, python3 and nsenter');
    const script = 'ls /var/task; cd /var/task && cat hello.txt; touch /var/task/new 2>/dev/null && echo WRITABLE; echo done';
    const a = await waiting(script);
    const b = await waiting(script);
    const empty = await waiting('ls /var/task | wc -l');
    try {
      await a.proc.attachCode(codeA);
      await b.proc.attachCode(codeB);
      a.proc.stdin?.end('go\n');
      b.proc.stdin?.end('go\n');
      empty.proc.stdin?.end('go\n');
      assert.equal(await a.output, 'hello.txt\ncode a\ndone\n');
      assert.equal(await b.output, 'hello.txt\ncode b\ndone\n');
      assert.equal((await empty.output).trim(), '0', 'a sandbox without attached code still sees an empty /var/task');
    } finally {
      await Promise.all([a.proc.destroy(), b.proc.destroy(), empty.proc.destroy()]);
    }
    // The host never saw these mounts: they live in the helper's private mount namespace.
    const { readFileSync } = await import('node:fs');
    assert.doesNotMatch(readFileSync('/proc/self/mountinfo', 'utf8'), new RegExp(root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  test('an exec stem becomes the command it is given: exact argv and environment, in /var/task, after the code is attached', async (t) => {
    if (!available || !(await (sb as Sandbox).execStems())) return t.skip('exec stems need bubblewrap, root and python3 under /usr');
    const launch = (): Promise<SandboxProcess> => (sb as Sandbox).launch({
      id: `exec-${randomBytes(6).toString('hex')}`,
      argv: ['/bin/sh'],
      env: { IGNORED: 'the waiter gets no variables' },
      taskDir: '/',
      runtimeDir: join(root, 'rt'),
      tmpSizeMb: 16,
      memoryMb: 128,
      stdinPipe: true,
      lateCode: true,
      execStem: true,
    });
    const output = (proc: SandboxProcess): Promise<string> => {
      let out = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
      return proc.exited.then(() => out);
    };
    const proc = await launch();
    const unused = await launch();
    try {
      const out = output(proc);
      const script = 'echo "$0|$1|$(pwd)|$(cat hello.txt)|$(readlink /proc/$$/fd/0)"; env -0 | sort -z | tr "\\\\0" ";"';
      proc.stdin?.write(`${JSON.stringify({ argv: ['/bin/sh', '-c', script, 'zero', 'one'], env: { A: 'x\ny', PWD: '/var/task' } })}\n`);
      await proc.attachCode(codeA);
      proc.stdin?.end('go\n');
      assert.equal(await out, 'STEM_READY\nzero|one|/var/task|code a|/dev/null\nA=x\ny;PWD=/var/task;');
      // A stem given no command (the pool discarded it) just goes away.
      const rest = output(unused);
      unused.stdin?.end();
      assert.equal(await rest, 'STEM_READY\n');
      assert.equal((await unused.exited).code, 0);
    } finally {
      await Promise.all([proc.destroy(), unused.destroy()]);
    }
  });
});
