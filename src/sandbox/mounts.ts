// Late code attachment for pre-started sandboxes (the stem-cell pool): a function's code directory is bind-mounted,
// read-only, onto a running sandbox's /var/task. bubblewrap makes its mount namespace a slave of the one it starts
// in, so a mount made there under a *shared* mount point propagates into the sandbox. The propagated copy carries
// the flags the mount had when it was made, so the bind is first made read-only on a private staging point and then
// moved (MS_MOVE) under the shared tree: the sandbox only ever sees the read-only mount.
//
// All of this happens in a private mount namespace owned by one long-lived helper process (python3 + ctypes:
// ~0.15 ms for the three mount calls, where exec'ing mount(8) costs milliseconds). Stem sandboxes are started inside
// that namespace (nsenter), so the host never sees these mounts and nothing is left behind if Lambent dies: the
// namespace goes away with its last process. As a normal user the helper first makes a user namespace of its own
// (mapping the user to itself), which owns the mount namespace; stems enter both, and bubblewrap nests its own user
// namespace inside as usual, so no privilege is needed. Without python3 or nsenter (or with unprivileged user
// namespaces disabled), attachment is unavailable and the pool is not used (callers fall back to full cold starts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const HELPER = `
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_MOVE = 1, 2, 4, 8, 32, 4096, 8192
MS_REC, MS_PRIVATE, MS_SHARED, MNT_DETACH, CLONE_NEWNS = 16384, 1 << 18, 1 << 20, 2, 0x20000
def mount(src, dst, flags):
    if libc.mount(src.encode() if src else None, dst.encode(), None, flags, None) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e) + ': ' + dst)
CLONE_NEWUSER = 0x10000000
def write(path, text):
    with open(path, 'w') as f:
        f.write(text)
try:
    uid, gid = os.getuid(), os.getgid()
    if uid != 0:
        # Not root: a user namespace of our own gives CAP_SYS_ADMIN over the mount namespace created with it. The
        # user maps to itself (the only mapping an unprivileged process may write), so files keep their owner.
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
            e = ctypes.get_errno()
            raise OSError(e, os.strerror(e) + ': unshare(CLONE_NEWUSER|CLONE_NEWNS)')
        write('/proc/self/setgroups', 'deny')
        write('/proc/self/uid_map', '%d %d 1' % (uid, uid))
        write('/proc/self/gid_map', '%d %d 1' % (gid, gid))
    elif libc.unshare(CLONE_NEWNS) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e) + ': unshare')
    mount(None, '/', MS_REC | MS_PRIVATE)  # nothing made here reaches the host
    sys.stdout.write('ok\\n')
except Exception as e:
    sys.stdout.write('err ' + str(e) + '\\n')
    sys.exit(1)
sys.stdout.flush()
def self_bind(d, prop):
    mount(d, d, MS_BIND)
    mount(None, d, prop)
for line in sys.stdin:
    a = line.rstrip('\\n').split('\\t')
    try:
        if a[0] == 'shared':
            self_bind(a[1], MS_REC | MS_SHARED)
        elif a[0] == 'private':
            self_bind(a[1], MS_REC | MS_PRIVATE)
        elif a[0] == 'attach':
            src, stage, dst = a[1], a[2], a[3]
            mount(src, stage, MS_BIND)
            try:
                # In a user namespace the flags of the file system below are locked: keep noexec if it has it.
                keep = MS_NOEXEC if os.statvfs(stage).f_flag & os.ST_NOEXEC else 0
                mount(None, stage, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | keep)
                mount(stage, dst, MS_MOVE)
            except OSError:
                libc.umount2(stage.encode(), MNT_DETACH)
                raise
        elif a[0] == 'detach':
            for d in a[1:]:
                if libc.umount2(d.encode(), MNT_DETACH) != 0 and ctypes.get_errno() not in (22, 2):
                    e = ctypes.get_errno()
                    raise OSError(e, os.strerror(e) + ': ' + d)
        else:
            raise ValueError('unknown command ' + a[0])
        sys.stdout.write('ok\\n')
    except Exception as e:
        sys.stdout.write('err ' + str(e).replace('\\n', ' ') + '\\n')
    sys.stdout.flush()
