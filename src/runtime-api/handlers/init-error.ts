// POST /2018-06-01/runtime/init/error: the runtime failed to initialize
// (allowed only before its first /next, as RIE).
import type { IncomingMessage, ServerResponse } from 'node:http';

import { headerValue, readBody } from '../body.js';
import { RuntimeState, errorTypeOf, validErrorType } from '../errors.js';
import { sendAccepted, sendStateTransition, sendTooLarge } from '../render.js';
import type { RuntimeApiState } from '../state.js';

export function handleInitError(st: RuntimeApiState, req: IncomingMessage, res: ServerResponse): void {
  if (st.state !== RuntimeState.Started) return sendStateTransition(res, st.state, RuntimeState.InitError);
  st.state = RuntimeState.InitError;
  const header = headerValue(req, 'lambda-runtime-function-error-type');
  const limit = st.maxResponseBytes;
  readBody(req, limit, (failure, body) => {
    if (failure === 'too-large') sendTooLarge(res, limit);
    else sendAccepted(res);
    const errorType = header ? validErrorType(header) : errorTypeOf(undefined, body);
    st.initFailed(errorType, body);
  });
}
