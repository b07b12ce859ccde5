// A read cache for rows that are read on every invocation but written rarely
// (function versions, aliases). Lambent is the database's only writer, so the
// store itself knows when a cached row may be stale: every write method runs
// through writing(), which empties the cache before and after the write. The
// "after" matters: a read inside a write's transaction may see rows that a
// rollback later undoes, and must not outlive it.

/** Past this many rows the cache starts over (bounds memory with many functions). */
const MAX_ROWS = 10_000;

export class RowCache {
  private rows = new Map<string, unknown>();

  /** The row under `key`, loading (and remembering) it on a miss; a missing row is remembered too. */
  read<T>(key: string, load: () => T | undefined): T | undefined {
    const rows = this.rows;
    if (rows.has(key)) return rows.get(key) as T | undefined;
    const row = load();
    if (rows.size >= MAX_ROWS) rows.clear();
    rows.set(key, row);
    return row;
  }

  /** Runs a write; whatever it changed (or rolled back) is read from the database again afterwards. */
  writing<T>(write: () => T): T {
    this.rows = new Map();
    try {
      return write();
    } finally {
      this.rows = new Map();
    }
  }
}
