// Condition operators: each family, negation, IfExists, set qualifiers, Null, multiple keys and values.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { evaluate, parsePolicy } from '../../src/services/iam/policy/index.js';
import type { ConditionContext } from '../../src/services/iam/policy/index.js';
import type { CallerIdentity } from '../../src/services/identity.js';

const caller: CallerIdentity = { kind: 'user', accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/u', userId: 'AIDA', accessKeyId: 'AKIA', name: 'u' };

/** Does a statement with this Condition allow, given this context (keys as written, values as lists)? */
function holds(condition: object, context: Record<string, string | string[]>): boolean {
  const policy = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: condition } }), 'identity');
  const ctx: ConditionContext = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), typeof v === 'string' ? [v] : v]));
  return evaluate({ principal: { kind: 'aws', identity: caller }, action: 'a:b', resource: '*', resourceAccount: '111111111111', identityPolicies: [policy], context: ctx }).decision === 'allow';
}

describe('string operators', () => {
  test('StringEquals: case-sensitive; any listed value; key names without case', () => {
    assert.equal(holds({ StringEquals: { 'aws:SourceAccount': ['1', '2'] } }, { 'aws:sourceaccount': '2' }), true);
    assert.equal(holds({ StringEquals: { 'AWS:SOURCEACCOUNT': '1' } }, { 'aws:sourceaccount': '1' }), true);
    assert.equal(holds({ StringEquals: { 'x:k': 'Abc' } }, { 'x:k': 'abc' }), false);
    assert.equal(holds({ StringEquals: { 'x:k': 'abc' } }, {}), false);
  });
  test('StringNotEquals: none of the values; absent key holds', () => {
    assert.equal(holds({ StringNotEquals: { 'x:k': ['a', 'b'] } }, { 'x:k': 'c' }), true);
    assert.equal(holds({ StringNotEquals: { 'x:k': ['a', 'b'] } }, { 'x:k': 'b' }), false);
    assert.equal(holds({ StringNotEquals: { 'x:k': 'a' } }, {}), true);
  });
  test('IgnoreCase, Like, NotLike', () => {
    assert.equal(holds({ StringEqualsIgnoreCase: { 'x:k': 'ABC' } }, { 'x:k': 'abc' }), true);
    assert.equal(holds({ StringNotEqualsIgnoreCase: { 'x:k': 'ABC' } }, { 'x:k': 'abc' }), false);
    assert.equal(holds({ StringLike: { 'x:k': 'prod-*-?' } }, { 'x:k': 'prod-eu-1' }), true);
    assert.equal(holds({ StringLike: { 'x:k': 'prod-*-?' } }, { 'x:k': 'prod-eu-12' }), false);
    assert.equal(holds({ StringNotLike: { 'x:k': 'prod-*' } }, { 'x:k': 'dev-1' }), true);
  });
  test('policy variables in condition values', () => {
    assert.equal(holds({ StringEquals: { 'x:owner': '${aws:username}' } }, { 'x:owner': 'u', 'aws:username': 'u' }), true);
    assert.equal(holds({ StringEquals: { 'x:owner': '${aws:username}' } }, { 'x:owner': 'v', 'aws:username': 'u' }), false);
    assert.equal(holds({ StringEquals: { 'x:owner': '${aws:username}' } }, { 'x:owner': '${aws:username}' }), false);
  });
  test('several keys in a block and several blocks must all hold', () => {
    const c = { StringEquals: { 'x:a': '1', 'x:b': '2' }, Bool: { 'aws:SecureTransport': 'true' } };
    assert.equal(holds(c, { 'x:a': '1', 'x:b': '2', 'aws:securetransport': 'true' }), true);
    assert.equal(holds(c, { 'x:a': '1', 'x:b': '3', 'aws:securetransport': 'true' }), false);
    assert.equal(holds(c, { 'x:a': '1', 'x:b': '2', 'aws:securetransport': 'false' }), false);
  });
});

describe('IfExists, Null, set qualifiers', () => {
  test('IfExists holds when the key is absent, else tests the value', () => {
    assert.equal(holds({ StringEqualsIfExists: { 'x:k': 'a' } }, {}), true);
    assert.equal(holds({ StringEqualsIfExists: { 'x:k': 'a' } }, { 'x:k': 'b' }), false);
    assert.equal(holds({ NumericLessThanIfExists: { 'x:n': '5' } }, { 'x:n': '3' }), true);
  });
  test('Null', () => {
    assert.equal(holds({ Null: { 'x:k': 'true' } }, {}), true);
    assert.equal(holds({ Null: { 'x:k': 'true' } }, { 'x:k': 'v' }), false);
    assert.equal(holds({ Null: { 'x:k': 'false' } }, { 'x:k': 'v' }), true);
    assert.equal(holds({ Null: { 'x:k': false } }, {}), false);
  });
  test('ForAnyValue: one request value matching one policy value; absent → false', () => {
    assert.equal(holds({ 'ForAnyValue:StringEquals': { 'x:tags': ['a', 'b'] } }, { 'x:tags': ['z', 'b'] }), true);
    assert.equal(holds({ 'ForAnyValue:StringEquals': { 'x:tags': ['a', 'b'] } }, { 'x:tags': ['z', 'y'] }), false);
    assert.equal(holds({ 'ForAnyValue:StringEquals': { 'x:tags': 'a' } }, {}), false);
  });
  test('ForAllValues: every request value in the set; absent or empty → true', () => {
    assert.equal(holds({ 'ForAllValues:StringLike': { 'x:tags': ['a*', 'b'] } }, { 'x:tags': ['ab', 'b'] }), true);
    assert.equal(holds({ 'ForAllValues:StringLike': { 'x:tags': ['a*', 'b'] } }, { 'x:tags': ['ab', 'c'] }), false);
    assert.equal(holds({ 'ForAllValues:StringEquals': { 'x:tags': 'a' } }, {}), true);
    assert.equal(holds({ 'ForAllValues:StringEquals': { 'x:tags': 'a' } }, { 'x:tags': [] }), true);
  });
});

