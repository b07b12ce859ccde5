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

/** The AWS principals a statement names, as written (string or list). */
function namedAwsPrincipals(statement: unknown): string[] {
  if (typeof statement !== 'object' || statement === null) return [];
  const s = statement as Record<string, unknown>;
  if (s['Effect'] !== 'Allow') return [];
  const principal = s['Principal'];
  if (principal === '*') return ['*'];
  if (typeof principal !== 'object' || principal === null) return [];
  const aws = (principal as Record<string, unknown>)['AWS'];
  if (typeof aws === 'string') return [aws];
  return Array.isArray(aws) ? aws.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * True when the trust document names this very caller (not just its account or everyone) in an Allow statement.
 * Root is its account, so naming the account names root.
 */
export function trustNamesCaller(trustDocument: string, caller: CallerIdentity): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(trustDocument);
  } catch {
    return false;
  }
  const statements = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  const own = new Set<string>([caller.arn]);
  if (caller.kind === 'assumed-role' && caller.roleArn !== undefined) own.add(caller.roleArn);
  if (caller.kind === 'root') own.add(caller.accountId);
  return list.some((st) => namedAwsPrincipals(st).some((p) => own.has(p)));
}

export interface TrustDecision {
  allowed: boolean;
  /** The action that was refused (the first one). */
  deniedAction?: string;
}

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
  const sameAccount = caller.accountId === role.accountId;
  const direct = sameAccount && trustNamesCaller(role.assumeRolePolicyDocument, caller);

  // The caller's side: root's identity allows everything; others have their policies, boundary, session policy.
  let identity: { policies: ParsedPolicy[]; boundary?: ParsedPolicy; session?: ParsedPolicy } | undefined;
  if (caller.kind !== 'root') {
    const applied = await iam.identityPolicies(caller);
    identity = { policies: applied.policies.map((p) => parsePolicy(p.document, 'identity')) };
    if (applied.permissionsBoundary) identity.boundary = parsePolicy(applied.permissionsBoundary.document, 'identity');
    if (caller.sessionPolicy !== undefined) identity.session = parsePolicy(caller.sessionPolicy, 'identity');
  }

  for (const action of actions) {
    const onTrust = evaluate({
      principal,
      action,
      resource: role.arn,
      resourceAccount: role.accountId,
      identityPolicies: [],
      resourcePolicy: trust,
      context,
    });
    if (onTrust.decision !== 'allow') return { allowed: false, deniedAction: action };
    if (identity === undefined) continue;
    const own = evaluate({
      principal,
      action,
      resource: role.arn,
      // The identity side alone: judged as within the caller's account, so no resource policy is expected.
      resourceAccount: caller.accountId,
      identityPolicies: identity.policies,
      ...(identity.boundary ? { permissionsBoundary: identity.boundary } : {}),
      ...(identity.session ? { sessionPolicy: identity.session } : {}),
      context,
    });
    if (own.decision === 'explicit-deny') return { allowed: false, deniedAction: action };
    if (!direct && own.decision !== 'allow') return { allowed: false, deniedAction: action };
  }
  return { allowed: true };
}
