// Routes Runtime API requests by plain string matching (no URL parsing, no
// allocation beyond the request id). Routes under /2018-06-01, as RIE:
//   GET  /runtime/invocation/next          POST /runtime/invocation/{id}/response
//   POST /runtime/init/error               POST /runtime/invocation/{id}/error
//   GET  /ping
import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleError } from './handlers/error.js';
import { handleInitError } from './handlers/init-error.js';
import { handleNext } from './handlers/next.js';
import { handlePing } from './handlers/ping.js';
import { handleResponse } from './handlers/response.js';
import { sendMethodNotAllowed, sendNotFound } from './render.js';
import type { RuntimeApiState } from './state.js';

const NEXT = '/2018-06-01/runtime/invocation/next';
const INVOCATION = '/2018-06-01/runtime/invocation/';
const INIT_ERROR = '/2018-06-01/runtime/init/error';
const PING = '/2018-06-01/ping';
const RESPONSE = '/response';
const ERROR = '/error';

export function route(st: RuntimeApiState, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const method = req.method;

  if (path === NEXT) {
    if (method !== 'GET') return sendMethodNotAllowed(res, 'GET');
    return handleNext(st, res);
  }
  if (path.startsWith(INVOCATION)) {
    const slash = path.indexOf('/', INVOCATION.length);
    if (slash > INVOCATION.length) {
      const tail = path.slice(slash);
      if (tail === RESPONSE || tail === ERROR) {
        if (method !== 'POST') return sendMethodNotAllowed(res, 'POST');
        const id = path.slice(INVOCATION.length, slash);
        return tail === RESPONSE ? handleResponse(st, req, res, id) : handleError(st, req, res, id);
      }
    }
    return sendNotFound(res);
  }
  if (path === INIT_ERROR) {
    if (method !== 'POST') return sendMethodNotAllowed(res, 'POST');
    return handleInitError(st, req, res);
  }
  if (path === PING) {
    if (method !== 'GET') return sendMethodNotAllowed(res, 'GET');
    return handlePing(res);
  }
  return sendNotFound(res);
}
