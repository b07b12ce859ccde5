// Safe inspection and extraction of Lambda deployment packages (zip files).
//
// Everything here treats the archive as hostile: entry names are checked for
// traversal, symlinks are confined to the package root, every entry is really
// inflated (sizes in headers are never trusted to be small) while a running
// total bounds the work a zip bomb can cause, and extraction goes to a
// temporary sibling directory that is renamed into place only on success.

import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, rename, rm, symlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { fromBuffer } from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

export interface ZipLimits {
  /** Total real inflated bytes of all entries (Lambda: 262144000 = 250 MiB for function + layers). */
  maxUnzippedBytes: number;
  /** Number of entries (files, directories and symlinks). */
  maxEntries: number;
  /** Per-entry bomb guard (uncompressed / compressed); only applied to entries larger than 1 MiB uncompressed. */
  maxCompressionRatio?: number;
}

export const LAMBDA_ZIP_LIMITS: ZipLimits = Object.freeze({
  maxUnzippedBytes: 262_144_000,
  maxEntries: 20_000,
  maxCompressionRatio: 1000,
});

export type ZipProblem =
  | 'not-a-zip'
  | 'empty'
  | 'path-traversal'
  | 'absolute-path'
  | 'symlink-escape'
  | 'too-large-unzipped'
  | 'too-many-entries'
  | 'compression-ratio'
  | 'corrupt-entry';

export class ZipError extends Error {
  readonly problem: ZipProblem;
  readonly entry?: string;

  constructor(problem: ZipProblem, message: string, entry?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZipError';
    this.problem = problem;
    if (entry !== undefined) this.entry = entry;
  }
}

export interface ZipSummary {
  /** Entries in the archive (files, directories and symlinks). */
  entries: number;
  /** Non-directory entries (regular files and symlinks). */
  files: number;
  /** Real inflated bytes of all entries. */
  unzippedBytes: number;
}

/** Validates a whole archive by actually inflating every entry (never trusting header sizes), without writing anything. */
export async function inspectZip(data: Buffer, limits: ZipLimits = LAMBDA_ZIP_LIMITS): Promise<ZipSummary> {
  return walkZip(data, limits, null);
}

/**
 * Extracts into destDir (must not exist yet or be empty): writes into a temp sibling dir then renames, so a
 * crash never leaves a half tree. Preserves the Unix permission bits from the zip's external attributes
 * (setuid/setgid/sticky are dropped, and directories always keep owner rwx so the tree can be cleaned up);
 * defaults to 0644 files / 0755 dirs when the zip has no Unix attributes. Recreates symlinks that stay inside
 * the root (the target is stored in normalized form); rejects everything inspectZip rejects.
 */
