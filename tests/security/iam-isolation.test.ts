// IAM's boundaries: one account's IAM state is invisible and untouchable from another, secret access keys are
// shown once (CreateAccessKey) and never again, concurrent writes cannot break IAM's uniqueness rules or quotas,
// and hostile inputs (oversized documents, forged markers) are refused or harmless.
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { AwsError } from '../../src/protocol/errors.js';
import { createIamService, IamState } from '../../src/services/iam/index.js';
import type { CallerIdentity } from '../../src/services/identity.js';
import type { RequestContext } from '../../src/services/types.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const A = '111111111111';
const B = '222222222222';
const root = (account: string): CallerIdentity => ({ kind: 'root', accountId: account, arn: `arn:aws:iam::${account}:root`, userId: account, accessKeyId: 'k' });
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

const dir = mkdtempSync(join(tmpdir(), 'lambent-iam-sec-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function open() {
  const store = new SqliteStore(join(dir, `db-${n++}.sqlite`));
  const state = new IamState(store.iam);
  await state.load();
  const service = createIamService({ state, now: () => Date.now() });
  const call = async (account: string, op: string, input: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const caller = root(account);
    const ctx: RequestContext = { requestId: 'r', accountId: account, region: 'us-east-1', accessKeyId: 'k', endpoint: 'http://x', caller, sourceIp: '127.0.0.1' };
    return (await service.handlers[op]!(input, ctx)) ?? {};
  };
  return { store, state, call };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as AwsError).code;
  }
}

