// The composition root: config → store → engine pieces → services → gateway.
// The one place where parts are wired; everything else receives what it needs.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { LambentConfig } from './config/config.js';
import { ensureDataDir, lockDataDir, StartupError, type DataDirLock } from './config/data-dir.js';
import { watchForDeath } from './death-watch.js';
import { healthRoute } from './gateway/health.js';
import { createServiceCalls } from './gateway/in-process.js';
import { createFrontDoorServer } from './gateway/http-server.js';
import { createGateway } from './gateway/server.js';
import { detectHostMemory, HostCapacity } from './invocation/capacity.js';
import { CodeCache } from './invocation/code-cache.js';
import { ConcurrencyLimits } from './invocation/concurrency.js';
import { InvocationEngine } from './invocation/engine.js';
import { FunctionLogWriter } from './observability/function-logs.js';
import { RuntimeInterpreters } from './runtimes/interpreters.js';
import { createSandbox, reapStale } from './sandbox/index.js';
import { describeIsolation } from './sandbox/probe.js';
import type { Logger } from './observability/logger.js';
import type { ServiceCalls } from './services/types.js';
import { CodeLocations } from './services/lambda/code-location.js';
import { AsyncInvocations } from './services/lambda/async-invoke.js';
import { createLambdaService } from './services/lambda/index.js';
import { EventSourceMappings } from './services/lambda/event-source-mappings/manager.js';
import { createIamService, IamState } from './services/iam/index.js';
import { FunctionPolicies } from './services/lambda/function-policies.js';
import { createStsService, Identities, LambdaExecutionRoles, SessionTokens } from './services/sts/index.js';
import { createSqsService, QueuePolicies } from './services/sqs/index.js';
import { PolicyAuthorizer } from './services/iam/authorizer.js';
import { FunctionLifecycle } from './services/lambda/lifecycle.js';
import { restoreReservedConcurrency } from './services/lambda/concurrency.js';
import { functionArn } from './services/lambda/function-ref.js';
import { reconcileProvisioned, restoreProvisionedConcurrency } from './services/lambda/provisioned-concurrency.js';
import { CodeStore } from './store/code-store.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import type { FunctionKey } from './store/types.js';
import { scrubHostPaths } from './util/host-paths.js';

export const VERSION = '0.1.0';
/** Asynchronous events of one function running at once (reserved concurrency will bound it further). */
const ASYNC_CONCURRENCY_PER_FUNCTION = 10;
/** How long a graceful shutdown waits for running asynchronous invocations. */
const ASYNC_SHUTDOWN_GRACE_MS = 10_000;
/**
 * How long a function stays Pending while the Node major its runtime names is being installed (first use);
 * after that it becomes Active and runs on the host's Node until the install completes. Invocations never wait.
 */
const RUNTIME_INSTALL_WAIT_MS = 30_000;
/**
 * Lifetime of the execution role's credentials an environment gets (Lambda's own session, not bound by the role's
 * MaxSessionDuration); the engine retires an environment before they expire.
 */
const EXECUTION_CREDENTIALS_SECONDS = 12 * 3600;

