// The sandbox's /etc: a private copy of the few host entries programs need (DNS, TLS roots, dynamic linker cache,
// time zone...) plus generated passwd/group/hosts, bound read-only as one directory (one mount instead of ~20:
// each bind costs bwrap ~0.4 ms of CPU, which counts against a small function's CPU quota).
import {
  copyFileSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { within } from './bubblewrap.js';

/** /etc entries copied into the sandbox; everything else in the host's /etc stays invisible. */
export const ETC_ENTRIES = [
  'resolv.conf', 'nsswitch.conf', 'host.conf', 'gai.conf', 'services', 'protocols', 'networks',
  'localtime', 'timezone', 'ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'alternatives',
  'ssl', 'pki', 'ca-certificates', 'ca-certificates.conf', 'crypto-policies', 'mime.types', 'os-release',
];

/** Generated files; `resolv` replaces the host's resolv.conf when given. */
export interface EtcFiles { passwd: string; group: string; hosts: string; resolv?: string }

export interface EtcDir {
  /** Host dir to bind at /etc. */
  dir: string;
  /** Re-copies top-level files that changed on the host (e.g. resolv.conf); cheap, called before each launch. */
  refresh(): void;
  /** Removes the directory. */
  dispose(): void;
}

let seq = 0;

/**
 * The /etc copy, built once per content: copying /etc/ssl and /etc/alternatives (hundreds of symlinks) costs
 * 150 ms to over a second on slow file systems, at every start. Copies live under `cacheRoot` (default
 * <tmpdir>/lambent-etc-<uid>, private to this user), named by a hash of what they were built from (every source
 * entry's type, size, mtime and link target, the visible dirs and the generated files), so an unchanged host
 * reuses the last one and a changed one gets a new copy. Without a usable cache root the copy is private to this
 * process: <stateDir>/.etc-<pid>-<n>.
 *
 * `visible` are the host dirs mounted at the same path inside (/usr...): symlinks into them are kept (e.g.
 * /etc/localtime → /usr/share/zoneinfo/UTC, which programs read as the zone name).
 */
export function prepareEtc(stateDir: string, visible: readonly string[], files: EtcFiles, cacheRoot: string | null = defaultCacheRoot()): EtcDir {
  removeStaleEtcDirs(stateDir);
  const key = createHash('sha256').update(sourceSignature(visible)).update(JSON.stringify(files)).digest('hex').slice(0, 24);
  const cached = cacheRoot && privateDir(cacheRoot) ? join(cacheRoot, key) : undefined;
  let dir: string;
  if (cached && isOwnDir(cached)) dir = cached;
  else {
    // Built next to its final name when cached (rename stays on one file system).
    dir = cached ? join(cacheRoot as string, `.tmp-${process.pid}-${seq++}`) : join(stateDir, `.etc-${process.pid}-${seq++}`);
    buildEtc(dir, visible, files);
    if (cached) {
      try {
        renameSync(dir, cached);
        dir = cached;
      } catch {
        // another Lambent published the same copy meanwhile: use that one
        if (isOwnDir(cached)) {
          rmSync(dir, { recursive: true, force: true });
          dir = cached;
        }
      }
    }
  }
  const tracked = new Map<string, string>(); // top-level regular files: name → "mtime size" of the host file
  for (const name of ETC_ENTRIES) {
    const sig = signature(`/etc/${name}`);
    if (sig && !isDirOrLink(join(dir, name)) && !(name === 'resolv.conf' && files.resolv !== undefined)) tracked.set(name, sig);
  }
  const shared = dir === cached;
  return {
    dir,
    refresh() {
      for (const [name, old] of tracked) {
        const sig = signature(`/etc/${name}`);
        if (!sig || sig === old) continue;
        try {
          const tmp = join(dir, `.${name}.tmp`);
          copyFileSync(`/etc/${name}`, tmp);
          renameSync(tmp, join(dir, name));
          tracked.set(name, sig);
        } catch {
          // keep the previous copy
        }
      }
    },
    dispose() {
      if (!shared) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function buildEtc(dir: string, visible: readonly string[], files: EtcFiles): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const name of ETC_ENTRIES) copyEntry(`/etc/${name}`, join(dir, name), `/etc/${name}`, visible);
  writeFileSync(join(dir, 'passwd'), files.passwd, { mode: 0o644 });
  writeFileSync(join(dir, 'group'), files.group, { mode: 0o644 });
  writeFileSync(join(dir, 'hosts'), files.hosts, { mode: 0o644 });
  if (files.resolv !== undefined) writeFileSync(join(dir, 'resolv.conf'), files.resolv, { mode: 0o644 });
}

function defaultCacheRoot(): string {
  return join(tmpdir(), `lambent-etc-${process.getuid?.() ?? 'user'}`);
}

/** Creates dir 0700 if needed; true when it is a real directory owned by us that nobody else can write to. */
function privateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch {
    // exists (checked below) or cannot be created
  }
  return isOwnDir(dir, 0o077);
}

/** A directory (not a symlink) owned by this user, without write permission for others (or any access, per mask). */
function isOwnDir(dir: string, forbidden = 0o022): boolean {
  try {
    const st = lstatSync(dir);
    return st.isDirectory() && st.uid === (process.getuid?.() ?? st.uid) && (st.mode & forbidden) === 0;
  } catch {
    return false;
  }
}

/** What the copy depends on, from lstat only (cheap): type, mode, size, mtime and link target of every source entry. */
function sourceSignature(visible: readonly string[]): string {
  const parts: string[] = [visible.join(':')];
  const walk = (path: string): void => {
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return;
    }
    if (st.isSymbolicLink()) {
      let target = '';
      try {
        target = readlinkSync(path);
        // A followed link copies its target: include what it points at.
        const t = statSync(path);
        target += ` ${t.mode} ${t.size} ${t.mtimeMs}`;
      } catch {
        // dangling
      }
      parts.push(`${path} -> ${target}`);
      return;
    }
    parts.push(`${path} ${st.mode} ${st.size} ${st.mtimeMs}`);
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(path).sort();
      } catch {
        return;
      }
      for (const n of names) walk(join(path, n));
    }
  };
  for (const name of ETC_ENTRIES) walk(`/etc/${name}`);
  return parts.join('\n');
}

