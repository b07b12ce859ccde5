// The engine's immutable view of a stored function version (FunctionSnapshot),
// shared by synchronous Invoke and the asynchronous event queue.
import { createHash } from 'node:crypto';
import type { FunctionSnapshot } from '../../invocation/types.js';
import type { VersionRow } from '../../store/types.js';
import type { FunctionConfiguration } from './api-types.js';

/** Builds snapshots, rebuilding one only when its version's revision changes. */
export class SnapshotCache {
  private readonly snapshots = new Map<string, { revisionId: string; snapshot: FunctionSnapshot }>();

  get(row: VersionRow<FunctionConfiguration>): FunctionSnapshot {
    const id = `${row.accountId}/${row.region}/${row.name}/${row.version}`;
    const cached = this.snapshots.get(id);
    if (cached && cached.revisionId === row.revisionId) return cached.snapshot;
    const snapshot = buildSnapshot(row);
    this.snapshots.set(id, { revisionId: row.revisionId, snapshot });
    return snapshot;
  }
}

export function buildSnapshot(row: VersionRow<FunctionConfiguration>): FunctionSnapshot {
  const c = row.config;
  const shaping = {
    runtime: c.Runtime ?? 'provided.al2023',
    handler: c.Handler ?? '',
    memoryMb: c.MemorySize ?? 128,
    timeoutSec: c.Timeout ?? 3,
    ephemeralStorageMb: c.EphemeralStorage?.Size ?? 512,
    environment: c.Environment?.Variables ?? {},
    codeSha256Hex: row.codeSha256,
    logGroup: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${row.name}`,
    // A new role means new credentials: environments holding the old role's are retired with the fingerprint.
    role: c.Role ?? '',
  };
  return {
    accountId: row.accountId,
    region: row.region,
    name: row.name,
    version: row.version,
    arn: `arn:aws:lambda:${row.region}:${row.accountId}:function:${row.name}`,
    ...shaping,
    fingerprint: createHash('sha256').update(JSON.stringify(shaping)).digest('hex').slice(0, 16),
  };
}
