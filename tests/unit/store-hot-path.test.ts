// The store's hot-path shortcuts keep their answers exact: version and alias
// reads served from the row cache see every write (including a failed
// compare-and-set and a deletion), each read returns an object of its own, and
// function logs written as one JSON batch come back byte for byte, in order.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { FunctionKey, VersionRow } from '../../src/store/types.js';

interface Config {
  Description: string;
  State: string;
}

const key: FunctionKey = { accountId: '123456789012', region: 'us-east-1', name: 'fn' };

function row(revisionId: string, description: string): VersionRow<Config> {
  return { ...key, version: '$LATEST', config: { Description: description, State: 'Active' }, codeSha256: 'ab'.repeat(32), revisionId };
}

async function setup(): Promise<SqliteStore> {
  const store = new SqliteStore(':memory:');
  await store.functions.create({ ...key, createdAt: 'now', tags: {} }, row('rev-1', 'first'));
  return store;
}

describe('version and alias reads through the row cache', () => {
  test('a read after an update sees the update; a failed compare-and-set changes nothing', async () => {
    const store = await setup();
    const fns = store.functions;
    assert.equal((await fns.getVersion<Config>(key, '$LATEST'))?.config.Description, 'first');
    assert.equal(await fns.replaceVersion(row('rev-2', 'second'), 'rev-1'), true);
    const after = await fns.getVersion<Config>(key, '$LATEST');
    assert.equal(after?.config.Description, 'second');
    assert.equal(after?.revisionId, 'rev-2');
    assert.equal(await fns.replaceVersion(row('rev-3', 'stale'), 'rev-1'), false);
    assert.equal((await fns.getVersion<Config>(key, '$LATEST'))?.config.Description, 'second');
    await store.close();
  });

  test('every read returns its own object: changing one does not change the next', async () => {
    const store = await setup();
    const a = await store.functions.getVersion<Config>(key, '$LATEST');
    assert.ok(a);
    a.config.Description = 'changed by a caller';
    a.revisionId = 'bogus';
    const b = await store.functions.getVersion<Config>(key, '$LATEST');
    assert.equal(b?.config.Description, 'first');
    assert.equal(b?.revisionId, 'rev-1');
    await store.close();
  });

  test('a missing version read before it exists is found once published; deleted ones are gone', async () => {
    const store = await setup();
    const fns = store.functions;
    assert.equal(await fns.getVersion(key, '1'), undefined);
    const latest = (await fns.getVersion<Config>(key, '$LATEST')) as VersionRow<Config>;
    const published = await fns.publishVersion({ ...latest, revisionId: 'rev-2' }, 'rev-1', (v) => ({ ...latest, version: v, revisionId: 'v1' }));
    assert.equal(published?.version, '1');
    assert.equal((await fns.getVersion<Config>(key, '1'))?.revisionId, 'v1');
    assert.equal((await fns.deleteVersion(key, '1')).deleted, true);
    assert.equal(await fns.getVersion(key, '1'), undefined);
    assert.equal(await fns.delete(key), true);
    assert.equal(await fns.getVersion(key, '$LATEST'), undefined);
    await store.close();
  });

  test('alias reads follow alias writes', async () => {
    const store = await setup();
    const fns = store.functions;
    const alias = { ...key, alias: 'live', functionVersion: '$LATEST', config: { Name: 'live' }, revisionId: 'a1' };
    assert.equal(await fns.getAlias(key, 'live'), undefined);
    assert.equal(await fns.createAlias(alias), 'ok');
    assert.equal((await fns.getAlias(key, 'live'))?.revisionId, 'a1');
    assert.equal(await fns.updateAlias({ ...alias, revisionId: 'a2', config: { Name: 'live', Description: 'x' } }, 'a1'), 'ok');
    assert.deepEqual((await fns.getAlias(key, 'live'))?.config, { Name: 'live', Description: 'x' });
    assert.equal(await fns.deleteAlias(key, 'live'), true);
    assert.equal(await fns.getAlias(key, 'live'), undefined);
    await store.close();
  });
});

describe('function log batches', () => {
  test('events come back in order and byte for byte, whatever they contain', async () => {
    const store = await setup();
    const messages = ['START RequestId: r1 Version: $LATEST', 'tab\there "quoted" \\ back\u0000nul', 'ünïcødé 😀', '', 'x'.repeat(100_000), 'END RequestId: r1'];
    const t = 1_700_000_000_000;
    await store.logs.append('/aws/lambda/fn', 's1', messages.map((message, i) => ({ timestamp: t + (i % 2), message })));
    await store.logs.append('/aws/lambda/fn', 's1', [{ timestamp: t + 5, message: 'later batch' }]);
    const back = await store.logs.read('/aws/lambda/fn', 's1');
    // Read order is by timestamp, then write order.
    const expected = [...messages.map((m, i) => ({ m, ts: t + (i % 2), i }))]
      .sort((a, b) => a.ts - b.ts || a.i - b.i)
      .map((e) => e.m)
      .concat('later batch');
    assert.deepEqual(back.map((e) => e.message), expected);
    assert.deepEqual(back.map((e) => typeof e.timestamp), expected.map(() => 'number'));
    assert.deepEqual(await store.logs.listStreams('/aws/lambda/fn'), ['s1']);
    await store.close();
  });
});
