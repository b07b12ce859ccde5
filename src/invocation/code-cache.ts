// Unpacked deployment packages, one read-only tree per code digest:
// <root>/<sha256hex>/. Execution environments mount these at /var/task.
// Extraction is atomic (temp dir + rename) and deduplicated across callers.
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CodeStore } from '../store/code-store.js';
import { extractZip, LAMBDA_ZIP_LIMITS } from '../util/zip.js';

export class CodeCache {
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    private readonly root: string,
    private readonly code: CodeStore,
  ) {}

  dirOf(sha256Hex: string): string {
    return join(this.root, sha256Hex);
  }

  /** The unpacked tree for a package, extracting it on first use. */
  ensure(sha256Hex: string): Promise<string> {
    const dir = this.dirOf(sha256Hex);
    if (existsSync(dir)) return Promise.resolve(dir);
    let p = this.inflight.get(sha256Hex);
    if (!p) {
      p = (async () => {
        const data = await this.code.read(sha256Hex);
        await extractZip(data, dir, LAMBDA_ZIP_LIMITS);
        return dir;
      })().finally(() => this.inflight.delete(sha256Hex));
      this.inflight.set(sha256Hex, p);
    }
    return p;
  }

  /** Removes unpacked trees no version references any more. */
  async sweep(referenced: Set<string>): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(this.root);
    } catch {
      return;
    }
    for (const e of entries) {
      // Only finished trees are named by a bare digest; temp dirs belong to extractions in flight.
      if (!/^[0-9a-f]{64}$/.test(e) || referenced.has(e) || this.inflight.has(e)) continue;
      await rm(join(this.root, e), { recursive: true, force: true });
    }
  }
}
