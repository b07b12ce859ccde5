// The IAM policy language: parsing with AWS's MalformedPolicyDocument messages, and evaluation (explicit deny
// first, identity- and resource-based policies, cross-account, NotAction/NotResource/NotPrincipal, wildcards,
// condition operators and keys). Pure: no store, no clock of its own.
//
// Modules: parse.ts (grammar, messages), principal.ts (Principal element), conditions.ts (operators),
// template.ts (policy variables, ARN matching), wildcard.ts (globs without backtracking), context.ts (condition
// keys), evaluate.ts (the decision), types.ts (the leaf types).
import { evaluatePolicies } from './evaluate.js';
import type { EvaluationInput, EvaluationResult } from './evaluate.js';
import { parsePolicyDocument } from './parse.js';
import type { ParsedPolicy } from './parse.js';
import type { PolicyKind } from './types.js';

export { PolicySyntaxError } from './errors.js';
export { contextFor, lazyContextFor, accountOf } from './context.js';
export { contextKeysOf } from './context-keys.js';
export { MESSAGES as POLICY_MESSAGES } from './parse.js';
export type { ParsedPolicy, CompiledStatement } from './parse.js';
export type { EvaluationInput, EvaluationResult } from './evaluate.js';
export type { ConditionContext, EvalPrincipal, PolicyKind } from './types.js';

/** Parses and validates `text`; throws PolicySyntaxError with IAM's message for what IAM refuses. */
export function parsePolicy(text: string, kind: PolicyKind): ParsedPolicy {
  return parsePolicyDocument(text, kind);
}

/** AWS's decision for one action on one resource. Never throws for a parsed policy. */
export function evaluate(input: EvaluationInput): EvaluationResult {
  return evaluatePolicies(input);
}
