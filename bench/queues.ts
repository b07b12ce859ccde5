// Queues benchmark (issue 15), written to bench/QUEUES-RESULTS.md. Run with
// `npm run bench:queues` (builds first).
//
// - SendMessageBatch throughput: messages/s with 10 messages of ~100 bytes per
//   batch, 1 and 16 concurrent loops, the JS SDK v3 (json 1.0) over HTTP
//   keep-alive, for a fixed window.
// - ReceiveMessage + DeleteMessageBatch throughput: messages/s received and
//   deleted from a prefilled queue, 1 and 16 loops.
// - SendMessage → handler start: an idle queue, an event source mapping
//   (BatchSize 1) into a Node function that computes Date.now() minus the
//   message's SentTimestamp when its handler starts and sends the figure to a
//   results queue; one message at a time, p50/p99.
// - Drain rate of a mapping into a no-op function: a prefilled queue, timed from
//   CreateEventSourceMapping until the queue is empty; BatchSize 10, and 100 with
//   a 1 s batching window.
// The SQS peers (local-aws-sqs from npm, installed on first use into
// bench/.peers/sqs; moto's server when `moto_server` is on PATH) run the same
// SQS loops; they have no Lambda event source mappings. A part that cannot run
// (a peer missing, a service not there yet) is reported with the reason.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PutRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  waitUntilFunctionActiveV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { lambdaClient, makeZip, startServer, type TestServer } from '../tests/helpers/lambent.js';
import { freePort, PEERS_DIR } from './peers.js';
import { ensureBenchRole } from './roles.js';

const REGION = 'us-east-1';
const DEV = { accessKeyId: 'test', secretAccessKey: 'test' };
const WARMUP_MS = 1_000;
const MEASURE_MS = 5_000;
/** Messages put in a queue before the receive loops (or a mapping) drain it; filling stops after PREFILL_MAX_MS. */
const PREFILL = 30_000;
const PREFILL_MAX_MS = 20_000;
const LATENCY_SAMPLES = 200;
const DRAIN_TIMEOUT_MS = 120_000;
const BODY = JSON.stringify({ bench: true, pad: 'x'.repeat(64), at: '2026-01-01T00:00:00Z' });
const RESULTS = new URL('./QUEUES-RESULTS.md', import.meta.url).pathname;
const SQS_PEER_DIR = join(PEERS_DIR, 'sqs');
const SQS_PEER_PACKAGE = 'local-aws-sqs@2';

function log(msg: string): void {
  process.stderr.write(`[bench:queues] ${msg}\n`);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}


/** One SDK client per target: keep-alive sockets, enough for 16 loops plus the harness. */
function sqsClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: REGION,
    credentials: DEV,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) }),
  });
}

// ---------------------------------------------------------------- SQS loops

interface Rate {
  messages: number;
  seconds: number;
  rate: number;
  /** Per request (a batch, or a receive + delete), ms. */
  p50: number;
  p99: number;
}

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

function reason(e: unknown): string {
  const err = e as Error & { Code?: string };
  return `${err.name || 'Error'}: ${err.message}`.split('\n')[0]?.slice(0, 200) ?? String(e);
}

async function attempt<T>(what: string, f: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    log(`${what}: ${reason(e)}`);
    return { ok: false, reason: reason(e) };
  }
}

async function createQueue(sqs: SQSClient, name: string): Promise<string> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl;
  if (!url) throw new Error('CreateQueue returned no QueueUrl');
  return url;
}

function batch(i: number): { Id: string; MessageBody: string }[] {
  return Array.from({ length: 10 }, (_, k) => ({ Id: `m${k}`, MessageBody: `${BODY}${i}` }));
}

async function sendBatch(sqs: SQSClient, url: string, i: number): Promise<void> {
  const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: batch(i) }));
  if ((out.Failed?.length ?? 0) > 0) throw new Error(`SendMessageBatch: ${out.Failed?.length} entries failed`);
}

