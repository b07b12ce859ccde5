// AssumeRole, GetSessionToken and GetCallerIdentity handlers over a fake IAM directory and the real policy engine:
// who may assume which role (trust policy naming the caller, the account, another account; identity policies;
// explicit denies; tags and external ids), durations, session policies, and what the credentials then are.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../src/protocol/errors.js';
import type { AppliedPolicy, CallerIdentity, IamDirectory, RoleRecord } from '../../src/services/identity.js';
import { Identities } from '../../src/services/sts/identities.js';
import { StsApi, type AssumeRoleInput } from '../../src/services/sts/operations.js';
import { SessionTokens } from '../../src/services/sts/session-tokens.js';
import type { RequestContext } from '../../src/services/types.js';

const A = '111111111111';
const B = '222222222222';
const T0 = Date.UTC(2026, 11, 7, 20, 0, 0);

function trust(principal: unknown, extra: Record<string, unknown> = {}, action: unknown = 'sts:AssumeRole'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: action, ...extra }] });
}
function allow(action: string, resource: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
}
function deny(action: string, resource: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: action, Resource: resource }] });
}

function role(account: string, name: string, trustDoc: string, more: Partial<RoleRecord> = {}): RoleRecord {
  return {
    accountId: account,
    roleName: name,
    path: '/',
    arn: `arn:aws:iam::${account}:role/${name}`,
    roleId: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    assumeRolePolicyDocument: trustDoc,
    maxSessionDurationSeconds: 3600,
    tags: {},
    ...more,
  };
}

function user(account: string, name: string): CallerIdentity {
  return { kind: 'user', accountId: account, arn: `arn:aws:iam::${account}:user/${name}`, userId: `AIDA${name.toUpperCase()}`, accessKeyId: `AKIA${name}`, name };
}
const rootOf = (account: string): CallerIdentity => ({ kind: 'root', accountId: account, arn: `arn:aws:iam::${account}:root`, userId: account, accessKeyId: 'test' });

class FakeIam implements Pick<IamDirectory, 'getRole' | 'identityPolicies'> {
  roles = new Map<string, RoleRecord>();
  /** principal ARN (user ARN, or role ARN for sessions) → identity policies. */
  policies = new Map<string, string[]>();
  add(r: RoleRecord): RoleRecord {
    this.roles.set(`${r.accountId}/${r.roleName}`, r);
    return r;
  }
  getRole(accountId: string, roleName: string): Promise<RoleRecord | undefined> {
    return Promise.resolve(this.roles.get(`${accountId}/${roleName}`));
  }
  identityPolicies(caller: CallerIdentity): Promise<{ policies: AppliedPolicy[] }> {
    const key = caller.kind === 'assumed-role' ? (caller.roleArn ?? '') : caller.arn;
    return Promise.resolve({ policies: (this.policies.get(key) ?? []).map((document, i) => ({ source: `p${i}`, document })) });
  }
}

function setup(): { iam: FakeIam; api: StsApi; tokens: SessionTokens; ids: Identities; clock: { t: number } } {
  const clock = { t: T0 };
  const tokens = new SessionTokens(randomBytes(32), () => clock.t);
  const iam = new FakeIam();
  return { iam, api: new StsApi({ tokens, iam }), tokens, ids: new Identities({ rootKeys: [], tokens }), clock };
}

function ctx(caller: CallerIdentity): RequestContext {
  return { requestId: 'r', accountId: caller.accountId, region: 'us-east-1', accessKeyId: caller.accessKeyId, endpoint: 'http://localhost', caller, sourceIp: '127.0.0.1' };
}

async function refused(p: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AwsError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}
const denied = (caller: CallerIdentity, roleArn: string, action = 'sts:AssumeRole'): string =>
  `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${roleArn}`;

function input(roleArn: string, more: Partial<AssumeRoleInput> = {}): AssumeRoleInput {
  return { RoleArn: roleArn, RoleSessionName: 'sess', ...more };
}

