// Shared set-up of the queue engine tests: a store on a clock the test moves, queue rows and messages as the SQS
// service would hand them to the store.
import { createHash, randomUUID } from 'node:crypto';

import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { NewMessage, QueueKey, QueueRow, QueueSettings } from '../../src/store/queue-types.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export class Clock {
  constructor(public t = Date.UTC(2026, 0, 1)) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export async function openStore(
  file = ':memory:',
  clock = new Clock(),
  timers = false,
): Promise<{ store: SqliteStore; clock: Clock }> {
  const store = new SqliteStore(file, { queues: { now: clock.now, timers } });
  await store.queues.open();
  return { store, clock };
}

export function key(name: string): QueueKey {
  return { accountId: ACCOUNT, region: REGION, name };
}

export function arnOf(name: string): string {
  return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
}

export function queueRow(name: string, settings: Partial<QueueSettings> = {}, now = Date.UTC(2026, 0, 1)): QueueRow {
  return {
    ...key(name),
    arn: arnOf(name),
    createdAt: now,
    lastModifiedAt: now,
    attributes: {},
    tags: {},
    settings: {
      fifo: name.endsWith('.fifo'),
      visibilityTimeoutSeconds: 30,
      delaySeconds: 0,
      retentionSeconds: 345_600,
      deduplicationScope: 'queue',
      ...settings,
    },
  };
}

export function message(body: string, extra: Partial<NewMessage> = {}): NewMessage {
  return {
    messageId: randomUUID(),
    body,
    md5OfBody: createHash('md5').update(body).digest('hex'),
    senderId: ACCOUNT,
    delaySeconds: 0,
    ...extra,
  };
}

export function fifoMessage(body: string, groupId: string, deduplicationId: string, extra: Partial<NewMessage> = {}): NewMessage {
  return message(body, { groupId, deduplicationId, ...extra });
}