export async function extractZip(
  data: Buffer,
  destDir: string,
  limits: ZipLimits = LAMBDA_ZIP_LIMITS,
): Promise<ZipSummary> {
  const dest = path.resolve(destDir);
  await assertUsableDestination(dest);
  const parent = path.dirname(dest);
  await mkdir(parent, { recursive: true });
  const tmp = path.join(parent, `.${path.basename(dest)}.extract-${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(tmp, { mode: 0o700 });
  const writer = new TreeWriter(tmp);
  try {
    const summary = await walkZip(data, limits, writer);
    await writer.finish();
    try {
      await rename(tmp, dest);
    } catch (err) {
      if (isErrno(err) && (err.code === 'ENOTEMPTY' || err.code === 'EEXIST' || err.code === 'ENOTDIR')) {
        throw new Error(`cannot extract the package into "${dest}": it is no longer an empty directory`, {
          cause: err,
        });
      }
      throw err;
    }
    return summary;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Internals

const RATIO_MIN_BYTES = 1024 * 1024; // the compression-ratio guard ignores entries up to 1 MiB
const MAX_SYMLINK_TARGET_BYTES = 4096;
const WRITE_BATCH_BYTES = 1024 * 1024;
const INFLATE_CHUNK_BYTES = 256 * 1024;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const ZIP_HOST_UNIX = 3;
const ZIP_HOST_OSX = 19;

const DEFAULT_FILE_MODE = 0o644;
const DEFAULT_DIR_MODE = 0o755;

type Kind = 'dir' | 'file' | 'symlink';

interface Visitor {
  directory(rel: string, mode: number): Promise<void>;
  /** Streams a regular file; the chunks iterable enforces every limit and throws ZipError on problems. */
  file(rel: string, mode: number, chunks: AsyncIterable<Buffer>): Promise<void>;
  symlink(rel: string, target: string): Promise<void>;
}

async function walkZip(data: Buffer, limits: ZipLimits, visitor: Visitor | null): Promise<ZipSummary> {
  checkLimits(limits);
  const zipfile = await openZip(data);
  const reader = new EntryReader(zipfile);
  try {
    if (zipfile.entryCount === 0) throw new ZipError('empty', 'the zip file contains no entries');
    if (zipfile.entryCount > limits.maxEntries) {
      throw new ZipError(
        'too-many-entries',
        `the zip file has ${zipfile.entryCount} entries, more than the limit of ${limits.maxEntries}`,
      );
    }

    const kinds = new Map<string, Kind>(); // normalized relative path -> what it is ('' is the root)
    kinds.set('', 'dir');
    const budget = { used: 0 };
    let entries = 0;
    let files = 0;

    for (;;) {
      const entry = await reader.next();
      if (entry === null) break;
      entries += 1;
      if (entries > limits.maxEntries) {
        throw new ZipError('too-many-entries', `the zip file has more than ${limits.maxEntries} entries`);
      }
      const name = entry.fileName;
      const rel = normalizeEntryName(name);
      const mode = unixMode(entry);
      const type = mode === undefined ? 0 : mode & S_IFMT;
      const kind: Kind = name.endsWith('/') || type === S_IFDIR ? 'dir' : type === S_IFLNK ? 'symlink' : 'file';

      if (entry.isEncrypted()) {
        throw new ZipError('corrupt-entry', `zip entry "${name}" is encrypted, which is not supported`, name);
      }
      claimPath(kinds, rel, kind, name);

      if (kind === 'dir') {
        // Directories have no content worth inflating, but a "directory" with data would be a hiding place.
        if (entry.uncompressedSize !== 0) {
          await drain(zipfile, entry, limits, budget);
        }
        if (rel !== '' && visitor) {
          await visitor.directory(rel, mode === undefined ? DEFAULT_DIR_MODE : (mode & 0o777) | 0o700);
        }
        continue;
      }

      files += 1;
      if (kind === 'symlink') {
        const raw = await readSymlinkTarget(zipfile, entry, limits, budget);
        const target = checkSymlinkTarget(name, rel, raw);
        if (visitor) await visitor.symlink(rel, target);
        continue;
      }

      const fileMode = mode === undefined ? DEFAULT_FILE_MODE : mode & 0o777;
      if (visitor) {
        await visitor.file(rel, fileMode, entryChunks(zipfile, entry, limits, budget));
      } else {
        await drain(zipfile, entry, limits, budget);
      }
    }

    if (entries === 0) throw new ZipError('empty', 'the zip file contains no entries');
    return { entries, files, unzippedBytes: budget.used };
  } finally {
    // Nothing to close: a buffer-backed yauzl ZipFile holds no file descriptor (and its close() throws
    // "invalid unref" when no read is in flight).
    reader.dispose();
  }
}

function checkLimits(limits: ZipLimits): void {
  if (!(limits.maxUnzippedBytes >= 0) || !(limits.maxEntries >= 0)) {
    throw new TypeError('zip limits must be non-negative numbers');
  }
  if (limits.maxCompressionRatio !== undefined && !(limits.maxCompressionRatio > 0)) {
    throw new TypeError('maxCompressionRatio must be a positive number');
  }
}

function openZip(data: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    if (!Buffer.isBuffer(data) || data.length === 0) {
      reject(new ZipError('not-a-zip', 'the package is not a zip file (it is empty)'));
      return;
    }
    fromBuffer(
      data,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true, autoClose: false },
      (err, zipfile) => {
        if (err || !zipfile) {
          reject(
            new ZipError(
              'not-a-zip',
              `the package is not a valid zip file (${err ? err.message : 'unreadable'})`,
              undefined,
              { cause: err },
            ),
          );
          return;
        }
        resolve(zipfile);
      },
    );
  });
}

/** Promise-based lazy entry iteration that never leaves yauzl's 'error' event unhandled. */
class EntryReader {
  private pending: { resolve: (e: Entry | null) => void; reject: (err: unknown) => void } | null = null;
  private failure: unknown = null;
  private done = false;
  private readonly onEntry = (entry: Entry): void => this.settle(null, entry);
  private readonly onEnd = (): void => {
    this.done = true;
    this.settle(null, null);
  };
  private readonly onError = (err: Error): void => {
    const mapped = mapCentralDirectoryError(err);
    if (this.pending) this.settle(mapped, null);
    else this.failure = mapped;
  };

  constructor(private readonly zipfile: ZipFile) {
    zipfile.on('entry', this.onEntry);
    zipfile.on('end', this.onEnd);
    zipfile.on('error', this.onError);
  }

  next(): Promise<Entry | null> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.done) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.zipfile.readEntry();
    });
  }

  dispose(): void {
    this.zipfile.off('entry', this.onEntry);
    this.zipfile.off('end', this.onEnd);
    // Keep a no-op error listener: a late 'error' must never become an uncaught exception.
    this.zipfile.off('error', this.onError);
    this.zipfile.on('error', () => undefined);
  }

  private settle(err: unknown, entry: Entry | null): void {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    if (err) p.reject(err);
    else p.resolve(entry);
  }
}

function mapCentralDirectoryError(err: Error): ZipError {
  const msg = err.message;
  const prefixed = (prefix: string): string | undefined =>
    msg.startsWith(prefix) ? msg.slice(prefix.length) : undefined;

  const absolute = prefixed('absolute path: ');
  if (absolute !== undefined) {
    return new ZipError('absolute-path', `zip entry "${absolute}" is an absolute path`, absolute, { cause: err });
  }
  const relative = prefixed('invalid relative path: ') ?? prefixed('invalid characters in fileName: ');
  if (relative !== undefined) {
    try {
      normalizeEntryName(relative);
    } catch (e) {
      if (e instanceof ZipError) return e;
    }
    return new ZipError('path-traversal', `zip entry "${relative}" has an invalid path`, relative, { cause: err });
  }
  if (msg.startsWith('compressed/uncompressed size mismatch')) {
    return new ZipError('corrupt-entry', `a zip entry's header sizes are inconsistent (${msg})`, undefined, {
      cause: err,
    });
  }
  return new ZipError('not-a-zip', `the zip file's central directory is damaged (${msg})`, undefined, {
    cause: err,
  });
}

