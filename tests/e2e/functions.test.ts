// The function control plane end to end: the real server driven by the AWS SDK v3.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  paginateListFunctions,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import { expectError, lambdaClient, makeZip, NODE_HELLO, startServer, TEST_ROLE, type TestServer } from '../helpers/lambent.js';

let server: TestServer;
let lambda: LambdaClient;

function fnInput(name: string, extra: Partial<CreateFunctionCommandInput> = {}): CreateFunctionCommandInput {
  return {
    FunctionName: name,
    Runtime: 'nodejs20.x',
    Role: TEST_ROLE,
    Handler: 'index.handler',
    Code: { ZipFile: NODE_HELLO },
    ...extra,
  };
}


const sha256b64 = (b: Buffer): string => createHash('sha256').update(b).digest('base64');

before(async () => {
  server = await startServer();
  lambda = lambdaClient(server.url);
});
after(async () => {
  lambda.destroy();
  await server.dispose();
});

describe('function lifecycle', () => {
  test('create → Pending, then Active through the SDK waiter; fields as AWS returns them', async () => {
    const created = await lambda.send(
      new CreateFunctionCommand(
        fnInput('life', { Description: 'd', Timeout: 10, MemorySize: 256, Environment: { Variables: { ENV_A: '1' } }, Tags: { team: 'x' } }),
      ),
    );
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:life');
    assert.equal(created.Version, '$LATEST');
    assert.equal(created.State, 'Pending');
    assert.equal(created.StateReasonCode, 'Creating');
    assert.equal(created.CodeSha256, sha256b64(NODE_HELLO));
    assert.equal(created.CodeSize, NODE_HELLO.length);
    assert.equal(created.MemorySize, 256);
    assert.equal(created.Timeout, 10);
    assert.equal(created.PackageType, 'Zip');
    assert.deepEqual(created.Architectures, ['x86_64']);
    assert.deepEqual(created.EphemeralStorage, { Size: 512 });
    assert.deepEqual(created.TracingConfig, { Mode: 'PassThrough' });
    assert.deepEqual(created.LoggingConfig, { LogFormat: 'Text', LogGroup: '/aws/lambda/life' });
    assert.match(created.LastModified ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.match(created.RevisionId ?? '', /^[0-9a-f-]{36}$/);

    const waited = await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'life' });
    assert.equal(waited.state, 'SUCCESS');
    const cfg = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'life' }));
    assert.equal(cfg.State, 'Active');
    assert.equal(cfg.LastUpdateStatus, 'Successful');
    assert.equal(cfg.StateReason, undefined);
    assert.notEqual(cfg.RevisionId, created.RevisionId);
    assert.deepEqual(cfg.Environment, { Variables: { ENV_A: '1' } });
  });

  test('GetFunction returns Code.Location that downloads the exact zip, and Tags', async () => {
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'life' }));
    assert.equal(got.Code?.RepositoryType, 'S3');
    assert.deepEqual(got.Tags, { team: 'x' });
    const res = await fetch(got.Code?.Location ?? '');
    assert.equal(res.status, 200);
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(sha256b64(body), got.Configuration?.CodeSha256);
    const tampered = await fetch((got.Code?.Location ?? '').replace(/Signature=[0-9a-f]/, 'Signature=z'));
    assert.equal(tampered.status, 403);
  });

  test('name, partial ARN and full ARN all address the function', async () => {
    for (const id of ['life', '000000000000:function:life', 'arn:aws:lambda:us-east-1:000000000000:function:life']) {
      const cfg = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: id }));
      assert.equal(cfg.FunctionName, 'life');
    }
    await expectError(
      lambda.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:life' })),
      'InvalidParameterValueException',
      /Functions from 'eu-west-1' are not reachable in this region \('us-east-1'\)/,
    );
  });

  test('UpdateFunctionConfiguration goes InProgress → Successful; RevisionId preconditions', async () => {
    const before = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'life' }));
    await expectError(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'life', Timeout: 20, RevisionId: '00000000-0000-0000-0000-000000000000' })),
      'PreconditionFailedException',
    );
    const upd = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'life', Timeout: 20, Description: 'changed', RevisionId: before.RevisionId }),
    );
    assert.equal(upd.LastUpdateStatus, 'InProgress');
    assert.equal(upd.Timeout, 20);
    assert.notEqual(upd.RevisionId, before.RevisionId);
    const w = await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'life' });
    assert.equal(w.state, 'SUCCESS');
    const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'life' }));
    assert.equal(after.Description, 'changed');
    assert.equal(after.LastUpdateStatus, 'Successful');
  });

  test('UpdateFunctionCode changes CodeSha256 and the downloadable package', async () => {
    const zip2 = makeZip({ 'index.js': 'exports.handler = async () => 2;\n' });
    const upd = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'life', ZipFile: zip2 }));
    assert.equal(upd.CodeSha256, sha256b64(zip2));
    assert.equal(upd.LastUpdateStatus, 'InProgress');
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'life' });
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'life' }));
    const body = Buffer.from(await (await fetch(got.Code?.Location ?? '')).arrayBuffer());
    assert.ok(body.equals(zip2));
  });

  test('DeleteFunction answers 204, then the function is gone', async () => {
    await expectError(
      lambda.send(new DeleteFunctionCommand({ FunctionName: 'life', Qualifier: '$LATEST' })),
      'InvalidParameterValueException',
      /\$LATEST version cannot be deleted/,
    );
    const del = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'life' }));
    assert.equal(del.$metadata.httpStatusCode, 204);
    const err = await expectError(
      lambda.send(new GetFunctionCommand({ FunctionName: 'life' })),
      'ResourceNotFoundException',
      /^Function not found: arn:aws:lambda:us-east-1:000000000000:function:life$/,
    );
    assert.equal(err.$metadata?.httpStatusCode, 404);
    await expectError(lambda.send(new DeleteFunctionCommand({ FunctionName: 'life' })), 'ResourceNotFoundException');
  });
});

