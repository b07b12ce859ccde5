// STS on the wire with the real clients, the gateway left out: a minimal HTTP front (SigV4 verification against
// the Identities provider, X-Amz-Security-Token, the STS service's query codec and handlers) driven by
// @aws-sdk/client-sts and the AWS CLI v1. What the SDK and the CLI parse (credentials, ARNs, error codes and
// messages) is what users see; the full server's pipeline is covered by tests/e2e/sts.test.ts.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { AwsError } from '../../src/protocol/errors.js';
import { verifySigV4 } from '../../src/protocol/sigv4.js';
import type { AccessKeyRecord, AppliedPolicy, CallerIdentity, IamDirectory, RoleRecord } from '../../src/services/identity.js';
import { Identities } from '../../src/services/sts/identities.js';
import { createStsService } from '../../src/services/sts/index.js';
import { SessionTokens } from '../../src/services/sts/session-tokens.js';
import type { RequestContext } from '../../src/services/types.js';

const ACCOUNT = '123456789012';
const ROOT = { accessKeyId: 'AKIAROOTROOTROOTROOT', secretAccessKey: 'root-secret', accountId: ACCOUNT };
/** An IAM user's access key: AWS refuses AssumeRole to the root, so a user assumes the roles here. */
const DEV: AccessKeyRecord = {
  accessKeyId: 'AKIADEVDEVDEVDEVDEV1',
  secretAccessKey: 'dev-secret',
  status: 'Active',
  accountId: ACCOUNT,
  userName: 'dev',
  userId: 'AIDADEVDEVDEVDEVDEV1',
  userArn: `arn:aws:iam::${ACCOUNT}:user/dev`,
};
const ROOT_REFUSED = 'Roles may not be assumed by root accounts.';
const run = promisify(execFile);

const roles: RoleRecord[] = [
  {
    accountId: ACCOUNT,
    roleName: 'deployer',
    path: '/ci/',
    arn: `arn:aws:iam::${ACCOUNT}:role/ci/deployer`,
    roleId: 'AROADEPLOYER00000001',
    assumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: DEV.userArn }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
    }),
    maxSessionDurationSeconds: 3600,
    tags: {},
  },
];
const iam: Pick<IamDirectory, 'getRole' | 'identityPolicies'> = {
  getRole: (account, name) => Promise.resolve(roles.find((r) => r.accountId === account && r.roleName === name)),
  identityPolicies: (_c: CallerIdentity) => Promise.resolve({ policies: [] as AppliedPolicy[] }),
};

