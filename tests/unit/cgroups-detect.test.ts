// Which cgroups Lambent may use, decided from fake cgroup trees: as root, a v1 subtree root handed to a user
// (<hierarchy>/lambent-<user>), a user's own writable v1 cgroup, a delegated v2 cgroup (systemd Delegate=yes) and
// the missing pieces, each with its effect and fix. The trees are plain files under a temp dir (detection takes a root
// path and an identity), so these run anywhere; the kernel's side is covered by tests/e2e/nonroot.test.ts.
import { after, beforeEach, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectCgroups, limitsFor, parseProcCgroup, writableBy, type HostIdentity } from '../../src/sandbox/cgroups.js';
import { userNamespaceFix } from '../../src/sandbox/mounts.js';
import { describeIsolation } from '../../src/sandbox/probe.js';

const ALICE = 4242;
const scratch = mkdtempSync(join(tmpdir(), 'lambent-cgroups-detect-'));
let root: string;
let n = 0;
after(() => rmSync(scratch, { recursive: true, force: true }));
beforeEach(() => {
  root = join(scratch, String(n++));
  mkdirSync(join(root, 'proc/self'), { recursive: true });
});

const alice = (): HostIdentity => ({ root, uid: ALICE, gids: [ALICE], user: 'alice' });
const rootUser = (): HostIdentity => ({ root, uid: 0, gids: [0], user: 'root' });

const V1_MOUNTS: [string, string][] = [['cpu,cpuacct', 'cpu,cpuacct'], ['memory', 'memory'], ['pids', 'pids'], ['freezer', 'freezer']];

/** A cgroup v1 host: mountinfo lines and one dir per hierarchy with the files the driver touches. */
function v1Host(own: Record<string, string> = {}): void {
  const lines = V1_MOUNTS.map(([dir, opts], i) => `${30 + i} 22 0:${28 + i} / /sys/fs/cgroup/${dir} rw,nosuid - cgroup cgroup rw,${opts}`);
  writeFileSync(join(root, 'proc/self/mountinfo'), `${lines.join('\n')}\n`);
  const cg = V1_MOUNTS.map(([dir, opts], i) => `${i + 1}:${opts}:${own[dir] ?? '/'}`);
  writeFileSync(join(root, 'proc/self/cgroup'), `${cg.join('\n')}\n`);
  for (const [dir] of V1_MOUNTS) v1Dir(join(root, 'sys/fs/cgroup', dir));
}

function v1Dir(dir: string, owner?: number): void {
  mkdirSync(dir, { recursive: true });
  for (const f of ['tasks', 'cgroup.procs']) writeFileSync(join(dir, f), '');
  if (owner !== undefined) for (const p of [dir, join(dir, 'tasks'), join(dir, 'cgroup.procs')]) chownSync(p, owner, owner);
}

/** A cgroup v2 host with this process in `own`, whose files are owned by `owner`. */
function v2Host(own: string, opts: { owner: number; controllers: string; subtree?: string }): string {
  const mount = join(root, 'sys/fs/cgroup');
  mkdirSync(mount, { recursive: true });
  writeFileSync(join(mount, 'cgroup.controllers'), 'cpuset cpu io memory pids\n');
  writeFileSync(join(root, 'proc/self/mountinfo'), '30 22 0:27 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n');
  writeFileSync(join(root, 'proc/self/cgroup'), `0::${own}\n`);
  const dir = join(mount, own);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cgroup.controllers'), `${opts.controllers}\n`);
  writeFileSync(join(dir, 'cgroup.subtree_control'), `${opts.subtree ?? ''}\n`);
  writeFileSync(join(dir, 'cgroup.procs'), '');
  for (const p of [dir, join(dir, 'cgroup.controllers'), join(dir, 'cgroup.subtree_control'), join(dir, 'cgroup.procs')]) chownSync(p, opts.owner, opts.owner);
  return dir;
}

