// The HTTP front door, one pipeline for every protocol: request id, internal
// routes (health, code download), choosing the AWS service (SigV4 scope, then
// X-Amz-Target, then a query Action, then path), body limits, SigV4
// verification, who signed (IdentityProvider), routing, decoding through the
// service's codec, authorization (Authorizer), the handler, encoding the
// result or the AWS error. Nothing here knows any one service's operations.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRequestParts, HttpResponseParts } from '../protocol/codec.js';
import { AwsError, CommonErrors } from '../protocol/errors.js';
import {
  checkPayloadHash,
  declaresPayloadHash,
  peekCredentialScope,
  peekSecurityToken,
  verifySigV4,
  verifySigV4Head,
  type AuthResult,
  type HeadAuthResult,
  type VerifyOptions,
} from '../protocol/sigv4.js';
import type { Operation } from '../protocol/model.js';
import type { Authorizer, CallerIdentity, IdentityProvider } from '../services/identity.js';
import type { RequestContext, ServiceDefinition } from '../services/types.js';
import { checkAccess, type AccessGate, type DenialListener } from './authorize.js';
import { unhostedService } from './unhosted.js';
import { BodyAbortedError, BodyTooLargeError, discardBody, readBody, refuseDeclaredOversize } from './body.js';
import { BodyWatch, type Watched } from './body-watch.js';
import { ByteBudget } from './byte-budget.js';
import { DEFAULT_FRONT_DOOR_LIMITS, type FrontDoorLimits } from './limits.js';
import { rejectRequest, Rejections } from './rejections.js';

export interface InternalRoute {
  /** Returns true when it handled the request. Runs before authentication. */
  handle(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): boolean;
}

