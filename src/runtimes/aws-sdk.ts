// The AWS SDK for JavaScript v3 that nodejs runtimes carry, as AWS's nodejs18.x and later runtimes do, at
// /var/runtime/node_modules. AWS bundles every client; Lambent carries the clients of the services it hosts or will
// (runtimes/aws-sdk-js-v3/package.json), pinned with their whole dependency tree by the package-lock beside it.
//
// Layout in a runtimes dir (as for Node builds: one folder per release, a link switched with a rename):
//
//   <runtimes-dir>/aws-sdk-js-v3                 -> aws-sdk-js-v3-3.1178.0
//   <runtimes-dir>/aws-sdk-js-v3-3.1178.0/node_modules/@aws-sdk/client-lambda/...
//   <runtimes-dir>/aws-sdk-js-v3-3.1178.0/lambent-runtime.json   (manifest, written last)
//
// `npm ci` does the fetching (so npm's registry, proxy, CA and auth settings apply) and refuses any tarball whose
// SHA-512 differs from the lock's; Lambent then checks that every pinned package is there at its pinned version,
// drops the TypeScript declarations (dist-types: two thirds of the size, never loaded at run time) and renames the
// release into place. Files are world-readable: functions run as an unprivileged user.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST } from './installed.js';
import { findNpm, makeWorldReadable, mib, NPM_QUIET_FAST_FAIL, run, RuntimeInstallError, sweepTemp } from './installer.js';

/** The pinned package set (package.json + package-lock.json), shipped with Lambent. */
export const SDK_SPEC_DIR = fileURLToPath(new URL('../../runtimes/aws-sdk-js-v3/', import.meta.url));

const LINK = 'aws-sdk-js-v3';
/** The package whose version names the release (every client of one SDK release shares its core packages). */
const RELEASE_PACKAGE = '@aws-sdk/client-lambda';

export interface SdkSpec {
  /** The SDK release, e.g. "3.1178.0" (the version of @aws-sdk/client-lambda). */
  version: string;
  /** Package → exact version, as pinned. */
  packages: Record<string, string>;
  /** SHA-256 of the package-lock (hex): a changed lock is a new install even at the same release. */
  lockDigest: string;
}

export interface SdkManifest {
  name: 'aws-sdk-js-v3';
  version: string;
  packages: Record<string, string>;
  lockDigest: string;
  /** Bytes on disk after trimming, and how long the install took: the README quotes them. */
  installedBytes: number;
  installMs: number;
  installedAt: string;
}

export interface InstalledSdk {
  version: string;
  /** The release folder. */
  home: string;
  /** home/node_modules: bound read-only at /var/runtime/node_modules. */
  nodeModules: string;
  /** The oldest Node major the release supports (its engines field): older runtimes get no SDK rather than a broken one. */
  minNodeMajor: number;
  manifest: SdkManifest;
}

export interface SdkInstallResult {
  installed: InstalledSdk;
  changed: boolean;
  ms: number;
}

let shipped: SdkSpec | undefined;

/** The pinned SDK as shipped (throws when the spec files are missing or malformed: a broken Lambent package). */
export function pinnedSdk(specDir: string = SDK_SPEC_DIR): SdkSpec {
  if (specDir === SDK_SPEC_DIR) return (shipped ??= readSpec(specDir));
  return readSpec(specDir);
}

