// GetAccountSummary (entity counts and IAM's quotas, as `aws iam get-account-summary` shows them) and
// GetContextKeysFor{Principal,Custom}Policy (the context keys the policies read, for the simulator's callers).
import type { RequestContext } from '../types.js';
import type * as T from './api-types.js';
import { checkDocument, QUOTAS } from './common.js';
import type { IamDeps } from './deps.js';
import { contextKeysOf } from './policy/index.js';
import { principalFromArn } from './principals.js';

export class AccountSummaryApi {
  constructor(private readonly deps: IamDeps) {}

  async summary(_input: Record<string, never>, ctx: RequestContext): Promise<T.GetAccountSummaryResponse> {
    const a = this.deps.state.account(ctx.accountId);
    let versions = 0;
    for (const p of a.policies.values()) versions += p.versions.length;
    return {
      SummaryMap: {
        Users: a.users.size,
        UsersQuota: 5000,
        Groups: a.groups.size,
        GroupsQuota: 300,
        Roles: a.roles.size,
        RolesQuota: 1000,
        Policies: a.policies.size,
        PoliciesQuota: 1500,
        PolicyVersionsInUse: versions,
        PolicyVersionsInUseQuota: 10000,
        VersionsPerPolicyQuota: QUOTAS.versionsPerPolicy,
        PolicySizeQuota: QUOTAS.managedPolicySize,
        UserPolicySizeQuota: QUOTAS.userPolicySizeTotal,
        GroupPolicySizeQuota: QUOTAS.groupPolicySizeTotal,
        RolePolicySizeQuota: QUOTAS.rolePolicySizeTotal,
        AssumeRolePolicySizeQuota: QUOTAS.trustPolicySize,
        AttachedPoliciesPerUserQuota: QUOTAS.managedPoliciesPerPrincipal,
        AttachedPoliciesPerRoleQuota: QUOTAS.managedPoliciesPerPrincipal,
        AttachedPoliciesPerGroupQuota: QUOTAS.managedPoliciesPerPrincipal,
        GroupsPerUserQuota: QUOTAS.groupsPerUser,
        AccessKeysPerUserQuota: QUOTAS.accessKeysPerUser,
        SigningCertificatesPerUserQuota: 2,
        ServerCertificates: 0,
        ServerCertificatesQuota: 20,
        InstanceProfiles: 0,
        InstanceProfilesQuota: 1000,
        Providers: 0,
        MFADevices: 0,
        MFADevicesInUse: 0,
        AccountMFAEnabled: 0,
        // Root keys are Lambent's configured credentials, not IAM state.
        AccountAccessKeysPresent: 1,
        AccountSigningCertificatesPresent: 0,
        GlobalEndpointTokenVersion: 1,
      },
    };
  }

  async principalKeys(input: T.GetContextKeysForPrincipalPolicyRequest, ctx: RequestContext): Promise<T.GetContextKeysForPolicyResponse> {
    const a = this.deps.state.account(ctx.accountId);
    const { type, entity } = principalFromArn(a, input.PolicySourceArn);
    const docs = this.deps.state.effectivePolicies(a, type, entity).map((p) => p.document);
    return this.keys([...docs, ...(input.PolicyInputList ?? [])]);
  }

  async customKeys(input: T.GetContextKeysForCustomPolicyRequest): Promise<T.GetContextKeysForPolicyResponse> {
    return this.keys(input.PolicyInputList);
  }

  private keys(documents: readonly string[]): T.GetContextKeysForPolicyResponse {
    return { ContextKeyNames: contextKeysOf(documents.map((text) => checkDocument(text, 'identity'))) };
  }
}