`;

export interface LateMountsOpen {
  mounts?: LateMounts;
  reason?: string;
  /** The command that makes attachment possible, when one is known. */
  fix?: string;
}

/**
 * The sysctl that lets a normal user create user namespaces with capabilities in them, by what this kernel has:
 * Ubuntu 23.10+ (AppArmor restriction), Debian's older switch, or a zero namespace limit.
 */
export function userNamespaceFix(root = '/'): string | undefined {
  const read = (p: string): string | undefined => {
    try {
      return readFileSync(join(root, p), 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  if (read('proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1') return 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0';
  if (read('proc/sys/kernel/unprivileged_userns_clone') === '0') return 'sudo sysctl -w kernel.unprivileged_userns_clone=1';
  if (read('proc/sys/user/max_user_namespaces') === '0') return 'sudo sysctl -w user.max_user_namespaces=15000';
  return undefined;
}

/** Code attachment for sandboxes under one state dir: <stateDir>/.late/{shared,stage}. */
export class LateMounts {
  private queue: ((line: string) => void)[] = [];
  private buf = '';

  private constructor(
    private readonly helper: ChildProcess,
    /** Command prefix that runs a program in the helper's mount namespace. */
    readonly enter: readonly string[],
    /** Per-sandbox task dirs live here (a shared mount). */
    readonly sharedDir: string,
    private readonly stageDir: string,
    /** The python3 the helper runs on (under /usr, so sandboxes see it too: exec stems' waiter). */
    readonly python: string,
  ) {
    helper.stdout?.setEncoding('utf8');
    helper.stdout?.on('data', (chunk: string) => {
      this.buf += chunk;
      for (let nl = this.buf.indexOf('\n'); nl >= 0; nl = this.buf.indexOf('\n')) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        this.queue.shift()?.(line);
      }
      if (this.queue.length === 0) this.pipe()?.unref();
    });
    helper.on('exit', () => {
      for (const cb of this.queue.splice(0)) cb('err mount helper exited');
    });
    // The helper must not keep Lambent alive, but a pending answer must (pipe() is ref'd while one is awaited).
    helper.unref();
    (helper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }

  private pipe(): { ref(): void; unref(): void } | undefined {
    return (this.helper.stdout as unknown as { ref?: () => void; unref?: () => void } | null)?.ref ? (this.helper.stdout as unknown as { ref(): void; unref(): void }) : undefined;
  }

  /** Starts the helper and prepares the shared and staging mount points; undefined (with the reason) when impossible. */
  static async open(stateDir: string): Promise<LateMountsOpen> {
    const py = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));
    if (!py) return { reason: 'late code attachment needs python3 (for the mount helper)', fix: 'sudo apt-get install -y python3' };
    const nsenter = ['/usr/bin/nsenter', '/bin/nsenter', '/usr/sbin/nsenter', '/sbin/nsenter'].find((p) => existsSync(p));
    if (!nsenter) return { reason: 'late code attachment needs nsenter (util-linux)', fix: 'sudo apt-get install -y util-linux' };
    const root = join(stateDir, '.late');
    const sharedDir = join(root, 'shared');
    const stageDir = join(root, 'stage');
    // Per-stem dirs a previous run left (its mounts died with its namespace): plain empty dirs here.
    rmSync(root, { recursive: true, force: true });
    mkdirSync(sharedDir, { recursive: true, mode: 0o755 });
    mkdirSync(stageDir, { recursive: true, mode: 0o700 });
    const helper = spawn(py, ['-I', '-S', '-c', HELPER], { stdio: ['pipe', 'pipe', 'ignore'], env: {} });
    try {
      await new Promise<void>((resolve, reject) => {
        helper.once('spawn', resolve);
        helper.once('error', reject);
      });
    } catch (err) {
      return { reason: `cannot start the mount helper: ${(err as Error).message}` };
    }
    helper.on('error', () => undefined);
    const ns = `/proc/${helper.pid ?? 0}/ns`;
    // Not root: the helper's mount namespace belongs to its user namespace, so enter that first (allowed: it is our
    // own). --preserve-credentials keeps our uid (nsenter would switch to uid 0, which that namespace does not map);
    // capabilities are lost at the exec of bwrap, which then makes its own nested user namespace as usual.
    const enter = process.getuid?.() === 0
      ? [nsenter, `--mount=${ns}/mnt`, '--']
      : [nsenter, `--user=${ns}/user`, `--mount=${ns}/mnt`, '--preserve-credentials', '--'];
    const m = new LateMounts(helper, enter, sharedDir, stageDir, py);
    try {
      await m.unshared();
      await m.command(['shared', sharedDir]);
      await m.command(['private', stageDir]);
    } catch (err) {
      void m.close();
      const reason = (err as Error).message;
      const fix = process.getuid?.() !== 0 && /unshare|EPERM|Operation not permitted|Permission denied/.test(reason) ? userNamespaceFix() : undefined;
      return { reason, ...(fix ? { fix } : {}) };
    }
    return { mounts: m };
  }

  /** An empty host dir to bind at a sandbox's /var/task; code attached to it later appears inside. */
  taskDirFor(id: string): string {
    const dir = join(this.sharedDir, id);
    mkdirSync(dir, { mode: 0o755 });
    return dir;
  }

  /** Mounts codeDir read-only (nosuid, nodev) on the task dir of sandbox id; it propagates into the sandbox. */
  async attach(id: string, codeDir: string): Promise<void> {
    const stage = join(this.stageDir, id);
    mkdirSync(stage, { recursive: true, mode: 0o700 });
    try {
      await this.command(['attach', codeDir, stage, join(this.sharedDir, id)]);
    } finally {
      try {
        rmdirSync(stage);
      } catch {
        // still a mount point after a failed move: detach() of the sandbox removes it
      }
    }
  }

  /** Unmounts whatever is attached to sandbox id's task dir and removes the dir. */
  async release(id: string): Promise<void> {
    const dir = join(this.sharedDir, id);
    const stage = join(this.stageDir, id);
    await this.command(['detach', dir, stage]).catch(() => undefined);
    for (const d of [dir, stage]) {
      try {
        rmdirSync(d);
      } catch {
        // absent
      }
    }
  }

  /** Detaches every mount (the helper does so when its stdin closes) and waits for the helper to exit. */
  async close(): Promise<void> {
    if (this.helper.exitCode !== null || this.helper.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.helper.once('exit', () => r()));
    this.helper.stdin?.end();
    const timer = setTimeout(() => this.helper.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }

  /** The helper's first line: it has its own mount namespace. */
  private unshared(): Promise<void> {
    this.pipe()?.ref();
    return new Promise((resolve, reject) => {
      this.queue.push((line) => (line === 'ok' ? resolve() : reject(new Error(line.replace(/^err /, 'mount helper: ')))));
    });
  }

  private command(args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.helper.stdin || this.helper.exitCode !== null) {
        reject(new Error('mount helper is not running'));
        return;
      }
      this.queue.push((line) => (line === 'ok' ? resolve() : reject(new Error(line.replace(/^err /, 'mount: ')))));
      this.pipe()?.ref();
      this.helper.stdin.write(`${args.join('\t')}\n`);
    });
  }
}
