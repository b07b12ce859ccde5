// Access maps: every operation of the Lambda, IAM and STS models maps to an IAM action that AWS's Service
// Authorization Reference lists, on a resource of a type the reference names for it (or "*" where it names none);
// and the particular resources and condition keys AWS authorizes with.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';

import { LAMBDA_ACCESS, lambdaAccess } from '../../src/services/lambda/access.js';
import { iamAccess, iamOperationMapped } from '../../src/services/iam/access.js';
import { STS_ACCESS, STS_UNAUTHORIZED_OPERATIONS, stsAccess } from '../../src/services/sts/access.js';
import { arnTemplate, arnTemplateMatches } from '../../src/services/iam/policy/template.js';
import type { AccessRequest, CallerIdentity } from '../../src/services/identity.js';
import type { RequestContext } from '../../src/services/types.js';

const A = '111111111111';
const caller: CallerIdentity = { kind: 'user', accountId: A, arn: `arn:aws:iam::${A}:user/alice`, userId: 'AIDA', accessKeyId: 'AKIA', name: 'alice' };
const ctx: RequestContext = { requestId: 'r', accountId: A, region: 'us-east-1', accessKeyId: 'AKIA', endpoint: 'http://localhost', caller, sourceIp: '127.0.0.1' };

interface Sar {
  actions: { name: string; resourceTypes: { name: string; required: boolean }[] }[];
  resourceTypes: { name: string; arnFormat: string }[];
}
const sar = (svc: string): Sar => JSON.parse(readFileSync(`models/iam-authorization/${svc}.json`, 'utf8')) as Sar;
const model = (svc: string): { operations: Record<string, { input?: { shape: string } }>; shapes: Record<string, { members?: Record<string, unknown>; required?: string[] }> } =>
  JSON.parse(readFileSync(`models/${svc}/service-2.json`, 'utf8'));

/** Plausible values for the members that name resources. */
const SAMPLES: Record<string, unknown> = {
  FunctionName: 'f', Qualifier: 'prod', LayerName: 'l', VersionNumber: 3, UUID: 'u-1', CapacityProviderName: 'cp',
  Resource: `arn:aws:lambda:us-east-1:${A}:function:f`,
  DurableExecutionArn: `arn:aws:lambda:us-east-1:${A}:function:f:1/durable-execution/e/id`,
  CodeSigningConfigArn: `arn:aws:lambda:us-east-1:${A}:code-signing-config:csc-1`,
  Arn: `arn:aws:iam::${A}:user/u`, EntityArn: `arn:aws:iam::${A}:delegation-request/d1`,
  Role: `arn:aws:iam::${A}:role/exec`, Principal: 's3.amazonaws.com', AuthType: 'NONE',
  UserName: 'u', RoleName: 'r', GroupName: 'g', InstanceProfileName: 'ip', ServerCertificateName: 'sc', PolicyName: 'p',
  PolicyArn: `arn:aws:iam::${A}:policy/p`, SerialNumber: `arn:aws:iam::${A}:mfa/m`, VirtualMFADeviceName: 'm',
  OpenIDConnectProviderArn: `arn:aws:iam::${A}:oidc-provider/example.com`, Url: 'https://example.com',
  SAMLProviderArn: `arn:aws:iam::${A}:saml-provider/s`, Name: 's', PolicySourceArn: `arn:aws:iam::${A}:user/u`,
  DeletionTaskId: 'task/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda/abc', EntityPath: 'o-1/r-1',
  AWSServiceName: 'lambda.amazonaws.com', DelegationRequestId: 'd1', AccessKeyId: 'AKIAX',
  RoleArn: `arn:aws:iam::${A}:role/r`, TargetPrincipal: A,
};

/** Where a member name means something else in one service (Lambda's Arn is a layer version). */
const OVERRIDES: Record<string, Record<string, unknown>> = {
  lambda: { Arn: `arn:aws:lambda:us-east-1:${A}:layer:l:2` },
};

function sampleInput(m: ReturnType<typeof model>, op: string, svc = ''): Record<string, unknown> {
  const shape = m.operations[op]?.input?.shape;
  const members = shape ? Object.keys(m.shapes[shape]?.members ?? {}) : [];
  const out: Record<string, unknown> = {};
  const samples = { ...SAMPLES, ...OVERRIDES[svc] };
  for (const k of members) if (k in samples) out[k] = samples[k];
  return out;
}