/**
 * Returns the entry's path relative to the package root, normalized ('' for the root itself), or throws.
 * yauzl already rejects these names (decodeStrings: true); this is the second line of defense and the
 * source of the messages.
 */
function normalizeEntryName(name: string): string {
  if (name.includes('\0')) {
    throw new ZipError('corrupt-entry', `zip entry "${name.replace(/\0/g, '\\0')}" has a NUL byte in its name`, name);
  }
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) {
    throw new ZipError('absolute-path', `zip entry "${name}" is an absolute path`, name);
  }
  const segments = slashed.split('/').filter((s) => s !== '' && s !== '.');
  let depth = 0;
  for (const seg of segments) {
    depth += seg === '..' ? -1 : 1;
    if (depth < 0) throw new ZipError('path-traversal', `zip entry "${name}" escapes the package root`, name);
  }
  if (segments.includes('..')) {
    throw new ZipError('path-traversal', `zip entry "${name}" has a ".." path segment, which is not allowed`, name);
  }
  return segments.join('/');
}

function unixMode(entry: Entry): number | undefined {
  const host = entry.versionMadeBy >>> 8;
  if (host !== ZIP_HOST_UNIX && host !== ZIP_HOST_OSX) return undefined;
  const mode = entry.externalFileAttributes >>> 16;
  return mode === 0 ? undefined : mode;
}

/**
 * Records rel as `kind` and rejects paths that go through a symlink (which could lead anywhere once
 * followed), through a file, or that collide with an earlier entry.
 */
