// The Lambda Runtime API for one execution environment, on bare node:http.
// The invoke layer calls dispatch() with one invocation at a time; the runtime
// long-polls GET /next for it and posts its outcome back.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { DEFAULT_MAX_RESPONSE_BYTES } from './errors.js';
import { route } from './router.js';
import { RuntimeApiState } from './state.js';
import type { InvocationOutcome, RuntimeApiEvents, RuntimeApiOptions, RuntimeInvocation } from './types.js';

/**
 * Largest request head (request line + headers, or trailers) accepted: Go's http.DefaultMaxHeaderBytes, which RIE
 * serves with. Runtimes legitimately send big heads: aws-lambda-ric puts the X-Ray error cause (stack frames) in
 * Lambda-Runtime-Function-XRay-Error-Cause, and a streamed error body travels base64 in a trailer.
 */
export const MAX_HEADER_BYTES = 1 << 20;

/** A raw HTTP error answer for requests node's parser rejected (there is no ServerResponse for those). */
function rawError(status: string, errorType: string, errorMessage: string): string {
  const body = JSON.stringify({ errorMessage, errorType });
  return `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
const BAD_REQUEST = rawError('400 Bad Request', 'BadRequest', 'Malformed HTTP request');
const HEADERS_TOO_LARGE = rawError('431 Request Header Fields Too Large', 'RequestHeaderFieldsTooLarge', 'Request Header Fields Too Large');
const REQUEST_TIMEOUT = rawError('408 Request Timeout', 'RequestTimeout', 'Request Timeout');
/** How long a rejected connection may linger half-closed (the runtime reading our answer) before it is destroyed. */
const LINGER_MS = 2000;

/**
 * A request node's HTTP parser rejected (malformed, head over MAX_HEADER_BYTES, head too slow). Answers with an
 * error unless a response on this connection has already started (writing then would corrupt it), and closes the
 * connection: after a parse error nothing more on it can be framed. Parked /next long-polls of this connection are
 * dropped by the state (the socket is no longer writable).
 */
function onClientError(err: Error & { code?: string }, socket: Socket): void {
  // node keeps the response in progress on the socket in _httpMessage (it does the same check itself).
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (!socket.writable || err.code === 'ECONNRESET' || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const answer =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? HEADERS_TOO_LARGE
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'HPE_HEADERS_TIMEOUT'
        ? REQUEST_TIMEOUT
        : BAD_REQUEST;
  socket.end(answer);
  socket.setTimeout(LINGER_MS, () => socket.destroy());
}

export class RuntimeApiEndpoint {
  /** "host:port", the value for AWS_LAMBDA_RUNTIME_API. */
  readonly address: string;

  private constructor(
    private readonly server: Server,
    private readonly state: RuntimeApiState,
    address: string,
  ) {
    this.address = address;
  }

  static listen(events: RuntimeApiEvents = {}, opts: RuntimeApiOptions = {}): Promise<RuntimeApiEndpoint> {
    const host = opts.host ?? '127.0.0.1';
    const state = new RuntimeApiState(events, opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    const server = createServer(
      { noDelay: true, requireHostHeader: false, requestTimeout: 0, maxHeaderSize: MAX_HEADER_BYTES },
      (req: IncomingMessage, res: ServerResponse) => route(state, req, res),
    );
    // The runtime holds its connection across invocations; never time it out.
    server.keepAliveTimeout = 0;
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    // One runtime per endpoint; a handful of connections is plenty (AWS's client uses 2-3).
    server.maxConnections = 64;
    server.on('clientError', onClientError);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => {
        server.removeListener('error', reject);
        const a = server.address() as AddressInfo;
        const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
        resolve(new RuntimeApiEndpoint(server, state, `${h}:${a.port}`));
      });
    });
  }

  /** Hands one invocation to the runtime (on its next /next) and resolves with its outcome. One at a time. */
  dispatch(inv: RuntimeInvocation): Promise<InvocationOutcome> {
    return this.state.dispatch(inv);
  }

  /**
   * Whether the runtime received the in-flight invocation. When the environment dies before that, the
   * invocation never ran and can be retried on a fresh environment.
   */
  get delivered(): boolean {
    return this.state.delivered;
  }

  /** Abandons the in-flight invocation: later posts for it get 400, dispatch() rejects with reason. */
  abort(reason: Error): void {
    this.state.abort(reason);
  }

  close(): Promise<void> {
    this.state.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
