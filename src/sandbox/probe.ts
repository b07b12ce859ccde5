// What isolation this host really provides: runs a tiny bwrap sandbox and creates/removes a test cgroup.
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { scanHost } from './bubblewrap.js';
import type { CgroupDetection, CgroupDriver, EnvCgroup } from './cgroups.js';
import { detectCgroups, limitsFor } from './cgroups.js';
import { JOIN_SCRIPT } from './process.js';
import type { IsolationReport } from './types.js';
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
  const isRoot = process.getuid?.() === 0;

  const trueBin = findExecutable('true', ['/usr/bin', '/bin']) ?? '/usr/bin/true';

  // cgroups: detect, then really create a cgroup with limits, move a process into it and remove it.
  const cgroups = await detectCgroups();
  warnings.push(...cgroups.warnings);
  let driver: CgroupDriver | null = cgroups.driver;
  if (driver) {
    let probeCg: EnvCgroup | undefined;
    try {
      probeCg = await driver.create(`probe-${process.pid}-${Date.now().toString(36)}`, limitsFor(128, 64));
      const r = await run('/bin/sh', ['-c', JOIN_SCRIPT, 'lambent-probe', ...probeCg.joinFiles, '--', trueBin]);
      if (r.code !== 0) throw new Error(firstLine(r));
    } catch (err) {
      warnings.push(`cannot use a cgroup under the lambent parent (${errMessage(err)}${isRoot ? '' : '; Lambent is not running as root'}): no memory, CPU or process limits`);
      driver = null;
    }
    await probeCg?.remove().catch((err: unknown) => warnings.push(`cannot remove the probe cgroup: ${errMessage(err)}`));
  }

  // bubblewrap: really run `true` in the namespaces and mounts a function gets.
  let bwrap = findExecutable('bwrap', ['/usr/bin', '/usr/local/bin']);
  let setpriv: string | undefined;
  let namespaces = false;
  let netns = false;
  if (!bwrap) {
    warnings.push('bubblewrap not found: apt-get install -y bubblewrap (Debian/Ubuntu) or dnf install bubblewrap (Fedora/RHEL)');
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
        if (candidate) {
          const dropArgs = ['--cap-drop', 'ALL', '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', '--cap-add', 'CAP_SETPCAP'];
          const priv = ['--reuid=993', '--regid=990', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--'];
          const r = await run(bwrap, [...base, ...dropArgs, '--', candidate, ...priv, trueBin]);
          if (r.code === 0) setpriv = candidate;
          else warnings.push(`setpriv cannot drop privileges inside bubblewrap (${firstLine(r)}): functions run as root without capabilities instead of an unprivileged user`);
        } else {
          warnings.push('setpriv (util-linux) not found: functions run as root without capabilities instead of an unprivileged user; apt-get install -y util-linux');
        }
      }
    } else {
      warnings.push(`bubblewrap cannot create a sandbox here (${firstLine(plain)}): ${isRoot
        ? 'the kernel or container forbids namespaces or mounts (in Docker use --privileged or --security-opt seccomp=unconfined --cap-add SYS_ADMIN)'
        : 'unprivileged user namespaces are disabled (sysctl kernel.unprivileged_userns_clone=1, or AppArmor kernel.apparmor_restrict_unprivileged_userns=0), or run Lambent as root'}`);
      bwrap = undefined;
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
    warnings,
  };
  return { report, ...(bwrap ? { bwrap } : {}), ...(setpriv ? { setpriv } : {}), cgroups: { ...cgroups, driver } };
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
