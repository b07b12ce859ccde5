import { after, before, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createSandbox, probeIsolation, reapStale } from '../../src/sandbox/index.js';
import type { IsolationReport, Sandbox, SandboxExit, SandboxProcess, SandboxSpec } from '../../src/sandbox/index.js';
import { buildBwrapArgs, hostnameFor, scanHost } from '../../src/sandbox/bubblewrap.js';
import { limitsFor, parseMountInfo } from '../../src/sandbox/cgroups.js';
import { openV2 } from '../../src/sandbox/cgroups-v2.js';
import { JOIN_SCRIPT } from '../../src/sandbox/process.js';
import { hostArgv } from '../../src/sandbox/unsandboxed.js';

// ---------------------------------------------------------------------------------------------------------
// Fixtures: a task dir, a runtime dir, a state dir, and a "data dir" holding a secret that must stay invisible.

let root: string;
let taskDir: string;
let runtimeDir: string;
let stateDir: string;
let secretDir: string;
let report: IsolationReport;
let bwrapSb: Sandbox | undefined;
let noneSb: Sandbox | undefined;
let seq = 0;
const SECRET = 'lambent-secret-data';

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'lambent-sandbox-test-'));
  await chmod(root, 0o755);
  taskDir = join(root, 'task');
  runtimeDir = join(root, 'runtime');
  stateDir = join(root, 'state');
  await mkdir(taskDir, { mode: 0o755 });
  await mkdir(runtimeDir, { mode: 0o755 });
  await writeFile(join(taskDir, 'hello.txt'), 'hello from the task\n', { mode: 0o644 });
  await writeFile(join(taskDir, 'script.sh'), 'echo "script ran in $(pwd)"\n', { mode: 0o755 });
  await writeFile(join(runtimeDir, 'bootstrap'), '#!/bin/sh\necho bootstrap\n', { mode: 0o755 });
  // A private dir like Lambent's data dir (under /root when we can, else next to the fixtures).
  secretDir = process.getuid?.() === 0 ? await mkdtemp('/root/.lambent-sandbox-secret-') : await mkdtemp(join(tmpdir(), 'lambent-secret-'));
  await writeFile(join(secretDir, 'secret.txt'), SECRET);
  report = await probeIsolation();
  if (report.sandbox === 'bubblewrap') bwrapSb = await createSandbox({ mode: 'bubblewrap', stateDir });
  noneSb = await createSandbox({ mode: 'none', stateDir });
});

after(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(secretDir, { recursive: true, force: true });
});

function spec(over: Partial<SandboxSpec> = {}): SandboxSpec {
  return {
    id: `t-${process.pid}-${seq++}`,
    argv: ['/bin/true'],
    env: { PATH: '/usr/bin:/bin' },
    taskDir,
    runtimeDir,
    tmpSizeMb: 16,
    memoryMb: 256,
    ...over,
  };
}

interface Ran { exit: SandboxExit; stdout: string; stderr: string }

function collect(p: SandboxProcess): { out: () => string; err: () => string; ended: Promise<unknown> } {
  let out = '';
  let err = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  p.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const end = (s: NodeJS.ReadableStream): Promise<void> => new Promise((r) => { s.once('end', r); s.once('close', r); });
  return { out: () => out, err: () => err, ended: Promise.all([end(p.stdout), end(p.stderr)]) };
}

async function run(sb: Sandbox, over: Partial<SandboxSpec>, timeoutMs = 10_000): Promise<Ran> {
  const p = await sb.launch(spec(over));
  const c = collect(p);
  const timer = setTimeout(() => void p.destroy(), timeoutMs);
  try {
    const exit = await p.exited;
    // The exit can be seen before the pipes are drained: wait for their end (bounded: a process left behind may
    // hold them open).
    await Promise.race([c.ended, new Promise((r) => setTimeout(r, 2000))]);
    return { exit, stdout: c.out(), stderr: c.err() };
  } finally {
    clearTimeout(timer);
    await p.destroy();
  }
}

