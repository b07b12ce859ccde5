// A service (S3, EventBridge…) invoking a function: PolicyAuthorizer.authorizePrincipal against function policies
// written by AddPermission into a real SQLite store and read back through FunctionPolicies. Only a statement naming
// that service lets it in, and only when the request's aws:SourceArn / aws:SourceAccount satisfy the statement's
// conditions; a removal is seen at once.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { PolicyAuthorizer } from '../../src/services/iam/authorizer.js';
import type { AccessRequest, CallerIdentity, Denial, IamDirectory, RequestFacts } from '../../src/services/identity.js';
import type { AddPermissionRequest, FunctionConfiguration } from '../../src/services/lambda/api-types.js';
import type { LambdaDeps } from '../../src/services/lambda/deps.js';
import { FunctionPolicies } from '../../src/services/lambda/function-policies.js';
import { PermissionsApi } from '../../src/services/lambda/permissions.js';
import type { RequestContext } from '../../src/services/types.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { FunctionKey, VersionRow } from '../../src/store/types.js';

const ACCT = '111111111111';
const OTHER = '222222222222';
const REGION = 'us-east-1';
const ARN = `arn:aws:lambda:${REGION}:${ACCT}:function:fn`;
const BUCKET = 'arn:aws:s3:::uploads';
const S3 = { kind: 'service', service: 's3.amazonaws.com' } as const;
const EVENTS = { kind: 'service', service: 'events.amazonaws.com' } as const;

const ctx: RequestContext = {
  requestId: 'r', accountId: ACCT, region: REGION, accessKeyId: 'test', endpoint: 'http://x', sourceIp: '127.0.0.1',
  caller: { kind: 'root', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, userId: ACCT, accessKeyId: 'test' },
};
const key: FunctionKey = { accountId: ACCT, region: REGION, name: 'fn' };

function row(version: string): VersionRow<FunctionConfiguration> {
  const config: FunctionConfiguration = {
    FunctionName: 'fn', FunctionArn: version === '$LATEST' ? ARN : `${ARN}:${version}`, Runtime: 'nodejs20.x',
    Handler: 'index.handler', Version: version, RevisionId: `rev-${version}`, State: 'Active', LastUpdateStatus: 'Successful',
  };
  return { ...key, version, config, codeSha256: 'ab'.repeat(32), revisionId: `rev-${version}` };
}

/** Service principals have no identity side: the directory must never be asked. */
const noIam: IamDirectory = {
  getRole: () => Promise.reject(new Error('not asked')),
  accessKey: () => undefined,
  identityPolicies: (_c: CallerIdentity) => Promise.reject(new Error('a service principal has no identity policies')),
  generation: () => 1,
};

/** fn with $LATEST, version 1 and alias "prod" → 1, its policies, and an authorizer reading them. */
async function setup(): Promise<{ api: PermissionsApi; authz: PolicyAuthorizer }> {
  const store = new SqliteStore(':memory:');
  await store.functions.create({ ...key, createdAt: 'now', tags: {} }, row('$LATEST'), row('1'));
  assert.equal(await store.functions.createAlias({ ...key, alias: 'prod', functionVersion: '1', config: { Name: 'prod' }, revisionId: 'rev-prod' }), 'ok');
  const policies = new FunctionPolicies(store.policies);
  const deps = { store, policies } as unknown as LambdaDeps;
  const authz = new PolicyAuthorizer({ iam: noIam, resourcePolicies: { lambda: policies }, mode: 'enforce' });
  return { api: new PermissionsApi(deps), authz };
}

function grant(extra: Partial<AddPermissionRequest> = {}): AddPermissionRequest {
  return {
    FunctionName: 'fn', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com',
    SourceArn: BUCKET, SourceAccount: ACCT, ...extra,
  };
}

function facts(source?: { arn?: string; account?: string }): RequestFacts {
  const f: RequestFacts = { region: REGION, sourceIp: '127.0.0.1', now: Date.parse('2026-12-07T12:00:00Z'), secureTransport: true };
  if (source?.arn !== undefined) f.sourceArn = source.arn;
  if (source?.account !== undefined) f.sourceAccount = source.account;
  return f;
}

const invoke = (resource = ARN): AccessRequest[] => [{ action: 'lambda:InvokeFunction', resource }];

async function decide(
  authz: PolicyAuthorizer,
  principal: typeof S3 | typeof EVENTS,
  requests: AccessRequest[],
  f: RequestFacts,
): Promise<Denial | undefined> {
  return authz.authorizePrincipal(principal, requests, f);
}