function signature(path: string): string | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? `${st.mtimeMs} ${st.size}` : undefined;
  } catch {
    return undefined;
  }
}

function isDirOrLink(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isDirectory() || st.isSymbolicLink();
  } catch {
    return true;
  }
}

/** Copies src to dst: keeps symlinks that resolve inside `root` (the copied entry) or a visible dir, follows others; skips what others cannot read. */
function copyEntry(src: string, dst: string, root: string, visible: readonly string[]): void {
  let st;
  try {
    st = lstatSync(src);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) {
    const target = readlinkSync(src);
    const resolved = resolve(dirname(src), target);
    if (within(resolved, root) || visible.some((v) => within(resolved, v))) {
      symlinkSync(target, dst);
      return;
    }
    try {
      st = statSync(src);
    } catch {
      return; // dangling
    }
  }
  if (st.isDirectory()) {
    if ((st.mode & 0o005) !== 0o005) return; // e.g. /etc/ssl/private
    mkdirSync(dst, { mode: 0o755 });
    let names: string[] = [];
    try {
      names = readdirSync(src);
    } catch {
      return;
    }
    for (const n of names) copyEntry(join(src, n), join(dst, n), root, visible);
  } else if (st.isFile()) {
    if ((st.mode & 0o004) === 0) return;
    try {
      copyFileSync(src, dst);
    } catch {
      // unreadable: leave it out
    }
  }
}

function removeStaleEtcDirs(stateDir: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(stateDir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = /^\.etc-(\d+)-\d+$/.exec(n);
    if (!m || Number(m[1]) === process.pid) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch (err) {
      alive = (err as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) rmSync(join(stateDir, n), { recursive: true, force: true });
  }
}
