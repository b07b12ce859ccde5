// GET /2018-06-01/runtime/invocation/next: long-poll for the next invocation.
import type { ServerResponse } from 'node:http';

import type { RuntimeApiState } from '../state.js';

export function handleNext(st: RuntimeApiState, res: ServerResponse): void {
  st.next(res);
}
