// Runs the AWS CLI against a test server as a user would: dev credentials (unless given), the test region, no pager,
// no instance-metadata lookups, JSON output, and `--endpoint-url` (older CLI v2 releases ignore AWS_ENDPOINT_URL).
import { spawnSync } from 'node:child_process';
import { TEST_REGION } from './lambent.js';

export interface CliResult {
  status: number | null;
  out: string;
  err: string;
  json: () => Record<string, unknown>;
}

export interface CliOptions {
  /** The CLI binary (default `aws` on PATH: pip's v1 here; `/usr/bin/aws` is Debian's v2). */
  bin?: string;
  /** AWS_MAX_ATTEMPTS (default 1: no retries, so a refusal shows at once). */
  maxAttempts?: number;
  accessKeyId?: string;
  secretAccessKey?: string;
  env?: Record<string, string>;
}

/** `aws SERVICE ARGS… --endpoint-url URL --output json`. */
export function awsCli(endpoint: string, service: string, args: readonly string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(opts.bin ?? 'aws', [service, ...args, '--endpoint-url', endpoint, '--output', 'json'], {
    encoding: 'utf8',
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: opts.accessKeyId ?? 'test',
      AWS_SECRET_ACCESS_KEY: opts.secretAccessKey ?? 'test',
      AWS_DEFAULT_REGION: TEST_REGION,
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: String(opts.maxAttempts ?? 1),
      ...opts.env,
    },
  });
  return { status: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}
