// Versions and aliases below the HTTP layer: PublishVersion's state checks and
// idempotence, the SQLite store's version counter, alias/version integrity,
// weighted routing and the schema migration of an existing database.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

import type { AwsError } from '../../src/protocol/errors.js';
import type { FunctionConfiguration } from '../../src/services/lambda/api-types.js';
import type { LambdaDeps } from '../../src/services/lambda/deps.js';
import { routedVersion } from '../../src/services/lambda/qualifiers.js';
import { contentDigest, VersionsApi } from '../../src/services/lambda/versions.js';
import type { RequestContext } from '../../src/services/types.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { FunctionKey, VersionRow } from '../../src/store/types.js';

const ctx: RequestContext = {
  requestId: 'r', accountId: '123456789012', region: 'us-east-1', accessKeyId: 'test', endpoint: 'http://x', sourceIp: '127.0.0.1',
  caller: { kind: 'root', accountId: '123456789012', arn: 'arn:aws:iam::123456789012:root', userId: '123456789012', accessKeyId: 'test' },
};
const key: FunctionKey = { accountId: '123456789012', region: 'us-east-1', name: 'fn' };
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

function latestConfig(extra: Partial<FunctionConfiguration> = {}): FunctionConfiguration {
  return {
    FunctionName: 'fn', FunctionArn: ARN, Runtime: 'nodejs20.x', Handler: 'index.handler', MemorySize: 128,
    CodeSha256: 'c2hh', Version: '$LATEST', RevisionId: 'rev-1', State: 'Active', LastUpdateStatus: 'Successful',
    Description: '', ...extra,
  };
}

function latestRow(config: FunctionConfiguration): VersionRow<FunctionConfiguration> {
  return { ...key, version: '$LATEST', config, codeSha256: 'ab'.repeat(32), revisionId: config.RevisionId ?? '' };
}

async function setup(config = latestConfig()): Promise<{ store: SqliteStore; api: VersionsApi; scheduled: string[] }> {
  const store = new SqliteStore(':memory:');
  await store.functions.create({ ...key, createdAt: 'now', tags: {} }, latestRow(config));
  const scheduled: string[] = [];
  const deps = {
    store,
    lifecycle: { schedule: (k: { version?: string }) => scheduled.push(k.version ?? '$LATEST') },
  } as unknown as LambdaDeps;
  return { store, api: new VersionsApi(deps), scheduled };
}

