// Lambent's settings, resolved from CLI flags and environment variables, with
// the account root keys requests are signed with (services/sts/identities.ts serves them).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_FRONT_DOOR_LIMITS, type FrontDoorLimits } from '../gateway/limits.js';
import type { Credential } from '../protocol/sigv4.js';

export const DEFAULT_PORT = 9777;
export const DEV_CREDENTIAL: Credential = { accessKeyId: 'test', secretAccessKey: 'test', accountId: '000000000000' };

export interface LambentConfig {
  host: string;
  port: number;
  dataDir: string;
  credentials: Credential[];
  /** True when the dev credentials were allowed because nothing was configured. */
  usingDevCredentials: boolean;
  accountConcurrency: number;
  /** Memory execution environments may hold (sum of MemorySize), in MB; undefined: detected from the host. */
  hostMemoryMb: number | undefined;
  sandboxMode: 'auto' | 'bubblewrap' | 'none';
  /** Outbound network of functions: 'internet' (user-mode networking) or 'none' (their own loopback only). */
  functionNetwork: 'internet' | 'none' | 'host';
  /** Idle execution environments are shut down after this long. */
  idleTimeoutMs: number;
  /** First retry delay of a failed asynchronous invocation (the second is twice that); AWS: about a minute. */
  asyncRetryDelayMs: number;
  /** Installed Node runtimes (default <dataDir>/runtimes); shareable between data dirs. */
  runtimesDir: string;
  /** auto: install a runtime's Node major on first use; off: only what `lambent runtimes install` installed. */
  runtimeInstall: 'auto' | 'off';
  /** Function log events kept in the store, MB of message text; over it the oldest are deleted. */
  functionLogsMaxMb: number;
  /** Connections, header and body pacing, unauthenticated body memory (see gateway/limits.ts). */
  frontDoor: FrontDoorLimits;
  /**
   * enforce (default): every call is authorized by IAM before its handler runs. audit: decisions are computed and
   * logged, denials counted in /health, nothing refused (for teams moving from tools that never checked).
   */
  iamMode: 'enforce' | 'audit';
}

export class ConfigError extends Error {}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Credentials come from LAMBENT_CREDENTIALS ("AKID:SECRET:ACCOUNT,...") or a
 * JSON file ([{accessKeyId, secretAccessKey, accountId}]).
 */
export function loadCredentials(spec: string | undefined, file: string | undefined): Credential[] {
  const out: Credential[] = [];
  if (file) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Credential[];
    if (!Array.isArray(parsed)) throw new ConfigError(`${file}: expected a JSON array of credentials`);
    out.push(...parsed);
  }
  if (spec) {
    for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [accessKeyId, secretAccessKey, accountId] = item.split(':');
      if (!accessKeyId || !secretAccessKey) throw new ConfigError(`LAMBENT_CREDENTIALS entry "${item}" is not AKID:SECRET[:ACCOUNT]`);
      out.push({ accessKeyId, secretAccessKey, accountId: accountId ?? DEV_CREDENTIAL.accountId });
    }
  }
  for (const c of out) {
    if (!/^\d{12}$/.test(c.accountId)) throw new ConfigError(`credential ${c.accessKeyId}: account id must be 12 digits`);
  }
  return out;
}

