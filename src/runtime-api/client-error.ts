// Requests node's HTTP parser rejects before the router sees them (malformed,
// head too large, head too slow): answered as RIE's Go server would, with the
// connection closed, without ever corrupting a response already under way.
import type { Socket } from 'node:net';

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
export function onClientError(err: Error & { code?: string }, socket: Socket): void {
  // node keeps the response in progress on the socket in _httpMessage (it does the same check itself).
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (!socket.writable || err.code === 'ECONNRESET' || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const answer =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? HEADERS_TOO_LARGE
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? REQUEST_TIMEOUT
        : BAD_REQUEST;
  socket.end(answer);
  socket.setTimeout(LINGER_MS, () => socket.destroy());
}
