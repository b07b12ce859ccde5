// POST /2018-06-01/runtime/invocation/{id}/response: the function's result,
// buffered or streamed (Lambda-Runtime-Function-Response-Mode: streaming, chunked,
// with an optional error in the Lambda-Runtime-Function-Error-Type/-Body trailers).
import type { IncomingMessage, ServerResponse } from 'node:http';

import { headerValue, readBody } from '../body.js';
import {
  ApiErrorType,
  FunctionErrorType,
  RuntimeState,
  errorDocument,
  validErrorType,
} from '../errors.js';
import { sendAccepted, sendError, sendInvalidRequestId, sendStateTransition } from '../render.js';
import type { RuntimeApiState } from '../state.js';
import { completeBodyFailure } from './body-failure.js';

const STREAMING = 'streaming';

export function handleResponse(st: RuntimeApiState, req: IncomingMessage, res: ServerResponse, id: string): void {
  const slot = st.slotFor(id);
  if (slot === null) return sendInvalidRequestId(res);
  if (st.state !== RuntimeState.Running) return sendStateTransition(res, st.state, RuntimeState.InvocationResponse);

  const mode = headerValue(req, 'lambda-runtime-function-response-mode');
  if (mode !== undefined && mode !== STREAMING) {
    st.complete(slot, {
      kind: 'error',
      errorType: FunctionErrorType.InvalidResponseModeHeader,
      payload: errorDocument(FunctionErrorType.InvalidResponseModeHeader, 'Invalid function response mode'),
    });
    return sendError(res, 400, ApiErrorType.InvalidFunctionResponseMode, 'Invalid function response mode');
  }

  st.state = RuntimeState.InvocationResponse;
  const limit = st.maxResponseBytes;
  readBody(req, limit, (failure, body, trailers) => {
    if (!st.owns(slot)) return sendInvalidRequestId(res); // abandoned meanwhile
    if (failure) {
      completeBodyFailure(st, slot, res, failure, 'Response');
      return;
    }
    sendAccepted(res);
    const trailerType = trailers?.['lambda-runtime-function-error-type'];
    if (trailerType) {
      st.complete(slot, { kind: 'error', errorType: validErrorType(trailerType), payload: trailerErrorBody(trailerType, trailers?.['lambda-runtime-function-error-body']) });
      return;
    }
    st.complete(slot, { kind: 'response', payload: body, contentType: req.headers['content-type'] || 'application/json' });
  });
}

/** The base64 error document from the trailer, or one made from the type when absent/unreadable. */
function trailerErrorBody(errorType: string, b64: string | undefined): Buffer {
  if (b64) {
    const raw = Buffer.from(b64, 'base64');
    if (raw.length > 0) {
      try {
        JSON.parse(raw.toString('utf8'));
        return raw;
      } catch {
        // fall through
      }
    }
  }
  return errorDocument(errorType, 'The function failed while streaming its response.');
}
