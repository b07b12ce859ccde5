// Response writers for the Runtime API. Static bodies are built once; every
// error body is JSON {"errorMessage","errorType"}, as RIE renders them.
import type { ServerResponse } from 'node:http';

import { ApiErrorType, stateTransitionMessage } from './errors.js';
import type { RuntimeStateName } from './errors.js';

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