function assertDenied(d: Denial | undefined, who: string, resource = ARN, action = 'lambda:InvokeFunction'): void {
  assert.ok(d, `${who} should be denied ${action} on ${resource}`);
  assert.equal(d.policyType, 'resource-based');
  assert.equal(d.explicit, false);
  assert.equal(d.message, `User: ${who} is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows the ${action} action`);
}

describe('a service principal invoking through a function policy', () => {
  test('allowed when aws:SourceArn and aws:SourceAccount are the statement\'s; denied for another source, account or service', async () => {
    const { api, authz } = await setup();
    await api.add(grant(), ctx);
    const own = facts({ arn: BUCKET, account: ACCT });
    assert.equal(await decide(authz, S3, invoke(), own), undefined);
    // Once loaded the decision is synchronous (the warm path costs no promise).
    assert.equal(authz.authorizePrincipal(S3, invoke(), own), undefined);

    assertDenied(await decide(authz, S3, invoke(), facts({ arn: 'arn:aws:s3:::someone-elses', account: ACCT })), 's3.amazonaws.com');
    assertDenied(await decide(authz, S3, invoke(), facts({ arn: BUCKET, account: OTHER })), 's3.amazonaws.com');
    // Conditions on keys the request does not carry fail closed.
    assertDenied(await decide(authz, S3, invoke(), facts({ arn: BUCKET })), 's3.amazonaws.com');
    assertDenied(await decide(authz, S3, invoke(), facts()), 's3.amazonaws.com');
    // The statement names S3; EventBridge with the very same facts is not S3.
    assertDenied(await decide(authz, EVENTS, invoke(), own), 'events.amazonaws.com');
    // It allows lambda:InvokeFunction only.
    assertDenied(await decide(authz, S3, [{ action: 'lambda:GetFunction', resource: ARN }], own), 's3.amazonaws.com', ARN, 'lambda:GetFunction');
  });

  test('denied without a statement for it: no policy, a policy naming an account, after RemovePermission', async () => {
    const { api, authz } = await setup();
    const own = facts({ arn: BUCKET, account: ACCT });
    assertDenied(await decide(authz, S3, invoke(), own), 's3.amazonaws.com');

    await api.add(grant({ StatementId: 'account', Principal: OTHER, SourceArn: undefined, SourceAccount: undefined }), ctx);
    assertDenied(await decide(authz, S3, invoke(), own), 's3.amazonaws.com');

    await api.add(grant(), ctx);
    assert.equal(await decide(authz, S3, invoke(), own), undefined);
    await api.remove({ FunctionName: 'fn', StatementId: 's3' }, ctx);
    // The authorizer's cached policy is stale after the write: the next decision reads the new one.
    assertDenied(await decide(authz, S3, invoke(), own), 's3.amazonaws.com');
  });

  test('SourceArn is matched as ArnLike: a wildcard statement covers every rule it spells, nothing else', async () => {
    const { api, authz } = await setup();
    const rules = `arn:aws:events:${REGION}:${ACCT}:rule/nightly-*`;
    await api.add(grant({ StatementId: 'events', Principal: 'events.amazonaws.com', SourceArn: rules, SourceAccount: undefined }), ctx);
    assert.equal(await decide(authz, EVENTS, invoke(), facts({ arn: `arn:aws:events:${REGION}:${ACCT}:rule/nightly-report` })), undefined);
    assertDenied(await decide(authz, EVENTS, invoke(), facts({ arn: `arn:aws:events:${REGION}:${ACCT}:rule/hourly` })), 'events.amazonaws.com');
    assertDenied(await decide(authz, EVENTS, invoke(), facts({ arn: `arn:aws:events:${REGION}:${OTHER}:rule/nightly-report` })), 'events.amazonaws.com');
  });

  test('a statement on an alias covers invocations through that alias only', async () => {
    const { api, authz } = await setup();
    await api.add(grant({ Qualifier: 'prod' }), ctx);
    const own = facts({ arn: BUCKET, account: ACCT });
    assert.equal(await decide(authz, S3, invoke(`${ARN}:prod`), own), undefined);
    assertDenied(await decide(authz, S3, invoke(), own), 's3.amazonaws.com');
    assertDenied(await decide(authz, S3, invoke(`${ARN}:1`), own), 's3.amazonaws.com', `${ARN}:1`);
  });
});