const sh = (script: string): Partial<SandboxSpec> => ({ argv: ['/bin/sh', '-c', script] });

function bwrapOrSkip(t: TestContext): Sandbox | undefined {
  if (!bwrapSb) t.skip(`bubblewrap unavailable: ${report.warnings.join(' ')}`);
  return bwrapSb;
}

function v1Dir(controller: string, id: string): string {
  return `/sys/fs/cgroup/${controller}/lambent/${id}`;
}

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

// ---------------------------------------------------------------------------------------------------------

describe('argv building and helpers (pure)', () => {
  test('bwrap options: namespaces, read-only mounts, tmpfs size, network unshared only when asked, env only via --setenv', () => {
    const layout = { system: [{ kind: 'bind' as const, path: '/usr' }, { kind: 'symlink' as const, path: '/bin', target: 'usr/bin' }] };
    const { options, command } = buildBwrapArgs(
      spec({ id: 'x', env: { A: '1', B: 'two words' }, tmpSizeMb: 512, optDir: '/layers', extraReadOnly: [{ host: '/h/lang', inside: '/var/lang' }] }),
      layout,
      { hostname: 'h', etcDir: '/state/.etc', dropCapabilities: true, dropPrivileges: { setpriv: '/usr/bin/setpriv', uid: 993, gid: 990 } },
    );
    const joined = options.join(' ');
    for (const flag of ['--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--die-with-parent', '--new-session', '--clearenv']) {
      assert.ok(options.includes(flag), flag);
    }
    assert.ok(!options.includes('--unshare-net') && !options.includes('--unshare-all'));
    const net = buildBwrapArgs(spec({ id: 'x' }), layout, { hostname: 'h', etcDir: '/e', dropCapabilities: true, network: { infoFd: 4, blockFd: 5 } });
    assert.match(net.options.join(' '), /--unshare-net --info-fd 4 --block-fd 5/);
    assert.match(joined, /--ro-bind \/usr \/usr --symlink usr\/bin \/bin/);
    assert.match(joined, /--ro-bind \/state\/\.etc \/etc/);
    assert.match(joined, /--perms 1777 --size 536870912 --tmpfs \/tmp/);
    assert.match(joined, new RegExp(`--dir /var --ro-bind ${taskDir} /var/task --ro-bind ${runtimeDir} /var/runtime --ro-bind /layers /opt`));
    assert.match(joined, /--ro-bind \/h\/lang \/var\/lang/);
    assert.match(joined, /--remount-ro \/ --chdir \/var\/task --clearenv --setenv A 1 --setenv B two words$/);
    assert.ok(!options.includes('--bind'), 'nothing is mounted writable');
    assert.equal(command[0], '/usr/bin/setpriv');
    assert.equal(command.at(-1), '/bin/true');
  });

  test('bwrap options: empty /opt without optDir; argv[0] outside the system dirs gets its dir bound', () => {
    const { options } = buildBwrapArgs(spec({ id: 'x', argv: [process.execPath, '-e', '1'] }), scanHost(), { hostname: 'h', etcDir: '/e', dropCapabilities: false });
    const joined = options.join(' ');
    assert.match(joined, /--dir \/opt/);
    const nodeDir = process.execPath.slice(0, process.execPath.lastIndexOf('/'));
    if (!nodeDir.startsWith('/usr/')) assert.ok(joined.includes(`--ro-bind ${nodeDir} ${nodeDir}`), joined);
  });

  test('limits: 1769 MB is one vCPU, 128 MB gets a proportional share', () => {
    assert.deepEqual(limitsFor(1769), { memoryBytes: 1769 * 1048576, cpuPeriodUs: 100000, cpuQuotaUs: 100000, cpuShares: 1024, cpuWeight: 100, pidsMax: 1024 });
    const small = limitsFor(128, 64);
    assert.equal(small.cpuQuotaUs, 7236);
    assert.equal(small.cpuShares, 74);
    assert.equal(small.pidsMax, 64);
    assert.equal(limitsFor(1).cpuQuotaUs, 1000);
  });

  test('mountinfo parsing finds co-mounted v1 controllers', () => {
    const m = parseMountInfo('32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n');
    assert.equal(m.length, 2);
    assert.equal(m[0]?.mountPoint, '/sys/fs/cgroup/cpu,cpuacct');
    assert.deepEqual(m[0]?.superOptions, ['rw', 'cpu', 'cpuacct']);
    assert.equal(m[1]?.fsType, 'cgroup2');
  });

  test('hostname looks like Lambda\'s and is stable per id; unsandboxed argv maps mount points to host dirs', () => {
    assert.match(hostnameFor('abc'), /^169\.254\.\d{1,3}\.\d{1,3}$/);
    assert.equal(hostnameFor('abc'), hostnameFor('abc'));
    assert.deepEqual(hostArgv(spec({ argv: ['/usr/bin/node', '/var/runtime/bootstrap.mjs', '/var/task', 'x'] })), ['/usr/bin/node', join(runtimeDir, 'bootstrap.mjs'), taskDir, 'x']);
  });
});

