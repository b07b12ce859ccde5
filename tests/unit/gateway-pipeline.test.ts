// The gateway's one pipeline over every protocol, driven by real clients:
// SDK v3 IAM and STS clients (query protocol) against fake IAM/STS services,
// signed json-protocol requests, and signing names Lambent does not host.
// Checks who the caller is (IdentityProvider), authorization (enforce and
// audit, sync and async authorizers) and the errors each SDK parses.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@smithy/core/checksum';
import { CreateRoleCommand, GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsError, CommonErrors } from '../../src/protocol/errors.js';
import { loadModel } from '../../src/protocol/model.js';
import { QueryCodec } from '../../src/protocol/query/codec.js';
import { JsonCodec } from '../../src/protocol/json/codec.js';
import type { Credential } from '../../src/protocol/sigv4.js';
import type { AccessRequest, Authorizer, CallerIdentity, Denial, IdentityProvider, RequestFacts } from '../../src/services/identity.js';
import type { RequestContext, ServiceDefinition } from '../../src/services/types.js';
import { serveGateway, type ServedGateway } from '../helpers/gateway.js';

const ACCOUNT = '111122223333';
const keys: Record<string, Credential> = {
  AKIDROOT: { accessKeyId: 'AKIDROOT', secretAccessKey: 'root-secret', accountId: ACCOUNT },
  ASIATEMP: { accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret', accountId: ACCOUNT },
};

const roleSession: CallerIdentity = {
  kind: 'assumed-role',
  accountId: ACCOUNT,
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/worker/s1`,
  userId: 'AROAEXAMPLE:s1',
  accessKeyId: 'ASIATEMP',
  roleArn: `arn:aws:iam::${ACCOUNT}:role/worker`,
};

/** Root keys are the root; ASIATEMP needs its token, "expired" has run out. */
const identities: IdentityProvider = {
  lookup: (id) => keys[id],
  identify(credential: Credential, token: string | undefined): CallerIdentity {
    if (credential.accessKeyId === 'ASIATEMP') {
      if (token === 'expired') throw CommonErrors.expiredToken();
      if (token !== 'tok') throw CommonErrors.unrecognizedClient();
      return roleSession;
    }
    return { kind: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, accessKeyId: credential.accessKeyId };
  },
};

/** Denies any resource naming "secret"; sync or async, enforce or audit, as a test sets it. */
const authz = {
  mode: 'enforce' as 'enforce' | 'audit',
  async: false,
  seen: [] as { caller: CallerIdentity; requests: readonly AccessRequest[]; facts: RequestFacts }[],
};
const authorizer: Authorizer = {
  get mode() {
    return authz.mode;
  },
  authorize(caller, requests, facts) {
    authz.seen.push({ caller, requests, facts });
    const bad = requests.find((r) => r.resource.includes('secret'));
    const denial: Denial | undefined = bad && {
      action: bad.action,
      resource: bad.resource,
      policyType: 'identity-based',
      explicit: false,
      message: `User: ${caller.arn} is not authorized to perform: ${bad.action} on resource: ${bad.resource} because no identity-based policy allows the ${bad.action} action`,
    };
    return authz.async ? Promise.resolve(denial) : denial;
  },
};
const denials: Denial[] = [];

const handled: { op: string; input: Record<string, unknown>; ctx: RequestContext }[] = [];
const limit = { bytes: 64 * 1024, error: () => new AwsError('LimitExceeded', 'Request too large', { status: 400 }) };

const iam: ServiceDefinition = {
  signingName: 'iam',
  displayName: 'IAM',
  codec: new QueryCodec(loadModel('iam')),
  handlers: {
    async GetRole(input, ctx) {
      handled.push({ op: 'GetRole', input, ctx });
      if (input['RoleName'] === 'missing') throw new AwsError('NoSuchEntityException', 'The role with name missing cannot be found.');
      return {
        Role: {
          Path: '/',
          RoleName: input['RoleName'],
          RoleId: 'AROAEXAMPLE',
          Arn: `arn:aws:iam::${ctx.accountId}:role/${String(input['RoleName'])}`,
          CreateDate: new Date('2026-12-07T10:00:00Z'),
          AssumeRolePolicyDocument: '%7B%7D',
          Tags: [{ Key: 'team', Value: 'a&b' }],
        },
      };
    },
    async CreateRole(input, ctx) {
      handled.push({ op: 'CreateRole', input, ctx });
      return {
        Role: { Path: '/', RoleName: input['RoleName'], RoleId: 'AROANEW', Arn: 'arn:aws:iam::1:role/x', CreateDate: new Date(0) },
      };
    },
  },
  bodyLimit: () => limit,
  ownsPath: () => false,
  access: (op, input, ctx) => [{ action: `iam:${op}`, resource: `arn:aws:iam::${ctx.accountId}:role/${String(input['RoleName'] ?? '*')}` }],
  accessDenied: (message) => new AwsError('AccessDenied', message, { status: 403 }),
};

const sts: ServiceDefinition = {
  signingName: 'sts',
  displayName: 'STS',
  codec: new QueryCodec(loadModel('sts')),
  handlers: {
    async GetCallerIdentity(_input, ctx) {
      return { UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
    },
  },
  bodyLimit: () => limit,
  ownsPath: () => false,
  access: () => [],
  accessDenied: (message) => new AwsError('AccessDenied', message, { status: 403 }),
};

const sqs: ServiceDefinition = {
  signingName: 'sqs',
  displayName: 'SQS',
  codec: new JsonCodec(loadModel('sqs'), { queryModel: loadModel('sqs-query') }),
  handlers: {
    async GetQueueUrl(input) {
      if (input['QueueName'] === 'nope') throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
      return { QueueUrl: `http://h/${ACCOUNT}/${String(input['QueueName'])}` };
    },
  },
  bodyLimit: () => limit,
  ownsPath: () => false,
  accessDenied: (message) => new AwsError('AccessDenied', message, { status: 403 }),
};

