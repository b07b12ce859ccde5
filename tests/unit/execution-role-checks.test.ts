// CreateFunction and UpdateFunctionConfiguration ask ExecutionRoles about the role, as AWS does: another account's
// role is AccessDeniedException (403), a role that is missing or does not trust Lambda is
// InvalidParameterValueException, and nothing is written either way.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import type { AwsError } from '../../src/protocol/errors.js';
import type { ExecutionRoles } from '../../src/services/identity.js';
import type { FunctionConfiguration } from '../../src/services/lambda/api-types.js';
import type { LambdaDeps } from '../../src/services/lambda/deps.js';
import { FunctionsApi } from '../../src/services/lambda/functions.js';
import type { VersionsApi } from '../../src/services/lambda/versions.js';
import type { RequestContext } from '../../src/services/types.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { FunctionKey } from '../../src/store/types.js';

const ACCT = '123456789012';
const ctx: RequestContext = {
  requestId: 'r', accountId: ACCT, region: 'us-east-1', accessKeyId: 'test', endpoint: 'http://x', sourceIp: '127.0.0.1',
  caller: { kind: 'root', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, userId: ACCT, accessKeyId: 'test' },
};
const key: FunctionKey = { accountId: ACCT, region: 'us-east-1', name: 'fn' };
const GOOD = `arn:aws:iam::${ACCT}:role/good`;
const UNTRUSTING = `arn:aws:iam::${ACCT}:role/untrusting`;
const FOREIGN = 'arn:aws:iam::210987654321:role/theirs';

/** A directory with one role Lambda may assume; every call is recorded. */
class FakeRoles implements ExecutionRoles {
  readonly checks: [string, string][] = [];
  async check(roleArn: string, callerAccountId: string): Promise<'ok' | 'cross-account' | 'cannot-assume'> {
    this.checks.push([roleArn, callerAccountId]);
    if (roleArn.split(':')[4] !== callerAccountId) return 'cross-account';
    return roleArn === GOOD ? 'ok' : 'cannot-assume';
  }
  async credentialsFor(): Promise<never> {
    throw new Error('not used here');
  }
  async identityFor(): Promise<never> {
    throw new Error('not used here');
  }
}

async function setup(): Promise<{ store: SqliteStore; api: FunctionsApi; roles: FakeRoles }> {
  const store = new SqliteStore(':memory:');
  const config: FunctionConfiguration = {
    FunctionName: 'fn', FunctionArn: `arn:aws:lambda:us-east-1:${ACCT}:function:fn`, Runtime: 'nodejs20.x', Role: GOOD,
    Handler: 'index.handler', Version: '$LATEST', RevisionId: 'rev-1', State: 'Active', LastUpdateStatus: 'Successful',
  };
  await store.functions.create({ ...key, createdAt: 'now', tags: {} }, { ...key, version: '$LATEST', config, codeSha256: 'ab'.repeat(32), revisionId: 'rev-1' });
  const roles = new FakeRoles();
  const deps = {
    store,
    executionRoles: roles,
    lifecycle: { schedule: () => undefined },
    onCodeReleased: () => undefined,
  } as unknown as LambdaDeps;
  return { store, api: new FunctionsApi(deps, {} as VersionsApi), roles };
}

async function rejectsWith(p: Promise<unknown>, code: string, message: string, status?: number): Promise<void> {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    if (status !== undefined) assert.equal(e.status, status);
    return true;
  });
}

const create = (name: string, role: string): Parameters<FunctionsApi['create']>[0] => ({
  FunctionName: name, Role: role, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: Buffer.from('PK') },
});

describe('execution role checks', () => {
  test('CreateFunction: another account\'s role is AccessDeniedException 403; nothing is created', async () => {
    const { store, api, roles } = await setup();
    await rejectsWith(api.create(create('theirs', FOREIGN), ctx), 'AccessDeniedException', 'Cross-account pass role is not allowed.', 403);
    assert.deepEqual(roles.checks, [[FOREIGN, ACCT]]);
    assert.equal(await store.functions.get({ ...key, name: 'theirs' }), undefined);
  });

  test('CreateFunction: a missing or untrusting role is InvalidParameterValueException; nothing is created', async () => {
    const { store, api } = await setup();
    for (const role of [UNTRUSTING, `arn:aws:iam::${ACCT}:role/missing`]) {
      await rejectsWith(api.create(create('fn2', role), ctx), 'InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
    }
    assert.equal(await store.functions.get({ ...key, name: 'fn2' }), undefined);
  });

  test('UpdateFunctionConfiguration checks a new Role and keeps the old one when refused', async () => {
    const { store, api, roles } = await setup();
    await rejectsWith(api.updateConfiguration({ FunctionName: 'fn', Role: UNTRUSTING }, ctx), 'InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
    await rejectsWith(api.updateConfiguration({ FunctionName: 'fn', Role: FOREIGN }, ctx), 'AccessDeniedException', 'Cross-account pass role is not allowed.', 403);
    assert.equal((await store.functions.getVersion<FunctionConfiguration>(key, '$LATEST'))?.config.Role, GOOD);
    // Without a Role, IAM is not asked.
    roles.checks.length = 0;
    const out = await api.updateConfiguration({ FunctionName: 'fn', Description: 'd' }, ctx);
    assert.equal(out.Description, 'd');
    assert.deepEqual(roles.checks, []);
  });
});
