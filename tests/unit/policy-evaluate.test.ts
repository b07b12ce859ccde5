// evaluate(): AWS's decision logic, principals, wildcards, policy variables, and the condition context.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { contextFor, contextKeysOf, evaluate, parsePolicy } from '../../src/services/iam/policy/index.js';
import type { EvalPrincipal, EvaluationInput, ParsedPolicy } from '../../src/services/iam/policy/index.js';
import type { CallerIdentity, RequestFacts } from '../../src/services/identity.js';

const A = '111111111111';
const B = '222222222222';
const FN = `arn:aws:lambda:us-east-1:${A}:function:f`;

const user = (account = A, name = 'alice'): CallerIdentity => ({
  kind: 'user', accountId: account, arn: `arn:aws:iam::${account}:user/${name}`, userId: 'AIDAEXAMPLE', accessKeyId: 'AKIAX', name,
});
const session = (account = A, role = 'r', sessionName = 's'): CallerIdentity => ({
  kind: 'assumed-role', accountId: account, arn: `arn:aws:sts::${account}:assumed-role/${role}/${sessionName}`,
  userId: `AROAEXAMPLE:${sessionName}`, accessKeyId: 'ASIAX', name: role, roleArn: `arn:aws:iam::${account}:role/${role}`,
  sessionName, sessionTags: { team: 'blue' },
});
const root = (account = A): CallerIdentity => ({ kind: 'root', accountId: account, arn: `arn:aws:iam::${account}:root`, userId: account, accessKeyId: 'AKIAROOT' });

const facts: RequestFacts = { region: 'us-east-1', sourceIp: '10.1.2.3', now: Date.parse('2026-12-07T12:00:00Z'), secureTransport: true, userAgent: 'aws-cli/2.9' };

function id(...statements: object[]): ParsedPolicy {
  return parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity');
}
function res(...statements: object[]): ParsedPolicy {
  return parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'resource');
}

function decide(
  who: CallerIdentity | EvalPrincipal,
  action: string,
  resource: string,
  policies: Partial<Omit<EvaluationInput, 'principal' | 'action' | 'resource' | 'context' | 'resourceAccount'>> & { conditions?: Record<string, string | string[]>; facts?: RequestFacts },
): ReturnType<typeof evaluate> {
  const principal: EvalPrincipal = 'kind' in who && (who.kind === 'service' || who.kind === 'anonymous' || who.kind === 'aws') ? (who as EvalPrincipal) : { kind: 'aws', identity: who as CallerIdentity };
  const request = policies.conditions === undefined ? { action, resource } : { action, resource, conditions: policies.conditions };
  const resourceAccount = resource.split(':')[4] || A;
  const input: EvaluationInput = {
    principal, action, resource, resourceAccount,
    identityPolicies: policies.identityPolicies ?? [],
    context: contextFor(principal, policies.facts ?? facts, request),
  };
  if (policies.resourcePolicy) input.resourcePolicy = policies.resourcePolicy;
  if (policies.permissionsBoundary) input.permissionsBoundary = policies.permissionsBoundary;
  if (policies.sessionPolicy) input.sessionPolicy = policies.sessionPolicy;
  return evaluate(input);
}

const allowFn = { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN };

