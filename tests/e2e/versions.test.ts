// Versions, aliases and weighted routing end to end: the real server driven by
// the AWS SDK v3 (and a few AWS CLI v1 calls), expecting AWS's responses and
// error messages as recorded in shared/parity. Tests run in order and share
// functions: "ver" (PublishVersion), "pub" (Publish: true, aliases, routing).
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  TagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  paginateListAliases,
  paginateListVersionsByFunction,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type CreateAliasCommandInput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { expectError, lambdaClient, makeZip, startServer, TEST_ROLE, type TestServer } from '../helpers/lambent.js';
import { awsCli, type CliResult } from '../helpers/aws-cli.js';

const ACCOUNT = '000000000000';
const arnOf = (name: string, qualifier?: string): string =>
  `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}${qualifier === undefined ? '' : `:${qualifier}`}`;
const sha256b64 = (b: Buffer): string => createHash('sha256').update(b).digest('base64');

/** A handler reporting which code ran, the version it ran as and the ARN it was invoked by. */
const codeZip = (code: string): Buffer =>
  makeZip({
    'index.js': `exports.handler = async (event, context) => ({
      code: ${JSON.stringify(code)},
      version: context.functionVersion,
      envVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      invokedArn: context.invokedFunctionArn,
    });`,
  });
const ZIP_A = codeZip('A');
const ZIP_B = codeZip('B');

let server: TestServer;
let lambda: LambdaClient;
const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;

before(async () => {
  server = await startServer({ args: ['--idle-timeout', '60'] });
  lambda = lambdaClient(server.url);
});
after(async () => {
  lambda.destroy();
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
});



const waitActive = (name: string): Promise<unknown> =>
  waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: name });
const waitUpdated = (name: string): Promise<unknown> =>
  waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: name });

interface Ran {
  executedVersion: string;
  code: string;
  version: string;
  envVersion: string;
  invokedArn: string;
}

async function invoke(functionName: string, qualifier?: string): Promise<Ran> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: functionName, ...(qualifier ? { Qualifier: qualifier } : {}) }));
  assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
  const body = JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')) as Omit<Ran, 'executedVersion'>;
  return { executedVersion: out.ExecutedVersion ?? '', ...body };
}

