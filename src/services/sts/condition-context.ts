// The condition keys an AssumeRole (or Lambda's own assumption of an execution role) offers a trust policy: the
// global keys about the caller and the request (the policy engine's contextFor), plus STS's own: sts:ExternalId,
// sts:RoleSessionName, sts:SourceIdentity, aws:RequestTag/… and aws:TagKeys.
import type { CallerIdentity } from '../identity.js';
import { contextFor, type ConditionContext, type EvalPrincipal } from '../iam/policy/index.js';

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

/** `caller` undefined: Lambda itself (the service principal lambda.amazonaws.com) assumes the role. */
export function assumeRoleContext(caller: CallerIdentity | undefined, facts: AssumeRoleFacts, roleArn = '*'): ConditionContext {
  const principal: EvalPrincipal = caller ? { kind: 'aws', identity: caller } : { kind: 'service', service: 'lambda.amazonaws.com' };
  const conditions: Record<string, string | string[]> = {};
  if (facts.externalId !== undefined) conditions['sts:ExternalId'] = facts.externalId;
  if (facts.roleSessionName !== undefined) conditions['sts:RoleSessionName'] = facts.roleSessionName;
  if (facts.sourceIdentity !== undefined) conditions['sts:SourceIdentity'] = facts.sourceIdentity;
  const tags = facts.requestTags ?? {};
  const keys = Object.keys(tags);
  if (keys.length > 0) {
    conditions['aws:TagKeys'] = keys;
    for (const k of keys) conditions[`aws:RequestTag/${k}`] = tags[k] as string;
  }
  return contextFor(
    principal,
    { region: facts.region, sourceIp: facts.sourceIp.replace(/^::ffff:/, ''), now: facts.now, secureTransport: false },
    { action: 'sts:AssumeRole', resource: roleArn, conditions },
  );
}
