// Error text for callers: host paths replaced, everything else (codes, URLs, ARNs, log stream names) kept.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { HOST_PATH, scrubHostPaths } from '../../src/util/host-paths.js';

test('absolute paths in Node error messages are replaced', () => {
  assert.equal(
    scrubHostPaths("ENOENT: no such file or directory, open '/tmp/lambent-test-x/code/ce/ce65.zip'"),
    `ENOENT: no such file or directory, open '${HOST_PATH}'`,
  );
  assert.equal(
    scrubHostPaths("ENOENT: no such file or directory, rename '/root/.lambent/a.tmp' -> '/root/.lambent/a'"),
    `ENOENT: no such file or directory, rename '${HOST_PATH}' -> '${HOST_PATH}'`,
  );
  assert.equal(scrubHostPaths('cannot run /usr/bin/bwrap: spawn failed'), `cannot run ${HOST_PATH}: spawn failed`);
  assert.equal(scrubHostPaths('at load (/srv/lambent/dist/x.js:10:3)'), `at load (${HOST_PATH})`);
  assert.equal(scrubHostPaths('see file:///var/lib/lambent/x'), `see ${HOST_PATH}`);
  assert.equal(scrubHostPaths('dir=/var/lib/x, mode=700'), `dir=${HOST_PATH}, mode=700`);
});

test('given roots are replaced wherever they appear, relative ones included', () => {
  assert.equal(scrubHostPaths('installing into data/runtimes/node-22 failed', ['data']), `installing into ${HOST_PATH} failed`);
  assert.equal(scrubHostPaths('x /opt/l/code/aa/b.zip y', ['/opt/l']), `x ${HOST_PATH} y`);
});

test('text without host paths is unchanged', () => {
  for (const s of [
    'RequestId: 1f2e Error: Runtime exited with error: signal: killed',
    'connect ECONNREFUSED http://127.0.0.1:9001/2018-06-01/runtime/invocation/next',
    'arn:aws:iam::000000000000:role/lambda-role',
    '2026/12/05/[$LATEST]0123456789abcdef',
    'a / b',
  ]) {
    assert.equal(scrubHostPaths(s), s);
  }
});