function claimPath(kinds: Map<string, Kind>, rel: string, kind: Kind, name: string): void {
  const segments = rel === '' ? [] : rel.split('/');
  for (let i = 1; i < segments.length; i++) {
    const ancestor = segments.slice(0, i).join('/');
    const existing = kinds.get(ancestor);
    if (existing === 'symlink') {
      throw new ZipError(
        'symlink-escape',
        `zip entry "${name}" is inside "${ancestor}", which is a symlink; entries may not be written through symlinks`,
        name,
      );
    }
    if (existing === 'file') {
      throw new ZipError('corrupt-entry', `zip entry "${name}" is inside "${ancestor}", which is a file`, name);
    }
    if (existing === undefined) kinds.set(ancestor, 'dir');
  }
  const existing = kinds.get(rel);
  if (existing === undefined) {
    kinds.set(rel, kind);
    return;
  }
  if (existing === 'dir' && kind === 'dir') return;
  if (rel === '') {
    throw new ZipError('corrupt-entry', `zip entry "${name}" names the package root but is not a directory`, name);
  }
  throw new ZipError(
    'corrupt-entry',
    `zip entry "${name}" appears more than once (as a ${existing === 'dir' ? 'directory' : existing} and as a ${
      kind === 'dir' ? 'directory' : kind
    })`,
    name,
  );
}

/**
 * Validates a symlink target and returns it normalized. The normalized form is only leading ".." segments
 * followed by plain names, so that following the link can never climb out through another symlink: the
 * leading ".." walk up real directories (no entry is ever written through a symlink), then the rest only
 * descends.
 */
function checkSymlinkTarget(name: string, rel: string, raw: Buffer): string {
  const target = raw.toString('utf8');
  if (target.length === 0) {
    throw new ZipError('corrupt-entry', `zip entry "${name}" is a symlink with an empty target`, name);
  }
  if (target.includes('\0')) {
    throw new ZipError('corrupt-entry', `zip entry "${name}" is a symlink whose target contains a NUL byte`, name);
  }
  if (target.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(target) || target.startsWith('\\')) {
    throw new ZipError(
      'symlink-escape',
      `zip entry "${name}" is a symlink to the absolute path "${target}", outside the package root`,
      name,
    );
  }
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(rel), target));
  if (resolved === '..' || resolved.startsWith('../')) {
    throw new ZipError(
      'symlink-escape',
      `zip entry "${name}" is a symlink to "${target}", which points outside the package root`,
      name,
    );
  }
  let normalized = path.posix.normalize(target);
  if (normalized.length > 1 && normalized.endsWith('/')) normalized = normalized.slice(0, -1);
  return normalized;
}

function openRawStream(zipfile: ZipFile, entry: Entry): Promise<Readable> {
  const name = entry.fileName;
  const unreadable = (err: unknown): ZipError =>
    new ZipError(
      'corrupt-entry',
      `zip entry "${name}" cannot be read (${err instanceof Error ? err.message : 'no data'})`,
      name,
      { cause: err },
    );
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, stream: Readable | undefined): void => {
      if (err || !stream) reject(unreadable(err));
      else resolve(stream);
    };
    try {
      if (entry.compressionMethod === 8) {
        // The compressed bytes, exactly compressedSize of them (yauzl bounds-checks against the file).
        zipfile.openReadStream(entry, { decompress: false, decrypt: null, start: null, end: null }, done);
      } else {
        zipfile.openReadStream(entry, done);
      }
    } catch (err) {
      reject(unreadable(err));
    }
  });
}

/**
 * Opens an entry's content as a stream of inflated bytes. Deflate is done here rather than by yauzl so the
 * output chunk size can be large (yauzl's 16 KiB chunks make inflation ~10x slower); the size checks that
 * yauzl's validateEntrySizes would do on the inflated stream are done by entryChunks.
 */