describe('probe', () => {
  test('reports what this host provides', () => {
    assert.ok(['bubblewrap', 'none'].includes(report.sandbox));
    assert.ok(['v1', 'v2', 'none'].includes(report.cgroups));
    assert.ok(Array.isArray(report.warnings));
    if (report.sandbox === 'none') assert.ok(report.warnings.some((w) => /bubblewrap/.test(w)));
    if (report.cgroups === 'none') assert.ok(report.warnings.length > 0);
  });
});

describe('bubblewrap sandbox', () => {
  test('the environment is exactly spec.env', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    const env = { PATH: '/usr/bin:/bin', AWS_REGION: 'us-east-1', WITH_SPACE: 'a b=c', EMPTY: '' };
    const r = await run(sb, { argv: ['/usr/bin/env'], env });
    assert.deepEqual(r.exit, { code: 0, signal: null, oomKilled: false });
    assert.deepEqual(r.stdout.trim().split('\n').sort(), Object.entries(env).map(([k, v]) => `${k}=${v}`).sort());
  });

  test('PWD appears only when spec.env sets it (bwrap would otherwise add PWD=/var/task)', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    for (const env of [{ PWD: '/var/task', A: '1' }, { PWD: '/somewhere', A: '1' }]) {
      const r = await run(sb, { argv: ['/usr/bin/env'], env });
      assert.deepEqual(r.stdout.trim().split('\n').sort(), Object.entries(env).map(([k, v]) => `${k}=${v}`).sort());
    }
  });

  test('cwd is /var/task; /var/task and /var/runtime are readable but not writable; / is read-only', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    const r = await run(sb, sh(
      'pwd; cat /var/task/hello.txt; /var/runtime/bootstrap; ' +
      'touch /var/task/x 2>/dev/null && echo TASK-WRITABLE; touch /var/runtime/x 2>/dev/null && echo RT-WRITABLE; ' +
      'touch /x 2>/dev/null && echo ROOT-WRITABLE; touch /etc/x 2>/dev/null && echo ETC-WRITABLE; ls /opt | wc -l',
    ));
    assert.equal(r.exit.code, 0, r.stderr);
    assert.equal(r.stdout, '/var/task\nhello from the task\nbootstrap\n0\n');
  });

  test('runs as an unprivileged user without capabilities (when Lambent is root)', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    if (process.getuid?.() !== 0) return t.skip('not running as root');
    const r = await run(sb, sh('id -u; id -g; grep -E "^Cap(Eff|Prm|Bnd)" /proc/self/status; grep NoNewPrivs /proc/self/status; hostname'));
    const lines = r.stdout.trim().split('\n');
    if (lines[0] === '0') assert.ok(report.warnings.some((w) => /setpriv/.test(w)), 'root only when setpriv is unavailable');
    else assert.deepEqual(lines.slice(0, 2), ['993', '990']);
    for (const l of lines.slice(2, 5)) assert.match(l, /:\s+0+$/, l);
    assert.match(lines[5] ?? '', /NoNewPrivs:\s+1/);
    assert.match(lines[6] ?? '', /^169\.254\./);
  });

  test('host dirs that are not mounted are invisible (data dir, /root, /home, /work, host /tmp, state dir)', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    const hostTmpMarker = join(tmpdir(), `lambent-host-marker-${process.pid}`);
    await writeFile(hostTmpMarker, 'x');
    try {
      const paths = [join(secretDir, 'secret.txt'), secretDir, hostTmpMarker, stateDir, '/work', '/home', '/root/.bashrc', '/etc/shadow', '/etc/machine-id'];
      const r = await run(sb, sh(`for p in ${paths.map((p) => `'${p}'`).join(' ')}; do [ -e "$p" ] && echo "VISIBLE $p"; done; ls -A /root 2>/dev/null | wc -l; grep -r ${SECRET} / --exclude-dir=proc --exclude-dir=sys --exclude-dir=usr 2>/dev/null | head -1; echo done`));
      assert.equal(r.stdout, '0\ndone\n');
    } finally {
      await rm(hostTmpMarker, { force: true });
    }
  });

  test('/tmp is writable, private to each sandbox, and bounded by tmpSizeMb (ENOSPC)', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    const a = await sb.launch(spec(sh('echo a > /tmp/a-marker && echo ready && sleep 30')));
    const ca = collect(a);
    try {
      await waitFor(() => ca.out().includes('ready'));
      const b = await run(sb, { ...sh('[ -e /tmp/a-marker ] && echo SEES-A; dd if=/dev/zero of=/tmp/big bs=1M count=8 2>&1; echo rc=$?; ls -A /tmp'), tmpSizeMb: 4 });
      assert.doesNotMatch(b.stdout, /SEES-A/);
      assert.match(b.stdout, /No space left on device/);
      assert.match(b.stdout, /rc=1\nbig\n$/);
    } finally {
      await a.destroy();
    }
  });

  test('PID namespace: the process sees itself as a low pid and no host processes', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    const r = await run(sb, sh(`echo $$; ls /proc | grep -c '^[0-9]'; [ -e /proc/${process.pid} ] && echo SEES-HOST; cat /proc/1/cmdline | tr '\\0' ' '`));
    const [pid, count, ...rest] = r.stdout.trim().split('\n');
    assert.ok(Number(pid) <= 3, `pid ${pid}`);
    assert.ok(Number(count) <= 5, `sees ${count} processes`);
    assert.ok(!rest.includes('SEES-HOST'));
    // The sandbox's pid 1 is bwrap: its command line carries no environment and no host paths (they go through --args).
    assert.doesNotMatch(rest.join(' '), /PATH|\/tmp|setenv/);
  });

  test('exit codes and signals are reported; closing stdout does not disturb anything', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    assert.deepEqual((await run(sb, sh('exit 3'))).exit, { code: 3, signal: null, oomKilled: false });
    assert.deepEqual((await run(sb, sh('kill -TERM $$'))).exit, { code: null, signal: 'SIGTERM', oomKilled: false });
    const r = await run(sb, sh('exec >&- 2>&-; sleep 0.1; exit 0'));
    assert.deepEqual(r.exit, { code: 0, signal: null, oomKilled: false });
  });

  test('the network is the sandbox\'s own: the host\'s 127.0.0.1 is unreachable, its Runtime API listener is at 127.0.0.1:9001', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    if (sb.report.network !== 'namespace') return t.skip('no network namespaces here');
    if (!existsSync('/usr/bin/python3')) return t.skip('no /usr/bin/python3');
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => res.end('host'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const inside = createServer((_req, res) => res.end('pong'));
    let listener: import('node:net').Server | undefined;
    try {
      const port = (server.address() as { port: number }).port;
      const py = [
        'import urllib.request',
        'def get(u):',
        '    try: return urllib.request.urlopen(u, timeout=2).read().decode()',
        '    except Exception as e: return type(e).__name__',
        `print(get('http://127.0.0.1:${port}/'), get('http://127.0.0.1:9001/'))`,
      ].join('\n');
      const r = await run(sb, {
        argv: ['/usr/bin/python3', '-c', py],
        runtimeApi: (l) => {
          listener = l;
          l.on('connection', (c) => inside.emit('connection', c));
        },
      });
      assert.equal(r.stdout.trim(), 'URLError pong', r.stderr);
    } finally {
      server.close();
      inside.close();
      listener?.close();
    }
  });

  test('a mount source the sandbox user cannot read is refused with a clear message', async (t) => {
    const sb = bwrapOrSkip(t);
    if (!sb) return;
    if (process.getuid?.() !== 0 || report.warnings.some((w) => /setpriv/.test(w))) return t.skip('only when dropping to an unprivileged uid');
    const closed = join(root, 'closed');
    await mkdir(closed, { mode: 0o700 });
    await assert.rejects(sb.launch(spec({ taskDir: closed })), /not readable by the sandbox user/);
  });
});

