// The SQL the queue engine runs, prepared once. Rows mirror the in-memory index (message-index.ts): the index entry
// of a message in queue_messages, its content in queue_bodies (see the migration for why they are apart).
import type { Database as Db, Statement } from 'better-sqlite3';

export interface QueueDbRow {
  id: number;
  account_id: string;
  region: string;
  name: string;
  arn: string;
  created_at: number;
  last_modified_at: number;
  attributes: string;
  tags: string;
  settings: string;
  purged_up_to: number;
}

export interface BodyDbRow {
  message_id: string;
  body: string;
  meta: string;
}

export type QueueStatements = Record<
  | 'insertQueue'
  | 'updateQueue'
  | 'deleteQueue'
  | 'deleteQueueDedup'
  | 'insertBody'
  | 'insertMessage'
  | 'lease'
  | 'setVisibleAt'
  | 'deleteMessage'
  | 'deleteBody'
  | 'readBody'
  | 'copyToDeadLetter'
  | 'copyToFifoDeadLetter'
  | 'copyMoved'
  | 'sourceArnOf'
  | 'insertDedup'
  | 'sweepDedup'
  | 'setPurgedUpTo'
  | 'leftovers'
  | 'allQueues'
  | 'allMessages'
  | 'liveDedup'
  | 'meta'
  | 'sequence',
  Statement
>;

export function prepareQueueStatements(db: Db): QueueStatements {
  return {
    insertQueue: db.prepare(
      `INSERT INTO queues (id, account_id, region, name, arn, created_at, last_modified_at, attributes, tags, settings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateQueue: db.prepare(
      'UPDATE queues SET attributes = ?, tags = ?, settings = ?, last_modified_at = ? WHERE id = ?',
    ),
    deleteQueue: db.prepare('DELETE FROM queues WHERE id = ?'),
    deleteQueueDedup: db.prepare('DELETE FROM queue_dedup WHERE queue_id = ?'),
    insertBody: db.prepare('INSERT INTO queue_bodies (id, message_id, body, meta) VALUES (?, ?, ?, ?)'),
    insertMessage: db.prepare(
      `INSERT INTO queue_messages (queue_id, id, sent_at, visible_at, receive_count, first_received_at, group_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    lease: db.prepare(
      'UPDATE queue_messages SET receive_count = ?, visible_at = ?, first_received_at = ? WHERE queue_id = ? AND id = ?',
    ),
    setVisibleAt: db.prepare('UPDATE queue_messages SET visible_at = ? WHERE queue_id = ? AND id = ?'),
    deleteMessage: db.prepare('DELETE FROM queue_messages WHERE queue_id = ? AND id = ?'),
    deleteBody: db.prepare('DELETE FROM queue_bodies WHERE id = ?'),
    readBody: db.prepare('SELECT message_id, body, meta FROM queue_bodies WHERE id = ?'),
    // Redrive keeps the message id and content and records where it came from.
    copyToDeadLetter: db.prepare(
      `INSERT INTO queue_bodies (id, message_id, body, meta)
       SELECT ?, message_id, body, json_set(meta, '$.deadLetterQueueSourceArn', ?) FROM queue_bodies WHERE id = ?`,
    ),
    // FIFO dead-letter queues: the deduplication id becomes the message id (AWS: two independent messages that
    // shared a deduplication id must both be stored).
    copyToFifoDeadLetter: db.prepare(
      `INSERT INTO queue_bodies (id, message_id, body, meta)
       SELECT ?, message_id, body, json_set(meta, '$.deadLetterQueueSourceArn', ?, '$.deduplicationId', message_id)
       FROM queue_bodies WHERE id = ?`,
    ),
    // A move task makes a new message: new id; it no longer comes from a dead-letter source.
    copyMoved: db.prepare(
      `INSERT INTO queue_bodies (id, message_id, body, meta)
       SELECT ?, ?, body, json_remove(meta, '$.deadLetterQueueSourceArn') FROM queue_bodies WHERE id = ?`,
    ),
    sourceArnOf: db.prepare(
      `SELECT json_extract(meta, '$.deadLetterQueueSourceArn') FROM queue_bodies WHERE id = ?`,
    ).pluck(),
    insertDedup: db.prepare(
      `INSERT OR REPLACE INTO queue_dedup (queue_id, key, message_id, sequence_number, expires_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    sweepDedup: db.prepare('DELETE FROM queue_dedup WHERE expires_at <= ?'),
    setPurgedUpTo: db.prepare('UPDATE queues SET purged_up_to = ? WHERE id = ?'),
    // Rows a purge or a queue deletion left behind, a chunk at a time.
    leftovers: db.prepare('SELECT id FROM queue_messages WHERE queue_id = ? AND id <= ? ORDER BY id LIMIT ?').pluck(),
    allQueues: db.prepare('SELECT * FROM queues ORDER BY id'),
    allMessages: db
      .prepare(
        `SELECT queue_id, id, sent_at, visible_at, receive_count, first_received_at, group_id FROM queue_messages
         ORDER BY queue_id, id`,
      )
      .raw(),
    liveDedup: db.prepare(
      `SELECT queue_id, key, message_id, sequence_number, expires_at FROM queue_dedup WHERE expires_at > ?
       ORDER BY expires_at`,
    ),
    meta: db.prepare('SELECT value FROM queue_meta WHERE key = ?').pluck(),
    sequence: db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck(),
  };
}
