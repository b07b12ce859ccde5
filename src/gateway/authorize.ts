// Authorization of one decoded request, shared by the HTTP gateway and
// in-process calls: the service says what the request asks IAM for
// (ServiceDefinition.access), the Authorizer decides, and a denial becomes the
// service's own access-denied error (enforce mode) or a logged event (audit).
// The warm path stays promise-free when the authorizer answers synchronously.
import type { AwsError } from '../protocol/errors.js';
import type { AccessRequest, Authorizer, Denial, RequestFacts } from '../services/identity.js';
import type { RequestContext, ServiceDefinition } from '../services/types.js';

export type DenialListener = (denial: Denial, ctx: RequestContext) => void;

/** What every authorization of one gateway (or in-process caller) shares; built once. */
export interface AccessGate {
  authorizer: Authorizer;
  /** ms since the epoch (aws:CurrentTime); injectable for tests. */
  clock: () => number;
  onDenial: DenialListener | undefined;
}

/** The facts global condition keys read. Plain HTTP: aws:SecureTransport is false. */
function requestFacts(ctx: RequestContext, gate: AccessGate, userAgent: string | undefined, extra: Partial<RequestFacts> | undefined): RequestFacts {
  const facts: RequestFacts = { region: ctx.region, sourceIp: ctx.sourceIp, now: gate.clock(), secureTransport: false };
  if (userAgent !== undefined) facts.userAgent = userAgent;
  return extra ? Object.assign(facts, extra) : facts;
}

/**
 * Undefined when the request may proceed; the error to answer otherwise. A promise only when the authorizer
 * answered with one (it had to load policies).
 */
export function checkAccess(
  service: ServiceDefinition,
  operation: string,
  input: Record<string, unknown>,
  ctx: RequestContext,
  gate: AccessGate,
  userAgent: string | undefined,
  extra?: Partial<RequestFacts>,
): AwsError | undefined | Promise<AwsError | undefined> {
  if (!service.access) return undefined;
  const requests = service.access(operation, input, ctx);
  if (requests instanceof Promise) return requests.then((r) => decide(service, r, ctx, gate, userAgent, extra));
  return decide(service, requests, ctx, gate, userAgent, extra);
}

function decide(
  service: ServiceDefinition,
  requests: AccessRequest[],
  ctx: RequestContext,
  gate: AccessGate,
  userAgent: string | undefined,
  extra: Partial<RequestFacts> | undefined,
): AwsError | undefined | Promise<AwsError | undefined> {
  if (requests.length === 0) return undefined;
  const decision = gate.authorizer.authorize(ctx.caller, requests, requestFacts(ctx, gate, userAgent, extra));
  if (decision === undefined) return undefined;
  if (decision instanceof Promise) return decision.then((d) => (d === undefined ? undefined : refuse(service, d, ctx, gate)));
  return refuse(service, decision, ctx, gate);
}

function refuse(service: ServiceDefinition, denial: Denial, ctx: RequestContext, gate: AccessGate): AwsError | undefined {
  gate.onDenial?.(denial, ctx);
  return gate.authorizer.mode === 'enforce' ? service.accessDenied(denial.message) : undefined;
}
