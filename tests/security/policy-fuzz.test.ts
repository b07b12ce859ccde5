// Hostile policy documents and request contexts: parsePolicy throws nothing but PolicySyntaxError, evaluate never
// throws, and nothing a tenant writes (wildcard patterns, variables, CIDRs, huge values) makes either slow.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { contextFor, evaluate, parsePolicy, PolicySyntaxError } from '../../src/services/iam/policy/index.js';
import type { EvalPrincipal, ParsedPolicy, PolicyKind } from '../../src/services/iam/policy/index.js';
import type { CallerIdentity, RequestFacts } from '../../src/services/identity.js';

let seed = 0x5eed;
function rnd(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
}
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;

const FIELDS = ['Version', 'Id', 'Statement', 'Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'AWS', 'Service', 'Federated', 'CanonicalUser'];
const OPERATORS = ['StringEquals', 'StringLike', 'StringNotLike', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnLike', 'ArnNotEquals', 'Null', 'StringEqualsIfExists', 'Bogus', 'ForAnyValue:Null'];
const STRINGS = [
  '*', '?', '', 'Allow', 'Deny', '2012-10-17', '2008-10-17', 'lambda:*', 'lambda:Invoke*', 'a:b:c', 'noVendor', 's3:Get?bject',
  'arn:aws:lambda:*:*:function:*', 'arn:aws:lambda:us-east-1:111111111111:function:f', 'arn:*', 'arn:aws:s3:::b/${aws:username}/*',
  '${aws:PrincipalTag/team}', '${', '${}', '${aws:username, \'x\'}', '${*}${?}${$}', '111111111111', 'arn:aws:iam::111111111111:root',
  'arn:aws:iam::111111111111:role/r', 'arn:aws:sts::111111111111:assumed-role/r/s', 'lambda.amazonaws.com', '10.0.0.0/8', '::/0',
  '2001:db8::/129', '1.2.3.4/33', '::ffff:1.2.3.4', '1e308', 'NaN', '-0', '2026-13-45T99:99:99Z', 'true', 'aws:SourceIp',
  'aws:CurrentTime', 'aws:username', 'x:k', '*'.repeat(300) + 'b', 'a*'.repeat(200), '?'.repeat(500), '\u0000', '\ud800', '__proto__', 'constructor',
];

function value(depth: number): unknown {
  const r = rnd(depth > 3 ? 5 : 9);
  switch (r) {
    case 0:
    case 1:
    case 2:
      return pick(STRINGS);
    case 3:
      return rnd(2) === 0 ? rnd(1000) : -1.5;
    case 4:
      return pick([null, true, false]);
    case 5:
    case 6: {
      const a: unknown[] = [];
      for (let i = rnd(4); i > 0; i--) a.push(value(depth + 1));
      return a;
    }
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rnd(5); i > 0; i--) o[rnd(3) === 0 ? pick(OPERATORS) : pick(FIELDS)] = value(depth + 1);
      return o;
    }
  }
}

const ACTIONS = ['*', 'lambda:*', 'lambda:Invoke*', 's3:Get?bject', 'sts:AssumeRole', 'lambda:' + '*a'.repeat(50), 'sts:*'];
const RESOURCES = ['*', 'arn:aws:lambda:*:*:function:*', 'arn:aws:lambda:us-east-1:111111111111:function:f', 'arn:*', 'arn:aws:s3:::b/${aws:username}/*', 'arn:aws:lambda:*:*:function:${aws:PrincipalTag/team}${*}', 'arn:aws:lambda:*:*:function:' + 'a*'.repeat(100) + 'b'];
const PRINCIPALS = ['*', { AWS: '111111111111' }, { AWS: ['arn:aws:iam::111111111111:role/r', 'arn:aws:sts::111111111111:assumed-role/r/s'] }, { Service: 'lambda.amazonaws.com' }];
const KEYS = ['aws:SourceIp', 'aws:CurrentTime', 'aws:username', 'x:k', 'aws:PrincipalTag/team', 'aws:SourceArn', 'nokey:x'];

/** A mostly well-formed statement with random pieces, so fuzzing reaches evaluation and not only the parser. */
function statement(kind: PolicyKind): Record<string, unknown> {
  const mostly = <T>(good: readonly T[]): unknown => (rnd(8) === 0 ? value(2) : pick(good));
  const st: Record<string, unknown> = { Effect: rnd(12) === 0 ? value(2) : pick(['Allow', 'Allow', 'Deny']) };
  st[rnd(4) === 0 ? 'NotAction' : 'Action'] = kind === 'trust' ? mostly(['sts:AssumeRole', 'sts:*']) : mostly(ACTIONS);
  if (kind !== 'trust') st[rnd(4) === 0 ? 'NotResource' : 'Resource'] = mostly(RESOURCES);
  if (kind !== 'identity') st[rnd(5) === 0 ? 'NotPrincipal' : 'Principal'] = mostly(PRINCIPALS);
  if (rnd(2) === 0) {
    const cond: Record<string, unknown> = {};
    for (let i = rnd(3) + 1; i > 0; i--) {
      const values = rnd(2) === 0 ? pick(STRINGS) : [pick(STRINGS), pick(STRINGS)];
      cond[rnd(10) === 0 ? 'Bogus' : pick(OPERATORS.filter((o) => o !== 'Bogus' && o !== 'ForAnyValue:Null'))] = { [pick(KEYS)]: rnd(10) === 0 ? value(2) : values };
    }
    st['Condition'] = cond;
  }
  if (rnd(12) === 0) st[pick(FIELDS)] = value(2);
  return st;
}

