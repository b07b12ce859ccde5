// Concurrency, throttling, provisioned concurrency and host capacity end to
// end, through the AWS SDK. Handlers block on a barrier: they call a small
// HTTP server in this process (sandboxes share the host network) that holds
// each request until the test releases it, so the test knows exactly how many
// invocations are running at once without timing assumptions.
//
// Three servers: one with AWS's defaults (account limit 1000), one with an
// account limit of 2, one whose environments may hold only 256 MB.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  ListProvisionedConcurrencyConfigsCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  PutProvisionedConcurrencyConfigCommand,
  waitUntilFunctionActiveV2,
  type CreateFunctionCommandInput,
  type InvokeCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { deployFunction, expectError, lambdaClient, makeZip, startServer, tempDir, TEST_ROLE, type TestServer } from '../helpers/lambent.js';

// These functions report to a collector on the host's 127.0.0.1, which only the host network mode lets them reach
// (every environment otherwise has a network namespace of its own: tests/security/isolation.test.ts).
const HOST_NET = ['--function-network', 'host'];

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:';

// ------------------------------------------------------------- barrier

/** Requests held per key until released. */
const held = new Map<string, ServerResponse[]>();
/** How many requests ever arrived per key. */
const arrived = new Map<string, number>();
let barrier: Server;
let barrierPort = 0;

function onBarrier(req: IncomingMessage, res: ServerResponse): void {
  const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
  arrived.set(key, (arrived.get(key) ?? 0) + 1);
  const list = held.get(key) ?? [];
  list.push(res);
  held.set(key, list);
}

function release(key: string): void {
  for (const res of held.get(key)?.splice(0) ?? []) res.end('go');
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const waitArrivals = (key: string, n: number): Promise<true> =>
  waitFor(`${n} invocation(s) at barrier ${key}`, () => (arrived.get(key) ?? 0) >= n || undefined);

/** `{ wait: key }` blocks on the barrier; the result tells how the environment was initialized. */
const HANDLER = () => `exports.handler = async (event) => {
  if (event.wait) await (await fetch('http://127.0.0.1:${barrierPort}/?key=' + event.wait)).text();
  return { initType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE, version: process.env.AWS_LAMBDA_FUNCTION_VERSION };
};`;

const deploy = (client: LambdaClient, name: string, extra: Partial<CreateFunctionCommandInput> = {}): Promise<void> =>
  deployFunction(client, name, { 'index.js': HANDLER() }, { MemorySize: 128, ...extra });

function invoke(client: LambdaClient, name: string, event: unknown, extra: { tail?: boolean } = {}): Promise<InvokeCommandOutput> {
  return client.send(
    new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), ...(extra.tail ? { LogType: 'Tail' } : {}) }),
  );
}

const payloadOf = (out: InvokeCommandOutput): { initType: string; version: string } =>
  JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')) as { initType: string; version: string };
const tailOf = (out: InvokeCommandOutput): string => Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');



async function expectThrottle(p: Promise<unknown>, reason: string): Promise<void> {
  const e = await expectError(p, 'TooManyRequestsException', 'Rate Exceeded.');
  assert.equal(e.Reason, reason);
  assert.equal(e.$metadata?.httpStatusCode, 429);
  assert.equal(e.retryAfterSeconds, '1');
}

before(async () => {
  barrier = createServer(onBarrier);
  await new Promise<void>((r) => barrier.listen(0, '127.0.0.1', () => r()));
  barrierPort = (barrier.address() as AddressInfo).port;
});

after(async () => {
  for (const key of held.keys()) release(key);
  barrier.close();
  barrier.closeAllConnections();
});

// ------------------------------------------------------------- AWS defaults