async function openEntryStream(zipfile: ZipFile, entry: Entry): Promise<{ stream: Readable; cleanup: () => void }> {
  const name = entry.fileName;
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new ZipError(
      'corrupt-entry',
      `zip entry "${name}" uses compression method ${entry.compressionMethod}; only stored and deflated entries are supported`,
      name,
    );
  }
  const raw = await openRawStream(zipfile, entry);
  if (entry.compressionMethod === 0) {
    return { stream: raw, cleanup: () => raw.destroy() };
  }
  const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
  raw.on('error', (err) => inflate.destroy(err));
  raw.pipe(inflate);
  return {
    stream: inflate,
    cleanup: () => {
      raw.unpipe(inflate);
      raw.destroy();
      inflate.destroy();
    },
  };
}

/**
 * Inflates one entry chunk by chunk, enforcing the running total, the compression ratio, the header size
 * and the CRC. The size limit is checked against the header before inflating (a header that claims too much
 * is rejected outright) and against the real bytes while inflating; an entry producing more bytes than its
 * header claims is stopped at the first chunk past it.
 */
async function* entryChunks(
  zipfile: ZipFile,
  entry: Entry,
  limits: ZipLimits,
  budget: { used: number },
): AsyncGenerator<Buffer, void, undefined> {
  const name = entry.fileName;
  const tooLarge = (): ZipError =>
    new ZipError(
      'too-large-unzipped',
      `the package is larger than ${limits.maxUnzippedBytes} bytes when unzipped (stopped at zip entry "${name}")`,
      name,
    );
  const ratioLimit = limits.maxCompressionRatio;
  const ratioOf = (bytes: number): number => bytes / Math.max(entry.compressedSize, 1);
  const badRatio = (bytes: number): ZipError =>
    new ZipError(
      'compression-ratio',
      `zip entry "${name}" is compressed ${Math.round(ratioOf(bytes))}:1, more than the allowed ${ratioLimit}:1 (possible zip bomb)`,
      name,
    );
  const wrongSize = (bytes: number, atLeast: boolean): ZipError =>
    new ZipError(
      'corrupt-entry',
      `zip entry "${name}" inflates to ${atLeast ? 'more than ' : ''}${bytes} bytes but its header says ${entry.uncompressedSize}`,
      name,
    );

  if (budget.used + entry.uncompressedSize > limits.maxUnzippedBytes) throw tooLarge();
  if (
    ratioLimit !== undefined &&
    entry.uncompressedSize > RATIO_MIN_BYTES &&
    ratioOf(entry.uncompressedSize) > ratioLimit
  ) {
    throw badRatio(entry.uncompressedSize);
  }

  const { stream, cleanup } = await openEntryStream(zipfile, entry);
  const computeCrc = typeof zlib.crc32 === 'function';
  let crc = 0;
  let bytes = 0;
  try {
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    for (;;) {
      let step: IteratorResult<Buffer>;
      try {
        step = await iterator.next();
      } catch (err) {
        throw new ZipError(
          'corrupt-entry',
          `zip entry "${name}" is corrupt (${err instanceof Error ? err.message : String(err)})`,
          name,
          { cause: err },
        );
      }
      if (step.done) break;
      const chunk = step.value;
      bytes += chunk.length;
      budget.used += chunk.length;
      if (bytes > entry.uncompressedSize) throw wrongSize(entry.uncompressedSize, true);
      if (budget.used > limits.maxUnzippedBytes) throw tooLarge();
      if (ratioLimit !== undefined && bytes > RATIO_MIN_BYTES && ratioOf(bytes) > ratioLimit) {
        throw badRatio(bytes);
      }
      if (computeCrc) crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } finally {
    cleanup();
  }
  if (bytes !== entry.uncompressedSize) throw wrongSize(bytes, false);
  if (computeCrc && crc >>> 0 !== entry.crc32 >>> 0) {
    throw new ZipError('corrupt-entry', `zip entry "${name}" fails its CRC-32 check`, name);
  }
}

async function drain(zipfile: ZipFile, entry: Entry, limits: ZipLimits, budget: { used: number }): Promise<void> {
  for await (const chunk of entryChunks(zipfile, entry, limits, budget)) void chunk;
}

async function readSymlinkTarget(
  zipfile: ZipFile,
  entry: Entry,
  limits: ZipLimits,
  budget: { used: number },
): Promise<Buffer> {
  if (entry.uncompressedSize > MAX_SYMLINK_TARGET_BYTES) {
    throw new ZipError(
      'corrupt-entry',
      `zip entry "${entry.fileName}" is a symlink with a ${entry.uncompressedSize}-byte target, longer than ${MAX_SYMLINK_TARGET_BYTES}`,
      entry.fileName,
    );
  }
  const parts: Buffer[] = [];
  for await (const chunk of entryChunks(zipfile, entry, limits, budget)) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Writes the tree under a private temp root; only ever called with paths that claimPath accepted. */
class TreeWriter implements Visitor {
  private readonly dirModes = new Map<string, number>();
  private readonly madeDirs = new Set<string>(['']);

  constructor(private readonly root: string) {}

  async directory(rel: string, mode: number): Promise<void> {
    await this.ensureDir(rel);
    this.dirModes.set(rel, mode);
  }

  async file(rel: string, mode: number, chunks: AsyncIterable<Buffer>): Promise<void> {
    await this.ensureDir(path.posix.dirname(rel));
    const target = this.abs(rel);
    // O_EXCL|O_NOFOLLOW: never reuse or follow anything already there.
    const flags = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | (fsConstants.O_NOFOLLOW ?? 0);
    const fh: FileHandle = await open(target, flags, 0o600);
    try {
      // Inflate yields 16 KiB chunks; batch them into bounded writes to keep syscalls (and awaits) down.
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async (): Promise<void> => {
        if (pendingBytes === 0) return;
        const data = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        let offset = 0;
        while (offset < data.length) {
          const { bytesWritten } = await fh.write(data, offset, data.length - offset);
          offset += bytesWritten;
        }
      };
      for await (const chunk of chunks) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
      }
      await flush();
      await fh.chmod(mode);
    } finally {
      await fh.close();
    }
  }

  async symlink(rel: string, target: string): Promise<void> {
    await this.ensureDir(path.posix.dirname(rel));
    await symlink(target, this.abs(rel));
  }

  /** Applies directory modes deepest first (so restrictive modes cannot block writing children), then the root. */
  async finish(): Promise<void> {
    const dirs = [...this.dirModes.entries()].sort((a, b) => depth(b[0]) - depth(a[0]));
    for (const [rel, mode] of dirs) await chmod(this.abs(rel), mode);
    await chmod(this.root, DEFAULT_DIR_MODE);
  }

  private async ensureDir(rel: string): Promise<void> {
    if (rel === '.' || rel === '') return;
    if (this.madeDirs.has(rel)) return;
    const segments = rel.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const sub = segments.slice(0, i).join('/');
      if (this.madeDirs.has(sub)) continue;
      try {
        await mkdir(this.abs(sub), { mode: 0o700 });
      } catch (err) {
        if (!isErrno(err) || err.code !== 'EEXIST') throw err;
      }
      const st = await lstat(this.abs(sub));
      if (!st.isDirectory()) throw new Error(`internal error: "${sub}" is not a directory after mkdir`);
      // Implicit directories get the default mode unless an explicit entry says otherwise.
      if (!this.dirModes.has(sub)) this.dirModes.set(sub, DEFAULT_DIR_MODE);
      this.madeDirs.add(sub);
    }
  }

  private abs(rel: string): string {
    const resolved = path.resolve(this.root, ...rel.split('/'));
    if (resolved !== this.root && !resolved.startsWith(this.root + path.sep)) {
      throw new ZipError('path-traversal', `zip entry "${rel}" escapes the package root`, rel);
    }
    return resolved;
  }
}

function depth(rel: string): number {
  return rel.split('/').length;
}

async function assertUsableDestination(dest: string): Promise<void> {
  let st;
  try {
    st = await lstat(dest);
  } catch (err) {
    if (isErrno(err) && err.code === 'ENOENT') return;
    throw err;
  }
  if (!st.isDirectory()) throw new Error(`cannot extract the package into "${dest}": it exists and is not a directory`);
  if ((await readdir(dest)).length > 0) {
    throw new Error(`cannot extract the package into "${dest}": the directory is not empty`);
  }
}

function isErrno(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';
}
