// Function resource policies below the HTTP layer, over a real SQLite store: AddPermission's statement and GetPolicy's
// document as AWS writes them, AWS's errors, revision ids, policies of versions and aliases, their removal with the
// resource, and the authorizer's view (FunctionPolicies.policyFor / generation).
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { AwsError } from '../../src/protocol/errors.js';
import { AliasesApi } from '../../src/services/lambda/aliases.js';
import type { AddPermissionRequest, FunctionConfiguration } from '../../src/services/lambda/api-types.js';
import type { LambdaDeps } from '../../src/services/lambda/deps.js';
import { FunctionPolicies } from '../../src/services/lambda/function-policies.js';
import { FunctionsApi } from '../../src/services/lambda/functions.js';
import { PermissionsApi } from '../../src/services/lambda/permissions.js';
import type { VersionsApi } from '../../src/services/lambda/versions.js';
import type { RequestContext } from '../../src/services/types.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { FunctionKey, VersionRow } from '../../src/store/types.js';

const ACCT = '123456789012';
const ctx: RequestContext = {
  requestId: 'r', accountId: ACCT, region: 'us-east-1', accessKeyId: 'test', endpoint: 'http://x', sourceIp: '127.0.0.1',
  caller: { kind: 'root', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, userId: ACCT, accessKeyId: 'test' },
};
const key: FunctionKey = { accountId: ACCT, region: 'us-east-1', name: 'fn' };
const ARN = `arn:aws:lambda:us-east-1:${ACCT}:function:fn`;

function row(version: string, revisionId: string): VersionRow<FunctionConfiguration> {
  const config: FunctionConfiguration = {
    FunctionName: 'fn', FunctionArn: version === '$LATEST' ? ARN : `${ARN}:${version}`, Runtime: 'nodejs20.x',
    Handler: 'index.handler', Version: version, RevisionId: revisionId, State: 'Active', LastUpdateStatus: 'Successful',
  };
  return { ...key, version, config, codeSha256: 'ab'.repeat(32), revisionId };
}

interface Setup {
  store: SqliteStore;
  policies: FunctionPolicies;
  api: PermissionsApi;
  functions: FunctionsApi;
  aliases: AliasesApi;
  aliasRevision: string;
}

/** A function with $LATEST, version 1 and alias "live" → 1. */
async function setup(file = ':memory:'): Promise<Setup> {
  const store = new SqliteStore(file);
  await store.functions.create({ ...key, createdAt: 'now', tags: {} }, row('$LATEST', 'latest-rev'), row('1', 'v1-rev'));
  const aliasRevision = 'alias-rev';
  assert.equal(
    await store.functions.createAlias({ ...key, alias: 'live', functionVersion: '1', config: { Name: 'live' }, revisionId: aliasRevision }),
    'ok',
  );
  const policies = new FunctionPolicies(store.policies);
  const deps = {
    store,
    policies,
    concurrency: { reserved: () => undefined },
    onFunctionDeleted: () => undefined,
    onVersionDeleted: () => undefined,
    onAliasChanged: async () => undefined,
  } as unknown as LambdaDeps;
  return {
    store,
    policies,
    api: new PermissionsApi(deps),
    functions: new FunctionsApi(deps, {} as VersionsApi),
    aliases: new AliasesApi(deps),
    aliasRevision,
  };
}