describe('listing', () => {
  test('ListFunctions pages with Marker/MaxItems and the SDK paginator sees every function once', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `list-${i}`);
    for (const n of names) await lambda.send(new CreateFunctionCommand(fnInput(n)));
    const page = await lambda.send(new ListFunctionsCommand({ MaxItems: 3 }));
    assert.equal(page.Functions?.length, 3);
    assert.ok(page.NextMarker);
    const seen: string[] = [];
    for await (const p of paginateListFunctions({ client: lambda, pageSize: 2 }, {})) {
      for (const f of p.Functions ?? []) seen.push(f.FunctionName ?? '');
    }
    const listed = seen.filter((n) => n.startsWith('list-'));
    assert.deepEqual(listed, names);
    assert.equal(new Set(seen).size, seen.length);
    // ListFunctions leaves out state fields, as AWS does.
    assert.equal(page.Functions?.[0]?.State, undefined);
  });

  test('invalid FunctionVersion gets AWS validation message', async () => {
    await expectError(
      lambda.send(new ListFunctionsCommand({ FunctionVersion: 'invalid' as 'ALL' })),
      'ValidationException',
      /Value 'invalid' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: \[ALL\]/,
    );
  });
});

describe('tags and account', () => {
  test('TagResource / ListTags / UntagResource', async () => {
    await lambda.send(new CreateFunctionCommand(fnInput('tagged')));
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:tagged';
    await lambda.send(new TagResourceCommand({ Resource: arn, Tags: { a: '1', b: '2' } }));
    assert.deepEqual((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, { a: '1', b: '2' });
    await lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ['a'] }));
    assert.deepEqual((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, { b: '2' });
    await expectError(
      lambda.send(new TagResourceCommand({ Resource: `${arn}:prod`, Tags: { c: '3' } })),
      'InvalidParameterValueException',
      /Tags on function aliases and versions are not supported/,
    );
    await expectError(
      lambda.send(new ListTagsCommand({ Resource: 'arn:aws:lambda:us-east-1:000000000000:function:nope' })),
      'ResourceNotFoundException',
    );
  });

  test('GetAccountSettings reports limits and usage', async () => {
    const s = await lambda.send(new GetAccountSettingsCommand({}));
    assert.equal(s.AccountLimit?.ConcurrentExecutions, 1000);
    assert.equal(s.AccountLimit?.CodeSizeZipped, 52428800);
    assert.equal(s.AccountLimit?.CodeSizeUnzipped, 262144000);
    assert.ok((s.AccountUsage?.FunctionCount ?? 0) >= 8);
    assert.ok((s.AccountUsage?.TotalCodeSize ?? 0) > 0);
  });
});