/** `concurrency` loops of `step` (resolving with how many messages it handled) until `untilMs`. */
async function loops(concurrency: number, untilMs: number, step: () => Promise<number>, samples?: number[]): Promise<number> {
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < untilMs) {
        const t0 = performance.now();
        const k = await step();
        samples?.push(performance.now() - t0);
        if (k < 0) return; // the loop has nothing more to do (queue empty)
        n += k;
      }
    }),
  );
  return n;
}

function rate(messages: number, t0: number, t1: number, samples: number[]): Rate {
  samples.sort((a, b) => a - b);
  const seconds = (t1 - t0) / 1000;
  return { messages, seconds, rate: messages / seconds, p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function measureSend(sqs: SQSClient, queue: string, concurrency: number): Promise<Rate> {
  const url = await createQueue(sqs, queue);
  let i = 0;
  await loops(concurrency, performance.now() + WARMUP_MS, async () => (await sendBatch(sqs, url, i++), 10));
  const samples: number[] = [];
  const t0 = performance.now();
  const n = await loops(concurrency, t0 + MEASURE_MS, async () => (await sendBatch(sqs, url, i++), 10), samples);
  return rate(n, t0, performance.now(), samples);
}

/** Fills a queue with PREFILL messages (16 loops), or as many as PREFILL_MAX_MS allows. */
async function prefill(sqs: SQSClient, url: string): Promise<number> {
  let sent = 0;
  let i = 0;
  const until = performance.now() + PREFILL_MAX_MS;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (sent < PREFILL && performance.now() < until) {
        sent += 10;
        await sendBatch(sqs, url, i++);
      }
    }),
  );
  return sent;
}

async function measureReceive(sqs: SQSClient, queue: string, concurrency: number): Promise<Rate & { prefilled: number }> {
  const url = await createQueue(sqs, queue);
  const prefilled = await prefill(sqs, url);
  const step = async (): Promise<number> => {
    const got = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }))).Messages ?? [];
    if (got.length === 0) return -1;
    const out = await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: url, Entries: got.map((m, k) => ({ Id: `d${k}`, ReceiptHandle: m.ReceiptHandle ?? '' })) }),
    );
    if ((out.Failed?.length ?? 0) > 0) throw new Error(`DeleteMessageBatch: ${out.Failed?.length} entries failed`);
    return got.length;
  };
  const samples: number[] = [];
  const t0 = performance.now();
  const n = await loops(concurrency, t0 + MEASURE_MS, step, samples);
  return { ...rate(n, t0, performance.now(), samples), prefilled };
}

interface SqsFigures {
  send1: Result<Rate>;
  send16: Result<Rate>;
  receive1: Result<Rate & { prefilled: number }>;
  receive16: Result<Rate & { prefilled: number }>;
}

async function measureSqs(name: string, endpoint: string): Promise<SqsFigures> {
  const sqs = sqsClient(endpoint);
  try {
    log(`${name}: SendMessageBatch, 1 loop`);
    const send1 = await attempt(`${name} send c=1`, () => measureSend(sqs, 'bench-send-1', 1));
    log(`${name}: SendMessageBatch, 16 loops`);
    const send16 = await attempt(`${name} send c=16`, () => measureSend(sqs, 'bench-send-16', 16));
    log(`${name}: ReceiveMessage + DeleteMessageBatch, 1 loop`);
    const receive1 = await attempt(`${name} receive c=1`, () => measureReceive(sqs, 'bench-receive-1', 1));
    log(`${name}: ReceiveMessage + DeleteMessageBatch, 16 loops`);
    const receive16 = await attempt(`${name} receive c=16`, () => measureReceive(sqs, 'bench-receive-16', 16));
    return { send1, send16, receive1, receive16 };
  } finally {
    sqs.destroy();
  }
}

// ---------------------------------------------------------------- Lambent: event source mappings

/** Handler start minus SentTimestamp, per record, sent to RESULTS_URL (after the figure is taken). */
const LATENCY_SOURCE = `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const now = Date.now();
  const figures = event.Records.map((r) => now - Number(r.attributes.SentTimestamp));
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.RESULTS_URL, MessageBody: JSON.stringify(figures) }));
  return {};
};
`;
const NOOP_SOURCE = 'exports.handler = async () => ({});\n';