describe('reserved and provisioned concurrency (account limit 1000)', () => {
  let server: TestServer;
  let lambda: LambdaClient;

  before(async () => {
    server = await startServer({ args: [...HOST_NET, '--async-retry-delay-ms', '200'] });
    lambda = lambdaClient(server.url);
  });
  after(async () => {
    for (const key of held.keys()) release(key);
    await server?.dispose();
  });

  test('reserved concurrency 0 throttles every invocation', async () => {
    await deploy(lambda, 'stopped');
    const put = await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'stopped', ReservedConcurrentExecutions: 0 }));
    assert.equal(put.ReservedConcurrentExecutions, 0);
    await expectThrottle(invoke(lambda, 'stopped', {}), 'ReservedFunctionConcurrentInvocationLimitExceeded');
  });

  test('reserved concurrency N runs exactly N at once, across versions, and throttles the next', async () => {
    await deploy(lambda, 'two', { Publish: true });
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'two', ReservedConcurrentExecutions: 2 }));
    const first = invoke(lambda, 'two', { wait: 'two' });
    const second = invoke(lambda, 'two:1', { wait: 'two' });
    await waitArrivals('two', 2);
    await expectThrottle(invoke(lambda, 'two', {}), 'ReservedFunctionConcurrentInvocationLimitExceeded');
    release('two');
    assert.equal((await first).StatusCode, 200);
    assert.equal(payloadOf(await second).version, '1');
    // Slots are given back when invocations end.
    assert.equal((await invoke(lambda, 'two', {})).StatusCode, 200);
  });

  test('Get/Delete round trip; GetFunction reports the reservation', async () => {
    await deploy(lambda, 'roundtrip');
    assert.equal((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'roundtrip' }))).ReservedConcurrentExecutions, undefined);
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: `${ARN}roundtrip`, ReservedConcurrentExecutions: 3 }));
    assert.equal((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'roundtrip' }))).ReservedConcurrentExecutions, 3);
    assert.deepEqual((await lambda.send(new GetFunctionCommand({ FunctionName: 'roundtrip' }))).Concurrency, { ReservedConcurrentExecutions: 3 });
    const del = await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'roundtrip' }));
    assert.equal(del.$metadata.httpStatusCode, 204);
    assert.equal((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'roundtrip' }))).ReservedConcurrentExecutions, undefined);
    assert.equal((await lambda.send(new GetFunctionCommand({ FunctionName: 'roundtrip' }))).Concurrency, undefined);
    await expectError(
      lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'roundtrip:1', ReservedConcurrentExecutions: 1 })),
      'InvalidParameterValueException',
      'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.',
    );
    await expectError(
      lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'nope', ReservedConcurrentExecutions: 1 })),
      'ResourceNotFoundException',
      `Function not found: ${ARN}nope:$LATEST`,
    );
  });

  test('the unreserved pool never drops below 100', async () => {
    await deploy(lambda, 'greedy');
    const settings = async (): Promise<{ total: number; unreserved: number }> => {
      const s = await lambda.send(new GetAccountSettingsCommand({}));
      return { total: s.AccountLimit?.ConcurrentExecutions ?? 0, unreserved: s.AccountLimit?.UnreservedConcurrentExecutions ?? 0 };
    };
    const before = await settings();
    assert.equal(before.total, 1000);
    await expectError(
      lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'greedy', ReservedConcurrentExecutions: before.unreserved - 99 })),
      'InvalidParameterValueException',
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    );
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'greedy', ReservedConcurrentExecutions: before.unreserved - 100 }));
    assert.equal((await settings()).unreserved, 100);
    // Deleting the function gives its reservation back.
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'greedy' }));
    assert.equal((await settings()).unreserved, before.unreserved);
  });

  test('provisioned concurrency reaches READY and serves without init; spill-over runs on demand', async () => {
    await deploy(lambda, 'warm', { Publish: true });
    await expectError(
      lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'warm', Qualifier: '$LATEST', ProvisionedConcurrentExecutions: 1 })),
      'InvalidParameterValueException',
      'Provisioned Concurrency Configs cannot be applied to unpublished function versions.',
    );
    await expectError(
      lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'warm', Qualifier: '1' })),
      'ProvisionedConcurrencyConfigNotFoundException',
      'No Provisioned Concurrency Config found for this function',
    );
    const put = await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'warm', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
    assert.equal(put.$metadata.httpStatusCode, 202);
    assert.equal(put.RequestedProvisionedConcurrentExecutions, 1);
    // To the second, as AWS writes it here (a function's LastModified has milliseconds).
    assert.match(put.LastModified ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    const ready = await waitFor('READY', async () => {
      const got = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'warm', Qualifier: '1' }));
      return got.Status === 'READY' && got;
    });
    assert.equal(ready.AllocatedProvisionedConcurrentExecutions, 1);
    assert.equal(ready.AvailableProvisionedConcurrentExecutions, 1);
    const list = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'warm' }));
    assert.deepEqual(list.ProvisionedConcurrencyConfigs?.map((c) => [c.FunctionArn, c.Status]), [[`${ARN}warm:1`, 'READY']]);

    // The provisioned environment serves first, with no init on the invocation's path.
    const held1 = invoke(lambda, 'warm:1', { wait: 'warm' }, { tail: true });
    await waitArrivals('warm', 1);
    // It is busy: the next invocation spills over to an on-demand environment.
    const spill = await invoke(lambda, 'warm:1', {}, { tail: true });
    assert.equal(payloadOf(spill).initType, 'on-demand');
    assert.match(tailOf(spill), /Init Duration/);
    release('warm');
    const served = await held1;
    assert.deepEqual(payloadOf(served), { initType: 'provisioned-concurrency', version: '1' });
    assert.match(tailOf(served), /REPORT RequestId/);
    assert.doesNotMatch(tailOf(served), /Init Duration/);

    await lambda.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: 'warm', Qualifier: '1' }));
    await expectError(
      lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'warm', Qualifier: '1' })),
      'ProvisionedConcurrencyConfigNotFoundException',
    );
  });

  test('provisioned concurrency on an alias: AWS conflicts and not-found errors; it goes with the alias', async () => {
    await deploy(lambda, 'aliased', { Publish: true });
    await lambda.send(new CreateAliasCommand({ FunctionName: 'aliased', Name: 'live', FunctionVersion: '1' }));
    await expectError(
      lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'aliased', Qualifier: 'nope' })),
      'ResourceNotFoundException',
      `Cannot find alias arn: ${ARN}aliased:nope`,
    );
    await expectError(
      lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'aliased', Qualifier: '7', ProvisionedConcurrentExecutions: 1 })),
      'ResourceNotFoundException',
      `Function not found: ${ARN}aliased:7`,
    );
    await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'aliased', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
    await expectError(
      lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'aliased', Qualifier: 'live', ProvisionedConcurrentExecutions: 1 })),
      'ResourceConflictException',
      "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
    );
    await lambda.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: 'aliased', Qualifier: '1' }));
    await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'aliased', Qualifier: 'live', ProvisionedConcurrentExecutions: 1 }));
    await expectError(
      lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'aliased', Qualifier: '1', ProvisionedConcurrentExecutions: 1 })),
      'ResourceConflictException',
      'Version is pointed by a Provisioned Concurrency alias',
    );
    await waitFor('READY', async () => (await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'aliased', Qualifier: 'live' }))).Status === 'READY');
    assert.equal(payloadOf(await invoke(lambda, 'aliased:live', {})).initType, 'provisioned-concurrency');
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'aliased', Name: 'live' }));
    const list = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'aliased' }));
    assert.deepEqual(list.ProvisionedConcurrencyConfigs, []);
    assert.equal(payloadOf(await invoke(lambda, 'aliased:1', {})).initType, 'on-demand');
  });

  test('provisioned concurrency counts against the reservation: $LATEST is throttled, the version runs', async () => {
    await deploy(lambda, 'block', { Publish: true });
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'block', ReservedConcurrentExecutions: 1 }));
    await expectError(
      lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'block', Qualifier: '1', ProvisionedConcurrentExecutions: 2 })),
      'InvalidParameterValueException',
      'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
    );
    await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'block', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
    await expectThrottle(invoke(lambda, 'block', {}), 'ReservedFunctionConcurrentInvocationLimitExceeded');
    await waitFor('READY', async () => (await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'block', Qualifier: '1' }))).Status === 'READY');
    assert.equal(payloadOf(await invoke(lambda, 'block:1', {})).initType, 'provisioned-concurrency');
    await expectError(
      lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'block', ReservedConcurrentExecutions: 0 })),
      'InvalidParameterValueException',
      " ReservedConcurrentExecutions  0 should not be lower than function's total provisioned concurrency [1].",
    );
  });

  test('a throttled Event invocation is not lost and is not counted as an attempt', async () => {
    await deploy(lambda, 'queued');
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'queued', ReservedConcurrentExecutions: 1 }));
    // No retries at all: a throttle counted as an attempt would drop the event.
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'queued', MaximumRetryAttempts: 0 }));
    const throttles = async (): Promise<number> =>
      ((await (await fetch(`${server.url}/health`)).json()) as { environments: { throttles: number } }).environments.throttles;
    const busy = invoke(lambda, 'queued', { wait: 'queued-sync' });
    await waitArrivals('queued-sync', 1);
    const before = await throttles();
    const accepted = await lambda.send(
      new InvokeCommand({ FunctionName: 'queued', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ wait: 'queued-event' })) }),
    );
    assert.equal(accepted.StatusCode, 202);
    // While the only slot is taken the event cannot run; once it is free, the event runs.
    await waitFor('the event to be throttled', async () => (await throttles()) > before);
    assert.equal(arrived.get('queued-event') ?? 0, 0);
    release('queued-sync');
    await busy;
    await waitArrivals('queued-event', 1);
    release('queued-event');
  });

  test('the async queue runs no more events of a function at once than its reservation', async () => {
    await deploy(lambda, 'lane');
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'lane', ReservedConcurrentExecutions: 2 }));
    const health = async (): Promise<{ throttles: number; concurrent: number }> => {
      const h = (await (await fetch(`${server.url}/health`)).json()) as { environments: { throttles: number; concurrentExecutions: number } };
      return { throttles: h.environments.throttles, concurrent: h.environments.concurrentExecutions };
    };
    // Earlier tests' invocations have all returned.
    const before = await waitFor('no invocation running', async () => {
      const h = await health();
      return h.concurrent === 0 && h;
    });
    for (let i = 0; i < 5; i++) {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'lane', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ wait: 'lane' })) }));
      assert.equal(out.StatusCode, 202);
    }
    // Two run; the other three wait in the queue instead of being started and throttled.
    await waitArrivals('lane', 2);
    const during = await health();
    assert.equal(during.throttles, before.throttles);
    assert.equal(during.concurrent, 2);
    assert.equal(arrived.get('lane'), 2);
    release('lane');
    await waitArrivals('lane', 4);
    release('lane');
    await waitArrivals('lane', 5);
    release('lane');
    assert.equal((await health()).throttles, before.throttles);
  });

  test('an Event invocation of a function reserved at 0 goes to the failure path (ZeroReservedConcurrency)', async () => {
    // The destination reports the record's condition and invoke count through the barrier.
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'zero-sink',
        Runtime: 'nodejs20.x',
        Role: TEST_ROLE,
        Handler: 'index.handler',
        Code: {
          ZipFile: makeZip({
            'index.js': `exports.handler = async (record) => {
  const c = record.requestContext;
  await (await fetch('http://127.0.0.1:${barrierPort}/?key=zero-' + c.condition + '-' + c.approximateInvokeCount)).text();
};`,
          }),
        },
      }),
    );
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'zero-sink' });
    await deploy(lambda, 'zero');
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'zero', ReservedConcurrentExecutions: 0 }));
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: 'zero', DestinationConfig: { OnFailure: { Destination: `${ARN}zero-sink` } } }),
    );
    const accepted = await lambda.send(new InvokeCommand({ FunctionName: 'zero', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    assert.equal(accepted.StatusCode, 202);
    await waitArrivals('zero-ZeroReservedConcurrency-0', 1);
    release('zero-ZeroReservedConcurrency-0');
  });
});

