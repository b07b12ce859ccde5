// GET /2018-06-01/ping: liveness of the Runtime API.
import type { ServerResponse } from 'node:http';

import { sendPong } from '../render.js';

export function handlePing(res: ServerResponse): void {
  sendPong(res);
}