describe('bad input gets AWS errors and stores nothing', () => {
  const cases: [string, Partial<CreateFunctionCommandInput>, string, RegExp][] = [
    ['memory too small', { MemorySize: 64 }, 'ValidationException', /Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128/],
    ['memory too large', { MemorySize: 10241 }, 'ValidationException', /at 'memorySize'.*less than or equal to 10240/],
    ['timeout too large', { Timeout: 901 }, 'ValidationException', /at 'timeout'.*less than or equal to 900/],
    ['timeout zero', { Timeout: 0 }, 'ValidationException', /at 'timeout'.*greater than or equal to 1/],
    ['bad role', { Role: 'r1' }, 'ValidationException', /Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern/],
    ['unknown runtime', { Runtime: 'cobol1.0' as 'nodejs20.x' }, 'ValidationException', /at 'runtime' failed to satisfy constraint: Member must satisfy enum value set/],
    ['deprecated runtime', { Runtime: 'nodejs12.x' }, 'InvalidParameterValueException', /The runtime parameter of nodejs12.x is no longer supported/],
    ['runtime Lambent lacks', { Runtime: 'java21' }, 'InvalidParameterValueException', /java21 is not supported by Lambent/],
    ['env over 4 KB', { Environment: { Variables: { BIG: 'x'.repeat(4100) } } }, 'InvalidParameterValueException', /exceeded the 4KB limit/],
    ['reserved env key', { Environment: { Variables: { AWS_REGION: 'x' } } }, 'InvalidParameterValueException', /reserved keys.*AWS_REGION/],
    ['image package', { PackageType: 'Image', Code: { ImageUri: 'x.dkr.ecr.us-east-1.amazonaws.com/i:1' } }, 'InvalidParameterValueException', /Image.*not supported by Lambent/],
    ['not a zip', { Code: { ZipFile: Buffer.from('definitely not a zip') } }, 'InvalidParameterValueException', /Could not unzip uploaded file/],
    ['zip slip', { Code: { ZipFile: makeZip({ '../evil.js': 'x' }) } }, 'InvalidParameterValueException', /Could not unzip uploaded file.*escapes/],
    ['name too long', { FunctionName: 'a'.repeat(65) }, 'ValidationException', /at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64/],
    ['bad name', { FunctionName: 'bad name!' }, 'ValidationException', /at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern/],
  ];
  for (const [label, extra, code, msg] of cases) {
    test(label, async () => {
      const name = `bad-${label.replace(/[^a-z]/g, '')}`;
      const err = await expectError(lambda.send(new CreateFunctionCommand(fnInput(name, extra))), code, msg);
      assert.equal(err.$metadata?.httpStatusCode, 400);
      if (!extra.FunctionName) {
        await expectError(lambda.send(new GetFunctionCommand({ FunctionName: name })), 'ResourceNotFoundException');
      }
    });
  }

  test('duplicate name → ResourceConflictException (409)', async () => {
    await lambda.send(new CreateFunctionCommand(fnInput('dup')));
    const err = await expectError(lambda.send(new CreateFunctionCommand(fnInput('dup'))), 'ResourceConflictException', /Function already exist: dup/);
    assert.equal(err.$metadata?.httpStatusCode, 409);
  });

  test('zipped package over 50 MB → RequestEntityTooLargeException (413)', async () => {
    // Random bytes do not compress, so the zip stays above 50 MB.
    const big = makeZip({ 'blob.bin': Buffer.from(new Uint8Array(51 * 1024 * 1024).map(() => (Math.random() * 256) | 0)) });
    const err = await expectError(lambda.send(new CreateFunctionCommand(fnInput('toobig', { Code: { ZipFile: big } }))), 'RequestEntityTooLargeException');
    assert.equal(err.$metadata?.httpStatusCode, 413);
  });

  test('unzipped size over 250 MB → InvalidParameterValueException', async () => {
    const bomb = makeZip({ 'zeros.bin': Buffer.alloc(263 * 1024 * 1024) });
    assert.ok(bomb.length < 2 * 1024 * 1024);
    await expectError(
      lambda.send(new CreateFunctionCommand(fnInput('bomb', { Code: { ZipFile: bomb } }))),
      'InvalidParameterValueException',
      /Unzipped size must be smaller than 262144000 bytes/,
    );
  });
});

describe('authentication', () => {
  test('wrong secret → InvalidSignatureException (403)', async () => {
    const bad = lambdaClient(server.url, { secret: 'wrong' });
    const err = await expectError(bad.send(new ListFunctionsCommand({})), 'InvalidSignatureException');
    assert.equal(err.$metadata?.httpStatusCode, 403);
    bad.destroy();
  });

  test('unknown access key → UnrecognizedClientException (403)', async () => {
    const c = new LambdaClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await expectError(c.send(new ListFunctionsCommand({})), 'UnrecognizedClientException');
    c.destroy();
  });

  test('unsigned request → 403 MissingAuthenticationTokenException with JSON body', async () => {
    const res = await fetch(`${server.url}/2015-03-31/functions`);
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.ok(res.headers.get('x-amzn-requestid'));
    const body = (await res.json()) as { message: string };
    assert.equal(body.message, 'Missing Authentication Token');
  });

  test('an operation in the model that Lambent lacks answers NotImplementedException naming it', async () => {
    const { ListLayersCommand } = await import('@aws-sdk/client-lambda');
    const err = await expectError(lambda.send(new ListLayersCommand({})), 'NotImplementedException', /ListLayers/);
    assert.equal(err.$metadata?.httpStatusCode, 501);
  });

  test('health endpoint answers without credentials', async () => {
    const res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'ok');
  });
});
