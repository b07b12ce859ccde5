// STS against the real server, with @aws-sdk/client-sts, @aws-sdk/client-iam and the AWS CLI v1: who the caller
// is (root, an IAM user, a role session), AssumeRole refused to the root (as on AWS) and otherwise governed by the
// role's trust policy and the user's policies,
// temporary credentials that are refused when forged, expired or their user key is deactivated, and sessions
// that survive a restart (the session key is in the data dir).
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { SessionTokens } from '../../src/services/sts/session-tokens.js';
import { createIamUser } from '../helpers/iam-user.js';
import { expectError, startServer, tempDir, TEST_ACCOUNT, type TestServer } from '../helpers/lambent.js';

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const ROOT: Creds = { accessKeyId: 'test', secretAccessKey: 'test' };
const ROLE_ARN = `arn:aws:iam::${TEST_ACCOUNT}:role/app/deployer`;
const ROOT_REFUSED = 'Roles may not be assumed by root accounts.';
const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;

describe('STS e2e', () => {
  const dataDir = tempDir('lambent-sts-');
  let server: TestServer;
  /** A user whose policy allows assuming the deployer role (its trust policy names only the account). */
  let ops: Creds;
  const sts = (c: Creds = ROOT): STSClient => new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: c, maxAttempts: 1 });
  const iam = (c: Creds = ROOT): IAMClient => new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: c, maxAttempts: 1 });
  const sessionOf = (out: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } }): Creds => ({
    accessKeyId: out.Credentials!.AccessKeyId!,
    secretAccessKey: out.Credentials!.SecretAccessKey!,
    sessionToken: out.Credentials!.SessionToken!,
  });

  before(async () => {
    server = await startServer({ dataDir });
    await iam().send(new CreateRoleCommand({
      RoleName: 'deployer',
      Path: '/app/',
      MaxSessionDuration: 7200,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
      }),
    }));
    ops = (await createIamUser(server.url, ROOT, 'ops', { mayAssume: [ROLE_ARN] })).keys;
  });
  after(async () => {
    await server.stop();
  });

  test('GetCallerIdentity as root; a user assumes a role; the session is the assumed role', async () => {
    const root = await sts().send(new GetCallerIdentityCommand({}));
    assert.deepEqual([root.Account, root.Arn, root.UserId], [TEST_ACCOUNT, `arn:aws:iam::${TEST_ACCOUNT}:root`, TEST_ACCOUNT]);

    const out = await sts(ops).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'e2e-session', DurationSeconds: 900 }));
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/deployer/e2e-session`);
    assert.match(out.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z0-9]+:e2e-session$/);
    const left = out.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(left > 880_000 && left <= 900_000, String(left));

    const who = await sts(sessionOf(out)).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/deployer/e2e-session`);
    assert.equal(who.UserId, out.AssumedRoleUser!.AssumedRoleId);

    await expectError(
      sts(ops).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'too-long', DurationSeconds: 7201 })),
      'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400,
    );
    // Role chaining: a role trusting the deployer role itself; its sessions may assume it, for an hour at most.
    const chained = (await iam().send(new CreateRoleCommand({
      RoleName: 'chained',
      MaxSessionDuration: 43200,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:role/app/deployer` }, Action: 'sts:AssumeRole' }],
      }),
    }))).Role!.Arn!;
    await expectError(
      sts(sessionOf(out)).send(new AssumeRoleCommand({ RoleArn: chained, RoleSessionName: 'hop', DurationSeconds: 3601 })),
      'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 400,
    );
    const hop = await sts(sessionOf(out)).send(new AssumeRoleCommand({ RoleArn: chained, RoleSessionName: 'hop', DurationSeconds: 3600 }));
    assert.equal(hop.AssumedRoleUser!.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/chained/hop`);
    // The deployer's session is not named by the deployer's own trust policy (it names the account) and has no
    // policy allowing sts:AssumeRole: refused.
    await expectError(
      sts(sessionOf(out)).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'again' })),
      'AccessDenied',
      `User: arn:aws:sts::${TEST_ACCOUNT}:assumed-role/deployer/e2e-session is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`,
      403,
    );
  });

  test('the root may not assume roles, as on AWS: its keys and its GetSessionToken session get AccessDenied, 403', async () => {
    const rootSession = sessionOf(await sts().send(new GetSessionTokenCommand({ DurationSeconds: 900 })));
    assert.equal((await sts(rootSession).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);
    // A role whose trust policy names the root, and one that does not exist: the same answer.
    for (const caller of [ROOT, rootSession]) {
      for (const RoleArn of [ROLE_ARN, `arn:aws:iam::${TEST_ACCOUNT}:role/missing`]) {
        await expectError(sts(caller).send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'root' })), 'AccessDenied', ROOT_REFUSED, 403);
      }
    }
  });

  test('an IAM user: its identity; AssumeRole needs its own policy when the trust names only the account', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'dev' }));
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!;
    const dev: Creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const who = await sts(dev).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:iam::${TEST_ACCOUNT}:user/dev`);
    assert.match(who.UserId!, /^AIDA/);

    await expectError(
      sts(dev).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'dev' })),
      'AccessDenied', `User: arn:aws:iam::${TEST_ACCOUNT}:user/dev is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`, 403,
    );
    await iam().send(new PutUserPolicyCommand({
      UserName: 'dev',
      PolicyName: 'assume-deployer',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_ARN }] }),
    }));
    const out = await sts(dev).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'dev' }));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/deployer/dev`);

    // GetSessionToken: the session acts as the user; session credentials cannot ask for another one.
    const gst = await sts(dev).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const devSession = sessionOf(gst);
    assert.equal((await sts(devSession).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${TEST_ACCOUNT}:user/dev`);
    await expectError(sts(devSession).send(new GetSessionTokenCommand({})), 'AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);

    // A deactivated key stops working at once.
    await iam().send(new UpdateAccessKeyCommand({ UserName: 'dev', AccessKeyId: dev.accessKeyId, Status: 'Inactive' }));
    await expectError(sts(dev).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  });

  test('temporary credentials without their token, with a forged one, or expired are refused', async () => {
    const out = await sts(ops).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'tamper' }));
    const c = sessionOf(out);
    const invalid = 'The security token included in the request is invalid.';
    await expectError(sts({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', invalid, 403);
    const t = c.sessionToken!;
    const forged = `${t.slice(0, 30)}${t[30] === 'Q' ? 'R' : 'Q'}${t.slice(31)}`;
    await expectError(sts({ ...c, sessionToken: forged }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', invalid, 403);
    // Another session's token with this key: refused too.
    const other = sessionOf(await sts(ops).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'other' })));
    await expectError(sts({ ...c, sessionToken: other.sessionToken! }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', invalid, 403);

    // Credentials the server issued an hour ago for 15 minutes (minted with its own key from the data dir and a
    // clock set back, rather than waiting 15 minutes): ExpiredToken.
    const hourAgo = new SessionTokens(readFileSync(join(dataDir, 'sts-session.key')), () => Date.now() - 3600_000);
    const stale = hourAgo.issue({
      accountId: TEST_ACCOUNT,
      principal: { kind: 'assumed-role', roleArn: ROLE_ARN, roleId: 'AROAEXPIRED000000001', roleName: 'deployer', sessionName: 'old' },
      expiresAt: Date.now() - 3600_000 + 900_000,
    });
    await expectError(
      sts({ accessKeyId: stale.accessKeyId, secretAccessKey: stale.secretAccessKey, sessionToken: stale.sessionToken }).send(new GetCallerIdentityCommand({})),
      'ExpiredToken', 'The security token included in the request is expired', 403,
    );
  });

  test('the AWS CLI v1: the root is refused; a user\'s assume-role, then get-caller-identity as the session', { skip: hasAws ? false : 'the aws CLI is not installed here' }, () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true' };
    delete env['AWS_SESSION_TOKEN'];
    delete env['AWS_PROFILE'];
    const assumeRole = ['sts', 'assume-role', '--endpoint-url', server.url, '--role-arn', ROLE_ARN, '--role-session-name', 'cli', '--output', 'json'];
    const asRoot = spawnSync('aws', assumeRole, { encoding: 'utf8', env });
    assert.notEqual(asRoot.status, 0);
    assert.equal(asRoot.stdout, '');
    assert.equal(asRoot.stderr.trim(), `An error occurred (AccessDenied) when calling the AssumeRole operation: ${ROOT_REFUSED}`);
    const asOps: NodeJS.ProcessEnv = { ...env, AWS_ACCESS_KEY_ID: ops.accessKeyId, AWS_SECRET_ACCESS_KEY: ops.secretAccessKey };
    const assumed = spawnSync('aws', assumeRole, { encoding: 'utf8', env: asOps });
    assert.equal(assumed.status, 0, assumed.stderr);
    const c = (JSON.parse(assumed.stdout) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }).Credentials;
    const who = spawnSync('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json'], {
      encoding: 'utf8',
      env: { ...env, AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.SessionToken },
    });
    assert.equal(who.status, 0, who.stderr);
    assert.equal((JSON.parse(who.stdout) as { Arn: string }).Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/deployer/cli`);
    const denied = spawnSync('aws', ['sts', 'assume-role', '--endpoint-url', server.url, '--role-arn', `arn:aws:iam::${TEST_ACCOUNT}:role/missing`, '--role-session-name', 'cli'], { encoding: 'utf8', env: asOps });
    assert.notEqual(denied.status, 0);
    assert.match(denied.stderr, /An error occurred \(AccessDenied\) when calling the AssumeRole operation: User: arn:aws:iam::000000000000:user\/ops is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role\/missing/);
  });

  test('sessions survive a restart: the session key is kept in the data dir', async () => {
    const out = await sts(ops).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'across-restart' }));
    await server.stop();
    server = await startServer({ dataDir });
    const who = await sts(sessionOf(out)).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/deployer/across-restart`);
  });
});
