// GET /health (and /_lambent/health): unauthenticated status for people and tests (sandbox, runtimes,
// environments, async queues). Because anyone who can reach the port may read it, it reveals no host path:
// fields whose value is a path (data dir, runtimes dir, interpreter binaries, install homes) are left out, and
// paths inside messages (warnings, install errors) are replaced by "<path>".
import type { InternalRoute } from './server.js';

/** A whole value that is an absolute path (POSIX, or a Windows drive path). */
const PATH_VALUE_RE = /^(?:\/|[A-Za-z]:[\\/])/;
/** An absolute path inside text: a '/' that starts a token (not the '//' of a URL). */
const PATH_IN_TEXT_RE = /(?<=^|[\s'"`(=,[])\/[^\s'"`),\]]*/g;

/**
 * Paths inside the sandbox, the same in every Lambent and on AWS (a stem's command reads
 * `/usr/bin/node /var/runtime/bootstrap.mjs` → `<path> /var/runtime/bootstrap.mjs`), and /tmp by itself.
 */
const SANDBOX_PATH_RE = /^\/(?:(?:var\/(?:task|runtime|lang)|opt)(?:\/|$)|tmp$)/;

const scrub = (p: string): string => (SANDBOX_PATH_RE.test(p) ? p : '<path>');

/** The report without host paths: path-valued fields dropped, paths in text replaced. */
export function withoutHostPaths(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.includes('/') ? value.replace(PATH_IN_TEXT_RE, scrub) : value;
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => withoutHostPaths(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // A field that is one path is dropped; text that starts with one (a command line) has its paths replaced.
    if (typeof v === 'string' && PATH_VALUE_RE.test(v) && !/\s/.test(v) && !SANDBOX_PATH_RE.test(v)) continue;
    out[k] = withoutHostPaths(v, depth + 1);
  }
  return out;
}

export function healthRoute(version: string, report: () => Promise<Record<string, unknown>>): InternalRoute {
  return {
    handle(req, res, rawPath) {
      if (rawPath !== '/health' && rawPath !== '/_lambent/health') return false;
      const answer = (status: number, doc: Record<string, unknown>): void => {
        const body = JSON.stringify(withoutHostPaths(doc));
        res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      report().then(
        (r) => answer(200, { status: 'ok', version, ...r }),
        (e: unknown) => answer(500, { status: 'error', version, message: (e as Error).message }),
      );
      return true;
    },
  };
}
