// Running Lambent as an unprivileged user, set up the way README's "Running as yourself" tells people: a system user,
// a cgroup subtree root hands to it (cgroup v1: <hierarchy>/lambent-<user>, mkdir + chown -R; cgroup v2: a cgroup
// with controllers enabled, chowned as systemd's Delegate=yes does, that the server is started in), and the checkout
// readable by it. Used by tests/e2e/nonroot.test.ts and bench/nonroot.ts. Needs root.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMountInfo, v1DelegatedName, v1DelegationCommand } from '../../src/sandbox/cgroups.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const V1_CONTROLLERS = ['memory', 'cpu', 'pids', 'freezer'] as const;
const V2_CONTROLLERS = ['memory', 'cpu', 'pids'] as const;

export interface NonRootUser {
  user: string;
  uid: number;
  gid: number;
  /** Command prefix that runs a program as the user (same process: signals reach it directly). */
  wrapper: string[];
  /** Environment for programs run as the user (HOME and friends of the user, not root's). */
  env: Record<string, string>;
  /** 'v1' or 'v2' and the cgroup dirs handed to the user. */
  cgroups: { version: 'v1' | 'v2'; dirs: string[] };
  /** A data dir owned by the user (fresh per call). */
  dataDir(): string;
  /** Removes the delegated cgroups (killing what is left in them) and every file the user left in /tmp. */
  cleanup(): Promise<void>;
}

/** Why the non-root setup cannot run here, or undefined. */
export function nonRootUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to create the unprivileged user and delegate a cgroup subtree to it';
  for (const tool of ['useradd', 'setpriv']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  }
  if (!existsSync('/sys/fs/cgroup/cgroup.controllers') && cgroupV1Mounts().length === 0) return 'no cgroup file system is mounted';
  return undefined;
}

function cgroupV1Mounts(): { controller: string; mountPoint: string }[] {
  const mounts = parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'));
  const out: { controller: string; mountPoint: string }[] = [];
  for (const c of V1_CONTROLLERS) {
    const m = mounts.find((e) => e.fsType === 'cgroup' && e.superOptions.includes(c));
    if (m) out.push({ controller: c, mountPoint: m.mountPoint });
  }
  return out;
}

/** useradd, idempotent: a system user with no login shell. */
function ensureUser(user: string): { uid: number; gid: number } {
  if (spawnSync('id', ['-u', user]).status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', user], { stdio: 'pipe' });
  }
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Whether every directory on the way to `path` lets the user in and `path` is readable (checked as the user). */
function readableBy(wrapper: string[], path: string): boolean {
  const [file, ...args] = [...wrapper, '/bin/sh', '-c', 'test -r "$1" && test -x "$(dirname "$1")"', 'sh', path];
  return spawnSync(file as string, args, { stdio: 'ignore' }).status === 0;
}

/**
 * The checkout as the user can run it: this one when the user can read it (and node_modules), else a copy of what
 * `lambent start` needs (bin, dist, runtimes, package.json) in /tmp with node_modules linked.
 */
export function readableCheckout(u: Pick<NonRootUser, 'wrapper'>): { root: string; dispose(): void } {
  const needs = ['bin/lambent.js', 'dist/main.js', 'runtimes', 'node_modules/better-sqlite3/package.json', 'node_modules/tsx/package.json'];
  if (needs.every((p) => readableBy(u.wrapper, join(ROOT, p)))) return { root: ROOT, dispose: () => undefined };
  const copy = mkdtempSync(join(tmpdir(), 'lambent-nonroot-'));
  for (const p of ['bin', 'dist', 'runtimes', 'bench', 'src', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(ROOT, p))) execFileSync('cp', ['-a', join(ROOT, p), join(copy, p)]);
  }
  execFileSync('ln', ['-s', execFileSync('realpath', [join(ROOT, 'node_modules')], { encoding: 'utf8' }).trim(), join(copy, 'node_modules')]);
  execFileSync('chmod', ['-R', 'a+rX', copy]);
  if (!needs.every((p) => readableBy(u.wrapper, join(copy, p)))) {
    rmSync(copy, { recursive: true, force: true });
    throw new Error(`the user cannot read ${join(ROOT, 'node_modules')} (or a directory above it): make it world-readable`);
  }
  return { root: copy, dispose: () => rmSync(copy, { recursive: true, force: true }) };
}

/** v1: exactly the command `lambent doctor` prints (run as root). */
function delegateV1(user: string): string[] {
  const mounts = cgroupV1Mounts();
  execFileSync('sh', ['-c', v1DelegationCommand(mounts.map((m) => m.mountPoint), user)], { stdio: 'pipe' });
  return [...new Set(mounts.map((m) => join(m.mountPoint, v1DelegatedName(user))))];
}

/**
 * v2: what systemd does for a unit with Delegate=yes: a cgroup with the controllers enabled above it, owned by the
 * user with its cgroup.procs, cgroup.subtree_control and cgroup.threads. The server must start inside it (v2wrap).
 */
function delegateV2(user: string, uid: number, gid: number): string {
  const dir = join('/sys/fs/cgroup', `lambent-test-${user}`);
  for (const c of V2_CONTROLLERS) {
    try {
      writeFileSync('/sys/fs/cgroup/cgroup.subtree_control', `+${c}`);
    } catch {
      // not available on this host: Lambent reports it
    }
  }
  execFileSync('mkdir', ['-p', dir]);
  for (const f of ['', 'cgroup.procs', 'cgroup.subtree_control', 'cgroup.threads']) chownSync(join(dir, f), uid, gid);
  return dir;
}

export function setUpNonRoot(user: string): NonRootUser {
  const { uid, gid } = ensureUser(user);
  const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
  const dirs = v2 ? [delegateV2(user, uid, gid)] : delegateV1(user);
  const setpriv = ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--'];
  // v2: the process must live in the delegated cgroup (as under systemd-run --scope): join it, then drop to the user.
  const wrapper = v2 ? ['/bin/sh', '-c', `echo $$ > ${dirs[0] ?? ''}/cgroup.procs && exec "$@"`, 'lambent-delegated', ...setpriv] : setpriv;
  const dataDirs: string[] = [];
  const env: Record<string, string> = {
    HOME: '/nonexistent', USER: user, LOGNAME: user, PATH: '/usr/local/bin:/usr/bin:/bin', TMPDIR: tmpdir(),
  };
  return {
    user, uid, gid, wrapper, env,
    cgroups: { version: v2 ? 'v2' : 'v1', dirs },
    dataDir() {
      const d = mkdtempSync(join(tmpdir(), `lambent-${user}-`));
      chownSync(d, uid, gid);
      dataDirs.push(d);
      return d;
    },
    async cleanup() {
      for (const d of dataDirs.splice(0)) rmSync(d, { recursive: true, force: true });
      for (const dir of dirs) await removeCgroupTree(dir);
      // Files the user made in /tmp (the sandbox's generated /etc, tsx's cache, data dirs).
      for (const name of readdirSync(tmpdir())) {
        const p = join(tmpdir(), name);
        try {
          if (statSync(p).uid === uid) rmSync(p, { recursive: true, force: true });
        } catch {
          // gone meanwhile
        }
      }
    },
  };
}

/** Kills whatever is left in a cgroup tree and removes it, deepest first. */
async function removeCgroupTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) await removeCgroupTree(join(dir, e.name));
  for (let attempt = 0; attempt < 50; attempt++) {
    const pids = (readFileSync(join(dir, 'cgroup.procs'), 'utf8').match(/\d+/g) ?? []).map(Number);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited
      }
    }
    try {
      rmdirSync(dir);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  rmdirSync(dir);
}
