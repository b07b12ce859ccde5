// Answers for requests refused at the HTTP level, before any service sees them: Node's own parser errors
// (headers too large, a malformed request line, headers that never complete) and bodies that stall. Node
// answers those with an empty body, which the AWS SDKs cannot parse ("non-JSON 500 body → SyntaxError"); these
// carry the JSON body, x-amzn-ErrorType and x-amzn-RequestId every AWS error has, and Connection: close.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export interface HttpRejection {
  status: number;
  reason: string;
  code: string;
  message: string;
}

export const Rejections = {
  timeout: {
    status: 408,
    reason: 'Request Timeout',
    code: 'RequestTimeoutException',
    message: 'The request was not received in time: its headers or body arrived too slowly.',
  },
  headersTooLarge: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'RequestHeaderFieldsTooLargeException',
    message: 'The request headers are too large.',
  },
  malformed: {
    status: 400,
    reason: 'Bad Request',
    code: 'BadRequestException',
    message: 'The request is not valid HTTP/1.1.',
  },
} as const satisfies Record<string, HttpRejection>;

/** A Node HTTP parser or server error code → what the client is told. */
export function rejectionFor(errorCode: string | undefined): HttpRejection {
  switch (errorCode) {
    case 'HPE_HEADER_OVERFLOW':
      return Rejections.headersTooLarge;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return Rejections.timeout;
    default:
      return Rejections.malformed;
  }
}

function body(r: HttpRejection): string {
  return JSON.stringify({ Type: 'User', message: r.message });
}

/** How long a rejected connection may take to flush the answer before it is cut. */
const FLUSH_GRACE_MS = 2_000;

function closeAfterFlush(socket: Duplex): void {
  const cut = setTimeout(() => socket.destroy(), FLUSH_GRACE_MS);
  cut.unref();
  socket.once('close', () => clearTimeout(cut));
}

/** Writes the rejection straight to a socket Node's parser gave up on (no ServerResponse exists), then closes it. */
export function rejectSocket(socket: Duplex, r: HttpRejection): void {
  const b = body(r);
  const head =
    `HTTP/1.1 ${r.status} ${r.reason}\r\n` +
    'Content-Type: application/json\r\n' +
    `x-amzn-ErrorType: ${r.code}\r\n` +
    `x-amzn-RequestId: ${randomUUID()}\r\n` +
    `Content-Length: ${Buffer.byteLength(b)}\r\n` +
    'Connection: close\r\n\r\n';
  socket.end(head + b, () => socket.destroy());
  closeAfterFlush(socket);
}

/**
 * Answers a request in progress (unless its answer has begun) and closes the connection. The request itself is
 * destroyed too: once its response has finished Node detaches it from the socket, so a socket close would no
 * longer reach whoever is still reading (or draining) its body.
 */
export function rejectRequest(req: IncomingMessage, res: ServerResponse, r: HttpRejection): void {
  const socket = req.socket;
  const cut = (): void => {
    req.destroy();
    socket.destroy();
  };
  if (res.headersSent || res.writableEnded) {
    cut();
    return;
  }
  const b = body(r);
  res.writeHead(r.status, {
    'Content-Type': 'application/json',
    'x-amzn-ErrorType': r.code,
    'x-amzn-RequestId': randomUUID(),
    'Content-Length': Buffer.byteLength(b),
    Connection: 'close',
  });
  res.end(b, cut);
  const fallback = setTimeout(cut, FLUSH_GRACE_MS);
  fallback.unref();
  socket.once('close', () => {
    clearTimeout(fallback);
    req.destroy();
  });
}
