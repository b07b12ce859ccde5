// parsePolicy: IAM's grammar and the MalformedPolicyDocument sentence IAM answers for each refusal.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { parsePolicy, PolicySyntaxError } from '../../src/services/iam/policy/index.js';
import type { PolicyKind } from '../../src/services/iam/policy/index.js';

function refused(doc: unknown, kind: PolicyKind, message: string): void {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  assert.throws(
    () => parsePolicy(text, kind),
    (e: unknown) => e instanceof PolicySyntaxError && e.message === message,
    `expected "${message}" for ${text}`,
  );
}

const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };

describe('parsePolicy accepts IAM documents', () => {
  test('statement as object or array, both versions, Id, Sid', () => {
    assert.equal(parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: allowAll }), 'identity').statements.length, 1);
    const p = parsePolicy(
      JSON.stringify({ Version: '2008-10-17', Id: 'x', Statement: [{ ...allowAll, Sid: 'A1' }, { ...allowAll, Sid: 'B2' }] }),
      'identity',
    );
    assert.equal(p.statements.length, 2);
    assert.equal(p.statements[1]!.sid, 'B2');
    assert.equal(p.kind, 'identity');
  });
  test('a Version is optional', () => {
    assert.equal(parsePolicy(JSON.stringify({ Statement: [allowAll] }), 'identity').statements.length, 1);
  });
  test('every principal form in a resource policy', () => {
    const p = parsePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*' },
          {
            Effect: 'Allow',
            Principal: {
              AWS: ['123456789012', 'arn:aws:iam::123456789012:root', 'arn:aws:iam::123456789012:user/dev/alice',
                'arn:aws:iam::123456789012:role/r', 'arn:aws:sts::123456789012:assumed-role/r/s'],
              Service: 'lambda.amazonaws.com',
              Federated: 'cognito-identity.amazonaws.com',
              CanonicalUser: 'abc',
            },
            Action: ['lambda:Get*', 'lambda:List?'],
            Resource: ['arn:aws:lambda:us-east-1:123456789012:function:f', 'arn:aws:lambda:*:*:function:f:*'],
          },
        ],
      }),
      'resource',
    );
    assert.equal(p.statements.length, 2);
  });
  test('a trust policy without Resource, with conditions', () => {
    const p = parsePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          },
        ],
      }),
      'trust',
    );
    assert.equal(p.statements[0]!.resources, undefined);
  });
  test('every condition operator family, with IfExists and set qualifiers', () => {
    const ops = [
      'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike',
      'StringNotLike', 'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals',
      'NumericGreaterThan', 'NumericGreaterThanEquals', 'DateEquals', 'DateNotEquals', 'DateLessThan',
      'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals', 'Bool', 'BinaryEquals', 'IpAddress',
      'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLikeIfExists',
      'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'Null',
    ];
    const Condition: Record<string, unknown> = {};
    for (const o of ops) Condition[o] = { 'aws:x': ['1'] };
    assert.equal(parsePolicy(JSON.stringify({ Statement: { ...allowAll, Condition } }), 'identity').statements[0]!.conditions.length, ops.length);
  });
  test('a 1 MB document parses in bounded time (tens of milliseconds; no per-character work beyond JSON.parse)', () => {
    const statements = [];
    for (let i = 0; i < 6000; i++) {
      statements.push({ Sid: `S${i}`, Effect: 'Allow', Action: ['lambda:GetFunction', 's3:Get*'], Resource: `arn:aws:lambda:us-east-1:123456789012:function:fn-${i}-*`, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } });
    }
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    assert.ok(text.length > 1_000_000);
    const t0 = performance.now();
    parsePolicy(text, 'identity');
    assert.ok(performance.now() - t0 < 3000);
  });
});

