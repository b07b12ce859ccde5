import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LAMBDA_ZIP_LIMITS, ZipError, extractZip, inspectZip } from '../../src/util/zip.js';
import type { ZipLimits, ZipProblem } from '../../src/util/zip.js';

// ---------------------------------------------------------------------------------------------------------
// Zip builders: the `zip` CLI for real trees, python3's zipfile for hand-crafted (hostile) archives.

type Spec =
  | { name: string; data: string; mode?: number; stored?: boolean; noUnix?: boolean }
  | { name: string; zeros: number }
  | { name: string; symlink: string }
  | { name: string; dir: true; mode?: number; noUnix?: boolean };

const PY_SPEC = `
import json, sys, warnings, zipfile
warnings.simplefilter('ignore')  # duplicate names are written on purpose
spec = json.loads(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as zf:
    for e in spec:
        zi = zipfile.ZipInfo(e['name'])
        zi.create_system = 0 if e.get('noUnix') else 3
        zi.compress_type = zipfile.ZIP_STORED if e.get('stored') else zipfile.ZIP_DEFLATED
        if 'symlink' in e:
            zi.external_attr = 0o120777 << 16
            zf.writestr(zi, e['symlink'])
        elif e.get('dir'):
            zi.external_attr = 0 if e.get('noUnix') else ((0o040000 | e.get('mode', 0o755)) << 16) | 0x10
            zf.writestr(zi, b'')
        elif 'zeros' in e:
            zi.external_attr = 0o100644 << 16
            chunk = bytes(1 << 20)
            left = e['zeros']
            with zf.open(zi, 'w') as f:
                while left > 0:
                    n = min(left, len(chunk))
                    f.write(chunk[:n])
                    left -= n
        else:
            zi.external_attr = 0 if e.get('noUnix') else (0o100000 | e.get('mode', 0o644)) << 16
            zf.writestr(zi, e['data'].encode('utf-8'))
`;

// Zips a directory tree, storing symlinks as symlinks (fallback when the zip CLI is missing).
const PY_TREE = `
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as zf:
    for root, dirs, files in os.walk(src):
        for n in sorted(dirs) + sorted(files):
            full = os.path.join(root, n)
            rel = os.path.relpath(full, src)
            st = os.lstat(full)
            if os.path.islink(full):
                zi = zipfile.ZipInfo(rel)
                zi.create_system = 3
                zi.external_attr = st.st_mode << 16
                zf.writestr(zi, os.readlink(full))
            elif os.path.isdir(full):
                zi = zipfile.ZipInfo(rel + '/')
                zi.create_system = 3
                zi.external_attr = (st.st_mode << 16) | 0x10
                zf.writestr(zi, b'')
            else:
                zf.write(full, rel)
`;

const hasZipCli = spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0;

let work: string;
let counter = 0;

function fresh(label: string): string {
  counter += 1;
  return join(work, `${label}-${counter}`);
}

