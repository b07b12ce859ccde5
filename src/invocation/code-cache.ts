// Unpacked deployment packages, one read-only tree per code digest:
// <root>/<sha256hex>/. Execution environments mount these at /var/task.
// Extraction is atomic (temp dir + rename) and deduplicated across callers.
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CodeStore } from '../store/code-store.js';
import { extractZip, LAMBDA_ZIP_LIMITS } from '../util/zip.js';

/** Name prefix of trees a sweep moved aside before removing them. */
const SWEPT_PREFIX = '.swept-';

export class CodeCache {
  private readonly inflight = new Map<string, Promise<string>>();
  /**
   * Same race as CodeStore.sweep: a tree asked for after a sweep began may belong to a version committed after the
   * sweep read its references. Each sweep takes a generation; trees used since it began are kept.
   */
  private generation = 0;
  private readonly sweeping = new Set<number>();
  private readonly used = new Map<string, number>();

  constructor(
    private readonly root: string,
    private readonly code: CodeStore,
  ) {}

  dirOf(sha256Hex: string): string {
    return join(this.root, sha256Hex);
  }

  /** The unpacked tree for a package, extracting it on first use. */
  ensure(sha256Hex: string): Promise<string> {
    this.markUsed(sha256Hex);
    const dir = this.dirOf(sha256Hex);
    if (existsSync(dir)) return Promise.resolve(dir);
    let p = this.inflight.get(sha256Hex);
    if (!p) {
      p = (async () => {
        const data = await this.code.read(sha256Hex);
        await extractZip(data, dir, LAMBDA_ZIP_LIMITS);
        return dir;
      })().finally(() => {
        this.inflight.delete(sha256Hex);
        this.markUsed(sha256Hex);
      });
      this.inflight.set(sha256Hex, p);
    }
    return p;
  }

  /** Removes unpacked trees no version references any more; `references` is read after the sweep began. */
  async sweep(references: () => Promise<Set<string>>): Promise<void> {
    const gen = ++this.generation;
    this.sweeping.add(gen);
    try {
      const referenced = await references();
      let entries: string[];
      try {
        entries = await readdir(this.root);
      } catch {
        return;
      }
      for (const e of entries) {
        // Trees moved aside by an earlier sweep that did not finish removing them (a crash).
        if (e.startsWith(SWEPT_PREFIX)) {
          await rm(join(this.root, e), { recursive: true, force: true });
          continue;
        }
        // Only finished trees are named by a bare digest; temp dirs belong to extractions in flight.
        if (!/^[0-9a-f]{64}$/.test(e) || referenced.has(e) || this.inflight.has(e)) continue;
        if ((this.used.get(e) ?? -1) >= gen) continue;
        // Moved aside in the same synchronous step as the check, so `ensure` either sees the tree before the check
        // (and marks it used) or finds it gone and extracts it again; never a tree being deleted under it.
        const aside = join(this.root, `${SWEPT_PREFIX}${e}-${randomBytes(4).toString('hex')}`);
        try {
          renameSync(join(this.root, e), aside);
        } catch {
          continue;
        }
        await rm(aside, { recursive: true, force: true });
      }
    } finally {
      this.sweeping.delete(gen);
      if (this.sweeping.size === 0) this.used.clear();
    }
  }

  private markUsed(sha256Hex: string): void {
    if (this.sweeping.size > 0) this.used.set(sha256Hex, this.generation);
  }
}
