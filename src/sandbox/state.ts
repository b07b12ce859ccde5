// Private per-environment dirs (<stateDir>/<id>: owner file and generated /etc files) and the startup sweep.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CgroupDriver } from './cgroups.js';
import { errMessage, isAlive, processIdentity } from './util.js';

const OWNER_FILE = 'owner';

/** Creates <stateDir>/<id> with an owner stamp (this process), so that reapStale can tell live environments from leftovers. */
export async function createEnvDir(stateDir: string, id: string): Promise<string> {
  const dir = join(stateDir, id);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, OWNER_FILE), `${processIdentity(process.pid) ?? process.pid}\n`);
  return dir;
}

export async function removeEnvDir(stateDir: string, id: string): Promise<void> {
  await rm(join(stateDir, id), { recursive: true, force: true });
}

export interface ReapResult {
  /** Environment ids whose cgroup and/or dir were removed. */
  removed: string[];
  /** Of those, the ones this stateDir had a dir for (left by a Lambent of this data dir; the rest were unowned). */
  own: string[];
  /** lambent/* cgroups left alone: they belong to another live Lambent (or another stateDir) and still have processes. */
  skipped: string[];
  errors: string[];
}

/** Cgroups with no owner in this stateDir are only removed when empty and older than this (another instance may be starting one). */
const UNOWNED_GRACE_MS = 60_000;

/**
 * Startup sweep: removes the per-env dirs in stateDir whose owning process is gone, killing what is left in their
 * lambent/<id> cgroups, and removes empty, old lambent/* cgroups nobody owns. Environments of a live Lambent
 * (including this one) are left alone, so concurrent instances with their own stateDir do not disturb each other.
 */
export async function reapWith(stateDir: string, driver: CgroupDriver | null): Promise<ReapResult> {
  const result: ReapResult = { removed: [], own: [], skipped: [], errors: [] };
  let entries: string[] = [];
  try {
    entries = (await readdir(stateDir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    entries = [];
  }
  const owned = new Set<string>();
  for (const id of entries) {
    owned.add(id);
    const owner = (await readFile(join(stateDir, id, OWNER_FILE), 'utf8').catch(() => '')).trim();
    if (owner && isAlive(owner)) continue;
    try {
      const cg = driver?.open(id);
      if (cg) {
        await cg.killAll(5000);
        await cg.remove();
      }
      await removeEnvDir(stateDir, id);
      result.removed.push(id);
      result.own.push(id);
    } catch (err) {
      result.errors.push(`${id}: ${errMessage(err)}`);
    }
  }
  for (const id of driver?.list() ?? []) {
    if (owned.has(id)) continue;
    const cg = driver?.open(id);
    if (!cg) continue;
    const age = Date.now() - (driver?.createdAt(id) ?? Date.now());
    if (cg.pids().length > 0 || age < UNOWNED_GRACE_MS) {
      result.skipped.push(id);
      continue;
    }
    try {
      await cg.remove();
      result.removed.push(id);
    } catch (err) {
      result.errors.push(`${id}: ${errMessage(err)}`);
    }
  }
  return result;
}
