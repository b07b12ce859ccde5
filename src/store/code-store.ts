// Deployment packages on disk, addressed by SHA-256: <root>/<aa>/<sha256hex>.zip.
// Writes go to a temp file, are fsync'd, then renamed into place, so a crash
// leaves either the whole file or none. Unreferenced packages are swept at
// start-up and after deletes.
//
// Sweeping races with deploys: a sweep reads the set of referenced digests from the store, then walks the
// directory; a package written and committed between the two is in the walk but not in the set. So a package is
// protected while it is pinned (a write in flight, from `put` until its transaction committed or was abandoned),
// and also when it was unpinned after the sweep began: such a package may have been committed after the sweep read
// its references. Only a package whose last pin ended before the sweep began, and that the references (read after
// the sweep began) do not name, can be removed. The final check and the unlink happen in one synchronous step, so no
// `put` can pin the package between them; a `put` that starts after the unlink finds no file and writes it again.
// Shard directories (<aa>/, at most 256) are never removed, so a write never finds its directory gone.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredCode {
  sha256Hex: string;
  /** base64 digest, as Lambda reports CodeSha256. */
  sha256Base64: string;
  size: number;
}

export function digestCode(data: Buffer): StoredCode {
  const d = createHash('sha256').update(data).digest();
  return { sha256Hex: d.toString('hex'), sha256Base64: d.toString('base64'), size: data.length };
}

/** A package some version names is not in the store (removed behind Lambent's back, or a lost write). */
export class CodeMissingError extends Error {
  constructor(readonly sha256Hex: string) {
    super(`the deployment package (SHA-256 ${sha256Hex}) is missing from Lambent's code store`);
    this.name = 'CodeMissingError';
  }
}

/** Test seams: run at the points where a concurrent deploy would do the most harm. */
export interface CodeStoreHooks {
  /** A sweep listed `sha256Hex` as unreferenced and is about to remove it. */
  beforeRemove?(sha256Hex: string): void | Promise<void>;
}

export interface SweepOptions {
  /** Also remove temp files: only at start-up, when no write can be in flight. */
  includeTemp?: boolean;
}

export class CodeStore {
  /** Packages written but not yet referenced by a committed version: never swept. */
  private readonly pinned = new Map<string, number>();
  /** Sweep generations: each sweep takes the next number when it begins. */
  private generation = 0;
  /** Generations of the sweeps running now. */
  private readonly sweeping = new Set<number>();
  /** Generation counter at the moment each package was last unpinned, kept while any sweep runs. */
  private readonly released = new Map<string, number>();

  constructor(
    private readonly root: string,
    private readonly hooks: CodeStoreHooks = {},
  ) {
    mkdirSync(root, { recursive: true });
  }

  pathOf(sha256Hex: string): string {
    return join(this.root, sha256Hex.slice(0, 2), `${sha256Hex}.zip`);
  }

  /**
   * Stores a package durably (idempotent for identical content) and returns its digest.
   * The package stays pinned against sweeping until `unpin` is called after the
   * version that references it is committed (or abandoned).
   */
  async put(data: Buffer): Promise<StoredCode> {
    const digest = digestCode(data);
    // Pinned before anything looks at the disk: a sweep that removes the file does so before this line (and the
    // stat below sees no file) or not at all.
    this.pinned.set(digest.sha256Hex, (this.pinned.get(digest.sha256Hex) ?? 0) + 1);
    try {
      const target = this.pathOf(digest.sha256Hex);
      try {
        const st = await stat(target);
        if (st.size === data.length) return digest;
      } catch {
        // not stored yet
      }
      const dir = join(this.root, digest.sha256Hex.slice(0, 2));
      // A new shard dir's own entry must be durable too, or a power loss could drop the package with it.
      if (mkdirSync(dir, { recursive: true }) !== undefined) this.fsyncDir(this.root);
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        let off = 0;
        while (off < data.length) off += writeSync(fd, data, off, data.length - off);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
      this.fsyncDir(dir);
      return digest;
    } catch (e) {
      this.unpin(digest.sha256Hex);
      throw e;
    }
  }

  unpin(sha256Hex: string): void {
    const n = (this.pinned.get(sha256Hex) ?? 1) - 1;
    if (n <= 0) this.pinned.delete(sha256Hex);
    else this.pinned.set(sha256Hex, n);
    // A sweep running now may have read its references before this package's version was committed.
    if (this.sweeping.size > 0) this.released.set(sha256Hex, this.generation);
  }

  /** The package's bytes; CodeMissingError when it is not stored (its message names no host path). */
  async read(sha256Hex: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(sha256Hex));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CodeMissingError(sha256Hex);
      throw e;
    }
  }

  /**
   * Removes packages that no version references. `references` is called after the sweep began, so every package
   * unpinned before that is either in it (committed) or abandoned. Returns how many files were removed.
   */
  async sweep(references: () => Promise<Set<string>>, opts: SweepOptions = {}): Promise<number> {
    const gen = ++this.generation;
    this.sweeping.add(gen);
    try {
      const referenced = await references();
      return await this.removeUnreferenced(referenced, gen, opts.includeTemp ?? false);
    } finally {
      this.sweeping.delete(gen);
      this.forgetReleases();
    }
  }

  /** May `sha` be removed by the sweep of generation `gen` that read `referenced`? */
  private removable(sha: string, referenced: Set<string>, gen: number): boolean {
    if (referenced.has(sha) || this.pinned.has(sha)) return false;
    const releasedAt = this.released.get(sha);
    return releasedAt === undefined || releasedAt < gen;
  }

  private async removeUnreferenced(referenced: Set<string>, gen: number, includeTemp: boolean): Promise<number> {
    let removed = 0;
    let dirs: string[];
    try {
      dirs = await readdir(this.root);
    } catch {
      return 0;
    }
    for (const d of dirs) {
      const dir = join(this.root, d);
      let files: string[];
      try {
        files = await readdir(dir);
      } catch {
        continue;
      }
      for (const f of files) {
        const sha = /^[0-9a-f]{64}\.zip$/.test(f) ? f.slice(0, -4) : undefined;
        if (sha === undefined) {
          if (includeTemp && f.endsWith('.tmp') && tryUnlink(join(dir, f))) removed++;
          continue;
        }
        if (!this.removable(sha, referenced, gen)) continue;
        await this.hooks.beforeRemove?.(sha);
        // Checked again and removed in one synchronous step: nothing can pin it in between.
        if (this.removable(sha, referenced, gen) && tryUnlink(join(dir, f))) removed++;
      }
    }
    return removed;
  }

  /** Release marks only matter to sweeps that began before them. */
  private forgetReleases(): void {
    if (this.sweeping.size === 0) {
      this.released.clear();
      return;
    }
    const oldest = Math.min(...this.sweeping);
    for (const [sha, at] of this.released) if (at < oldest) this.released.delete(sha);
  }

  private fsyncDir(dir: string): void {
    try {
      const fd = openSync(dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Directory fsync is best effort on filesystems that refuse it.
    }
  }
}

function tryUnlink(file: string): boolean {
  try {
    unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}
