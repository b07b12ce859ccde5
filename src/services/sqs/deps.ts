// What the SQS service needs from the rest of Lambent, wired in main.ts.
import type { QueueStore } from '../../store/queue-types.js';
import type { QueuePolicies } from './queue-policies.js';

export interface SqsDeps {
  /** Queues and messages (Store.queues). */
  queues: QueueStore;
  /** Queue policies as the authorizer reads them; told of every Policy write and queue deletion. */
  policies: QueuePolicies;
  /** ms since the epoch (default Date.now): PurgeQueue's 60 s, timestamps. */
  now?: () => number;
  /** Lambent's log, for what a caller never sees (a move task's failure). */
  log?: { warn(message: string): void };
}