describe('parsePolicy refuses with IAM\'s messages', () => {
  test('not JSON, not an object, unknown fields, no Statement', () => {
    refused('{"Version": "2012-10-17", "Statement": [', 'identity', 'Syntax errors in policy.');
    refused('[]', 'identity', 'Syntax errors in policy.');
    refused({ Version: '2012-10-17', Statement: allowAll, Extra: 1 }, 'identity', 'Syntax errors in policy.');
    refused({ Version: '2012-10-17', Statement: { ...allowAll, Actions: 'x:y' } }, 'identity', 'Syntax errors in policy.');
    refused({ Version: '2012-10-17' }, 'identity', 'Syntax errors in policy.');
  });
  test('a Version IAM does not know, an Effect that is not Allow/Deny', () => {
    refused({ Version: '2012-10-18', Statement: allowAll }, 'identity', 'The policy failed legacy parsing');
    refused({ Statement: { ...allowAll, Effect: 'allow' } }, 'identity', 'The policy failed legacy parsing');
  });
  test('a principal in an identity policy', () => {
    refused({ Statement: { ...allowAll, Principal: '*' } }, 'identity', 'Policy document should not specify a principal.');
    refused({ Statement: { ...allowAll, NotPrincipal: { AWS: '123456789012' } } }, 'identity', 'Policy document should not specify a principal.');
  });
  test('no principal in a resource or trust policy', () => {
    refused({ Statement: allowAll }, 'resource', 'Missing required field Principal');
    refused({ Statement: { Effect: 'Allow', Action: 'sts:AssumeRole' } }, 'trust', 'Missing required field Principal');
  });
  test('Resource in a trust policy', () => {
    refused({ Statement: { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' } }, 'trust', 'Has prohibited field Resource');
  });
  test('trust policies allow only STS actions', () => {
    refused({ Statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' } }, 'trust', 'AssumeRole policy may only specify STS AssumeRole actions.');
  });
  test('invalid principals name the type and value as IAM does', () => {
    refused({ Statement: { ...allowAll, Principal: { AWS: 'alice' } } }, 'resource', 'Invalid principal in policy: "AWS":"alice"');
    refused({ Statement: { ...allowAll, Principal: { AWS: 'arn:aws:iam::12345:root' } } }, 'resource', 'Invalid principal in policy: "AWS":"arn:aws:iam::12345:root"');
    refused({ Statement: { ...allowAll, Principal: { AWS: 'arn:aws:iam::123456789012:role/*' } } }, 'resource', 'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/*"');
    refused({ Statement: { ...allowAll, Principal: { Other: 'x' } } }, 'resource', 'Syntax errors in policy.');
  });
  test('actions and condition keys need a vendor, and one colon', () => {
    refused({ Statement: { ...allowAll, Action: 'GetFunction' } }, 'identity', 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
    refused({ Statement: { ...allowAll, Action: 'lambda:a:b' } }, 'identity', 'Actions/Condition can contain only one colon.');
    refused({ Statement: { ...allowAll, Condition: { StringEquals: { SourceAccount: '1' } } } }, 'identity', 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  });
  test('missing actions or resources', () => {
    refused({ Statement: { Effect: 'Allow', Resource: '*' } }, 'identity', 'Policy statement must contain actions.');
    refused({ Statement: { Effect: 'Allow', Action: [], Resource: '*' } }, 'identity', 'Policy statement must contain actions.');
    refused({ Statement: { Effect: 'Allow', Action: 'a:b' } }, 'identity', 'Policy statement must contain resources.');
  });
  test('a resource that is neither an ARN nor *', () => {
    refused({ Statement: { ...allowAll, Resource: 'my-bucket' } }, 'identity', 'Resource my-bucket must be in ARN format or "*".');
    refused({ Statement: { ...allowAll, Resource: 'arn:aws:s3' } }, 'identity', 'Resource arn:aws:s3 must be in ARN format or "*".');
  });
  test('an unknown condition operator, and Null with IfExists', () => {
    refused({ Statement: { ...allowAll, Condition: { StringEqualz: { 'aws:x': '1' } } } }, 'identity', 'Syntax errors in policy.');
    refused({ Statement: { ...allowAll, Condition: { 'servicecatalog:accountLevel': 'self' } } }, 'identity', 'Syntax errors in policy.');
    refused({ Statement: { ...allowAll, Condition: { NullIfExists: { 'aws:x': 'true' } } } }, 'identity', 'Syntax errors in policy.');
    refused({ Statement: { ...allowAll, Condition: { StringEquals: { 'aws:x': { a: 1 } } } } }, 'identity', 'Syntax errors in policy.');
  });
  test('Sids: unique; alphanumeric in identity policies only', () => {
    refused({ Statement: [{ ...allowAll, Sid: 'A' }, { ...allowAll, Sid: 'A' }] }, 'identity', 'Statement IDs (SID) in a single policy must be unique.');
    refused({ Statement: { ...allowAll, Sid: 'a-b' } }, 'identity', 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*');
    assert.doesNotThrow(() => parsePolicy(JSON.stringify({ Statement: { ...allowAll, Principal: '*', Sid: 'lambda-abc_1' } }), 'resource'));
  });
  test('both Action and NotAction, wrong value types', () => {
    refused({ Statement: { ...allowAll, NotAction: 'a:b' } }, 'identity', 'Syntax errors in policy.');
    refused({ Statement: { ...allowAll, Action: { x: 1 } } }, 'identity', 'Syntax errors in policy.');
    refused({ Statement: { ...allowAll, Resource: [1] } }, 'identity', 'Syntax errors in policy.');
  });
});