// ------------------------------------------------------------- restart

describe('concurrency settings across a restart', () => {
  test('reserved and provisioned concurrency are stored and re-provisioned at start', async () => {
    const dataDir = tempDir();
    let server = await startServer({ dataDir, args: HOST_NET });
    try {
      let lambda = lambdaClient(server.url);
      await deploy(lambda, 'kept', { Publish: true });
      await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'kept', ReservedConcurrentExecutions: 5 }));
      await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'kept', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
      assert.equal(await server.stop(), 0);
      server = await startServer({ dataDir, args: HOST_NET });
      lambda = lambdaClient(server.url);
      assert.equal((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'kept' }))).ReservedConcurrentExecutions, 5);
      const s = await lambda.send(new GetAccountSettingsCommand({}));
      assert.equal(s.AccountLimit?.UnreservedConcurrentExecutions, 995);
      await waitFor('READY after restart', async () => {
        const got = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'kept', Qualifier: '1' }));
        return got.Status === 'READY';
      });
      assert.equal(payloadOf(await invoke(lambda, 'kept:1', {})).initType, 'provisioned-concurrency');
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// ------------------------------------------------------------- small account

describe('account concurrency limit (2)', () => {
  let server: TestServer;
  let lambda: LambdaClient;

  before(async () => {
    server = await startServer({ args: [...HOST_NET, '--account-concurrency', '2'] });
    lambda = lambdaClient(server.url);
  });
  after(async () => {
    release('acct');
    await server?.dispose();
  });

  test('unreserved functions share the account limit and the next invocation is throttled', async () => {
    await Promise.all([deploy(lambda, 'a1'), deploy(lambda, 'a2')]);
    const s = await lambda.send(new GetAccountSettingsCommand({}));
    assert.equal(s.AccountLimit?.ConcurrentExecutions, 2);
    assert.equal(s.AccountLimit?.UnreservedConcurrentExecutions, 2);
    const running = [invoke(lambda, 'a1', { wait: 'acct' }), invoke(lambda, 'a2', { wait: 'acct' })];
    await waitArrivals('acct', 2);
    await expectThrottle(invoke(lambda, 'a1', {}), 'ConcurrentInvocationLimitExceeded');
    release('acct');
    await Promise.all(running);
    assert.equal((await invoke(lambda, 'a1', {})).StatusCode, 200);
    // An account under 100 keeps everything unreserved (AWS: "minimum value of [10]" on 10-limit accounts).
    await expectError(
      lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'a1', ReservedConcurrentExecutions: 1 })),
      'InvalidParameterValueException',
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [2].",
    );
  });
});

