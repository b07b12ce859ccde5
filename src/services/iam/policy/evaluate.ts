// AWS's decision: every request starts denied; an explicit Deny in any applicable policy ends it; within one
// account an Allow from the identity side (identity policies, within the permissions boundary and session policy)
// OR from the resource policy suffices; across accounts both sides must allow. Service and anonymous principals
// have no identity side: only a resource (or trust) policy can let them in.
import { conditionsHold } from './conditions.js';
import { principalMatch } from './principal.js';
import type { PrincipalMatch } from './principal.js';
import type { CompiledStatement } from './parse.js';
import { globTemplateMatches } from './template.js';
import { globMatches } from './wildcard.js';
import type { ConditionContext, EvalPrincipal } from './types.js';
import type { ParsedPolicy } from './parse.js';

export interface EvaluationInput {
  principal: EvalPrincipal;
  action: string;
  resource: string;
  /** Account owning the resource. Cross-account (≠ principal's account) needs both sides to allow. */
  resourceAccount: string;
  identityPolicies: readonly ParsedPolicy[];
  resourcePolicy?: ParsedPolicy;
  permissionsBoundary?: ParsedPolicy;
  sessionPolicy?: ParsedPolicy;
  context: ConditionContext;
}

export interface EvaluationResult {
  decision: 'allow' | 'explicit-deny' | 'implicit-deny';
  /** For denials: the policy type AWS's message names. */
  deniedBy?: 'identity-based' | 'resource-based' | 'session' | 'permissions boundary';
  /** Statements that matched (the simulator's MatchedStatements): policy index within its list, and Sid. */
  matched: { policy: 'identity' | 'resource' | 'boundary' | 'session'; index: number; sid?: string }[];
}


type Side = 'identity' | 'resource' | 'boundary' | 'session';
type Matched = EvaluationResult['matched'];

/** How a policy answered: explicit deny, the best principal match among its allows, or nothing. */
interface PolicyAnswer {
  deny: boolean;
  /** 'none' when no Allow statement applied. */
  allow: PrincipalMatch;
}

const RANK: Record<PrincipalMatch, number> = { none: 0, account: 1, everyone: 2, role: 3, service: 4, exact: 5 };

function statementApplies(
  st: CompiledStatement,
  action: string,
  resource: string,
  principal: EvalPrincipal,
  ctx: ConditionContext,
): PrincipalMatch {
  let how: PrincipalMatch = 'exact';
  if (st.principal !== undefined) {
    const m = principalMatch(st.principal, principal);
    if (st.notPrincipal) {
      if (m !== 'none') return 'none';
      how = 'everyone';
    } else {
      if (m === 'none') return 'none';
      how = m;
    }
  }
  let actionHit = false;
  for (const g of st.actions) {
    if (globMatches(g, action)) {
      actionHit = true;
      break;
    }
  }
  if (actionHit === st.notAction) return 'none';
  if (st.resources !== undefined) {
    let hit = false;
    for (const r of st.resources) {
      if (globTemplateMatches(r, resource, ctx)) {
        hit = true;
        break;
      }
    }
    if (hit === st.notResource) return 'none';
  }
  if (st.conditions.length > 0 && !conditionsHold(st.conditions, ctx)) return 'none';
  return how;
}

function answer(
  policy: ParsedPolicy,
  side: Side,
  index: number,
  action: string,
  input: EvaluationInput,
  matched: Matched,
): PolicyAnswer {
  const out: PolicyAnswer = { deny: false, allow: 'none' };
  const statements = policy.statements;
  for (const st of statements) {
    const how = statementApplies(st, action, input.resource, input.principal, input.context);
    if (how === 'none') continue;
    matched.push(st.sid === undefined ? { policy: side, index } : { policy: side, index, sid: st.sid });
    if (st.effect === 'Deny') out.deny = true;
    else if (RANK[how] > RANK[out.allow]) out.allow = how;
  }
  return out;
}

export function evaluatePolicies(input: EvaluationInput): EvaluationResult {
  const action = input.action.toLowerCase();
  const matched: Matched = [];

  let identityAllow = false;
  let identityDeny = false;
  const identity = input.identityPolicies;
  for (let i = 0; i < identity.length; i++) {
    const a = answer(identity[i]!, 'identity', i, action, input, matched);
    if (a.deny) identityDeny = true;
    if (a.allow !== 'none') identityAllow = true;
  }
  const res = input.resourcePolicy ? answer(input.resourcePolicy, 'resource', 0, action, input, matched) : undefined;
  const boundary = input.permissionsBoundary ? answer(input.permissionsBoundary, 'boundary', 0, action, input, matched) : undefined;
  const session = input.sessionPolicy ? answer(input.sessionPolicy, 'session', 0, action, input, matched) : undefined;

  if (identityDeny) return { decision: 'explicit-deny', deniedBy: 'identity-based', matched };
  if (res?.deny) return { decision: 'explicit-deny', deniedBy: 'resource-based', matched };
  if (boundary?.deny) return { decision: 'explicit-deny', deniedBy: 'permissions boundary', matched };
  if (session?.deny) return { decision: 'explicit-deny', deniedBy: 'session', matched };

  const resourceAllow = res?.allow ?? 'none';
  const principal = input.principal;
  if (principal.kind !== 'aws') {
    return resourceAllow !== 'none'
      ? { decision: 'allow', matched }
      : { decision: 'implicit-deny', deniedBy: 'resource-based', matched };
  }

  const id = principal.identity;
  // The account's root user is not subject to identity policies, boundaries or session policies of its own account.
  const isRoot = id.kind === 'root';
  const boundaryOk = boundary === undefined || boundary.allow !== 'none';
  const sessionOk = session === undefined || session.allow !== 'none';
  const identitySide = isRoot || (identityAllow && boundaryOk && sessionOk);
  // Which guard an identity-side denial is AWS's to name.
  const guardFailure: EvaluationResult['deniedBy'] = !identityAllow ? 'identity-based' : !boundaryOk ? 'permissions boundary' : 'session';

  if (input.resourceAccount !== id.accountId) {
    // Cross-account: the caller's account must allow (identity side) and the resource's account must name it.
    if (!identitySide) return { decision: 'implicit-deny', deniedBy: guardFailure, matched };
    if (resourceAllow === 'none') return { decision: 'implicit-deny', deniedBy: 'resource-based', matched };
    return { decision: 'allow', matched };
  }

  if (identitySide) return { decision: 'allow', matched };
  // Same account, through the resource policy. Naming the account only delegates to the account's identity
  // policies (as AWS documents), so it grants nothing by itself. Naming the user or the session exactly is not
  // limited by a boundary or session policy; naming the role or everyone is.
  if (resourceAllow === 'exact') return { decision: 'allow', matched };
  if ((resourceAllow === 'role' || resourceAllow === 'everyone') && boundaryOk && sessionOk) {
    return { decision: 'allow', matched };
  }
  return { decision: 'implicit-deny', deniedBy: guardFailure, matched };
}