describe('STS with @aws-sdk/client-sts and the AWS CLI', () => {
  const clock = { offsetMs: 0 };
  const tokens = new SessionTokens(randomBytes(32), () => Date.now() + clock.offsetMs);
  const ids = new Identities({ rootKeys: [ROOT], tokens, iam: { accessKey: (id) => (id === DEV.accessKeyId ? DEV : undefined) } });
  const sts = createStsService({ tokens, iam });
  let server: Server;
  let endpoint = '';

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '/';
        const q = url.indexOf('?');
        const parts = {
          method: req.method ?? 'POST',
          rawPath: q < 0 ? url : url.slice(0, q),
          rawQuery: q < 0 ? '' : url.slice(q + 1),
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        const reply = (out: { status: number; headers: Record<string, string>; body: Buffer }): void => {
          res.writeHead(out.status, out.headers).end(out.body);
        };
        void (async () => {
          try {
            const auth = verifySigV4(parts, ids, { service: 'sts' });
            const token = req.headers['x-amz-security-token'];
            const caller = ids.identify(ids.lookup(auth.accessKeyId)!, typeof token === 'string' ? token : undefined);
            const routed = sts.codec.route(parts)!;
            const input = sts.codec.decode(parts, routed.operation, routed.labels);
            const ctx: RequestContext = { requestId: 'req-1', accountId: auth.accountId, region: auth.region, accessKeyId: auth.accessKeyId, endpoint, caller, sourceIp: '127.0.0.1' };
            const handler = sts.handlers[routed.operation.name];
            if (!handler) throw new AwsError('NotImplemented', routed.operation.name, { status: 501 });
            reply(sts.codec.encode(routed.operation, await handler(input, ctx), 'req-1'));
          } catch (e) {
            if (e instanceof AwsError) reply(sts.codec.encodeError(e, 'req-1'));
            else res.writeHead(500).end(String(e));
          }
        })();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  function client(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient {
    return new STSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  }
  const root = (): STSClient => client(ROOT);
  const dev = (): STSClient => client(DEV);

  async function sdkError(p: Promise<unknown>): Promise<STSServiceException> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof STSServiceException, String(e));
      return e;
    }
    assert.fail('expected an error');
  }

  test('GetCallerIdentity as root; a user assumes a role; GetCallerIdentity with the session is the assumed role', async () => {
    assert.deepEqual(
      { ...(await root().send(new GetCallerIdentityCommand({}))), $metadata: undefined },
      { $metadata: undefined, UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` },
    );
    const before = Date.now();
    const out = await dev().send(new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/ci/deployer`,
      RoleSessionName: 'build-7',
      DurationSeconds: 900,
      Tags: [{ Key: 'team', Value: 'ci' }],
    }));
    assert.deepEqual(out.AssumedRoleUser, { AssumedRoleId: 'AROADEPLOYER00000001:build-7', Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/build-7` });
    assert.ok(out.Credentials?.Expiration instanceof Date);
    const expires = out.Credentials.Expiration.getTime();
    assert.ok(expires >= Math.floor(before / 1000) * 1000 + 900_000 - 1000 && expires <= Date.now() + 900_000, String(out.Credentials.Expiration));
    assert.equal(typeof out.PackedPolicySize, 'number');
    const session = client({ accessKeyId: out.Credentials.AccessKeyId!, secretAccessKey: out.Credentials.SecretAccessKey!, sessionToken: out.Credentials.SessionToken! });
    const who = await session.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/build-7`);
    assert.equal(who.UserId, 'AROADEPLOYER00000001:build-7');
    assert.equal(who.Account, ACCOUNT);

    // The session's key without its token, and with a changed token: InvalidClientTokenId.
    const noToken = await sdkError(client({ accessKeyId: out.Credentials.AccessKeyId!, secretAccessKey: out.Credentials.SecretAccessKey! }).send(new GetCallerIdentityCommand({})));
    assert.equal(noToken.name, 'InvalidClientTokenId');
    assert.equal(noToken.message, 'The security token included in the request is invalid.');
    assert.equal(noToken.$metadata.httpStatusCode, 403);
    const t = out.Credentials.SessionToken!;
    const forged = client({ accessKeyId: out.Credentials.AccessKeyId!, secretAccessKey: out.Credentials.SecretAccessKey!, sessionToken: `${t.slice(0, 40)}${t[40] === 'A' ? 'B' : 'A'}${t.slice(41)}` });
    assert.equal((await sdkError(forged.send(new GetCallerIdentityCommand({})))).name, 'InvalidClientTokenId');

    // Past its expiry (the server's clock moved on): ExpiredToken, 403.
    clock.offsetMs = 900_000;
    try {
      const expired = await sdkError(session.send(new GetCallerIdentityCommand({})));
      assert.equal(expired.name, 'ExpiredToken');
      assert.equal(expired.message, 'The security token included in the request is expired');
      assert.equal(expired.$metadata.httpStatusCode, 403);
    } finally {
      clock.offsetMs = 0;
    }
  });

  test('AccessDenied, ValidationError and GetSessionToken as the SDK reads them', async () => {
    const denied = await sdkError(dev().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/nobody`, RoleSessionName: 'x1' })));
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(denied.message, `User: ${DEV.userArn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/nobody`);
    assert.equal(denied.$metadata.httpStatusCode, 403);
    const tooLong = await sdkError(dev().send(new AssumeRoleCommand({ RoleArn: roles[0]!.arn, RoleSessionName: 'x1', DurationSeconds: 7200 })));
    assert.equal(tooLong.name, 'ValidationError');
    assert.equal(tooLong.message, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    const badName = await sdkError(dev().send(new AssumeRoleCommand({ RoleArn: roles[0]!.arn, RoleSessionName: 'has space' })));
    assert.equal(badName.name, 'ValidationError');
    assert.match(badName.message, /Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern/);

    const gst = await root().send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    const g = gst.Credentials!;
    assert.ok(g.AccessKeyId?.startsWith('ASIA'));
    // The account root's sessions last an hour at most.
    assert.ok(g.Expiration!.getTime() <= Date.now() + 3600_000);
    const asRoot = client({ accessKeyId: g.AccessKeyId!, secretAccessKey: g.SecretAccessKey!, sessionToken: g.SessionToken! });
    assert.equal((await asRoot.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:root`);
  });

  test('the root may not assume roles, as on AWS: its keys and its GetSessionToken session get AccessDenied, 403', async () => {
    const g = (await root().send(new GetSessionTokenCommand({}))).Credentials!;
    const rootSession = client({ accessKeyId: g.AccessKeyId!, secretAccessKey: g.SecretAccessKey!, sessionToken: g.SessionToken! });
    for (const caller of [root(), rootSession]) {
      // The role trusting a user and a role that does not exist: the same answer.
      for (const RoleArn of [roles[0]!.arn, `arn:aws:iam::${ACCOUNT}:role/nobody`]) {
        const e = await sdkError(caller.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'r1' })));
        assert.deepEqual({ name: e.name, message: e.message, status: e.$metadata.httpStatusCode }, { name: 'AccessDenied', message: ROOT_REFUSED, status: 403 });
      }
    }
  });

  test('the AWS CLI v1: the root is refused; a user\'s assume-role, then get-caller-identity with the session\'s credentials', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: ROOT.accessKeyId, AWS_SECRET_ACCESS_KEY: ROOT.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    delete env['AWS_SESSION_TOKEN'];
    delete env['AWS_PROFILE'];
    const assumeRole = ['sts', 'assume-role', '--endpoint-url', endpoint, '--role-arn', roles[0]!.arn, '--role-session-name', 'cli', '--output', 'json'];
    await assert.rejects(run('aws', assumeRole, { env }), (e: { stderr?: string; stdout?: string }) => {
      assert.equal(e.stderr?.trim(), `An error occurred (AccessDenied) when calling the AssumeRole operation: ${ROOT_REFUSED}`);
      assert.equal(e.stdout, '');
      return true;
    });
    const assumed = await run('aws', assumeRole, { env: { ...env, AWS_ACCESS_KEY_ID: DEV.accessKeyId, AWS_SECRET_ACCESS_KEY: DEV.secretAccessKey } });
    const c = (JSON.parse(assumed.stdout) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string } }).Credentials;
    assert.match(c.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|\+00:00)$/);
    const who = await run('aws', ['sts', 'get-caller-identity', '--endpoint-url', endpoint, '--output', 'json'], {
      env: { ...env, AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.SessionToken },
    });
    assert.deepEqual(JSON.parse(who.stdout), { UserId: 'AROADEPLOYER00000001:cli', Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/cli` });
  });
});
