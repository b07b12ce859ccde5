// Deployment packages on disk, addressed by SHA-256: <root>/<aa>/<sha256hex>.zip.
// Writes go to a temp file, are fsync'd, then renamed into place, so a crash
// leaves either the whole file or none. Unreferenced packages are swept at
// start-up and after deletes.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
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

export class CodeStore {
  /** Packages written but not yet referenced by a committed version: never swept. */
  private readonly pinned = new Map<string, number>();

  constructor(private readonly root: string) {
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
    this.pinned.set(digest.sha256Hex, (this.pinned.get(digest.sha256Hex) ?? 0) + 1);
    const target = this.pathOf(digest.sha256Hex);
    try {
      const st = await stat(target);
      if (st.size === data.length) return digest;
    } catch {
      // not stored yet
    }
    mkdirSync(join(this.root, digest.sha256Hex.slice(0, 2)), { recursive: true });
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
    this.fsyncDir(join(this.root, digest.sha256Hex.slice(0, 2)));
    return digest;
  }

  unpin(sha256Hex: string): void {
    const n = (this.pinned.get(sha256Hex) ?? 1) - 1;
    if (n <= 0) this.pinned.delete(sha256Hex);
    else this.pinned.set(sha256Hex, n);
  }

  async read(sha256Hex: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256Hex));
  }

  /**
   * Removes packages that no version references. Temp files are only removed
   * at start-up (`includeTemp`), when no write can be in flight.
   */
  async sweep(referenced: Set<string>, includeTemp = false): Promise<number> {
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
        const sha = f.endsWith('.zip') ? f.slice(0, -4) : undefined;
        if (sha && (referenced.has(sha) || this.pinned.has(sha))) continue;
        if (!sha && !includeTemp) continue;
        await unlink(join(dir, f)).catch(() => undefined);
        removed++;
      }
      if (files.length > 0 && (await readdir(dir)).length === 0) await rm(dir, { recursive: true, force: true });
    }
    return removed;
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
