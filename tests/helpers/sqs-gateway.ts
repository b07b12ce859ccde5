// A real gateway serving only SQS over the real queue engine (SQLite in memory), for tests of the SQS service with
// real clients that do not need a whole Lambent.
import { request } from 'node:http';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@smithy/core/checksum';
import type { Authorizer } from '../../src/services/identity.js';
import { createSqsService, QueuePolicies, type SqsDeps } from '../../src/services/sqs/index.js';
import { ALLOW_ALL, rootKeyIdentities, serveGateway, type ServedGateway } from './gateway.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { QueueStore } from '../../src/store/queue-types.js';

export const SQS_KEYS = { accessKeyId: 'AKIDSQSTEST', secretAccessKey: 'sqs-test-secret' };
export const SQS_ACCOUNT = '000000000000';

export interface SqsGateway extends ServedGateway {
  queues: QueueStore;
  /** What the gateway logged as internal errors (a test expecting none checks it is empty). */
  internalErrors: string[];
  client(opts?: { maxAttempts?: number }): SQSClient;
}

export async function serveSqs(opts: { authorizer?: Authorizer; now?: () => number } = {}): Promise<SqsGateway> {
  const store = new SqliteStore(':memory:', opts.now ? { queues: { now: opts.now } } : {});
  const queues = store.queues;
  await queues.open();
  const deps: SqsDeps = { queues, policies: new QueuePolicies(queues) };
  if (opts.now) deps.now = opts.now;
  const sqs = createSqsService(deps);
  const internalErrors: string[] = [];
  const served = await serveGateway({
    services: [sqs],
    identities: rootKeyIdentities([{ ...SQS_KEYS, accountId: SQS_ACCOUNT }]),
    authorizer: opts.authorizer ?? ALLOW_ALL,
    logger: { warn: () => undefined, error: (m, e) => void internalErrors.push(`${m} ${String(e)}`) },
  });
  return {
    ...served,
    queues,
    internalErrors,
    client: (o = {}) =>
      new SQSClient({ endpoint: served.endpoint, region: 'us-east-1', credentials: SQS_KEYS, maxAttempts: o.maxAttempts ?? 1 }),
    async close() {
      sqs.stop();
      await served.close();
      await store.close();
    },
  };
}

export interface RawAnswer {
  status: number;
  text: string;
  headers: Record<string, unknown>;
}

/** A POST signed for sqs as boto3 and the CLIs sign (no x-amz-content-sha256), sent as is: for raw wire tests. */
export async function signedPost(endpoint: string, path: string, body: string, headers: Record<string, string>): Promise<RawAnswer> {
  const u = new URL(endpoint);
  const signer = new SignatureV4({ service: 'sqs', region: 'us-east-1', sha256: Sha256, applyChecksum: false, credentials: SQS_KEYS });
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path, query: {}, headers: { host: u.host, ...headers }, body });
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: 'POST', path, headers: signed.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