/** Invokes `n` times with a few in flight and counts the executed versions. */
async function invokeMany(functionName: string, n: number, parallel = 8): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      next++;
      const ran = await invoke(functionName);
      // Each invocation ran the code of the version it reports, as that version.
      assert.equal(ran.code, ran.executedVersion === '1' ? 'A' : 'B');
      assert.equal(ran.version, ran.executedVersion);
      assert.equal(ran.envVersion, ran.executedVersion);
      counts.set(ran.executedVersion, (counts.get(ran.executedVersion) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return counts;
}

/** Binomial tolerance: |count - n·p| ≤ 4.5σ with σ = sqrt(n·p·(1-p)). */
function assertRouted(count: number, n: number, p: number): void {
  const sigma = Math.sqrt(n * p * (1 - p));
  assert.ok(Math.abs(count - n * p) <= 4.5 * sigma, `${count} of ${n} routed, expected ${n * p} ± ${(4.5 * sigma).toFixed(1)}`);
}

function aws(...args: string[]): CliResult {
  return awsCli(server.url, 'lambda', args);
}

describe('PublishVersion and ListVersionsByFunction', () => {
  test('an unpublished function lists only $LATEST, under its qualified ARN and without state fields', async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'ver', Runtime: 'nodejs20.x', Role: TEST_ROLE, Handler: 'index.handler',
        Code: { ZipFile: ZIP_A }, Description: 'No version :(',
      }),
    );
    await waitActive('ver');
    const list = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }));
    assert.equal(list.Versions?.length, 1);
    const latest = list.Versions?.[0];
    assert.equal(latest?.Version, '$LATEST');
    assert.equal(latest?.FunctionArn, arnOf('ver', '$LATEST'));
    assert.equal(latest?.State, undefined);
    assert.equal(latest?.LastUpdateStatus, undefined);
    assert.equal(latest?.RuntimeVersionConfig, undefined);
    await expectError(
      lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'nope' })),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('nope')}`,
      404,
    );
  });

  test('preconditions: RevisionId and CodeSha256 with AWS errors and messages', async () => {
    await expectError(
      lambda.send(new PublishVersionCommand({ FunctionName: 'ver', RevisionId: 'wrong' })),
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      412,
    );
    const cfg = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ver' }));
    await expectError(
      lambda.send(new PublishVersionCommand({ FunctionName: 'ver', CodeSha256: 'somenonexistentsha256' })),
      'InvalidParameterValueException',
      `CodeSHA256 (somenonexistentsha256) is different from current CodeSHA256 in $LATEST (${cfg.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
      400,
    );
    await expectError(lambda.send(new PublishVersionCommand({ FunctionName: 'nope' })), 'ResourceNotFoundException', `Function not found: ${arnOf('nope')}`);
  });

  test('publish: version 1, Active, its own revision; $LATEST gets a new revision; unchanged $LATEST republishes nothing', async () => {
    const before = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ver' }));
    const v1 = await lambda.send(
      new PublishVersionCommand({ FunctionName: 'ver', RevisionId: before.RevisionId, CodeSha256: before.CodeSha256, Description: 'First version :)' }),
    );
    assert.equal(v1.$metadata.httpStatusCode, 201);
    assert.equal(v1.Version, '1');
    assert.equal(v1.FunctionArn, arnOf('ver', '1'));
    assert.equal(v1.State, 'Active');
    assert.equal(v1.LastUpdateStatus, 'Successful');
    assert.equal(v1.Description, 'First version :)');
    assert.equal(v1.CodeSha256, sha256b64(ZIP_A));
    assert.notEqual(v1.RevisionId, before.RevisionId);
    const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ver' }));
    assert.notEqual(after.RevisionId, before.RevisionId, 'publishing changes the revision id of $LATEST');
    assert.equal(after.Description, 'No version :(');

    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'ver', Description: 'ignored' }));
    assert.equal(again.$metadata.httpStatusCode, 201);
    assert.equal(again.Version, '1');
    assert.equal(again.RevisionId, v1.RevisionId);
    assert.equal(again.Description, 'First version :)');
    const list = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }));
    assert.deepEqual(list.Versions?.map((v) => v.Version), ['$LATEST', '1']);
  });

  test('a changed $LATEST publishes version 2; version 1 stays as it was', async () => {
    const upd = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'ver', Description: 'Second version :))', MemorySize: 256 }));
    assert.equal(upd.LastUpdateStatus, 'InProgress');
    await waitUpdated('ver');
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'ver' }));
    assert.equal(v2.Version, '2');
    assert.equal(v2.Description, 'Second version :))', 'without Description the version keeps $LATEST’s');
    assert.equal(v2.MemorySize, 256);
    // Version 1 is immutable.
    const v1 = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ver', Qualifier: '1' }));
    assert.equal(v1.MemorySize, 128);
    assert.equal(v1.Description, 'First version :)');
  });

  test('qualifiers everywhere: name:N, Qualifier, partial and full qualified ARNs, $LATEST, unknown ones', async () => {
    for (const [id, qualifier] of [
      ['ver:1', undefined],
      ['ver', '1'],
      [`${ACCOUNT}:function:ver:1`, undefined],
      [arnOf('ver', '1'), undefined],
      [arnOf('ver', '1'), '1'],
    ] as const) {
      const got = await lambda.send(new GetFunctionCommand({ FunctionName: id, ...(qualifier ? { Qualifier: qualifier } : {}) }));
      assert.equal(got.Configuration?.Version, '1', id);
      assert.equal(got.Configuration?.FunctionArn, arnOf('ver', '1'));
      assert.equal(got.Configuration?.Description, 'First version :)');
    }
    const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ver', Qualifier: '$LATEST' }));
    assert.equal(latest.FunctionArn, arnOf('ver', '$LATEST'));
    assert.equal(latest.Version, '$LATEST');
    const plain = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ver' }));
    assert.equal(plain.FunctionArn, arnOf('ver'));

    await expectError(
      lambda.send(new GetFunctionCommand({ FunctionName: 'ver', Qualifier: '1221' })),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ver', '1221')}`,
      404,
    );
    await expectError(
      lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ver:aliasdoesnotexist' })),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ver', 'aliasdoesnotexist')}`,
    );
    await expectError(
      lambda.send(new GetFunctionCommand({ FunctionName: arnOf('ver', '1'), Qualifier: '$LATEST' })),
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
    await expectError(
      lambda.send(new InvokeCommand({ FunctionName: 'ver', Qualifier: '9' })),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ver', '9')}`,
    );
    // Tags belong to the function, not to its versions.
    await expectError(
      lambda.send(new TagResourceCommand({ Resource: arnOf('ver', '1'), Tags: { a: 'b' } })),
      'InvalidParameterValueException',
      'Tags on function aliases and versions are not supported. Please specify a function ARN.',
    );
  });

  test('ListVersionsByFunction pages with Marker/MaxItems; ListFunctions FunctionVersion=ALL lists every version', async () => {
    const first = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver', MaxItems: 2 }));
    assert.deepEqual(first.Versions?.map((v) => v.Version), ['$LATEST', '1']);
    assert.ok(first.NextMarker);
    const rest = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver', Marker: first.NextMarker }));
    assert.deepEqual(rest.Versions?.map((v) => v.FunctionArn), [arnOf('ver', '2')]);
    assert.equal(rest.NextMarker, undefined);
    const seen: string[] = [];
    for await (const page of paginateListVersionsByFunction({ client: lambda, pageSize: 1 }, { FunctionName: 'ver' })) {
      for (const v of page.Versions ?? []) seen.push(v.Version ?? '');
    }
    assert.deepEqual(seen, ['$LATEST', '1', '2']);

    const all = await lambda.send(new ListFunctionsCommand({ FunctionVersion: 'ALL' }));
    assert.deepEqual(
      all.Functions?.filter((f) => f.FunctionName === 'ver').map((f) => f.FunctionArn),
      [arnOf('ver', '$LATEST'), arnOf('ver', '1'), arnOf('ver', '2')],
    );
    const paged: string[] = [];
    let marker: string | undefined;
    do {
      const page = await lambda.send(new ListFunctionsCommand({ FunctionVersion: 'ALL', MaxItems: 1, ...(marker ? { Marker: marker } : {}) }));
      for (const f of page.Functions ?? []) paged.push(f.FunctionArn ?? '');
      marker = page.NextMarker;
    } while (marker);
    assert.deepEqual(paged, all.Functions?.map((f) => f.FunctionArn));
    const plain = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(plain.Functions?.filter((f) => f.FunctionName === 'ver').map((f) => f.FunctionArn), [arnOf('ver')]);
  });

  test('DeleteFunction with a Qualifier deletes one version; numbers are never reused', async () => {
    await expectError(
      lambda.send(new DeleteFunctionCommand({ FunctionName: 'ver', Qualifier: '$LATEST' })),
      'InvalidParameterValueException',
      '$LATEST version cannot be deleted without deleting the function.',
    );
    await expectError(
      lambda.send(new DeleteFunctionCommand({ FunctionName: 'ver', Qualifier: 'prod' })),
      'InvalidParameterValueException',
      'Deletion of aliases is not currently supported.',
    );
    const del = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'ver:2' }));
    assert.equal(del.$metadata.httpStatusCode, 204);
    // Deleting a version that is not there succeeds, as on AWS.
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'ver', Qualifier: '2' }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'ver', Qualifier: '1233' }));
    await expectError(
      lambda.send(new GetFunctionCommand({ FunctionName: 'ver:2' })),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ver', '2')}`,
    );
    await expectError(
      lambda.send(new DeleteFunctionCommand({ FunctionName: 'nope', Qualifier: '1' })),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('nope')}`,
    );
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'ver', Description: 'Third' }));
    await waitUpdated('ver');
    const v3 = await lambda.send(new PublishVersionCommand({ FunctionName: 'ver' }));
    assert.equal(v3.Version, '3');
    const list = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }));
    assert.deepEqual(list.Versions?.map((v) => v.Version), ['$LATEST', '1', '3']);
  });
});

describe('Publish: true', () => {
  test('CreateFunction with Publish creates version 1 (Pending, then Active)', async () => {
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'pub', Runtime: 'nodejs20.x', Role: TEST_ROLE, Handler: 'index.handler',
        Code: { ZipFile: ZIP_A }, Publish: true,
      }),
    );
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.Version, '1');
    // AWS answers the version's document under the unqualified function ARN.
    assert.equal(created.FunctionArn, arnOf('pub'));
    assert.equal(created.State, 'Pending');
    assert.equal(created.StateReasonCode, 'Creating');
    await waitActive('pub');
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'pub:1' });
    const v1 = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'pub', Qualifier: '1' }));
    assert.equal(v1.State, 'Active');
    assert.equal(v1.LastUpdateStatus, 'Successful');
    assert.equal(v1.FunctionArn, arnOf('pub', '1'));
    assert.notEqual(v1.RevisionId, created.RevisionId);
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'pub' }));
    assert.equal(again.Version, '1', '$LATEST has not changed since version 1');
  });

  test('UpdateFunctionCode with Publish publishes the new code as version 2; name:1 still runs version 1', async () => {
    const upd = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'pub', ZipFile: ZIP_B, Publish: true }));
    assert.equal(upd.Version, '2');
    assert.equal(upd.FunctionArn, arnOf('pub', '2'));
    assert.equal(upd.State, 'Pending');
    assert.equal(upd.CodeSha256, sha256b64(ZIP_B));
    const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'pub', Qualifier: '$LATEST' }));
    assert.equal(latest.CodeSha256, sha256b64(ZIP_B));
    await waitUpdated('pub');
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'pub:2' });

    const ran1 = await invoke('pub:1');
    assert.deepEqual(ran1, { executedVersion: '1', code: 'A', version: '1', envVersion: '1', invokedArn: arnOf('pub', '1') });
    const ran2 = await invoke('pub', '2');
    assert.deepEqual(ran2, { executedVersion: '2', code: 'B', version: '2', envVersion: '2', invokedArn: arnOf('pub', '2') });
    const ranLatest = await invoke('pub');
    assert.deepEqual(ranLatest, { executedVersion: '$LATEST', code: 'B', version: '$LATEST', envVersion: '$LATEST', invokedArn: arnOf('pub') });
  });

  test('GetFunction of name:1 downloads version 1’s zip', async () => {
    for (const [id, zip] of [['pub:1', ZIP_A], ['pub:2', ZIP_B], ['pub', ZIP_B]] as const) {
      const got = await lambda.send(new GetFunctionCommand({ FunctionName: id }));
      const body = Buffer.from(await (await fetch(got.Code?.Location ?? '')).arrayBuffer());
      assert.ok(body.equals(zip), `code of ${id}`);
      assert.equal(got.Configuration?.CodeSha256, sha256b64(zip));
    }
  });
});

describe('aliases', () => {
  const alias = (input: Omit<CreateAliasCommandInput, 'FunctionName'> & { FunctionName?: string }) =>
    lambda.send(new CreateAliasCommand({ FunctionName: 'pub', ...input }));

  test('CreateAlias / GetAlias; GetFunction and Invoke through an alias', async () => {
    const live = await alias({ Name: 'live', FunctionVersion: '1' });
    assert.equal(live.$metadata.httpStatusCode, 201);
    assert.equal(live.AliasArn, arnOf('pub', 'live'));
    assert.equal(live.Name, 'live');
    assert.equal(live.FunctionVersion, '1');
    assert.equal(live.Description, '');
    assert.equal(live.RoutingConfig, undefined);
    assert.match(live.RevisionId ?? '', /^[0-9a-f-]{36}$/);
    const got = await lambda.send(new GetAliasCommand({ FunctionName: 'pub', Name: 'live' }));
    assert.equal(got.RevisionId, live.RevisionId);

    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: arnOf('pub', 'live') }));
    assert.equal(fn.Configuration?.FunctionArn, arnOf('pub', 'live'));
    assert.equal(fn.Configuration?.Version, '1');
    const body = Buffer.from(await (await fetch(fn.Code?.Location ?? '')).arrayBuffer());
    assert.ok(body.equals(ZIP_A));

    const ran = await invoke('pub', 'live');
    assert.deepEqual(ran, { executedVersion: '1', code: 'A', version: '1', envVersion: '1', invokedArn: arnOf('pub', 'live') });

    const dated = await alias({ Name: '2024-01-02', FunctionVersion: '2', Description: 'custom-alias' });
    assert.equal(dated.Description, 'custom-alias');
    const latest = await alias({ Name: 'custom-latest', FunctionVersion: '$LATEST' });
    assert.equal(latest.FunctionVersion, '$LATEST');
    const empty = await alias({ Name: 'empty-routing', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: {} } });
    assert.equal(empty.RoutingConfig, undefined);
  });

  test('every invalid CreateAlias gets AWS’s exception and message', async () => {
    await expectError(alias({ Name: 'live', FunctionVersion: '1' }), 'ResourceConflictException', `Alias already exists: ${arnOf('pub', 'live')}`, 409);
    await expectError(
      alias({ Name: '2024', FunctionVersion: '1' }),
      'ValidationException',
      "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
      400,
    );
    await expectError(
      alias({ Name: 'custom', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '1': 0.8, '2': 0.2 } } }),
      'InvalidParameterValueException',
      'Number of items in AdditionalVersionWeights cannot be greater than 1',
    );
    await expectError(
      alias({ Name: 'custom', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 2 } } }),
      'ValidationException',
      "1 validation error detected: Value '{2=2.0}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]",
    );
    await expectError(
      alias({ Name: 'custom', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': -1 } } }),
      'ValidationException',
      "1 validation error detected: Value '{2=-1.0}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]",
    );
    await expectError(
      alias({ Name: 'custom', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } }),
      'InvalidParameterValueException',
      'Invalid function version 1. Function version 1 is already included in routing configuration.',
    );
    await expectError(
      alias({ Name: 'custom', FunctionVersion: '10', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('pub', '10')}`,
      404,
    );
    await expectError(
      alias({ Name: 'custom', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '10': 0.5 } } }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('pub', '10')}`,
    );
    await expectError(
      alias({ Name: 'custom', FunctionVersion: '$LATEST', RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } }),
      'InvalidParameterValueException',
      '$LATEST is not supported for an alias pointing to more than 1 version',
    );
    await expectError(
      alias({ Name: 'custom', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { $LATEST: 0.5 } } }),
      'ValidationException',
      "1 validation error detected: Value '{$LATEST=0.5}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]",
    );
    await expectError(
      alias({ FunctionName: 'pub-unknown', Name: 'custom', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('pub-unknown', '1')}`,
    );
    await expectError(
      lambda.send(new GetAliasCommand({ FunctionName: 'pub', Name: 'non-existent' })),
      'ResourceNotFoundException',
      `Cannot find alias arn: ${arnOf('pub', 'non-existent')}`,
      404,
    );
    await expectError(
      lambda.send(new UpdateAliasCommand({ FunctionName: 'pub', Name: 'non-existent', Description: 'x' })),
      'ResourceNotFoundException',
      `Alias not found: ${arnOf('pub', 'non-existent')}`,
    );
  });

  test('UpdateAlias: RevisionId precondition, new revision on every update, routing validated', async () => {
    const current = await lambda.send(new GetAliasCommand({ FunctionName: 'pub', Name: 'live' }));
    await expectError(
      lambda.send(new UpdateAliasCommand({ FunctionName: 'pub', Name: 'live', RevisionId: 'wrong' })),
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      412,
    );
    const changed = await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'pub', Name: 'live', Description: 'something changed', RevisionId: current.RevisionId }),
    );
    assert.equal(changed.Description, 'something changed');
    assert.equal(changed.FunctionVersion, '1');
    assert.notEqual(changed.RevisionId, current.RevisionId);
    const unchanged = await lambda.send(new UpdateAliasCommand({ FunctionName: 'pub', Name: 'live' }));
    assert.equal(unchanged.Description, 'something changed');
    assert.notEqual(unchanged.RevisionId, changed.RevisionId);
    await expectError(
      lambda.send(new UpdateAliasCommand({ FunctionName: 'pub', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '1': 0.3 } } })),
      'InvalidParameterValueException',
      'Invalid function version 1. Function version 1 is already included in routing configuration.',
    );
    await expectError(
      lambda.send(new UpdateAliasCommand({ FunctionName: 'pub', Name: 'live', FunctionVersion: '7' })),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('pub', '7')}`,
    );
  });

  test('ListAliases filters by FunctionVersion and pages; DeleteAlias; versions in use cannot be deleted', async () => {
    const all = await lambda.send(new ListAliasesCommand({ FunctionName: 'pub' }));
    assert.deepEqual(all.Aliases?.map((a) => a.Name), ['2024-01-02', 'custom-latest', 'empty-routing', 'live']);
    const v1 = await lambda.send(new ListAliasesCommand({ FunctionName: 'pub', FunctionVersion: '1' }));
    assert.deepEqual(v1.Aliases?.map((a) => a.Name), ['empty-routing', 'live']);
    const names: string[] = [];
    for await (const page of paginateListAliases({ client: lambda, pageSize: 1 }, { FunctionName: 'pub' })) {
      assert.ok((page.Aliases?.length ?? 0) <= 1);
      for (const a of page.Aliases ?? []) names.push(a.Name ?? '');
    }
    assert.deepEqual(names, ['2024-01-02', 'custom-latest', 'empty-routing', 'live']);

    await expectError(
      lambda.send(new DeleteFunctionCommand({ FunctionName: 'pub', Qualifier: '1' })),
      'ResourceConflictException',
      'Unable to delete version because the following aliases reference it: [empty-routing, live]',
      409,
    );
    for (const name of ['2024-01-02', 'custom-latest', 'empty-routing']) {
      const del = await lambda.send(new DeleteAliasCommand({ FunctionName: 'pub', Name: name }));
      assert.equal(del.$metadata.httpStatusCode, 204);
    }
    // Deleting an alias that does not exist succeeds, as on AWS.
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'pub', Name: 'empty-routing' }));
    await expectError(lambda.send(new GetAliasCommand({ FunctionName: 'pub', Name: 'empty-routing' })), 'ResourceNotFoundException');
    const left = await lambda.send(new ListAliasesCommand({ FunctionName: 'pub' }));
    assert.deepEqual(left.Aliases?.map((a) => a.Name), ['live']);
  });
});

describe('weighted routing', () => {
  test('an alias with weight 0.1 routes 2,000 invocations within binomial tolerance', async () => {
    const canary = await lambda.send(
      new CreateAliasCommand({ FunctionName: 'pub', Name: 'canary', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }),
    );
    assert.deepEqual(canary.RoutingConfig, { AdditionalVersionWeights: { '2': 0.1 } });
    const n = 2000;
    const counts = await invokeMany('pub:canary', n);
    assert.equal((counts.get('1') ?? 0) + (counts.get('2') ?? 0), n);
    assertRouted(counts.get('2') ?? 0, n, 0.1);
    const ran = await invoke(arnOf('pub', 'canary'));
    assert.equal(ran.invokedArn, arnOf('pub', 'canary'));
  });

  test('canary rollout: 10% → 50% → 100% with the executed version visible per invocation', async () => {
    const half = await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'pub', Name: 'canary', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }),
    );
    assert.equal(half.FunctionVersion, '1');
    assert.deepEqual(half.RoutingConfig, { AdditionalVersionWeights: { '2': 0.5 } });
    const counts = await invokeMany('pub:canary', 200);
    assertRouted(counts.get('2') ?? 0, 200, 0.5);

    // Promote: version 2 takes all traffic, no routing left.
    const full = await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'pub', Name: 'canary', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: {} } }),
    );
    assert.equal(full.FunctionVersion, '2');
    assert.equal(full.RoutingConfig, undefined);
    const after = await invokeMany('pub:canary', 50);
    assert.deepEqual([...after.entries()], [['2', 50]]);
  });

  test('the AWS CLI drives versions and aliases', { skip: hasAws ? false : 'the aws CLI is not installed here' }, () => {
    const versions = aws('list-versions-by-function', '--function-name', 'pub');
    assert.equal(versions.status, 0, versions.err);
    assert.deepEqual((versions.json()['Versions'] as { Version: string }[]).map((v) => v.Version), ['$LATEST', '1', '2']);

    const routed = aws('update-alias', '--function-name', 'pub', '--name', 'canary', '--function-version', '1', '--routing-config', 'AdditionalVersionWeights={2=0.25}');
    assert.equal(routed.status, 0, routed.err);
    assert.deepEqual(routed.json()['RoutingConfig'], { AdditionalVersionWeights: { '2': 0.25 } });

    const got = aws('get-alias', '--function-name', 'pub', '--name', 'canary');
    assert.equal(got.status, 0, got.err);
    assert.equal(got.json()['FunctionVersion'], '1');

    const promoted = aws('update-alias', '--function-name', 'pub', '--name', 'canary', '--function-version', '2', '--routing-config', '{}');
    assert.equal(promoted.status, 0, promoted.err);
    assert.equal(promoted.json()['FunctionVersion'], '2');
    assert.equal(promoted.json()['RoutingConfig'], undefined);

    const missing = aws('get-alias', '--function-name', 'pub', '--name', 'nope');
    assert.notEqual(missing.status, 0);
    assert.match(missing.err, /ResourceNotFoundException.*Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:pub:nope/);

    const published = aws('publish-version', '--function-name', 'pub');
    assert.equal(published.status, 0, published.err);
    assert.equal(published.json()['Version'], '2', 'nothing changed since version 2');
  });
});

describe('durability', () => {
  test('versions, aliases and routing survive SIGKILL and restart on the same data dir', async () => {
    await lambda.send(new UpdateAliasCommand({ FunctionName: 'pub', Name: 'canary', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.3 } } }));
    const before = await lambda.send(new ListAliasesCommand({ FunctionName: 'pub' }));
    lambda.destroy();
    await server.kill();

    server = await startServer({ dataDir: server.dataDir, args: ['--idle-timeout', '60'] });
    lambda = lambdaClient(server.url);
    const after = await lambda.send(new ListAliasesCommand({ FunctionName: 'pub' }));
    assert.deepEqual(after.Aliases, before.Aliases);
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'pub' }));
    assert.deepEqual(versions.Versions?.map((v) => v.Version), ['$LATEST', '1', '2']);
    const verList = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }));
    assert.deepEqual(verList.Versions?.map((v) => v.Version), ['$LATEST', '1', '3']);

    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'pub:1' }));
    assert.equal(got.Configuration?.State, 'Active');
    const body = Buffer.from(await (await fetch(got.Code?.Location ?? '')).arrayBuffer());
    assert.ok(body.equals(ZIP_A), 'version 1 still downloads its own zip');
    assert.deepEqual(await invoke('pub', 'live'), { executedVersion: '1', code: 'A', version: '1', envVersion: '1', invokedArn: arnOf('pub', 'live') });
    const counts = await invokeMany('pub:canary', 100);
    assert.ok((counts.get('1') ?? 0) > 0 && (counts.get('2') ?? 0) > 0, 'routing still splits after restart');

    // The version counter persisted too: numbers are not reused after a restart.
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'ver', Description: 'Fourth' }));
    await waitUpdated('ver');
    assert.equal((await lambda.send(new PublishVersionCommand({ FunctionName: 'ver' }))).Version, '4');

    // Deleting the function deletes every version and alias.
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'pub' }));
    await expectError(lambda.send(new GetFunctionCommand({ FunctionName: 'pub:1' })), 'ResourceNotFoundException');
    await expectError(lambda.send(new ListAliasesCommand({ FunctionName: 'pub' })), 'ResourceNotFoundException');
  });
});
