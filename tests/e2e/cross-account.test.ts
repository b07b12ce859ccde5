// Function policies deciding for another account, through the real server with two configured accounts: account A
// owns a function; account B's root and IAM users invoke it by ARN. Without a statement naming B, AWS's refusal
// names the resource-based policy; AddPermission (AWS CLI v1 and SDK v3) lets B in, for the one action and the one
// ARN (function, version or alias) it names; B's users also need their own identity policy (both sides must allow);
// RemovePermission takes it away again on the very next call.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  RemovePermissionCommand,
  type AddPermissionCommandInput,
} from '@aws-sdk/client-lambda';
import { deployFunction, expectError, LAMBDA_TRUST_POLICY, startServer, TEST_REGION, type TestServer } from '../helpers/lambent.js';
import { createIamUser } from '../helpers/iam-user.js';

const A = { id: '111111111111', accessKeyId: 'AKIAACCOUNTA00000001', secretAccessKey: 'secret-of-account-a' };
const B = { id: '222222222222', accessKeyId: 'AKIAACCOUNTB00000001', secretAccessKey: 'secret-of-account-b' };
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const FN = `arn:aws:lambda:${TEST_REGION}:${A.id}:function:shared`;
const ROOT_B = `arn:aws:iam::${B.id}:root`;
const BOB = `arn:aws:iam::${B.id}:user/bob`;
const CAROL = `arn:aws:iam::${B.id}:user/carol`;
const SESSION = `arn:aws:sts::${B.id}:assumed-role/invoker/partner`;

/** AWS's AccessDenied sentence for an implicit deny. */
function denied(who: string, action: string, resource: string, policy: 'identity-based' | 'resource-based'): string {
  return `User: ${who} is not authorized to perform: ${action} on resource: ${resource} because no ${policy} policy allows the ${action} action`;
}

let server: TestServer;
let bob: Creds;
let carol: Creds;
/** A session of account B's role `invoker`, whose policy allows invoking A's function. */
let session: Creds;
const clients: { destroy(): void }[] = [];

function lambda(c: Creds): LambdaClient {
  const client = new LambdaClient({ endpoint: server.url, region: TEST_REGION, credentials: c, maxAttempts: 1 });
  clients.push(client);
  return client;
}
function iam(c: Creds): IAMClient {
  const client = new IAMClient({ endpoint: server.url, region: TEST_REGION, credentials: c, maxAttempts: 1 });
  clients.push(client);
  return client;
}

/** The ARN the function saw itself invoked by (context.invokedFunctionArn). */
async function invoke(c: Creds, functionName: string, qualifier?: string): Promise<string> {
  const out = await lambda(c).send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from('{}'), ...(qualifier ? { Qualifier: qualifier } : {}) }));
  assert.equal(out.StatusCode, 200);
  assert.equal(out.FunctionError, undefined);
  return (JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')) as { invoked: string }).invoked;
}

async function grant(input: Partial<AddPermissionCommandInput> & { StatementId: string; Principal: string }): Promise<void> {
  await lambda(A).send(new AddPermissionCommand({ FunctionName: 'shared', Action: 'lambda:InvokeFunction', ...input }));
}

async function revoke(StatementId: string, Qualifier?: string): Promise<void> {
  await lambda(A).send(new RemovePermissionCommand({ FunctionName: 'shared', StatementId, ...(Qualifier ? { Qualifier } : {}) }));
}

