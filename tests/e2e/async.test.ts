// Asynchronous invocation end to end: a real server with fast retries
// (--async-retry-delay-ms 200), real functions, and a collector HTTP server in
// this process that the handlers POST to (sandboxes share the host network),
// so the test sees exactly what each function received and when.
//
// Event age: MaximumEventAgeInSeconds cannot go below 60, so a second server
// runs with Lambda's own retry delay (60 s): a failing event's first retry is
// due a minute later, by which time it is older than 60 s and goes to the
// failure path as EventAgeExceeded, exactly as on AWS. That scenario starts
// first and runs alongside the others; the last test collects its result.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteFunctionEventInvokeConfigCommand,
  GetFunctionEventInvokeConfigCommand,
  InvokeAsyncCommand,
  InvokeCommand,
  ListFunctionEventInvokeConfigsCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionConfigurationCommand,
  UpdateFunctionEventInvokeConfigCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type CreateFunctionCommandInput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import Database from 'better-sqlite3';
import { deployFunction, expectError, lambdaClient, makeZip, startServer, tempDir, TEST_ROLE, type TestServer } from '../helpers/lambent.js';

// These functions report to a collector on the host's 127.0.0.1, which only the host network mode lets them reach
// (every environment otherwise has a network namespace of its own: tests/security/isolation.test.ts).
const HOST_NET = ['--function-network', 'host'];

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

// ------------------------------------------------------------- collector

interface Hit {
  at: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- what handlers send is free-form JSON
  body: any;
}
const hits: Hit[] = [];
/** Runs of the durability test's function, by event id (kept apart: thousands of them). */
const burstRuns = new Map<number, number>();
let collector: Server;
let collectorPort = 0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function hitsOf(fn: string): any[] {
  return hits.filter((h) => h.body.fn === fn).map((h) => ({ ...h.body, at: h.at }));
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Handler source: `report(obj)` POSTs obj to the collector. */
function handler(body: string): string {
  return `const report = (o) => fetch('http://127.0.0.1:${collectorPort}/', { method: 'POST', body: JSON.stringify(o) }).then((r) => r.text());
exports.handler = async (event, context) => { ${body} };`;
}

// ------------------------------------------------------------- servers

let server: TestServer;
let lambda: LambdaClient;

const deploy = (client: LambdaClient, name: string, body: string, extra: Partial<CreateFunctionCommandInput> = {}): Promise<void> =>
  deployFunction(client, name, { 'index.js': handler(body) }, extra);

const RECORD = "await report({ fn: context.functionName, event, clientContext: context.clientContext ?? null }); return 'recorded';";

async function invokeEvent(name: string, event: unknown): Promise<string> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(event)) }));
  assert.equal(out.StatusCode, 202);
  return out.$metadata.requestId ?? '';
}

async function health(url: string): Promise<{ async: { functions: Record<string, number | string | null>[] } }> {
  return (await (await fetch(`${url}/health`)).json()) as { async: { functions: Record<string, number | string | null>[] } };
}


// The event-age scenario, started in before() and collected by the last test.
let ageScenario: Promise<{ record: Hit['body']; attempts: number; queuedMeanwhile: Record<string, unknown> | undefined }>;

before(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Hit['body'];
      if (body.fn === 'burst') burstRuns.set(body.id as number, (burstRuns.get(body.id as number) ?? 0) + 1);
      else hits.push({ at: Date.now(), body });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', () => r()));
  collectorPort = (collector.address() as AddressInfo).port;

  ageScenario = (async () => {
    const aged = await startServer({ args: [...HOST_NET, '--idle-timeout', '120'] });
    const c = lambdaClient(aged.url);
    try {
      await deploy(c, 'aging-rec', RECORD);
      await deploy(c, 'aging', "await report({ fn: 'aging', at: Date.now() }); throw new Error('intentional failure');");
      await c.send(
        new PutFunctionEventInvokeConfigCommand({
          FunctionName: 'aging',
          MaximumEventAgeInSeconds: 60,
          DestinationConfig: { OnFailure: { Destination: `${ARN}aging-rec` } },
        }),
      );
      await c.send(new InvokeCommand({ FunctionName: 'aging', InvocationType: 'Event', Payload: Buffer.from('{"message":"old"}') }));
      await waitFor('the first attempt', () => hitsOf('aging').length === 1);
      await new Promise((r) => setTimeout(r, 1000));
      const queuedMeanwhile = (await health(aged.url)).async.functions.find((f) => f['functionArn'] === `${ARN}aging`);
      const rec = await waitFor('the EventAgeExceeded record', () => hitsOf('aging-rec')[0], 85_000);
      return { record: rec, attempts: hitsOf('aging').length, queuedMeanwhile };
    } finally {
      c.destroy();
      await aged.dispose();
    }
  })();
  ageScenario.catch(() => undefined);

  server = await startServer({ args: [...HOST_NET, '--async-retry-delay-ms', '200', '--idle-timeout', '120'] });
  lambda = lambdaClient(server.url);
  await deploy(lambda, 'recorder', RECORD);
});

