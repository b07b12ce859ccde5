// STS's operations: GetCallerIdentity, AssumeRole, GetSessionToken. Inputs arrive validated against the model
// (lengths, patterns, ranges); what the model cannot say (the root may not assume roles, a role's MaxSessionDuration,
// role chaining, the packed policy budget, the trust policy) is checked here.
import type { CallerIdentity, IamDirectory } from '../identity.js';
import type {
  AssumeRoleRequest,
  AssumeRoleResponse,
  Credentials,
  GetCallerIdentityResponse,
  GetSessionTokenRequest,
  GetSessionTokenResponse,
} from './api-types.js';
import { parsePolicy, PolicySyntaxError } from '../iam/policy/index.js';
import type { RequestContext } from '../types.js';
import { assumeRoleContext } from './condition-context.js';
import { StsErrors } from './errors.js';
import { assumedRoleArn } from './identities.js';
import { packedPolicyPercent } from './packed-policy.js';
import { wholeSeconds, type IssuedCredentials, type SessionTokens } from './session-tokens.js';
import { mayAssume, parseRoleArn } from './trust.js';

export interface StsDeps {
  tokens: SessionTokens;
  iam: Pick<IamDirectory, 'getRole' | 'identityPolicies'>;
  /**
   * The default version's document of a managed policy usable in `accountId` (AWS's, or that account's own), for
   * AssumeRole's PolicyArns; undefined when there is no such policy.
   */
  managedPolicy?(accountId: string, arn: string): Promise<string | undefined>;
}

export type { AssumeRoleRequest as AssumeRoleInput } from './api-types.js';

const SESSION_POLICY_MAX_CHARS = 2048;
const DEFAULT_ROLE_SESSION_S = 3600;
/** A role session assuming another role (role chaining) gets at most an hour, whatever the role allows. */
const ROLE_CHAINING_MAX_S = 3600;
const GET_SESSION_TOKEN_DEFAULT_S = 43200;
/** The account root's sessions from GetSessionToken last an hour at most (longer requests get an hour). */
const ROOT_SESSION_MAX_S = 3600;

function credentialsOut(c: IssuedCredentials): Credentials {
  return {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    SessionToken: c.sessionToken,
    Expiration: new Date(c.expiresAt),
  };
}

