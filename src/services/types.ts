// What a service (lambda, later sqs, states, logs, ...) gives the gateway: a
// protocol codec built from its model and one handler per implemented
// operation. Handlers never see HTTP; they take a decoded input and return an
// output document, or throw an AwsError.
import type { AwsError } from '../protocol/errors.js';
import type { HttpRequestParts, ProtocolCodec } from '../protocol/codec.js';
import type { AccessRequest, CallerIdentity, RequestFacts } from './identity.js';

export interface RequestContext {
  requestId: string;
  accountId: string;
  region: string;
  accessKeyId: string;
  /** Base URL the client used to reach Lambent (for URLs handed back, e.g. code download). */
  endpoint: string;
  /** Who signed the request (verified), as IAM sees them. */
  caller: CallerIdentity;
  /** The client's address (aws:SourceIp). */
  sourceIp: string;
  /**
   * Aborts when the client goes away before its answer (HTTP requests only): long-running handlers (SQS long
   * polls) stop waiting for it. Absent for in-process calls.
   */
  readonly signal?: AbortSignal;
}

// Inputs and outputs are model-shaped documents; each handler narrows them to
// its generated api-types interfaces.
export type OperationHandler = (
  input: Record<string, unknown>,
  ctx: RequestContext,
) => Promise<Record<string, unknown> | undefined>;

export interface ServiceDefinition {
  /** SigV4 signing name (credential scope service), e.g. "lambda". */
  signingName: string;
  /** Human name used in not-implemented errors, e.g. "Lambda". */
  displayName: string;
  /** The service's codec (its current protocol); in-process calls validate against its model. */
  codec: ProtocolCodec;
  /**
   * Services reached on two protocols (SQS, CloudWatch: current SDKs send JSON, older clients query forms): the
   * codec for one request, from its request line and headers. Absent: always `codec`.
   */
  codecFor?(req: HttpRequestParts): ProtocolCodec;
  handlers: Partial<Record<string, OperationHandler>>;
  /**
   * Largest request body per operation, bytes, and the error to answer beyond it. Asked with operation '' when
   * the operation is named inside the body (query protocol): the limit for any of the service's requests.
   */
  bodyLimit(operation: string): { bytes: number; error: () => Error };
  /** Claims unsigned requests by path so they get this service's error format. */
  ownsPath(rawPath: string): boolean;
  /**
   * What a decoded request asks IAM for (actions, resource ARNs, service condition keys), per AWS's service
   * authorization reference. Empty: nothing to authorize (sts:GetCallerIdentity). Absent: the service
   * authorizes nothing yet (every verified caller may call it). A promise only where the request's condition keys need
   * stored state (Lambda's RemovePermission reads the statement's principal); the warm paths stay synchronous.
   */
  access?(operation: string, input: Record<string, unknown>, ctx: RequestContext): AccessRequest[] | Promise<AccessRequest[]>;
  /** The service's error for a denial, carrying AWS's message (Lambda: AccessDeniedException 403). */
  accessDenied(message: string): AwsError;
}

/**
 * Calls between services inside Lambent (e.g. a service acting for a function), without HTTP or serialization:
 * the input is validated against the operation's model, authorized as `caller`, and handed to the handler.
 * Rejects with the AwsError a client would have received.
 */
export interface ServiceCalls {
  call(
    signingName: string,
    operation: string,
    input: Record<string, unknown>,
    caller: CallerIdentity,
    facts?: Partial<RequestFacts>,
  ): Promise<Record<string, unknown> | undefined>;
}