after(async () => {
  lambda.destroy();
  await server.dispose();
  await new Promise((r) => collector.close(r));
});

// ------------------------------------------------------------- tests

describe('accepting events', () => {
  test('Event → 202 with an empty body; the handler runs later with the request id of the 202', async () => {
    await deploy(lambda, 'echo', "await report({ fn: 'echo', event, requestId: context.awsRequestId, arn: context.invokedFunctionArn, cc: context.clientContext ?? null }); return event;");
    const cc = Buffer.from(JSON.stringify({ custom: { k: 'v' } })).toString('base64');
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', ClientContext: cc, Payload: Buffer.from('{"hello":"async"}') }),
    );
    assert.equal(out.StatusCode, 202);
    assert.equal(out.$metadata.httpStatusCode, 202);
    assert.equal(Buffer.from(out.Payload ?? []).length, 0);
    assert.equal(out.FunctionError, undefined);
    const got = await waitFor('the async run', () => hitsOf('echo')[0]);
    assert.deepEqual(got.event, { hello: 'async' });
    assert.equal(got.requestId, out.$metadata.requestId);
    assert.equal(got.arn, `${ARN}echo`);
    // Lambda passes the client context to synchronous invocations only.
    assert.equal(got.cc, null);
  });

  test('InvokeAsync (deprecated API) → 202 {Status: 202}, and the event runs', async () => {
    const out = await lambda.send(new InvokeAsyncCommand({ FunctionName: 'echo', InvokeArgs: Buffer.from('{"via":"InvokeAsync"}') }));
    assert.equal(out.Status, 202);
    await waitFor('the InvokeAsync run', () => hitsOf('echo').find((h) => h.event.via === 'InvokeAsync'));
  });

  test('1 MB payload limit, JSON validation, unknown function', async () => {
    // {"x":"…"} of exactly 1,048,576 bytes is accepted; one byte more is not.
    const exact = Buffer.from(JSON.stringify({ x: 'y'.repeat(1048576 - 8) }));
    assert.equal(exact.length, 1048576);
    await invokeEvent('recorder', JSON.parse(exact.toString()));
    const over = Buffer.from(JSON.stringify({ x: 'y'.repeat(1048576 - 7) }));
    await assert.rejects(
      lambda.send(new InvokeCommand({ FunctionName: 'recorder', InvocationType: 'Event', Payload: over })),
      (e: Error & { $metadata: { httpStatusCode: number } }) => {
        assert.equal(e.name, 'RequestEntityTooLargeException');
        assert.equal(e.$metadata.httpStatusCode, 413);
        assert.equal(e.message, '1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)');
        return true;
      },
    );
    await expectError(
      lambda.send(new InvokeCommand({ FunctionName: 'recorder', InvocationType: 'Event', Payload: Buffer.from('{nope') })),
      'InvalidRequestContentException',
      /Could not parse request body into json/,
    );
    await expectError(
      lambda.send(new InvokeCommand({ FunctionName: 'nope', InvocationType: 'Event', Payload: Buffer.from('{}') })),
      'ResourceNotFoundException',
      /^Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope/,
    );
    await waitFor('the 1 MB event', () => hitsOf('recorder').find((h) => typeof h.event.x === 'string' && h.event.x.length === 1048576 - 8));
  });
});

