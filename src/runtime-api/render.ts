// Response writers for the Runtime API. Static bodies are built once; every
// error body is JSON {"errorMessage","errorType"}, as RIE renders them.
import type { ServerResponse } from 'node:http';

import { ApiErrorType, stateTransitionMessage } from './errors.js';
import type { RuntimeStateName } from './errors.js';
import type { RuntimeInvocation } from './types.js';

const JSON_TYPE = 'application/json';
const ACCEPTED = Buffer.from('{"status":"OK"}');
const ACCEPTED_LEN = String(ACCEPTED.length);
const INVALID_ID = Buffer.from('{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}');
const INVALID_ID_LEN = String(INVALID_ID.length);
const NOT_FOUND = Buffer.from('404 page not found\n');
const PONG = Buffer.from('pong');

export function sendJson(res: ServerResponse, status: number, body: Buffer, extra?: string[]): void {
  if (res.headersSent || res.writableEnded) return;
  const headers = ['Content-Type', JSON_TYPE, 'Content-Length', String(body.length)];
  if (extra) headers.push(...extra);
  res.writeHead(status, headers);
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, errorType: string, errorMessage: string, extra?: string[]): void {
  sendJson(res, status, Buffer.from(JSON.stringify({ errorMessage, errorType })), extra);
}

/** 202 {"status":"OK"}: a post was accepted. */
export function sendAccepted(res: ServerResponse): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(202, ['Content-Type', JSON_TYPE, 'Content-Length', ACCEPTED_LEN]);
  res.end(ACCEPTED);
}

/** 400 InvalidRequestID: unknown, finished or abandoned request id. */
export function sendInvalidRequestId(res: ServerResponse): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(400, ['Content-Type', JSON_TYPE, 'Content-Length', INVALID_ID_LEN]);
  res.end(INVALID_ID);
}

/** 403 InvalidStateTransition with RIE's message. */
export function sendStateTransition(res: ServerResponse, from: RuntimeStateName, to: RuntimeStateName): void {
  sendError(res, 403, ApiErrorType.InvalidStateTransition, stateTransitionMessage(from, to));
}

export function sendTooLarge(res: ServerResponse, limit: number): void {
  sendError(res, 413, ApiErrorType.RequestEntityTooLarge, `Exceeded maximum allowed payload size (${limit} bytes).`);
}

export function sendNotFound(res: ServerResponse): void {
  res.writeHead(404, ['Content-Type', 'text/plain; charset=utf-8', 'X-Content-Type-Options', 'nosniff', 'Content-Length', String(NOT_FOUND.length)]);
  res.end(NOT_FOUND);
}

export function sendMethodNotAllowed(res: ServerResponse, allow: string): void {
  sendError(res, 405, ApiErrorType.MethodNotAllowed, 'Method Not Allowed', ['Allow', allow]);
}

export function sendPong(res: ServerResponse): void {
  res.writeHead(200, ['Content-Type', 'text/plain', 'Content-Length', String(PONG.length)]);
  res.end(PONG);
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