let served: ServedGateway;
let endpoint = '';

before(async () => {
  served = await serveGateway({
    services: [iam, sts, sqs],
    identities,
    authorizer,
    onDenial: (d) => denials.push(d),
    clock: () => Date.UTC(2026, 11, 7, 12),
    logger: { warn: () => {}, error: () => {} },
  });
  endpoint = served.endpoint;
});

after(async () => served.close());

function iamClient(accessKeyId = 'AKIDROOT', sessionToken?: string): IAMClient {
  const secretAccessKey = keys[accessKeyId]?.secretAccessKey ?? 'x';
  return new IAMClient({
    endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken },
  });
}

function reset(): void {
  handled.length = 0;
  denials.length = 0;
  authz.seen.length = 0;
  authz.mode = 'enforce';
  authz.async = false;
}

async function rejection(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; Code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  assert.fail('expected the call to fail');
}

describe('query protocol through SDK v3', () => {
  test('IAM GetRole: decoded input, caller in ctx, XML output parsed by the SDK', async () => {
    reset();
    const client = iamClient();
    try {
      const out = await client.send(new GetRoleCommand({ RoleName: 'worker' }));
      assert.equal(out.Role?.RoleName, 'worker');
      assert.equal(out.Role?.Arn, `arn:aws:iam::${ACCOUNT}:role/worker`);
      assert.equal(out.Role?.CreateDate?.toISOString(), '2026-12-07T10:00:00.000Z');
      assert.deepEqual(out.Role?.Tags, [{ Key: 'team', Value: 'a&b' }]);
      assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
      const call = handled[0];
      assert.deepEqual(call?.input, { RoleName: 'worker' });
      assert.equal(call?.ctx.caller.arn, `arn:aws:iam::${ACCOUNT}:root`);
      assert.equal(call?.ctx.requestId, out.$metadata.requestId);
      // The authorizer saw the request with its facts.
      assert.equal(authz.seen[0]?.requests[0]?.action, 'iam:GetRole');
      assert.equal(authz.seen[0]?.facts.now, Date.UTC(2026, 11, 7, 12));
      assert.equal(authz.seen[0]?.facts.secureTransport, false);
      assert.equal(authz.seen[0]?.facts.sourceIp, '127.0.0.1');
      assert.match(authz.seen[0]?.facts.userAgent ?? '', /aws-sdk-js/);
    } finally {
      client.destroy();
    }
  });

  test('lists of structures in the request (CreateRole Tags.member.N)', async () => {
    reset();
    const client = iamClient();
    try {
      await client.send(
        new CreateRoleCommand({
          RoleName: 'r',
          AssumeRolePolicyDocument: '{"Version":"2012-10-17"}',
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'b', Value: 'x y' },
          ],
        }),
      );
      assert.deepEqual(handled[0]?.input['Tags'], [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: 'x y' },
      ]);
    } finally {
      client.destroy();
    }
  });

  test("a service's error: the SDK sees its code, status and message", async () => {
    reset();
    const client = iamClient();
    try {
      const e = await rejection(client.send(new GetRoleCommand({ RoleName: 'missing' })));
      assert.equal(e.name, 'NoSuchEntityException');
      assert.equal(e.message, 'The role with name missing cannot be found.');
      assert.equal(e.$metadata?.httpStatusCode, 404);
    } finally {
      client.destroy();
    }
  });

  test('validation: ValidationError 400 with AWS wording', async () => {
    reset();
    const client = iamClient();
    try {
      const e = await rejection(client.send(new GetRoleCommand({ RoleName: 'x'.repeat(65) })));
      assert.equal(e.name, 'ValidationError');
      assert.equal(e.$metadata?.httpStatusCode, 400);
      assert.match(e.message, /^1 validation error detected: Value '.*' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64$/);
      assert.equal(handled.length, 0);
    } finally {
      client.destroy();
    }
  });

  test('an operation without a handler is NotImplemented, after authentication', async () => {
    reset();
    const client = iamClient();
    try {
      const e = await rejection(client.send(new ListRolesCommand({})));
      assert.equal(e.$metadata?.httpStatusCode, 501);
      assert.match(e.message, /IAM operation ListRoles is not implemented by Lambent yet/);
      const bad = iamClient('AKIDNOBODY');
      try {
        const u = await rejection(bad.send(new ListRolesCommand({})));
        assert.equal(u.name, 'InvalidClientTokenId');
        assert.equal(u.$metadata?.httpStatusCode, 403);
      } finally {
        bad.destroy();
      }
    } finally {
      client.destroy();
    }
  });
});