async function pyZip(spec: Spec[]): Promise<Buffer> {
  const out = `${fresh('py')}.zip`;
  execFileSync('python3', ['-c', PY_SPEC, JSON.stringify(spec), out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return readFile(out);
}

async function treeZip(src: string): Promise<Buffer> {
  const out = `${fresh('tree')}.zip`;
  if (hasZipCli) {
    // -r recurse, -y store symlinks as symlinks, -X no extra attributes, -q quiet
    execFileSync('zip', ['-r', '-y', '-X', '-q', out, '.'], { cwd: src, stdio: ['ignore', 'ignore', 'inherit'] });
  } else {
    execFileSync('python3', ['-c', PY_TREE, src, out], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return readFile(out);
}

async function expectZipError(
  promise: Promise<unknown>,
  problem: ZipProblem,
  entry?: string,
): Promise<ZipError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof ZipError, `expected a ZipError(${problem}), got ${String(caught)}`);
  assert.equal(caught.problem, problem, caught.message);
  if (entry !== undefined) assert.equal(caught.entry, entry, caught.message);
  assert.ok(caught.message.length > 0);
  return caught;
}

/** Both inspectZip and extractZip must reject, and a failed extract must leave nothing behind. */
async function expectRejected(data: Buffer, problem: ZipProblem, entry?: string, limits?: ZipLimits): Promise<ZipError> {
  const err = await expectZipError(inspectZip(data, limits), problem, entry);
  const parent = fresh('parent');
  await mkdir(parent);
  const dest = join(parent, 'task');
  await expectZipError(extractZip(data, dest, limits), problem, entry);
  assert.equal(existsSync(dest), false, 'destDir must not exist after a failed extract');
  assert.deepEqual(await readdir(parent), [], 'no temp directory may be left behind');
  return err;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'lambent-zip-test-'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------

describe('valid packages', () => {
  test('a normal package with a nested dir and an executable bootstrap', async () => {
    const src = fresh('src');
    await mkdir(join(src, 'lib', 'nested'), { recursive: true });
    await writeFile(join(src, 'bootstrap'), '#!/bin/sh\necho hello\n');
    await chmod(join(src, 'bootstrap'), 0o755);
    await writeFile(join(src, 'index.mjs'), 'export const handler = async () => "ok";\n');
    await chmod(join(src, 'index.mjs'), 0o644);
    await writeFile(join(src, 'lib', 'nested', 'util.js'), 'module.exports = 42;\n'.repeat(100));
    await chmod(join(src, 'lib', 'nested', 'util.js'), 0o600);
    const data = await treeZip(src);

    const summary = await inspectZip(data);
    assert.equal(summary.files, 3);
    assert.equal(summary.entries, 5); // 3 files + lib/ + lib/nested/
    const expectedBytes = 'export const handler = async () => "ok";\n'.length + '#!/bin/sh\necho hello\n'.length + 21 * 100;
    assert.equal(summary.unzippedBytes, expectedBytes);

    const dest = join(fresh('out'), 'task');
    const extracted = await extractZip(data, dest);
    assert.deepEqual(extracted, summary);
    assert.equal(await readFile(join(dest, 'bootstrap'), 'utf8'), '#!/bin/sh\necho hello\n');
    assert.equal((await stat(join(dest, 'bootstrap'))).mode & 0o777, 0o755);
    assert.equal((await stat(join(dest, 'index.mjs'))).mode & 0o777, 0o644);
    assert.equal((await stat(join(dest, 'lib', 'nested', 'util.js'))).mode & 0o777, 0o600);
    assert.equal(await readFile(join(dest, 'lib', 'nested', 'util.js'), 'utf8'), 'module.exports = 42;\n'.repeat(100));
    assert.ok((await stat(join(dest, 'lib'))).isDirectory());
    assert.equal((await stat(dest)).mode & 0o777, 0o755);
    // No temp sibling left next to destDir.
    assert.deepEqual(await readdir(join(dest, '..')), ['task']);
  });

  test('defaults to 0644 files and 0755 dirs without Unix attributes; implicit parent dirs are created', async () => {
    const data = await pyZip([
      { name: 'conf/', dir: true, noUnix: true },
      { name: 'conf/app.json', data: '{}', noUnix: true },
      { name: 'deep/er/file.txt', data: 'x', noUnix: true },
    ]);
    const dest = join(fresh('out'), 'task');
    const summary = await extractZip(data, dest);
    assert.deepEqual(summary, { entries: 3, files: 2, unzippedBytes: 3 });
    assert.equal((await stat(join(dest, 'conf', 'app.json'))).mode & 0o777, 0o644);
    assert.equal((await stat(join(dest, 'conf'))).mode & 0o777, 0o755);
    assert.equal((await stat(join(dest, 'deep', 'er'))).mode & 0o777, 0o755);
    assert.equal(await readFile(join(dest, 'deep', 'er', 'file.txt'), 'utf8'), 'x');
  });

  test('drops setuid bits and keeps restrictive directory modes (owner keeps rwx)', async () => {
    const data = await pyZip([
      { name: 'ro/', dir: true, mode: 0o555 },
      { name: 'ro/tool', data: 'bin', mode: 0o4755 },
    ]);
    const dest = join(fresh('out'), 'task');
    await extractZip(data, dest);
    assert.equal((await stat(join(dest, 'ro', 'tool'))).mode & 0o7777, 0o755);
    assert.equal((await stat(join(dest, 'ro'))).mode & 0o777, 0o755);
  });

  test('a symlink to a directory inside the root is recreated', async () => {
    const src = fresh('src');
    await mkdir(join(src, 'real', 'lib'), { recursive: true });
    await writeFile(join(src, 'real', 'lib', 'a.txt'), 'through the link');
    await symlink('real/lib', join(src, 'lib'));
    await symlink('../real/lib/a.txt', join(src, 'real', 'alias.txt'));
    const data = await treeZip(src);

    const summary = await inspectZip(data);
    assert.equal(summary.files, 3);
    const dest = join(fresh('out'), 'task');
    await extractZip(data, dest);
    assert.equal(await readlink(join(dest, 'lib')), 'real/lib');
    assert.equal(await readFile(join(dest, 'lib', 'a.txt'), 'utf8'), 'through the link');
    assert.equal(await readFile(join(dest, 'real', 'alias.txt'), 'utf8'), 'through the link');
  });

  test('symlink targets are stored normalized, so ".." cannot climb out through another link', async () => {
    // s -> "." is harmless; l -> "s/../x" resolves lexically to "x", but followed physically it would be
    // <root>/../x. Writing the normalized target keeps it at <root>/x.
    const data = await pyZip([
      { name: 's', symlink: '.' },
      { name: 'l', symlink: 's/../x' },
      { name: 'x', data: 'inside' },
    ]);
    const dest = join(fresh('out'), 'task');
    await extractZip(data, dest);
    assert.equal(await readlink(join(dest, 'l')), 'x');
    assert.equal(await readFile(join(dest, 'l'), 'utf8'), 'inside');
  });

  test('extracts into an existing empty directory but refuses a non-empty one', async () => {
    const data = await pyZip([{ name: 'a.txt', data: 'a' }]);
    const empty = fresh('empty');
    await mkdir(empty);
    await extractZip(data, empty);
    assert.equal(await readFile(join(empty, 'a.txt'), 'utf8'), 'a');

    const full = fresh('full');
    await mkdir(full);
    await writeFile(join(full, 'keep.txt'), 'keep');
    await assert.rejects(extractZip(data, full), /not empty/);
    assert.deepEqual(await readdir(full), ['keep.txt']);
  });

  test('LAMBDA_ZIP_LIMITS matches Lambda', () => {
    assert.equal(LAMBDA_ZIP_LIMITS.maxUnzippedBytes, 262_144_000);
    assert.ok(LAMBDA_ZIP_LIMITS.maxEntries >= 10_000);
  });
});

describe('rejected packages', () => {
  test('bytes that are not a zip, an empty buffer and a truncated zip', async () => {
    await expectRejected(Buffer.from('this is definitely not a zip file, just some text'), 'not-a-zip');
    await expectRejected(Buffer.alloc(0), 'not-a-zip');
    const good = await pyZip([{ name: 'a.txt', data: 'hello '.repeat(50) }]);
    await expectRejected(good.subarray(0, good.length - 10), 'not-a-zip');
    await expectRejected(good.subarray(0, 40), 'not-a-zip');
  });

  test('a zip with no entries', async () => {
    const err = await expectRejected(await pyZip([]), 'empty');
    assert.match(err.message, /no entries/);
  });

  test('entries with ".." segments', async () => {
    const err = await expectRejected(
      await pyZip([{ name: 'ok.txt', data: 'fine' }, { name: '../evil.txt', data: 'evil' }]),
      'path-traversal',
      '../evil.txt',
    );
    assert.equal(err.message, 'zip entry "../evil.txt" escapes the package root');
    await expectRejected(await pyZip([{ name: 'a/../../evil.txt', data: 'evil' }]), 'path-traversal', 'a/../../evil.txt');
    // Backslashes are path separators in zips made on Windows.
    await expectRejected(await pyZip([{ name: '..\\evil.txt', data: 'evil' }]), 'path-traversal');
    await expectRejected(await pyZip([{ name: 'a\\..\\..\\evil.txt', data: 'evil' }]), 'path-traversal');
    // Even ".." that stays inside is refused (yauzl does too): no legitimate packager writes it.
    await expectRejected(await pyZip([{ name: 'a/../b.txt', data: 'x' }]), 'path-traversal', 'a/../b.txt');
  });

  test('absolute entry names', async () => {
    const err = await expectRejected(await pyZip([{ name: '/etc/evil', data: 'evil' }]), 'absolute-path', '/etc/evil');
    assert.match(err.message, /"\/etc\/evil" is an absolute path/);
    await expectRejected(await pyZip([{ name: 'C:/Windows/evil', data: 'evil' }]), 'absolute-path');
    await expectRejected(await pyZip([{ name: 'C:\\Windows\\evil', data: 'evil' }]), 'absolute-path');
  });

  test('a symlink to /etc/passwd or out of the root', async () => {
    const err = await expectRejected(
      await pyZip([{ name: 'passwd', symlink: '/etc/passwd' }]),
      'symlink-escape',
      'passwd',
    );
    assert.match(err.message, /\/etc\/passwd/);
    await expectRejected(await pyZip([{ name: 'a/up', symlink: '../../etc/passwd' }]), 'symlink-escape', 'a/up');
    await expectRejected(await pyZip([{ name: 'root', symlink: '..' }]), 'symlink-escape', 'root');
  });

  test('an entry written through a symlinked directory', async () => {
    // Escaping link first, then a file through it: the link itself is refused.
    await expectRejected(
      await pyZip([
        { name: 'evil', symlink: '/tmp' },
        { name: 'evil/owned.txt', data: 'x' },
      ]),
      'symlink-escape',
      'evil',
    );
    // A link that stays inside is fine, but nothing may be written through it.
    const err = await expectRejected(
      await pyZip([
        { name: 'sub/', dir: true },
        { name: 'link', symlink: 'sub' },
        { name: 'link/file.txt', data: 'x' },
      ]),
      'symlink-escape',
      'link/file.txt',
    );
    assert.match(err.message, /symlink/);
    // Each link is inside on its own, but p/q/a really is z (depth 1), so p/q/a/l -> ../../../x would
    // resolve two levels above the root once followed.
    await expectRejected(
      await pyZip([
        { name: 'z/', dir: true },
        { name: 'p/q/a', symlink: '../../z' },
        { name: 'p/q/a/l', symlink: '../../../x' },
      ]),
      'symlink-escape',
      'p/q/a/l',
    );
    // A symlink placed where earlier entries made a directory is a conflict, whatever its target.
    await expectRejected(
      await pyZip([
        { name: 'd/f.txt', data: 'x' },
        { name: 'other/', dir: true },
        { name: 'd', symlink: 'other' },
      ]),
      'corrupt-entry',
      'd',
    );
  });

  test('duplicate and conflicting entries', async () => {
    await expectRejected(
      await pyZip([
        { name: 'a.txt', data: '1' },
        { name: 'a.txt', data: '2' },
      ]),
      'corrupt-entry',
      'a.txt',
    );
    await expectRejected(
      await pyZip([
        { name: 'a', symlink: 'b' },
        { name: 'a', data: 'write through the link' },
      ]),
      'corrupt-entry',
      'a',
    );
    await expectRejected(
      await pyZip([
        { name: 'f', data: 'file' },
        { name: 'f/g', data: 'file under a file' },
      ]),
      'corrupt-entry',
      'f/g',
    );
  });

  test('a zip bomb over the limit fails fast with bounded memory', async () => {
    const bomb = await pyZip([{ name: 'bomb.bin', zeros: 300_000_000 }]);
    assert.ok(bomb.length < 2_000_000, `bomb is ${bomb.length} bytes`);

    let peak = process.memoryUsage().rss;
    const baseline = peak;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const started = performance.now();
      const err = await expectZipError(inspectZip(bomb), 'too-large-unzipped', 'bomb.bin');
      assert.match(err.message, /larger than 262144000 bytes/);
      const parent = fresh('parent');
      await mkdir(parent);
      await expectZipError(extractZip(bomb, join(parent, 'task')), 'too-large-unzipped', 'bomb.bin');
      const elapsed = performance.now() - started;
      peak = Math.max(peak, process.memoryUsage().rss);
      assert.ok(elapsed < 3000, `took ${Math.round(elapsed)} ms`);
      assert.ok(peak - baseline < 100 * 1024 * 1024, `RSS grew by ${Math.round((peak - baseline) / 1048576)} MiB`);
      assert.deepEqual(await readdir(parent), []);
    } finally {
      clearInterval(sampler);
    }
  });

  test('the size limit counts real bytes across entries and stops mid-archive', async () => {
    const data = await pyZip([
      { name: 'a.bin', zeros: 600_000 },
      { name: 'b.bin', zeros: 600_000 },
      { name: 'c.bin', zeros: 600_000 },
    ]);
    const limits: ZipLimits = { maxUnzippedBytes: 1_000_000, maxEntries: 10 };
    await expectRejected(data, 'too-large-unzipped', 'b.bin', limits);
    const ok = await inspectZip(data, { maxUnzippedBytes: 1_800_000, maxEntries: 10 });
    assert.equal(ok.unzippedBytes, 1_800_000);
  });

  test('an entry whose header lies about its size', async () => {
    // 8 MB of zeros whose headers claim 1000 bytes: inflation must stop right after 1000 bytes.
    const data = await pyZip([{ name: 'liar.bin', zeros: 8_000_000 }]);
    const patched = Buffer.from(data);
    const local = patched.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const central = patched.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    assert.ok(local >= 0 && central > local);
    patched.writeUInt32LE(1000, local + 22);
    patched.writeUInt32LE(1000, central + 24);
    const started = performance.now();
    const err = await expectRejected(patched, 'corrupt-entry', 'liar.bin');
    assert.ok(performance.now() - started < 3000);
    assert.match(err.message, /liar\.bin/);
  });

  test('a stored entry whose data does not match its CRC', async () => {
    const data = await pyZip([{ name: 'plain.txt', data: 'hello, world', stored: true }]);
    const patched = Buffer.from(data);
    const at = patched.indexOf(Buffer.from('hello, world'));
    assert.ok(at > 0);
    patched[at] = 'j'.charCodeAt(0);
    await expectRejected(patched, 'corrupt-entry', 'plain.txt');
  });

  test('the per-entry compression ratio guard', async () => {
    const data = await pyZip([{ name: 'zeros.bin', zeros: 4 * 1024 * 1024 }]);
    const limits: ZipLimits = { maxUnzippedBytes: 100 * 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };
    await expectRejected(data, 'compression-ratio', 'zeros.bin', limits);
    // Small entries are exempt (under 1 MiB uncompressed), and no ratio limit means no check.
    const small = await pyZip([{ name: 'small.bin', zeros: 512 * 1024 }]);
    assert.equal((await inspectZip(small, limits)).unzippedBytes, 512 * 1024);
    const { maxCompressionRatio: _ignored, ...noRatio } = limits;
    assert.equal((await inspectZip(data, noRatio)).unzippedBytes, 4 * 1024 * 1024);
  });

  test('too many entries', async () => {
    const spec: Spec[] = [];
    for (let i = 0; i < 5; i++) spec.push({ name: `f${i}.txt`, data: String(i) });
    const data = await pyZip(spec);
    const err = await expectRejected(data, 'too-many-entries', undefined, { maxUnzippedBytes: 1_000_000, maxEntries: 4 });
    assert.match(err.message, /5 entries/);
    const ok = await inspectZip(data, { maxUnzippedBytes: 1_000_000, maxEntries: 5 });
    assert.deepEqual(ok, { entries: 5, files: 5, unzippedBytes: 5 });
  });

  test('a failed extract leaves destDir absent even after writing earlier entries', async () => {
    const data = await pyZip([
      { name: 'first.txt', data: 'written before the bad entry' },
      { name: 'dir/second.txt', data: 'also written' },
      { name: 'dir/escape', symlink: '../../outside' },
    ]);
    const parent = fresh('parent');
    await mkdir(parent);
    const dest = join(parent, 'task');
    await expectZipError(extractZip(data, dest), 'symlink-escape', 'dir/escape');
    assert.equal(existsSync(dest), false);
    assert.deepEqual(await readdir(parent), []);
  });
});
