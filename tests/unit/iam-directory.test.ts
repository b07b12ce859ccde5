// IamState as the IamDirectory the authorizer reads: a user's and a role session's permissions follow IAM writes
// at once (the generation moves with each one), through the service's own access map and the real PolicyAuthorizer.
import { after, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PolicyAuthorizer } from '../../src/services/iam/authorizer.js';
import { createIamService, IamState } from '../../src/services/iam/index.js';
import type { CallerIdentity, RequestFacts } from '../../src/services/identity.js';
import type { RequestContext } from '../../src/services/types.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const ACCOUNT = '123456789012';
const ROOT: CallerIdentity = { kind: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, accessKeyId: 'test' };
const FACTS: RequestFacts = { region: 'us-east-1', sourceIp: '127.0.0.1', now: Date.parse('2026-12-07T12:00:00Z'), secureTransport: false };
const dir = mkdtempSync(join(tmpdir(), 'lambent-iam-dir-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ctxFor = (caller: CallerIdentity): RequestContext => ({
  requestId: 'r', accountId: caller.accountId, region: 'us-east-1', accessKeyId: caller.accessKeyId, endpoint: 'http://x', caller, sourceIp: '127.0.0.1',
});

test("an IAM user's calls are decided by its current policies, groups and boundary", async () => {
  const store = new SqliteStore(join(dir, 'a.db'));
  const state = new IamState(store.iam);
  await state.load();
  const iam = createIamService({ state, now: () => FACTS.now });
  const asRoot = async (op: string, input: Record<string, unknown>) => (await iam.handlers[op]!(input, ctxFor(ROOT))) ?? {};
  const authorizer = new PolicyAuthorizer({ iam: state, resourcePolicies: {}, mode: 'enforce' });

  const user = (await asRoot('CreateUser', { UserName: 'dev' })).User as { UserId: string; Arn: string };
  const key = (await asRoot('CreateAccessKey', { UserName: 'dev' })).AccessKey as { AccessKeyId: string };
  const dev: CallerIdentity = { kind: 'user', accountId: ACCOUNT, arn: user.Arn, userId: user.UserId, accessKeyId: key.AccessKeyId, name: 'dev' };
  const decide = async (op: string, input: Record<string, unknown>) => {
    const requests = await iam.access!(op, input, ctxFor(dev));
    return (await authorizer.authorize(dev, requests, FACTS))?.message;
  };

  // (Which resource the sentence names is the access map's business; AWS's own answer names arn:…:role/ here.)
  assert.match(
    (await decide('ListRoles', {})) ?? '',
    new RegExp(`^User: ${user.Arn} is not authorized to perform: iam:ListRoles on resource: \\S+ because no identity-based policy allows the iam:ListRoles action$`),
  );
  await asRoot('CreateGroup', { GroupName: 'readers' });
  await asRoot('AttachGroupPolicy', { GroupName: 'readers', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' });
  await asRoot('AddUserToGroup', { GroupName: 'readers', UserName: 'dev' });
  assert.equal(await decide('ListRoles', {}), undefined, 'allowed through the group at once');
  assert.match((await decide('CreateRole', { RoleName: 'x', AssumeRolePolicyDocument: '{}' })) ?? '', /not authorized to perform: iam:CreateRole/);

  await asRoot('PutUserPolicy', {
    UserName: 'dev', PolicyName: 'deny-roles',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:ListRoles', Resource: '*' }] }),
  });
  assert.match((await decide('ListRoles', {})) ?? '', /with an explicit deny in an identity-based policy$/);
  await asRoot('DeleteUserPolicy', { UserName: 'dev', PolicyName: 'deny-roles' });
  assert.equal(await decide('ListRoles', {}), undefined);

  const boundary = ((await asRoot('CreatePolicy', {
    PolicyName: 'only-users',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] }),
  })).Policy as { Arn: string }).Arn;
  await asRoot('PutUserPermissionsBoundary', { UserName: 'dev', PermissionsBoundary: boundary });
  assert.match((await decide('ListRoles', {})) ?? '', /because no permissions boundary allows the iam:ListRoles action$/);
  assert.equal(await decide('ListUsers', {}), undefined);
  await store.close();
});

test('a role session is decided by its role, and loses access when the role is deleted', async () => {
  const store = new SqliteStore(join(dir, 'b.db'));
  const state = new IamState(store.iam);
  await state.load();
  const iam = createIamService({ state, now: () => FACTS.now });
  const asRoot = async (op: string, input: Record<string, unknown>) => (await iam.handlers[op]!(input, ctxFor(ROOT))) ?? {};
  const authorizer = new PolicyAuthorizer({ iam: state, resourcePolicies: {}, mode: 'enforce' });
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  const role = (await asRoot('CreateRole', { RoleName: 'fn', AssumeRolePolicyDocument: trust })).Role as { RoleId: string; Arn: string };
  await asRoot('AttachRolePolicy', { RoleName: 'fn', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  const session: CallerIdentity = {
    kind: 'assumed-role', accountId: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/fn/fn`, userId: `${role.RoleId}:fn`,
    accessKeyId: 'ASIAEXAMPLE', name: 'fn', roleArn: role.Arn, roleId: role.RoleId, sessionName: 'fn',
  };
  const request = [{ action: 'lambda:InvokeFunction', resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` }];
  assert.equal(await authorizer.authorize(session, request, FACTS), undefined);
  await asRoot('DetachRolePolicy', { RoleName: 'fn', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  await asRoot('DeleteRole', { RoleName: 'fn' });
  const denial = await authorizer.authorize(session, request, FACTS);
  assert.equal(denial?.policyType, 'identity-based');
  assert.equal(denial?.explicit, false);
  await store.close();
});
