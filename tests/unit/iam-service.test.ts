// IAM's handlers over a real SQLite store in a temp dir: what a client sees (fields, AWS's error codes, statuses
// and messages, quotas, paging), what IamDirectory hands the rest of Lambent, and that state survives a restart.
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { AwsError } from '../../src/protocol/errors.js';
import { createIamService, IamState } from '../../src/services/iam/index.js';
import type { CallerIdentity } from '../../src/services/identity.js';
import type { RequestContext, ServiceDefinition } from '../../src/services/types.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const ACCOUNT = '123456789012';
const ROOT: CallerIdentity = { kind: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, accessKeyId: 'test' };
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const ALLOW_S3 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Harness {
  file: string;
  store: SqliteStore;
  state: IamState;
  service: ServiceDefinition;
  call(op: string, input: Record<string, unknown>, caller?: CallerIdentity): Promise<Record<string, unknown>>;
}

async function open(file?: string): Promise<Harness> {
  if (file === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'lambent-iam-'));
    dirs.push(dir);
    file = join(dir, 'lambent.db');
  }
  const store = new SqliteStore(file);
  const state = new IamState(store.iam);
  await state.load();
  const service = createIamService({ state, now: () => Date.parse('2026-12-07T12:00:00.250Z') });
  const call = async (op: string, input: Record<string, unknown>, caller: CallerIdentity = ROOT) => {
    const ctx: RequestContext = {
      requestId: 'r', accountId: caller.accountId, region: 'us-east-1', accessKeyId: caller.accessKeyId,
      endpoint: 'http://x', caller, sourceIp: '127.0.0.1',
    };
    const handler = service.handlers[op];
    assert.ok(handler, `no handler for ${op}`);
    return (await handler(input, ctx)) ?? {};
  };
  return { file, store, state, service, call };
}

async function rejectsWith(p: Promise<unknown>, code: string, status: number, message: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.code, code);
    assert.equal(e.status, status);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

