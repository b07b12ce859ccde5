// The code store's sweep against concurrent deploys, driven deterministically: the sweep's reference read and its
// per-file removal step are the two places a deploy can slip in, so each test runs the deploy exactly there
// (inside `references()` or the `beforeRemove` hook) instead of relying on timing.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { CodeCache } from '../../src/invocation/code-cache.js';
import { CodeStore, digestCode, type CodeStoreHooks } from '../../src/store/code-store.js';
import { makeZip } from '../helpers/lambent.js';

// Built once each: a zip records file times, so building it again a second later changes its digest.
const packages = new Map<number, Buffer>();
function pkg(n: number): Buffer {
  let zip = packages.get(n);
  if (!zip) packages.set(n, (zip = makeZip({ 'index.js': `exports.handler = async () => ${n};\n` })));
  return zip;
}

function withStore(hooks: CodeStoreHooks = {}): { code: CodeStore; root: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'lambent-code-store-'));
  return { code: new CodeStore(join(root, 'code'), hooks), root, done: () => rmSync(root, { recursive: true, force: true }) };
}

/** A deploy as functions.ts does it: write (pinned), commit the version, unpin. */
async function deploy(code: CodeStore, data: Buffer, committed: Set<string>): Promise<string> {
  const stored = await code.put(data);
  committed.add(stored.sha256Hex);
  code.unpin(stored.sha256Hex);
  return stored.sha256Hex;
}

describe('CodeStore.sweep', () => {
  test('removes unreferenced packages and keeps referenced and pinned ones', async () => {
    const { code, done } = withStore();
    try {
      const db = new Set<string>();
      const kept = await deploy(code, pkg(1), db);
      const abandoned = (await code.put(pkg(2))).sha256Hex;
      code.unpin(abandoned); // never committed
      const inFlight = (await code.put(pkg(3))).sha256Hex; // still pinned
      const removed = await code.sweep(async () => new Set(db));
      assert.equal(removed, 1);
      assert.ok(existsSync(code.pathOf(kept)));
      assert.ok(!existsSync(code.pathOf(abandoned)));
      assert.ok(existsSync(code.pathOf(inFlight)));
    } finally {
      done();
    }
  });

  test('a package written and committed after the references were read is kept', async () => {
    const { code, done } = withStore();
    try {
      const db = new Set<string>();
      let late = '';
      await code.sweep(async () => {
        const snapshot = new Set(db); // what the store answered
        late = await deploy(code, pkg(1), db); // committed right after, before the walk
        return snapshot;
      });
      assert.ok(db.has(late));
      assert.ok(existsSync(code.pathOf(late)), 'the committed package is still on disk');
      assert.deepEqual(await code.read(late), pkg(1));
    } finally {
      done();
    }
  });

  test('a package pinned before the sweep and committed after its reference read is kept', async () => {
    const { code, done } = withStore();
    try {
      const db = new Set<string>();
      const stored = await code.put(pkg(1)); // write in flight when the sweep begins
      await code.sweep(async () => {
        const snapshot = new Set(db);
        db.add(stored.sha256Hex);
        code.unpin(stored.sha256Hex);
        return snapshot;
      });
      assert.ok(existsSync(code.pathOf(stored.sha256Hex)));
    } finally {
      done();
    }
  });

  test('an unreferenced package re-deployed between the walk and its removal is kept', async () => {
    const db = new Set<string>();
    const hooked: string[] = [];
    let code!: CodeStore;
    const { code: c, done } = withStore({
      async beforeRemove(sha) {
        hooked.push(sha);
        // The same content is deployed again (its file already exists, so put only pins) and committed.
        await deploy(code, pkg(1), db);
      },
    });
    code = c;
    try {
      const old = (await code.put(pkg(1))).sha256Hex;
      code.unpin(old); // its function was deleted: unreferenced
      const removed = await code.sweep(async () => new Set(db));
      assert.deepEqual(hooked, [old], 'the sweep did consider removing it');
      assert.equal(removed, 0);
      assert.ok(existsSync(code.pathOf(old)));
    } finally {
      done();
    }
  });

  test('a deploy right after a removal writes the package again; shard directories stay', async () => {
    const { code, done } = withStore();
    try {
      const sha = (await code.put(pkg(1))).sha256Hex;
      code.unpin(sha);
      assert.equal(await code.sweep(async () => new Set()), 1);
      assert.ok(existsSync(dirname(code.pathOf(sha))), 'the emptied shard directory is not removed');
      const again = await code.put(pkg(1));
      assert.equal(again.sha256Hex, sha);
      assert.deepEqual(await code.read(sha), pkg(1));
    } finally {
      done();
    }
  });

  test('a sweep that began after the commit may remove what was released before it', async () => {
    const { code, done } = withStore();
    try {
      const db = new Set<string>();
      // Released during an earlier sweep, deleted (unreferenced) before the next one: that one removes it.
      let sha = '';
      await code.sweep(async () => {
        sha = await deploy(code, pkg(1), db);
        return new Set();
      });
      db.delete(sha);
      assert.equal(await code.sweep(async () => new Set(db)), 1);
      assert.ok(!existsSync(code.pathOf(sha)));
    } finally {
      done();
    }
  });

  test('temp files are removed only when asked (start-up)', async () => {
    const { code, done } = withStore();
    try {
      const sha = digestCode(pkg(1)).sha256Hex;
      const tmp = `${code.pathOf(sha)}.abc.tmp`;
      const shard = dirname(tmp);
      // A leftover of a crashed write.
      mkdirSync(shard, { recursive: true });
      writeFileSync(tmp, 'partial');
      await code.sweep(async () => new Set());
      assert.ok(existsSync(tmp));
      await code.sweep(async () => new Set(), { includeTemp: true });
      assert.deepEqual(readdirSync(shard), []);
    } finally {
      done();
    }
  });

  test('a failed write does not leave the package pinned', async () => {
    const { code, root, done } = withStore();
    try {
      const data = pkg(1);
      const sha = digestCode(data).sha256Hex;
      // The shard path is a file: the write fails.
      writeFileSync(join(root, 'code', sha.slice(0, 2)), 'not a dir');
      await assert.rejects(code.put(data));
      rmSync(join(root, 'code', sha.slice(0, 2)));
      await code.put(data);
      code.unpin(sha);
      assert.equal(await code.sweep(async () => new Set()), 1, 'one unpin released it: the failed put held no pin');
    } finally {
      done();
    }
  });
});

describe('CodeCache.sweep', () => {
  test('a tree unpacked after the references were read is kept; an unreferenced one is removed', async () => {
    const { code, root, done } = withStore();
    try {
      const cache = new CodeCache(join(root, 'unpacked'), code);
      const a = await code.put(pkg(1));
      const b = await code.put(pkg(2));
      await cache.ensure(a.sha256Hex);
      await cache.sweep(async () => {
        const snapshot = new Set<string>(); // neither referenced yet
        await cache.ensure(b.sha256Hex); // b's version committed and prepared meanwhile
        return snapshot;
      });
      assert.ok(!existsSync(cache.dirOf(a.sha256Hex)));
      assert.ok(existsSync(join(cache.dirOf(b.sha256Hex), 'index.js')));
      assert.deepEqual(readdirSync(join(root, 'unpacked')), [b.sha256Hex], 'nothing left aside');
    } finally {
      done();
    }
  });
});