/** The session policy: the inline policy and the managed ones, as one document whose statements are all of theirs. */
function combineSessionPolicies(inline: string | undefined, managed: readonly string[]): string | undefined {
  if (managed.length === 0) return inline;
  const statements: unknown[] = [];
  for (const text of inline === undefined ? managed : [inline, ...managed]) {
    const st = (JSON.parse(text) as { Statement?: unknown }).Statement;
    for (const one of Array.isArray(st) ? st : st === undefined ? [] : [st]) {
      // Sids are unique within one document only: two policies may both say "Stmt1".
      if (typeof one === 'object' && one !== null) {
        const { Sid: _sid, ...rest } = one as Record<string, unknown>;
        statements.push(rest);
      }
    }
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export class StsApi {
  constructor(private readonly deps: StsDeps) {}

  getCallerIdentity(_input: Record<string, never>, ctx: RequestContext): Promise<GetCallerIdentityResponse> {
    const c = ctx.caller;
    return Promise.resolve({ UserId: c.userId, Account: c.accountId, Arn: c.arn });
  }

  async assumeRole(input: AssumeRoleRequest, ctx: RequestContext): Promise<AssumeRoleResponse> {
    const caller = ctx.caller;
    // AWS refuses the root before looking at the role: a root caller learns nothing about the role either way.
    if (caller.kind === 'root') throw StsErrors.rootMayNotAssume();
    const target = parseRoleArn(input.RoleArn);

    if (input.Policy !== undefined && input.Policy.length > SESSION_POLICY_MAX_CHARS) {
      throw StsErrors.constraint(input.Policy, 'policy', `Member must have length less than or equal to ${SESSION_POLICY_MAX_CHARS}`);
    }
    if (input.Policy !== undefined) checkSessionPolicy(input.Policy);
    const policyArns = (input.PolicyArns ?? []).map((p) => p.arn ?? '');
    const tags: Record<string, string> = {};
    const seen = new Set<string>();
    for (const t of input.Tags ?? []) {
      const lower = t.Key.toLowerCase();
      if (seen.has(lower)) throw StsErrors.invalidParameter('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
      seen.add(lower);
      tags[t.Key] = t.Value;
    }
    const hasTags = seen.size > 0;

    // Anything but a role ARN is a resource nobody may assume; a role that does not exist answers the same.
    const role = target ? await this.deps.iam.getRole(target.accountId, target.roleName) : undefined;
    if (!target || !role || role.arn !== input.RoleArn) {
      throw StsErrors.notAuthorized(caller.arn, 'sts:AssumeRole', input.RoleArn);
    }

    const actions = ['sts:AssumeRole'];
    if (hasTags) actions.push('sts:TagSession');
    if (input.SourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
    const context = assumeRoleContext(caller, {
      region: ctx.region,
      sourceIp: ctx.sourceIp,
      now: this.deps.tokens.clock(),
      roleSessionName: input.RoleSessionName,
      ...(input.ExternalId !== undefined ? { externalId: input.ExternalId } : {}),
      ...(input.SourceIdentity !== undefined ? { sourceIdentity: input.SourceIdentity } : {}),
      ...(hasTags ? { requestTags: tags } : {}),
    }, role.arn);
    const decision = await mayAssume(caller, role, actions, context, this.deps.iam);
    if (!decision.allowed) throw StsErrors.notAuthorized(caller.arn, decision.deniedAction ?? 'sts:AssumeRole', role.arn);

    // Managed session policies are the role's account's (or AWS's); looked up only for a caller who may assume
    // the role, so nobody else learns which policies exist.
    const managed: string[] = [];
    for (const arn of policyArns) {
      const doc = this.deps.managedPolicy ? await this.deps.managedPolicy(role.accountId, arn) : undefined;
      if (doc === undefined) throw StsErrors.invalidParameter(`Policy ${arn} does not exist or is not attachable.`);
      managed.push(doc);
    }

    const seconds = input.DurationSeconds ?? DEFAULT_ROLE_SESSION_S;
    if (caller.kind === 'assumed-role' && seconds > ROLE_CHAINING_MAX_S) {
      throw StsErrors.validation('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    }
    if (seconds > role.maxSessionDurationSeconds) {
      throw StsErrors.validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }

    const packed = hasTags || input.Policy !== undefined || policyArns.length > 0
      ? packedPolicyPercent(input.Policy, policyArns, tags)
      : undefined;
    if (packed !== undefined && packed > 100) throw StsErrors.packedPolicyTooLarge(packed);

    const sessionPolicy = combineSessionPolicies(input.Policy, managed);
    const now = wholeSeconds(this.deps.tokens.clock());
    const issued = this.deps.tokens.issue({
      accountId: role.accountId,
      principal: { kind: 'assumed-role', roleArn: role.arn, roleId: role.roleId, roleName: role.roleName, sessionName: input.RoleSessionName },
      expiresAt: now + seconds * 1000,
      // The role's tags are the session's principal tags, the session's own tags over them.
      ...(hasTags || Object.keys(role.tags).length > 0 ? { sessionTags: { ...role.tags, ...tags } } : {}),
      ...(sessionPolicy !== undefined ? { sessionPolicy } : {}),
      ...(input.SourceIdentity !== undefined ? { sourceIdentity: input.SourceIdentity } : {}),
    });
    const out: AssumeRoleResponse = {
      Credentials: credentialsOut(issued),
      AssumedRoleUser: {
        AssumedRoleId: `${role.roleId}:${input.RoleSessionName}`,
        Arn: assumedRoleArn(role.accountId, role.roleName, input.RoleSessionName),
      },
    };
    if (packed !== undefined) out.PackedPolicySize = packed;
    if (input.SourceIdentity !== undefined) out.SourceIdentity = input.SourceIdentity;
    return out;
  }

  getSessionToken(input: GetSessionTokenRequest, ctx: RequestContext): Promise<GetSessionTokenResponse> {
    const caller: CallerIdentity = ctx.caller;
    if (caller.kind === 'assumed-role' || caller.expiresAt !== undefined) {
      return Promise.reject(StsErrors.accessDenied('Cannot call GetSessionToken with session credentials'));
    }
    let seconds = input.DurationSeconds ?? GET_SESSION_TOKEN_DEFAULT_S;
    if (caller.kind === 'root') seconds = Math.min(seconds, ROOT_SESSION_MAX_S);
    const now = wholeSeconds(this.deps.tokens.clock());
    const issued = this.deps.tokens.issue({
      accountId: caller.accountId,
      principal:
        caller.kind === 'user'
          ? { kind: 'user', userArn: caller.arn, userId: caller.userId, userName: caller.name ?? caller.arn.slice(caller.arn.lastIndexOf('/') + 1) }
          : { kind: 'root' },
      expiresAt: now + seconds * 1000,
    });
    return Promise.resolve({ Credentials: credentialsOut(issued) });
  }
}

/** A session policy IAM would refuse answers MalformedPolicyDocument with the engine's sentence. */
function checkSessionPolicy(text: string): void {
  try {
    parsePolicy(text, 'identity');
  } catch (e) {
    if (e instanceof PolicySyntaxError) throw StsErrors.malformedPolicy(e.message);
    throw e;
  }
}
