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
  /** Changes whenever anything that shapes an environment changes; environments are reused only within one. */
  fingerprint: string;
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