interface EsmFigures {
  latency: Result<{ p50: number; p99: number; n: number }>;
  drain10: Result<{ messages: number; seconds: number; rate: number }>;
  drain100: Result<{ messages: number; seconds: number; rate: number }>;
}

async function createFunction(lambda: LambdaClient, url: string, name: string, source: string, env: Record<string, string> = {}): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: await ensureBenchRole(url),
      Code: { ZipFile: makeZip({ 'index.js': source }) },
      MemorySize: 512,
      // At most the queues' visibility timeout (30 s by default), which Lambda requires of a mapped function.
      Timeout: 10,
      Environment: { Variables: env },
    }),
  );
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60, minDelay: 1 }, { FunctionName: name });
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = a.Attributes?.['QueueArn'];
  if (!arn) throw new Error('GetQueueAttributes returned no QueueArn');
  return arn;
}

/** Creates a mapping and waits until Lambda reports it Enabled; resolves with its UUID. */
async function createMapping(lambda: LambdaClient, fn: string, arn: string, batchSize: number, windowSeconds: number): Promise<string> {
  const m = await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: fn,
      EventSourceArn: arn,
      BatchSize: batchSize,
      ...(windowSeconds > 0 ? { MaximumBatchingWindowInSeconds: windowSeconds } : {}),
    }),
  );
  const uuid = m.UUID;
  if (!uuid) throw new Error('CreateEventSourceMapping returned no UUID');
  const end = Date.now() + 30_000;
  while ((await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State !== 'Enabled') {
    if (Date.now() > end) throw new Error('the mapping did not become Enabled within 30 s');
    await sleep(100);
  }
  return uuid;
}

async function measureLatency(lambda: LambdaClient, sqs: SQSClient, url: string): Promise<{ p50: number; p99: number; n: number }> {
  const source = await createQueue(sqs, 'bench-latency');
  const results = await createQueue(sqs, 'bench-latency-results');
  await createFunction(lambda, url, 'bench-latency', LATENCY_SOURCE, { RESULTS_URL: results });
  const uuid = await createMapping(lambda, 'bench-latency', await queueArn(sqs, source), 1, 0);
  const one = async (): Promise<number[]> => {
    await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: BODY }));
    const end = Date.now() + 30_000;
    while (Date.now() < end) {
      const got = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: results, MaxNumberOfMessages: 1, WaitTimeSeconds: 5 }))).Messages ?? [];
      const m = got[0];
      if (!m) continue;
      await sqs.send(new DeleteMessageCommand({ QueueUrl: results, ReceiptHandle: m.ReceiptHandle ?? '' }));
      return JSON.parse(m.Body ?? '[]') as number[];
    }
    throw new Error('no figure from the function within 30 s');
  };
  try {
    // The first one includes the cold start: not counted.
    await one();
    const figures: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      figures.push(...(await one()));
      // The queue is idle when the next message is sent: the poller waits in its long poll.
      await sleep(20);
    }
    figures.sort((a, b) => a - b);
    return { p50: percentile(figures, 50), p99: percentile(figures, 99), n: figures.length };
  } finally {
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
  }
}

async function backlog(sqs: SQSClient, url: string): Promise<number> {
  const a = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(a.Attributes?.['ApproximateNumberOfMessages'] ?? 0) + Number(a.Attributes?.['ApproximateNumberOfMessagesNotVisible'] ?? 0);
}

