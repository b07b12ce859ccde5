// The `lambent` command line: thin over the same code the server runs.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, resolveConfig } from '../config/config.js';
import { StartupError } from '../config/data-dir.js';
import { startLambent, VERSION } from '../main.js';
import { consoleLogger } from '../observability/logger.js';

const HELP: Record<string, string> = {
  main: `lambent ${VERSION} — AWS Lambda on your own machine

Usage: lambent <command> [options]

Commands:
  start     Run the Lambent server in the foreground
  doctor    Show what isolation (namespaces, cgroups) this host gives functions, and which runtimes run on what
  runtimes  Install the Node versions nodejsNN.x runtimes run on; list which interpreter each runtime uses
  version   Print the version

Run "lambent <command> --help" for a command's options.
`,
  start: `Usage: lambent start [options]

Runs Lambent in the foreground until SIGINT, SIGTERM or SIGHUP. One Lambent per data dir.

Options:
  --host HOST              Address to listen on (default 127.0.0.1; env LAMBENT_HOST).
                           Non-loopback addresses require configured credentials.
  --port N                 Port (default 9777; 0 picks a free one; env LAMBENT_PORT)
  --data-dir DIR           Where functions, code and state live (default ~/.lambent; env LAMBENT_DATA_DIR)
  --credentials-file FILE  JSON [{"accessKeyId","secretAccessKey","accountId"}] accepted for SigV4
                           (or env LAMBENT_CREDENTIALS="AKID:SECRET:ACCOUNT,...")
  --account-concurrency N  Account concurrency limit (default 1000; env LAMBENT_ACCOUNT_CONCURRENCY)
  --host-memory-mb N       Memory execution environments may hold in total (sum of MemorySize);
                           default: host memory (or Lambent's cgroup limit) minus headroom
                           (env LAMBENT_HOST_MEMORY_MB)
  --sandbox MODE           auto | bubblewrap | none (default auto; env LAMBENT_SANDBOX)
  --function-network NET   internet | none: outbound network of functions, each in its own network namespace
                           (default internet, through slirp4netns; env LAMBENT_FUNCTION_NETWORK);
                           host: share the host's network (reach its loopback services; trusted code only)
  --idle-timeout SECONDS   Shut down execution environments idle this long (default 300)
  --async-retry-delay-ms N First retry delay of failed asynchronous invocations, doubled for the
                           second (default 60000, as AWS; env LAMBENT_ASYNC_RETRY_DELAY_MS)
  --runtimes-dir DIR       Installed Node runtimes (default <data-dir>/runtimes; env LAMBENT_RUNTIMES_DIR)
  --runtime-install MODE   auto | off: install the Node major a nodejsNN.x runtime names on first use
                           (default auto; env LAMBENT_RUNTIME_INSTALL); until then it runs on the host's Node
  --function-logs-max-mb N Function log events kept, in MB of text (default 1024; env
                           LAMBENT_FUNCTION_LOGS_MAX_MB); over it the oldest events are deleted
  --iam MODE               enforce | audit: authorize every call with IAM policies (default enforce;
                           env LAMBENT_IAM); audit logs and counts denials without refusing anything
  -h, --help               Show this help
`,
  doctor: `Usage: lambent doctor [--data-dir DIR] [--runtimes-dir DIR]

Probes this host: bubblewrap namespaces, cgroup version and controllers, and
says what isolation execution environments get and what is missing; then which
real interpreter (Node, python3 version) each runtime runs on.
`,
};

