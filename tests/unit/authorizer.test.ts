// PolicyAuthorizer: AWS's denial sentences, the root fast path, caching by generation, audit mode.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { PolicyAuthorizer } from '../../src/services/iam/authorizer.js';
import type {
  AccessRequest, AppliedPolicy, CallerIdentity, Denial, IamDirectory, RequestFacts, ResourcePolicySource,
} from '../../src/services/identity.js';

const A = '111111111111';
const B = '222222222222';
const FN = `arn:aws:lambda:us-east-1:${A}:function:f`;
const facts: RequestFacts = { region: 'us-east-1', sourceIp: '127.0.0.1', now: Date.parse('2026-12-07T12:00:00Z'), secureTransport: false };

const rootA: CallerIdentity = { kind: 'root', accountId: A, arn: `arn:aws:iam::${A}:root`, userId: A, accessKeyId: 'AKIAROOT' };
const rootB: CallerIdentity = { kind: 'root', accountId: B, arn: `arn:aws:iam::${B}:root`, userId: B, accessKeyId: 'AKIAROOTB' };
const alice: CallerIdentity = { kind: 'user', accountId: A, arn: `arn:aws:iam::${A}:user/alice`, userId: 'AIDAALICE', accessKeyId: 'AKIAALICE', name: 'alice' };
const sess: CallerIdentity = {
  kind: 'assumed-role', accountId: A, arn: `arn:aws:sts::${A}:assumed-role/fn-role/f`, userId: 'AROAX:f', accessKeyId: 'ASIAX',
  name: 'fn-role', roleArn: `arn:aws:iam::${A}:role/fn-role`, sessionName: 'f',
};

const doc = (...Statement: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement });

