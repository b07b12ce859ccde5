// The IAM policy language: parsing with AWS's MalformedPolicyDocument messages, and evaluation (explicit deny
// first, identity- and resource-based policies, cross-account, NotAction/NotResource/NotPrincipal, wildcards,
// condition operators and keys). Pure: no store, no clock of its own.
//
// Modules: parse.ts (grammar, messages), principal.ts (Principal element), conditions.ts (operators),
// template.ts (policy variables, ARN matching), wildcard.ts (linear-time globs), context.ts (condition keys),
// evaluate.ts (the decision).
import type { CallerIdentity } from '../../identity.js';
import { evaluatePolicies } from './evaluate.js';
import { parsePolicyDocument } from './parse.js';
import type { CompiledStatement } from './parse.js';

export { PolicySyntaxError } from './errors.js';
export { contextFor, lazyContextFor, accountOf } from './context.js';
export { MESSAGES as POLICY_MESSAGES } from './parse.js';

/** Where a document is used: identity-based (no Principal allowed), resource-based or trust (Principal required). */
export type PolicyKind = 'identity' | 'resource' | 'trust';

/** A parsed, validated document. Opaque to callers; parse once and keep it (evaluation is on the request path). */
export interface ParsedPolicy {
  readonly kind: PolicyKind;
  readonly text: string;
  readonly statements: readonly CompiledStatement[];
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

/** Parses and validates `text`; throws PolicySyntaxError with IAM's message for what IAM refuses. */
export function parsePolicy(text: string, kind: PolicyKind): ParsedPolicy {
  return parsePolicyDocument(text, kind);
}

/** AWS's decision for one action on one resource. Never throws for a parsed policy. */
export function evaluate(input: EvaluationInput): EvaluationResult {
  return evaluatePolicies(input);
}