// ------------------------------------------------------------- small host

describe('host capacity (256 MB for environments)', () => {
  let server: TestServer;
  let lambda: LambdaClient;

  before(async () => {
    server = await startServer({ args: [...HOST_NET, '--host-memory-mb', '256'] });
    lambda = lambdaClient(server.url);
  });
  after(async () => {
    release('host');
    await server?.dispose();
  });

  test('a full host throttles cleanly; idle environments are evicted to make room', async () => {
    await Promise.all([deploy(lambda, 'h1'), deploy(lambda, 'h2')]);
    const running = [invoke(lambda, 'h1', { wait: 'host' }), invoke(lambda, 'h1', { wait: 'host' })];
    await waitArrivals('host', 2);
    // Both 128 MB environments are busy: nothing can be evicted.
    await expectThrottle(invoke(lambda, 'h2', {}), 'ConcurrentInvocationLimitExceeded');
    release('host');
    await Promise.all(running);
    // h1's two environments are idle now: the least recently used one makes room for h2.
    assert.equal((await invoke(lambda, 'h2', {})).StatusCode, 200);
    assert.equal((await invoke(lambda, 'h1', {})).StatusCode, 200);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { environments: { environments: number; memoryMb: { budget: number; held: number } } };
    assert.equal(health.environments.memoryMb.budget, 256);
    assert.ok(health.environments.memoryMb.held <= 256);
    assert.ok(health.environments.environments <= 2);
    // The server is still healthy.
    assert.equal((await lambda.send(new GetAccountSettingsCommand({}))).$metadata.httpStatusCode, 200);
  });
});