describe('retries and destinations', () => {
  test('a failing event runs 3 times (~1× then ~2× the base delay apart, one request id), then an OnFailure record', async () => {
    await deploy(lambda, 'flaky', "await report({ fn: 'flaky', requestId: context.awsRequestId }); throw new Error('intentional failure');");
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: 'flaky', DestinationConfig: { OnFailure: { Destination: `${ARN}recorder` } } }),
    );
    const requestId = await invokeEvent('flaky', { message: 'retry me' });
    const rec = await waitFor('the failure record', () => hitsOf('recorder').find((h) => h.event.requestContext?.requestId === requestId));
    const attempts = hitsOf('flaky');
    assert.equal(attempts.length, 3);
    for (const a of attempts) assert.equal(a.requestId, requestId);
    const gap1 = attempts[1].at - attempts[0].at;
    const gap2 = attempts[2].at - attempts[1].at;
    assert.ok(gap1 >= 200 && gap1 < 1500, `first retry after ${gap1} ms`);
    assert.ok(gap2 >= 400 && gap2 < 2500, `second retry after ${gap2} ms`);

    const r = rec.event;
    assert.deepEqual(Object.keys(r), ['version', 'timestamp', 'requestContext', 'requestPayload', 'responseContext', 'responsePayload']);
    assert.match(r.timestamp, ISO);
    assert.deepEqual(r.requestContext, {
      requestId,
      functionArn: `${ARN}flaky:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    });
    assert.deepEqual(r.requestPayload, { message: 'retry me' });
    assert.deepEqual(r.responseContext, { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    assert.equal(r.responsePayload.errorType, 'Error');
    assert.equal(r.responsePayload.errorMessage, 'intentional failure');
    assert.ok(Array.isArray(r.responsePayload.trace));

    // Every attempt is logged under the one request id (as AWS does).
    await new Promise((res) => setTimeout(res, 600));
    const db = new Database(join(server.dataDir, 'lambent.db'), { readonly: true, fileMustExist: true });
    try {
      const ends = db
        .prepare("SELECT COUNT(*) AS n FROM log_events WHERE log_group = '/aws/lambda/flaky' AND message = ?")
        .get(`END RequestId: ${requestId}`) as { n: number };
      assert.equal(ends.n, 3);
    } finally {
      db.close();
    }
  });

  test('MaximumRetryAttempts 0: one attempt; a timeout is a failure like any other', async () => {
    await deploy(
      lambda,
      'sleepy',
      "await report({ fn: 'sleepy' }); await new Promise((r) => setTimeout(r, 5000)); return 'late';",
      { Timeout: 1 },
    );
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'sleepy',
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: `${ARN}recorder` } },
      }),
    );
    const requestId = await invokeEvent('sleepy', { n: 1 });
    const rec = await waitFor('the failure record', () => hitsOf('recorder').find((h) => h.event.requestContext?.requestId === requestId));
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(hitsOf('sleepy').length, 1);
    assert.equal(rec.event.requestContext.condition, 'RetriesExhausted');
    assert.equal(rec.event.requestContext.approximateInvokeCount, 1);
    assert.equal(rec.event.responseContext.functionError, 'Unhandled');
    assert.equal(rec.event.responsePayload.errorType, 'Sandbox.Timedout');
  });

  test('OnSuccess: the exact record AWS sends', async () => {
    await deploy(lambda, 'fine', "return { event, ok: true };");
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: 'fine', DestinationConfig: { OnSuccess: { Destination: `${ARN}recorder` } } }),
    );
    const requestId = await invokeEvent('fine', { a: [1, 2] });
    const rec = await waitFor('the success record', () => hitsOf('recorder').find((h) => h.event.requestContext?.requestId === requestId));
    const r = rec.event;
    assert.match(r.timestamp, ISO);
    delete r.timestamp;
    assert.deepEqual(r, {
      version: '1.0',
      requestContext: { requestId, functionArn: `${ARN}fine:$LATEST`, condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { a: [1, 2] },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { event: { a: [1, 2] }, ok: true },
    });
  });

  test('dead-letter queue to a function: the original event, with RequestID/ErrorCode/ErrorMessage in the client context', async () => {
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'dlq-src',
      Runtime: 'nodejs20.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: makeZip({ 'index.js': handler("throw new Error('Test exception (this is intentional)');") }) },
      DeadLetterConfig: { TargetArn: `${ARN}recorder` },
    }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'dlq-src' });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'dlq-src', MaximumRetryAttempts: 0 }));
    const requestId = await invokeEvent('dlq-src', { raise_error: 1 });
    const got = await waitFor('the dead letter', () => hitsOf('recorder').find((h) => h.clientContext?.custom?.RequestID === requestId));
    assert.deepEqual(got.event, { raise_error: 1 });
    assert.deepEqual(got.clientContext, {
      custom: { RequestID: requestId, ErrorCode: '200', ErrorMessage: 'Test exception (this is intentional)' },
    });
  });

  test('targets that are gone count DestinationDeliveryFailures / DeadLetterErrors; AsyncEventsDropped counts failed events', async () => {
    await deploy(lambda, 'gone-dst', RECORD);
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'orphan',
      Runtime: 'nodejs20.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: makeZip({ 'index.js': handler("throw new Error('no');") }) },
      DeadLetterConfig: { TargetArn: `${ARN}gone-dst` },
    }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'orphan' });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({
      FunctionName: 'orphan',
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: `${ARN}gone-dst` } },
    }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'gone-dst' }));
    await invokeEvent('orphan', {});
    const stats = await waitFor('the dropped event', async () => {
      const f = (await health(server.url)).async.functions.find((x) => x['functionArn'] === `${ARN}orphan`);
      return f && f['asyncEventsDropped'] === 1 ? f : undefined;
    });
    assert.equal(stats['asyncEventsReceived'], 1);
    assert.equal(stats['destinationDeliveryFailures'], 1);
    assert.equal(stats['deadLetterErrors'], 1);
    assert.equal(stats['queued'], 0);
  });

  test('deleting a function drops its queued events', async () => {
    await deploy(lambda, 'doomed', "await report({ fn: 'doomed' }); await new Promise((r) => setTimeout(r, 300)); return 1;");
    await Promise.all(Array.from({ length: 40 }, (_, i) => invokeEvent('doomed', { i })));
    await waitFor('the first runs', () => hitsOf('doomed').length >= 1);
    const before = (await health(server.url)).async.functions.find((f) => f['functionArn'] === `${ARN}doomed`);
    assert.ok(before && Number(before['queued']) > 10, `queued before delete: ${JSON.stringify(before)}`);
    assert.ok(Number(before['inFlight']) <= 10, 'at most 10 events of one function run at once');
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'doomed' }));
    await new Promise((r) => setTimeout(r, 1200));
    assert.ok(hitsOf('doomed').length < 40, `${hitsOf('doomed').length} of 40 ran`);
    assert.equal((await health(server.url)).async.functions.find((f) => f['functionArn'] === `${ARN}doomed`), undefined);
  });
});

describe('EventInvokeConfig API', () => {
  test('put, update, get, list, delete with AWS shapes', async () => {
    await deploy(lambda, 'cfg', 'return 1;');
    const put = await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'cfg', MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 }));
    assert.equal(put.FunctionArn, `${ARN}cfg:$LATEST`);
    assert.deepEqual(put.DestinationConfig, { OnSuccess: {}, OnFailure: {} });
    assert.equal(put.MaximumRetryAttempts, 2);
    assert.equal(put.MaximumEventAgeInSeconds, 60);
    assert.ok(put.LastModified instanceof Date && Math.abs(put.LastModified.getTime() - Date.now()) < 60_000);

    // Put replaces the whole document; Update changes only what it names.
    const overwritten = await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'cfg', MaximumRetryAttempts: 0 }));
    assert.equal(overwritten.MaximumRetryAttempts, 0);
    assert.equal(overwritten.MaximumEventAgeInSeconds, undefined);
    const updated = await lambda.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'cfg', MaximumEventAgeInSeconds: 120 }));
    assert.equal(updated.MaximumRetryAttempts, 0);
    assert.equal(updated.MaximumEventAgeInSeconds, 120);
    const withDest = await lambda.send(
      new UpdateFunctionEventInvokeConfigCommand({ FunctionName: `${ARN}cfg`, DestinationConfig: { OnSuccess: { Destination: `${ARN}recorder` } } }),
    );
    assert.deepEqual(withDest.DestinationConfig, { OnSuccess: { Destination: `${ARN}recorder` }, OnFailure: {} });

    const got = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'cfg', Qualifier: '$LATEST' }));
    assert.equal(got.FunctionArn, `${ARN}cfg:$LATEST`);
    assert.equal(got.MaximumEventAgeInSeconds, 120);
    const list = await lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'cfg' }));
    assert.equal(list.FunctionEventInvokeConfigs?.length, 1);
    assert.equal(list.FunctionEventInvokeConfigs?.[0]?.FunctionArn, `${ARN}cfg:$LATEST`);
    assert.equal(list.NextMarker, undefined);

    const del = await lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'cfg' }));
    assert.equal(del.$metadata.httpStatusCode, 204);
    assert.deepEqual((await lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'cfg' }))).FunctionEventInvokeConfigs, []);
    const none = `The function ${ARN}cfg:$LATEST doesn't have an EventInvokeConfig`;
    await expectError(lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'cfg' })), 'ResourceNotFoundException', none);
    await expectError(lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'cfg' })), 'ResourceNotFoundException', none);
    await expectError(lambda.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'cfg', MaximumRetryAttempts: 1 })), 'ResourceNotFoundException', none);
  });

  test("AWS's errors for bad requests and bad destinations", async () => {
    const missing = "The function doesn't exist.";
    await expectError(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'doesnotexist' })),
      'InvalidParameterValueException',
      'You must specify at least one of error handling or destination setting.',
    );
    await expectError(lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'doesnotexist', MaximumRetryAttempts: 1 })), 'ResourceNotFoundException', missing);
    await expectError(lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: `${ARN}doesnotexist`, MaximumRetryAttempts: 1 })), 'ResourceNotFoundException', missing);
    await expectError(lambda.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'doesnotexist', MaximumRetryAttempts: 0 })), 'ResourceNotFoundException', missing);
    await expectError(lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'doesnotexist' })), 'ResourceNotFoundException', missing);
    await expectError(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'recorder', Qualifier: 'noalias', MaximumRetryAttempts: 1 })),
      'ResourceNotFoundException',
      missing,
    );
    await expectError(
      lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'doesnotexist' })),
      'ResourceNotFoundException',
      `The function ${ARN}doesnotexist:$LATEST doesn't have an EventInvokeConfig`,
    );
    await expectError(
      lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'recorder', Qualifier: 'doesnotexist' })),
      'ResourceNotFoundException',
      `The function ${ARN}recorder:doesnotexist doesn't have an EventInvokeConfig`,
    );
    await expectError(
      lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:recorder' })),
      'ResourceNotFoundException',
      "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')",
    );
    await expectError(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'recorder:$LATEST', Qualifier: '1', MaximumRetryAttempts: 1 })),
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
    await expectError(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'recorder', MaximumRetryAttempts: 3 })),
      'ValidationException',
      "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2",
    );
    await expectError(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'recorder', MaximumEventAgeInSeconds: 59 })),
      'ValidationException',
      "1 validation error detected: Value '59' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
    );
    const dest = (d: string): Promise<unknown> =>
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'echo', DestinationConfig: { OnSuccess: { Destination: d } } }));
    await expectError(dest(`${ARN}doesnotexist`), 'InvalidParameterValueException', `The destination ARN ${ARN}doesnotexist is invalid.`);
    await expectError(dest(`${ARN}echo`), 'InvalidParameterValueException', "You can't specify the function as a destination for itself.");
    await expectError(
      dest('arn:aws:iam:us-east-1:000000000000:function:echo'),
      'InvalidParameterValueException',
      'The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:iam:us-east-1:000000000000:function:echo), onFailure=null) is invalid.',
    );
    await expectError(dest('arn:aws:sns:us-east-1:000000000000:my-topic'), 'InvalidParameterValueException', /an Amazon SNS topic\) is not supported by Lambent yet/);
    // An empty destination slot is accepted and answered as {}.
    const empty = await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'echo', DestinationConfig: { OnFailure: {} } }));
    assert.deepEqual(empty.DestinationConfig, { OnSuccess: {}, OnFailure: {} });
  });

  test('dead-letter targets other than functions and queues are refused by CreateFunction and UpdateFunctionConfiguration', async () => {
    await expectError(
      lambda.send(new CreateFunctionCommand({
        FunctionName: 'dlq-sns',
        Runtime: 'nodejs20.x',
        Role: TEST_ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: makeZip({ 'index.js': 'exports.handler = async () => 1;' }) },
        DeadLetterConfig: { TargetArn: 'arn:aws:sns:us-east-1:000000000000:dlq' },
      })),
      'InvalidParameterValueException',
      /dead-letter target arn:aws:sns:us-east-1:000000000000:dlq \(an Amazon SNS topic\) is not supported by Lambent yet/,
    );
    await expectError(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', DeadLetterConfig: { TargetArn: 'arn:aws:sns:us-east-1:000000000000:t' } })),
      'InvalidParameterValueException',
      /an Amazon SNS topic\) is not supported by Lambent yet/,
    );
    const ok = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', DeadLetterConfig: { TargetArn: `${ARN}recorder` } }));
    assert.equal(ok.DeadLetterConfig?.TargetArn, `${ARN}recorder`);
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'echo' });
  });
});