class FakeIam implements IamDirectory {
  gen = 1;
  calls = 0;
  policies = new Map<string, AppliedPolicy[]>();
  boundaries = new Map<string, AppliedPolicy>();
  getRole(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  accessKey(): undefined {
    return undefined;
  }
  identityPolicies(caller: CallerIdentity): Promise<{ policies: AppliedPolicy[]; permissionsBoundary?: AppliedPolicy }> {
    this.calls++;
    const key = caller.roleArn ?? caller.arn;
    const b = this.boundaries.get(key);
    const policies = this.policies.get(key) ?? [];
    return Promise.resolve(b === undefined ? { policies } : { policies, permissionsBoundary: b });
  }
  generation(): number {
    return this.gen;
  }
  set(principalArn: string, ...documents: string[]): void {
    this.policies.set(principalArn, documents.map((document, i) => ({ source: `inline/${i}`, document })));
    this.gen++;
  }
}

class FakePolicies implements ResourcePolicySource {
  gen = 1;
  calls = 0;
  docs = new Map<string, string>();
  policyFor(arn: string): Promise<string | undefined> {
    this.calls++;
    return Promise.resolve(this.docs.get(arn));
  }
  generation(): number {
    return this.gen;
  }
  set(arn: string, document: string): void {
    this.docs.set(arn, document);
    this.gen++;
  }
}

function setup(mode: 'enforce' | 'audit' = 'enforce') {
  const iam = new FakeIam();
  const lambda = new FakePolicies();
  const audited: Denial[] = [];
  const authz = new PolicyAuthorizer({ iam, resourcePolicies: { lambda }, mode, onAuditDenial: (_c, d) => audited.push(d) });
  return { iam, lambda, authz, audited };
}

const invoke: AccessRequest = { action: 'lambda:InvokeFunction', resource: FN };

describe('PolicyAuthorizer', () => {
  test('root in its own account: allowed synchronously without looking anything up', () => {
    const { authz, iam, lambda } = setup();
    assert.equal(authz.authorize(rootA, [invoke, { action: 'lambda:ListFunctions', resource: '*' }], facts), undefined);
    assert.equal(authz.authorize(rootA, [{ action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' }], facts), undefined);
    assert.equal(iam.calls + lambda.calls, 0);
  });

  test('root of another account: needs the function policy; the message names the resource-based policy', async () => {
    const { authz, lambda } = setup();
    const d = await authz.authorize(rootB, [invoke], facts);
    assert.equal(d?.message, `User: arn:aws:iam::${B}:root is not authorized to perform: lambda:InvokeFunction on resource: ${FN} because no resource-based policy allows the lambda:InvokeFunction action`);
    lambda.set(FN, doc({ Sid: 'x', Effect: 'Allow', Principal: { AWS: B }, Action: 'lambda:InvokeFunction', Resource: FN }));
    assert.equal(await authz.authorize(rootB, [invoke], facts), undefined);
  });

  test('a user without policies: AWS\'s implicit-deny sentence', async () => {
    const { authz } = setup();
    const d = await authz.authorize(alice, [{ action: 'lambda:GetFunction', resource: FN }], facts);
    assert.deepEqual(d, {
      action: 'lambda:GetFunction', resource: FN, policyType: 'identity-based', explicit: false,
      message: `User: arn:aws:iam::${A}:user/alice is not authorized to perform: lambda:GetFunction on resource: ${FN} because no identity-based policy allows the lambda:GetFunction action`,
    });
  });

  test('explicit deny sentence; first failing request of several is the one reported', async () => {
    const { authz, iam } = setup();
    iam.set(alice.arn, doc({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }));
    const d = await authz.authorize(alice, [{ action: 'lambda:CreateFunction', resource: FN }, { action: 'iam:PassRole', resource: `arn:aws:iam::${A}:role/r` }], facts);
    assert.equal(d?.message, `User: arn:aws:iam::${A}:user/alice is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${A}:role/r with an explicit deny in an identity-based policy`);
  });

  test('boundary and session wording', async () => {
    const { authz, iam } = setup();
    iam.set(sess.roleArn!, doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
    iam.boundaries.set(sess.roleArn!, { source: 'b', document: doc({ Effect: 'Allow', Action: 'lambda:Get*', Resource: '*' }) });
    iam.gen++;
    let d = await authz.authorize(sess, [invoke], facts);
    assert.equal(d?.message, `User: ${sess.arn} is not authorized to perform: lambda:InvokeFunction on resource: ${FN} because no permissions boundary allows the lambda:InvokeFunction action`);
    iam.boundaries.clear();
    iam.gen++;
    const scoped = { ...sess, sessionPolicy: doc({ Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' }) };
    d = await authz.authorize(scoped, [invoke], facts);
    assert.equal(d?.message, `User: ${sess.arn} is not authorized to perform: lambda:InvokeFunction on resource: ${FN} with an explicit deny in a session policy`);
    assert.equal(await authz.authorize(sess, [invoke], facts), undefined);
  });

  test('AWS managed policies (account "aws") are decided by identity policies alone', async () => {
    const { authz, iam } = setup();
    const managed: AccessRequest = { action: 'iam:GetPolicy', resource: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
    assert.equal(authz.authorize(rootA, [managed], facts), undefined);
    iam.set(alice.arn, doc({ Effect: 'Allow', Action: 'iam:GetPolicy', Resource: '*' }));
    assert.equal(await authz.authorize(alice, [managed], facts), undefined);
  });

  test('cached: the second call is synchronous and reads nothing; a generation change reloads', async () => {
    const { authz, iam, lambda } = setup();
    iam.set(sess.roleArn!, doc({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN }));
    const first = authz.authorize(sess, [invoke], facts);
    assert.ok(first instanceof Promise);
    assert.equal(await first, undefined);
    const calls = iam.calls + lambda.calls;
    assert.equal(authz.authorize(sess, [invoke], facts), undefined);
    assert.equal(iam.calls + lambda.calls, calls);
    // Revoking the policy takes effect at once.
    iam.set(sess.roleArn!, doc({ Effect: 'Allow', Action: 'lambda:GetFunction', Resource: FN }));
    const after = authz.authorize(sess, [invoke], facts);
    assert.ok(after instanceof Promise);
    assert.equal((await after)?.explicit, false);
    // A resource policy write also invalidates.
    lambda.set(FN, doc({ Effect: 'Deny', Principal: '*', Action: 'lambda:GetFunction', Resource: FN }));
    assert.equal((await authz.authorize(sess, [{ action: 'lambda:GetFunction', resource: FN }], facts))?.policyType, 'resource-based');
  });

  test('same account: the function policy alone can allow a named role session', async () => {
    const { authz, lambda } = setup();
    lambda.set(FN, doc({ Effect: 'Allow', Principal: { AWS: sess.roleArn }, Action: 'lambda:InvokeFunction', Resource: FN }));
    assert.equal(await authz.authorize(sess, [invoke], facts), undefined);
  });

  test('an unreadable stored policy grants nothing', async () => {
    const { authz, iam } = setup();
    iam.set(alice.arn, '{not json');
    assert.equal((await authz.authorize(alice, [invoke], facts))?.policyType, 'identity-based');
  });

  test('service principals and anonymous callers: only the function policy, scoped by aws:SourceArn', async () => {
    const { authz, lambda } = setup();
    const events = { kind: 'service' as const, service: 'events.amazonaws.com' };
    const rule = `arn:aws:events:us-east-1:${A}:rule/nightly`;
    let d = await authz.authorizePrincipal(events, [invoke], { ...facts, sourceArn: rule });
    assert.equal(d?.message, `User: events.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: ${FN} because no resource-based policy allows the lambda:InvokeFunction action`);
    lambda.set(FN, doc({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: FN, Condition: { ArnLike: { 'AWS:SourceArn': rule } } }));
    assert.equal(await authz.authorizePrincipal(events, [invoke], { ...facts, sourceArn: rule }), undefined);
    // Cached now: synchronous.
    assert.equal(authz.authorizePrincipal(events, [invoke], { ...facts, sourceArn: rule }), undefined);
    assert.equal((authz.authorizePrincipal(events, [invoke], { ...facts, sourceArn: `${rule}-other` }) as Denial | undefined)?.policyType, 'resource-based');
    const url = { action: 'lambda:InvokeFunctionUrl', resource: FN };
    assert.ok(authz.authorizePrincipal({ kind: 'anonymous' }, [url], facts) !== undefined);
    lambda.set(FN, doc({ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: FN, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } }));
    assert.equal(await authz.authorizePrincipal({ kind: 'anonymous' }, [{ ...url, conditions: { 'lambda:FunctionUrlAuthType': 'NONE' } }], facts), undefined);
    d = await authz.authorizePrincipal({ kind: 'anonymous' }, [url], facts);
    assert.equal(d?.message.startsWith('User: anonymous is not authorized to perform: lambda:InvokeFunctionUrl'), true);
  });

  test('audit mode: computes, reports and counts denials, refuses nothing', async () => {
    const { authz, audited } = setup('audit');
    assert.equal(await authz.authorize(alice, [invoke], facts), undefined);
    assert.equal(authz.auditedDenials, 1);
    assert.equal(audited[0]?.action, 'lambda:InvokeFunction');
  });

  test('cost per call (root own account; cached role session with 3 policies)', async () => {
    const { authz, iam } = setup();
    iam.set(sess.roleArn!,
      doc({ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }),
      doc({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:*:${A}:function:*` }),
      doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:SourceAccount': A } } }));
    await authz.authorize(sess, [invoke], facts);
    const measure = (who: CallerIdentity): number => {
      const n = 50_000;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) if (authz.authorize(who, [invoke], facts) !== undefined) throw new Error('denied');
      return Number(process.hrtime.bigint() - t0) / n;
    };
    measure(rootA);
    measure(sess);
    const root = measure(rootA);
    const role = measure(sess);
    console.log(`authorize: root own-account ${root.toFixed(0)} ns/call; cached role session, 3 policies ${role.toFixed(0)} ns/call`);
    assert.ok(root < 5_000 && role < 100_000);
  });
});
