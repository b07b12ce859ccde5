// bubblewrap command line for one execution environment. The host layout (which system dirs exist, which are
// symlinks, what /etc holds) is scanned once; buildBwrapArgs itself is a pure function of its inputs.
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, posix } from 'node:path';
import type { SandboxSpec } from './types.js';

export type LayoutEntry = { kind: 'bind'; path: string } | { kind: 'symlink'; path: string; target: string };

export interface HostLayout {
  /** /usr, /bin, /lib... as they exist on the host (real dirs are bound read-only, symlinks recreated). */
  system: LayoutEntry[];
}

const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib64', '/lib32', '/libx32'];

export function scanHost(): HostLayout {
  const system: LayoutEntry[] = [];
  for (const path of SYSTEM_DIRS) {
    try {
      const st = lstatSync(path);
      if (st.isSymbolicLink()) system.push({ kind: 'symlink', path, target: readlinkSync(path) });
      else if (st.isDirectory()) system.push({ kind: 'bind', path });
    } catch {
      // absent on this host
    }
  }
  return { system };
}

/** Host dirs visible at the same path inside the sandbox. */
export function visibleDirs(layout: HostLayout): string[] {
  return layout.system.filter((e) => e.kind === 'bind').map((e) => e.path);
}

export function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

export interface BwrapOptions {
  hostname: string;
  /** Host dir bound read-only at /etc (see etc.ts). */
  etcDir: string;
  /** Running as root: drop to this uid/gid inside with setpriv (after bwrap built the mounts) and drop all capabilities. */
  dropPrivileges?: { setpriv: string; uid: number; gid: number };
  /** Running as root without setpriv: at least drop every capability. */
  dropCapabilities: boolean;
  /** env(1) inside the sandbox: bwrap always sets PWD, env -u removes it again unless spec.env sets PWD=/var/task. */
  envBin?: string;
  /** Run this instead of spec.argv (an exec stem's waiter); spec.argv still decides which dir of argv[0] is bound. */
  command?: string[];
  /**
   * A network namespace of its own (netns.ts): bwrap reports the sandbox's pid on infoFd and its command waits for a
   * byte on blockFd, so the Runtime API's listener can be made inside the namespace before anything connects.
   */
  network?: { infoFd: number; blockFd: number };
}

export interface BwrapArgs {
  /** The options, sent through --args <fd> so that neither the environment nor host paths show in /proc/<pid>/cmdline. */
  options: string[];
  /** The command (bwrap only accepts it on its real command line). */
  command: string[];
}

