// The SDK installer against a stand-in npm (a script that lays out what `npm ci` would, or fails as npm does), so
// these run offline: the release is renamed into place with its manifest and link, types are dropped, a package at
// another version than the lock pins is refused, a failed install leaves the previous release in use, and the
// previous release survives an upgrade (running environments may still read it).
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedSdk, installSdk, isCurrent, pinnedSdk } from '../../src/runtimes/aws-sdk.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'lambent-sdk-install-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A spec dir with two pinned packages, and an npm that installs them at the versions in FAKE_VERSIONS (default: as
 * pinned), with a dist-types folder each; FAKE_FAIL=1 makes it fail like npm does offline.
 */
function fixture(versions: Record<string, string>, opts: { fail?: boolean } = {}): { specDir: string; npm: string } {
  const root = mkdtempSync(join(dir, 'fx-'));
  const specDir = join(root, 'spec');
  mkdirSync(specDir);
  const deps = { '@aws-sdk/client-lambda': '3.5.0', '@aws-sdk/client-sts': '3.5.0' };
  writeFileSync(join(specDir, 'package.json'), JSON.stringify({ name: 'x', private: true, dependencies: deps }));
  writeFileSync(join(specDir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, versions }));
  const npm = join(root, 'npm');
  const body = opts.fail
    ? 'echo "npm error code ENOTFOUND" >&2; exit 1'
    : `prefix="$3"
node -e '
const fs = require("fs"), path = require("path");
const versions = ${JSON.stringify(versions)};
for (const [name, version] of Object.entries(versions)) {
  const d = path.join(process.argv[1], "node_modules", name);
  fs.mkdirSync(path.join(d, "dist-cjs"), { recursive: true });
  fs.mkdirSync(path.join(d, "dist-types"), { recursive: true });
  fs.writeFileSync(path.join(d, "package.json"), JSON.stringify({ name, version, main: "dist-cjs/index.js" }));
  fs.writeFileSync(path.join(d, "dist-cjs/index.js"), "exports.ok = true;\\n");
  fs.writeFileSync(path.join(d, "dist-types/index.d.ts"), "export {};\\n");
}' "$prefix"`;
  writeFileSync(npm, `#!/bin/sh\n# args: ci --prefix DIR ...\n[ "$1" = ci ] || exit 2\n${body}\n`, { mode: 0o755 });
  return { specDir, npm };
}

const PINNED = { '@aws-sdk/client-lambda': '3.5.0', '@aws-sdk/client-sts': '3.5.0' };

describe('installSdk', () => {
  test('installs the pinned release: renamed into place, linked, manifest last, types dropped, world-readable', async () => {
    const rt = join(dir, 'rt-ok');
    const { specDir, npm } = fixture(PINNED);
    const lines: string[] = [];
    const r = await installSdk(rt, { specDir, npm, progress: (l) => lines.push(l) });
    assert.equal(r.changed, true);
    assert.equal(r.installed.version, '3.5.0');
    assert.match(readlinkSync(join(rt, 'aws-sdk-js-v3')), /^aws-sdk-js-v3-3\.5\.0-[0-9a-f]{8}$/);
    const pkg = join(r.installed.nodeModules, '@aws-sdk', 'client-lambda');
    assert.ok(existsSync(join(pkg, 'dist-cjs', 'index.js')));
    assert.ok(!existsSync(join(pkg, 'dist-types')), 'TypeScript declarations are not carried');
    assert.equal(statSync(join(pkg, 'package.json')).mode & 0o777, 0o644);
    assert.equal(statSync(r.installed.nodeModules).mode & 0o777, 0o755);
    assert.deepEqual(r.installed.manifest.packages, PINNED);
    assert.ok(r.installed.manifest.installedBytes > 0);
    assert.deepEqual(readdirSync(rt).filter((n) => n.startsWith('.tmp-')), [], 'no temp dir left');
    assert.ok(lines.some((l) => /installed AWS SDK for JavaScript 3\.5\.0/.test(l)), lines.join('\n'));
    assert.ok(isCurrent(installedSdk(rt), pinnedSdk(specDir)));

    const again = await installSdk(rt, { specDir, npm });
    assert.equal(again.changed, false, 'the same pinned set is not installed twice');
  });

  test('a package npm installed at another version than the lock pins is refused, and nothing is switched', async () => {
    const rt = join(dir, 'rt-mismatch');
    const { specDir, npm } = fixture({ ...PINNED, '@aws-sdk/client-sts': '3.4.9' });
    await assert.rejects(installSdk(rt, { specDir, npm }), /installed @aws-sdk\/client-sts@3\.4\.9, the lock pins 3\.5\.0/);
    assert.equal(installedSdk(rt), undefined);
    assert.deepEqual(readdirSync(rt).filter((n) => n !== '.' && n.startsWith('aws-sdk')), []);
  });

  test("npm's failure is the install's error, with npm's own words", async () => {
    const rt = join(dir, 'rt-offline');
    const { specDir, npm } = fixture(PINNED, { fail: true });
    await assert.rejects(installSdk(rt, { specDir, npm }), /ENOTFOUND/);
    assert.equal(installedSdk(rt), undefined);
  });

  test('an upgrade switches the link and keeps the previous release for environments still using it', async () => {
    const rt = join(dir, 'rt-upgrade');
    const first = fixture(PINNED);
    const old = await installSdk(rt, { specDir: first.specDir, npm: first.npm });
    const second = fixture(PINNED);
    // Another lock (same release): a new install.
    writeFileSync(join(second.specDir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, changed: true }));
    const next = await installSdk(rt, { specDir: second.specDir, npm: second.npm });
    assert.equal(next.changed, true);
    assert.notEqual(next.installed.home, old.installed.home);
    assert.equal(installedSdk(rt)?.home, next.installed.home);
    assert.ok(existsSync(old.installed.nodeModules), 'the previous release stays');
    const third = fixture(PINNED);
    writeFileSync(join(third.specDir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, third: true }));
    await installSdk(rt, { specDir: third.specDir, npm: third.npm });
    assert.ok(!existsSync(old.installed.home), 'older ones go');
    assert.equal(readdirSync(rt).filter((n) => /^aws-sdk-js-v3-/.test(n)).length, 2);
  });
});

describe('the pinned set shipped with Lambent', () => {
  test('pins exact versions of the clients of the services Lambent hosts, and a lock with a sha512 for every package', () => {
    const spec = pinnedSdk();
    for (const name of ['client-lambda', 'client-iam', 'client-sts', 'client-sqs', 'client-s3', 'client-dynamodb', 'lib-dynamodb', 'client-cloudwatch-logs']) {
      assert.match(spec.packages[`@aws-sdk/${name}`] ?? '', /^\d+\.\d+\.\d+$/, name);
    }
    const lock = JSON.parse(readFileSync(join(process.cwd(), 'runtimes/aws-sdk-js-v3/package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; integrity?: string }>;
    };
    const entries = Object.entries(lock.packages).filter(([k]) => k !== '');
    assert.ok(entries.length > Object.keys(spec.packages).length);
    for (const [k, v] of entries) assert.match(v.integrity ?? '', /^sha512-/, k);
    for (const [name, version] of Object.entries(spec.packages)) assert.equal(lock.packages[`node_modules/${name}`]?.version, version, name);
  });
});
