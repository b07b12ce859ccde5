// The Runtime API's error catalogue, after AWS's Runtime Interface Emulator:
// the HTTP-level errors it answers the runtime with, and the dotted function
// error types (Runtime.* / Function.*) it reports to the invoke layer.

/** Error types in Runtime API HTTP error bodies ({"errorMessage","errorType"}). */
export const ApiErrorType = {
  InvalidRequestID: 'InvalidRequestID',
  InvalidStateTransition: 'InvalidStateTransition',
  RequestEntityTooLarge: 'RequestEntityTooLarge',
  TruncatedHTTPRequest: 'TruncatedHTTPRequest',
  InvalidFunctionResponseMode: 'InvalidFunctionResponseMode',
  InternalServerError: 'InternalServerError',
  MethodNotAllowed: 'MethodNotAllowed',
} as const;

/** Function error types the endpoint itself produces for an outcome. */
export const FunctionErrorType = {
  RuntimeUnknown: 'Runtime.Unknown',
  FunctionUnknown: 'Function.Unknown',
  ResponseSizeTooLarge: 'Function.ResponseSizeTooLarge',
  TruncatedResponse: 'Runtime.TruncatedResponse',
  InvalidResponseModeHeader: 'Runtime.InvalidResponseModeHeader',
} as const;

/** RIE's runtime state names, used in InvalidStateTransition messages. */
export const RuntimeState = {
  Started: 'Started',
  InitError: 'InitError',
  Ready: 'Ready',
  Running: 'Running',
  InvocationResponse: 'InvocationResponse',
  InvocationErrorResponse: 'InvocationErrorResponse',
  ResponseSent: 'RuntimeResponseSentState',
} as const;
export type RuntimeStateName = (typeof RuntimeState)[keyof typeof RuntimeState];

export const DEFAULT_MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

const VALID_ERROR_TYPE = /^(Runtime|Function)\.[A-Z][a-zA-Z]+$/;

/** RIE's GetValidRuntimeOrFunctionErrorType (anchored). */
export function validErrorType(raw: string): string {
  if (VALID_ERROR_TYPE.test(raw)) return raw;
  return raw.startsWith('Function.') ? FunctionErrorType.FunctionUnknown : FunctionErrorType.RuntimeUnknown;
}

/**
 * The error type reported for a posted error: the Lambda-Runtime-Function-Error-Type
 * header normalized as RIE does when present; otherwise the body's "errorType"
 * (aws-lambda-ric sends no header on handler errors); otherwise Runtime.Unknown.
 */
export function errorTypeOf(header: string | undefined, body: Buffer): string {
  if (header !== undefined && header !== '') return validErrorType(header);
  const fromBody = bodyErrorType(body);
  return fromBody ?? FunctionErrorType.RuntimeUnknown;
}

function bodyErrorType(body: Buffer): string | undefined {
  if (body.length === 0 || body.length > 1 << 20) return undefined;
  try {
    const doc: unknown = JSON.parse(body.toString('utf8'));
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
      const t = (doc as Record<string, unknown>)['errorType'];
      if (typeof t === 'string' && t !== '') return t;
    }
  } catch {
    // not JSON: fall through
  }
  return undefined;
}

/** A JSON error document {"errorMessage","errorType"} as bytes. */
export function errorDocument(errorType: string, errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorMessage, errorType }));
}

export function responseTooLargeDocument(limit: number): Buffer {
  return errorDocument(
    FunctionErrorType.ResponseSizeTooLarge,
    `Response payload size exceeded maximum allowed payload size (${limit} bytes).`,
  );
}

export function stateTransitionMessage(from: RuntimeStateName, to: RuntimeStateName): string {
  return `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`;
}
