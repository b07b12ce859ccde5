// IAM set-up the benchmarks need now that Lambent checks execution roles and authorizes every call: the execution
// role their functions use, and an assumed-role session whose policies are evaluated on every invoke.
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

const ACCOUNT = '000000000000';
const DEV = { accessKeyId: 'test', secretAccessKey: 'test' };
export const BENCH_ROLE = `arn:aws:iam::${ACCOUNT}:role/r`;

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

function iam(url: string, region: string): IAMClient {
  return new IAMClient({ endpoint: url, region, credentials: DEV });
}

/** Creates BENCH_ROLE (trusted by Lambda) unless it exists. */
export async function ensureBenchRole(url: string, region = 'us-east-1'): Promise<string> {
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
  try {
    await iam(url, region).send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  } catch (e) {
    if ((e as Error).name !== 'EntityAlreadyExistsException') throw e;
  }
  return BENCH_ROLE;
}

/**
 * A role session allowed to invoke `functionArns` (and nothing else): a role whose trust policy names an IAM user,
 * an inline policy of three statements (so evaluation walks more than one), AssumeRole with that user's key (the
 * root may not assume roles, as on AWS).
 */
export async function invokerSession(url: string, functionArns: string[], region = 'us-east-1'): Promise<SessionCredentials> {
  const client = iam(url, region);
  const userArn = (await client.send(new CreateUserCommand({ UserName: 'bench-assumer' }))).User?.Arn;
  const key = (await client.send(new CreateAccessKeyCommand({ UserName: 'bench-assumer' }))).AccessKey;
  if (!userArn || !key?.AccessKeyId || !key.SecretAccessKey) throw new Error('CreateUser/CreateAccessKey returned no ARN or key');
  // Naming the user in the trust policy is enough within the account: the user needs no policy of its own.
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: userArn }, Action: 'sts:AssumeRole' }] };
  await client.send(new CreateRoleCommand({ RoleName: 'bench-invoker', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: ['lambda:Get*', 'lambda:List*'], Resource: '*' },
      { Sid: 'Invoke', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: functionArns },
      { Sid: 'NoDeletes', Effect: 'Deny', Action: 'lambda:Delete*', Resource: '*' },
    ],
  };
  await client.send(new PutRolePolicyCommand({ RoleName: 'bench-invoker', PolicyName: 'invoke', PolicyDocument: JSON.stringify(policy) }));
  const sts = new STSClient({ endpoint: url, region, credentials: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey } });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/bench-invoker`, RoleSessionName: 'bench' }));
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}