describe('cgroup limits', () => {
  test('memory hog is OOM-killed inside its cgroup and reported as oomKilled', async (t) => {
    const sb = bwrapSb ?? noneSb;
    if (!sb || !report.controllers.memory) return t.skip('no memory cgroup');
    const hog = existsSync('/usr/bin/python3')
      ? { argv: ['/usr/bin/python3', '-c', 'import time\nb = [bytearray(1 << 20) for _ in range(10)]\nx = b"x" * (256 << 20)\ntime.sleep(5)'] }
      : sh('x=$(head -c 268435456 /dev/zero | tr "\\0" a); sleep 5');
    const r = await run(sb, { ...hog, memoryMb: 64 });
    assert.equal(r.exit.oomKilled, true, JSON.stringify(r));
    assert.equal(r.exit.signal, 'SIGKILL');
  });

  test('memory peak is reported and can be reset', async (t) => {
    const sb = bwrapSb ?? noneSb;
    if (!sb || !report.controllers.memory) return t.skip('no memory cgroup');
    const p = await sb.launch(spec(existsSync('/usr/bin/python3')
      ? { argv: ['/usr/bin/python3', '-c', 'import time\nx = b"x" * (40 << 20)\ndel x\nprint("big", flush=True)\ntime.sleep(30)'] }
      : sh('x=$(head -c 41943040 /dev/zero | tr "\\0" a); unset x; echo big; sleep 30')));
    const c = collect(p);
    try {
      await waitFor(() => c.out().includes('big'), 5000);
      const peak = p.memoryPeakBytes();
      assert.ok(peak !== undefined && peak >= 40 << 20, `peak ${peak}`);
      p.resetMemoryPeak();
      const after = p.memoryPeakBytes();
      assert.ok(after !== undefined && after < peak, `after reset ${after} < ${peak}`);
    } finally {
      await p.destroy();
    }
  });

  test('a fork bomb is contained by pidsMax and torn down by destroy', async (t) => {
    const sb = bwrapSb ?? noneSb;
    if (!sb || !report.controllers.pids) return t.skip('no pids cgroup');
    const s = spec({ ...sh('bomb() { bomb | bomb & }; bomb; sleep 30'), pidsMax: 32 });
    const p = await sb.launch(s);
    try {
      if (report.cgroups === 'v1') {
        // The bomb reaches the limit as fast as the (possibly busy) machine lets it fork: poll for the refusals.
        const refused = (): number => Number(readFileSync(join(v1Dir('pids', s.id), 'pids.events'), 'utf8').split(' ')[1]);
        await waitFor(() => refused() > 0, 10_000);
        const current = Number(readFileSync(join(v1Dir('pids', s.id), 'pids.current'), 'utf8'));
        assert.ok(current <= 32, `pids.current ${current}`);
      }
    } finally {
      const t0 = Date.now();
      await p.destroy();
      assert.ok(Date.now() - t0 < 5000, 'destroy took too long');
    }
    if (report.cgroups === 'v1') assert.ok(!existsSync(v1Dir('pids', s.id)));
  });

  test('CPU is capped in proportion to memory (128 MB ≈ 7% of a CPU)', async (t) => {
    const sb = bwrapSb ?? noneSb;
    if (!sb || !report.controllers.cpu || report.cgroups !== 'v1') return t.skip('needs the v1 cpu controller');
    const s = spec({ ...sh('while :; do :; done'), memoryMb: 128 });
    const p = await sb.launch(s);
    try {
      await new Promise((r) => setTimeout(r, 500));
      const stat = readFileSync(join(v1Dir('cpu', s.id), 'cpu.stat'), 'utf8');
      assert.match(stat, /nr_throttled [1-9]/);
      assert.equal(readFileSync(join(v1Dir('cpu', s.id), 'cpu.cfs_quota_us'), 'utf8').trim(), '7236');
    } finally {
      await p.destroy();
    }
  });
});

