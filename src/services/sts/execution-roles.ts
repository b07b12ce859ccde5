// Lambda's execution roles: whether Lambda may assume a role given to a function (checked at CreateFunction and
// UpdateFunctionConfiguration, as AWS does), and the role's credentials for an execution environment.
import type { CallerIdentity, ExecutionRoles, IamDirectory, RoleRecord, TemporaryCredentials } from '../identity.js';
import { assumedRoleIdentity } from './identities.js';
import { evaluate, parsePolicy } from '../iam/policy/index.js';
import { assumeRoleContext } from './condition-context.js';
import { wholeSeconds, type SessionTokens } from './session-tokens.js';
import { parseRoleArn } from './trust.js';

const LAMBDA_SERVICE = 'lambda.amazonaws.com';

export class LambdaExecutionRoles implements ExecutionRoles {
  constructor(
    private readonly iam: Pick<IamDirectory, 'getRole'>,
    private readonly tokens: SessionTokens,
    /** The region Lambda's own assumption is made from (aws:RequestedRegion of the trust evaluation). */
    private readonly region = 'us-east-1',
  ) {}

  async check(roleArn: string, callerAccountId: string): Promise<'ok' | 'cross-account' | 'cannot-assume'> {
    const target = parseRoleArn(roleArn);
    if (!target) return 'cannot-assume';
    if (target.accountId !== callerAccountId) return 'cross-account';
    const role = await this.iam.getRole(target.accountId, target.roleName);
    // The ARN must be the role's own, path included: another path is another role.
    if (!role || role.arn !== roleArn) return 'cannot-assume';
    let trust;
    try {
      trust = parsePolicy(role.assumeRolePolicyDocument, 'trust');
    } catch {
      return 'cannot-assume';
    }
    const result = evaluate({
      principal: { kind: 'service', service: LAMBDA_SERVICE },
      action: 'sts:AssumeRole',
      resource: role.arn,
      resourceAccount: role.accountId,
      identityPolicies: [],
      resourcePolicy: trust,
      context: assumeRoleContext(undefined, { region: this.region, sourceIp: '', now: this.tokens.clock() }, role.arn),
    });
    return result.decision === 'allow' ? 'ok' : 'cannot-assume';
  }

  async credentialsFor(roleArn: string, sessionName: string, durationSeconds: number): Promise<TemporaryCredentials> {
    const role = await this.existingRole(roleArn);
    const issued = this.tokens.issue({
      accountId: role.accountId,
      principal: { kind: 'assumed-role', roleArn: role.arn, roleId: role.roleId, roleName: role.roleName, sessionName },
      expiresAt: wholeSeconds(this.tokens.clock()) + durationSeconds * 1000,
      ...(Object.keys(role.tags).length > 0 ? { sessionTags: { ...role.tags } } : {}),
    });
    return issued;
  }

  async identityFor(roleArn: string, sessionName: string): Promise<CallerIdentity> {
    const role = await this.existingRole(roleArn);
    // No key pair is minted: in-process calls are authorized on the identity alone. The key id only names the
    // session in logs (aws:... never reads it).
    const identity = assumedRoleIdentity(role.accountId, { roleArn: role.arn, roleId: role.roleId, roleName: role.roleName, sessionName }, '');
    if (Object.keys(role.tags).length > 0) identity.sessionTags = { ...role.tags };
    return identity;
  }

  /** The role the ARN names, path included (another path is another role); rejects when there is none. */
  private async existingRole(roleArn: string): Promise<RoleRecord> {
    const target = parseRoleArn(roleArn);
    const role = target ? await this.iam.getRole(target.accountId, target.roleName) : undefined;
    if (!role || role.arn !== roleArn) throw new Error(`the execution role ${roleArn} does not exist`);
    return role;
  }
}
