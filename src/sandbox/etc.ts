// The sandbox's /etc: a private copy of the few host entries programs need (DNS, TLS roots, dynamic linker cache,
// time zone...) plus generated passwd/group/hosts, bound read-only as one directory (one mount instead of ~20:
// each bind costs bwrap ~0.4 ms of CPU, which counts against a small function's CPU quota).
import {
  copyFileSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { within } from './bubblewrap.js';

/** /etc entries copied into the sandbox; everything else in the host's /etc stays invisible. */
export const ETC_ENTRIES = [
  'resolv.conf', 'nsswitch.conf', 'host.conf', 'gai.conf', 'services', 'protocols', 'networks',
  'localtime', 'timezone', 'ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'alternatives',
  'ssl', 'pki', 'ca-certificates', 'ca-certificates.conf', 'crypto-policies', 'mime.types', 'os-release',
];

export interface EtcFiles { passwd: string; group: string; hosts: string }

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
 * Builds <stateDir>/.etc-<pid>-<n>. `visible` are the host dirs mounted at the same path inside (/usr...): symlinks
 * into them are kept (e.g. /etc/localtime → /usr/share/zoneinfo/UTC, which programs read as the zone name).
 */
export function prepareEtc(stateDir: string, visible: readonly string[], files: EtcFiles): EtcDir {
  removeStaleEtcDirs(stateDir);
  const dir = join(stateDir, `.etc-${process.pid}-${seq++}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const tracked = new Map<string, string>(); // top-level regular files: name → "mtime size" of the host file
  for (const name of ETC_ENTRIES) {
    const src = `/etc/${name}`;
    copyEntry(src, join(dir, name), src, visible);
    const sig = signature(src);
    if (sig && !isDirOrLink(join(dir, name))) tracked.set(name, sig);
  }
  writeFileSync(join(dir, 'passwd'), files.passwd, { mode: 0o644 });
  writeFileSync(join(dir, 'group'), files.group, { mode: 0o644 });
  writeFileSync(join(dir, 'hosts'), files.hosts, { mode: 0o644 });
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