describe('accounts are isolated', () => {
  test("another account's roles, users, policies and access keys cannot be read, attached or changed", async () => {
    const h = await open();
    await h.call(A, 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    await h.call(A, 'CreateUser', { UserName: 'u' });
    const key = (await h.call(A, 'CreateAccessKey', { UserName: 'u' })).AccessKey as { AccessKeyId: string };
    const policyArn = ((await h.call(A, 'CreatePolicy', { PolicyName: 'p', PolicyDocument: DOC })).Policy as { Arn: string }).Arn;

    assert.equal(await code(h.call(B, 'GetRole', { RoleName: 'r' })), 'NoSuchEntity');
    assert.deepEqual((await h.call(B, 'ListRoles', {})).Roles, []);
    assert.deepEqual((await h.call(B, 'ListPolicies', { Scope: 'Local' })).Policies, []);
    assert.equal(await code(h.call(B, 'GetPolicy', { PolicyArn: policyArn })), 'NoSuchEntity');
    await h.call(B, 'CreateRole', { RoleName: 'mine', AssumeRolePolicyDocument: TRUST });
    assert.equal(await code(h.call(B, 'AttachRolePolicy', { RoleName: 'mine', PolicyArn: policyArn })), 'NoSuchEntity');
    assert.equal(await code(h.call(B, 'PutRolePermissionsBoundary', { RoleName: 'mine', PermissionsBoundary: policyArn })), 'NoSuchEntity');

    // B has a user of the same name: A's key still is not B's to change.
    await h.call(B, 'CreateUser', { UserName: 'u' });
    assert.equal(await code(h.call(B, 'UpdateAccessKey', { UserName: 'u', AccessKeyId: key.AccessKeyId, Status: 'Inactive' })), 'NoSuchEntity');
    assert.equal(await code(h.call(B, 'DeleteAccessKey', { UserName: 'u', AccessKeyId: key.AccessKeyId })), 'NoSuchEntity');
    assert.equal(await code(h.call(B, 'GetAccessKeyLastUsed', { AccessKeyId: key.AccessKeyId })), 'NoSuchEntity');
    assert.deepEqual((await h.call(B, 'ListAccessKeys', { UserName: 'u' })).AccessKeyMetadata, []);
    assert.equal(h.state.accessKey(key.AccessKeyId)?.status, 'Active');
    assert.equal(h.state.accessKey(key.AccessKeyId)?.accountId, A);

    assert.equal(await code(h.call(B, 'SimulatePrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${A}:role/r`, ActionNames: ['s3:GetObject'] })), 'InvalidInput');
    const details = JSON.stringify(await h.call(B, 'GetAccountAuthorizationDetails', {}));
    assert.doesNotMatch(details, new RegExp(A));
    await h.store.close();
  });
});

describe('secrets', () => {
  test('a secret access key appears in CreateAccessKey only: never in listings, user details or account details', async () => {
    const h = await open();
    await h.call(A, 'CreateUser', { UserName: 'u' });
    const key = (await h.call(A, 'CreateAccessKey', { UserName: 'u' })).AccessKey as { AccessKeyId: string; SecretAccessKey: string };
    assert.equal(key.SecretAccessKey.length, 40);
    const seen = [
      await h.call(A, 'ListAccessKeys', { UserName: 'u' }),
      await h.call(A, 'GetUser', { UserName: 'u' }),
      await h.call(A, 'ListUsers', {}),
      await h.call(A, 'GetAccountAuthorizationDetails', {}),
      await h.call(A, 'GetAccessKeyLastUsed', { AccessKeyId: key.AccessKeyId }),
    ];
    for (const out of seen) assert.ok(!JSON.stringify(out).includes(key.SecretAccessKey));
    await h.store.close();
  });

  test('access key ids and secrets are not repeated across many keys', async () => {
    const h = await open();
    const ids = new Set<string>();
    const secrets = new Set<string>();
    for (let i = 0; i < 50; i++) {
      await h.call(A, 'CreateUser', { UserName: `u${i}` });
      const k = (await h.call(A, 'CreateAccessKey', { UserName: `u${i}` })).AccessKey as { AccessKeyId: string; SecretAccessKey: string };
      ids.add(k.AccessKeyId);
      secrets.add(k.SecretAccessKey);
    }
    assert.equal(ids.size, 50);
    assert.equal(secrets.size, 50);
    await h.store.close();
  });
});

describe('concurrent writes', () => {
  test('racing CreateRole calls of one name (any case) create exactly one role', async () => {
    const h = await open();
    const names = ['race', 'RACE', 'Race', 'rAce', 'raCe', 'racE', 'race', 'RACE'];
    const results = await Promise.all(names.map((RoleName) => code(h.call(A, 'CreateRole', { RoleName, AssumeRolePolicyDocument: TRUST }))));
    assert.equal(results.filter((r) => r === 'ok').length, 1);
    assert.equal(results.filter((r) => r === 'EntityAlreadyExists').length, names.length - 1);
    assert.equal(((await h.call(A, 'ListRoles', {})).Roles as unknown[]).length, 1);
    await h.store.close();
  });

  test('racing CreateAccessKey calls cannot exceed two keys per user', async () => {
    const h = await open();
    await h.call(A, 'CreateUser', { UserName: 'u' });
    const results = await Promise.all(Array.from({ length: 8 }, () => code(h.call(A, 'CreateAccessKey', { UserName: 'u' }))));
    assert.equal(results.filter((r) => r === 'ok').length, 2);
    assert.equal(results.filter((r) => r === 'LimitExceeded').length, 6);
    await h.store.close();
  });

  test('a policy cannot be deleted by a DeletePolicy racing the attachment that uses it', async () => {
    const h = await open();
    await h.call(A, 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    const arn = ((await h.call(A, 'CreatePolicy', { PolicyName: 'p', PolicyDocument: DOC })).Policy as { Arn: string }).Arn;
    const [attach, del] = await Promise.all([code(h.call(A, 'AttachRolePolicy', { RoleName: 'r', PolicyArn: arn })), code(h.call(A, 'DeletePolicy', { PolicyArn: arn }))]);
    assert.equal(attach, 'ok');
    assert.equal(del, 'DeleteConflict');
    const applied = await h.state.identityPolicies({ kind: 'assumed-role', accountId: A, arn: `arn:aws:sts::${A}:assumed-role/r/s`, userId: 'AROAX:s', accessKeyId: 'ASIA', name: 'r' });
    assert.deepEqual(applied.policies.map((p) => p.document), [DOC]);
    await h.store.close();
  });
});

describe('recreated principals', () => {
  test("a session of a deleted role gets nothing from a new role of the same name; its own role's policies apply", async () => {
    const h = await open();
    const oldRole = ((await h.call(A, 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST })).Role as { RoleId: string }).RoleId;
    await h.call(A, 'DeleteRole', { RoleName: 'r' });
    const newRole = ((await h.call(A, 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST })).Role as { RoleId: string }).RoleId;
    await h.call(A, 'PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: DOC });
    const session = (roleId: string): CallerIdentity => ({
      kind: 'assumed-role', accountId: A, arn: `arn:aws:sts::${A}:assumed-role/r/s`, userId: `${roleId}:s`, accessKeyId: 'ASIA', name: 'r', roleId,
    });
    assert.deepEqual((await h.state.identityPolicies(session(oldRole))).policies, []);
    assert.deepEqual((await h.state.identityPolicies(session(newRole))).policies.map((p) => p.document), [DOC]);
    await h.store.close();
  });
});

describe('hostile inputs', () => {
  test('oversized documents are refused by quota, not stored', async () => {
    const h = await open();
    const huge = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(200_000), Effect: 'Allow', Action: '*', Resource: '*' }] });
    assert.equal(await code(h.call(A, 'CreatePolicy', { PolicyName: 'p', PolicyDocument: huge })), 'LimitExceeded');
    assert.equal(await code(h.call(A, 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: huge })), 'LimitExceeded');
    await h.call(A, 'CreateUser', { UserName: 'u' });
    assert.equal(await code(h.call(A, 'PutUserPolicy', { UserName: 'u', PolicyName: 'p', PolicyDocument: huge })), 'LimitExceeded');
    assert.deepEqual((await h.call(A, 'ListUserPolicies', { UserName: 'u' })).PolicyNames, []);
    await h.store.close();
  });

  test('a forged Marker pages nothing it should not: no error, no other account, no duplicates', async () => {
    const h = await open();
    for (const name of ['a', 'b', 'c']) await h.call(A, 'CreateRole', { RoleName: name, AssumeRolePolicyDocument: TRUST });
    await h.call(B, 'CreateRole', { RoleName: 'other', AssumeRolePolicyDocument: TRUST });
    for (const Marker of ['', '!!!!', Buffer.from('\u0000').toString('base64url'), Buffer.from('b').toString('base64url'), 'x'.repeat(5000)]) {
      const out = await h.call(A, 'ListRoles', { Marker });
      const names = (out.Roles as { RoleName: string }[]).map((r) => r.RoleName);
      assert.ok(names.every((x) => ['a', 'b', 'c'].includes(x)), `marker ${Marker.slice(0, 10)} listed ${names.join(',')}`);
      assert.equal(new Set(names).size, names.length);
    }
    await h.store.close();
  });
});
