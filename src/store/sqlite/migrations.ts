// Schema migrations, applied in order inside one transaction each; the
// database's user_version records how many have run.
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE functions (
     account_id TEXT NOT NULL,
     region     TEXT NOT NULL,
     name       TEXT NOT NULL,
     created_at TEXT NOT NULL,
     tags       TEXT NOT NULL DEFAULT '{}',
     PRIMARY KEY (account_id, region, name)
   ) WITHOUT ROWID;
   CREATE TABLE function_versions (
     account_id  TEXT NOT NULL,
     region      TEXT NOT NULL,
     name        TEXT NOT NULL,
     version     TEXT NOT NULL,
     config      TEXT NOT NULL,
     code_sha256 TEXT NOT NULL,
     revision_id TEXT NOT NULL,
     PRIMARY KEY (account_id, region, name, version),
     FOREIGN KEY (account_id, region, name) REFERENCES functions (account_id, region, name) ON DELETE CASCADE
   ) WITHOUT ROWID;
   CREATE INDEX function_versions_code ON function_versions (code_sha256);`,
  `CREATE TABLE log_streams (
     log_group       TEXT NOT NULL,
     log_stream      TEXT NOT NULL,
     created_at      INTEGER NOT NULL,
     first_event_at  INTEGER,
     last_event_at   INTEGER,
     stored_bytes    INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (log_group, log_stream)
   ) WITHOUT ROWID;
   CREATE TABLE log_events (
     id          INTEGER PRIMARY KEY,
     log_group   TEXT NOT NULL,
     log_stream  TEXT NOT NULL,
     timestamp   INTEGER NOT NULL,
     ingested_at INTEGER NOT NULL,
     message     TEXT NOT NULL
   );
   CREATE INDEX log_events_stream ON log_events (log_group, log_stream, timestamp);
   CREATE INDEX log_events_group_time ON log_events (log_group, timestamp);`,
  // Versions and aliases: a per-function version counter (numbers are never reused), the $LATEST
  // content digest a version was published from, and aliases with their primary/routing versions.
  `ALTER TABLE functions ADD COLUMN last_version INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE function_versions ADD COLUMN published_from TEXT;
   CREATE TABLE function_aliases (
     account_id       TEXT NOT NULL,
     region           TEXT NOT NULL,
     name             TEXT NOT NULL,
     alias            TEXT NOT NULL,
     function_version TEXT NOT NULL,
     routing_version  TEXT,
     config           TEXT NOT NULL,
     revision_id      TEXT NOT NULL,
     PRIMARY KEY (account_id, region, name, alias),
     FOREIGN KEY (account_id, region, name) REFERENCES functions (account_id, region, name) ON DELETE CASCADE
   ) WITHOUT ROWID;`,
  // Asynchronous invocation: the durable event queue (deleting a function drops its events), the
  // per-qualifier EventInvokeConfig documents and per-function counters.
  `CREATE TABLE async_events (
     id              INTEGER PRIMARY KEY,
     account_id      TEXT NOT NULL,
     region          TEXT NOT NULL,
     name            TEXT NOT NULL,
     version         TEXT NOT NULL,
     qualifier       TEXT NOT NULL,
     request_id      TEXT NOT NULL,
     invoked_arn     TEXT NOT NULL,
     payload         BLOB NOT NULL,
     client_context  TEXT,
     accepted_at     INTEGER NOT NULL,
     attempts        INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     last_result     TEXT,
     last_payload    BLOB,
     FOREIGN KEY (account_id, region, name) REFERENCES functions (account_id, region, name) ON DELETE CASCADE
   );
   CREATE INDEX async_events_due ON async_events (account_id, region, name, next_attempt_at, id);
   CREATE TABLE event_invoke_configs (
     account_id    TEXT NOT NULL,
     region        TEXT NOT NULL,
     name          TEXT NOT NULL,
     qualifier     TEXT NOT NULL,
     config        TEXT NOT NULL,
     last_modified INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, name, qualifier),
     FOREIGN KEY (account_id, region, name) REFERENCES functions (account_id, region, name) ON DELETE CASCADE
   ) WITHOUT ROWID;
   CREATE TABLE async_counters (
     account_id                    TEXT NOT NULL,
     region                        TEXT NOT NULL,
     name                          TEXT NOT NULL,
     received                      INTEGER NOT NULL DEFAULT 0,
     dropped                       INTEGER NOT NULL DEFAULT 0,
     destination_delivery_failures INTEGER NOT NULL DEFAULT 0,
     dead_letter_errors            INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (account_id, region, name),
     FOREIGN KEY (account_id, region, name) REFERENCES functions (account_id, region, name) ON DELETE CASCADE
   ) WITHOUT ROWID;`,
  // Concurrency: reserved concurrency per function, provisioned concurrency per version or alias.
  `CREATE TABLE function_concurrency (
     account_id TEXT NOT NULL,
     region     TEXT NOT NULL,
     name       TEXT NOT NULL,
     reserved   INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, name),
     FOREIGN KEY (account_id, region, name) REFERENCES functions (account_id, region, name) ON DELETE CASCADE
   ) WITHOUT ROWID;
   CREATE TABLE provisioned_concurrency (
     account_id    TEXT NOT NULL,
     region        TEXT NOT NULL,
     name          TEXT NOT NULL,
     qualifier     TEXT NOT NULL,
     requested     INTEGER NOT NULL,
     last_modified INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, name, qualifier),
     FOREIGN KEY (account_id, region, name) REFERENCES functions (account_id, region, name) ON DELETE CASCADE
   ) WITHOUT ROWID;`,
  // IAM: roles, users, groups, customer managed policies and access keys as JSON documents per account (the IAM
  // service holds them in memory and writes whole documents through; see store/iam-types.ts).
  `CREATE TABLE iam_entities (
     account_id TEXT NOT NULL,
     kind       TEXT NOT NULL,
     key        TEXT NOT NULL,
     doc        TEXT NOT NULL,
     PRIMARY KEY (account_id, kind, key)
   ) WITHOUT ROWID;`,
  // Resource-based policies of functions (qualifier ''), versions and aliases. Deleting the function cascades; deleting
  // a version or an alias deletes its policy in the same statement (triggers), so a new alias of the same name starts
  // without the old one's grants.
  `CREATE TABLE function_policies (
     account_id  TEXT NOT NULL,
     region      TEXT NOT NULL,
     name        TEXT NOT NULL,
     qualifier   TEXT NOT NULL,
     policy      TEXT NOT NULL,
     revision_id TEXT NOT NULL,
     PRIMARY KEY (account_id, region, name, qualifier),
     FOREIGN KEY (account_id, region, name) REFERENCES functions (account_id, region, name) ON DELETE CASCADE
   ) WITHOUT ROWID;
   CREATE TRIGGER function_policies_version_gone AFTER DELETE ON function_versions BEGIN
     DELETE FROM function_policies
      WHERE account_id = OLD.account_id AND region = OLD.region AND name = OLD.name AND qualifier = OLD.version;
   END;
   CREATE TRIGGER function_policies_alias_gone AFTER DELETE ON function_aliases BEGIN
     DELETE FROM function_policies
      WHERE account_id = OLD.account_id AND region = OLD.region AND name = OLD.name AND qualifier = OLD.alias;
   END;`,
  // Queues (issue 15, store/sqlite/queues/). A message is two rows: its index entry (queue_messages: times, receive
  // count, group; small, so loading every queue at start reads little and a lease rewrites little) and its content
  // (queue_bodies, read only by the receive that returns it). Ids are assigned by the store and never reused
  // (AUTOINCREMENT keeps the high-water mark), because receipt handles name messages by id. queue_meta holds the
  // random key receipt handles are signed with. A purge or a queue deletion is one small write (purged_up_to, the
  // queue row); the rows it leaves behind are removed in the background, and skipped at load meanwhile.
  `CREATE TABLE queues (
     id               INTEGER PRIMARY KEY AUTOINCREMENT,
     account_id       TEXT NOT NULL,
     region           TEXT NOT NULL,
     name             TEXT NOT NULL,
     arn              TEXT NOT NULL,
     created_at       INTEGER NOT NULL,
     last_modified_at INTEGER NOT NULL,
     attributes       TEXT NOT NULL,
     tags             TEXT NOT NULL,
     settings         TEXT NOT NULL,
     purged_up_to     INTEGER NOT NULL DEFAULT 0,
     UNIQUE (account_id, region, name)
   );
   CREATE TABLE queue_messages (
     queue_id          INTEGER NOT NULL,
     id                INTEGER NOT NULL,
     sent_at           INTEGER NOT NULL,
     visible_at        INTEGER NOT NULL,
     receive_count     INTEGER NOT NULL,
     first_received_at INTEGER NOT NULL,
     group_id          TEXT,
     PRIMARY KEY (queue_id, id)
   ) WITHOUT ROWID;
   CREATE TABLE queue_bodies (
     id         INTEGER PRIMARY KEY AUTOINCREMENT,
     message_id TEXT NOT NULL,
     body       TEXT NOT NULL,
     meta       TEXT NOT NULL
   );
   CREATE TABLE queue_dedup (
     queue_id        INTEGER NOT NULL,
     key             TEXT NOT NULL,
     message_id      TEXT NOT NULL,
     sequence_number TEXT NOT NULL,
     expires_at      INTEGER NOT NULL,
     PRIMARY KEY (queue_id, key)
   ) WITHOUT ROWID;
   CREATE INDEX queue_dedup_expiry ON queue_dedup (expires_at);
   CREATE TABLE queue_meta (
     key   TEXT PRIMARY KEY,
     value BLOB NOT NULL
   ) WITHOUT ROWID;
   INSERT INTO queue_meta (key, value) VALUES ('receipt_key', randomblob(32));`,
];
