// Who may assume a role. The role's trust policy always has to allow the caller; whether the caller's own
// identity-based policies must allow sts:AssumeRole as well depends on how the trust policy names it (AWS's rule
// for roles, stricter than for other resource policies):
//   - same account, the trust policy names the caller itself (its user ARN, its role or session ARN): enough;
//   - same account, it names only the account (root, the account id) or everyone: the caller's identity policies
//     must allow sts:AssumeRole on the role too;
//   - another account: both, always.
// An explicit deny anywhere (identity policies, permissions boundary, session policy) refuses.
import type { CallerIdentity, IamDirectory, RoleRecord } from '../identity.js';
import { evaluate, parsePolicy, type ConditionContext, type ParsedPolicy } from '../iam/policy/index.js';

/** arn:aws:iam::ACCOUNT:role/PATH/NAME → its parts; undefined for any other ARN. */
export function parseRoleArn(arn: string): { accountId: string; roleName: string; path: string } | undefined {
  const m = /^arn:aws:iam::(\d{12}):role(\/(?:[\x21-\x7e]+\/)?)([\w+=,.@-]{1,64})$/.exec(arn);
  if (!m) return undefined;
  return { accountId: m[1] as string, path: m[2] as string, roleName: m[3] as string };
}

export interface TrustDecision {
  allowed: boolean;
  /** The action that was refused (the first one). */
  deniedAction?: string;
}

/** Everything allowed: stands in for the caller's side when asking what the trust policy says on its own. */
const ALLOW_ALL = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', 'identity');
/** An account no principal belongs to: makes the engine judge the trust policy as another account's would be. */
const NO_ACCOUNT = 'trust-policy-alone';

/**
 * Whether `caller` may perform every one of `actions` (sts:AssumeRole, plus sts:TagSession and
 * sts:SetSourceIdentity when the request carries tags or a source identity) on `role`.
 */
export async function mayAssume(
  caller: CallerIdentity,
  role: RoleRecord,
  actions: readonly string[],
  context: ConditionContext,
  iam: Pick<IamDirectory, 'identityPolicies'>,
): Promise<TrustDecision> {
  let trust: ParsedPolicy;
  try {
    trust = parsePolicy(role.assumeRolePolicyDocument, 'trust');
  } catch {
    // A stored trust policy IAM accepted should parse; one that does not trusts nobody.
    return actions[0] === undefined ? { allowed: false } : { allowed: false, deniedAction: actions[0] };
  }
  const principal = { kind: 'aws' as const, identity: caller };

  // The caller's side: its policies, permissions boundary and session policy (root has none: it may do anything;
  // AssumeRole refuses the root before asking, but the rule here stays AWS's for any caller).
  let identity: { policies: ParsedPolicy[]; boundary?: ParsedPolicy; session?: ParsedPolicy } = { policies: [] };
  if (caller.kind !== 'root') {
    const applied = await iam.identityPolicies(caller);
    identity = { policies: applied.policies.map((p) => parsePolicy(p.document, 'identity')) };
    if (applied.permissionsBoundary) identity.boundary = parsePolicy(applied.permissionsBoundary.document, 'identity');
    if (caller.sessionPolicy !== undefined) identity.session = parsePolicy(caller.sessionPolicy, 'identity');
  }

  for (const action of actions) {
    // The trust policy on its own: the engine's cross-account rule with an identity side that allows everything
    // answers exactly "does the trust policy allow this principal" (and an explicit deny in it still denies).
    // Root needs this too: for any other resource the engine lets an account's root do anything.
    const trustAlone = evaluate({
      principal,
      action,
      resource: role.arn,
      resourceAccount: NO_ACCOUNT,
      identityPolicies: [ALLOW_ALL],
      resourcePolicy: trust,
      context,
    });
    if (trustAlone.decision !== 'allow') return { allowed: false, deniedAction: action };
    // Then AWS's decision with both sides: within the account, naming the caller itself suffices while naming the
    // account defers to the caller's identity policies; across accounts both must allow; explicit denies win.
    const both = evaluate({
      principal,
      action,
      resource: role.arn,
      resourceAccount: role.accountId,
      identityPolicies: identity.policies,
      ...(identity.boundary ? { permissionsBoundary: identity.boundary } : {}),
      ...(identity.session ? { sessionPolicy: identity.session } : {}),
      resourcePolicy: trust,
      context,
    });
    if (both.decision !== 'allow') return { allowed: false, deniedAction: action };
  }
  return { allowed: true };
}
