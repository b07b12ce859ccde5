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
];
