// `lambent doctor`: what isolation this host can give execution environments.
import { spawn } from 'node:child_process';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../config/config.js';
import { RuntimeInterpreters } from '../runtimes/interpreters.js';
import { probeIsolation } from '../sandbox/index.js';
import { findOutbound } from '../sandbox/outbound.js';
import { describeIsolation } from '../sandbox/probe.js';
import { formatRuntimes } from './runtimes.js';

export async function runDoctor(args: string[] = []): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, 'runtimes-dir': { type: 'string' } }, strict: true });
  const config = resolveConfig({ dataDir: values['data-dir'], runtimesDir: values['runtimes-dir'] });
  const r = await probeIsolation();
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const iso = describeIsolation(r);
  const lines = [
    `user:        ${userName()}${process.getuid?.() === 0 ? ' (root)' : ''}`,
    `sandbox:     ${r.sandbox === 'bubblewrap' ? 'bubblewrap (mount, PID, IPC, UTS namespaces)' : 'none — functions run unsandboxed'}`,
    `namespaces:  ${yes(r.namespaces)}`,
    `network:     ${r.network === 'namespace'
      ? `a namespace per environment; outbound ${outboundLine()}`
      : "shared with the host: functions can reach each other's Runtime API and the host's loopback services"}`,
    `cgroups:     ${r.cgroups === 'none' ? 'none' : (r.cgroupSource ?? r.cgroups)}`,
    `  memory:    ${yes(r.controllers.memory)}`,
    `  cpu:       ${yes(r.controllers.cpu)}`,
    `  pids:      ${yes(r.controllers.pids)}`,
    `  freezer:   ${yes(r.controllers.freezer)}`,
    `pool:        ${r.pool === false ? 'no (every cold start launches a fresh sandbox)' : 'yes (pre-warmed sandboxes)'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (iso.missing.length > 0) {
    process.stdout.write('\nMissing (functions still run):\n');
    for (const m of iso.missing) process.stdout.write(`  ${m}\n`);
  }
  // Runtime fallbacks are warnings, not failures: functions still run, on the host's Node.
  const runtimes = new RuntimeInterpreters({ runtimesDir: config.runtimesDir, install: 'off' }).report({ pythonSdk: true });
  runtimes.install = config.runtimeInstall;
  process.stdout.write(`\n${formatRuntimes(runtimes)}`);
  // Missing isolation is a warning: functions still run (unsandboxed at worst). Non-zero only when nothing can run.
  const canRun = await canSpawn();
  if (!canRun) process.stdout.write('\nERROR: this host cannot start a process for a function (spawning /bin/sh failed)\n');
  return canRun ? 0 : 1;
}

function outboundLine(): string {
  const o = findOutbound();
  return 'slirp' in o ? 'internet through slirp4netns (--function-network none: loopback only)' : `none: ${o.missing.reason} (fix: ${o.missing.fix})`;
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** Whether a function could run at all: the unsandboxed fallback needs only a process spawn. */
function canSpawn(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', 'exit 0'], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}