function readSpec(specDir: string): SdkSpec {
  const pkg = JSON.parse(readFileSync(join(specDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const lock = readFileSync(join(specDir, 'package-lock.json'));
  const packages = pkg.dependencies ?? {};
  const version = packages[RELEASE_PACKAGE];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`${specDir}package.json does not pin ${RELEASE_PACKAGE} to an exact version`);
  return { version, packages, lockDigest: createHash('sha256').update(lock).digest('hex') };
}

export function sdkLink(runtimesDir: string): string {
  return join(runtimesDir, LINK);
}

/** The release the aws-sdk-js-v3 link points at, when complete (manifest written, client-lambda present). */
export function installedSdk(runtimesDir: string): InstalledSdk | undefined {
  let target: string;
  try {
    target = readlinkSync(sdkLink(runtimesDir));
  } catch {
    return undefined;
  }
  const home = join(runtimesDir, target);
  const nodeModules = join(home, 'node_modules');
  try {
    const manifest = JSON.parse(readFileSync(join(home, MANIFEST), 'utf8')) as SdkManifest;
    if (manifest.name !== 'aws-sdk-js-v3') return undefined;
    const pkg = JSON.parse(readFileSync(join(nodeModules, RELEASE_PACKAGE, 'package.json'), 'utf8')) as { engines?: { node?: string } };
    const minNodeMajor = Number(/>=\s*(\d+)/.exec(pkg.engines?.node ?? '')?.[1] ?? 0);
    return { version: manifest.version, home, nodeModules, minNodeMajor, manifest };
  } catch {
    return undefined;
  }
}

/** Whether what is installed is exactly the pinned set (a Lambent upgrade may pin another release). */
export function isCurrent(installed: InstalledSdk | undefined, spec: SdkSpec): boolean {
  return installed !== undefined && installed.version === spec.version && installed.manifest.lockDigest === spec.lockDigest;
}

export interface SdkInstallOptions {
  progress?: (line: string) => void;
  force?: boolean;
  npm?: string;
  /** Where the pinned spec is (tests). */
  specDir?: string;
}

/** Installs (or confirms) the pinned SDK under runtimesDir. */
export async function installSdk(runtimesDir: string, opts: SdkInstallOptions = {}): Promise<SdkInstallResult> {
  const t0 = Date.now();
  const say = opts.progress ?? ((): void => undefined);
  const specDir = opts.specDir ?? SDK_SPEC_DIR;
  const spec = pinnedSdk(specDir);
  const current = installedSdk(runtimesDir);
  if (isCurrent(current, spec) && current && !opts.force) {
    say(`AWS SDK for JavaScript ${spec.version} is already installed (${current.home})`);
    return { installed: current, changed: false, ms: Date.now() - t0 };
  }

  await mkdir(runtimesDir, { recursive: true });
  await chmod(runtimesDir, 0o755);
  await sweepTemp(runtimesDir);
  const tmp = join(runtimesDir, `.tmp-${randomBytes(6).toString('hex')}`);
  const release = join(tmp, 'release');
  await mkdir(release, { recursive: true });
  try {
    await copyFile(join(specDir, 'package.json'), join(release, 'package.json'));
    await copyFile(join(specDir, 'package-lock.json'), join(release, 'package-lock.json'));
    const count = Object.keys(spec.packages).length;
    say(`installing AWS SDK for JavaScript ${spec.version} (${count} packages and their dependencies, pinned by lock) with npm ci`);
    const started = Date.now();
    const ticker = setInterval(() => say(`  still installing (${Math.round((Date.now() - started) / 1000)} s)`), 5000);
    try {
      // ci: exactly the lock, each tarball checked against its sha512 (npm fails with EINTEGRITY otherwise).
      // --ignore-scripts: nothing of the SDK runs on the host at install time.
      await run(opts.npm ?? findNpm(), ['ci', '--prefix', release, '--ignore-scripts', '--omit=dev', '--no-audit', '--no-fund', ...NPM_QUIET_FAST_FAIL]);
    } finally {
      clearInterval(ticker);
    }
    const nodeModules = join(release, 'node_modules');
    for (const [name, version] of Object.entries(spec.packages)) {
      const got = readVersion(join(nodeModules, name, 'package.json'));
      if (got !== version) throw new RuntimeInstallError(`npm ci installed ${name}@${got ?? 'nothing'}, the lock pins ${version}`);
    }
    await removeDirsNamed(nodeModules, 'dist-types');
    // One walk: the modes functions (uid 993) need, and the size the manifest records.
    const installedBytes = await makeWorldReadable(release);
    const manifest: SdkManifest = {
      name: 'aws-sdk-js-v3',
      version: spec.version,
      packages: spec.packages,
      lockDigest: spec.lockDigest,
      installedBytes,
      installMs: Date.now() - t0,
      installedAt: new Date().toISOString(),
    };
    await writeFile(join(release, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644 });

    const name = `${LINK}-${spec.version}-${spec.lockDigest.slice(0, 8)}`;
    const finalDir = join(runtimesDir, name);
    // Environments may run from a complete release another installer finished meanwhile: keep it.
    if (opts.force || !existsSync(join(finalDir, MANIFEST))) {
      await rm(finalDir, { recursive: true, force: true });
      await rename(release, finalDir);
    }
    const previous = current ? basename(current.home) : undefined;
    const link = join(tmp, 'link');
    await symlink(name, link);
    await rename(link, sdkLink(runtimesDir));
    await removeOtherReleases(runtimesDir, [name, ...(previous ? [previous] : [])]);
    const installed = installedSdk(runtimesDir);
    if (!installed) throw new RuntimeInstallError(`installed the AWS SDK but cannot read it back from ${runtimesDir}`);
    const ms = Date.now() - t0;
    say(`installed AWS SDK for JavaScript ${spec.version} in ${installed.home} (${mib(installedBytes)}, ${(ms / 1000).toFixed(1)} s)`);
    return { installed, changed: true, ms };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function readVersion(packageJson: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

async function removeDirsNamed(dir: string, name: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const p = join(dir, e.name);
    if (e.name === name) await rm(p, { recursive: true, force: true });
    else await removeDirsNamed(p, name);
  }
}

/**
 * Releases older than the previous one. The previous one stays: environments started before the switch still have it
 * mounted and may require a client they have not loaded yet (unlike a Node binary, the SDK is read lazily).
 */
async function removeOtherReleases(runtimesDir: string, keep: string[]): Promise<void> {
  for (const name of await readdir(runtimesDir)) {
    if (name.startsWith(`${LINK}-`) && !keep.includes(name)) await rm(join(runtimesDir, name), { recursive: true, force: true });
  }
}
