// Issue 12's end-to-end promise, as a user sees it: create a role and its policy with IAM, deploy functions with
// that role, and from inside them, with unchanged handlers (Node with the AWS SDK for JavaScript v3, Python with
// boto3), ask STS who they are (the assumed-role ARN comes back), list functions (allowed by the role's policy) and
// delete one (denied, with AWS's message). Nothing in the handlers names Lambent: the SDKs find it through the
// environment's AWS_ENDPOINT_URL and credentials.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetFunctionCommand, InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { deployFunction, lambdaClient, startServer, TEST_ACCOUNT, TEST_REGION, type TestServer } from '../helpers/lambent.js';

const TRUST_LAMBDA = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const LIST_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'ListOnly', Effect: 'Allow', Action: ['lambda:ListFunctions', 'lambda:GetFunction'], Resource: '*' }],
});

const NODE_HANDLER = `
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
const { LambdaClient, ListFunctionsCommand, DeleteFunctionCommand } = require('@aws-sdk/client-lambda');
exports.handler = async (event) => {
  const who = await new STSClient({}).send(new GetCallerIdentityCommand({}));
  const lambda = new LambdaClient({});
  const list = await lambda.send(new ListFunctionsCommand({}));
  let deleted;
  try {
    await lambda.send(new DeleteFunctionCommand({ FunctionName: event.victim }));
    deleted = 'deleted';
  } catch (e) {
    deleted = { code: e.name, status: e.$metadata && e.$metadata.httpStatusCode, message: e.message };
  }
  return { arn: who.Arn, account: who.Account, functions: list.Functions.map((f) => f.FunctionName), deleted };
};
`;

const PYTHON_HANDLER = `
import boto3
from botocore.exceptions import ClientError

def handler(event, context):
    who = boto3.client('sts').get_caller_identity()
    lam = boto3.client('lambda')
    names = [f['FunctionName'] for f in lam.list_functions()['Functions']]
    try:
        lam.delete_function(FunctionName=event['victim'])
        deleted = 'deleted'
    except ClientError as e:
        deleted = {'code': e.response['Error']['Code'], 'status': e.response['ResponseMetadata']['HTTPStatusCode'],
                   'message': e.response['Error']['Message']}
    return {'arn': who['Arn'], 'account': who['Account'], 'functions': names, 'deleted': deleted}
`;

interface Answer {
  arn: string;
  account: string;
  functions: string[];
  deleted: string | { code: string; status: number; message: string };
}

/** botocore's version in the python3 Lambent runs python functions on (src/runtimes/interpreters.ts), if any. */
function boto3Available(): string | undefined {
  const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));
  if (!python) return undefined;
  const r = spawnSync(python, ['-c', 'import boto3, botocore; print(botocore.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

let server: TestServer;
let lambda: LambdaClient;
let roleArn: string;

before(async () => {
  server = await startServer();
  lambda = lambdaClient(server.url);
  const iam = new IAMClient({ endpoint: server.url, region: TEST_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'list-only', AssumeRolePolicyDocument: TRUST_LAMBDA }));
  roleArn = role.Role?.Arn ?? '';
  assert.equal(roleArn, `arn:aws:iam::${TEST_ACCOUNT}:role/list-only`);
  await iam.send(new PutRolePolicyCommand({ RoleName: 'list-only', PolicyName: 'list', PolicyDocument: LIST_ONLY }));
  await deployFunction(lambda, 'victim', { 'index.js': "exports.handler = async () => 'still here';\n" });
});
after(async () => server.dispose());

async function run(fn: string, victim: string): Promise<Answer> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: fn, Payload: Buffer.from(JSON.stringify({ victim })) }));
  const text = Buffer.from(out.Payload ?? []).toString();
  assert.equal(out.FunctionError, undefined, text);
  return JSON.parse(text) as Answer;
}

function assertAsRole(answer: Answer, fn: string): void {
  // AWS names an execution role's session after the function.
  assert.equal(answer.arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/list-only/${fn}`);
  assert.equal(answer.account, TEST_ACCOUNT);
  assert.ok(answer.functions.includes('victim'), JSON.stringify(answer));
  assert.deepEqual(answer.deleted, {
    code: 'AccessDeniedException',
    status: 403,
    message:
      `User: arn:aws:sts::${TEST_ACCOUNT}:assumed-role/list-only/${fn} is not authorized to perform: lambda:DeleteFunction ` +
      `on resource: arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:victim because no identity-based policy allows ` +
      'the lambda:DeleteFunction action',
  });
}

test('a Node handler with the bundled SDK v3 acts as its execution role', async () => {
  await deployFunction(lambda, 'node-as-role', { 'index.js': NODE_HANDLER }, { Role: roleArn });
  assertAsRole(await run('node-as-role', 'victim'), 'node-as-role');
  // The denial held: the function is still there.
  await lambda.send(new GetFunctionCommand({ FunctionName: 'victim' }));
});

const botocore = boto3Available();
test('a Python handler with boto3 acts as its execution role', { skip: botocore ? false : 'python3 cannot import boto3 (apt-get install python3-boto3)' }, async () => {
  await deployFunction(lambda, 'python-as-role', { 'index.py': PYTHON_HANDLER }, { Role: roleArn, Runtime: 'python3.11', Handler: 'index.handler' });
  assertAsRole(await run('python-as-role', 'victim'), 'python-as-role');
  await lambda.send(new GetFunctionCommand({ FunctionName: 'victim' }));
});

test('the account root (the dev keys) is who the caller is outside functions', async () => {
  const sts = new STSClient({ endpoint: server.url, region: TEST_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const who = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);
  assert.equal(who.Account, TEST_ACCOUNT);
  assert.equal(who.UserId, TEST_ACCOUNT);
});