describe('durability', () => {
  test('SIGKILL with ~2,000 events queued and running, then SIGTERM mid-drain: every accepted event runs at least once', async (t) => {
    const dataDir = tempDir();
    const args = [...HOST_NET, '--async-retry-delay-ms', '200', '--idle-timeout', '120'];
    const total = 2000;
    try {
      const first = await startServer({ dataDir, args });
      const c1 = lambdaClient(first.url);
      await deploy(c1, 'burst', "await report({ fn: 'burst', id: event.id }); await new Promise((r) => setTimeout(r, 10)); return event.id;");
      const accepted = new Set<number>();
      let killing: Promise<void> | undefined;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (!killing && next < total) {
          const id = next++;
          try {
            const out = await c1.send(new InvokeCommand({ FunctionName: 'burst', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ id })) }));
            if (out.StatusCode === 202) accepted.add(id);
          } catch {
            // In flight when the server died: not accepted, may or may not have been stored.
          }
          if (accepted.size >= total - 100 && !killing) killing = first.kill();
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      await killing;
      c1.destroy();
      const ranBeforeKill = burstRuns.size;
      t.diagnostic(`accepted ${accepted.size}, ran before SIGKILL ${ranBeforeKill}`);
      assert.ok(accepted.size >= total - 100);
      assert.ok(accepted.size - ranBeforeKill > 200, 'many accepted events were still queued or running at the kill');

      // Restart, let it drain a while, then a graceful SIGTERM in the middle of the drain.
      const second = await startServer({ dataDir, args });
      await waitFor('draining after restart', () => burstRuns.size >= ranBeforeKill + 100, 30_000);
      const t0 = Date.now();
      assert.equal(await second.stop(), 0);
      assert.ok(Date.now() - t0 < 12_000, 'graceful stop is bounded');
      t.diagnostic(`ran after the graceful stop: ${burstRuns.size}`);

      const third = await startServer({ dataDir, args });
      try {
        await waitFor('every accepted event', () => [...accepted].every((id) => burstRuns.has(id)), 40_000);
        const runs = [...burstRuns.values()].reduce((a, b) => a + b, 0);
        t.diagnostic(`distinct events run ${burstRuns.size}, runs ${runs} (${runs - burstRuns.size} repeated: in flight at the kill)`);
        const f = await waitFor('an empty queue', async () => {
          const s = (await health(third.url)).async.functions.find((x) => x['functionArn'] === `${ARN}burst`);
          return s && s['queued'] === 0 ? s : undefined;
        });
        assert.ok(Number(f['asyncEventsReceived']) >= accepted.size);
      } finally {
        await third.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('event age', () => {
  test('MaximumEventAgeInSeconds: a retry due after the age limit goes to OnFailure as EventAgeExceeded', async () => {
    const { record, attempts, queuedMeanwhile } = await ageScenario;
    assert.equal(attempts, 1);
    assert.ok(queuedMeanwhile && queuedMeanwhile['queued'] === 1 && Number(queuedMeanwhile['oldestEventAgeMs']) >= 1000, JSON.stringify(queuedMeanwhile));
    const r = record.event;
    assert.equal(r.requestContext.condition, 'EventAgeExceeded');
    assert.equal(r.requestContext.approximateInvokeCount, 1);
    assert.equal(r.requestContext.functionArn, `${ARN}aging:$LATEST`);
    assert.deepEqual(r.requestPayload, { message: 'old' });
    assert.deepEqual(r.responseContext, { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    assert.equal(r.responsePayload.errorMessage, 'intentional failure');
  });
});
