// What the engine needs to run a function version, and what an invocation
// returns. Services build snapshots from their stored configuration; the
// engine never reads service documents itself.

export interface FunctionSnapshot {
  accountId: string;
  region: string;
  name: string;
  /** "$LATEST" or a published version number. */
  version: string;
  /** Unqualified function ARN. */
  arn: string;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutSec: number;
  ephemeralStorageMb: number;
  environment: Record<string, string>;
  codeSha256Hex: string;
  logGroup: string;
  /** The execution role (IAM role ARN) whose credentials the environment gets; absent in tools that run no role. */
  role?: string;
  /** Changes whenever anything that shapes an environment changes; environments are reused only within one. */
  fingerprint: string;
}

/**
 * Temporary credentials of the execution role, minted for one environment at its cold start (the same fields as
 * services' TemporaryCredentials; declared here because the engine does not import services).
 */
export interface EnvironmentCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since the epoch. */
  expiresAt: number;
}

export interface InvokeRequest {
  requestId: string;
  payload: Buffer;
  /** ARN the caller used (qualified or not), as the handler sees it in the context. */
  invokedArn: string;
  /** X-Amz-Client-Context as sent (base64 JSON). */
  clientContextBase64?: string;
  tailLogs: boolean;
}

export interface InvokeResult {
  payload: Buffer;
  contentType: string;
  /** Set when the function failed: Lambda reports "Unhandled". */
  functionError?: 'Unhandled';
  executedVersion: string;
  /** base64 of the last 4 KB of the invocation's log, when requested. */
  logResult?: string;
}