describe('lifecycle', () => {
  test('freeze stops a counter, thaw resumes it', async (t) => {
    const sb = bwrapSb ?? noneSb;
    if (!sb) return t.skip('no sandbox');
    const p = await sb.launch(spec(sh('i=0; while :; do i=$((i+1)); echo $i; sleep 0.01; done')));
    const c = collect(p);
    const last = (): number => Number(c.out().trim().split('\n').at(-1) ?? 0);
    try {
      await waitFor(() => last() >= 3);
      await p.freeze();
      await new Promise((r) => setTimeout(r, 50));
      const frozenAt = last();
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(last(), frozenAt, 'counter advanced while frozen');
      await p.thaw();
      await waitFor(() => last() >= frozenAt + 3);
    } finally {
      await p.destroy();
    }
  });

  test('destroy kills children that ignore SIGTERM, removes the cgroups and the private dir; idempotent', async (t) => {
    const sb = bwrapSb ?? noneSb;
    if (!sb) return t.skip('no sandbox');
    const s = spec(sh("trap '' TERM; (trap '' TERM; sleep 1000; echo) & (trap '' TERM; sleep 1000; echo) & echo started; wait"));
    const p = await sb.launch(s);
    const c = collect(p);
    await waitFor(() => c.out().includes('started'));
    const dirs = report.cgroups === 'v1' ? ['memory', 'cpu', 'pids', 'freezer'].map((k) => v1Dir(k, s.id)).filter((d) => existsSync(d)) : [];
    const pids = dirs[0] ? readFileSync(join(dirs[0], 'cgroup.procs'), 'utf8').trim().split('\n').map(Number) : [];
    if (report.cgroups === 'v1') assert.ok(pids.length >= 3, `pids ${pids.join(',')}`);
    assert.ok(existsSync(join(stateDir, s.id)));
    await Promise.all([p.destroy(), p.destroy()]);
    await p.destroy();
    const exit = await p.exited;
    assert.equal(exit.signal, 'SIGKILL');
    for (const d of dirs) assert.ok(!existsSync(d), `${d} still exists`);
    for (const pid of pids) assert.ok(!existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z'), `pid ${pid} survived`);
    assert.ok(!existsSync(join(stateDir, s.id)));
  });

  test('the same id cannot run twice at once', async (t) => {
    const sb = bwrapSb ?? noneSb;
    if (!sb) return t.skip('no sandbox');
    const s = spec(sh('sleep 30'));
    const p = await sb.launch(s);
    try {
      await assert.rejects(sb.launch(s), /already in use/);
    } finally {
      await p.destroy();
    }
    const again = await sb.launch({ ...s, argv: ['/bin/true'] });
    assert.equal((await again.exited).code, 0);
    await again.destroy();
  });

  test('reapStale removes a crashed run\'s environments but leaves live ones alone', async (t) => {
    const sb = bwrapSb ?? noneSb;
    if (!sb) return t.skip('no sandbox');
    const dead = spec(sh('sleep 30'));
    const live = spec(sh('sleep 30'));
    const pd = await sb.launch(dead);
    const pl = await sb.launch(live);
    try {
      // Pretend `dead` belongs to a Lambent that crashed: its owner stamp names a process that no longer exists.
      await writeFile(join(stateDir, dead.id, 'owner'), '999999999 1\n');
      const res = await reapStale(stateDir);
      assert.ok(res.removed.includes(dead.id), JSON.stringify(res));
      assert.ok(!res.removed.includes(live.id));
      assert.equal((await pd.exited).signal, 'SIGKILL');
      assert.ok(!existsSync(join(stateDir, dead.id)));
      if (report.cgroups === 'v1') assert.ok(!existsSync(v1Dir('memory', dead.id)));
      assert.ok(existsSync(join(stateDir, live.id)));
    } finally {
      await pd.destroy();
      await pl.destroy();
    }
  });
});

describe('unsandboxed mode', () => {
  test('runs directly with exactly spec.env in taskDir and warns that there is no sandbox', async (t) => {
    const sb = noneSb;
    if (!sb) return t.skip('no sandbox');
    assert.equal(sb.report.sandbox, 'none');
    assert.equal(sb.report.namespaces, false);
    assert.ok(sb.report.warnings.some((w) => /sandbox/.test(w)));
    const env = { PATH: '/usr/bin:/bin', X: 'y z' };
    const r = await run(sb, { argv: ['/usr/bin/env'], env });
    assert.deepEqual(r.stdout.trim().split('\n').sort(), ['PATH=/usr/bin:/bin', 'X=y z']);
    const r2 = await run(sb, { argv: ['/bin/sh', '/var/task/script.sh'] });
    assert.equal(r2.stdout, `script ran in ${taskDir}\n`);
    assert.deepEqual(r2.exit, { code: 0, signal: null, oomKilled: false });
  });
});

describe('cgroup v2 driver', () => {
  test('create, join, freeze/thaw, cgroup.kill and remove on a v2 hierarchy', async (t) => {
    const mount = existsSync('/sys/fs/cgroup/cgroup.controllers') ? '/sys/fs/cgroup' : '/sys/fs/cgroup/unified';
    if (!existsSync(join(mount, 'cgroup.procs')) || process.getuid?.() !== 0) return t.skip('no writable cgroup v2 hierarchy');
    const { driver, warnings } = await openV2(mount, '/');
    if (!driver) return t.skip(warnings.join(' '));
    if (!driver.controllers.freezer) return t.skip('no v2 freezer');
    const cg = await driver.create(`v2test-${process.pid}`, limitsFor(128));
    const { spawn } = await import('node:child_process');
    const child = spawn('/bin/sh', ['-c', JOIN_SCRIPT, 'x', ...cg.joinFiles, '--', '/bin/sh', '-c', 'sleep 30 & sleep 30 & while :; do echo tick; sleep 0.01; done'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let ticks = 0;
    child.stdout.on('data', (d: Buffer) => (ticks += d.toString().split('tick').length - 1));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      await waitFor(() => ticks > 2 && cg.pids().length >= 3);
      await cg.freeze();
      await new Promise((r) => setTimeout(r, 50));
      const frozen = ticks;
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(ticks, frozen);
      await cg.thaw();
      await waitFor(() => ticks > frozen + 2);
      assert.equal(await cg.killAll(), true);
      await exited;
      assert.deepEqual(cg.pids(), []);
    } finally {
      await cg.remove();
    }
    assert.ok(!driver.list().includes(`v2test-${process.pid}`));
  });
});