describe('roles', () => {
  test('CreateRole answers AWS fields: AROA id, ARN with path, URL-encoded trust policy, defaults', async () => {
    const h = await open();
    const out = await h.call('CreateRole', { RoleName: 'fn-role', Path: '/service/', AssumeRolePolicyDocument: TRUST });
    const role = out.Role as Record<string, unknown>;
    assert.match(role.RoleId as string, /^AROA[A-Z0-9]{17}$/);
    assert.equal(role.Arn, `arn:aws:iam::${ACCOUNT}:role/service/fn-role`);
    assert.equal(role.Path, '/service/');
    assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument as string), TRUST);
    assert.notEqual(role.AssumeRolePolicyDocument, TRUST);
    assert.equal(role.MaxSessionDuration, 3600);
    assert.deepEqual(role.CreateDate, new Date('2026-12-07T12:00:00.000Z'));

    const got = (await h.call('GetRole', { RoleName: 'FN-ROLE' })).Role as Record<string, unknown>;
    assert.equal(got.RoleName, 'fn-role', 'names are case-insensitive; the stored casing is answered');
    assert.deepEqual(got.RoleLastUsed, {});
  });

  test('names are unique without regard to case; missing roles are NoSuchEntity 404', async () => {
    const h = await open();
    await h.call('CreateRole', { RoleName: 'r1', AssumeRolePolicyDocument: TRUST });
    await rejectsWith(h.call('CreateRole', { RoleName: 'R1', AssumeRolePolicyDocument: TRUST }), 'EntityAlreadyExists', 409, 'Role with name R1 already exists.');
    await rejectsWith(h.call('GetRole', { RoleName: 'nope' }), 'NoSuchEntity', 404, 'The role with name nope cannot be found.');
  });

  test('a trust policy IAM refuses is MalformedPolicyDocument; over 2,048 characters is LimitExceeded', async () => {
    const h = await open();
    await rejectsWith(h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: '{"Version":"2012-10-17"' }), 'MalformedPolicyDocument', 400, /.+/);
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': 'x'.repeat(2100) } } }],
    });
    await rejectsWith(h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: big }), 'LimitExceeded', 409, 'Cannot exceed quota for ACLSizePerRole: 2048');
  });

  test('a trust policy naming a user or role of the account that does not exist is refused, as IAM does', async () => {
    const h = await open();
    const trustOf = (principal: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] });
    const ghost = `arn:aws:iam::${ACCOUNT}:user/ghost`;
    await rejectsWith(h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustOf(ghost) }), 'MalformedPolicyDocument', 400, `Invalid principal in policy: "AWS":"${ghost}"`);
    await h.call('CreateUser', { UserName: 'ghost' });
    await h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustOf(ghost) });
    const missingRole = `arn:aws:iam::${ACCOUNT}:role/path/none`;
    await rejectsWith(h.call('UpdateAssumeRolePolicy', { RoleName: 'r', PolicyDocument: trustOf(missingRole) }), 'MalformedPolicyDocument', 400, `Invalid principal in policy: "AWS":"${missingRole}"`);
    // The account itself and other accounts' principals are not checked here.
    await h.call('UpdateAssumeRolePolicy', { RoleName: 'r', PolicyDocument: trustOf(`arn:aws:iam::${ACCOUNT}:root`) });
    await h.call('UpdateAssumeRolePolicy', { RoleName: 'r', PolicyDocument: trustOf('arn:aws:iam::999999999999:role/elsewhere') });
  });

  test('DeleteRole is refused while inline or attached policies remain, then succeeds', async () => {
    const h = await open();
    await h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    await h.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: ALLOW_S3 });
    await h.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: ADMIN });
    await rejectsWith(h.call('DeleteRole', { RoleName: 'r' }), 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.');
    await h.call('DetachRolePolicy', { RoleName: 'r', PolicyArn: ADMIN });
    await rejectsWith(h.call('DeleteRole', { RoleName: 'r' }), 'DeleteConflict', 409, 'Cannot delete entity, must delete policies first.');
    await h.call('DeleteRolePolicy', { RoleName: 'r', PolicyName: 'p' });
    assert.deepEqual(await h.call('ListInstanceProfilesForRole', { RoleName: 'r' }), { InstanceProfiles: [], IsTruncated: false });
    await h.call('DeleteRole', { RoleName: 'r' });
    await rejectsWith(h.call('GetRole', { RoleName: 'r' }), 'NoSuchEntity', 404, 'The role with name r cannot be found.');
  });

  test('inline role policies: URL-encoded on Get, 10,240 characters in aggregate', async () => {
    const h = await open();
    await h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    await h.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: ALLOW_S3 });
    const got = await h.call('GetRolePolicy', { RoleName: 'r', PolicyName: 'P' });
    assert.equal(decodeURIComponent(got.PolicyDocument as string), ALLOW_S3);
    assert.deepEqual((await h.call('ListRolePolicies', { RoleName: 'r' })).PolicyNames, ['p']);
    const bulky = (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(n), Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    await h.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'big1', PolicyDocument: bulky(5000) });
    await rejectsWith(
      h.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'big2', PolicyDocument: bulky(5000) }),
      'LimitExceeded', 409, 'Maximum policy size of 10240 bytes exceeded for role r',
    );
    await rejectsWith(h.call('GetRolePolicy', { RoleName: 'r', PolicyName: 'none' }), 'NoSuchEntity', 404, 'The role policy with name none cannot be found.');
  });

  test('ListRoles pages with Marker/IsTruncated and filters by PathPrefix', async () => {
    const h = await open();
    for (const n of ['e', 'b', 'd', 'a', 'c']) await h.call('CreateRole', { RoleName: n, AssumeRolePolicyDocument: TRUST, Path: n < 'c' ? '/x/' : '/' });
    const seen: string[] = [];
    let marker: string | undefined;
    for (let i = 0; i < 5; i++) {
      const out = await h.call('ListRoles', marker === undefined ? { MaxItems: 2 } : { MaxItems: 2, Marker: marker });
      seen.push(...(out.Roles as { RoleName: string }[]).map((r) => r.RoleName));
      if (out.IsTruncated !== true) break;
      marker = out.Marker as string;
    }
    assert.deepEqual(seen, ['a', 'b', 'c', 'd', 'e']);
    const x = await h.call('ListRoles', { PathPrefix: '/x/' });
    assert.deepEqual((x.Roles as { RoleName: string }[]).map((r) => r.RoleName), ['a', 'b']);
    assert.equal((x.Roles as Record<string, unknown>[])[0]!.Tags, undefined, 'ListRoles leaves tags out, as AWS');
  });
});

