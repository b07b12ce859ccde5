// The sandbox's /etc copy is built once per content and reused by later starts (copying /etc/ssl costs hundreds of ms).
import { after, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareEtc } from '../../src/sandbox/etc.js';

const root = mkdtempSync(join(tmpdir(), 'lambent-etc-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

const files = { passwd: 'root:x:0:0:root:/root:/sbin/nologin\n', group: 'root:x:0:\n', hosts: '127.0.0.1\tlocalhost\n' };

test('the same host content reuses one private copy; other generated files get their own', () => {
  const cache = join(root, 'cache');
  const a = prepareEtc(join(root, 'state-a'), ['/usr'], files, cache);
  const b = prepareEtc(join(root, 'state-b'), ['/usr'], files, cache);
  assert.equal(a.dir, b.dir, 'second start reuses the first copy');
  assert.ok(a.dir.startsWith(cache));
  assert.equal(readFileSync(join(a.dir, 'passwd'), 'utf8'), files.passwd);
  assert.equal(statSync(cache).mode & 0o077, 0, 'the cache is private to this user');
  const c = prepareEtc(join(root, 'state-c'), ['/usr'], { ...files, hosts: '127.0.0.1\tother\n' }, cache);
  assert.notEqual(c.dir, a.dir);
  assert.equal(readFileSync(join(c.dir, 'hosts'), 'utf8'), '127.0.0.1\tother\n');
  a.dispose();
  assert.ok(existsSync(b.dir), 'a shared copy outlives one user');
});

test('without a cache root the copy is private to the process and removed by dispose', () => {
  const e = prepareEtc(join(root, 'state-d'), ['/usr'], files, null);
  assert.ok(e.dir.startsWith(join(root, 'state-d')));
  e.dispose();
  assert.equal(existsSync(e.dir), false);
});
