// IAM through the real server: the JS SDK v3 (which leaves documents URL-encoded) and the AWS CLI v1 (botocore,
// which decodes them) against the query protocol, with AWS's errors as each client reports them.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateAccessKeyCommand,
  DeleteRoleCommand,
  GetAccountSummaryCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import { rmSync } from 'node:fs';
import { expectError, startServer, tempDir, TEST_ACCOUNT, type TestServer } from '../helpers/lambent.js';
import { awsCli, type CliResult } from '../helpers/aws-cli.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const ALLOW_LOGS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
});

let server: TestServer;
let iam: IAMClient;
const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
/** Debian's AWS CLI v2 (its own botocore fork and XML parser). */
const AWS_V2 = '/usr/bin/aws';
const hasAwsV2 = spawnSync(AWS_V2, ['--version'], { encoding: 'utf8' }).stdout?.startsWith('aws-cli/2') === true;

before(async () => {
  server = await startServer();
  iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
});
after(async () => {
  iam?.destroy();
  await server?.dispose();
});

function aws(...args: string[]): { status: number | null; err: string; json: () => Record<string, unknown> } {
  return cli('aws', ...args);
}

function cli(bin: string, ...args: string[]): CliResult {
  return awsCli(server.url, 'iam', args, { bin });
}