/** Checks each request against the reference: the action exists; the resource has a type the action lists. */
function checkAgainstSar(svc: string, op: string, requests: AccessRequest[], exceptions: ReadonlySet<string> = new Set()): void {
  for (const req of requests) {
    const [prefix, name] = req.action.split(':');
    if (prefix !== svc) continue; // dependent actions of other services are checked by their own tables
    if (exceptions.has(req.action)) continue;
    const data = sar(svc);
    const action = data.actions.find((a) => a.name.toLowerCase() === name!.toLowerCase());
    assert.ok(action, `${op}: ${req.action} is not in the ${svc} authorization reference`);
    if (req.resource === '*') continue;
    const formats = action.resourceTypes.map((t) => data.resourceTypes.find((r) => r.name === t.name)!.arnFormat);
    assert.ok(formats.length > 0, `${op}: ${req.action} has no resource types in the reference but maps to ${req.resource}`);
    const ok = formats.some((f) => arnTemplateMatches(arnTemplate(f.replace('${Partition}', 'aws').replace(/\$\{[^}]+\}/g, '*'), false), req.resource, new Map()));
    assert.ok(ok, `${op}: ${req.resource} is none of ${formats.join(', ')}`);
  }
}

describe('every operation of each model is mapped, per the authorization reference', () => {
  test('lambda', () => {
    const m = model('lambda');
    for (const op of Object.keys(m.operations)) {
      assert.ok(LAMBDA_ACCESS[op], `Lambda operation ${op} has no access mapping`);
      const requests = lambdaAccess(op, sampleInput(m, op, 'lambda'), ctx);
      assert.ok(requests.length > 0, `${op} asks for nothing`);
      checkAgainstSar('lambda', op, requests);
    }
  });
  test('iam', () => {
    const m = model('iam');
    for (const op of Object.keys(m.operations)) {
      assert.ok(iamOperationMapped(op), `IAM operation ${op} has no access mapping`);
      const requests = iamAccess(op, sampleInput(m, op), ctx);
      assert.ok(requests.length > 0);
      for (const r of requests) assert.equal(r.action, `iam:${op}`);
      // UpdateDelegationRequest has no action of its own in the reference.
      checkAgainstSar('iam', op, requests, new Set(['iam:UpdateDelegationRequest']));
    }
  });
  test('sts', () => {
    const m = model('sts');
    for (const op of Object.keys(m.operations)) {
      assert.ok(STS_ACCESS[op], `STS operation ${op} has no access mapping`);
      const requests = stsAccess(op, sampleInput(m, op), ctx);
      assert.equal(requests.length === 0, STS_UNAUTHORIZED_OPERATIONS.has(op), `${op}`);
      checkAgainstSar('sts', op, requests);
    }
  });
});

