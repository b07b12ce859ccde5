// Execution roles: Lambda's checks of the role a function is given, and the credentials an environment gets.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { IamDirectory, RoleRecord } from '../../src/services/identity.js';
import { LambdaExecutionRoles } from '../../src/services/sts/execution-roles.js';
import { Identities } from '../../src/services/sts/identities.js';
import { SessionTokens } from '../../src/services/sts/session-tokens.js';

const A = '111111111111';
const T0 = Date.UTC(2026, 11, 7, 20, 0, 0);

function trustFor(principal: unknown, action: unknown = 'sts:AssumeRole', effect = 'Allow'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Principal: principal, Action: action }] });
}

function role(name: string, trust: string, path = '/'): RoleRecord {
  return {
    accountId: A,
    roleName: name,
    path,
    arn: `arn:aws:iam::${A}:role${path}${name}`,
    roleId: 'AROAEXECROLE00000001',
    assumeRolePolicyDocument: trust,
    maxSessionDurationSeconds: 3600,
    tags: {},
  };
}

function directory(roles: RoleRecord[]): Pick<IamDirectory, 'getRole'> {
  return { getRole: (account, name) => Promise.resolve(roles.find((r) => r.accountId === account && r.roleName === name)) };
}

describe('LambdaExecutionRoles', () => {
  const tokens = new SessionTokens(randomBytes(32), () => T0);
  const lambdaRole = role('fn-exec', trustFor({ Service: 'lambda.amazonaws.com' }), '/service-role/');
  const listed = role('multi', trustFor({ Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }));
  const ec2Only = role('ec2-only', trustFor({ Service: 'ec2.amazonaws.com' }));
  const denyLambda = role('deny', JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  }));
  const otherAction = role('tag-only', trustFor({ Service: 'lambda.amazonaws.com' }, 'sts:TagSession'));
  const userTrust = role('users', trustFor({ AWS: `arn:aws:iam::${A}:root` }));
  const roles = new LambdaExecutionRoles(directory([lambdaRole, listed, ec2Only, denyLambda, otherAction, userTrust]), tokens);

  test('a role whose trust policy lets lambda.amazonaws.com assume it is ok (path included in the ARN)', async () => {
    assert.equal(await roles.check(lambdaRole.arn, A), 'ok');
    assert.equal(await roles.check(listed.arn, A), 'ok');
  });

  test('another account\'s role is cross-account, whatever its trust policy', async () => {
    assert.equal(await roles.check(lambdaRole.arn, '222222222222'), 'cross-account');
  });

  test('missing roles, wrong paths, malformed ARNs and trust policies not allowing Lambda cannot be assumed', async () => {
    for (const arn of [
      `arn:aws:iam::${A}:role/ghost`,
      `arn:aws:iam::${A}:role/fn-exec`,
      `arn:aws:iam::${A}:user/fn-exec`,
      'not-an-arn',
      ec2Only.arn,
      denyLambda.arn,
      otherAction.arn,
      userTrust.arn,
    ]) {
      assert.equal(await roles.check(arn, A), 'cannot-assume', arn);
    }
  });

  test('credentials for an environment: a role session named after the function, for the given time', async () => {
    const creds = await roles.credentialsFor(lambdaRole.arn, 'my-function', 900);
    assert.equal(creds.expiresAt, T0 + 900_000);
    const ids = new Identities({ rootKeys: [], tokens });
    const cred = ids.lookup(creds.accessKeyId);
    assert.equal(cred?.secretAccessKey, creds.secretAccessKey);
    const who = ids.identify(cred!, creds.sessionToken);
    assert.equal(who.arn, `arn:aws:sts::${A}:assumed-role/fn-exec/my-function`);
    assert.equal(who.userId, 'AROAEXECROLE00000001:my-function');
    assert.equal(who.roleArn, lambdaRole.arn);
  });

  test('no credentials for a role that no longer exists', async () => {
    await assert.rejects(roles.credentialsFor(`arn:aws:iam::${A}:role/ghost`, 'f', 900), /does not exist/);
  });
});