async function measureDrain(lambda: LambdaClient, sqs: SQSClient, batchSize: number, windowSeconds: number): Promise<{ messages: number; seconds: number; rate: number }> {
  const url = await createQueue(sqs, `bench-drain-${batchSize}`);
  const messages = await prefill(sqs, url);
  const t0 = performance.now();
  const uuid = await createMapping(lambda, 'bench-noop', await queueArn(sqs, url), batchSize, windowSeconds);
  try {
    const end = Date.now() + DRAIN_TIMEOUT_MS;
    let left = await backlog(sqs, url);
    while (left > 0) {
      if (Date.now() > end) {
        const seconds = (performance.now() - t0) / 1000;
        log(`drain (batch ${batchSize}) did not finish within ${DRAIN_TIMEOUT_MS / 1000} s; ${left} left`);
        return { messages: messages - left, seconds, rate: (messages - left) / seconds };
      }
      await sleep(50);
      left = await backlog(sqs, url);
    }
    const seconds = (performance.now() - t0) / 1000;
    return { messages, seconds, rate: messages / seconds };
  } finally {
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
  }
}

/** The role's policy for the bench: the pollers read and delete, the latency function sends its figures. */
async function allowSqs(url: string): Promise<void> {
  const iam = new IAMClient({ endpoint: url, region: REGION, credentials: DEV });
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] };
  await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'bench-sqs', PolicyDocument: JSON.stringify(policy) }));
  iam.destroy();
}

async function measureLambent(): Promise<{ sqs: SqsFigures; esm: EsmFigures }> {
  // Functions share the host's network so the results queue's URL (the bench's) works inside them too.
  const server: TestServer = await startServer({ args: ['--function-network', 'host', '--idle-timeout', '300'] });
  try {
    const sqsFigures = await measureSqs('Lambent', server.url);
    const lambda = lambdaClient(server.url);
    const sqs = sqsClient(server.url);
    try {
      await ensureBenchRole(server.url);
      await allowSqs(server.url);
      log('Lambent: SendMessage → handler start through an event source mapping');
      const latency = await attempt('latency', () => measureLatency(lambda, sqs, server.url));
      const noop = await attempt('no-op function', () => createFunction(lambda, server.url, 'bench-noop', NOOP_SOURCE));
      const skipped = { ok: false as const, reason: noop.ok ? '' : noop.reason };
      log('Lambent: mapping drain, BatchSize 10');
      const drain10 = noop.ok ? await attempt('drain 10', () => measureDrain(lambda, sqs, 10, 0)) : skipped;
      log('Lambent: mapping drain, BatchSize 100, window 1 s');
      const drain100 = noop.ok ? await attempt('drain 100', () => measureDrain(lambda, sqs, 100, 1)) : skipped;
      return { sqs: sqsFigures, esm: { latency, drain10, drain100 } };
    } finally {
      lambda.destroy();
      sqs.destroy();
    }
  } finally {
    await server.dispose();
  }
}

// ---------------------------------------------------------------- peers

interface SqsPeer {
  name: string;
  endpoint: string;
  stop(): Promise<void>;
}

function installSqsPeer(): Promise<string | undefined> {
  if (existsSync(join(SQS_PEER_DIR, 'node_modules', 'local-aws-sqs', 'package.json'))) return Promise.resolve(undefined);
  mkdirSync(SQS_PEER_DIR, { recursive: true });
  log(`installing ${SQS_PEER_PACKAGE} into ${SQS_PEER_DIR} (first run only)`);
  return new Promise((resolve) => {
    execFile('npm', ['install', '--prefix', SQS_PEER_DIR, '--no-audit', '--no-fund', SQS_PEER_PACKAGE], { timeout: 300_000, maxBuffer: 16 << 20 }, (err, _o, stderr) =>
      resolve(err ? `npm install failed: ${(stderr || err.message).trim().split('\n').slice(-2).join(' ')}` : undefined),
    );
  });
}

/** Spawns a peer server and waits until its port answers HTTP. */
async function launch(name: string, file: string, argv: string[], port: number, cwd: string): Promise<ChildProcess> {
  const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-2000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-2000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const end = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited: ${out.trim().split('\n').slice(-3).join(' ')}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return child;
    } catch {
      if (Date.now() > end) {
        child.kill('SIGKILL');
        throw new Error(`${name} did not answer within 30 s`);
      }
      await sleep(100);
    }
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
}