describe('lambda resources and condition keys', () => {
  const fnArn = `arn:aws:lambda:us-east-1:${A}:function:f`;
  test('Invoke, InvokeAsync, InvokeWithResponseStream → lambda:InvokeFunction; GetLayerVersionByArn → GetLayerVersion', () => {
    for (const op of ['Invoke', 'InvokeAsync', 'InvokeWithResponseStream']) {
      assert.deepEqual(lambdaAccess(op, { FunctionName: 'f' }, ctx), [{ action: 'lambda:InvokeFunction', resource: fnArn }]);
    }
    assert.deepEqual(lambdaAccess('GetLayerVersionByArn', { Arn: `arn:aws:lambda:us-east-1:${A}:layer:l:2` }, ctx), [{ action: 'lambda:GetLayerVersion', resource: `arn:aws:lambda:us-east-1:${A}:layer:l:2` }]);
  });
  test('names, partial and full ARNs, qualifiers in the name or the Qualifier parameter', () => {
    const r = (input: Record<string, unknown>): string => lambdaAccess('Invoke', input, ctx)[0]!.resource;
    assert.equal(r({ FunctionName: 'f', Qualifier: '1' }), `${fnArn}:1`);
    assert.equal(r({ FunctionName: 'f:prod' }), `${fnArn}:prod`);
    assert.equal(r({ FunctionName: `222222222222:function:g` }), `arn:aws:lambda:us-east-1:222222222222:function:g`);
    assert.equal(r({ FunctionName: `arn:aws:lambda:us-east-1:222222222222:function:g:$LATEST` }), `arn:aws:lambda:us-east-1:222222222222:function:g:$LATEST`);
    // Alias management is on the function, not the alias.
    assert.equal(lambdaAccess('GetAlias', { FunctionName: 'f', Name: 'prod' }, ctx)[0]!.resource, fnArn);
  });
  test('CreateFunction: PassRole on the role, GetLayerVersion per layer, lambda:Layer, tags, VPC keys', () => {
    const layer = `arn:aws:lambda:us-east-1:222222222222:layer:shared:4`;
    const reqs = lambdaAccess('CreateFunction', { FunctionName: 'f', Role: `arn:aws:iam::${A}:role/exec`, Layers: [layer], Tags: { team: 'blue' }, VpcConfig: { SubnetIds: ['s-1'], SecurityGroupIds: ['sg-1'] } }, ctx);
    assert.deepEqual(reqs, [
      { action: 'lambda:CreateFunction', resource: fnArn, conditions: { 'lambda:SubnetIds': ['s-1'], 'lambda:SecurityGroupIds': ['sg-1'], 'aws:RequestTag/team': 'blue', 'aws:TagKeys': ['team'], 'lambda:Layer': [layer] } },
      { action: 'iam:PassRole', resource: `arn:aws:iam::${A}:role/exec`, resourceAccount: A, conditions: { 'iam:PassedToService': 'lambda.amazonaws.com', 'iam:AssociatedResourceArn': fnArn } },
      { action: 'lambda:GetLayerVersion', resource: layer },
    ]);
    assert.deepEqual(lambdaAccess('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 3 }, ctx), [{ action: 'lambda:UpdateFunctionConfiguration', resource: fnArn }]);
  });
  test('function URLs carry lambda:FunctionUrlAuthType and lambda:FunctionArn; AddPermission carries lambda:Principal', () => {
    assert.deepEqual(lambdaAccess('CreateFunctionUrlConfig', { FunctionName: 'f', Qualifier: 'prod', AuthType: 'NONE' }, ctx), [
      { action: 'lambda:CreateFunctionUrlConfig', resource: `${fnArn}:prod`, conditions: { 'lambda:FunctionArn': fnArn, 'lambda:FunctionUrlAuthType': 'NONE' } },
    ]);
    assert.deepEqual(lambdaAccess('AddPermission', { FunctionName: 'f', Principal: '*', FunctionUrlAuthType: 'NONE', Action: 'lambda:InvokeFunctionUrl', StatementId: 's' }, ctx), [
      { action: 'lambda:AddPermission', resource: fnArn, conditions: { 'lambda:Principal': '*', 'lambda:FunctionUrlAuthType': 'NONE' } },
    ]);
  });
  test('keys from stored state come from the lookup: URL auth type, removed statement principal, mapping function', () => {
    const lookup = {
      functionUrlAuthType: (arn: string) => (arn === fnArn ? 'AWS_IAM' : undefined),
      permissionPrincipal: (arn: string, sid: string) => (arn === fnArn && sid === 's1' ? 'events.amazonaws.com' : undefined),
      eventSourceMappingFunction: (uuid: string) => (uuid === 'abc' ? `${fnArn}:live` : undefined),
    };
    assert.deepEqual(lambdaAccess('DeleteFunctionUrlConfig', { FunctionName: 'f' }, ctx, lookup)[0]!.conditions, { 'lambda:FunctionArn': fnArn, 'lambda:FunctionUrlAuthType': 'AWS_IAM' });
    assert.deepEqual(lambdaAccess('RemovePermission', { FunctionName: 'f', StatementId: 's1' }, ctx, lookup)[0]!.conditions, { 'lambda:Principal': 'events.amazonaws.com' });
    assert.deepEqual(lambdaAccess('GetEventSourceMapping', { UUID: 'abc' }, ctx, lookup)[0]!.conditions, { 'lambda:FunctionArn': `${fnArn}:live` });
    assert.equal(lambdaAccess('RemovePermission', { FunctionName: 'f', StatementId: 'other' }, ctx, lookup)[0]!.conditions, undefined);
  });
  test('event source mappings carry lambda:FunctionArn', () => {
    assert.deepEqual(lambdaAccess('CreateEventSourceMapping', { FunctionName: 'f:live', EventSourceArn: 'arn:aws:sqs:us-east-1:1:q' }, ctx), [
      { action: 'lambda:CreateEventSourceMapping', resource: '*', conditions: { 'lambda:FunctionArn': `${fnArn}:live` } },
    ]);
    assert.deepEqual(lambdaAccess('DeleteEventSourceMapping', { UUID: 'abc' }, ctx), [
      { action: 'lambda:DeleteEventSourceMapping', resource: `arn:aws:lambda:us-east-1:${A}:event-source-mapping:abc` },
    ]);
  });
});

describe('iam resources and condition keys', () => {
  test('roles, users, groups with their paths (looked up, or from the create request)', () => {
    const lookup = { pathOf: (k: string, _a: string, n: string) => (k === 'role' && n === 'svc' ? '/service-role/' : undefined) };
    assert.equal(iamAccess('GetRole', { RoleName: 'svc' }, ctx, lookup)[0]!.resource, `arn:aws:iam::${A}:role/service-role/svc`);
    assert.equal(iamAccess('GetRole', { RoleName: 'other' }, ctx, lookup)[0]!.resource, `arn:aws:iam::${A}:role/other`);
    assert.equal(iamAccess('CreateRole', { RoleName: 'x', Path: '/a/b/' }, ctx)[0]!.resource, `arn:aws:iam::${A}:role/a/b/x`);
    assert.equal(iamAccess('CreatePolicy', { PolicyName: 'p', Path: '/team/' }, ctx)[0]!.resource, `arn:aws:iam::${A}:policy/team/p`);
    assert.equal(iamAccess('ListRoles', {}, ctx)[0]!.resource, '*');
  });
  test('"the calling user" when UserName is absent', () => {
    assert.deepEqual(iamAccess('GetUser', {}, ctx), [{ action: 'iam:GetUser', resource: caller.arn }]);
    assert.deepEqual(iamAccess('CreateAccessKey', {}, ctx), [{ action: 'iam:CreateAccessKey', resource: caller.arn }]);
    const owner = { accessKeyOwner: () => ({ accountId: A, userName: 'bob' }) };
    assert.equal(iamAccess('GetAccessKeyLastUsed', { AccessKeyId: 'AKIAB' }, ctx, owner)[0]!.resource, `arn:aws:iam::${A}:user/bob`);
  });
  test('condition keys: iam:PolicyARN, iam:PermissionsBoundary, tags, iam:AWSServiceName', () => {
    assert.deepEqual(iamAccess('AttachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, ctx)[0]!.conditions, { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    assert.deepEqual(iamAccess('CreateRole', { RoleName: 'r', PermissionsBoundary: `arn:aws:iam::${A}:policy/b`, Tags: [{ Key: 'team', Value: 'blue' }] }, ctx)[0]!.conditions, {
      'iam:PermissionsBoundary': `arn:aws:iam::${A}:policy/b`, 'aws:RequestTag/team': 'blue', 'aws:TagKeys': ['team'],
    });
    assert.deepEqual(iamAccess('UntagRole', { RoleName: 'r', TagKeys: ['a'] }, ctx)[0]!.conditions, { 'aws:TagKeys': ['a'] });
    assert.deepEqual(iamAccess('CreateServiceLinkedRole', { AWSServiceName: 'lambda.amazonaws.com' }, ctx)[0], {
      action: 'iam:CreateServiceLinkedRole', resource: `arn:aws:iam::${A}:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda`, conditions: { 'iam:AWSServiceName': 'lambda.amazonaws.com' },
    });
  });
  test('renames need the old and the new ARN', () => {
    assert.deepEqual(iamAccess('UpdateUser', { UserName: 'u', NewUserName: 'v', NewPath: '/x/' }, ctx).map((r) => r.resource), [`arn:aws:iam::${A}:user/u`, `arn:aws:iam::${A}:user/x/v`]);
    assert.deepEqual(iamAccess('UpdateUser', { UserName: 'u' }, ctx).map((r) => r.resource), [`arn:aws:iam::${A}:user/u`]);
  });
});

describe('sts', () => {
  test('AssumeRole asks sts:AssumeRole on the role with its condition keys; tags add sts:TagSession', () => {
    const role = `arn:aws:iam::222222222222:role/deploy`;
    const reqs = stsAccess('AssumeRole', { RoleArn: role, RoleSessionName: 'ci', ExternalId: 'x', Tags: [{ Key: 'k', Value: 'v' }] }, ctx);
    assert.deepEqual(reqs.map((r) => [r.action, r.resource]), [['sts:AssumeRole', role], ['sts:TagSession', role]]);
    assert.deepEqual(reqs[0]!.conditions, { 'sts:RoleSessionName': 'ci', 'sts:ExternalId': 'x', 'aws:RequestTag/k': 'v', 'aws:TagKeys': ['k'] });
  });
  test('GetCallerIdentity and GetSessionToken ask for nothing', () => {
    assert.deepEqual(stsAccess('GetCallerIdentity', {}, ctx), []);
    assert.deepEqual(stsAccess('GetSessionToken', {}, ctx), []);
  });
});
