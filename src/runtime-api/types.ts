// Public types of the Runtime API endpoint: what the invocation layer hands
// in (RuntimeInvocation) and gets back (InvocationOutcome).

/** One invocation, as the runtime sees it on GET /runtime/invocation/next. */
export interface RuntimeInvocation {
  requestId: string;
  payload: Buffer;
  /** Epoch milliseconds (Lambda-Runtime-Deadline-Ms). */
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId?: string;
  /** JSON text, already base64-decoded from X-Amz-Client-Context. */
  clientContext?: string;
  /** JSON text: {"cognitoIdentityId","cognitoIdentityPoolId"}. */
  cognitoIdentity?: string;
  tenantId?: string;
  /** Content-Type served with the payload; default application/json. */
  contentType?: string;
}

export type InvocationOutcome =
  | { kind: 'response'; payload: Buffer; contentType: string }
  | { kind: 'error'; errorType: string; payload: Buffer /* JSON error document */ };

export interface RuntimeApiEvents {
  /** The runtime posted /runtime/init/error (errorType already normalized). */
  initError?(errorType: string, body: Buffer): void;
  /** First GET /next: the runtime finished init and is ready. */
  ready?(): void;
}

export interface RuntimeApiOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Largest response body accepted; default 6291556 (6 MiB + 100 B, as RIE). */
  maxResponseBytes?: number;
  /**
   * Requests for anything but the Runtime API (paths outside /2018-06-01/): Lambent's AWS API as the function may
   * call it from inside its sandbox (the one address where a function reaches Lambent). Absent: 404.
   */
  aws?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
}
