// What boto3/botocore (the AWS CLI v1's parser) and the Debian AWS CLI v2 make
// of the query protocol's answers: outputs, service errors, validation and
// identity errors, and services Lambent does not host. Fake IAM/STS handlers
// behind the real gateway; the clients run as child processes.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AwsError } from '../../src/protocol/errors.js';
import { loadModel } from '../../src/protocol/model.js';
import { QueryCodec } from '../../src/protocol/query/codec.js';
import type { ServiceDefinition } from '../../src/services/types.js';
import { ALLOW_ALL, rootKeyIdentities, serveGateway, type ServedGateway } from '../helpers/gateway.js';

const ACCOUNT = '111122223333';
const seen: Record<string, unknown>[] = [];

function service(signingName: string, displayName: string, model: string, handlers: ServiceDefinition['handlers']): ServiceDefinition {
  return {
    signingName,
    displayName,
    codec: new QueryCodec(loadModel(model)),
    handlers,
    bodyLimit: () => ({ bytes: 1 << 20, error: () => new AwsError('RequestEntityTooLarge', 'too large', { status: 413 }) }),
    ownsPath: () => false,
    accessDenied: (m) => new AwsError('AccessDenied', m, { status: 403 }),
  };
}

const iam = service('iam', 'IAM', 'iam', {
  async GetRole(input) {
    if (input['RoleName'] === 'missing') throw new AwsError('NoSuchEntityException', 'The role with name missing cannot be found.');
    return {
      Role: {
        Path: '/',
        RoleName: input['RoleName'],
        RoleId: 'AROAEXAMPLE',
        Arn: `arn:aws:iam::${ACCOUNT}:role/${String(input['RoleName'])}`,
        CreateDate: new Date('2026-12-07T10:00:00Z'),
        MaxSessionDuration: 3600,
        Tags: [{ Key: 'k', Value: '<v & "w">' }],
      },
    };
  },
  async CreateRole(input) {
    seen.push(input);
    return { Role: { Path: '/', RoleName: input['RoleName'], RoleId: 'AROANEW', Arn: 'arn:aws:iam::1:role/x', CreateDate: new Date(0) } };
  },
  async GetAccountSummary() {
    return { SummaryMap: { Users: 3, Roles: 7 } };
  },
  async DeleteRole() {
    return undefined;
  },
});
const sts = service('sts', 'STS', 'sts', {
  async GetCallerIdentity(_input, ctx) {
    return { UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
  },
});

let served: ServedGateway;
let endpoint = '';

before(async () => {
  served = await serveGateway({
    services: [iam, sts],
    identities: rootKeyIdentities([{ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret', accountId: ACCOUNT }]),
    authorizer: ALLOW_ALL,
    logger: { warn: () => {}, error: () => {} },
  });
  endpoint = served.endpoint;
});

after(async () => served.close());

const clientEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  AWS_ACCESS_KEY_ID: 'AKIDTEST',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
  AWS_MAX_ATTEMPTS: '1',
});

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: clientEnv(), timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

// One Python run making every call; each result or error as botocore parsed it.
const SCRIPT = `
import json, sys, boto3, botocore
from botocore.config import Config
ep = sys.argv[1]
cfg = Config(retries={'max_attempts': 1})
iam = boto3.client('iam', endpoint_url=ep, config=cfg)
sts = boto3.client('sts', endpoint_url=ep, config=cfg)
ddb = boto3.client('dynamodb', endpoint_url=ep, config=cfg)
def call(fn, **kw):
    try:
        r = fn(**kw)
        r.pop('ResponseMetadata', None)
        return {'ok': r}
    except botocore.exceptions.ClientError as e:
        return {'error': e.response['Error'], 'status': e.response['ResponseMetadata']['HTTPStatusCode'], 'requestId': e.response['ResponseMetadata'].get('RequestId')}
out = {
  'getRole': call(iam.get_role, RoleName='worker'),
  'missing': call(iam.get_role, RoleName='missing'),
  'invalid': call(iam.get_role, RoleName='x' * 65),
  'createRole': call(iam.create_role, RoleName='r', AssumeRolePolicyDocument='{}', Tags=[{'Key': 'a', 'Value': '1'}, {'Key': 'b', 'Value': '2'}]),
  'summary': call(iam.get_account_summary),
  'deleteRole': call(iam.delete_role, RoleName='r'),
  'caller': call(sts.get_caller_identity),
  'unimplemented': call(sts.get_session_token),
  'dynamodb': call(ddb.list_tables),
}
print(json.dumps(out, default=str))
`;

describe('botocore (boto3, AWS CLI v1)', () => {
  test('parses outputs, service errors and validation errors', async (t) => {
    const probe = await run('python3', ['-c', 'import boto3']);
    if (probe.code !== 0) {
      t.skip('boto3 is not importable here');
      return;
    }
    const res = await run('python3', ['-c', SCRIPT, endpoint]);
    assert.equal(res.code, 0, res.stderr);
    const out = JSON.parse(res.stdout) as Record<string, { ok?: Record<string, unknown>; error?: Record<string, string>; status?: number; requestId?: string }>;
    const role = out['getRole']?.ok?.['Role'] as Record<string, unknown>;
    assert.equal(role['RoleName'], 'worker');
    assert.equal(role['MaxSessionDuration'], 3600);
    assert.equal(role['CreateDate'], '2026-12-07 10:00:00+00:00');
    assert.deepEqual(role['Tags'], [{ Key: 'k', Value: '<v & "w">' }]);
    assert.deepEqual(out['missing']?.error, { Type: 'Sender', Code: 'NoSuchEntity', Message: 'The role with name missing cannot be found.' });
    assert.equal(out['missing']?.status, 404);
    assert.match(out['missing']?.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(out['invalid']?.error?.['Code'], 'ValidationError');
    assert.match(out['invalid']?.error?.['Message'] ?? '', /^1 validation error detected: Value 'x+' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64$/);
    assert.deepEqual(seen.at(-1)?.['Tags'], [
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    assert.deepEqual(out['summary']?.ok, { SummaryMap: { Users: 3, Roles: 7 } });
    assert.deepEqual(out['deleteRole']?.ok, {});
    assert.deepEqual(out['caller']?.ok, { UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
    assert.equal(out['unimplemented']?.status, 501);
    assert.equal(out['unimplemented']?.error?.['Code'], 'NotImplementedException');
    assert.deepEqual(out['dynamodb']?.error, { Code: 'UnknownServiceException', Message: "Service 'dynamodb' is not available in Lambent." });
  });
});

describe('Debian AWS CLI v2', () => {
  test('sts get-caller-identity and an IAM error', async (t) => {
    if (!existsSync('/usr/bin/aws')) {
      t.skip('/usr/bin/aws is not installed');
      return;
    }
    const ok = await run('/usr/bin/aws', ['sts', 'get-caller-identity', '--endpoint-url', endpoint, '--output', 'json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
    const missing = await run('/usr/bin/aws', ['iam', 'get-role', '--role-name', 'missing', '--endpoint-url', endpoint]);
    assert.equal(missing.code, 254);
    assert.match(missing.stderr, /An error occurred \(NoSuchEntity\) when calling the GetRole operation(?: \(reached max retries: 0\))?: The role with name missing cannot be found\./);
  });
});