describe('evaluate: AWS decision logic', () => {
  test('no policy: implicit deny by the identity side', () => {
    const r = decide(user(), 'lambda:InvokeFunction', FN, {});
    assert.equal(r.decision, 'implicit-deny');
    assert.equal(r.deniedBy, 'identity-based');
  });
  test('an identity allow allows; the matched statement is reported', () => {
    const r = decide(user(), 'lambda:InvokeFunction', FN, { identityPolicies: [id({ Sid: 'One', ...allowFn })] });
    assert.equal(r.decision, 'allow');
    assert.deepEqual(r.matched, [{ policy: 'identity', index: 0, sid: 'One' }]);
  });
  test('explicit deny in any policy wins over allows', () => {
    const deny = { Effect: 'Deny', Action: 'lambda:*', Resource: '*' };
    let r = decide(user(), 'lambda:InvokeFunction', FN, { identityPolicies: [id(allowFn), id(deny)] });
    assert.deepEqual([r.decision, r.deniedBy], ['explicit-deny', 'identity-based']);
    r = decide(user(), 'lambda:InvokeFunction', FN, { identityPolicies: [id(allowFn)], resourcePolicy: res({ ...deny, Principal: '*' }) });
    assert.deepEqual([r.decision, r.deniedBy], ['explicit-deny', 'resource-based']);
    r = decide(session(), 'lambda:InvokeFunction', FN, { identityPolicies: [id(allowFn)], permissionsBoundary: id(allowFn, deny) });
    assert.deepEqual([r.decision, r.deniedBy], ['explicit-deny', 'permissions boundary']);
    r = decide(session(), 'lambda:InvokeFunction', FN, { identityPolicies: [id(allowFn)], sessionPolicy: id(deny) });
    assert.deepEqual([r.decision, r.deniedBy], ['explicit-deny', 'session']);
  });
  test('same account: a resource policy naming the user allows without identity policies', () => {
    const r = decide(user(), 'lambda:InvokeFunction', FN, { resourcePolicy: res({ ...allowFn, Principal: { AWS: `arn:aws:iam::${A}:user/alice` } }) });
    assert.equal(r.decision, 'allow');
  });
  test('same account: a resource policy naming only the account delegates to identity policies', () => {
    const rp = res({ ...allowFn, Principal: { AWS: A } });
    assert.equal(decide(user(), 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'implicit-deny');
    assert.equal(decide(user(), 'lambda:InvokeFunction', FN, { resourcePolicy: rp, identityPolicies: [id(allowFn)] }).decision, 'allow');
  });
  test('a role ARN in a resource policy names every session of it', () => {
    const rp = res({ ...allowFn, Principal: { AWS: `arn:aws:iam::${A}:role/r` } });
    assert.equal(decide(session(A, 'r', 'any'), 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'allow');
    assert.equal(decide(session(A, 'other', 'any'), 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'implicit-deny');
  });
  test('an assumed-role ARN names one session', () => {
    const rp = res({ ...allowFn, Principal: { AWS: `arn:aws:sts::${A}:assumed-role/r/s1` } });
    assert.equal(decide(session(A, 'r', 's1'), 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'allow');
    assert.equal(decide(session(A, 'r', 's2'), 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'implicit-deny');
  });
  test('cross-account needs both sides', () => {
    const caller = user(B, 'bob');
    const rp = res({ ...allowFn, Principal: { AWS: B } });
    let r = decide(caller, 'lambda:InvokeFunction', FN, { identityPolicies: [id(allowFn)] });
    assert.deepEqual([r.decision, r.deniedBy], ['implicit-deny', 'resource-based']);
    r = decide(caller, 'lambda:InvokeFunction', FN, { resourcePolicy: rp });
    assert.deepEqual([r.decision, r.deniedBy], ['implicit-deny', 'identity-based']);
    assert.equal(decide(caller, 'lambda:InvokeFunction', FN, { resourcePolicy: rp, identityPolicies: [id(allowFn)] }).decision, 'allow');
    // The root of the other account needs only the resource side.
    assert.equal(decide(root(B), 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'allow');
    assert.equal(decide(root(B), 'lambda:InvokeFunction', FN, {}).decision, 'implicit-deny');
  });
  test('permissions boundary and session policy only intersect', () => {
    const getOnly = id({ Effect: 'Allow', Action: 'lambda:Get*', Resource: '*' });
    let r = decide(session(), 'lambda:InvokeFunction', FN, { identityPolicies: [id(allowFn)], permissionsBoundary: getOnly });
    assert.deepEqual([r.decision, r.deniedBy], ['implicit-deny', 'permissions boundary']);
    r = decide(session(), 'lambda:InvokeFunction', FN, { identityPolicies: [id(allowFn)], sessionPolicy: getOnly });
    assert.deepEqual([r.decision, r.deniedBy], ['implicit-deny', 'session']);
    r = decide(session(), 'lambda:GetFunction', FN, { sessionPolicy: getOnly });
    assert.deepEqual([r.decision, r.deniedBy], ['implicit-deny', 'identity-based']);
    assert.equal(decide(session(), 'lambda:InvokeFunction', FN, { identityPolicies: [id(allowFn)], sessionPolicy: id(allowFn), permissionsBoundary: id(allowFn) }).decision, 'allow');
  });
  test('service principals only through resource policies, scoped by aws:SourceArn', () => {
    const s3: EvalPrincipal = { kind: 'service', service: 's3.amazonaws.com' };
    const rp = res({ ...allowFn, Principal: { Service: 's3.amazonaws.com' }, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket-*' } } });
    assert.equal(decide(s3, 'lambda:InvokeFunction', FN, { identityPolicies: [id({ Effect: 'Allow', Action: '*', Resource: '*' })] }).decision, 'implicit-deny');
    assert.equal(decide(s3, 'lambda:InvokeFunction', FN, { resourcePolicy: rp, facts: { ...facts, sourceArn: 'arn:aws:s3:::bucket-1' } }).decision, 'allow');
    assert.equal(decide(s3, 'lambda:InvokeFunction', FN, { resourcePolicy: rp, facts: { ...facts, sourceArn: 'arn:aws:s3:::other' } }).decision, 'implicit-deny');
    assert.equal(decide(s3, 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'implicit-deny');
    assert.equal(decide({ kind: 'service', service: 'sns.amazonaws.com' }, 'lambda:InvokeFunction', FN, { resourcePolicy: rp, facts: { ...facts, sourceArn: 'arn:aws:s3:::bucket-1' } }).decision, 'implicit-deny');
  });
  test('"*" principal includes anonymous and other accounts', () => {
    const rp = res({ ...allowFn, Principal: '*' });
    assert.equal(decide({ kind: 'anonymous' }, 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'allow');
    assert.equal(decide({ kind: 'anonymous' }, 'lambda:InvokeFunction', FN, {}).decision, 'implicit-deny');
  });
  test('NotPrincipal with Deny: everyone but the named principal is denied', () => {
    const rp = res(
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
      { Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: '*', Resource: '*' },
    );
    assert.equal(decide(user(A, 'alice'), 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'allow');
    assert.equal(decide(user(A, 'mallory'), 'lambda:InvokeFunction', FN, { resourcePolicy: rp }).decision, 'explicit-deny');
  });
});

describe('evaluate: actions and resources', () => {
  test('actions match without regard to case, with * and ?', () => {
    const p = [id({ Effect: 'Allow', Action: ['LAMBDA:get*', 'lambda:Lis?Functions'], Resource: '*' })];
    assert.equal(decide(user(), 'lambda:GetFunction', FN, { identityPolicies: p }).decision, 'allow');
    assert.equal(decide(user(), 'lambda:ListFunctions', '*', { identityPolicies: p }).decision, 'allow');
    assert.equal(decide(user(), 'lambda:ListAliases', FN, { identityPolicies: p }).decision, 'implicit-deny');
    assert.equal(decide(user(), 'lambdax:GetFunction', FN, { identityPolicies: p }).decision, 'implicit-deny');
  });
  test('NotAction and NotResource', () => {
    const p = [id({ Effect: 'Allow', NotAction: 'lambda:Delete*', NotResource: `arn:aws:lambda:*:*:function:secret*` })];
    assert.equal(decide(user(), 'lambda:GetFunction', FN, { identityPolicies: p }).decision, 'allow');
    assert.equal(decide(user(), 'lambda:DeleteFunction', FN, { identityPolicies: p }).decision, 'implicit-deny');
    assert.equal(decide(user(), 'lambda:GetFunction', `arn:aws:lambda:us-east-1:${A}:function:secret1`, { identityPolicies: p }).decision, 'implicit-deny');
  });
  test('resource ARNs: case-sensitive, per component, a qualified ARN needs its own pattern', () => {
    const p = [id({ Effect: 'Allow', Action: '*', Resource: [FN, `arn:aws:lambda:*:${A}:function:g:*`] })];
    assert.equal(decide(user(), 'lambda:GetFunction', FN, { identityPolicies: p }).decision, 'allow');
    assert.equal(decide(user(), 'lambda:GetFunction', `${FN}:1`, { identityPolicies: p }).decision, 'implicit-deny');
    assert.equal(decide(user(), 'lambda:GetFunction', FN.replace(':f', ':F'), { identityPolicies: p }).decision, 'implicit-deny');
    assert.equal(decide(user(), 'lambda:GetFunction', `arn:aws:lambda:eu-west-1:${A}:function:g:prod`, { identityPolicies: p }).decision, 'allow');
    // A * that ends a segment reaches across the colons after it (IAM's documented rule).
    const q = [id({ Effect: 'Allow', Action: '*', Resource: [`arn:aws:lambda:*:function:g`, `arn:aws:lambda:*:*:function:h*`] })];
    assert.equal(decide(user(), 'lambda:GetFunction', `arn:aws:lambda:eu-west-1:${A}:function:g`, { identityPolicies: q }).decision, 'allow');
    assert.equal(decide(user(), 'lambda:GetFunction', `arn:aws:lambda:eu-west-1:${A}:function:h:live`, { identityPolicies: q }).decision, 'allow');
    assert.equal(decide(user(), 'lambda:GetFunction', `arn:aws:lambda:eu-west-1:${A}:function:g:live`, { identityPolicies: q }).decision, 'implicit-deny');
  });
  test('policy variables in resources; a missing variable matches nothing; 2008-10-17 keeps ${} literal', () => {
    const p = [id({ Effect: 'Allow', Action: '*', Resource: `arn:aws:lambda:*:${A}:function:\${aws:username}-*` })];
    assert.equal(decide(user(A, 'alice'), 'lambda:GetFunction', `arn:aws:lambda:us-east-1:${A}:function:alice-x`, { identityPolicies: p }).decision, 'allow');
    assert.equal(decide(user(A, 'bob'), 'lambda:GetFunction', `arn:aws:lambda:us-east-1:${A}:function:alice-x`, { identityPolicies: p }).decision, 'implicit-deny');
    assert.equal(decide(session(), 'lambda:GetFunction', `arn:aws:lambda:us-east-1:${A}:function:-x`, { identityPolicies: p }).decision, 'implicit-deny');
    const tag = [id({ Effect: 'Allow', Action: '*', Resource: `arn:aws:lambda:*:${A}:function:\${aws:PrincipalTag/team}` })];
    assert.equal(decide(session(), 'lambda:GetFunction', `arn:aws:lambda:us-east-1:${A}:function:blue`, { identityPolicies: tag }).decision, 'allow');
    const old = [parsePolicy(JSON.stringify({ Version: '2008-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: `arn:aws:lambda:*:${A}:function:\${aws:username}` } }), 'identity')];
    assert.equal(decide(user(A, 'alice'), 'lambda:GetFunction', `arn:aws:lambda:us-east-1:${A}:function:alice`, { identityPolicies: old }).decision, 'implicit-deny');
    assert.equal(decide(user(A, 'alice'), 'lambda:GetFunction', `arn:aws:lambda:us-east-1:${A}:function:\${aws:username}`, { identityPolicies: old }).decision, 'allow');
  });
  test('a variable with a default, and ${*} as a literal star', () => {
    const p = [id({ Effect: 'Allow', Action: '*', Resource: `arn:aws:lambda:*:${A}:function:\${aws:PrincipalTag/nope, 'dflt'}\${*}` })];
    assert.equal(decide(user(), 'lambda:GetFunction', `arn:aws:lambda:us-east-1:${A}:function:dflt*`, { identityPolicies: p }).decision, 'allow');
    assert.equal(decide(user(), 'lambda:GetFunction', `arn:aws:lambda:us-east-1:${A}:function:dfltX`, { identityPolicies: p }).decision, 'implicit-deny');
  });
});

describe('contextKeysOf', () => {
  test('condition keys and policy variables, as written, once each', () => {
    const p = id(
      { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/${aws:username}/*', Condition: { StringLike: { 's3:prefix': '${aws:username}/*' }, Bool: { 'aws:SecureTransport': 'true' } } },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'AWS:SECURETRANSPORT': 'x', 'aws:PrincipalTag/team': '${aws:PrincipalTag/team}' } } },
    );
    assert.deepEqual(contextKeysOf([p]), ['aws:username', 's3:prefix', 'aws:SecureTransport', 'aws:PrincipalTag/team']);
  });
});

describe('contextFor', () => {
  test('a role session: aws:PrincipalArn is the role, tags, type, global facts and service keys', () => {
    const ctx = contextFor({ kind: 'aws', identity: session() }, { ...facts, sourceArn: 'arn:aws:s3:::b', sourceAccount: B }, { action: 'lambda:CreateFunctionUrlConfig', resource: FN, conditions: { 'lambda:FunctionUrlAuthType': 'NONE' } });
    assert.deepEqual(ctx.get('aws:principalarn'), [`arn:aws:iam::${A}:role/r`]);
    assert.deepEqual(ctx.get('aws:principaltype'), ['AssumedRole']);
    assert.deepEqual(ctx.get('aws:principalaccount'), [A]);
    assert.deepEqual(ctx.get('aws:userid'), ['AROAEXAMPLE:s']);
    assert.deepEqual(ctx.get('aws:principaltag/team'), ['blue']);
    assert.deepEqual(ctx.get('aws:currenttime'), ['2026-12-07T12:00:00Z']);
    assert.deepEqual(ctx.get('aws:epochtime'), [String(Date.parse('2026-12-07T12:00:00Z') / 1000)]);
    assert.deepEqual(ctx.get('aws:sourcearn'), ['arn:aws:s3:::b']);
    assert.deepEqual(ctx.get('aws:sourceaccount'), [B]);
    assert.deepEqual(ctx.get('aws:securetransport'), ['true']);
    assert.deepEqual(ctx.get('aws:requestedregion'), ['us-east-1']);
    assert.deepEqual(ctx.get('aws:resourceaccount'), [A]);
    assert.deepEqual(ctx.get('lambda:functionurlauthtype'), ['NONE']);
    assert.equal(ctx.get('aws:username'), undefined);
  });
  test('a user has aws:username; root is an Account', () => {
    assert.deepEqual(contextFor({ kind: 'aws', identity: user() }, facts, { action: 'a:b', resource: '*' }).get('aws:username'), ['alice']);
    assert.deepEqual(contextFor({ kind: 'aws', identity: root() }, facts, { action: 'a:b', resource: '*' }).get('aws:principaltype'), ['Account']);
  });
});
