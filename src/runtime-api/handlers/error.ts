// POST /2018-06-01/runtime/invocation/{id}/error: the function failed.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { headerValue, readBody } from '../body.js';
import { RuntimeState, errorTypeOf } from '../errors.js';
import { sendAccepted, sendInvalidRequestId, sendStateTransition } from '../render.js';
import type { RuntimeApiState } from '../state.js';
import { completeBodyFailure } from './body-failure.js';

const ERROR_WITH_CAUSE = 'application/vnd.aws.lambda.error.cause+json';

export function handleError(st: RuntimeApiState, req: IncomingMessage, res: ServerResponse, id: string): void {
  const slot = st.slotFor(id);
  if (slot === null) return sendInvalidRequestId(res);
  if (st.state !== RuntimeState.Running) return sendStateTransition(res, st.state, RuntimeState.InvocationErrorResponse);

  st.state = RuntimeState.InvocationErrorResponse;
  const limit = st.maxResponseBytes;
  readBody(req, limit, (failure, body) => {
    if (!st.owns(slot)) return sendInvalidRequestId(res);
    if (failure) {
      completeBodyFailure(st, slot, res, failure, 'Error response');
      return;
    }
    sendAccepted(res);
    const header = headerValue(req, 'lambda-runtime-function-error-type');
    const payload = req.headers['content-type'] === ERROR_WITH_CAUSE ? withoutCause(body) : body;
    st.complete(slot, { kind: 'error', errorType: errorTypeOf(header, payload), payload });
  });
}

/**
 * application/vnd.aws.lambda.error.cause+json carries an X-Ray "errorCause"
 * beside the error; the caller sees the error without it (as RIE).
 */
function withoutCause(body: Buffer): Buffer {
  try {
    const doc: unknown = JSON.parse(body.toString('utf8'));
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
      const { errorCause: _cause, ...rest } = doc as Record<string, unknown>;
      return Buffer.from(JSON.stringify(rest));
    }
  } catch {
    // RIE answers the caller with the JSON string "Invalid error body".
  }
  return Buffer.from('"Invalid error body"');
}
