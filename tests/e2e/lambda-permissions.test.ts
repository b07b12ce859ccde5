// Function resource policies through the real server, as the AWS SDK for JavaScript v3 and the AWS CLI v1 see them:
// AddPermission (201, the statement as JSON text), GetPolicy (the document and its revision), RemovePermission
// (204), on functions, versions and aliases, with AWS's errors and status codes.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  DeleteAliasCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  PublishVersionCommand,
  RemovePermissionCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { deployFunction, expectError, lambdaClient, startServer, TEST_ACCOUNT, TEST_REGION, type TestServer } from '../helpers/lambent.js';
import { awsCli, type CliResult } from '../helpers/aws-cli.js';
import { createIamUser } from '../helpers/iam-user.js';
import { IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';

let server: TestServer;
let lambda: LambdaClient;
const ARN = `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:perm`;

before(async () => {
  server = await startServer();
  lambda = lambdaClient(server.url);
  await deployFunction(lambda, 'perm', { 'index.js': 'exports.handler = async () => 1;\n' });
  await lambda.send(new PublishVersionCommand({ FunctionName: 'perm' }));
  await lambda.send(new CreateAliasCommand({ FunctionName: 'perm', Name: 'live', FunctionVersion: '1' }));
});
after(async () => server.dispose());

interface Doc {
  Version: string;
  Id: string;
  Statement: { Sid: string; Principal: unknown; Resource: string; Condition?: unknown }[];
}

describe('SDK v3', () => {
  test('AddPermission → GetPolicy → RemovePermission round trip, with AWS\'s status codes and texts', async () => {
    const added = await lambda.send(new AddPermissionCommand({
      FunctionName: 'perm', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com',
      SourceArn: 'arn:aws:s3:::test-bucket', SourceAccount: TEST_ACCOUNT,
    }));
    assert.equal(added.$metadata.httpStatusCode, 201);
    const statement =
      `{"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"${ARN}",` +
      `"Condition":{"StringEquals":{"AWS:SourceAccount":"${TEST_ACCOUNT}"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::test-bucket"}}}`;
    assert.equal(added.Statement, statement);

    await lambda.send(new AddPermissionCommand({ FunctionName: ARN, StatementId: 'acct', Action: 'lambda:GetFunction', Principal: '111122223333' }));
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'perm' }));
    assert.equal(policy.$metadata.httpStatusCode, 200);
    const doc = JSON.parse(policy.Policy ?? '') as Doc;
    assert.equal(doc.Version, '2012-10-17');
    assert.equal(doc.Id, 'default');
    assert.deepEqual(doc.Statement.map((s) => [s.Sid, s.Principal]), [
      ['s3', { Service: 's3.amazonaws.com' }],
      ['acct', { AWS: 'arn:aws:iam::111122223333:root' }],
    ]);
    assert.ok(policy.Policy?.startsWith(`{"Version":"2012-10-17","Id":"default","Statement":[${statement},`));
    // As on AWS, the policy's revision is the function's.
    assert.equal((await lambda.send(new GetFunctionCommand({ FunctionName: 'perm' }))).Configuration?.RevisionId, policy.RevisionId);

    await expectError(
      lambda.send(new AddPermissionCommand({ FunctionName: 'perm', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' })),
      'ResourceConflictException',
      'The statement id (s3) provided already exists. Please provide a new statement id, or remove the existing statement.',
      409,
    );
    // A stale revision is refused; the current one works.
    await expectError(
      lambda.send(new RemovePermissionCommand({ FunctionName: 'perm', StatementId: 'acct', RevisionId: '00000000-0000-0000-0000-000000000000' })),
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id',
      412,
    );
    const removed = await lambda.send(new RemovePermissionCommand({ FunctionName: 'perm', StatementId: 'acct', RevisionId: policy.RevisionId }));
    assert.equal(removed.$metadata.httpStatusCode, 204);
    await expectError(
      lambda.send(new RemovePermissionCommand({ FunctionName: 'perm', StatementId: 'acct' })),
      'ResourceNotFoundException',
      'Statement acct is not found in resource policy.',
      404,
    );
    await lambda.send(new RemovePermissionCommand({ FunctionName: 'perm', StatementId: 's3' }));
    await expectError(lambda.send(new GetPolicyCommand({ FunctionName: 'perm' })), 'ResourceNotFoundException', 'The resource you requested does not exist.', 404);
    await expectError(
      lambda.send(new RemovePermissionCommand({ FunctionName: 'perm', StatementId: 's3' })),
      'ResourceNotFoundException',
      'No policy is associated with the given resource.',
      404,
    );
  });

  test('AWS\'s refusals: $LATEST, an invalid principal, a statement id outside the pattern, a missing function', async () => {
    await expectError(
      lambda.send(new AddPermissionCommand({ FunctionName: 'perm', Qualifier: '$LATEST', StatementId: 'x', Action: 'lambda:InvokeFunction', Principal: '*' })),
      'InvalidParameterValueException',
      'We currently do not support adding policies for $LATEST.',
      400,
    );
    await expectError(
      lambda.send(new AddPermissionCommand({ FunctionName: 'perm', StatementId: 'x', Action: 'lambda:InvokeFunction', Principal: 'invalid.nonaws.com' })),
      'InvalidParameterValueException',
      'The provided principal was invalid. Please check the principal and try again.',
    );
    await expectError(
      lambda.send(new AddPermissionCommand({ FunctionName: 'perm', StatementId: 'example.com', Action: 'lambda:InvokeFunction', Principal: '*' })),
      'ValidationException',
      "1 validation error detected: Value 'example.com' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)",
    );
    await expectError(
      lambda.send(new AddPermissionCommand({ FunctionName: 'doesnotexist', StatementId: 'x', Action: 'lambda:InvokeFunction', Principal: '*' })),
      'ResourceNotFoundException',
      `Function not found: arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:doesnotexist`,
      404,
    );
    await expectError(
      lambda.send(new RemovePermissionCommand({ FunctionName: 'doesnotexist', StatementId: 'x' })),
      'ResourceNotFoundException',
      `No policy found for: arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:doesnotexist`,
    );
  });

  test('versions and aliases have their own policies; deleting the alias deletes its policy', async () => {
    await lambda.send(new AddPermissionCommand({ FunctionName: 'perm', Qualifier: '1', StatementId: 'v', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com' }));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'perm:live', StatementId: 'a', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com' }));
    const v1 = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'perm', Qualifier: '1' }))).Policy ?? '') as Doc;
    assert.deepEqual(v1.Statement.map((s) => [s.Sid, s.Resource]), [['v', `${ARN}:1`]]);
    const live = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: `${ARN}:live` }))).Policy ?? '') as Doc;
    assert.deepEqual(live.Statement.map((s) => [s.Sid, s.Resource]), [['a', `${ARN}:live`]]);

    await lambda.send(new DeleteAliasCommand({ FunctionName: 'perm', Name: 'live' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'perm', Name: 'live', FunctionVersion: '1' }));
    await expectError(lambda.send(new GetPolicyCommand({ FunctionName: 'perm:live' })), 'ResourceNotFoundException', 'The resource you requested does not exist.');
    await expectError(
      lambda.send(new AddPermissionCommand({ FunctionName: 'perm:nope', StatementId: 'a', Action: 'lambda:InvokeFunction', Principal: '*' })),
      'ResourceNotFoundException',
      `Cannot find alias arn: ${ARN}:nope`,
    );
  });
});