before(async () => {
  server = await startServer({
    env: { LAMBENT_CREDENTIALS: `${A.accessKeyId}:${A.secretAccessKey}:${A.id},${B.accessKeyId}:${B.secretAccessKey}:${B.id}` },
  });
  const role = await iam(A).send(new CreateRoleCommand({ RoleName: 'shared-fn', AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY }));
  await deployFunction(
    lambda(A),
    'shared',
    { 'index.js': 'exports.handler = async (event, context) => ({ invoked: context.invokedFunctionArn });\n' },
    { Role: role.Role!.Arn! },
  );
  await lambda(A).send(new PublishVersionCommand({ FunctionName: 'shared' }));
  await lambda(A).send(new CreateAliasCommand({ FunctionName: 'shared', Name: 'prod', FunctionVersion: '1' }));

  // bob may invoke A's function (and its versions and aliases) as far as account B is concerned; carol has no policy.
  for (const name of ['bob', 'carol']) await iam(B).send(new CreateUserCommand({ UserName: name }));
  await iam(B).send(new PutUserPolicyCommand({
    UserName: 'bob',
    PolicyName: 'invoke-a',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [FN, `${FN}:*`] }],
    }),
  }));
  const key = async (UserName: string): Promise<Creds> => {
    const k = (await iam(B).send(new CreateAccessKeyCommand({ UserName }))).AccessKey!;
    return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
  };
  bob = await key('bob');
  carol = await key('carol');

  const trustB = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ROOT_B }, Action: 'sts:AssumeRole' }] };
  await iam(B).send(new CreateRoleCommand({ RoleName: 'invoker', AssumeRolePolicyDocument: JSON.stringify(trustB) }));
  await iam(B).send(new PutRolePolicyCommand({
    RoleName: 'invoker',
    PolicyName: 'invoke-a',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN }] }),
  }));
  // AWS refuses AssumeRole to an account root: B's session comes from a user of B allowed to assume the role.
  const assumer = await createIamUser(server.url, B, 'assumer', { mayAssume: [`arn:aws:iam::${B.id}:role/invoker`] });
  const sts = new STSClient({ endpoint: server.url, region: TEST_REGION, credentials: assumer.keys, maxAttempts: 1 });
  clients.push(sts);
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${B.id}:role/invoker`, RoleSessionName: 'partner' }))).Credentials!;
  session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
});

after(async () => {
  for (const c of clients) c.destroy();
  await server.dispose();
});

describe('another account invoking a function', () => {
  test('without a statement naming it, another account is refused in the resource-based policy\'s name; by name it reaches only its own', async () => {
    await expectError(invoke(B, FN), 'AccessDeniedException', denied(ROOT_B, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
    // bob's own account allows it: what is missing is account A's side.
    await expectError(invoke(bob, FN), 'AccessDeniedException', denied(BOB, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
    await expectError(lambda(B).send(new GetFunctionCommand({ FunctionName: FN })), 'AccessDeniedException', denied(ROOT_B, 'lambda:GetFunction', FN, 'resource-based'), 403);
    // Nor may B grant itself access: adding to A's function policy is A's to allow.
    await expectError(
      lambda(B).send(new AddPermissionCommand({ FunctionName: FN, StatementId: 'self', Action: 'lambda:InvokeFunction', Principal: B.id })),
      'AccessDeniedException',
      denied(ROOT_B, 'lambda:AddPermission', FN, 'resource-based'),
      403,
    );
    // A bare name is resolved in the caller's own account: B has no function of that name (Invoke's own wording).
    await expectError(
      invoke(B, 'shared'),
      'ResourceNotFoundException',
      `Function not found: arn:aws:lambda:${TEST_REGION}:${B.id}:function:shared:$LATEST`,
      404,
    );
    assert.equal(await invoke(A, 'shared'), FN, 'the owner is not affected');
  });

  test('a statement naming the account lets its root and its permitted users invoke, that action only; removing it refuses at once', async () => {
    await grant({ StatementId: 'account-b', Principal: B.id });
    assert.equal(await invoke(B, FN), FN);
    assert.equal(await invoke(bob, FN), FN);
    assert.equal(await invoke(session, FN), FN, 'a role session of the account, too');
    assert.equal(await invoke(B, `${A.id}:function:shared`), FN, 'a partial ARN names the same function');
    const queued = await lambda(B).send(new InvokeCommand({ FunctionName: FN, InvocationType: 'Event', Payload: Buffer.from('{}') }));
    assert.equal(queued.StatusCode, 202, 'asynchronous invocation is the same action');
    // Both sides must allow: carol's own account grants her nothing.
    await expectError(invoke(carol, FN), 'AccessDeniedException', denied(CAROL, 'lambda:InvokeFunction', FN, 'identity-based'), 403);
    // The statement allows lambda:InvokeFunction, nothing else.
    await expectError(lambda(B).send(new GetFunctionCommand({ FunctionName: FN })), 'AccessDeniedException', denied(ROOT_B, 'lambda:GetFunction', FN, 'resource-based'), 403);

    await revoke('account-b');
    await expectError(invoke(B, FN), 'AccessDeniedException', denied(ROOT_B, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
    await expectError(
      lambda(B).send(new InvokeCommand({ FunctionName: FN, InvocationType: 'Event', Payload: Buffer.from('{}') })),
      'AccessDeniedException',
      denied(ROOT_B, 'lambda:InvokeFunction', FN, 'resource-based'),
      403,
    );
    await expectError(invoke(bob, FN), 'AccessDeniedException', denied(BOB, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
    await expectError(invoke(session, FN), 'AccessDeniedException', denied(SESSION, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
  });

  test('a statement naming one user (or one role) of the account lets that principal in, not the account\'s root or others', async () => {
    await grant({ StatementId: 'just-bob', Principal: BOB });
    assert.equal(await invoke(bob, FN), FN);
    await expectError(invoke(B, FN), 'AccessDeniedException', denied(ROOT_B, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
    await expectError(invoke(carol, FN), 'AccessDeniedException', denied(CAROL, 'lambda:InvokeFunction', FN, 'identity-based'), 403);
    await expectError(invoke(session, FN), 'AccessDeniedException', denied(SESSION, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
    await revoke('just-bob');
    await expectError(invoke(bob, FN), 'AccessDeniedException', denied(BOB, 'lambda:InvokeFunction', FN, 'resource-based'), 403);

    // A role's ARN covers its sessions.
    await grant({ StatementId: 'invoker-role', Principal: `arn:aws:iam::${B.id}:role/invoker` });
    assert.equal(await invoke(session, FN), FN);
    await expectError(invoke(bob, FN), 'AccessDeniedException', denied(BOB, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
    await revoke('invoker-role');
    await expectError(invoke(session, FN), 'AccessDeniedException', denied(SESSION, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
  });

  test('a permission covers only the ARN it was added to: the function, or one alias (not its version, not the function)', async () => {
    // AWS: without a qualifier the permission is valid only for the unqualified ARN; with an alias only for the
    // alias ARN, "including the function version ARN to which the alias points" being refused.
    await grant({ StatementId: 'unqualified', Principal: B.id });
    assert.equal(await invoke(B, FN), FN);
    await expectError(invoke(B, `${FN}:prod`), 'AccessDeniedException', denied(ROOT_B, 'lambda:InvokeFunction', `${FN}:prod`, 'resource-based'), 403);
    await expectError(invoke(B, FN, '1'), 'AccessDeniedException', denied(ROOT_B, 'lambda:InvokeFunction', `${FN}:1`, 'resource-based'), 403);
    await revoke('unqualified');

    await grant({ StatementId: 'alias', Principal: B.id, Qualifier: 'prod' });
    assert.equal(await invoke(B, `${FN}:prod`), `${FN}:prod`);
    assert.equal(await invoke(bob, FN, 'prod'), `${FN}:prod`, 'the Qualifier parameter names the same alias ARN');
    await expectError(invoke(B, FN), 'AccessDeniedException', denied(ROOT_B, 'lambda:InvokeFunction', FN, 'resource-based'), 403);
    await expectError(invoke(B, `${FN}:1`), 'AccessDeniedException', denied(ROOT_B, 'lambda:InvokeFunction', `${FN}:1`, 'resource-based'), 403);
    await revoke('alias', 'prod');
    await expectError(invoke(B, `${FN}:prod`), 'AccessDeniedException', denied(ROOT_B, 'lambda:InvokeFunction', `${FN}:prod`, 'resource-based'), 403);
  });
});

const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;

/** AWS CLI v1 (`aws` from pip) as account `c`. */
function aws(c: Creds, ...args: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync('aws', ['lambda', ...args, '--endpoint-url', server.url, '--output', 'json'], {
    encoding: 'utf8',
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      AWS_DEFAULT_REGION: TEST_REGION,
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

test('AWS CLI v1: account A add-permission for account B, B invokes by ARN; remove-permission refuses B again', { skip: hasAws ? false : 'the aws CLI is not installed here' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lambent-crossacct-'));
  try {
    const outFile = join(dir, 'out.json');
    const refused = aws(B, 'invoke', '--function-name', FN, outFile);
    // AWS CLI v1 exits 255 on a service error.
    assert.equal(refused.status, 255);
    assert.ok(
      refused.err.includes(`(AccessDeniedException) when calling the Invoke operation: ${denied(ROOT_B, 'lambda:InvokeFunction', FN, 'resource-based')}`),
      refused.err,
    );

    const added = aws(A, 'add-permission', '--function-name', 'shared', '--statement-id', 'cli-b', '--action', 'lambda:InvokeFunction', '--principal', B.id);
    assert.equal(added.status, 0, added.err);
    const statement = JSON.parse((JSON.parse(added.out) as { Statement: string }).Statement) as { Principal: unknown; Resource: string };
    assert.deepEqual(statement.Principal, { AWS: ROOT_B });
    assert.equal(statement.Resource, FN);

    const ok = aws(B, 'invoke', '--function-name', FN, outFile);
    assert.equal(ok.status, 0, ok.err);
    assert.equal((JSON.parse(ok.out) as { StatusCode: number }).StatusCode, 200);
    assert.deepEqual(JSON.parse(readFileSync(outFile, 'utf8')), { invoked: FN });

    const removed = aws(A, 'remove-permission', '--function-name', 'shared', '--statement-id', 'cli-b');
    assert.equal(removed.status, 0, removed.err);
    const again = aws(B, 'invoke', '--function-name', FN, outFile);
    assert.equal(again.status, 255);
    assert.match(again.err, /AccessDeniedException/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