describe('managed policies', () => {
  test('versions: v2…v5, the 5-version quota with AWS wording, default version rules, DeletePolicy conflicts', async () => {
    const h = await open();
    const created = (await h.call('CreatePolicy', { PolicyName: 'p', PolicyDocument: ALLOW_S3 })).Policy as Record<string, unknown>;
    assert.match(created.PolicyId as string, /^ANPA[A-Z0-9]{17}$/);
    assert.equal(created.Arn, `arn:aws:iam::${ACCOUNT}:policy/p`);
    assert.equal(created.DefaultVersionId, 'v1');
    assert.equal(created.AttachmentCount, 0);
    const arn = created.Arn as string;
    for (let i = 2; i <= 5; i++) {
      const v = (await h.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: ALLOW_S3, SetAsDefault: i === 3 })).PolicyVersion as Record<string, unknown>;
      assert.equal(v.VersionId, `v${i}`);
    }
    await rejectsWith(
      h.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: ALLOW_S3 }),
      'LimitExceeded', 409,
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
    assert.equal(((await h.call('GetPolicy', { PolicyArn: arn })).Policy as Record<string, unknown>).DefaultVersionId, 'v3');
    await rejectsWith(h.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v3' }), 'DeleteConflict', 409, 'Cannot delete the default version of a policy.');
    const versions = (await h.call('ListPolicyVersions', { PolicyArn: arn })).Versions as { VersionId: string; IsDefaultVersion: boolean }[];
    assert.deepEqual(versions.map((v) => v.VersionId), ['v5', 'v4', 'v3', 'v2', 'v1']);
    assert.deepEqual(versions.filter((v) => v.IsDefaultVersion).map((v) => v.VersionId), ['v3']);

    await h.call('CreateUser', { UserName: 'u' });
    await h.call('AttachUserPolicy', { UserName: 'u', PolicyArn: arn });
    assert.equal(((await h.call('GetPolicy', { PolicyArn: arn })).Policy as Record<string, unknown>).AttachmentCount, 1);
    await rejectsWith(h.call('DeletePolicy', { PolicyArn: arn }), 'DeleteConflict', 409, 'Cannot delete a policy attached to entities.');
    await h.call('DetachUserPolicy', { UserName: 'u', PolicyArn: arn });
    await rejectsWith(h.call('DeletePolicy', { PolicyArn: arn }), 'DeleteConflict', 409, /must delete the policy's versions/);
    for (const v of ['v1', 'v2', 'v4', 'v5']) await h.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: v });
    await h.call('DeletePolicy', { PolicyArn: arn });
    await rejectsWith(h.call('GetPolicy', { PolicyArn: arn }), 'NoSuchEntity', 404, `Policy ${arn} was not found.`);
  });

  test('AWS managed policies are known by ARN with their documents; unknown ones are not attachable', async () => {
    const h = await open();
    const p = (await h.call('GetPolicy', { PolicyArn: ADMIN })).Policy as Record<string, unknown>;
    assert.equal(p.PolicyName, 'AdministratorAccess');
    const v = (await h.call('GetPolicyVersion', { PolicyArn: ADMIN, VersionId: p.DefaultVersionId })).PolicyVersion as Record<string, unknown>;
    assert.deepEqual(JSON.parse(decodeURIComponent(v.Document as string)), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    await h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    const basic = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    await h.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: basic });
    const attached = await h.call('ListAttachedRolePolicies', { RoleName: 'r' });
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: basic }]);
    const bogus = 'arn:aws:iam::aws:policy/NoSuchPolicy';
    await rejectsWith(h.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: bogus }), 'NoSuchEntity', 404, `Policy ${bogus} does not exist or is not attachable.`);
    const local = await h.call('ListPolicies', { Scope: 'AWS', OnlyAttached: true });
    assert.deepEqual((local.Policies as { PolicyName: string; AttachmentCount: number }[]).map((x) => [x.PolicyName, x.AttachmentCount]), [['AWSLambdaBasicExecutionRole', 1]]);
    const entities = await h.call('ListEntitiesForPolicy', { PolicyArn: basic });
    assert.deepEqual((entities.PolicyRoles as { RoleName: string }[]).map((x) => x.RoleName), ['r']);
  });
});