export function buildBwrapArgs(spec: SandboxSpec, layout: HostLayout, opts: BwrapOptions): BwrapArgs {
  const a: string[] = [
    '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try',
    '--die-with-parent', '--new-session',
    '--hostname', opts.hostname,
  ];
  if (opts.network) a.push('--unshare-net', '--info-fd', String(opts.network.infoFd), '--block-fd', String(opts.network.blockFd));
  if (opts.dropPrivileges) {
    // setpriv needs these three to switch user; it then empties every capability set itself.
    a.push('--cap-drop', 'ALL', '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', '--cap-add', 'CAP_SETPCAP');
  } else if (opts.dropCapabilities) {
    a.push('--cap-drop', 'ALL');
  }

  // Directories that exist inside (created by an earlier op or provided by a bind); parents of later mounts
  // are created explicitly so that they get mode 0755 instead of bwrap's implicit 0700.
  const made = new Set<string>(['/']);
  const covered: string[] = [];
  const mkParents = (dest: string): void => {
    const parts = dest.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const p = `/${parts.slice(0, i).join('/')}`;
      if (made.has(p) || covered.some((c) => within(p, c))) continue;
      a.push('--dir', p);
      made.add(p);
    }
  };
  const bindRo = (host: string, inside: string): void => {
    mkParents(inside);
    a.push('--ro-bind', host, inside);
    made.add(inside);
    covered.push(inside);
  };

  for (const e of layout.system) {
    if (e.kind === 'bind') bindRo(e.path, e.path);
    else {
      a.push('--symlink', e.target, e.path);
      // A symlinked /bin resolves into a bound dir: treat it as covered.
      covered.push(e.path);
    }
  }

  a.push('--ro-bind', opts.etcDir, '/etc');
  made.add('/etc');
  covered.push('/etc');

  a.push('--proc', '/proc', '--dev', '/dev');
  made.add('/proc').add('/dev');
  a.push('--perms', '1777', '--size', String(Math.max(1, Math.round(spec.tmpSizeMb * 1024 * 1024))), '--tmpfs', '/tmp');
  made.add('/tmp');
  covered.push('/tmp');

  bindRo(spec.taskDir, '/var/task');
  const underRuntime = (spec.extraReadOnly ?? []).map((x) => normalizeInside(x.inside)).filter((p) => p.startsWith('/var/runtime/'));
  if (underRuntime.length === 0) bindRo(spec.runtimeDir, '/var/runtime');
  else {
    // A mount below /var/runtime (the runtime's AWS SDK at /var/runtime/node_modules) needs its mount point to exist,
    // and a read-only bind of the runtime dir cannot get one (nor should the host's runtime dir be written): so
    // /var/runtime is a directory of the sandbox's own root, with each entry of the runtime dir bound into it.
    mkParents('/var/runtime');
    a.push('--dir', '/var/runtime');
    made.add('/var/runtime');
    for (const name of runtimeEntries(spec.runtimeDir)) {
      const inside = `/var/runtime/${name}`;
      if (!underRuntime.some((p) => within(p, inside))) bindRo(join(spec.runtimeDir, name), inside);
    }
  }
  if (spec.optDir) bindRo(spec.optDir, '/opt');
  else {
    a.push('--dir', '/opt');
    made.add('/opt');
    covered.push('/opt');
  }
  for (const x of spec.extraReadOnly ?? []) bindRo(x.host, normalizeInside(x.inside));
  if (underRuntime.includes(RUNTIME_NODE_MODULES)) {
    // AWS's nodejs runtimes let ES modules import the SDK in /var/runtime/node_modules, although Node ignores NODE_PATH
    // for `import`. Node resolves a bare specifier from /var/task/index.mjs by looking in /var/task/node_modules, then
    // /var/node_modules, then /node_modules: a link at /var/node_modules makes the runtime's SDK the fallback after
    // the function's own node_modules, with no loader hook (module.register costs a loader thread, 50+ ms per cold
    // start on Node 20). Node resolves the link to its real path, so `import` and `require` load one copy.
    mkParents('/var/node_modules');
    a.push('--symlink', 'runtime/node_modules', '/var/node_modules');
    made.add('/var/node_modules');
  }

  // The interpreter itself (argv[0]) when it lives outside the bound dirs, e.g. /root/.nvm/.../bin/node.
  const argv0 = spec.argv[0];
  if (argv0 && isAbsolute(argv0)) {
    for (const dir of argv0Dirs(argv0)) {
      if (!covered.some((c) => within(dir, c))) bindRo(dir, dir);
    }
  }

  a.push('--remount-ro', '/');
  a.push('--chdir', '/var/task');
  a.push('--clearenv');
  for (const [k, v] of Object.entries(spec.env)) a.push('--setenv', k, v);
  const command: string[] = [];
  if (opts.dropPrivileges) {
    const { setpriv, uid, gid } = opts.dropPrivileges;
    command.push(setpriv, `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--');
  }
  if (spec.env.PWD !== '/var/task') {
    const env = opts.envBin ?? '/usr/bin/env';
    command.push(...(spec.env.PWD === undefined ? [env, '-u', 'PWD', '--'] : [env, '--', `PWD=${spec.env.PWD}`]));
  }
  command.push(...(opts.command ?? spec.argv));
  return { options: a, command };
}

const RUNTIME_NODE_MODULES = '/var/runtime/node_modules';

/** The names in the runtime dir (a handful of bootstrap files), bound one by one when /var/runtime is composed. */
function runtimeEntries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function normalizeInside(p: string): string {
  const n = posix.normalize(p);
  if (!n.startsWith('/') || n === '/' || n.split('/').includes('..')) throw new Error(`extraReadOnly inside path must be an absolute path below /: ${JSON.stringify(p)}`);
  return n.replace(/\/+$/, '');
}

/** The host dirs holding argv[0] (and its symlink target), when they exist and are not "/". */
function argv0Dirs(argv0: string): string[] {
  const out: string[] = [];
  if (!existsSync(argv0)) return out;
  const d = dirname(argv0);
  if (d !== '/') out.push(d);
  try {
    const real = dirname(realpathSync(argv0));
    if (real !== '/' && real !== d) out.push(real);
  } catch {
    // unreadable link: the plain dir is all we can offer
  }
  return out;
}

/** A Lambda-like hostname ("169.254.x.y") derived from the environment id. */
export function hostnameFor(id: string): string {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return `169.254.${(h % 254) + 1}.${((h >>> 8) % 254) + 1}`;
}

export function generatedEtcFiles(uid: number, gid: number): { passwd: string; group: string; hosts: string } {
  const user = uid === 0 ? '' : `sbx_user1051:x:${uid}:${gid}::/home/sbx_user1051:/sbin/nologin\n`;
  const group = gid === 0 ? '' : `sbx_user1051:x:${gid}:\n`;
  return {
    passwd: `root:x:0:0:root:/root:/sbin/nologin\n${user}nobody:x:65534:65534:nobody:/:/sbin/nologin\n`,
    group: `root:x:0:\n${group}nobody:x:65534:\n`,
    hosts: '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n',
  };
}
