// The data directory: created (or refused with a message a person can act on) and locked, so that exactly one
// Lambent serves it. Two servers on one dir would each cache configuration the other changes (the first keeps
// invoking a function the second deleted).
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

/** A start-up failure that is fully explained by its one-line message (no stack trace is useful). */
export class StartupError extends Error {}

const LOCK_DB = 'lambent.lock';
const HOLDER_FILE = 'lambent.pid';

interface Holder {
  pid: number;
  startedAt: string;
  url?: string;
}

const FIX = 'choose a writable directory with --data-dir DIR (or LAMBENT_DATA_DIR)';

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
      return 'cannot create or write files there';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
      return 'a path component is a file, not a directory';
    case 'ENOSPC':
      return 'no space left on device';
    default:
      return err.code ?? err.message;
  }
}

function isFsRefusal(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (/^SQLITE_(CANTOPEN|READONLY|PERM|IOERR|FULL)/.test(code) || /^E[A-Z]+$/.test(code));
}

/** Creates the data dir (0700), or throws a StartupError naming it and the fix. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new StartupError(`cannot create data dir ${dir}: ${describe(realMkdirError(dir, e))}; ${FIX}`);
  }
}

/**
 * A recursive mkdir can report ENOENT where the cause is a read-only or unwritable parent: retry the first missing
 * component alone to get the error that explains it.
 */
function realMkdirError(dir: string, first: unknown): unknown {
  if ((first as NodeJS.ErrnoException).code !== 'ENOENT') return first;
  let missing = dir;
  while (dirname(missing) !== missing && !existsSync(dirname(missing))) missing = dirname(missing);
  try {
    mkdirSync(missing);
    rmdirSync(missing);
    return first;
  } catch (e) {
    return e;
  }
}

export interface DataDirLock {
  /** Records the address this server answers on, for the message a second start prints. */
  setUrl(url: string): void;
  release(): void;
}

/**
 * Takes the data dir's lock: an SQLite database held in exclusive locking mode. The kernel (fcntl) lock goes away
 * with the process however it dies (kill -9 included) and is not inherited by its children, so there is no stale
 * lock to detect. Who holds it is written beside it (lambent.pid), for the refusal message.
 */
export function lockDataDir(dir: string): DataDirLock {
  const lockPath = join(dir, LOCK_DB);
  const holderPath = join(dir, HOLDER_FILE);
  let db: Database.Database;
  try {
    db = new Database(lockPath, { timeout: 0 });
  } catch (e) {
    // Only file-system refusals are the data dir's fault; anything else (a broken native module) stays as it is.
    if (!isFsRefusal(e)) throw e;
    throw new StartupError(`cannot write in data dir ${dir}: ${describe(e)}; ${FIX}`);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; locking_mode EXCLUSIVE keeps it until the connection closes.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY, pid INTEGER)');
    db.prepare('INSERT OR REPLACE INTO lock (id, pid) VALUES (1, ?)').run(process.pid);
    db.exec('COMMIT');
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new StartupError(`data dir ${dir} is in use by ${otherHolder(holderPath)}; stop it first, or use another --data-dir`);
    }
    if (!isFsRefusal(e)) throw e;
    throw new StartupError(`cannot write in data dir ${dir}: ${describe(e)}; ${FIX}`);
  }
  const holder: Holder = { pid: process.pid, startedAt: new Date().toISOString() };
  const write = (): void => {
    // temp + rename: a reader never sees half a file.
    const tmp = `${holderPath}.${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(holder)}\n`);
    renameSync(tmp, holderPath);
  };
  try {
    write();
  } catch (e) {
    db.close();
    throw new StartupError(`cannot write in data dir ${dir}: ${describe(e)}; ${FIX}`);
  }
  let released = false;
  return {
    setUrl(url) {
      holder.url = url;
      try {
        write();
      } catch {
        // only the refusal message of a second start loses the address
      }
    },
    release() {
      if (released) return;
      released = true;
      rmSync(holderPath, { force: true });
      db.close();
    },
  };
}

function otherHolder(holderPath: string): string {
  try {
    const h = JSON.parse(readFileSync(holderPath, 'utf8')) as Partial<Holder>;
    if (typeof h.pid !== 'number') return 'another Lambent';
    return `another Lambent (pid ${h.pid}${h.url ? `, ${h.url}` : ''}, started ${h.startedAt ?? '?'})`;
  } catch {
    return 'another Lambent (still starting)';
  }
}