const caller: CallerIdentity = {
  kind: 'assumed-role', accountId: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/r/s', userId: 'AROA:s',
  accessKeyId: 'ASIA', name: 'r', roleArn: 'arn:aws:iam::111111111111:role/r', sessionName: 's',
  sessionTags: { team: 'a'.repeat(5000), __proto__: 'x' },
};

describe('policy engine under hostile input', () => {
  test('random documents: only PolicySyntaxError; parsed ones evaluate without throwing, quickly', () => {
    const kinds: PolicyKind[] = ['identity', 'resource', 'trust'];
    const principals: EvalPrincipal[] = [{ kind: 'aws', identity: caller }, { kind: 'service', service: 'lambda.amazonaws.com' }, { kind: 'anonymous' }];
    let parsed = 0;
    const t0 = performance.now();
    for (let i = 0; i < 4000; i++) {
      const kind = pick(kinds);
      const doc = rnd(5) === 0 ? value(0) : { Version: pick(['2012-10-17', '2008-10-17', '2012-10-17', 'x']), Statement: rnd(2) === 0 ? statement(kind) : [statement(kind), statement(kind)] };
      let text = JSON.stringify(doc) ?? 'null';
      if (rnd(10) === 0) text = text.slice(0, rnd(text.length + 1));
      let policy: ParsedPolicy;
      try {
        policy = parsePolicy(text, kind);
      } catch (e) {
        assert.ok(e instanceof PolicySyntaxError, `parsePolicy threw ${String(e)} for ${text}`);
        continue;
      }
      parsed++;
      const principal = pick(principals);
      const facts: RequestFacts = { region: 'us-east-1', sourceIp: pick(['10.1.2.3', '::1', 'garbage', '2001:db8::1']), now: rnd(2) === 0 ? Date.now() : NaN, secureTransport: rnd(2) === 0, sourceArn: pick(['arn:aws:s3:::b', 'x'.repeat(10_000)]) };
      const resource = pick(['*', 'arn:aws:lambda:us-east-1:111111111111:function:f', 'arn:aws:lambda:us-east-1:111111111111:function:' + 'a'.repeat(20_000), 'not-an-arn']);
      const request = { action: pick(['lambda:InvokeFunction', 's3:GetObject', 'sts:AssumeRole']), resource, conditions: { 'x:k': ['a'.repeat(10_000), '*'] } };
      const input = { principal, action: request.action, resource, resourceAccount: '111111111111', context: contextFor(principal, facts, request), identityPolicies: kind === 'identity' ? [policy] : [] };
      const result = evaluate(kind === 'identity' ? input : { ...input, resourcePolicy: policy });
      assert.ok(['allow', 'explicit-deny', 'implicit-deny'].includes(result.decision));
    }
    assert.ok(parsed > 500, `only ${parsed} documents parsed: the fuzzer is not reaching evaluation`);
    assert.ok(performance.now() - t0 < 20_000);
  });

  test('catastrophic wildcards against long values stay fast', () => {
    const pattern = 'a*'.repeat(500) + 'b';
    const policy = parsePolicy(JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'lambda:' + '*a'.repeat(500) + '?', Resource: `arn:aws:lambda:*:*:function:${pattern}` },
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringLike: { 'x:k': pattern }, ArnLike: { 'aws:SourceArn': `arn:${pattern}:${pattern}:*:*:${pattern}` } } },
      ],
    }), 'identity');
    const long = 'a'.repeat(200_000);
    const principal: EvalPrincipal = { kind: 'aws', identity: caller };
    const request = { action: 'lambda:' + long, resource: `arn:aws:lambda:us-east-1:111111111111:function:${long}`, conditions: { 'x:k': long } };
    const t0 = performance.now();
    const r = evaluate({
      principal, action: request.action, resource: request.resource, resourceAccount: '111111111111', identityPolicies: [policy],
      context: contextFor(principal, { region: 'us-east-1', sourceIp: '1.2.3.4', now: 0, secureTransport: true, sourceArn: `arn:${long}:${long}:x:y:${long}` }, request),
    });
    assert.equal(r.decision, 'implicit-deny');
    assert.ok(performance.now() - t0 < 2_000, `took ${performance.now() - t0} ms`);
  });

  test('deeply nested and huge documents are refused or parsed without stack overflow', () => {
    let deep = '"x"';
    for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
    assert.throws(() => parsePolicy(`{"Statement":{"Effect":"Allow","Action":${deep},"Resource":"*"}}`, 'identity'), PolicySyntaxError);
    const many = JSON.stringify({ Statement: Array.from({ length: 20_000 }, () => ({ Effect: 'Allow', Action: 'a:b', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '::/0'] } } })) });
    const t0 = performance.now();
    parsePolicy(many, 'identity');
    assert.ok(performance.now() - t0 < 5_000);
  });
});
