// `lambent runtimes install|list`: the Node builds nodejsNN.x runtimes run on, and which interpreter each runtime uses.
import { parseArgs } from 'node:util';
import { ConfigError, resolveConfig } from '../config/config.js';
import { runtimeInfo, supportedRuntimeIds } from '../runtimes/catalog.js';
import { installSdk } from '../runtimes/aws-sdk.js';
import { installNode, mib } from '../runtimes/installer.js';
import { RuntimeInterpreters, type RuntimesReport } from '../runtimes/interpreters.js';
import { majorOfVersion, nodeMajorOf } from '../runtimes/node-release.js';

export const RUNTIMES_HELP = `Usage: lambent runtimes <install|list> [options]

  lambent runtimes install [RUNTIME...]   Install the Node major each nodejsNN.x runtime names (default: every
                                          supported nodejs runtime whose major differs from the host's Node),
                                          the newest release of it, from the npm registry npm is configured with;
                                          without names, also the AWS SDK for JavaScript v3 that nodejs runtimes
                                          carry (pinned); \`install aws-sdk\` installs only the SDK
  lambent runtimes list [--json]          What is installed and which real interpreter runs each runtime

Options:
  --runtimes-dir DIR   Where runtimes are installed (default <data-dir>/runtimes; env LAMBENT_RUNTIMES_DIR)
  --data-dir DIR       Lambent's data dir (default ~/.lambent; env LAMBENT_DATA_DIR)
  --force              install: reinstall even when the newest release is already installed
  --json               list: machine-readable output
`;

export async function runRuntimes(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'runtimes-dir': { type: 'string' },
      'data-dir': { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [sub, ...names] = positionals;
  if (values.help || sub === undefined) {
    process.stdout.write(RUNTIMES_HELP);
    return sub === undefined && !values.help ? 2 : 0;
  }
  const config = resolveConfig({ dataDir: values['data-dir'], runtimesDir: values['runtimes-dir'] });
  switch (sub) {
    case 'install':
      return install(names, config.runtimesDir, values.force === true);
    case 'list': {
      const report = new RuntimeInterpreters({ runtimesDir: config.runtimesDir, install: 'off' }).report({ pythonSdk: true });
      report.install = config.runtimeInstall;
      process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatRuntimes(report));
      return 0;
    }
    default:
      throw new ConfigError(`unknown runtimes command "${sub}" (install or list)`);
  }
}

/** The Node majors to install for the names given ("nodejs22.x" or "22"); all supported ones by default. */
export function majorsToInstall(names: string[], hostVersion: string): { majors: number[]; skipped: string[] } {
  const hostMajor = majorOfVersion(hostVersion);
  const requested = names.length > 0 ? names : supportedRuntimeIds().filter((id) => runtimeInfo(id)?.family === 'nodejs');
  const majors = new Set<number>();
  const skipped: string[] = [];
  for (const name of requested) {
    const major = /^\d+$/.test(name) ? Number(name) : nodeMajorOf(name);
    if (major === undefined || (!/^\d+$/.test(name) && runtimeInfo(name) === undefined)) {
      throw new ConfigError(`"${name}" is not a supported nodejs runtime (${supportedRuntimeIds().filter((id) => id.startsWith('nodejs')).join(', ')})`);
    }
    // Asked by name, an install of the host's own major is honoured; by default it would only duplicate the host.
    if (major === hostMajor && names.length === 0) {
      skipped.push(`${name}: runs on the host's Node ${hostVersion}`);
      continue;
    }
    majors.add(major);
  }
  return { majors: [...majors].sort((a, b) => a - b), skipped };
}

/** The name that asks for the SDK alone. */
export const SDK_NAME = 'aws-sdk';

