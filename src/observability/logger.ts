// Lambent's own diagnostic log (not function logs): one line per event on stderr.
export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export function consoleLogger(quiet = false): Logger {
  const line = (level: string, msg: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${level} ${msg}\n`);
  };
  return {
    info: (m) => {
      if (!quiet) line('INFO', m);
    },
    warn: (m) => line('WARN', m),
    error: (m, e) => line('ERROR', e ? `${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : m),
  };
}
