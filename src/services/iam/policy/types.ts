// The policy engine's leaf types, imported by every module of the engine (index.ts re-exports them).
import type { CallerIdentity } from '../../identity.js';

/** Where a document is used: identity-based (no Principal allowed), resource-based or trust (Principal required). */
export type PolicyKind = 'identity' | 'resource' | 'trust';

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