function permission(extra: Partial<AddPermissionRequest> = {}): AddPermissionRequest {
  return { FunctionName: 'fn', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', ...extra };
}

async function rejectsWith(p: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(p, (e: AwsError) => {
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

describe('AddPermission / GetPolicy', () => {
  test('the statement and the policy document are AWS\'s, key order included', async () => {
    const { api } = await setup();
    const out = await api.add(permission({ SourceArn: 'arn:aws:s3:::test-bucket' }), ctx);
    const statement =
      `{"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",` +
      `"Resource":"${ARN}","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::test-bucket"}}}`;
    assert.equal(out.Statement, statement);
    const policy = await api.get({ FunctionName: 'fn' }, ctx);
    assert.equal(policy.Policy, `{"Version":"2012-10-17","Id":"default","Statement":[${statement}]}`);
    assert.match(policy.RevisionId ?? '', /^[0-9a-f-]{36}$/);
  });

  test('principals: service, account id (its root), IAM ARN, "*"; anything else is refused', async () => {
    const { api } = await setup();
    const principal = async (p: string, sid: string): Promise<unknown> => {
      const out = await api.add(permission({ StatementId: sid, Principal: p }), ctx);
      return (JSON.parse(out.Statement ?? '') as { Principal: unknown }).Principal;
    };
    assert.deepEqual(await principal('sqs.amazonaws.com', 'a'), { Service: 'sqs.amazonaws.com' });
    assert.deepEqual(await principal('210987654321', 'b'), { AWS: 'arn:aws:iam::210987654321:root' });
    assert.deepEqual(await principal(`arn:aws:iam::${ACCT}:user/alice`, 'c'), { AWS: `arn:aws:iam::${ACCT}:user/alice` });
    assert.equal(await principal('*', 'd'), '*');
    await rejectsWith(
      api.add(permission({ StatementId: 'e', Principal: 'invalid.nonaws.com' }), ctx),
      'InvalidParameterValueException',
      'The provided principal was invalid. Please check the principal and try again.',
    );
  });

  test('optional fields become conditions (StringEquals, then ArnLike, then Bool)', async () => {
    const { api } = await setup();
    const out = await api.add(permission({
      StatementId: 'urlPermission', Action: 'lambda:InvokeFunctionUrl', Principal: '*', SourceArn: 'arn:aws:s3:::b',
      SourceAccount: ACCT, PrincipalOrgID: 'o-1234567890', FunctionUrlAuthType: 'NONE',
    }), ctx);
    assert.equal(
      JSON.stringify((JSON.parse(out.Statement ?? '') as { Condition: unknown }).Condition),
      `{"StringEquals":{"AWS:SourceAccount":"${ACCT}","lambda:FunctionUrlAuthType":"NONE","aws:PrincipalOrgID":"o-1234567890"},` +
        '"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"}}',
    );
    const alexa = await api.add(permission({ StatementId: 'alexa', Principal: '*', EventSourceToken: 'amzn1.ask.skill.x' }), ctx);
    assert.deepEqual((JSON.parse(alexa.Statement ?? '') as { Condition: unknown }).Condition, {
      StringEquals: { 'lambda:EventSourceToken': 'amzn1.ask.skill.x' },
    });
  });

  test('AWS\'s errors: duplicate statement id, $LATEST, missing version or alias or function, no policy', async () => {
    const { api } = await setup();
    await api.add(permission(), ctx);
    await rejectsWith(
      api.add(permission(), ctx),
      'ResourceConflictException',
      'The statement id (s3) provided already exists. Please provide a new statement id, or remove the existing statement.',
    );
    await rejectsWith(
      api.add(permission({ FunctionName: 'fn:$LATEST', Qualifier: '$LATEST' }), ctx),
      'InvalidParameterValueException',
      'We currently do not support adding policies for $LATEST.',
    );
    await rejectsWith(api.add(permission({ Qualifier: '42' }), ctx), 'ResourceNotFoundException', `Function not found: ${ARN}:42`);
    await rejectsWith(
      api.add(permission({ FunctionName: 'fn:alias-doesnotexist' }), ctx),
      'ResourceNotFoundException',
      `Cannot find alias arn: ${ARN}:alias-doesnotexist`,
    );
    await rejectsWith(
      api.add(permission({ FunctionName: 'doesnotexist' }), ctx),
      'ResourceNotFoundException',
      `Function not found: arn:aws:lambda:us-east-1:${ACCT}:function:doesnotexist`,
    );
    await rejectsWith(api.get({ FunctionName: 'doesnotexist' }, ctx), 'ResourceNotFoundException', 'The resource you requested does not exist.');
    await rejectsWith(api.get({ FunctionName: 'fn', Qualifier: '77' }, ctx), 'ResourceNotFoundException', 'The resource you requested does not exist.');
    await rejectsWith(
      api.add(permission({ FunctionName: 'fn:a', Qualifier: 'b' }), ctx),
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  });

  test('the policy may not grow beyond 20 KB (PolicyLengthExceededException)', async () => {
    const { api } = await setup();
    let i = 0;
    await assert.rejects(
      (async () => {
        for (; i < 200; i++) await api.add(permission({ StatementId: `statement-${i}`, SourceArn: `arn:aws:s3:::bucket-${'x'.repeat(40)}-${i}` }), ctx);
      })(),
      (e: AwsError) => {
        assert.equal(e.code, 'PolicyLengthExceededException');
        assert.match(e.message, /^The final policy size \(\d+\) is bigger than the limit \(20480\)\.$/);
        return true;
      },
    );
    // What was stored is the last policy under the limit: every statement added before the refusal.
    const stored = JSON.parse((await api.get({ FunctionName: 'fn' }, ctx)).Policy ?? '') as { Statement: unknown[] };
    assert.equal(stored.Statement.length, i);
    assert.ok(i > 50, `only ${i} statements fit`);
  });
});

describe('RemovePermission', () => {
  test('removes one statement; the last one takes the policy with it', async () => {
    const { api } = await setup();
    await api.add(permission(), ctx);
    await api.add(permission({ StatementId: 'sqs', Principal: 'sqs.amazonaws.com' }), ctx);
    await rejectsWith(
      api.remove({ FunctionName: 'fn', StatementId: 'non-existent' }, ctx),
      'ResourceNotFoundException',
      'Statement non-existent is not found in resource policy.',
    );
    assert.equal((await api.remove({ FunctionName: 'fn', StatementId: 'sqs' }, ctx)).StatusCode, 204);
    const left = JSON.parse((await api.get({ FunctionName: 'fn' }, ctx)).Policy ?? '') as { Statement: { Sid: string }[] };
    assert.deepEqual(left.Statement.map((s) => s.Sid), ['s3']);
    await api.remove({ FunctionName: 'fn', StatementId: 's3' }, ctx);
    await rejectsWith(api.get({ FunctionName: 'fn' }, ctx), 'ResourceNotFoundException', 'The resource you requested does not exist.');
    await rejectsWith(
      api.remove({ FunctionName: 'fn', StatementId: 's3' }, ctx),
      'ResourceNotFoundException',
      'No policy is associated with the given resource.',
    );
  });

  test('missing function or alias: AWS\'s messages', async () => {
    const { api } = await setup();
    await rejectsWith(
      api.remove({ FunctionName: 'doesnotexist', StatementId: 's3' }, ctx),
      'ResourceNotFoundException',
      `No policy found for: arn:aws:lambda:us-east-1:${ACCT}:function:doesnotexist`,
    );
    await rejectsWith(
      api.remove({ FunctionName: 'fn', StatementId: 's3', Qualifier: 'alias-doesnotexist' }, ctx),
      'ResourceNotFoundException',
      `Cannot find alias arn: ${ARN}:alias-doesnotexist`,
    );
  });
});

describe('revision ids', () => {
  const STALE =
    'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id';

  test('a policy\'s revision is its function\'s: every change renews both; a stale RevisionId is refused', async () => {
    const { store, api } = await setup();
    // Before any policy, the function's own revision is the one to give.
    await rejectsWith(api.add(permission({ RevisionId: 'wrong' }), ctx), 'PreconditionFailedException', STALE);
    await api.add(permission({ RevisionId: 'latest-rev' }), ctx);
    const first = (await api.get({ FunctionName: 'fn' }, ctx)).RevisionId ?? '';
    assert.notEqual(first, 'latest-rev');
    const latest = await store.functions.getVersion<FunctionConfiguration>(key, '$LATEST');
    assert.equal(latest?.revisionId, first);
    assert.equal(latest?.config.RevisionId, first, 'GetFunction shows the same revision');
    assert.equal(latest?.config.State, 'Active', 'nothing else of the configuration changed');

    await api.add(permission({ StatementId: 'two', RevisionId: first }), ctx);
    const second = (await api.get({ FunctionName: 'fn' }, ctx)).RevisionId ?? '';
    assert.notEqual(second, first);
    await rejectsWith(api.add(permission({ StatementId: 'three', RevisionId: first }), ctx), 'PreconditionFailedException', STALE);
    await rejectsWith(api.remove({ FunctionName: 'fn', StatementId: 'two', RevisionId: first }, ctx), 'PreconditionFailedException', STALE);
    await api.remove({ FunctionName: 'fn', StatementId: 'two', RevisionId: second }, ctx);
    const third = (await store.functions.getVersion(key, '$LATEST'))?.revisionId;
    assert.notEqual(third, second, 'removing a statement renews the function\'s revision too');
    // Versions are untouched by the function's policy.
    assert.equal((await store.functions.getVersion(key, '1'))?.revisionId, 'v1-rev');
  });

  test('an alias\'s policy: the alias\'s RevisionId is the one to give, and it is renewed', async () => {
    const { store, api, aliasRevision } = await setup();
    await rejectsWith(api.add(permission({ Qualifier: 'live', RevisionId: 'wrong' }), ctx), 'PreconditionFailedException', STALE);
    await api.add(permission({ FunctionName: 'fn:live', Qualifier: 'live', RevisionId: aliasRevision }), ctx);
    const got = await api.get({ FunctionName: 'fn', Qualifier: 'live' }, ctx);
    const policy = JSON.parse(got.Policy ?? '') as { Statement: { Resource: string }[] };
    assert.equal(policy.Statement[0]?.Resource, `${ARN}:live`);
    const alias = await store.functions.getAlias<{ RevisionId?: string }>(key, 'live');
    assert.equal(alias?.revisionId, got.RevisionId);
    assert.equal(alias?.config.RevisionId, got.RevisionId);
    assert.equal(alias?.functionVersion, '1');
  });
});

describe('policies of versions and aliases', () => {
  test('each version and alias has its own policy, separate from the function\'s', async () => {
    const { api } = await setup();
    await api.add(permission(), ctx);
    await rejectsWith(api.get({ FunctionName: 'fn', Qualifier: '1' }, ctx), 'ResourceNotFoundException', 'The resource you requested does not exist.');
    // The same statement id is free on the version.
    await api.add(permission({ FunctionName: `${ARN}:1` }), ctx);
    const v1 = JSON.parse((await api.get({ FunctionName: 'fn:1' }, ctx)).Policy ?? '') as { Statement: { Resource: string }[] };
    assert.equal(v1.Statement[0]?.Resource, `${ARN}:1`);
    const fn = JSON.parse((await api.get({ FunctionName: 'fn' }, ctx)).Policy ?? '') as { Statement: { Resource: string }[] };
    assert.equal(fn.Statement[0]?.Resource, ARN);
  });

  test('deleting an alias, a version or the function deletes its policy; the authorizer sees it at once', async () => {
    const { store, api, functions, aliases, policies } = await setup();
    await api.add(permission(), ctx);
    await api.add(permission({ Qualifier: '1' }), ctx);
    await api.add(permission({ Qualifier: 'live' }), ctx);
    assert.match((await policies.policyFor(`${ARN}:live`)) ?? '', /"Resource":"arn:aws:lambda:us-east-1:123456789012:function:fn:live"/);
    const gen = policies.generation();

    await aliases.delete({ FunctionName: 'fn', Name: 'live' }, ctx);
    assert.ok(policies.generation() > gen);
    assert.equal(await policies.policyFor(`${ARN}:live`), undefined);
    // A new alias of the same name starts without the old one's grants.
    assert.equal(await store.functions.createAlias({ ...key, alias: 'live', functionVersion: '1', config: {}, revisionId: 'r2' }), 'ok');
    await rejectsWith(api.get({ FunctionName: 'fn', Qualifier: 'live' }, ctx), 'ResourceNotFoundException', 'The resource you requested does not exist.');
    await store.functions.deleteAlias(key, 'live');

    await functions.delete({ FunctionName: 'fn', Qualifier: '1' }, ctx);
    assert.equal(await policies.policyFor(`${ARN}:1`), undefined);
    assert.ok(await policies.policyFor(ARN));

    await functions.delete({ FunctionName: 'fn' }, ctx);
    assert.equal(await policies.policyFor(ARN), undefined);
    await store.functions.create({ ...key, createdAt: 'now', tags: {} }, row('$LATEST', 'again'));
    await rejectsWith(api.get({ FunctionName: 'fn' }, ctx), 'ResourceNotFoundException', 'The resource you requested does not exist.');
  });

  test('policyFor: unqualified and :$LATEST name the function\'s policy; a write is seen at once', async () => {
    const { api, policies } = await setup();
    assert.equal(await policies.policyFor(ARN), undefined);
    const before = policies.generation();
    await api.add(permission(), ctx);
    assert.ok(policies.generation() > before);
    const text = (await api.get({ FunctionName: 'fn' }, ctx)).Policy;
    assert.equal(await policies.policyFor(ARN), text);
    assert.equal(await policies.policyFor(`${ARN}:$LATEST`), text);
    assert.equal(await policies.policyFor('arn:aws:lambda:us-east-1:123456789012:function:other'), undefined);
  });

  test('policies survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambent-policy-'));
    try {
      const file = join(dir, 'db.sqlite');
      const first = await setup(file);
      await first.api.add(permission(), ctx);
      const written = await first.api.get({ FunctionName: 'fn' }, ctx);
      await first.store.close();
      const reopened = new SqliteStore(file);
      const policies = new FunctionPolicies(reopened.policies);
      assert.equal(await policies.policyFor(ARN), written.Policy);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
