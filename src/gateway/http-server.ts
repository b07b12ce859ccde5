// The HTTP server in front of the gateway: how long headers may take, how many connections may be open, and
// AWS-shaped answers for what Node's HTTP parser refuses on its own. Body pacing and the memory bound for
// unauthenticated bodies are the gateway's (server.ts), which sees requests one by one.
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FrontDoorLimits } from './limits.js';
import type { Gateway } from './server.js';
import { rejectionFor, rejectSocket } from './rejections.js';

export interface FrontDoorLogger {
  warn(msg: string): void;
}

/** Idle keep-alive connections are closed after this long (longer than the SDKs' own idle timeouts). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** At most one "connection limit reached" line per this long, however many connections are refused. */
const DROP_LOG_INTERVAL_MS = 60_000;

export function createFrontDoorServer(
  gateway: Gateway,
  limits: FrontDoorLimits,
  log: FrontDoorLogger,
): Server {
  const server = createServer(
    {
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // requestTimeout would also bound a slow legitimate upload; bodies are paced by the gateway's BodyWatch
      // instead. It covers only receiving a request, never a slow (900 s) response.
      requestTimeout: 0,
      // Node derives headersTimeout from requestTimeout (min of the two), so with requestTimeout 0 it must be set
      // or slow headers (slowloris) are never cut off. It also bounds a connection that sends nothing at all.
      headersTimeout: limits.headersTimeoutMs,
      // Node checks those deadlines on this period (default 30 s, which would add half the timeout again).
      connectionsCheckingInterval: Math.min(15_000, Math.max(50, Math.floor(limits.headersTimeoutMs / 4))),
    },
    gateway,
  );
  server.once('close', () => gateway.close());

  server.maxConnections = limits.maxConnections;
  // The first refused connection is logged at once; while refusals go on, one line per minute sums them.
  let dropped = 0;
  let quiet = false;
  const report = (): void => {
    log.warn(
      `connection limit reached: ${limits.maxConnections} connections are open; refused ${dropped} new ` +
        `connection(s) (LAMBENT_MAX_CONNECTIONS raises the limit)`,
    );
    dropped = 0;
  };
  const endOfQuiet = (): void => {
    if (dropped === 0) {
      quiet = false;
      return;
    }
    report();
    setTimeout(endOfQuiet, DROP_LOG_INTERVAL_MS).unref();
  };
  server.on('drop', () => {
    dropped++;
    if (quiet) return;
    quiet = true;
    report();
    setTimeout(endOfQuiet, DROP_LOG_INTERVAL_MS).unref();
  });

  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    // Node's own handler answers only when no response is under way on the socket; so does this one.
    const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || !socket.writable || pending?.headersSent === true) {
      socket.destroy();
      return;
    }
    rejectSocket(socket, rejectionFor(err.code));
  });

  return server;
}