describe('users, groups and access keys', () => {
  test('an access key signs at once (IamDirectory.accessKey), two per user, Inactive and deleted keys are seen', async () => {
    const h = await open();
    const user = (await h.call('CreateUser', { UserName: 'alice', Path: '/dev/' })).User as Record<string, unknown>;
    assert.match(user.UserId as string, /^AIDA[A-Z0-9]{17}$/);
    const key = (await h.call('CreateAccessKey', { UserName: 'alice' })).AccessKey as Record<string, string>;
    assert.match(key.AccessKeyId!, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(key.SecretAccessKey!.length, 40);
    assert.equal(key.Status, 'Active');
    assert.deepEqual(h.state.accessKey(key.AccessKeyId!), {
      accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey, status: 'Active', accountId: ACCOUNT,
      userName: 'alice', userId: user.UserId, userArn: `arn:aws:iam::${ACCOUNT}:user/dev/alice`,
    });
    await h.call('CreateAccessKey', { UserName: 'alice' });
    await rejectsWith(h.call('CreateAccessKey', { UserName: 'alice' }), 'LimitExceeded', 409, 'Cannot exceed quota for AccessKeysPerUser: 2');
    await h.call('UpdateAccessKey', { UserName: 'alice', AccessKeyId: key.AccessKeyId, Status: 'Inactive' });
    assert.equal(h.state.accessKey(key.AccessKeyId!)?.status, 'Inactive');
    await rejectsWith(h.call('DeleteUser', { UserName: 'alice' }), 'DeleteConflict', 409, 'Cannot delete entity, must delete access keys first.');
    await h.call('DeleteAccessKey', { UserName: 'alice', AccessKeyId: key.AccessKeyId });
    assert.equal(h.state.accessKey(key.AccessKeyId!), undefined);
    const listed = await h.call('ListAccessKeys', { UserName: 'alice' });
    assert.equal((listed.AccessKeyMetadata as unknown[]).length, 1);
    assert.deepEqual(await h.call('ListAccessKeys', {}), { AccessKeyMetadata: [], IsTruncated: false }, "root's own keys are not IAM's");
  });

  test('UpdateUser renames a user with its keys, groups and policies; the old name is free, the new one taken', async () => {
    const h = await open();
    await h.call('CreateUser', { UserName: 'old' });
    await h.call('CreateUser', { UserName: 'other' });
    await h.call('CreateGroup', { GroupName: 'g' });
    await h.call('AddUserToGroup', { GroupName: 'g', UserName: 'old' });
    await h.call('AttachUserPolicy', { UserName: 'old', PolicyArn: ADMIN });
    const key = (await h.call('CreateAccessKey', { UserName: 'old' })).AccessKey as { AccessKeyId: string };
    await rejectsWith(h.call('UpdateUser', { UserName: 'old', NewUserName: 'OTHER' }), 'EntityAlreadyExists', 409, 'User with name OTHER already exists.');
    await h.call('UpdateUser', { UserName: 'old', NewUserName: 'new', NewPath: '/moved/' });
    assert.equal(h.state.accessKey(key.AccessKeyId)?.userArn, `arn:aws:iam::${ACCOUNT}:user/moved/new`);
    assert.deepEqual(((await h.call('GetGroup', { GroupName: 'g' })).Users as { UserName: string }[]).map((u) => u.UserName), ['new']);
    assert.deepEqual(((await h.call('ListAttachedUserPolicies', { UserName: 'new' })).AttachedPolicies as { PolicyArn: string }[]).map((p) => p.PolicyArn), [ADMIN]);
    await rejectsWith(h.call('GetUser', { UserName: 'old' }), 'NoSuchEntity', 404, 'The user with name old cannot be found.');
    await h.call('CreateUser', { UserName: 'old' });
  });

  test('GetUser without a name answers for the calling user; root gets its root ARN; a role must name one', async () => {
    const h = await open();
    const user = (await h.call('CreateUser', { UserName: 'bob' })).User as Record<string, unknown>;
    const bob: CallerIdentity = { kind: 'user', accountId: ACCOUNT, arn: user.Arn as string, userId: user.UserId as string, accessKeyId: 'AKIAX', name: 'bob' };
    assert.equal(((await h.call('GetUser', {}, bob)).User as Record<string, unknown>).UserName, 'bob');
    const root = (await h.call('GetUser', {})).User as Record<string, unknown>;
    assert.equal(root.Arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(root.UserId, ACCOUNT);
    const role: CallerIdentity = { kind: 'assumed-role', accountId: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s`, userId: 'AROAX:s', accessKeyId: 'ASIAX', name: 'r' };
    await rejectsWith(h.call('GetUser', {}, role), 'ValidationError', 400, 'Must specify userName when calling with non-User credentials');
  });

  test('groups: members, the DeleteGroup conflict, identity policies include the groups\'', async () => {
    const h = await open();
    const carol = ((await h.call('CreateUser', { UserName: 'carol' })).User as { UserId: string }).UserId;
    const g = (await h.call('CreateGroup', { GroupName: 'devs' })).Group as Record<string, unknown>;
    assert.match(g.GroupId as string, /^AGPA[A-Z0-9]{17}$/);
    await h.call('AddUserToGroup', { GroupName: 'devs', UserName: 'carol' });
    await h.call('AttachGroupPolicy', { GroupName: 'devs', PolicyArn: ADMIN });
    await h.call('PutUserPolicy', { UserName: 'carol', PolicyName: 'own', PolicyDocument: ALLOW_S3 });
    const got = await h.call('GetGroup', { GroupName: 'devs' });
    assert.deepEqual((got.Users as { UserName: string }[]).map((u) => u.UserName), ['carol']);
    assert.deepEqual(((await h.call('ListGroupsForUser', { UserName: 'carol' })).Groups as { GroupName: string }[]).map((x) => x.GroupName), ['devs']);

    const caller: CallerIdentity = { kind: 'user', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/carol`, userId: carol, accessKeyId: 'AKIAX', name: 'carol' };
    const applied = await h.state.identityPolicies(caller);
    assert.deepEqual(applied.policies.map((p) => p.source), ['user/carol/inline/own', ADMIN]);
    const before = h.state.generation();

    await rejectsWith(h.call('DeleteGroup', { GroupName: 'devs' }), 'DeleteConflict', 409, 'Cannot delete entity, must remove users from group first.');
    await h.call('RemoveUserFromGroup', { GroupName: 'devs', UserName: 'carol' });
    assert.ok(h.state.generation() > before, 'a membership change moves the generation');
    assert.deepEqual((await h.state.identityPolicies(caller)).policies.map((p) => p.source), ['user/carol/inline/own']);
  });

  test('a permissions boundary must exist and is handed to the authorizer', async () => {
    const h = await open();
    await h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    const missing = `arn:aws:iam::${ACCOUNT}:policy/none`;
    await rejectsWith(h.call('PutRolePermissionsBoundary', { RoleName: 'r', PermissionsBoundary: missing }), 'NoSuchEntity', 404, `Scope ARN: ${missing} does not exist or is not attachable.`);
    await h.call('PutRolePermissionsBoundary', { RoleName: 'r', PermissionsBoundary: ADMIN });
    const role = (await h.call('GetRole', { RoleName: 'r' })).Role as Record<string, unknown>;
    assert.deepEqual(role.PermissionsBoundary, { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: ADMIN });
    const session: CallerIdentity = { kind: 'assumed-role', accountId: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s`, userId: 'AROAX:s', accessKeyId: 'ASIAX', name: 'r' };
    assert.equal((await h.state.identityPolicies(session)).permissionsBoundary?.source, ADMIN);
  });
});

describe('simulator and account details', () => {
  test('SimulatePrincipalPolicy: allowed, explicitDeny and implicitDeny with the matching statements', async () => {
    const h = await open();
    await h.call('CreateUser', { UserName: 'dave' });
    await h.call('PutUserPolicy', { UserName: 'dave', PolicyName: 'reads', PolicyDocument: ALLOW_S3 });
    await h.call('PutUserPolicy', {
      UserName: 'dave', PolicyName: 'no-delete',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }] }),
    });
    const out = await h.call('SimulatePrincipalPolicy', {
      PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/dave`,
      ActionNames: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject'],
    });
    const results = out.EvaluationResults as { EvalActionName: string; EvalDecision: string; MatchedStatements: { SourcePolicyId: string; SourcePolicyType: string }[] }[];
    assert.deepEqual(results.map((r) => [r.EvalActionName, r.EvalDecision]), [
      ['s3:GetObject', 'allowed'], ['s3:DeleteObject', 'explicitDeny'], ['s3:PutObject', 'implicitDeny'],
    ]);
    assert.deepEqual(results[0]!.MatchedStatements, [{ SourcePolicyId: 'reads', SourcePolicyType: 'user' }]);
    const custom = await h.call('SimulateCustomPolicy', { PolicyInputList: [ALLOW_S3], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::b/k'] });
    assert.equal((custom.EvaluationResults as { EvalDecision: string }[])[0]!.EvalDecision, 'allowed');
  });

  test('GetAccountAuthorizationDetails lists by Filter with URL-encoded documents', async () => {
    const h = await open();
    await h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    await h.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: ALLOW_S3 });
    await h.call('CreateUser', { UserName: 'u' });
    const out = await h.call('GetAccountAuthorizationDetails', { Filter: ['Role'] });
    assert.deepEqual(out.UserDetailList, []);
    const roles = out.RoleDetailList as { RoleName: string; RolePolicyList: { PolicyDocument: string }[] }[];
    assert.equal(roles[0]!.RoleName, 'r');
    assert.equal(decodeURIComponent(roles[0]!.RolePolicyList[0]!.PolicyDocument), ALLOW_S3);
  });
});

describe('groups renamed, account summary, context keys', () => {
  test('UpdateGroup renames a group; its members follow, the new name must be free', async () => {
    const h = await open();
    await h.call('CreateUser', { UserName: 'u' });
    await h.call('CreateGroup', { GroupName: 'old' });
    await h.call('CreateGroup', { GroupName: 'taken' });
    await h.call('AddUserToGroup', { GroupName: 'old', UserName: 'u' });
    await rejectsWith(h.call('UpdateGroup', { GroupName: 'old', NewGroupName: 'TAKEN' }), 'EntityAlreadyExists', 409, 'Group with name TAKEN already exists.');
    await h.call('UpdateGroup', { GroupName: 'old', NewGroupName: 'new', NewPath: '/teams/' });
    const groups = (await h.call('ListGroupsForUser', { UserName: 'u' })).Groups as { GroupName: string; Arn: string }[];
    assert.deepEqual(groups.map((g) => [g.GroupName, g.Arn]), [['new', `arn:aws:iam::${ACCOUNT}:group/teams/new`]]);
    await rejectsWith(h.call('GetGroup', { GroupName: 'old' }), 'NoSuchEntity', 404, 'The group with name old cannot be found.');
  });

  test('GetAccountSummary counts this account\'s entities and states IAM\'s quotas', async () => {
    const h = await open();
    await h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    await h.call('CreateUser', { UserName: 'u' });
    const arn = ((await h.call('CreatePolicy', { PolicyName: 'p', PolicyDocument: ALLOW_S3 })).Policy as { Arn: string }).Arn;
    await h.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: ALLOW_S3 });
    const map = (await h.call('GetAccountSummary', {})).SummaryMap as Record<string, number>;
    assert.equal(map.Roles, 1);
    assert.equal(map.Users, 1);
    assert.equal(map.Groups, 0);
    assert.equal(map.Policies, 1);
    assert.equal(map.PolicyVersionsInUse, 2);
    assert.equal(map.AssumeRolePolicySizeQuota, 2048);
    assert.equal(map.RolePolicySizeQuota, 10240);
  });

  test('GetContextKeysFor*Policy lists the condition keys and policy variables of the policies, once each, as written', async () => {
    const h = await open();
    const conditioned = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a', 's3:prefix': 'x' } } },
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringLike: { 'AWS:PrincipalTag/TEAM': 'b' } } },
      ],
    });
    const custom = await h.call('GetContextKeysForCustomPolicy', { PolicyInputList: [conditioned, ALLOW_S3] });
    assert.deepEqual(custom.ContextKeyNames, ['aws:username', 'aws:PrincipalTag/team', 's3:prefix', 'aws:SecureTransport']);
    await h.call('CreateUser', { UserName: 'u' });
    await h.call('PutUserPolicy', { UserName: 'u', PolicyName: 'p', PolicyDocument: conditioned });
    const principal = await h.call('GetContextKeysForPrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/u` });
    assert.deepEqual(principal.ContextKeyNames, ['aws:username', 'aws:PrincipalTag/team', 's3:prefix', 'aws:SecureTransport']);
  });
});

describe('persistence', () => {
  test('roles, users, policies and access keys survive a restart; a new key is usable after reopening', async () => {
    const h = await open();
    await h.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'team', Value: 'a' }] });
    await h.call('CreateUser', { UserName: 'erin' });
    const key = (await h.call('CreateAccessKey', { UserName: 'erin' })).AccessKey as Record<string, string>;
    const arn = ((await h.call('CreatePolicy', { PolicyName: 'p', PolicyDocument: ALLOW_S3 })).Policy as { Arn: string }).Arn;
    await h.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: arn });
    await h.store.close();

    const again = await open(h.file);
    const role = await again.state.getRole(ACCOUNT, 'R');
    assert.equal(role?.assumeRolePolicyDocument, TRUST);
    assert.deepEqual(role?.tags, { team: 'a' });
    assert.equal(again.state.accessKey(key.AccessKeyId!)?.secretAccessKey, key.SecretAccessKey);
    assert.equal(((await again.call('GetPolicy', { PolicyArn: arn })).Policy as { AttachmentCount: number }).AttachmentCount, 1);
    await again.store.close();
  });
});
