// The condition keys an AssumeRole (or Lambda's own assumption of an execution role) offers a trust policy:
// the global keys about the caller and the request, and STS's own (sts:ExternalId, sts:RoleSessionName,
// sts:SourceIdentity, aws:RequestTag/…, aws:TagKeys). Keys are lower-case (IAM compares them case-insensitively).
import type { CallerIdentity } from '../identity.js';
import type { ConditionContext } from '../iam/policy/index.js';

export interface AssumeRoleFacts {
  region: string;
  sourceIp: string;
  /** ms since the epoch. */
  now: number;
  externalId?: string;
  roleSessionName?: string;
  sourceIdentity?: string;
  /** Session tags passed with the request. */
  requestTags?: Record<string, string>;
}

function principalType(caller: CallerIdentity): string {
  if (caller.kind === 'root') return 'Account';
  if (caller.kind === 'user') return 'User';
  return 'AssumedRole';
}

export function assumeRoleContext(caller: CallerIdentity | undefined, facts: AssumeRoleFacts): ConditionContext {
  const ctx = new Map<string, string[]>();
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined) ctx.set(key.toLowerCase(), [value]);
  };
  set('aws:CurrentTime', new Date(facts.now).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  set('aws:EpochTime', String(Math.floor(facts.now / 1000)));
  set('aws:RequestedRegion', facts.region);
  set('aws:SourceIp', facts.sourceIp === '' ? undefined : facts.sourceIp.replace(/^::ffff:/, ''));
  set('aws:SecureTransport', 'false');
  if (caller !== undefined) {
    set('aws:PrincipalAccount', caller.accountId);
    set('aws:PrincipalType', principalType(caller));
    set('aws:UserId', caller.userId);
    // aws:PrincipalArn of a role session is the role's ARN, not the session's.
    set('aws:PrincipalArn', caller.kind === 'assumed-role' ? caller.roleArn : caller.arn);
    if (caller.kind === 'user') set('aws:username', caller.name);
    for (const [k, v] of Object.entries(caller.sessionTags ?? {})) set(`aws:PrincipalTag/${k}`, v);
  }
  set('sts:ExternalId', facts.externalId);
  set('sts:RoleSessionName', facts.roleSessionName);
  set('sts:SourceIdentity', facts.sourceIdentity);
  const tags = facts.requestTags ?? {};
  const keys = Object.keys(tags);
  if (keys.length > 0) {
    ctx.set('aws:tagkeys', keys);
    for (const k of keys) set(`aws:RequestTag/${k}`, tags[k]);
  }
  return ctx;
}
