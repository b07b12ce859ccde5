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
];
