// The identity provider: which keys verify signatures (lookup) and who the signer is (identify), for root keys,
// IAM users' keys (Active only) and temporary credentials (their token required, genuine, unexpired).
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../src/protocol/errors.js';
import type { AccessKeyRecord } from '../../src/services/identity.js';
import { Identities } from '../../src/services/sts/identities.js';
import { SessionTokens } from '../../src/services/sts/session-tokens.js';

const ACCOUNT = '111122223333';
const ROOT = { accessKeyId: 'test', secretAccessKey: 'test', accountId: ACCOUNT };

function fakeIam(keys: AccessKeyRecord[]): { accessKey(id: string): AccessKeyRecord | undefined } {
  return { accessKey: (id) => keys.find((k) => k.accessKeyId === id) };
}

const alice: AccessKeyRecord = {
  accessKeyId: 'AKIAALICE00000000001',
  secretAccessKey: 'alice-secret',
  status: 'Active',
  accountId: ACCOUNT,
  userName: 'alice',
  userId: 'AIDAALICE0000000000001',
  userArn: `arn:aws:iam::${ACCOUNT}:user/engineering/alice`,
};
const bob: AccessKeyRecord = { ...alice, accessKeyId: 'AKIABOB0000000000001', status: 'Inactive', userName: 'bob' };

function rejects(fn: () => unknown, code: string, message: string, status: number): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AwsError);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    assert.equal(e.status, status);
    return true;
  });
}
const invalidToken = (fn: () => unknown): void =>
  rejects(fn, 'UnrecognizedClientException', 'The security token included in the request is invalid.', 403);

describe('Identities', () => {
  let now = Date.UTC(2026, 11, 7, 20, 0, 0);
  const tokens = new SessionTokens(randomBytes(32), () => now);
  const ids = new Identities({ rootKeys: [ROOT], iam: fakeIam([alice, bob]), tokens });

  test('root keys: the configured credential itself, and the account root as caller (the same objects each time)', () => {
    assert.equal(ids.lookup('test'), ids.lookup('test'));
    assert.deepEqual(ids.lookup('test'), ROOT);
    const who = ids.identify(ROOT, undefined);
    assert.deepEqual({ ...who }, { kind: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, accessKeyId: 'test' });
    assert.equal(ids.identify(ROOT, 'some-token'), who, 'a token on long-term keys is ignored');
  });

  test('IAM users: Active keys verify and identify as the user; Inactive and unknown keys are not found', () => {
    assert.equal(ids.lookup(alice.accessKeyId)?.secretAccessKey, 'alice-secret');
    assert.deepEqual(ids.identify({ accessKeyId: alice.accessKeyId, secretAccessKey: 'alice-secret', accountId: ACCOUNT }, undefined), {
      kind: 'user',
      accountId: ACCOUNT,
      arn: alice.userArn,
      userId: 'AIDAALICE0000000000001',
      accessKeyId: alice.accessKeyId,
      name: 'alice',
    });
    assert.equal(ids.lookup(bob.accessKeyId), undefined);
    assert.equal(ids.lookup('AKIANOBODY0000000000'), undefined);
    invalidToken(() => ids.identify({ accessKeyId: bob.accessKeyId, secretAccessKey: 'x', accountId: ACCOUNT }, undefined));
  });

  test('without IAM wired, only root and temporary keys exist', () => {
    const rootOnly = new Identities({ rootKeys: [ROOT], tokens });
    assert.equal(rootOnly.lookup(alice.accessKeyId), undefined);
  });

  test('role sessions: the derived secret verifies; identify gives the assumed-role ARN and AROA…:SESSION', () => {
    const issued = tokens.issue({
      accountId: ACCOUNT,
      principal: { kind: 'assumed-role', roleArn: `arn:aws:iam::${ACCOUNT}:role/app/reader`, roleId: 'AROAREADER0000000001', roleName: 'reader', sessionName: 's1' },
      expiresAt: now + 900_000,
      sessionTags: { team: 'a' },
    });
    const cred = ids.lookup(issued.accessKeyId);
    assert.deepEqual(cred, { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, accountId: ACCOUNT });
    const who = ids.identify(cred!, issued.sessionToken);
    assert.deepEqual(who, {
      kind: 'assumed-role',
      accountId: ACCOUNT,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/reader/s1`,
      userId: 'AROAREADER0000000001:s1',
      accessKeyId: issued.accessKeyId,
      name: 'reader',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/app/reader`,
      roleId: 'AROAREADER0000000001',
      sessionName: 's1',
      sessionTags: { team: 'a' },
      expiresAt: now + 900_000,
    });
  });

  test('GetSessionToken sessions act as the user or root that asked for them', () => {
    const user = tokens.issue({
      accountId: ACCOUNT,
      principal: { kind: 'user', userArn: alice.userArn, userId: alice.userId, userName: 'alice' },
      expiresAt: now + 3_600_000,
    });
    const u = ids.identify(ids.lookup(user.accessKeyId)!, user.sessionToken);
    assert.equal(u.kind, 'user');
    assert.equal(u.arn, alice.userArn);
    assert.equal(u.userId, alice.userId);
    assert.equal(u.accessKeyId, user.accessKeyId);
    const root = tokens.issue({ accountId: ACCOUNT, principal: { kind: 'root' }, expiresAt: now + 3_600_000 });
    const r = ids.identify(ids.lookup(root.accessKeyId)!, root.sessionToken);
    assert.equal(r.arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(r.userId, ACCOUNT);
  });

  test('temporary keys without their token, with a forged one, or another key\'s → UnrecognizedClientException', () => {
    const a = tokens.issue({ accountId: ACCOUNT, principal: { kind: 'root' }, expiresAt: now + 900_000 });
    const b = tokens.issue({ accountId: ACCOUNT, principal: { kind: 'root' }, expiresAt: now + 900_000 });
    const cred = ids.lookup(a.accessKeyId)!;
    invalidToken(() => ids.identify(cred, undefined));
    invalidToken(() => ids.identify(cred, ''));
    invalidToken(() => ids.identify(cred, b.sessionToken));
    invalidToken(() => ids.identify(cred, `${a.sessionToken.slice(0, -8)}AAAAAAA=`));
  });

  test('expired temporary credentials → ExpiredTokenException 403 with AWS\'s sentence', () => {
    const issued = tokens.issue({ accountId: ACCOUNT, principal: { kind: 'root' }, expiresAt: now + 900_000 });
    const cred = ids.lookup(issued.accessKeyId)!;
    now += 900_000;
    rejects(() => ids.identify(cred, issued.sessionToken), 'ExpiredTokenException', 'The security token included in the request is expired', 403);
  });

  test('a session verified once is remembered, yet still expires on time and refuses any other token', () => {
    const issued = tokens.issue({ accountId: ACCOUNT, principal: { kind: 'root' }, expiresAt: now + 60_000 });
    const cred = ids.lookup(issued.accessKeyId)!;
    assert.equal(ids.lookup(issued.accessKeyId), cred, 'the derived credential is computed once');
    const first = ids.identify(cred, issued.sessionToken);
    assert.equal(ids.identify(cred, issued.sessionToken), first, 'the verified identity is reused');
    invalidToken(() => ids.identify(cred, `${issued.sessionToken.slice(0, -8)}AAAAAAA=`));
    invalidToken(() => ids.identify(cred, undefined));
    now += 60_000;
    rejects(() => ids.identify(cred, issued.sessionToken), 'ExpiredTokenException', 'The security token included in the request is expired', 403);
  });
});