export interface ConfigInput {
  host?: string | undefined;
  port?: string | number | undefined;
  dataDir?: string | undefined;
  credentialsFile?: string | undefined;
  accountConcurrency?: string | number | undefined;
  hostMemoryMb?: string | number | undefined;
  sandbox?: string | undefined;
  functionNetwork?: string | undefined;
  idleTimeoutSeconds?: string | number | undefined;
  asyncRetryDelayMs?: string | number | undefined;
  runtimesDir?: string | undefined;
  runtimeInstall?: string | undefined;
  functionLogsMaxMb?: string | number | undefined;
  maxConnections?: string | number | undefined;
  headersTimeoutSeconds?: string | number | undefined;
  bodyTimeoutSeconds?: string | number | undefined;
  unauthenticatedBodyMb?: string | number | undefined;
  iam?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export function resolveConfig(input: ConfigInput): LambentConfig {
  const env = input.env ?? process.env;
  const host = input.host ?? env['LAMBENT_HOST'] ?? '127.0.0.1';
  const port = Number(input.port ?? env['LAMBENT_PORT'] ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`invalid port: ${String(input.port)}`);
  const dataDir = resolve(input.dataDir ?? env['LAMBENT_DATA_DIR'] ?? join(homedir(), '.lambent'));
  const configured = loadCredentials(env['LAMBENT_CREDENTIALS'], input.credentialsFile ?? env['LAMBENT_CREDENTIALS_FILE']);
  let credentials = configured;
  let usingDevCredentials = false;
  if (configured.length === 0) {
    if (!isLoopback(host)) {
      throw new ConfigError(
        `refusing to listen on ${host} with the well-known dev credentials (test/test). ` +
          'Set LAMBENT_CREDENTIALS="ACCESS_KEY:SECRET:ACCOUNT_ID" or --credentials-file FILE, or bind to 127.0.0.1.',
      );
    }
    credentials = [DEV_CREDENTIAL];
    usingDevCredentials = true;
  }
  const accountConcurrency = Number(input.accountConcurrency ?? env['LAMBENT_ACCOUNT_CONCURRENCY'] ?? 1000);
  if (!Number.isInteger(accountConcurrency) || accountConcurrency < 1) throw new ConfigError('account concurrency must be a positive integer');
  const hostMemoryRaw = input.hostMemoryMb ?? env['LAMBENT_HOST_MEMORY_MB'];
  const hostMemoryMb = hostMemoryRaw === undefined || hostMemoryRaw === '' ? undefined : Number(hostMemoryRaw);
  if (hostMemoryMb !== undefined && (!Number.isInteger(hostMemoryMb) || hostMemoryMb < 128)) {
    throw new ConfigError('--host-memory-mb must be an integer of at least 128 (MB)');
  }
  const sandbox = input.sandbox ?? env['LAMBENT_SANDBOX'] ?? 'auto';
  if (sandbox !== 'auto' && sandbox !== 'bubblewrap' && sandbox !== 'none') throw new ConfigError(`--sandbox must be auto, bubblewrap or none`);
  const functionNetwork = input.functionNetwork ?? env['LAMBENT_FUNCTION_NETWORK'] ?? 'internet';
  if (functionNetwork !== 'internet' && functionNetwork !== 'none' && functionNetwork !== 'host') {
    throw new ConfigError('--function-network must be internet, none or host');
  }
  const idleSeconds = Number(input.idleTimeoutSeconds ?? env['LAMBENT_IDLE_TIMEOUT'] ?? 300);
  if (!(idleSeconds > 0)) throw new ConfigError('idle timeout must be a positive number of seconds');
  const asyncRetryDelayMs = Number(input.asyncRetryDelayMs ?? env['LAMBENT_ASYNC_RETRY_DELAY_MS'] ?? 60_000);
  if (!Number.isInteger(asyncRetryDelayMs) || asyncRetryDelayMs < 0) {
    throw new ConfigError('--async-retry-delay-ms must be a non-negative integer (milliseconds)');
  }
  const runtimesDir = resolve(input.runtimesDir || env['LAMBENT_RUNTIMES_DIR'] || join(dataDir, 'runtimes'));
  const runtimeInstall = input.runtimeInstall ?? env['LAMBENT_RUNTIME_INSTALL'] ?? 'auto';
  if (runtimeInstall !== 'auto' && runtimeInstall !== 'off') throw new ConfigError('--runtime-install must be auto or off');
  const functionLogsMaxMb = Number(input.functionLogsMaxMb ?? env['LAMBENT_FUNCTION_LOGS_MAX_MB'] ?? 1024);
  if (!Number.isInteger(functionLogsMaxMb) || functionLogsMaxMb < 1) {
    throw new ConfigError('--function-logs-max-mb must be a positive integer (MB)');
  }
  const frontDoor = resolveFrontDoor(input, env);
  const iamMode = input.iam ?? env['LAMBENT_IAM'] ?? 'enforce';
  if (iamMode !== 'enforce' && iamMode !== 'audit') throw new ConfigError('--iam must be enforce or audit');
  return {
    host,
    port,
    dataDir,
    runtimesDir,
    runtimeInstall,
    credentials,
    usingDevCredentials,
    accountConcurrency,
    hostMemoryMb,
    sandboxMode: sandbox,
    functionNetwork,
    idleTimeoutMs: idleSeconds * 1000,
    asyncRetryDelayMs,
    functionLogsMaxMb,
    frontDoor,
    iamMode,
  };
}

/**
 * LAMBENT_MAX_CONNECTIONS (default 1024), LAMBENT_HEADERS_TIMEOUT and LAMBENT_BODY_TIMEOUT (seconds, default 60
 * and 30), LAMBENT_UNAUTHENTICATED_BODY_MB (default 64).
 */
function resolveFrontDoor(input: ConfigInput, env: NodeJS.ProcessEnv): FrontDoorLimits {
  const d = DEFAULT_FRONT_DOOR_LIMITS;
  const num = (v: string | number | undefined, fallback: number): number => (v === undefined || v === '' ? fallback : Number(v));
  const maxConnections = num(input.maxConnections ?? env['LAMBENT_MAX_CONNECTIONS'], d.maxConnections);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) throw new ConfigError('max connections must be a positive integer');
  const headersS = num(input.headersTimeoutSeconds ?? env['LAMBENT_HEADERS_TIMEOUT'], d.headersTimeoutMs / 1000);
  if (!(headersS > 0)) throw new ConfigError('headers timeout must be a positive number of seconds');
  const bodyS = num(input.bodyTimeoutSeconds ?? env['LAMBENT_BODY_TIMEOUT'], d.bodyTimeoutMs / 1000);
  if (!(bodyS > 0)) throw new ConfigError('body timeout must be a positive number of seconds');
  const budgetMb = num(input.unauthenticatedBodyMb ?? env['LAMBENT_UNAUTHENTICATED_BODY_MB'], d.unauthenticatedBodyBytes / 1048576);
  if (!(budgetMb > 0)) throw new ConfigError('unauthenticated body budget must be a positive number of MB');
  return {
    maxConnections,
    headersTimeoutMs: Math.round(headersS * 1000),
    bodyTimeoutMs: Math.round(bodyS * 1000),
    unauthenticatedBodyBytes: Math.round(budgetMb * 1048576),
  };
}