async function rejectsWith(p: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

describe('PublishVersion', () => {
  test('refuses while $LATEST is Pending or being updated (ResourceConflictException, AWS wording)', async () => {
    const pending = await setup(latestConfig({ State: 'Pending' }));
    await rejectsWith(
      pending.api.publish({ FunctionName: 'fn' }, ctx),
      'ResourceConflictException',
      'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    );
    const updating = await setup(latestConfig({ LastUpdateStatus: 'InProgress' }));
    await rejectsWith(
      updating.api.publish({ FunctionName: 'fn' }, ctx),
      'ResourceConflictException',
      `The operation cannot be performed at this time. An update is in progress for resource: ${ARN}`,
    );
    assert.equal((await updating.store.functions.listVersions(key, undefined, 10)).length, 1, 'nothing was published');
  });

  test('numbers versions 1, 2, … and never reuses a number, even after deletion', async () => {
    const { store, api } = await setup();
    assert.equal((await api.publish({ FunctionName: 'fn' }, ctx)).Version, '1');
    const latest = await store.functions.getVersion<FunctionConfiguration>(key, '$LATEST');
    assert.ok(latest);
    const changed = { ...latest.config, MemorySize: 256, RevisionId: 'rev-2' };
    assert.ok(await store.functions.replaceVersion({ ...latest, config: changed, revisionId: 'rev-2' }, latest.revisionId));
    assert.equal((await api.publish({ FunctionName: 'fn' }, ctx)).Version, '2');
    assert.deepEqual(await store.functions.deleteVersion(key, '2'), { deleted: true, referencedBy: [] });
    // $LATEST equals what version 2 was published from, but version 2 is gone: a new number.
    assert.equal((await api.publish({ FunctionName: 'fn' }, ctx)).Version, '3');
    assert.equal((await api.publish({ FunctionName: 'fn' }, ctx)).Version, '3');
  });

  test('publishUpdate (UpdateFunctionCode with Publish) publishes a Pending version and schedules both', async () => {
    const { store, api, scheduled } = await setup();
    const current = await store.functions.getVersion<FunctionConfiguration>(key, '$LATEST');
    assert.ok(current);
    const next = { ...current.config, CodeSha256: 'bmV3', LastUpdateStatus: 'InProgress' as const, RevisionId: 'rev-3' };
    const v = await api.publishUpdate(current, next, 'cd'.repeat(32));
    assert.equal(v?.Version, '1');
    assert.equal(v?.State, 'Pending');
    assert.equal(v?.LastUpdateStatus, undefined);
    assert.equal(v?.FunctionArn, `${ARN}:1`);
    assert.deepEqual(scheduled, ['$LATEST', '1']);
    assert.equal((await store.functions.getVersion(key, '1'))?.codeSha256, 'cd'.repeat(32));
    // A stale $LATEST revision publishes nothing.
    assert.equal(await api.publishUpdate(current, { ...next, RevisionId: 'rev-4' }, 'cd'.repeat(32)), undefined);
  });

  test('the content digest ignores state, revision and key order', () => {
    const a = latestConfig({ Environment: { Variables: { A: '1', B: '2' } } });
    const b: FunctionConfiguration = { ...latestConfig({ State: 'Pending', RevisionId: 'other', LastModified: 'later' }) };
    b.Environment = { Variables: { B: '2', A: '1' } };
    assert.equal(contentDigest(a), contentDigest(b));
    assert.notEqual(contentDigest(a), contentDigest({ ...a, Description: 'changed' }));
  });
});

describe('aliases in the store', () => {
  test('an alias needs its versions; a referenced version cannot be deleted; names are unique', async () => {
    const { store, api } = await setup();
    await api.publish({ FunctionName: 'fn' }, ctx);
    const alias = { ...key, alias: 'live', functionVersion: '1', routingVersion: '2', config: {}, revisionId: 'a1' };
    assert.equal(await store.functions.createAlias(alias), 'missing-version');
    assert.equal(await store.functions.createAlias({ ...alias, routingVersion: undefined }), 'ok');
    assert.equal(await store.functions.createAlias({ ...alias, routingVersion: undefined }), 'exists');
    assert.deepEqual(await store.functions.deleteVersion(key, '1'), { deleted: false, referencedBy: ['live'] });
    assert.equal(await store.functions.updateAlias({ ...alias, functionVersion: '$LATEST', routingVersion: undefined, revisionId: 'a2' }, 'wrong'), 'moved');
    assert.equal(await store.functions.updateAlias({ ...alias, functionVersion: '$LATEST', routingVersion: undefined, revisionId: 'a2' }, 'a1'), 'ok');
    assert.deepEqual(await store.functions.deleteVersion(key, '1'), { deleted: true, referencedBy: [] });
    assert.ok(await store.functions.delete(key));
    assert.equal(await store.functions.getAlias(key, 'live'), undefined, 'deleting the function deletes its aliases');
  });

  test('weighted routing draws the additional version with probability = weight', () => {
    const alias = {
      ...key, alias: 'canary', functionVersion: '1', revisionId: 'r',
      config: { FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } } },
    };
    assert.equal(routedVersion(alias, () => 0.2499), '2');
    assert.equal(routedVersion(alias, () => 0.25), '1');
    assert.equal(routedVersion({ ...alias, config: { FunctionVersion: '1' } }, () => 0), '1');
  });
});

test('a database from before versions migrates and publishes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lambent-migrate-'));
  try {
    const file = join(dir, 'lambent.db');
    const old = new Database(file);
    for (const m of MIGRATIONS.slice(0, 2)) old.exec(m);
    old.pragma('user_version = 2');
    old.prepare('INSERT INTO functions (account_id, region, name, created_at, tags) VALUES (?, ?, ?, ?, ?)').run(key.accountId, key.region, 'fn', 'now', '{}');
    old
      .prepare('INSERT INTO function_versions (account_id, region, name, version, config, code_sha256, revision_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(key.accountId, key.region, 'fn', '$LATEST', JSON.stringify(latestConfig()), 'ab'.repeat(32), 'rev-1');
    old.close();

    const store = new SqliteStore(file);
    const api = new VersionsApi({ store, lifecycle: { schedule: () => undefined } } as unknown as LambdaDeps);
    assert.equal((await api.publish({ FunctionName: 'fn' }, ctx)).Version, '1');
    assert.equal((await store.functions.listAliases(key, { limit: 10 })).length, 0);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
