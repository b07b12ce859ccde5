// What each STS operation asks IAM for, per AWS's Service Authorization Reference for STS
// (models/iam-authorization/sts.json). GetCallerIdentity and GetSessionToken are never authorized by policies
// (AWS documents that no permission is needed; an explicit deny cannot stop them). AssumeRoleWithSAML and
// AssumeRoleWithWebIdentity are unsigned: only the role's trust policy decides, in the STS service. AssumeRole is
// sts:AssumeRole on the role (plus sts:TagSession with session tags and sts:SetSourceIdentity with a source
// identity, as AWS checks them). The STS service does not ask the gateway for it: its AssumeRole handler weighs
// these requests against the role's trust policy and the caller's policies together (sts/trust.ts).
import type { AccessRequest } from '../identity.js';
import type { RequestContext } from '../types.js';
import { requestTagConditions } from '../iam/policy/request-tags.js';

type Input = Record<string, unknown>;

function str(input: Input, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}

/** AssumeRole's condition keys: sts:RoleSessionName, sts:ExternalId, sts:SourceIdentity, tags. */
function assumeRoleConditions(input: Input): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const session = str(input, 'RoleSessionName');
  if (session !== undefined) out['sts:RoleSessionName'] = session;
  const external = str(input, 'ExternalId');
  if (external !== undefined) out['sts:ExternalId'] = external;
  const source = str(input, 'SourceIdentity');
  if (source !== undefined) out['sts:SourceIdentity'] = source;
  requestTagConditions(input['Tags'], out);
  const transitive = input['TransitiveTagKeys'];
  if (Array.isArray(transitive)) out['sts:TransitiveTagKeys'] = transitive.filter((k): k is string => typeof k === 'string');
  return out;
}

const STS_ACCESS: Readonly<Record<string, (input: Input, ctx: RequestContext) => AccessRequest[]>> = {
  AssumeRole: (input) => {
    const role = str(input, 'RoleArn') ?? '*';
    const conditions = assumeRoleConditions(input);
    const out: AccessRequest[] = [{ action: 'sts:AssumeRole', resource: role, conditions }];
    if (Array.isArray(input['Tags']) && input['Tags'].length > 0) out.push({ action: 'sts:TagSession', resource: role, conditions });
    if (str(input, 'SourceIdentity') !== undefined) out.push({ action: 'sts:SetSourceIdentity', resource: role, conditions });
    return out;
  },
  AssumeRoleWithSAML: () => [],
  AssumeRoleWithWebIdentity: () => [],
  AssumeRoot: (input) => [{ action: 'sts:AssumeRoot', resource: `arn:aws:iam::${str(input, 'TargetPrincipal') ?? ''}:root` }],
  DecodeAuthorizationMessage: () => [{ action: 'sts:DecodeAuthorizationMessage', resource: '*' }],
  GetAccessKeyInfo: () => [{ action: 'sts:GetAccessKeyInfo', resource: '*' }],
  GetCallerIdentity: () => [],
  GetDelegatedAccessToken: () => [{ action: 'sts:GetDelegatedAccessToken', resource: '*' }],
  GetFederationToken: (input, ctx) => [
    { action: 'sts:GetFederationToken', resource: `arn:aws:sts::${ctx.accountId}:federated-user/${str(input, 'Name') ?? ''}` },
  ],
  GetSessionToken: () => [],
  GetWebIdentityToken: () => [{ action: 'sts:GetWebIdentityToken', resource: '*' }],
};

/** Operations whose access is decided outside identity policies (the mapping is empty on purpose). */
export const STS_UNAUTHORIZED_OPERATIONS: ReadonlySet<string> = new Set(['GetCallerIdentity', 'GetSessionToken', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity']);

export { STS_ACCESS };

/** ServiceDefinition.access for STS. */
export function stsAccess(operation: string, input: Record<string, unknown>, ctx: RequestContext): AccessRequest[] {
  const mapper = STS_ACCESS[operation];
  return mapper === undefined ? [{ action: `sts:${operation}`, resource: '*' }] : mapper(input, ctx);
}
