// `lambent doctor`: what isolation this host can give execution environments.
import { probeIsolation } from '../sandbox/index.js';

export async function runDoctor(): Promise<number> {
  const r = await probeIsolation();
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const lines = [
    `sandbox:     ${r.sandbox === 'bubblewrap' ? 'bubblewrap (mount, PID, IPC, UTS namespaces)' : 'none — functions run unsandboxed'}`,
    `namespaces:  ${yes(r.namespaces)}`,
    `cgroups:     ${r.cgroups}`,
    `  memory:    ${yes(r.controllers.memory)}`,
    `  cpu:       ${yes(r.controllers.cpu)}`,
    `  pids:      ${yes(r.controllers.pids)}`,
    `  freezer:   ${yes(r.controllers.freezer)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const w of r.warnings) process.stdout.write(`WARNING: ${w}\n`);
  return r.sandbox === 'bubblewrap' && r.cgroups !== 'none' ? 0 : 1;
}