describe('cgroup v1', () => {
  test('a normal user with nothing delegated: every limit missing, with its effect and the one root command that fixes it', async () => {
    v1Host();
    const d = await detectCgroups(alice());
    assert.equal(d.driver, null);
    assert.equal(d.version, 'none');
    assert.deepEqual(d.missing.map((m) => m.capability), ['memory limit', 'CPU limit', 'process limit', 'cgroup freezer']);
    const mem = d.missing[0];
    assert.match(mem?.effect ?? '', /more than their MemorySize/);
    assert.match(mem?.reason ?? '', /not running as root and no cgroup was delegated to alice/);
    const fix = mem?.fix ?? '';
    for (const [dir] of V1_MOUNTS) assert.ok(fix.includes(join(root, 'sys/fs/cgroup', dir)), `${dir} in ${fix}`);
    assert.match(fix, /^sudo sh -c 'for d in .*; do mkdir -p "\$d\/lambent-alice" && chown -R alice: "\$d\/lambent-alice"; done'/);
    assert.ok(d.missing.every((m) => m.fix === fix), 'one command fixes all four');
  });

  test('a subtree root made and chowned for the user is used, per hierarchy, and environments go under it', async () => {
    v1Host();
    for (const [dir] of V1_MOUNTS) v1Dir(join(root, 'sys/fs/cgroup', dir, 'lambent-alice'), ALICE);
    const d = await detectCgroups(alice());
    assert.ok(d.driver);
    assert.equal(d.version, 'v1');
    assert.deepEqual(d.driver.controllers, { memory: true, cpu: true, pids: true, freezer: true });
    assert.deepEqual(d.missing, []);
    assert.match(d.source ?? '', /^cgroup v1, subtree delegated to alice: /);
    const cg = await d.driver.create('env1', limitsFor(128));
    const mem = join(root, 'sys/fs/cgroup/memory/lambent-alice/env1');
    assert.ok(cg.dirs.includes(mem));
    assert.equal(readFileSync(join(mem, 'memory.limit_in_bytes'), 'utf8'), String(128 * 1024 * 1024));
    assert.equal(readFileSync(join(root, 'sys/fs/cgroup/cpu,cpuacct/lambent-alice/env1/cpu.cfs_quota_us'), 'utf8'), String(limitsFor(128).cpuQuotaUs));
    assert.deepEqual(d.driver.list(), ['env1']);
  });

  test('a subtree that exists but was not chowned is reported as not writable', async () => {
    v1Host();
    for (const [dir] of V1_MOUNTS) v1Dir(join(root, 'sys/fs/cgroup', dir, 'lambent-alice'));
    const d = await detectCgroups(alice());
    assert.equal(d.driver, null);
    assert.match(d.missing[0]?.reason ?? '', /lambent-alice is not writable by alice/);
  });

  test('only some hierarchies delegated: those limits work, the others are named as missing', async () => {
    v1Host();
    v1Dir(join(root, 'sys/fs/cgroup/memory/lambent-alice'), ALICE);
    const d = await detectCgroups(alice());
    assert.ok(d.driver);
    assert.deepEqual(d.driver.controllers, { memory: true, cpu: false, pids: false, freezer: false });
    assert.deepEqual(d.missing.map((m) => m.capability), ['CPU limit', 'process limit', 'cgroup freezer']);
  });

  test("the user's own cgroup, when writable, holds a lambent child", async () => {
    v1Host({ memory: '/users/alice', pids: '/users/alice', freezer: '/users/alice', 'cpu,cpuacct': '/users/alice' });
    for (const [dir] of V1_MOUNTS) v1Dir(join(root, 'sys/fs/cgroup', dir, 'users/alice'), ALICE);
    const d = await detectCgroups(alice());
    assert.ok(d.driver);
    assert.match(d.source ?? '', /own \(writable\) cgroup/);
    assert.ok(existsSync(join(root, 'sys/fs/cgroup/memory/users/alice/lambent')));
  });

  test('as root: <hierarchy>/lambent, nothing missing', async () => {
    v1Host();
    const d = await detectCgroups(rootUser());
    assert.ok(d.driver);
    assert.match(d.source ?? '', /^cgroup v1, as root: /);
    assert.ok(existsSync(join(root, 'sys/fs/cgroup/pids/lambent')));
    assert.deepEqual(d.missing, []);
  });
});

