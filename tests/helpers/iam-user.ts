// An IAM user with an access key, made as an AWS user makes one: CreateUser and CreateAccessKey signed with the
// account root's keys. AWS refuses AssumeRole to the root ("Roles may not be assumed by root accounts."), so tests
// that need a role session assume the role as such a user.
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface IamUser {
  arn: string;
  keys: Keys;
}

export interface IamUserOptions {
  /**
   * Role ARNs the user's inline policy allows sts:AssumeRole on: needed when the role's trust policy names only the
   * account (or the user is in another account); a trust policy naming the user's ARN is enough on its own.
   */
  mayAssume?: readonly string[];
  region?: string;
}

export async function createIamUser(url: string, rootKeys: Keys, userName: string, opts: IamUserOptions = {}): Promise<IamUser> {
  const iam = new IAMClient({ endpoint: url, region: opts.region ?? 'us-east-1', credentials: rootKeys, maxAttempts: 1 });
  const user = (await iam.send(new CreateUserCommand({ UserName: userName }))).User;
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey;
  if (!user?.Arn || !key?.AccessKeyId || !key.SecretAccessKey) throw new Error(`CreateUser/CreateAccessKey for ${userName} answered no ARN or key`);
  if (opts.mayAssume !== undefined && opts.mayAssume.length > 0) {
    await iam.send(new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: 'may-assume',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: opts.mayAssume }] }),
    }));
  }
  return { arn: user.Arn, keys: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey } };
}
