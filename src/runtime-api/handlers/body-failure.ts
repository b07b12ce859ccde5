// What /response and /error do when the runtime's body could not be read whole:
// too large → 413 to the runtime and Function.ResponseSizeTooLarge to the caller;
// truncated → Runtime.TruncatedResponse.
import type { ServerResponse } from 'node:http';
import type { BodyFailure } from '../body.js';
import { FunctionErrorType, errorDocument, responseTooLargeDocument } from '../errors.js';
import { sendTooLarge } from '../render.js';
import type { RuntimeApiState, Slot } from '../state.js';

/** Completes the slot for a failed body read; `what` names the body in the truncation message. */
export function completeBodyFailure(
  st: RuntimeApiState,
  slot: Slot,
  res: ServerResponse,
  failure: BodyFailure,
  what: 'Response' | 'Error response',
): void {
  if (failure === 'too-large') {
    sendTooLarge(res, st.maxResponseBytes);
    st.complete(slot, {
      kind: 'error',
      errorType: FunctionErrorType.ResponseSizeTooLarge,
      payload: responseTooLargeDocument(st.maxResponseBytes),
    });
    return;
  }
  st.complete(slot, {
    kind: 'error',
    errorType: FunctionErrorType.TruncatedResponse,
    payload: errorDocument(
      FunctionErrorType.TruncatedResponse,
      `${what} was truncated: the runtime closed the connection mid-body.`,
    ),
  });
}
