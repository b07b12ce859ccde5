// `lambent doctor`: what isolation this host can give execution environments.
import { parseArgs } from 'node:util';
import { resolveConfig } from '../config/config.js';
import { RuntimeInterpreters } from '../runtimes/interpreters.js';
import { probeIsolation } from '../sandbox/index.js';
import { findExecutable } from '../sandbox/probe.js';
import { formatRuntimes } from './runtimes.js';

export async function runDoctor(args: string[] = []): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, 'runtimes-dir': { type: 'string' } }, strict: true });
  const config = resolveConfig({ dataDir: values['data-dir'], runtimesDir: values['runtimes-dir'] });
  const r = await probeIsolation();
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const lines = [
    `sandbox:     ${r.sandbox === 'bubblewrap' ? 'bubblewrap (mount, PID, IPC, UTS namespaces)' : 'none — functions run unsandboxed'}`,
    `namespaces:  ${yes(r.namespaces)}`,
    `network:     ${r.network === 'namespace'
      ? `a namespace per environment; outbound ${findExecutable('slirp4netns', ['/usr/bin']) ? 'internet through slirp4netns (--function-network none: loopback only)' : 'none (apt-get install -y slirp4netns for internet access)'}`
      : "shared with the host: functions can reach each other's Runtime API and the host's loopback services"}`,
    `cgroups:     ${r.cgroups}`,
    `  memory:    ${yes(r.controllers.memory)}`,
    `  cpu:       ${yes(r.controllers.cpu)}`,
    `  pids:      ${yes(r.controllers.pids)}`,
    `  freezer:   ${yes(r.controllers.freezer)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const w of r.warnings) process.stdout.write(`WARNING: ${w}\n`);
  // Runtime fallbacks are warnings, not failures: functions still run, on the host's Node.
  const runtimes = new RuntimeInterpreters({ runtimesDir: config.runtimesDir, install: 'off' }).report();
  runtimes.install = config.runtimeInstall;
  process.stdout.write(`\n${formatRuntimes(runtimes)}`);
  return r.sandbox === 'bubblewrap' && r.cgroups !== 'none' ? 0 : 1;
}