export interface RunningLambent {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database; a file Lambent may not open is the user's to fix, so the message names it. */
function openStore(file: string, log: Logger): SqliteStore {
  try {
    // Background queue work (retention sweeps, removing purged rows) has no caller to tell: Lambent's log hears.
    return new SqliteStore(file, { queues: { onError: (e) => log.warn(`queue maintenance failed: ${(e as Error).message}`) } });
  } catch (e) {
    throw new StartupError(`cannot open ${file}: ${(e as Error).message}; check its owner and permissions, or choose another --data-dir`);
  }
}

/** A persistent random key in the data dir: URLs Lambent signs itself (code download links), STS session tokens. */
function loadOrCreateKey(dataDir: string, name = 'url-signing.key'): Buffer {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file);
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export async function startLambent(config: LambentConfig, log: Logger): Promise<RunningLambent> {
  ensureDataDir(config.dataDir);
  // One server per data dir; held until stop() or the process dies (the kernel drops it even on kill -9).
  const lock = lockDataDir(config.dataDir);
  try {
    return await startLocked(config, log, lock);
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function startLocked(config: LambentConfig, log: Logger, lock: DataDirLock): Promise<RunningLambent> {
  const store = openStore(join(config.dataDir, 'lambent.db'), log);
  const code = new CodeStore(join(config.dataDir, 'code'));
  const codeCache = new CodeCache(join(config.dataDir, 'unpacked'), code);
  const codeLocations = new CodeLocations(loadOrCreateKey(config.dataDir), code);
  const interpreters = new RuntimeInterpreters({ runtimesDir: config.runtimesDir, install: config.runtimeInstall, log });
  const lifecycle = new FunctionLifecycle(store.functions, codeCache, log, {
    ready: (runtime) => interpreters.ready(runtime, RUNTIME_INSTALL_WAIT_MS),
  });

  let sweeping: Promise<void> = Promise.resolve();
  const sweep = (includeTemp = false): Promise<void> => {
    sweeping = sweeping
      .then(async () => {
        // References are read inside each sweep, after it began (see CodeStore.sweep).
        const references = (): Promise<Set<string>> => store.functions.codeReferences();
        await code.sweep(references, { includeTemp });
        await codeCache.sweep(references);
      })
      .catch((e: unknown) => log.warn(`code sweep failed: ${(e as Error).message}`));
    return sweeping;
  };
  await sweep(true);
  const resumed = await lifecycle.recover();
  if (resumed > 0) log.info(`resuming preparation of ${resumed} function(s) interrupted by the last shutdown`);

  const envDir = join(config.dataDir, 'environments');
  // Environments a previous Lambent left behind (it was killed: frozen sandboxes cannot even receive SIGKILL).
  const reaped = await reapStale(envDir);
  if (reaped.own.length > 0) {
    log.info(`reaped ${reaped.own.length} execution environment(s) left behind by a previous Lambent on this data dir`);
  }
  for (const e of reaped.errors) log.warn(`could not reap a leftover execution environment: ${e}`);
  watchForDeath(envDir);
  const sandbox = await createSandbox({ mode: config.sandboxMode, stateDir: envDir, network: config.functionNetwork }).catch((e: unknown) => {
    // An explicit --sandbox bubblewrap refuses to start without it: the message says what is missing and the fix.
    if (config.sandboxMode !== 'bubblewrap') throw e;
    throw new StartupError(`--sandbox bubblewrap: ${(e as Error).message} (bwrap is looked for on PATH, in /usr/bin and /usr/local/bin; or start with --sandbox auto)`);
  });
  // Say what isolation functions get and, for each missing piece, what it changes for them and how to fix it.
  const isolation = describeIsolation(sandbox.report);
  log.info(isolation.summary);
  if (isolation.missing.length > 0) {
    log.warn('functions will run WITHOUT full isolation on this host:');
    for (const m of isolation.missing) for (const line of m.split('\n')) log.warn(`  ${line}`);
    log.warn('run `lambent doctor` for details');
  }
  if (sandbox.report.network === 'namespace') {
    log.info(`functions: a network namespace each (Runtime API and Lambent's API at 127.0.0.1:9001 inside); outbound network: ${
      sandbox.report.outbound === 'internet' ? 'internet through slirp4netns (no access to the host\'s loopback)' : 'none'}`);
  }
  if (!interpreters.python) {
    log.warn('python3 not found (looked for /usr/bin/python3, /usr/local/bin/python3): python3.x functions cannot run; install it: apt-get install -y python3');
  }
  const logs = new FunctionLogWriter(store.logs, (e) => log.warn(`writing function logs failed: ${(e as Error).message}`), {
    maxBytes: config.functionLogsMaxMb * 1048576,
    warn: (m) => log.warn(m),
    hint: '--function-logs-max-mb N (or LAMBENT_FUNCTION_LOGS_MAX_MB)',
  });
  const concurrency = new ConcurrencyLimits(config.accountConcurrency);
  await restoreReservedConcurrency(store, concurrency);
  const hostMemory = config.hostMemoryMb !== undefined
    ? { budgetMb: config.hostMemoryMb, source: '--host-memory-mb / LAMBENT_HOST_MEMORY_MB' }
    : detectHostMemory();
  log.info(`execution environments may hold ${hostMemory.budgetMb} MB (${hostMemory.source})`);
  // IAM (issue 12): its state is loaded before serving. STS mints the execution roles' credentials; the same key
  // after a restart keeps sessions valid.
  const iamState = new IamState(store.iam);
  await iamState.load();
  const tokens = new SessionTokens(loadOrCreateKey(config.dataDir, 'sts-session.key'));
  const executionRoles = new LambdaExecutionRoles(iamState, tokens);
  // Settles once the front door listens: functions that share the host's network reach Lambent there.
  let listening!: (url: string) => void;
  const frontDoorUrl = new Promise<string>((resolveUrl) => (listening = resolveUrl));

  const sandboxApi: { handler?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const engine = new InvocationEngine({
    sandboxApi: (req, res) => {
      if (sandboxApi.handler) sandboxApi.handler(req, res);
      else res.writeHead(503).end();
    },
    sandbox,
    codeCache,
    logs,
    interpreters,
    stateDir: envDir,
    idleTimeoutMs: config.idleTimeoutMs,
    concurrency,
    capacity: new HostCapacity(hostMemory.budgetMb),
    log,
    // Each environment acts as its function's role; the session is named after the function, as on AWS.
    credentials: (snap) => executionRoles.credentialsFor(snap.role ?? '', snap.name, EXECUTION_CREDENTIALS_SECONDS),
    hostEndpointUrl: () => frontDoorUrl,
  });
  // Provisioned environments start in the background; their configurations read IN_PROGRESS meanwhile.
  await restoreProvisionedConcurrency(store, engine, concurrency);
  const reconcile = (key: FunctionKey): Promise<void> =>
    reconcileProvisioned(store, engine, concurrency, key).catch((e: unknown) =>
      log.warn(`provisioned concurrency of ${key.name}: ${(e as Error).message}`),
    );
  // In-process calls between services (Lambda reaching SQS as a function's role: destinations, dead-letter queues),
  // built once every service exists and Lambent listens; nothing calls them before.
  let serviceCalls: ServiceCalls | undefined;
  const inProcess = (): ServiceCalls => {
    if (!serviceCalls) throw new Error('in-process service calls are not ready yet');
    return serviceCalls;
  };
  const asyncInvocations = new AsyncInvocations({
    serviceCalls: inProcess,
    executionRoles,
    store,
    engine,
    retryBaseDelayMs: config.asyncRetryDelayMs,
    concurrencyPerFunction: ASYNC_CONCURRENCY_PER_FUNCTION,
    concurrency,
    log,
  });

  const functionPolicies = new FunctionPolicies(store.policies);
  // Event source mappings (issue 15): pollers read queues as the function's role and invoke in-process.
  const mappings = new EventSourceMappings({ engine, log });
  const lambda = createLambdaService({
    store,
    executionRoles,
    serviceCalls: inProcess,
    // May the role send to an SQS destination or dead-letter queue (checked at configuration): the authorizer below.
    authorizer: { mode: config.iamMode, authorize: (caller, requests, facts) => authorizer.authorize(caller, requests, facts) },
    policies: functionPolicies,
    code,
    codeLocations,
    lifecycle,
    settings: { accountConcurrency: config.accountConcurrency },
    concurrency,
    onFunctionDeleted: (key) => {
      const arn = functionArn(key.region, key.accountId, key.name);
      engine.retire(arn);
      // Its reserved and provisioned concurrency rows went with it (cascade): give the concurrency back.
      concurrency.forget(key.accountId, key.region, arn);
      void sweep();
    },
    onVersionDeleted: (key, version) => {
      engine.retire(functionArn(key.region, key.accountId, key.name, version));
      // A version's asynchronous invocation and provisioned concurrency settings go with it.
      void store.eventInvokeConfigs.delete(key, version);
      void store.concurrency.deleteProvisioned(key, version).then(() => reconcile(key));
      void sweep();
    },
    onCodeReleased: () => void sweep(),
    onAliasChanged: (key) => reconcile(key),
    runtimeVersion: (region, runtime) => {
      const rv = interpreters.versionConfig(region, runtime);
      // Its message may name the runtimes dir: a host path callers must not see (the log has the full text).
      return rv?.Error ? { ...rv, Error: { ...rv.Error, Message: scrubHostPaths(rv.Error.Message) } } : rv;
    },
  }, engine, asyncInvocations, mappings);

  // SQS (issue 15): queues and messages from the store, loaded before serving.
  await store.queues.open();
  const queuePolicies = new QueuePolicies(store.queues);
  const sqs = createSqsService({ queues: store.queues, policies: queuePolicies, log });
  const iam = createIamService({ state: iamState, now: () => Date.now() });
  const sts = createStsService({
    tokens,
    iam: iamState,
    managedPolicy: (accountId, arn) => Promise.resolve(iamState.account(accountId).managedDocument(arn)?.document),
  });

  // Every call is authorized before its handler runs: identity-based policies from IAM, resource-based ones from the
  // service owning the resource (function policies). --iam audit computes the same decisions and only logs denials.
  let denied = 0;
  const authorizer = new PolicyAuthorizer({
    iam: iamState,
    resourcePolicies: { lambda: functionPolicies, sqs: queuePolicies },
    mode: config.iamMode,
    onAuditDenial: (_caller, d) => log.warn(`iam audit (not enforced): ${d.message}`),
    onUnreadablePolicy: (source, message) => log.warn(`iam: a stored policy of ${source} cannot be read and grants nothing: ${message}`),
  });
  const onDenial = (): void => void denied++;
  log.info(config.iamMode === 'enforce'
    ? 'iam: every call is authorized by IAM policies (account root keys may do anything in their account)'
    : 'iam: AUDIT mode (--iam audit): denials are logged and counted in /health, NOT enforced');
  const handler = createGateway({
    services: [lambda, iam, sts, sqs],
    identities: new Identities({ rootKeys: config.credentials, iam: iamState, tokens }),
    authorizer,
    onDenial,
    internalRoutes: [
      healthRoute(VERSION, async () => ({
        sandbox: sandbox.report,
        runtimes: interpreters.report(),
        environments: engine.stats(),
        async: await asyncInvocations.report(),
        iam: { mode: config.iamMode, denied, auditedDenials: authorizer.auditedDenials },
      })),
      codeLocations,
    ],
    limits: config.frontDoor,
    logger: log,
  });
  // Lambent's API as a function reaches it from inside its sandbox: only at its Runtime API's address
  // (127.0.0.1:9001 in the sandbox's own network namespace), and never with the well-known dev credentials, which
  // anyone can read in the README: on that path they are refused like any unknown key. Configured credentials
  // (LAMBENT_CREDENTIALS) still work, and each function signs here with its own role's temporary credentials.
  const sandboxIdentities = new Identities({ rootKeys: config.usingDevCredentials ? [] : config.credentials, iam: iamState, tokens });
  const sandboxGateway = createGateway({
    services: [lambda, iam, sts, sqs], identities: sandboxIdentities, authorizer, onDenial, limits: config.frontDoor, logger: log,
  });
  sandboxApi.handler = sandboxGateway;
  const server = createFrontDoorServer(handler, config.frontDoor, log);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  listening(url);
  serviceCalls = createServiceCalls({ services: [lambda, iam, sts, sqs], authorizer, onDenial, region: 'us-east-1', endpoint: url });
  // Drain what the last run left queued (a crash leaves in-flight events queued: at-least-once).
  await asyncInvocations.start();
  await mappings.start();
  lock.setUrl(url);

  let stopping: Promise<void> | undefined;
  return {
    server,
    url,
    stop() {
      stopping ??= (async () => {
        // No new requests, no new async events taken; running ones get a bounded grace period and the
        // rest stays queued for the next start.
        await Promise.all([
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeIdleConnections();
          }),
          asyncInvocations.stop(ASYNC_SHUTDOWN_GRACE_MS),
          mappings.stop(ASYNC_SHUTDOWN_GRACE_MS),
        ]);
        sqs.stop();
        await engine.shutdown();
        // No sandbox is left to call it (the front door's gateway closes with its server).
        sandboxGateway.close();
        await lifecycle.idle();
        await sweeping;
        await store.close();
        lock.release();
      })();
      return stopping;
    },
  };
}
