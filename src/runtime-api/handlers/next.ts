// GET /2018-06-01/runtime/invocation/next: long-poll for the next invocation.
import type { ServerResponse } from 'node:http';

import type { RuntimeApiState } from '../state.js';
import type { RuntimeInvocation } from '../types.js';

export function handleNext(st: RuntimeApiState, res: ServerResponse): void {
  st.next(res);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Header values travel as latin1 in node; send UTF-8 JSON text byte for byte. */
function utf8Header(v: string): string {
  return NON_ASCII.test(v) ? Buffer.from(v, 'utf8').toString('latin1') : v;
}

/**
 * Writes the 200 carrying one invocation. The optional Lambda-Runtime-* headers
 * appear only when non-empty (as RIE). Throws (before anything is sent) when a
 * header value holds characters HTTP cannot carry.
 */
export function writeInvocation(res: ServerResponse, inv: RuntimeInvocation): void {
  const h: string[] = [
    'Content-Type',
    inv.contentType || 'application/json',
    'Content-Length',
    String(inv.payload.length),
    'Lambda-Runtime-Aws-Request-Id',
    inv.requestId,
    'Lambda-Runtime-Deadline-Ms',
    String(inv.deadlineMs),
  ];
  if (inv.invokedFunctionArn) h.push('Lambda-Runtime-Invoked-Function-Arn', inv.invokedFunctionArn);
  if (inv.traceId) h.push('Lambda-Runtime-Trace-Id', inv.traceId);
  if (inv.clientContext) h.push('Lambda-Runtime-Client-Context', utf8Header(inv.clientContext));
  if (inv.cognitoIdentity) h.push('Lambda-Runtime-Cognito-Identity', utf8Header(inv.cognitoIdentity));
  if (inv.tenantId) h.push('Lambda-Runtime-Aws-Tenant-Id', inv.tenantId);
  res.sendDate = false;
  res.writeHead(200, h);
  res.end(inv.payload);
}