async function startLocalAwsSqs(): Promise<Result<SqsPeer>> {
  const installed = await installSqsPeer();
  if (installed) return { ok: false, reason: installed };
  return attempt('local-aws-sqs', async () => {
    const port = await freePort();
    const script = `require('local-aws-sqs').createSqsServer({ port: ${port}, hostname: '127.0.0.1' })`;
    const child = await launch('local-aws-sqs', process.execPath, ['-e', script], port, SQS_PEER_DIR);
    return { name: 'local-aws-sqs', endpoint: `http://127.0.0.1:${port}`, stop: stopper(child) };
  });
}

async function startMoto(): Promise<Result<SqsPeer>> {
  const bin = (process.env['PATH'] ?? '').split(':').map((d) => join(d, 'moto_server')).find((p) => existsSync(p));
  if (!bin) return { ok: false, reason: 'moto_server is not on PATH (pip install "moto[server]")' };
  return attempt('moto', async () => {
    const port = await freePort();
    const child = await launch('moto', bin, ['-H', '127.0.0.1', '-p', String(port)], port, process.cwd());
    return { name: 'moto', endpoint: `http://127.0.0.1:${port}`, stop: stopper(child) };
  });
}

function versionOf(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => execFile(cmd, args, { timeout: 30_000 }, (err, out) => resolve(err ? '' : out.trim().split('\n')[0] ?? '')));
}

// ---------------------------------------------------------------- report

function machine(): string {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    /* os.cpus() */
  }
  return `- Kernel: ${release()}\n- CPU: ${cpu}\n- Cores: ${cpus().length}\n- RAM: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB\n- Node: ${process.version}`;
}

function cell<T>(r: Result<T> | undefined, show: (v: T) => string): string {
  if (!r) return '—';
  return r.ok ? show(r.value) : `not measured (${r.reason.replace(/\|/g, '/')})`;
}

const perSecond = (v: { rate: number }): string => `${v.rate.toFixed(0)} /s`;
const withLatency = (v: Rate): string => `${v.rate.toFixed(0)} /s (request p50 ${v.p50.toFixed(1)} ms)`;