const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;

function aws(...args: string[]): CliResult {
  return awsCli(server.url, 'lambda', args);
}

test('AWS CLI: add-permission, get-policy, remove-permission', { skip: hasAws ? false : 'the aws CLI is not installed here' }, () => {
  const added = aws(
    'add-permission', '--function-name', 'perm', '--statement-id', 'cli', '--action', 'lambda:InvokeFunction',
    '--principal', 'events.amazonaws.com', '--source-arn', `arn:aws:events:${TEST_REGION}:${TEST_ACCOUNT}:rule/r`,
  );
  assert.equal(added.status, 0, added.err);
  const statement = JSON.parse((JSON.parse(added.out) as { Statement: string }).Statement) as { Principal: unknown; Condition: unknown };
  assert.deepEqual(statement.Principal, { Service: 'events.amazonaws.com' });
  assert.deepEqual(statement.Condition, { ArnLike: { 'AWS:SourceArn': `arn:aws:events:${TEST_REGION}:${TEST_ACCOUNT}:rule/r` } });

  const got = aws('get-policy', '--function-name', 'perm');
  assert.equal(got.status, 0, got.err);
  const { Policy, RevisionId } = JSON.parse(got.out) as { Policy: string; RevisionId: string };
  assert.deepEqual((JSON.parse(Policy) as Doc).Statement.map((s) => s.Sid), ['cli']);
  assert.match(RevisionId, /^[0-9a-f-]{36}$/);

  const removed = aws('remove-permission', '--function-name', 'perm', '--statement-id', 'cli');
  assert.equal(removed.status, 0, removed.err);
  const again = aws('remove-permission', '--function-name', 'perm', '--statement-id', 'cli');
  // AWS CLI v1 exits 255 on a service error (v2 would exit 254).
  assert.equal(again.status, 255);
  assert.match(again.err, /ResourceNotFoundException\) when calling the RemovePermission operation: No policy is associated with the given resource\./);
});

test("RemovePermission's lambda:Principal is the removed statement's principal: a user may remove only what its condition names", async () => {
  await deployFunction(lambda, 'perm-keyed', { 'index.js': 'exports.handler = async () => 1;\n' });
  await lambda.send(new AddPermissionCommand({ FunctionName: 'perm-keyed', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'perm-keyed', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' }));
  const user = await createIamUser(server.url, { accessKeyId: 'test', secretAccessKey: 'test' }, 'perm-admin');
  const iam = new IAMClient({ endpoint: server.url, region: TEST_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await iam.send(new PutUserPolicyCommand({
    UserName: 'perm-admin',
    PolicyName: 's3-statements-only',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'lambda:RemovePermission', Resource: '*', Condition: { StringEquals: { 'lambda:Principal': 's3.amazonaws.com' } } }],
    }),
  }));
  iam.destroy();
  const asUser = new LambdaClient({ endpoint: server.url, region: TEST_REGION, credentials: user.keys, maxAttempts: 1 });
  const fn = `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:perm-keyed`;
  await expectError(
    asUser.send(new RemovePermissionCommand({ FunctionName: 'perm-keyed', StatementId: 'events' })),
    'AccessDeniedException',
    `User: ${user.arn} is not authorized to perform: lambda:RemovePermission on resource: ${fn} because no identity-based policy allows the lambda:RemovePermission action`,
    403,
  );
  await asUser.send(new RemovePermissionCommand({ FunctionName: 'perm-keyed', StatementId: 's3' }));
  const left = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'perm-keyed' }))).Policy ?? '{}') as { Statement: { Sid: string }[] };
  assert.deepEqual(left.Statement.map((s) => s.Sid), ['events']);
  asUser.destroy();
});
