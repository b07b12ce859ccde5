// Cgroup detection: which driver (v1 or v2) this host gives, and where. The interface and helpers both drivers
// share are in cgroups-shared.ts, re-exported here for the rest of Lambent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openV1 } from './cgroups-v1.js';
import { openV2 } from './cgroups-v2.js';
import { controllerEffect, currentIdentity, parseMountInfo, parseProcCgroup, type CgroupDetection, type HostIdentity } from './cgroups-shared.js';
import { readText } from './util.js';

export * from './cgroups-shared.js';

/**
 * Detects the cgroup layout (v2 when <root>/sys/fs/cgroup/cgroup.controllers exists, else v1 hierarchies from
 * mountinfo) and prepares the lambent parent: as root, <mount>/lambent; as a normal user, a subtree delegated to it
 * (v2: its own cgroup, e.g. a systemd scope with Delegate=yes; v1: <hierarchy>/lambent-<user> made and chowned by
 * root, or its own cgroup if writable).
 */
export async function detectCgroups(id: HostIdentity = currentIdentity()): Promise<CgroupDetection> {
  const at = (p: string): string => join(id.root, p);
  const mounts = parseMountInfo(readText(at('/proc/self/mountinfo')) ?? '').map((m) => ({ ...m, mountPoint: at(m.mountPoint) }));
  const own = parseProcCgroup(readText(at('/proc/self/cgroup')) ?? '');
  if (existsSync(at('/sys/fs/cgroup/cgroup.controllers'))) {
    const res = await openV2(at('/sys/fs/cgroup'), own.get('') ?? '/', id);
    return { driver: res.driver ?? null, version: res.driver ? 'v2' : 'none', warnings: res.warnings, missing: res.missing, ...(res.source ? { source: res.source } : {}) };
  }
  const v1 = mounts.filter((m) => m.fsType === 'cgroup');
  if (v1.length === 0) {
    const missing = (['memory', 'cpu', 'pids', 'freezer'] as const).map((c) => ({ ...controllerEffect(c), reason: 'no cgroup file system is mounted under /sys/fs/cgroup' }));
    return { driver: null, version: 'none', warnings: ['no cgroup file system is mounted under /sys/fs/cgroup: no memory, CPU or process limits'], missing };
  }
  const res = openV1(v1, own, id);
  return { driver: res.driver ?? null, version: res.driver ? 'v1' : 'none', warnings: res.warnings, missing: res.missing, ...(res.source ? { source: res.source } : {}) };
}