async function main(): Promise<void> {
  const began = performance.now();
  const lambent = await attempt('Lambent', measureLambent);
  const peers: { name: string; figures: Result<SqsFigures> }[] = [];
  for (const start of [startLocalAwsSqs, startMoto]) {
    const peer = await start();
    if (!peer.ok) {
      peers.push({ name: start === startMoto ? 'moto' : 'local-aws-sqs', figures: peer });
      continue;
    }
    try {
      peers.push({ name: peer.value.name, figures: { ok: true, value: await measureSqs(peer.value.name, peer.value.endpoint) } });
    } finally {
      await peer.value.stop();
    }
  }
  const motoVersion = await versionOf('python3', ['-c', 'import moto; print(moto.__version__)']);
  const sqsOf = (r: Result<SqsFigures>): SqsFigures | undefined => (r.ok ? r.value : undefined);
  const lSqs = lambent.ok ? lambent.value.sqs : undefined;
  const esm = lambent.ok ? lambent.value.esm : undefined;
  const peerCells = (pick: (f: SqsFigures) => string): string =>
    peers.map((p) => (p.figures.ok ? pick(p.figures.value) : `not run (${p.figures.reason.replace(/\|/g, '/')})`)).join(' | ');
  const row = (metric: string, pick: (f: SqsFigures) => string, target: string): string =>
    `| ${metric} | ${lSqs ? pick(lSqs) : cell(lambent, () => '')} | ${peerCells(pick)} | ${target} |`;
  const noPeer = peers.map(() => 'n/a (no event source mappings)').join(' | ');
  const md = `# Lambent queues benchmark

Generated by \`npm run bench:queues\` (bench/queues.ts) on ${new Date().toISOString()}; the run took ${((performance.now() - began) / 1000).toFixed(0)} s.

## Machine

${machine()}

## Results

| Metric | Lambent | ${peers.map((p) => p.name).join(' | ')} | Target |
|---|---:|${peers.map(() => '---:').join('|')}|---:|
${row('SendMessageBatch messages/s, 1 loop', (f) => cell(f.send1, withLatency), '')}
${row('SendMessageBatch messages/s, 16 loops', (f) => cell(f.send16, withLatency), '≥ 10,000 /s')}
${row('ReceiveMessage + DeleteMessageBatch messages/s, 1 loop', (f) => cell(f.receive1, perSecond), '')}
${row('ReceiveMessage + DeleteMessageBatch messages/s, 16 loops', (f) => cell(f.receive16, perSecond), '')}
| SendMessage → handler start, idle queue (mapping, BatchSize 1) | ${cell(esm?.latency, (v) => `p50 ${v.p50} ms, p99 ${v.p99} ms (${v.n} messages)`)} | ${noPeer} | p50 ≤ 20 ms |
| Mapping drain into a no-op function, BatchSize 10 | ${cell(esm?.drain10, (v) => `${perSecond(v)} (${v.messages} in ${v.seconds.toFixed(1)} s)`)} | ${noPeer} | ≥ 3,000 /s |
| Mapping drain, BatchSize 100, batching window 1 s | ${cell(esm?.drain100, (v) => `${perSecond(v)} (${v.messages} in ${v.seconds.toFixed(1)} s)`)} | ${noPeer} | ≥ 3,000 /s |

${peers.map((p) => {
    const f = sqsOf(p.figures);
    return `- ${p.name}: ${f ? `prefilled ${f.receive16.ok ? f.receive16.value.prefilled : '?'} messages for the 16-loop receive` : 'not run'}.`;
  }).join('\n')}
${lSqs?.receive16.ok ? `- Lambent: prefilled ${lSqs.receive16.value.prefilled} messages for the 16-loop receive.` : ''}

## Method

- **Clients.** The AWS SDK for JavaScript v3 (\`@aws-sdk/client-sqs\`, json 1.0 protocol, its MD5 checks on), one
  client per target over a keep-alive \`http.Agent\`, root keys of the dev account. Client and servers share the
  machine's ${cpus().length} cores.
- **Sending.** 1 or 16 concurrent loops each send \`SendMessageBatch\` with 10 messages of ${BODY.length + 3} bytes;
  ${WARMUP_MS} ms of warm-up, then ${MEASURE_MS} ms measured; messages/s = 10 × batches answered. Lambent answers a
  send once the messages are durable.
- **Receiving.** A queue is first filled with up to ${PREFILL} messages (16 loops, at most ${PREFILL_MAX_MS / 1000} s), then
  1 or 16 loops each \`ReceiveMessage\` (MaxNumberOfMessages 10, no wait) and \`DeleteMessageBatch\` what they got, for
  ${MEASURE_MS} ms or until a receive comes back empty; messages/s = messages received and deleted.
- **SendMessage → handler start.** \`lambent start --function-network host\`; a Node.js 20 function (512 MB) mapped to an
  idle queue with BatchSize 1 takes \`Date.now()\` as its handler starts and subtracts the record's \`SentTimestamp\`
  (Lambent's clock when it accepted the message: the same machine), then sends the figure to a results queue the bench
  reads. One message at a time, ${LATENCY_SAMPLES} of them after one that takes the cold start.
- **Mapping drain.** A queue filled as above, then \`CreateEventSourceMapping\` into \`${NOOP_SOURCE.trim()}\` (512 MB);
  timed from the create call until \`ApproximateNumberOfMessages\` + \`ApproximateNumberOfMessagesNotVisible\` is 0.
- **Peers.** ${SQS_PEER_PACKAGE} (npm; in memory, no authentication), run in its own Node process, installed into
  bench/.peers/sqs on first use; moto's server${motoVersion ? ` ${motoVersion}` : ''} (Python; in memory) when
  \`moto_server\` is on PATH. ElasticMQ (JVM) is not in Debian's archive here; neither has Lambda event source mappings.
`;
  writeFileSync(RESULTS, md);
  process.stdout.write(md);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