describe('who is calling', () => {
  test('temporary credentials: the session token makes the caller; STS GetCallerIdentity reports it', async () => {
    reset();
    const client = new STSClient({
      endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret', sessionToken: 'tok' },
    });
    try {
      const out = await client.send(new GetCallerIdentityCommand({}));
      assert.equal(out.Arn, roleSession.arn);
      assert.equal(out.UserId, 'AROAEXAMPLE:s1');
      assert.equal(out.Account, ACCOUNT);
      // access() answered [] (nothing to authorize): the authorizer was not asked.
      assert.equal(authz.seen.length, 0);
    } finally {
      client.destroy();
    }
  });

  test('a missing token is InvalidClientTokenId (403); an expired one ExpiredToken', async () => {
    reset();
    for (const [token, code] of [
      [undefined, 'InvalidClientTokenId'],
      ['expired', 'ExpiredToken'],
    ] as const) {
      const client = new STSClient({
        endpoint,
        region: 'us-east-1',
        maxAttempts: 1,
        credentials: token === undefined ? { accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret' } : { accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret', sessionToken: token },
      });
      try {
        const e = await rejection(client.send(new GetCallerIdentityCommand({})));
        assert.equal(e.name, code);
        assert.equal(e.$metadata?.httpStatusCode, 403);
      } finally {
        client.destroy();
      }
    }
  });

  test('a presigned GET carries its token in X-Amz-Security-Token', async () => {
    reset();
    const signer = new SignatureV4({
      service: 'sts',
      region: 'us-east-1',
      sha256: Sha256,
      credentials: { accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret', sessionToken: 'tok' },
    });
    const url = new URL(endpoint);
    const signed = await signer.presign({
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: url.host },
    });
    const qs = new URLSearchParams(signed.query as Record<string, string>).toString();
    const res = await fetch(`${endpoint}/?${qs}`);
    const body = await res.text();
    assert.equal(res.status, 200, body);
    assert.match(body, new RegExp(`<Arn>${roleSession.arn}</Arn>`));
  });
});