describe('cgroup v2', () => {
  const SCOPE = '/user.slice/user-4242.slice/user@4242.service/app.slice/run-r1.scope';

  test('a cgroup not delegated to the user: every limit missing, fixed by systemd-run --user --scope -p Delegate=yes', async () => {
    v2Host('/user.slice/user-4242.slice/session-2.scope', { owner: 0, controllers: 'memory pids' });
    const d = await detectCgroups(alice());
    assert.equal(d.driver, null);
    assert.equal(d.missing.length, 4);
    assert.match(d.missing[0]?.reason ?? '', /session-2\.scope is not delegated to alice/);
    assert.match(d.missing[0]?.fix ?? '', /^systemd-run --user --scope -p Delegate=yes npx lambent start/);
  });

  test('a delegated scope is used; a controller systemd does not delegate is named with the drop-in that adds it', async () => {
    const dir = v2Host(SCOPE, { owner: ALICE, controllers: 'memory pids', subtree: 'memory pids' });
    const d = await detectCgroups(alice());
    assert.ok(d.driver);
    assert.equal(d.version, 'v2');
    assert.equal(d.driver.controllers.memory, true);
    assert.equal(d.driver.controllers.pids, true);
    assert.equal(d.driver.controllers.cpu, false);
    assert.match(d.source ?? '', /^cgroup v2, delegated subtree .*run-r1\.scope/);
    assert.ok(existsSync(join(dir, 'lambent')));
    const cpu = d.missing.find((m) => m.capability === 'CPU limit');
    assert.match(cpu?.reason ?? '', /cpu controller is not available .* \(not delegated\)/);
    assert.match(cpu?.fix ?? '', /Delegate=cpu cpuset io memory pids.*user@\.service\.d\/delegate\.conf.*daemon-reload/);
    await d.driver.create('env1', limitsFor(256));
    assert.equal(readFileSync(join(dir, 'lambent/env1/memory.max'), 'utf8'), String(256 * 1024 * 1024));
  });

  test('started again from its lambent-main leaf (e.g. doctor), the delegated cgroup above it is used', async () => {
    const dir = v2Host(SCOPE, { owner: ALICE, controllers: 'memory pids cpu', subtree: 'memory pids cpu' });
    writeFileSync(join(root, 'proc/self/cgroup'), `0::${SCOPE}/lambent-main\n`);
    const d = await detectCgroups(alice());
    assert.ok(d.driver);
    assert.ok(existsSync(join(dir, 'lambent')));
    assert.ok(!existsSync(join(dir, 'lambent-main/lambent')));
  });

  test('as a user in the root cgroup: nothing usable, and the reason says so', async () => {
    v2Host('/', { owner: 0, controllers: 'memory pids cpu' });
    const d = await detectCgroups(alice());
    assert.equal(d.driver, null);
    assert.match(d.missing[0]?.reason ?? '', /root cgroup and is not root/);
  });
});

describe('helpers', () => {
  test('parseProcCgroup maps co-mounted v1 controllers and the v2 line', () => {
    const m = parseProcCgroup('12:cpu,cpuacct:/a\n4:memory:/b\n1:name=systemd:/c\n0::/d\n');
    assert.equal(m.get('cpu'), '/a');
    assert.equal(m.get('cpuacct'), '/a');
    assert.equal(m.get('memory'), '/b');
    assert.equal(m.get(''), '/d');
  });

  test('writableBy follows owner, group and other bits', () => {
    const f = join(scratch, 'w');
    writeFileSync(f, '', { mode: 0o640 });
    chownSync(f, ALICE, 777);
    assert.equal(writableBy(f, { root: '/', uid: ALICE, gids: [], user: 'alice' }), true);
    assert.equal(writableBy(f, { root: '/', uid: 5, gids: [777], user: 'bob' }), false);
    assert.equal(writableBy(f, { root: '/', uid: 0, gids: [], user: 'root' }), true);
    assert.equal(writableBy(join(scratch, 'absent'), { root: '/', uid: 0, gids: [], user: 'root' }), false);
  });

  test('userNamespaceFix names the sysctl this kernel uses to restrict user namespaces', () => {
    const sys = (file: string, value: string): void => {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), `${value}\n`);
    };
    assert.equal(userNamespaceFix(root), undefined);
    sys('proc/sys/user/max_user_namespaces', '0');
    assert.equal(userNamespaceFix(root), 'sudo sysctl -w user.max_user_namespaces=15000');
    sys('proc/sys/kernel/unprivileged_userns_clone', '0');
    assert.equal(userNamespaceFix(root), 'sudo sysctl -w kernel.unprivileged_userns_clone=1');
    sys('proc/sys/kernel/apparmor_restrict_unprivileged_userns', '1');
    assert.equal(userNamespaceFix(root), 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0');
  });

  test('describeIsolation lists each missing capability once per fix, with why and the command', () => {
    const fix = "sudo sh -c 'for d in ...'";
    const { summary, missing } = describeIsolation({
      sandbox: 'bubblewrap', namespaces: true, network: 'namespace', outbound: 'internet', cgroups: 'none', controllers: { memory: false, cpu: false, pids: false, freezer: false },
      pool: false, warnings: [],
      missing: [
        { capability: 'memory limit', effect: 'functions can use more than their MemorySize', reason: 'nothing delegated', fix },
        { capability: 'CPU limit', effect: 'unlimited CPU', reason: 'nothing delegated', fix },
        { capability: 'pre-warmed pool', effect: 'slower cold starts', reason: 'no python3', fix: 'sudo apt-get install -y python3' },
      ],
    });
    assert.equal(summary, 'isolation: bubblewrap sandbox; no cgroups; no pre-warmed pool; a network namespace each (outbound: internet)');
    assert.equal(missing.length, 2);
    assert.equal(missing[0], `no memory limit: functions can use more than their MemorySize\n  no CPU limit: unlimited CPU\n    why: nothing delegated\n    fix: ${fix}`);
    assert.match(missing[1] ?? '', /no pre-warmed pool: slower cold starts\n {4}why: no python3\n {4}fix: sudo apt-get install -y python3/);
  });
});