describe('IAM with @aws-sdk/client-iam', () => {
  test('roles: create, get (URL-encoded trust policy), inline and attached policies, DeleteConflict, NoSuchEntity', async () => {
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: 'sdk-role', Path: '/app/', AssumeRolePolicyDocument: TRUST, Description: 'd', Tags: [{ Key: 'team', Value: 'core' }, { Key: 'env', Value: 'dev' }] }),
    );
    assert.equal(created.Role?.Arn, `arn:aws:iam::${TEST_ACCOUNT}:role/app/sdk-role`);
    assert.match(created.Role?.RoleId ?? '', /^AROA[A-Z0-9]{17}$/);
    assert.ok(created.Role?.CreateDate instanceof Date);

    const got = await iam.send(new GetRoleCommand({ RoleName: 'sdk-role' }));
    // On the wire (and so in the JS SDK, which does not decode it) the document is RFC 3986 encoded, as AWS sends it.
    assert.match(got.Role?.AssumeRolePolicyDocument ?? '', /^%7B%22Version%22%3A%222012-10-17%22/);
    assert.equal(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? ''), TRUST);
    assert.equal(got.Role?.MaxSessionDuration, 3600);
    assert.equal(got.Role?.Description, 'd');
    assert.deepEqual(got.Role?.Tags, [{ Key: 'team', Value: 'core' }, { Key: 'env', Value: 'dev' }]);

    await iam.send(new PutRolePolicyCommand({ RoleName: 'sdk-role', PolicyName: 'logs', PolicyDocument: ALLOW_LOGS }));
    const inline = await iam.send(new GetRolePolicyCommand({ RoleName: 'sdk-role', PolicyName: 'logs' }));
    assert.equal(decodeURIComponent(inline.PolicyDocument ?? ''), ALLOW_LOGS);

    const basic = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'sdk-role', PolicyArn: basic }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'sdk-role' }));
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: basic }]);

    await expectError(iam.send(new DeleteRoleCommand({ RoleName: 'sdk-role' })), 'DeleteConflictException', 'Cannot delete entity, must detach all policies first.', 409);
    await expectError(iam.send(new GetRoleCommand({ RoleName: 'missing' })), 'NoSuchEntityException', 'The role with name missing cannot be found.', 404);
    await expectError(
      iam.send(new CreateRoleCommand({ RoleName: 'SDK-ROLE', AssumeRolePolicyDocument: TRUST })),
      'EntityAlreadyExistsException', 'Role with name SDK-ROLE already exists.', 409,
    );
    await expectError(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{' })), 'MalformedPolicyDocumentException', undefined, 400);
  });

  test('ListRoles pages through Marker with the SDK paginator', async () => {
    for (let i = 0; i < 5; i++) await iam.send(new CreateRoleCommand({ RoleName: `page-${i}`, Path: '/paged/', AssumeRolePolicyDocument: TRUST }));
    const names: string[] = [];
    for await (const p of paginateListRoles({ client: iam, pageSize: 2 }, { PathPrefix: '/paged/' })) {
      assert.ok((p.Roles ?? []).length <= 2);
      names.push(...(p.Roles ?? []).map((r) => r.RoleName ?? ''));
    }
    assert.deepEqual(names, ['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    const first = await iam.send(new ListRolesCommand({ PathPrefix: '/paged/', MaxItems: 2 }));
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
  });

  test('managed policy versions and the 5-version quota', async () => {
    const p = await iam.send(new CreatePolicyCommand({ PolicyName: 'sdk-policy', PolicyDocument: ALLOW_LOGS }));
    const arn = p.Policy?.Arn ?? '';
    assert.equal(arn, `arn:aws:iam::${TEST_ACCOUNT}:policy/sdk-policy`);
    for (let i = 0; i < 4; i++) await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: ALLOW_LOGS }));
    await expectError(
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: ALLOW_LOGS })),
      'LimitExceededException',
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      409,
    );
    const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    assert.equal(decodeURIComponent(v.PolicyVersion?.Document ?? ''), ALLOW_LOGS);
    assert.equal(v.PolicyVersion?.IsDefaultVersion, true);
  });

  test('users and access keys; the simulator decides with the policy engine', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'sdk-user' }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'sdk-user' }));
    assert.match(key.AccessKey?.AccessKeyId ?? '', /^AKIA[A-Z0-9]{16}$/);
    assert.equal(key.AccessKey?.SecretAccessKey?.length, 40);
    const summary = await iam.send(new GetAccountSummaryCommand({}));
    assert.equal(summary.SummaryMap?.Users, 1);
    assert.equal(summary.SummaryMap?.AccessKeysPerUserQuota, 2);
    const sim = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${TEST_ACCOUNT}:role/app/sdk-role`,
        ActionNames: ['logs:PutLogEvents', 's3:GetObject'],
      }),
    );
    assert.deepEqual(sim.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision]), [
      ['logs:PutLogEvents', 'allowed'],
      ['s3:GetObject', 'implicitDeny'],
    ]);
  });
});

describe('IAM with the AWS CLI v1', { skip: hasAws ? false : 'the aws CLI is not installed here' }, () => {
  test('aws iam create-role / get-role (decoded document) / list-roles / delete-role, and a NoSuchEntity', () => {
    const created = aws('create-role', '--role-name', 'cli-role', '--assume-role-policy-document', TRUST);
    assert.equal(created.status, 0, created.err);
    assert.equal((created.json().Role as Record<string, unknown>).Arn, `arn:aws:iam::${TEST_ACCOUNT}:role/cli-role`);

    const got = aws('get-role', '--role-name', 'cli-role');
    assert.equal(got.status, 0, got.err);
    // botocore decodes and parses policy documents: the CLI shows JSON, not URL-encoded text.
    assert.deepEqual((got.json().Role as Record<string, unknown>).AssumeRolePolicyDocument, JSON.parse(TRUST));

    const listed = aws('list-roles');
    assert.equal(listed.status, 0, listed.err);
    assert.ok((listed.json().Roles as { RoleName: string }[]).some((r) => r.RoleName === 'cli-role'));

    assert.equal(aws('put-role-policy', '--role-name', 'cli-role', '--policy-name', 'p', '--policy-document', ALLOW_LOGS).status, 0);
    const pol = aws('get-role-policy', '--role-name', 'cli-role', '--policy-name', 'p');
    assert.deepEqual(pol.json().PolicyDocument, JSON.parse(ALLOW_LOGS));
    const conflict = aws('delete-role', '--role-name', 'cli-role');
    assert.notEqual(conflict.status, 0);
    assert.match(conflict.err, /\(DeleteConflict\) when calling the DeleteRole operation: Cannot delete entity, must delete policies first\./);
    assert.equal(aws('delete-role-policy', '--role-name', 'cli-role', '--policy-name', 'p').status, 0);
    assert.equal(aws('delete-role', '--role-name', 'cli-role').status, 0);

    const missing = aws('get-role', '--role-name', 'cli-role');
    assert.notEqual(missing.status, 0);
    assert.match(missing.err, /\(NoSuchEntity\) when calling the GetRole operation: The role with name cli-role cannot be found\./);
  });

  test('aws iam get-policy-version of an AWS managed policy shows its document', () => {
    const r = aws('get-policy-version', '--policy-arn', 'arn:aws:iam::aws:policy/AdministratorAccess', '--version-id', 'v1');
    assert.equal(r.status, 0, r.err);
    assert.deepEqual((r.json().PolicyVersion as Record<string, unknown>).Document, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
  });
});

describe('IAM with the AWS CLI v2', { skip: hasAwsV2 ? false : 'the AWS CLI v2 is not installed here' }, () => {
  test('create-user / create-access-key / list-access-keys, and an EntityAlreadyExists', () => {
    const v2 = (...args: string[]) => cli(AWS_V2, ...args);
    const created = v2('create-user', '--user-name', 'v2-user', '--path', '/cli/');
    assert.equal(created.status, 0, created.err);
    assert.equal((created.json().User as Record<string, unknown>).Arn, `arn:aws:iam::${TEST_ACCOUNT}:user/cli/v2-user`);
    const key = v2('create-access-key', '--user-name', 'v2-user');
    assert.equal(key.status, 0, key.err);
    const id = (key.json().AccessKey as Record<string, string>).AccessKeyId;
    const listed = v2('list-access-keys', '--user-name', 'v2-user');
    assert.deepEqual((listed.json().AccessKeyMetadata as { AccessKeyId: string; Status: string }[]).map((k) => [k.AccessKeyId, k.Status]), [[id, 'Active']]);
    const again = v2('create-user', '--user-name', 'V2-USER');
    assert.notEqual(again.status, 0);
    assert.match(again.err, /\(EntityAlreadyExists\) when calling the CreateUser operation( \(reached max retries: \d+\))?: User with name V2-USER already exists\./);
  });
});

describe('IAM across a restart', () => {
  test('roles, policies and access keys are there after Lambent restarts on the same data dir', async () => {
    const dataDir = tempDir();
    const client = (url: string) =>
      new IAMClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      const first = await startServer({ dataDir });
      const c1 = client(first.url);
      await c1.send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: TRUST }));
      await c1.send(new PutRolePolicyCommand({ RoleName: 'kept', PolicyName: 'logs', PolicyDocument: ALLOW_LOGS }));
      await c1.send(new CreateUserCommand({ UserName: 'kept-user' }));
      const key = await c1.send(new CreateAccessKeyCommand({ UserName: 'kept-user' }));
      c1.destroy();
      await first.stop();

      const second = await startServer({ dataDir });
      const c2 = client(second.url);
      try {
        const role = await c2.send(new GetRoleCommand({ RoleName: 'kept' }));
        assert.equal(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? ''), TRUST);
        const inline = await c2.send(new GetRolePolicyCommand({ RoleName: 'kept', PolicyName: 'logs' }));
        assert.equal(decodeURIComponent(inline.PolicyDocument ?? ''), ALLOW_LOGS);
        const keys = await c2.send(new ListAccessKeysCommand({ UserName: 'kept-user' }));
        assert.deepEqual(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId), [key.AccessKey?.AccessKeyId]);
      } finally {
        c2.destroy();
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