describe('AssumeRole: who may assume a role', () => {
  test('a trust policy naming the caller (same account) is enough; the answer is AWS\'s shape and the credentials work', async () => {
    const { iam, api, ids } = setup();
    const alice = user(A, 'alice');
    const r = iam.add(role(A, 'reader', trust({ AWS: alice.arn })));
    const out = await api.assumeRole(input(r.arn, { RoleSessionName: 'alice@laptop' }), ctx(alice));
    assert.deepEqual(Object.keys(out).sort(), ['AssumedRoleUser', 'Credentials']);
    assert.deepEqual(out['AssumedRoleUser'], { AssumedRoleId: `${r.roleId}:alice@laptop`, Arn: `arn:aws:sts::${A}:assumed-role/reader/alice@laptop` });
    const c = out['Credentials'] as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
    assert.equal(c.Expiration.getTime(), T0 + 3600_000, 'default duration: one hour');
    const cred = ids.lookup(c.AccessKeyId);
    assert.equal(cred?.secretAccessKey, c.SecretAccessKey);
    assert.equal(cred?.accountId, A);
    const who = ids.identify(cred!, c.SessionToken);
    assert.equal(who.arn, `arn:aws:sts::${A}:assumed-role/reader/alice@laptop`);
    assert.equal(who.userId, `${r.roleId}:alice@laptop`);
    assert.equal(who.roleArn, r.arn);
  });

  test('a trust policy naming only the account needs the caller\'s identity policy to allow sts:AssumeRole on the role', async () => {
    const { iam, api } = setup();
    const bob = user(A, 'bob');
    const r = iam.add(role(A, 'ops', trust({ AWS: `arn:aws:iam::${A}:root` })));
    await refused(api.assumeRole(input(r.arn), ctx(bob)), 'AccessDenied', denied(bob, r.arn));
    iam.policies.set(bob.arn, [allow('sts:AssumeRole', `arn:aws:iam::${A}:role/other`)]);
    await refused(api.assumeRole(input(r.arn), ctx(bob)), 'AccessDenied', denied(bob, r.arn));
    iam.policies.set(bob.arn, [allow('sts:AssumeRole', r.arn)]);
    const out = await api.assumeRole(input(r.arn), ctx(bob));
    assert.ok(out['Credentials']);
  });

  test('the account root may not assume roles, as on AWS: the same 403 whatever the role, its session too', async () => {
    const { iam, api, ids } = setup();
    const ROOT_REFUSED = 'Roles may not be assumed by root accounts.';
    const trusting = iam.add(role(A, 'ops', trust({ AWS: [A, `arn:aws:iam::${A}:root`] })));
    const other = iam.add(role(A, 'svc', trust({ Service: 'lambda.amazonaws.com' })));
    const elsewhere = iam.add(role(B, 'shared', trust({ AWS: A })));
    // A role that trusts the root, one that does not, another account's, one that does not exist: one answer, so
    // the root learns nothing about the role.
    for (const arn of [trusting.arn, other.arn, elsewhere.arn, `arn:aws:iam::${A}:role/nobody`]) {
      await assert.rejects(api.assumeRole(input(arn), ctx(rootOf(A))), (e: unknown) => {
        assert.ok(e instanceof AwsError, String(e));
        assert.deepEqual({ code: e.code, status: e.status, message: e.message }, { code: 'AccessDenied', status: 403, message: ROOT_REFUSED });
        return true;
      });
    }
    // A GetSessionToken session of the root is still the root.
    const g = (await api.getSessionToken({}, ctx(rootOf(A))))['Credentials'] as { AccessKeyId: string; SessionToken: string };
    const session = ids.identify(ids.lookup(g.AccessKeyId)!, g.SessionToken);
    assert.equal(session.arn, `arn:aws:iam::${A}:root`);
    await refused(api.assumeRole(input(trusting.arn), ctx(session)), 'AccessDenied', ROOT_REFUSED);
    // A user of the account may assume the role trusting the account once its own policy allows it.
    const carol = user(A, 'carol');
    iam.policies.set(carol.arn, [allow('sts:AssumeRole', trusting.arn)]);
    assert.ok((await api.assumeRole(input(trusting.arn), ctx(carol)))['Credentials']);
  });

  test('cross-account: both the trust policy and the caller\'s identity policy must allow', async () => {
    const { iam, api } = setup();
    const carol = user(B, 'carol');
    const r = iam.add(role(A, 'shared', trust({ AWS: carol.arn })));
    await refused(api.assumeRole(input(r.arn), ctx(carol)), 'AccessDenied', denied(carol, r.arn));
    iam.policies.set(carol.arn, [allow('sts:AssumeRole', r.arn)]);
    assert.ok((await api.assumeRole(input(r.arn), ctx(carol)))['Credentials']);
    // Another account's role that does not trust B: the identity policy alone is not enough.
    const closed = iam.add(role(A, 'closed', trust({ AWS: `arn:aws:iam::${A}:root` })));
    iam.policies.set(carol.arn, [allow('sts:AssumeRole', '*')]);
    await refused(api.assumeRole(input(closed.arn), ctx(carol)), 'AccessDenied', denied(carol, closed.arn));
  });

  test('an explicit deny in the caller\'s identity policy refuses even a trust policy naming it', async () => {
    const { iam, api } = setup();
    const dave = user(A, 'dave');
    const r = iam.add(role(A, 'reader', trust({ AWS: dave.arn })));
    iam.policies.set(dave.arn, [deny('sts:*', '*')]);
    await refused(api.assumeRole(input(r.arn), ctx(dave)), 'AccessDenied', denied(dave, r.arn));
  });

  test('roles that do not exist, other paths and non-role ARNs answer the same AccessDenied', async () => {
    const { iam, api } = setup();
    const alice = user(A, 'alice');
    iam.add(role(A, 'reader', trust({ AWS: alice.arn })));
    for (const arn of [`arn:aws:iam::${A}:role/ghost`, `arn:aws:iam::${A}:role/team/reader`, `arn:aws:iam::${A}:user/alice`]) {
      await refused(api.assumeRole(input(arn), ctx(alice)), 'AccessDenied', denied(alice, arn));
    }
  });

  test('conditions: sts:ExternalId must match; session tags need sts:TagSession', async () => {
    const { iam, api, ids } = setup();
    const alice = user(A, 'alice');
    const r = iam.add(role(A, 'vendor', trust({ AWS: alice.arn }, { Condition: { StringEquals: { 'sts:ExternalId': 'xyz-123' } } })));
    await refused(api.assumeRole(input(r.arn), ctx(alice)), 'AccessDenied', denied(alice, r.arn));
    await refused(api.assumeRole(input(r.arn, { ExternalId: 'wrong' }), ctx(alice)), 'AccessDenied', denied(alice, r.arn));
    assert.ok((await api.assumeRole(input(r.arn, { ExternalId: 'xyz-123' }), ctx(alice)))['Credentials']);

    const tagged = [{ Key: 'project', Value: 'apollo' }];
    const noTags = iam.add(role(A, 'plain', trust({ AWS: alice.arn })));
    await refused(api.assumeRole(input(noTags.arn, { Tags: tagged }), ctx(alice)), 'AccessDenied', denied(alice, noTags.arn, 'sts:TagSession'));
    const withTags = iam.add(role(A, 'tagger', trust({ AWS: alice.arn }, {}, ['sts:AssumeRole', 'sts:TagSession']), { tags: { owner: 'ops', project: 'x' } }));
    const out = await api.assumeRole(input(withTags.arn, { Tags: tagged }), ctx(alice));
    assert.equal(typeof out['PackedPolicySize'], 'number');
    const c = out['Credentials'] as { AccessKeyId: string; SessionToken: string };
    const who = ids.identify(ids.lookup(c.AccessKeyId)!, c.SessionToken);
    assert.deepEqual(who.sessionTags, { owner: 'ops', project: 'apollo' }, 'session tags over the role\'s tags');
    await refused(
      api.assumeRole(input(withTags.arn, { Tags: [{ Key: 'A', Value: '1' }, { Key: 'a', Value: '2' }] }), ctx(alice)),
      'InvalidParameterValue',
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
  });
});

describe('AssumeRole: durations, chaining, session policies', () => {
  test('DurationSeconds up to the role\'s MaxSessionDuration; beyond it AWS\'s ValidationError', async () => {
    const { iam, api } = setup();
    const alice = user(A, 'alice');
    const r = iam.add(role(A, 'long', trust({ AWS: alice.arn }), { maxSessionDurationSeconds: 7200 }));
    const out = await api.assumeRole(input(r.arn, { DurationSeconds: 7200 }), ctx(alice));
    assert.equal((out['Credentials'] as { Expiration: Date }).Expiration.getTime(), T0 + 7200_000);
    await refused(api.assumeRole(input(r.arn, { DurationSeconds: 7201 }), ctx(alice)), 'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });

  test('role chaining: a role session assumes another role for an hour at most', async () => {
    const { iam, api, ids } = setup();
    const alice = user(A, 'alice');
    const first = iam.add(role(A, 'first', trust({ AWS: alice.arn })));
    const second = iam.add(role(A, 'second', trust({ AWS: first.arn }), { maxSessionDurationSeconds: 43200 }));
    const c1 = (await api.assumeRole(input(first.arn, { RoleSessionName: 'one' }), ctx(alice)))['Credentials'] as { AccessKeyId: string; SessionToken: string };
    const session = ids.identify(ids.lookup(c1.AccessKeyId)!, c1.SessionToken);
    await refused(api.assumeRole(input(second.arn, { DurationSeconds: 3601 }), ctx(session)), 'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    const out = await api.assumeRole(input(second.arn, { DurationSeconds: 3600, RoleSessionName: 'two' }), ctx(session));
    assert.equal((out['AssumedRoleUser'] as { Arn: string }).Arn, `arn:aws:sts::${A}:assumed-role/second/two`);
  });

  test('session policy: kept in the session; malformed → MalformedPolicyDocument; over 2048 characters → ValidationError', async () => {
    const { iam, api, ids } = setup();
    const alice = user(A, 'alice');
    const r = iam.add(role(A, 'reader', trust({ AWS: alice.arn })));
    const policy = allow('s3:GetObject', '*');
    const out = await api.assumeRole(input(r.arn, { Policy: policy }), ctx(alice));
    const pct = out['PackedPolicySize'] as number;
    assert.ok(pct >= 1 && pct < 100, String(pct));
    const c = out['Credentials'] as { AccessKeyId: string; SessionToken: string };
    assert.equal(ids.identify(ids.lookup(c.AccessKeyId)!, c.SessionToken).sessionPolicy, policy);

    await assert.rejects(api.assumeRole(input(r.arn, { Policy: '{"Statement": 5}' }), ctx(alice)), (e: unknown) => e instanceof AwsError && e.code === 'MalformedPolicyDocument');
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(2100)}` }] });
    await assert.rejects(api.assumeRole(input(r.arn, { Policy: big }), ctx(alice)), (e: unknown) =>
      e instanceof AwsError && e.code === 'ValidationError' && e.message.endsWith("at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048"));
  });

  test('PolicyArns: managed session policies of the role\'s account join the inline one; an unknown ARN is refused', async () => {
    const clock = { t: T0 };
    const tokens = new SessionTokens(randomBytes(32), () => clock.t);
    const iam = new FakeIam();
    const asked: string[] = [];
    const managed = new Map([[`arn:aws:iam::${A}:policy/read-logs`, allow('logs:Get*', '*')]]);
    const api = new StsApi({
      tokens,
      iam,
      managedPolicy: (account, arn) => {
        asked.push(`${account} ${arn}`);
        return Promise.resolve(managed.get(arn));
      },
    });
    const ids = new Identities({ rootKeys: [], tokens });
    const alice = user(A, 'alice');
    const r = iam.add(role(A, 'reader', trust({ AWS: alice.arn })));
    const out = await api.assumeRole(input(r.arn, { Policy: allow('s3:GetObject', '*'), PolicyArns: [{ arn: `arn:aws:iam::${A}:policy/read-logs` }] }), ctx(alice));
    assert.deepEqual(asked, [`${A} arn:aws:iam::${A}:policy/read-logs`]);
    const c = out.Credentials!;
    const session = ids.identify(ids.lookup(c.AccessKeyId)!, c.SessionToken);
    const doc = JSON.parse(session.sessionPolicy!) as { Statement: { Action: string }[] };
    assert.deepEqual(doc.Statement.map((st) => st.Action), ['s3:GetObject', 'logs:Get*']);
    assert.equal(typeof out.PackedPolicySize, 'number');
    await refused(
      api.assumeRole(input(r.arn, { PolicyArns: [{ arn: `arn:aws:iam::${A}:policy/nope` }] }), ctx(alice)),
      'InvalidParameterValue',
      `Policy arn:aws:iam::${A}:policy/nope does not exist or is not attachable.`,
    );
  });

  test('more session tags than the packed budget holds → PackedPolicyTooLarge', async () => {
    const { iam, api } = setup();
    const alice = user(A, 'alice');
    const r = iam.add(role(A, 'tagger', trust({ AWS: alice.arn }, {}, ['sts:AssumeRole', 'sts:TagSession'])));
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}-${randomBytes(40).toString('hex')}`, Value: randomBytes(100).toString('base64') }));
    await assert.rejects(api.assumeRole(input(r.arn, { Tags: tags }), ctx(alice)), (e: unknown) =>
      e instanceof AwsError && e.code === 'PackedPolicyTooLarge' && /^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/.test(e.message));
  });
});

describe('GetSessionToken and GetCallerIdentity', () => {
  test('users get 12 hours by default, root one hour at most; the session acts as them', async () => {
    const { api, ids } = setup();
    const alice = user(A, 'alice');
    const u = (await api.getSessionToken({}, ctx(alice)))['Credentials'] as { AccessKeyId: string; SessionToken: string; Expiration: Date };
    assert.equal(u.Expiration.getTime(), T0 + 43200_000);
    const who = ids.identify(ids.lookup(u.AccessKeyId)!, u.SessionToken);
    assert.equal(who.arn, alice.arn);
    assert.equal(who.kind, 'user');
    const r = (await api.getSessionToken({ DurationSeconds: 129600 }, ctx(rootOf(A))))['Credentials'] as { Expiration: Date };
    assert.equal(r.Expiration.getTime(), T0 + 3600_000);
    await refused(api.getSessionToken({}, ctx(who)), 'AccessDenied', 'Cannot call GetSessionToken with session credentials');
  });

  test('GetCallerIdentity answers Account, Arn and UserId of the caller', async () => {
    const { api } = setup();
    assert.deepEqual(await api.getCallerIdentity({}, ctx(rootOf(A))), { UserId: A, Account: A, Arn: `arn:aws:iam::${A}:root` });
    const alice = user(A, 'alice');
    assert.deepEqual(await api.getCallerIdentity({}, ctx(alice)), { UserId: 'AIDAALICE', Account: A, Arn: alice.arn });
  });
});