async function install(names: string[], runtimesDir: string, force: boolean): Promise<number> {
  const nodeNames = names.filter((n) => n !== SDK_NAME);
  const onlySdk = names.length > 0 && nodeNames.length === 0;
  const { majors, skipped } = onlySdk ? { majors: [], skipped: [] } : majorsToInstall(nodeNames, process.version);
  for (const s of skipped) process.stderr.write(`${s}\n`);
  let failed = 0;
  // One SDK serves every nodejs runtime: installed by default (no names) or when asked for by name.
  if (names.length === 0 || names.includes(SDK_NAME)) try {
    const r = await installSdk(runtimesDir, { force, progress: (line) => process.stderr.write(`aws-sdk: ${line}\n`) });
    const size = r.changed ? `, ${mib(r.installed.manifest.installedBytes)} in ${(r.ms / 1000).toFixed(1)} s` : ' (already installed)';
    process.stdout.write(`aws-sdk: AWS SDK for JavaScript ${r.installed.version} in ${r.installed.home}${size}\n`);
  } catch (e) {
    failed++;
    process.stderr.write(`aws-sdk: install failed: ${(e as Error).message}\n`);
  }
  for (const major of majors) {
    try {
      const r = await installNode(major, runtimesDir, { force, progress: (line) => process.stderr.write(`node ${major}: ${line}\n`) });
      process.stdout.write(`node ${major}: ${r.installed.version} in ${r.installed.home}${r.changed ? '' : ' (already installed)'}\n`);
    } catch (e) {
      failed++;
      process.stderr.write(`node ${major}: install failed: ${(e as Error).message}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

export function formatRuntimes(r: RuntimesReport): string {
  const lines: string[] = [];
  lines.push(`runtimes dir: ${r.runtimesDir ?? '(none)'} (install on first use: ${r.install})`);
  lines.push(`host node:    ${r.hostNode.version} (${r.hostNode.path})`);
  lines.push(`host python3: ${r.python ? `${r.python.version} (${r.python.path})` : 'not found'}`);
  if (r.boto3) lines.push(`boto3:        ${'missing' in r.boto3 ? 'not found' : `${r.boto3.boto3} (botocore ${r.boto3.botocore}${r.boto3.endpointHook ? ', AWS_ENDPOINT_URL supplied by Lambent\'s bootstrap' : ''})`}`);
  lines.push('installed:');
  if (r.installed.length === 0 && !r.awsSdkJs.home) lines.push('  (nothing)');
  for (const n of r.installed) lines.push(`  node ${n.version.padEnd(10)} ${n.home} (${n.package})`);
  for (const i of r.installs) lines.push(`  node ${i.major}: ${i.state}${i.error ? ` (${i.error})` : ''}`);
  const sdk = r.awsSdkJs;
  const sdkState = sdk.installing ? ' (installing)' : sdk.error ? ` (install failed: ${sdk.error})` : '';
  if (sdk.home) lines.push(`  aws-sdk ${sdk.version.padEnd(10)} ${sdk.home} (${sdk.packages} pinned packages, ${mib(sdk.installedBytes)})${sdkState}`);
  else lines.push(`  aws-sdk: not installed${sdkState}`);
  lines.push('');
  lines.push(`${'RUNTIME'.padEnd(16)}${'RUNS ON'.padEnd(20)}${'FROM'.padEnd(11)}RUNTIME VERSION ID`);
  for (const u of r.runtimes) {
    lines.push(`${u.runtime.padEnd(16)}${`${u.interpreter} ${u.version}`.padEnd(20)}${u.source.padEnd(11)}${u.runtimeVersionId}${u.warning ? (u.interpreter === 'node' ? '  (fallback)' : '  (version differs)') : ''}`);
  }
  const warnings = r.runtimes.filter((u) => u.warning);
  if (warnings.length > 0 || sdk.missing || (r.boto3 && 'missing' in r.boto3)) lines.push('');
  for (const u of warnings) lines.push(`WARNING: ${u.warning ?? ''}`);
  if (sdk.missing) lines.push(`WARNING: ${sdk.missing}`);
  if (r.boto3 && 'missing' in r.boto3) lines.push(`WARNING: ${r.boto3.missing}`);
  return `${lines.join('\n')}\n`;
}