export interface GatewayLogger {
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export interface GatewayOptions {
  services: ServiceDefinition[];
  /** Verifies signatures (its keys) and says who signed (identify: root, user, role session). */
  identities: IdentityProvider;
  /** Decides every request a service describes (ServiceDefinition.access). */
  authorizer: Authorizer;
  /** Called for every denial, in both modes (audit mode: the request then proceeds). */
  onDenial?: DenialListener;
  /** ms since the epoch for aws:CurrentTime (default Date.now). */
  clock?: () => number;
  internalRoutes?: InternalRoute[];
  /** Allowed clock skew for signatures (AWS: 15 minutes). */
  maxSkewMs?: number;
  /** Body pacing and the unauthenticated-body budget (the connection and header limits are the HTTP server's). */
  limits?: FrontDoorLimits;
  logger: GatewayLogger;
}

export interface Gateway {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Stops the body-pacing timer (the server is closing). */
  close(): void;
}

const EMPTY = Buffer.alloc(0);

function userAgent(headers: IncomingMessage['headers']): string | undefined {
  const ua = headers['user-agent'];
  return typeof ua === 'string' ? ua : undefined;
}

/** Bodies of requests no operation matches are read (to verify their signature) up to this size. */
const UNROUTED_BODY_LIMIT = 1 << 20;
const UNROUTED_LIMIT = {
  bytes: UNROUTED_BODY_LIMIT,
  error: (): Error =>
    new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${UNROUTED_BODY_LIMIT} bytes`, { status: 413 }),
};
/**
 * How long an unauthenticated request waits for its share of the body budget before it is refused with a
 * retryable 429. Only clients that do not send x-amz-content-sha256 (the AWS CLI, boto3) ever wait: the
 * signature of the others is verified before their body is read.
 */
const BUDGET_WAIT_MS = 30_000;

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

/** True when the request carries a body (a declared length above 0, or a chunked one). */
function hasBody(req: IncomingMessage): boolean {
  const cl = req.headers['content-length'];
  if (cl !== undefined) return cl !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Bytes of memory an unauthenticated body may take: its declared length, or the operation's limit when the
 * length is not declared (chunked). A declared length beyond the limit is refused unread by readBody.
 */
function bodyReservation(req: IncomingMessage, limit: number): number {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isNaN(declared)) return req.headers['transfer-encoding'] !== undefined ? limit : 0;
  return declared > limit ? 0 : declared;
}

/**
 * A request's context. Its abort signal is made on first use only (SQS's long polls ask for it; an invoke never
 * does, so it costs nothing there): it aborts when the connection closes before the answer was written.
 */
class HttpRequestContext implements RequestContext {
  readonly accountId: string;
  private aborter: AbortController | undefined;

  constructor(
    private readonly res: ServerResponse,
    readonly requestId: string,
    readonly caller: CallerIdentity,
    readonly region: string,
    readonly accessKeyId: string,
    readonly endpoint: string,
    readonly sourceIp: string,
  ) {
    this.accountId = caller.accountId;
  }

  get signal(): AbortSignal {
    if (this.aborter === undefined) {
      const aborter = new AbortController();
      this.aborter = aborter;
      if (this.res.destroyed && !this.res.writableFinished) aborter.abort();
      else this.res.once('close', () => {
        if (!this.res.writableFinished) aborter.abort();
      });
    }
    return this.aborter.signal;
  }
}

export function createGateway(opts: GatewayOptions): Gateway {
  const bySigningName = new Map(opts.services.map((s) => [s.signingName, s]));
  // json services by their X-Amz-Target prefix, query services in order: for requests without a credential scope.
  const byTargetPrefix = new Map<string, ServiceDefinition>();
  for (const s of opts.services) {
    const prefix = s.codec.model.raw.metadata.targetPrefix;
    if (prefix !== undefined && s.codec.model.protocol === 'json') byTargetPrefix.set(prefix, s);
  }
  const queryServices = opts.services.filter((s) => s.codec.routesOnBody === true);
  const gate: AccessGate = { authorizer: opts.authorizer, clock: opts.clock ?? Date.now, onDenial: opts.onDenial };
  const internal = opts.internalRoutes ?? [];
  const limits = opts.limits ?? DEFAULT_FRONT_DOOR_LIMITS;
  const budget = new ByteBudget(limits.unauthenticatedBodyBytes);
  const watch = new BodyWatch(limits.bodyTimeoutMs, (req, res) => rejectRequest(req, res, Rejections.timeout));

  // Per service: a signature scoped to another service is refused with AWS's wording.
  const verifyOptions = new Map<ServiceDefinition, VerifyOptions>(
    opts.services.map((s) => [
      s,
      opts.maxSkewMs === undefined ? { service: s.signingName } : { service: s.signingName, maxSkewMs: opts.maxSkewMs },
    ]),
  );

  /**
   * Authenticating a request while holding bounded memory for bodies whose sender is unknown:
   * - with x-amz-content-sha256 (the JS SDK), the signature over that declared hash is verified before a byte of
   *   the body is read (verifyBeforeBody); the body, once read, is checked against the hash (bodyMatches);
   * - without it (the AWS CLI, boto3), the signature covers the body's hash, so the body has to be read first:
   *   it waits for its share of the budget of unauthenticated bytes over every connection (readWithinBudget).
   * The first is the invoke hot path: the caller awaits only readBody.
   */
  function verifyBeforeBody(req: IncomingMessage, parts: HttpRequestParts, bodyLimit: number, vopts: VerifyOptions): HeadAuthResult | undefined {
    if (!declaresPayloadHash(parts)) return undefined;
    // A declared length over the limit is refused first, as before any signature check: otherwise a refused
    // signature would have the whole oversized body drained before its answer.
    refuseDeclaredOversize(req, bodyLimit);
    return verifySigV4Head(parts, opts.identities, vopts);
  }

  function bodyMatches(parts: HttpRequestParts, head: HeadAuthResult, watched: Watched | undefined): void {
    if (watched) watch.unwatch(watched);
    if (head.payloadSha256 !== undefined) checkPayloadHash(parts.body, head.payloadSha256);
  }

  async function readWithinBudget(
    req: IncomingMessage,
    parts: HttpRequestParts,
    watched: Watched | undefined,
    bodyLimit: number,
    vopts: VerifyOptions,
  ): Promise<AuthResult> {
    const reserve = bodyReservation(req, bodyLimit);
    if (reserve > 0) {
      // Held back on purpose: not the client's slowness, so not judged meanwhile.
      if (watched) watch.unwatch(watched);
      const granted = await budget.acquire(reserve, BUDGET_WAIT_MS, req);
      if (!granted) {
        if (req.destroyed) throw new BodyAbortedError('client went away while waiting for the body budget');
        throw CommonErrors.busy();
      }
      if (watched) watch.rewatch(watched);
    }
    try {
      parts.body = await readBody(req, bodyLimit);
      if (watched) watch.unwatch(watched);
      return verifySigV4(parts, opts.identities, vopts);
    } finally {
      // Verified or refused, the body is no longer an unauthenticated one.
      if (reserve > 0) budget.release(reserve);
    }
  }

  /** The service a request is for: its SigV4 scope, then X-Amz-Target, then a query Action, then its path. */
  function serviceFor(
    scope: { service: string } | undefined,
    headers: IncomingMessage['headers'],
    rawPath: string,
    rawQuery: string,
  ): ServiceDefinition | undefined {
    if (scope) {
      // A path a hosted service owns (a Lambda URL signed for s3, or for sqs) is that service's request signed
      // wrongly, and its verification says so, whether or not the signed-for service is hosted; elsewhere the scope
      // decides, and a service Lambent does not host gets unhostedService.
      const scoped = bySigningName.get(scope.service);
      if (scoped?.ownsPath(rawPath)) return scoped;
      return opts.services.find((s) => s.ownsPath(rawPath)) ?? scoped;
    }
    const target = headers['x-amz-target'];
    if (typeof target === 'string') {
      const dot = target.indexOf('.');
      const s = byTargetPrefix.get(dot === -1 ? target : target.slice(0, dot));
      if (s) return s;
    }
    if (queryServices.length > 0) {
      // Unsigned (no scope): whatever it is, it is refused before its body matters, so the body is not read
      // just to find its Action; an Action in the query string picks the service that has it.
      const action = /(?:^|&)Action=([^&]*)/.exec(rawQuery)?.[1];
      if (action !== undefined) return queryServices.find((s) => Object.prototype.hasOwnProperty.call(s.codec.model.raw.operations, action)) ?? queryServices[0];
      const ct = headers['content-type'];
      if (typeof ct === 'string' && ct.startsWith('application/x-www-form-urlencoded')) return queryServices[0];
    }
    return opts.services.find((s) => s.ownsPath(rawPath));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';
    const watched = hasBody(req) ? watch.watch(req, res) : undefined;

    for (const route of internal) if (route.handle(req, res, rawPath, rawQuery)) return;

    const scope = peekCredentialScope({ headers: req.headers, rawQuery });
    const service = serviceFor(scope, req.headers, rawPath, rawQuery);
    if (!service) {
      await discardBody(req, UNROUTED_BODY_LIMIT);
      if (req.destroyed && !req.complete) return;
      if (scope) send(res, requestId, unhostedService(scope.service, { headers: req.headers, rawQuery }, requestId));
      else send(res, requestId, genericError(CommonErrors.unknownOperation(method, rawPath)));
      return;
    }
    const vopts = verifyOptions.get(service) as VerifyOptions;
    const parts: HttpRequestParts = { method, rawPath, rawQuery, headers: req.headers, body: EMPTY };
    const codec = service.codecFor ? service.codecFor(parts) : service.codec;
    let bodyLimit = UNROUTED_BODY_LIMIT;
    try {
      let routed: { operation: Operation; labels: Record<string, string> } | undefined;
      let unroutable: unknown;
      let limit = UNROUTED_LIMIT;
      if (codec.routesOnBody) {
        // The operation is named in the body (query: Action=): read and authenticate it first, then route.
        limit = service.bodyLimit('');
      } else {
        try {
          routed = codec.route(parts);
        } catch (e) {
          unroutable = e;
        }
        // Unrouted requests are still authenticated, so an unsigned probe learns nothing about routing.
        if (routed) limit = service.bodyLimit(routed.operation.name);
      }
      bodyLimit = limit.bytes;
      let auth: AuthResult;
      try {
        const head = verifyBeforeBody(req, parts, bodyLimit, vopts);
        if (head !== undefined) {
          parts.body = await readBody(req, bodyLimit);
          bodyMatches(parts, head, watched);
          auth = head;
        } else {
          auth = await readWithinBudget(req, parts, watched, bodyLimit, vopts);
        }
      } catch (e) {
        if (e instanceof BodyTooLargeError) {
          const err = limit.error();
          send(res, requestId, err instanceof AwsError ? codec.encodeError(err, requestId) : genericError(CommonErrors.internal()));
          return;
        }
        throw e;
      }
      // Who signed comes before what they asked for: an expired token is told so whatever its Action.
      const caller = opts.identities.identify(auth.credential, peekSecurityToken(parts));
      if (codec.routesOnBody) routed = codec.route(parts);
      if (!routed) throw unroutable ?? CommonErrors.unknownOperation(method, rawPath);
      const operation = routed.operation;
      const handler = service.handlers[operation.name];
      if (!handler) throw CommonErrors.notImplemented(service.displayName, operation.name);
      const input = codec.decode(parts, operation, routed.labels);
      const ctx = new HttpRequestContext(res, requestId, caller, auth.region, auth.accessKeyId, `http://${req.headers.host ?? 'localhost'}`, req.socket.remoteAddress ?? '');
      let refusal = checkAccess(service, operation.name, input, ctx, gate, userAgent(req.headers));
      if (refusal instanceof Promise) refusal = await refusal;
      if (refusal) throw refusal;
      const output = await handler(input, ctx);
      send(res, requestId, codec.encode(operation, output, requestId));
    } catch (e) {
      // Nothing to answer: the client is gone, or a stalled body was already answered 408.
      if (e instanceof BodyAbortedError) return;
      // Refused before its body was read (bad signature, busy): read and drop the rest (boundedly, never kept)
      // before answering, so a client that asked for Connection: close is not cut off mid-upload by the close
      // that follows the answer and gets to read it.
      if (!req.complete) {
        await discardBody(req, bodyLimit);
        if (req.destroyed && !req.complete) return;
      }
      if (e instanceof AwsError) {
        send(res, requestId, codec.encodeError(e, requestId));
        return;
      }
      opts.logger.error(`request ${requestId} ${method} ${rawPath} failed`, e);
      send(res, requestId, codec.encodeError(CommonErrors.internal(), requestId));
    }
  }

  const gateway = ((req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((e: unknown) => {
      opts.logger.error('unhandled gateway failure', e);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ Type: 'Service', message: 'internal error' }));
      } else {
        res.destroy();
      }
    });
  }) as Gateway;
  gateway.close = () => watch.close();
  return gateway;
}