describe('numeric, date, bool, binary, IP and ARN operators', () => {
  test('Numeric*', () => {
    assert.equal(holds({ NumericEquals: { 'x:n': '10' } }, { 'x:n': '10.0' }), true);
    assert.equal(holds({ NumericNotEquals: { 'x:n': '10' } }, { 'x:n': '10' }), false);
    assert.equal(holds({ NumericLessThan: { 'x:n': 10 } }, { 'x:n': '9' }), true);
    assert.equal(holds({ NumericLessThan: { 'x:n': 10 } }, { 'x:n': '10' }), false);
    assert.equal(holds({ NumericLessThanEquals: { 'x:n': 10 } }, { 'x:n': '10' }), true);
    assert.equal(holds({ NumericGreaterThan: { 'x:n': 10 } }, { 'x:n': '11' }), true);
    assert.equal(holds({ NumericGreaterThanEquals: { 'x:n': 10 } }, { 'x:n': '9' }), false);
    assert.equal(holds({ NumericEquals: { 'x:n': '10' } }, { 'x:n': 'ten' }), false);
  });
  test('Date*: ISO 8601 and epoch seconds compare as instants', () => {
    assert.equal(holds({ DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:currenttime': '2026-12-07T12:00:00Z' }), true);
    assert.equal(holds({ DateGreaterThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:currenttime': '2026-12-07T12:00:00Z' }), false);
    assert.equal(holds({ DateEquals: { 'aws:EpochTime': '2026-12-07T12:00:00Z' } }, { 'aws:epochtime': String(Date.parse('2026-12-07T12:00:00Z') / 1000) }), true);
    assert.equal(holds({ DateNotEquals: { 'x:d': '2026-12-07' } }, { 'x:d': '2026-12-08' }), true);
    assert.equal(holds({ DateGreaterThanEquals: { 'x:d': '2026-12-07' } }, { 'x:d': 'garbage' }), false);
  });
  test('Bool and BinaryEquals', () => {
    assert.equal(holds({ Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:securetransport': 'false' }), true);
    assert.equal(holds({ Bool: { 'aws:SecureTransport': true } }, { 'aws:securetransport': 'TRUE' }), true);
    assert.equal(holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:securetransport': 'false' }), false);
    assert.equal(holds({ BinaryEquals: { 'x:b': 'QmluYXJ5' } }, { 'x:b': 'QmluYXJ5' }), true);
    assert.equal(holds({ BinaryEquals: { 'x:b': 'QmluYXJ5' } }, { 'x:b': 'qmluyxj5' }), false);
  });
  test('IpAddress / NotIpAddress: v4 and v6 CIDRs, bare addresses', () => {
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:sourceip': '10.1.2.3' }), true);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:sourceip': '11.1.2.3' }), false);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': ['192.168.1.7'] } }, { 'aws:sourceip': '192.168.1.7' }), true);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '203.0.113.0/25' } }, { 'aws:sourceip': '203.0.113.200' }), false);
    assert.equal(holds({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:sourceip': '11.1.2.3' }), true);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:sourceip': '2001:db8:1::5' }), true);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:sourceip': '2001:db9::5' }), false);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '::1/128' } }, { 'aws:sourceip': '::1' }), true);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } }, { 'aws:sourceip': '::ffff:127.0.0.1' }), true);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:sourceip': 'not-an-ip' }), false);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '10.0.0.0/99' } }, { 'aws:sourceip': '10.0.0.1' }), false);
  });
  test('Arn*: per component, wildcards, negation', () => {
    assert.equal(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket/*' } }, { 'aws:sourcearn': 'arn:aws:s3:::bucket/a/b' }), true);
    assert.equal(holds({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:t' } }, { 'aws:sourcearn': 'arn:aws:sns:us-east-1:111111111111:t' }), true);
    assert.equal(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:t' } }, { 'aws:sourcearn': 'arn:aws:sns:us-east-1:222222222222:t' }), false);
    assert.equal(holds({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:t' } }, { 'aws:sourcearn': 'arn:aws:sns:us-east-1:1:u' }), true);
    assert.equal(holds({ ArnNotEquals: { 'aws:SourceArn': 'arn:aws:sns:*:*:t' } }, { 'aws:sourcearn': 'arn:aws:sns:us-east-1:1:t' }), false);
  });
});
