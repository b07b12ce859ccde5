// Temporary credentials as an attacker would try them against the real server, with two accounts configured:
// the roots refused AssumeRole (as on AWS), crossing accounts through a role that does not trust them, moving a session to another account by editing its
// key id, credentials minted under another server key, oversized and echoed tokens.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SessionTokens } from '../../src/services/sts/session-tokens.js';
import { createIamUser } from '../helpers/iam-user.js';
import { expectError, startServer, type TestServer } from '../helpers/lambent.js';

const A = { id: '111111111111', accessKeyId: 'AKIAACCOUNTA00000001', secretAccessKey: 'secret-of-account-a' };
const B = { id: '222222222222', accessKeyId: 'AKIAACCOUNTB00000001', secretAccessKey: 'secret-of-account-b' };
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

function trustRoot(account: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] });
}

describe('STS tokens under attack', () => {
  let server: TestServer;
  const sts = (c: Creds): STSClient => new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: c, maxAttempts: 1 });
  const iam = (c: Creds): IAMClient => new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: c, maxAttempts: 1 });
  const asA: Creds = { accessKeyId: A.accessKeyId, secretAccessKey: A.secretAccessKey };
  const asB: Creds = { accessKeyId: B.accessKeyId, secretAccessKey: B.secretAccessKey };
  const privateRole = `arn:aws:iam::${A.id}:role/private`;
  const sharedRole = `arn:aws:iam::${A.id}:role/shared-with-b`;
  // The roots may not assume roles: a user of each account does, its policy allowing both roles (across accounts
  // the trust policy must allow too).
  let userA: Creds;
  let userB: Creds;

  before(async () => {
    server = await startServer({
      env: { LAMBENT_CREDENTIALS: `${A.accessKeyId}:${A.secretAccessKey}:${A.id},${B.accessKeyId}:${B.secretAccessKey}:${B.id}` },
    });
    await iam(asA).send(new CreateRoleCommand({ RoleName: 'private', AssumeRolePolicyDocument: trustRoot(A.id) }));
    await iam(asA).send(new CreateRoleCommand({ RoleName: 'shared-with-b', AssumeRolePolicyDocument: trustRoot(B.id) }));
    userA = (await createIamUser(server.url, asA, 'a-user', { mayAssume: [privateRole] })).keys;
    userB = (await createIamUser(server.url, asB, 'b-user', { mayAssume: [privateRole, sharedRole] })).keys;
  });
  after(async () => {
    await server.dispose();
  });

  test('another account cannot assume a role that does not trust it; one that does gives a session of the role\'s account', async () => {
    await expectError(
      sts(userB).send(new AssumeRoleCommand({ RoleArn: privateRole, RoleSessionName: 'intruder' })),
      'AccessDenied', `User: arn:aws:iam::${B.id}:user/b-user is not authorized to perform: sts:AssumeRole on resource: ${privateRole}`, 403,
    );
    // The root of the trusted account is refused as every root is, and learns nothing about either role.
    for (const RoleArn of [sharedRole, privateRole]) {
      await expectError(sts(asB).send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'root' })), 'AccessDenied', 'Roles may not be assumed by root accounts.', 403);
    }
    const out = await sts(userB).send(new AssumeRoleCommand({ RoleArn: sharedRole, RoleSessionName: 'partner' }));
    const who = await sts({ accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! })
      .send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, A.id);
    assert.equal(who.Arn, `arn:aws:sts::${A.id}:assumed-role/shared-with-b/partner`);
  });

  test('a session moved to another account by editing its key id fails: the secret and the token are bound to the id', async () => {
    const out = await sts(userA).send(new AssumeRoleCommand({ RoleArn: privateRole, RoleSessionName: 'mine' }));
    const id = out.Credentials!.AccessKeyId!;
    // Characters 4..11 carry the account; change one of them.
    const moved = `${id.slice(0, 11)}${id[11] === 'A' ? 'B' : 'A'}${id.slice(12)}`;
    const err = await expectError(
      sts({ accessKeyId: moved, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! }).send(new GetCallerIdentityCommand({})),
      'SignatureDoesNotMatch',
    );
    assert.equal(err.$metadata?.httpStatusCode, 403);
  });

  test('credentials minted under another server key are refused, and no answer echoes a token', async () => {
    const foreign = new SessionTokens(randomBytes(32)).issue({
      accountId: A.id,
      principal: { kind: 'assumed-role', roleArn: privateRole, roleId: 'AROAFOREIGN000000001', roleName: 'private', sessionName: 'forged' },
      expiresAt: Date.now() + 3600_000,
    });
    const err = await expectError(
      sts({ accessKeyId: foreign.accessKeyId, secretAccessKey: foreign.secretAccessKey, sessionToken: foreign.sessionToken }).send(new GetCallerIdentityCommand({})),
      'SignatureDoesNotMatch',
    );
    assert.equal(err.$metadata?.httpStatusCode, 403);

    // Right secret (a genuine session's), foreign token: the token is refused without being repeated back.
    const out = await sts(userA).send(new AssumeRoleCommand({ RoleArn: privateRole, RoleSessionName: 'victim' }));
    const res = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(res.status, 403, 'unsigned requests are refused');
    const forged = sts({ accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: foreign.sessionToken });
    const e2 = await expectError(forged.send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    assert.ok(!JSON.stringify(e2).includes(foreign.sessionToken.slice(0, 40)));
  });

  test('an oversized security token is refused without harm; the server keeps answering', async () => {
    const out = await sts(userA).send(new AssumeRoleCommand({ RoleArn: privateRole, RoleSessionName: 'big' }));
    const huge = 'A'.repeat(70_000);
    const client = sts({ accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: huge });
    await assert.rejects(client.send(new GetCallerIdentityCommand({})), (e: unknown) => {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      assert.ok(status === 403 || status === 431 || status === 400, String(status));
      return true;
    });
    assert.equal((await sts(asA).send(new GetCallerIdentityCommand({}))).Account, A.id);
  });
});
