// The HTTP front door: request id, internal routes (health, code download),
// choosing the AWS service (SigV4 scope, then path), SigV4 verification,
// decoding through the service's codec, calling the handler, encoding the
// result or the AWS error. Nothing here knows any one service's operations.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRequestParts, HttpResponseParts } from '../protocol/codec.js';
import { AwsError, CommonErrors } from '../protocol/errors.js';
import { peekCredentialScope, verifySigV4, type CredentialStore } from '../protocol/sigv4.js';
import type { RequestContext, ServiceDefinition } from '../services/types.js';
import { BodyTooLargeError, readBody } from './body.js';

export interface InternalRoute {
  /** Returns true when it handled the request. Runs before authentication. */
  handle(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): boolean;
}

export interface GatewayLogger {
  error(msg: string, err?: unknown): void;
}

export interface GatewayOptions {
  services: ServiceDefinition[];
  credentials: CredentialStore;
  internalRoutes?: InternalRoute[];
  /** Allowed clock skew for signatures (AWS: 15 minutes). */
  maxSkewMs?: number;
  logger: GatewayLogger;
}

const EMPTY = Buffer.alloc(0);

/** Writes a response: status line, headers and body leave in one write. `out` is the caller's own. */
function send(res: ServerResponse, requestId: string, out: HttpResponseParts): void {
  const headers: Record<string, string | number> = out.headers;
  headers['x-amzn-RequestId'] = requestId;
  headers['Content-Length'] = out.body.length;
  res.writeHead(out.status, headers);
  res.end(out.body);
}

/** A JSON AWS error for requests no service claims. */
function genericError(err: AwsError): HttpResponseParts {
  return {
    status: err.status ?? 400,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': err.code },
    body: Buffer.from(JSON.stringify({ Type: err.type, message: err.message })),
  };
}

export function createGateway(opts: GatewayOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const bySigningName = new Map(opts.services.map((s) => [s.signingName, s]));
  const internal = opts.internalRoutes ?? [];

  const verifyOptions: { maxSkewMs?: number } = opts.maxSkewMs === undefined ? {} : { maxSkewMs: opts.maxSkewMs };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';

    for (const route of internal) if (route.handle(req, res, rawPath, rawQuery)) return;

    const scope = peekCredentialScope({ headers: req.headers, rawQuery });
    const service =
      (scope && bySigningName.get(scope.service)) ?? opts.services.find((s) => s.ownsPath(rawPath));
    if (!service) {
      req.resume();
      send(res, requestId, genericError(CommonErrors.unknownOperation(method, rawPath)));
      return;
    }
    const codec = service.codec;
    const parts: HttpRequestParts = { method, rawPath, rawQuery, headers: req.headers, body: EMPTY };
    try {
      const routed = codec.route(parts);
      if (!routed) {
        // Still authenticate, so an unsigned probe learns nothing about routing.
        parts.body = await readBody(req, 1 << 20);
        verifySigV4(parts, opts.credentials, verifyOptions);
        throw CommonErrors.unknownOperation(method, rawPath);
      }
      const limit = service.bodyLimit(routed.operation.name);
      try {
        parts.body = await readBody(req, limit.bytes);
      } catch (e) {
        if (e instanceof BodyTooLargeError) {
          const err = limit.error();
          send(res, requestId, err instanceof AwsError ? codec.encodeError(err) : genericError(CommonErrors.internal()));
          return;
        }
        throw e;
      }
      const auth = verifySigV4(parts, opts.credentials, verifyOptions);
      const handler = service.handlers[routed.operation.name];
      if (!handler) throw CommonErrors.notImplemented(service.displayName, routed.operation.name);
      const input = codec.decode(parts, routed.operation, routed.labels);
      const ctx: RequestContext = {
        requestId,
        accountId: auth.accountId,
        region: auth.region,
        accessKeyId: auth.accessKeyId,
        endpoint: `http://${req.headers.host ?? 'localhost'}`,
      };
      const output = await handler(input, ctx);
      send(res, requestId, codec.encode(routed.operation, output));
    } catch (e) {
      if (e instanceof AwsError) {
        send(res, requestId, codec.encodeError(e));
        return;
      }
      opts.logger.error(`request ${requestId} ${method} ${rawPath} failed`, e);
      send(res, requestId, codec.encodeError(CommonErrors.internal()));
    }
  }

  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      opts.logger.error('unhandled gateway failure', e);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ Type: 'Service', message: 'internal error' }));
      } else {
        res.destroy();
      }
    });
  };
}
