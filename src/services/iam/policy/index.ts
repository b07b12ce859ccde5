// The IAM policy language: parsing with AWS's MalformedPolicyDocument messages, and evaluation (explicit deny
// first, identity- and resource-based policies, cross-account, NotAction/NotResource/NotPrincipal, wildcards,
// condition operators and keys). Pure: no store, no clock of its own.
//
// CONTRACT (helpers code against these names; the policy-engine work fills in the bodies).
import type { CallerIdentity } from '../../identity.js';

/** Where a document is used: identity-based (no Principal allowed), resource-based or trust (Principal required). */
export type PolicyKind = 'identity' | 'resource' | 'trust';

/** A parsed, validated document. Opaque to callers; parse once and keep it (evaluation is on the request path). */
export interface ParsedPolicy {
  readonly kind: PolicyKind;
  readonly text: string;
  readonly statements: readonly unknown[];
}

/** Who is asking: an IAM principal, a service principal (lambda.amazonaws.com), or anonymous ("*" only). */
export type EvalPrincipal =
  | { kind: 'aws'; identity: CallerIdentity }
  | { kind: 'service'; service: string }
  | { kind: 'anonymous' };

/**
 * Condition context: key (case-insensitive; store lower-case) → value(s). Global keys (aws:SourceArn,
 * aws:CurrentTime, aws:PrincipalArn…) are derived from the principal and facts by `contextFor`; service keys come
 * from the AccessRequest's conditions.
 */
export type ConditionContext = ReadonlyMap<string, readonly string[]>;

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

/** Thrown for a document IAM would refuse; `message` is AWS's MalformedPolicyDocument text. */
export class PolicySyntaxError extends Error {}

export function parsePolicy(text: string, kind: PolicyKind): ParsedPolicy {
  void text;
  void kind;
  throw new Error('policy engine not merged yet');
}

export function evaluate(input: EvaluationInput): EvaluationResult {
  void input;
  throw new Error('policy engine not merged yet');
}