async function start(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'credentials-file': { type: 'string' },
      'account-concurrency': { type: 'string' },
      'host-memory-mb': { type: 'string' },
      sandbox: { type: 'string' },
      'function-network': { type: 'string' },
      'idle-timeout': { type: 'string' },
      'async-retry-delay-ms': { type: 'string' },
      'runtimes-dir': { type: 'string' },
      'runtime-install': { type: 'string' },
      'function-logs-max-mb': { type: 'string' },
      iam: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP['start'] ?? '');
    return;
  }
  const config = resolveConfig({
    host: values.host,
    port: values.port,
    dataDir: values['data-dir'],
    credentialsFile: values['credentials-file'],
    accountConcurrency: values['account-concurrency'],
    hostMemoryMb: values['host-memory-mb'],
    sandbox: values.sandbox,
    functionNetwork: values['function-network'],
    idleTimeoutSeconds: values['idle-timeout'],
    asyncRetryDelayMs: values['async-retry-delay-ms'],
    runtimesDir: values['runtimes-dir'],
    runtimeInstall: values['runtime-install'],
    functionLogsMaxMb: values['function-logs-max-mb'],
    iam: values.iam,
  });
  const log = consoleLogger();
  const running = await startLambent(config, log);
  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`${reason}, shutting down`);
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error('shutdown failed', e);
        process.exit(1);
      },
    );
  };
  // SIGHUP: the terminal Lambent runs in was closed. Installed before the banner: whoever waits for the banner may
  // signal at once, and a signal that finds no handler kills the process on the spot.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => shutdown(`${sig} received`));
  watchLauncher(() => shutdown('the npm/npx process that started Lambent is gone'));
  const cred = config.credentials[0];
  const keys = `AWS_ACCESS_KEY_ID=${cred?.accessKeyId ?? 'test'} AWS_SECRET_ACCESS_KEY=${config.usingDevCredentials ? 'test' : '...'} AWS_DEFAULT_REGION=us-east-1`;
  process.stdout.write(
    [
      `Lambent ${VERSION} listening on ${running.url}`,
      `  data dir: ${config.dataDir}`,
      config.usingDevCredentials
        ? `  credentials: access key "test", secret "test", account 000000000000 (dev defaults, loopback only)`
        : `  credentials: ${config.credentials.length} configured (first access key ${cred?.accessKeyId ?? ''})`,
      `Try (any AWS CLI):`,
      `  export ${keys}`,
      `  aws --endpoint-url ${running.url} lambda list-functions`,
      `or set the endpoint once (the SDKs, AWS CLI v1 and v2.13+; older CLI v2 ignore it and call real AWS):`,
      `  export AWS_ENDPOINT_URL=${running.url}`,
      '',
    ].join('\n'),
  );
}

/**
 * Under `npx lambent start` (or `npm start`) Lambent runs as npm → sh → node. npm forwards SIGINT and SIGTERM to the
 * shell only, which dies without passing them on; SIGHUP or kill -9 to npm reach neither. Either way Lambent would
 * stay, orphaned and still answering. So it watches its launchers: when npm or the shell between goes away, it stops
 * as if it had received the signal itself.
 */
function watchLauncher(onGone: () => void): void {
  if (!process.env['npm_lifecycle_event'] && !process.env['npm_command']) return;
  const parent = process.ppid;
  // When the parent is the shell npm ran (dash does not exec the command), npm is the grandparent.
  const grandparent = isNpm(parent) ? undefined : parentOf(parent);
  const npmAbove = grandparent !== undefined && isNpm(grandparent) ? grandparent : undefined;
  const timer = setInterval(() => {
    if (process.ppid !== parent || (npmAbove !== undefined && parentOf(parent) !== npmAbove)) {
      clearInterval(timer);
      onGone();
    }
  }, 250);
  timer.unref();
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4, after "pid (comm) state"; comm may contain spaces and parentheses, so count from the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function isNpm(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    // npm sets its process title ("npm exec …", "npm start"); otherwise node …/npm-cli.js.
    return /^npm( |$)/.test(argv[0] ?? '') || argv.some((a) => /npm-cli\.js$|\/npx?-cli\.js$/.test(a));
  } catch {
    return false;
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(HELP['main'] ?? '');
      return;
    case 'version':
    case '--version':
    case '-v':
      process.stdout.write(`${VERSION}\n`);
      return;
    case 'start':
      return start(rest);
    case 'doctor':
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(HELP['doctor'] ?? '');
        return;
      }
      process.exitCode = await (await import('./doctor.js')).runDoctor(rest);
      return;
    case 'runtimes':
      process.exitCode = await (await import('./runtimes.js')).runRuntimes(rest);
      return;
    default:
      process.stderr.write(`lambent: unknown command "${command}"\n\n${HELP['main'] ?? ''}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof ConfigError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`lambent: ${(e as Error).message}\n`);
    process.exit(2);
  }
  if (e instanceof StartupError) {
    process.stderr.write(`lambent: ${e.message}\n`);
    process.exit(1);
  }
  if ((e as { code?: string }).code === 'EADDRINUSE') {
    process.stderr.write(`lambent: ${(e as Error).message}; choose another --port\n`);
    process.exit(1);
  }
  process.stderr.write(`lambent: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
