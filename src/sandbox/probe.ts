// What isolation this host really provides: runs a tiny bwrap sandbox and creates/removes a test cgroup.
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { scanHost } from './bubblewrap.js';
import type { CgroupController, CgroupDetection, CgroupDriver, EnvCgroup } from './cgroups.js';
import { controllerEffect, detectCgroups, limitsFor } from './cgroups.js';
import { LateMounts, userNamespaceFix } from './mounts.js';
import { JOIN_SCRIPT } from './process.js';
import type { IsolationReport, MissingCapability } from './types.js';
import { errMessage } from './util.js';

export interface ProbeResult {
  report: IsolationReport;
  /** Absolute path of a working bwrap. */
  bwrap?: string;
  /** setpriv inside /usr or /bin, usable to drop root inside the sandbox. */
  setpriv?: string;
  cgroups: CgroupDetection;
}

export function findExecutable(name: string, extra: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extra];
  for (const d of dirs) {
    const p = join(d, name);
    try {
      accessSync(p, fsConstants.X_OK);
      return p;
    } catch {
      // next
    }
  }
  return undefined;
}

interface RunResult { code: number | null; signal: NodeJS.Signals | null; stderr: string; error?: string }

function run(file: string, args: string[], timeoutMs = 10_000): Promise<RunResult> {
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(file, args, { env: {}, stdio: ['ignore', 'ignore', 'pipe'], cwd: '/' });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stderr, error: errMessage(err) });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** Probes the host. Leaves nothing behind except the (empty) lambent cgroup parents. */
export async function probeHost(): Promise<ProbeResult> {
  const warnings: string[] = [];
  const missing: MissingCapability[] = [];
  const isRoot = process.getuid?.() === 0;

  const trueBin = findExecutable('true', ['/usr/bin', '/bin']) ?? '/usr/bin/true';

  // cgroups: detect, then really create a cgroup with limits, move a process into it and remove it.
  const cgroups = await detectCgroups();
  warnings.push(...cgroups.warnings);
  missing.push(...cgroups.missing);
  let driver: CgroupDriver | null = cgroups.driver;
  if (driver) {
    let probeCg: EnvCgroup | undefined;
    try {
      probeCg = await driver.create(`probe-${process.pid}-${Date.now().toString(36)}`, limitsFor(128, 64));
      const r = await run('/bin/sh', ['-c', JOIN_SCRIPT, 'lambent-probe', ...probeCg.joinFiles, '--', trueBin]);
      if (r.code !== 0) throw new Error(firstLine(r));
    } catch (err) {
      const reason = `cannot use a cgroup under ${cgroups.source ?? 'the lambent parent'} (${errMessage(err)}${isRoot ? '' : '; Lambent is not running as root'})`;
      warnings.push(`${reason}: no memory, CPU or process limits`);
      for (const [c, on] of Object.entries(driver.controllers) as [CgroupController, boolean][]) if (on) missing.push({ ...controllerEffect(c), reason });
      driver = null;
    }
    await probeCg?.remove().catch((err: unknown) => warnings.push(`cannot remove the probe cgroup: ${errMessage(err)}`));
  }

  // bubblewrap: really run `true` in the namespaces and mounts a function gets.
  let bwrap = findExecutable('bwrap', ['/usr/bin', '/usr/local/bin']);
  let setpriv: string | undefined;
  let namespaces = false;
  const unsandboxedEffect = 'functions run as host processes with your user: they can read your files and see and signal your other processes';
  let netns = false;
  if (!bwrap) {
    warnings.push('bubblewrap not found: apt-get install -y bubblewrap (Debian/Ubuntu) or dnf install bubblewrap (Fedora/RHEL)');
    missing.push({ capability: 'sandbox', effect: unsandboxedEffect, reason: 'bubblewrap is not installed', fix: 'sudo apt-get install -y bubblewrap  (Fedora/RHEL: sudo dnf install bubblewrap)' });
  } else {
    const layout = scanHost();
    const base = ['--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--die-with-parent', '--new-session'];
    for (const e of layout.system) base.push(...(e.kind === 'bind' ? ['--ro-bind', e.path, e.path] : ['--symlink', e.target, e.path]));
    base.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--remount-ro', '/');
    const plain = await run(bwrap, [...base, ...(isRoot ? ['--cap-drop', 'ALL'] : []), '--', trueBin]);
    if (plain.code === 0) {
      namespaces = true;
      // A network namespace per sandbox: without it functions share the host's network (netns.ts).
      const net = await run(bwrap, [...base, '--unshare-net', ...(isRoot ? ['--cap-drop', 'ALL'] : []), '--', trueBin]);
      if (net.code === 0) netns = true;
      else warnings.push(`bubblewrap cannot give sandboxes their own network namespace (${firstLine(net)}): functions share the host's network and can reach each other's Runtime API and the host's loopback services`);
      if (isRoot) {
        const candidate = ['/usr/bin/setpriv', '/bin/setpriv', '/usr/sbin/setpriv'].find((p) => canExec(p));
        const userEffect = 'functions run as root without capabilities instead of an unprivileged user';
        if (candidate) {
          const dropArgs = ['--cap-drop', 'ALL', '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', '--cap-add', 'CAP_SETPCAP'];
          const priv = ['--reuid=993', '--regid=990', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--'];
          const r = await run(bwrap, [...base, ...dropArgs, '--', candidate, ...priv, trueBin]);
          if (r.code === 0) setpriv = candidate;
          else {
            warnings.push(`setpriv cannot drop privileges inside bubblewrap (${firstLine(r)}): ${userEffect}`);
            missing.push({ capability: 'unprivileged function user', effect: userEffect, reason: `setpriv cannot drop privileges inside bubblewrap (${firstLine(r)})` });
          }
        } else {
          warnings.push(`setpriv (util-linux) not found: ${userEffect}; apt-get install -y util-linux`);
          missing.push({ capability: 'unprivileged function user', effect: userEffect, reason: 'setpriv (util-linux) is not installed', fix: 'apt-get install -y util-linux' });
        }
      }
    } else {
      const fix = isRoot ? undefined : userNamespaceFix();
      const why = isRoot
        ? 'the kernel or container forbids namespaces or mounts (in Docker use --privileged or --security-opt seccomp=unconfined --cap-add SYS_ADMIN)'
        : `unprivileged user namespaces are disabled${fix ? `: ${fix}` : ''}, or run Lambent as root`;
      warnings.push(`bubblewrap cannot create a sandbox here (${firstLine(plain)}): ${why}`);
      missing.push({ capability: 'sandbox', effect: unsandboxedEffect, reason: `bubblewrap cannot create a sandbox here (${firstLine(plain)}; ${why})`, ...(fix ? { fix } : {}) });
      bwrap = undefined;
    }
  }

  // The stem-cell pool needs late code attachment in a sandbox (unsandboxed, the runtime is just pointed at the code).
  let pool = true;
  if (bwrap) {
    const late = await probeLateMounts(trueBin);
    if (!late.ok) {
      pool = false;
      const effect = 'no pre-warmed pool: every cold start launches a fresh sandbox and runtime (several times slower)';
      warnings.push(`${late.reason}: ${effect}${late.fix ? `; fix: ${late.fix}` : ''}`);
      missing.push({ capability: 'pre-warmed pool', effect, reason: late.reason, ...(late.fix ? { fix: late.fix } : {}) });
    }
  }

  const controllers = driver ? { ...driver.controllers } : { memory: false, cpu: false, pids: false, freezer: false };
  const report: IsolationReport = {
    sandbox: bwrap ? 'bubblewrap' : 'none',
    namespaces,
    network: netns ? 'namespace' : 'host',
    outbound: 'none',
    cgroups: driver ? driver.version : 'none',
    controllers,
    ...(driver && cgroups.source ? { cgroupSource: cgroups.source } : {}),
    pool,
    missing,
    warnings,
  };
  return { report, ...(bwrap ? { bwrap } : {}), ...(setpriv ? { setpriv } : {}), cgroups: { ...cgroups, driver } };
}

/** Starts the mount helper in a scratch state dir and enters its namespaces once, as a stem's launch will. */
async function probeLateMounts(trueBin: string): Promise<{ ok: true } | { ok: false; reason: string; fix?: string }> {
  let dir: string | undefined;
  try {
    dir = await mkdtemp(join(tmpdir(), 'lambent-probe-'));
    const opened = await LateMounts.open(dir);
    if (!opened.mounts) return { ok: false, reason: opened.reason ?? 'late code attachment is unavailable', ...(opened.fix ? { fix: opened.fix } : {}) };
    try {
      const [file, ...args] = [...opened.mounts.enter, trueBin];
      const r = await run(file as string, args);
      if (r.code !== 0) {
        const fix = process.getuid?.() === 0 ? undefined : userNamespaceFix();
        return { ok: false, reason: `cannot enter the mount helper's namespaces (${firstLine(r)})`, ...(fix ? { fix } : {}) };
      }
    } finally {
      await opened.mounts.close();
    }
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `late code attachment failed: ${errMessage(err)}` };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function canExec(p: string): boolean {
  try {
    accessSync(p, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function firstLine(r: RunResult): string {
  if (r.error) return r.error;
  const line = r.stderr.split('\n').map((l) => l.trim()).find(Boolean);
  return line ?? (r.signal ? `killed by ${r.signal}` : `exit status ${String(r.code)}`);
}

/** For `lambent doctor`: what isolation functions would get on this host. */
export async function probeIsolation(): Promise<IsolationReport> {
  return (await probeHost()).report;
}

/**
 * What isolation functions get, for people: one summary line, then one line per missing capability with its effect
 * on functions, why it is missing and the command that fixes it. Used by `lambent doctor` and at start.
 */
export function describeIsolation(r: IsolationReport): { summary: string; missing: string[] } {
  const sandbox = r.sandbox === 'bubblewrap' ? 'bubblewrap sandbox' : 'NO sandbox';
  const cg = r.cgroups === 'none' ? 'no cgroups' : (r.cgroupSource ?? `cgroup ${r.cgroups}`);
  const pool = r.pool === false ? 'no pre-warmed pool' : 'pre-warmed pool';
  // Capabilities with the same fix (one delegation command gives all four controllers) are listed together.
  const groups = new Map<string, MissingCapability[]>();
  for (const m of r.missing ?? []) {
    const key = m.fix ?? `reason:${m.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const missing: string[] = [];
  for (const list of groups.values()) {
    const first = list[0] as MissingCapability;
    const lines = list.map((m) => `no ${m.capability}: ${m.effect}`);
    lines.push(`  why: ${first.reason}`);
    if (first.fix) lines.push(`  fix: ${first.fix}`);
    missing.push(lines.join('\n  '));
  }
  if (r.sandbox === 'none' && !(r.missing ?? []).some((m) => m.capability === 'sandbox')) {
    missing.push('no sandbox (--sandbox none): functions run as host processes with your user: they can read your files and see and signal your other processes');
  }
  const net = r.network === 'namespace' ? `a network namespace each (outbound: ${r.outbound})` : 'host network shared';
  return { summary: `isolation: ${sandbox}; ${cg}; ${pool}; ${net}`, missing };
}