describe('authorization', () => {
  for (const async of [false, true]) {
    test(`enforce mode (${async ? 'async' : 'sync'} authorizer): the service's AccessDenied with AWS's sentence; the handler never runs`, async () => {
      reset();
      authz.async = async;
      const client = iamClient();
      try {
        const e = await rejection(client.send(new GetRoleCommand({ RoleName: 'secret' })));
        assert.equal(e.name, 'AccessDenied');
        assert.equal(e.$metadata?.httpStatusCode, 403);
        assert.equal(
          e.message,
          `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${ACCOUNT}:role/secret because no identity-based policy allows the iam:GetRole action`,
        );
        assert.equal(handled.length, 0);
        assert.equal(denials.length, 1);
      } finally {
        client.destroy();
      }
    });
  }

  test('audit mode: the denial is reported and the request proceeds', async () => {
    reset();
    authz.mode = 'audit';
    const client = iamClient();
    try {
      const out = await client.send(new GetRoleCommand({ RoleName: 'secret' }));
      assert.equal(out.Role?.RoleName, 'secret');
      assert.equal(denials.length, 1);
      assert.equal(denials[0]?.action, 'iam:GetRole');
    } finally {
      client.destroy();
    }
  });
});

/** A request signed with SDK v3's signer, sent with fetch. */
async function signedFetch(service: string, headers: Record<string, string>, body: string): Promise<Response> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ service, region: 'us-east-1', sha256: Sha256, credentials: { accessKeyId: 'AKIDROOT', secretAccessKey: 'root-secret' } });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: { host: url.host, ...headers },
    body,
  });
  return fetch(`${endpoint}/`, { method: 'POST', headers: signed.headers as Record<string, string>, body });
}

describe('json protocol (SQS, query-compatible)', () => {
  test('X-Amz-Target routes; the output is JSON 1.0', async () => {
    const res = await signedFetch('sqs', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueUrl' }, '{"QueueName":"q1"}');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.0');
    assert.deepEqual(await res.json(), { QueueUrl: `http://h/${ACCOUNT}/q1` });
  });

  test('errors carry __type and x-amzn-query-error', async () => {
    const res = await signedFetch('sqs', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueUrl' }, '{"QueueName":"nope"}');
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-amzn-query-error'), 'AWS.SimpleQueueService.NonExistentQueue;Sender');
    assert.deepEqual(await res.json(), { __type: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
  });

  test('an unknown target under the prefix is UnknownOperationException once authenticated; unsigned, the signature error', async () => {
    const res = await signedFetch('sqs', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.Nope' }, '{}');
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { __type: string }).__type, 'UnknownOperationException');
    const unsigned = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.Nope' },
      body: '{}',
    });
    assert.equal(unsigned.status, 403);
    assert.equal(((await unsigned.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
  });

  test('an unsigned query request gets an XML error (its SDK can read it)', async () => {
    const res = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/);
  });
});

describe('services Lambent does not host', () => {
  test('json (dynamodb), rest-xml (s3), query and rest-json answers name the service', async () => {
    const ddb = await signedFetch('dynamodb', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' }, '{}');
    assert.equal(ddb.status, 400);
    assert.deepEqual(await ddb.json(), { __type: 'UnknownServiceException', message: "Service 'dynamodb' is not available in Lambent." });
    const s3 = await signedFetch('s3', {}, '');
    assert.equal(s3.status, 400);
    assert.match(await s3.text(), /<Error><Code>UnknownServiceException<\/Code><Message>Service &#39;s3&#39; is not available in Lambent\.<\/Message>/);
    const sns = await signedFetch('sns', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=ListTopics&Version=2010-03-31');
    assert.match(await sns.text(), /<Code>UnknownServiceException<\/Code>/);
    const other = await signedFetch('scheduler', { 'content-type': 'application/json' }, '{}');
    assert.equal(other.headers.get('x-amzn-errortype'), 'UnknownServiceException');
  });
});
