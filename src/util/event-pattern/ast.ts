// The checked form of a pattern, between parsing (parse.ts) and compiling to matchers (compile.ts).
import type { IpRange } from './cidr.js';
import type { NumericRange } from './numeric.js';
import type { Wildcard } from './wildcard.js';

/** Fields that must all match, plus `$or` groups of which each needs one matching branch. */
export interface ObjectNode {
  readonly fields: readonly FieldNode[];
  readonly ors: readonly (readonly ObjectNode[])[];
}

export type FieldNode =
  | { readonly kind: 'object'; readonly key: string; readonly node: ObjectNode }
  /** `path` runs from the event's root to this field (object keys only: `$or` adds no step). */
  | { readonly kind: 'leaf'; readonly key: string; readonly path: readonly string[]; readonly conditions: readonly Condition[] };

export type Exact = string | number | boolean | null;

/** One element of a leaf's array: the leaf matches when any of its conditions does. */
export type Condition =
  | { readonly op: 'exact'; readonly value: Exact }
  | { readonly op: 'prefix' | 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly op: 'equals-ignore-case'; readonly value: string }
  | { readonly op: 'wildcard'; readonly value: Wildcard }
  | { readonly op: 'numeric'; readonly range: NumericRange }
  | { readonly op: 'cidr'; readonly range: IpRange }
  | { readonly op: 'exists'; readonly value: boolean }
  | { readonly op: 'anything-but'; readonly but: AnythingBut };

/** What anything-but excludes: the value matches when it is present and matches none of these. */
export type AnythingBut =
  | { readonly kind: 'strings'; readonly values: readonly string[] }
  /** Comparable forms (numeric.ts) of the excluded numbers. */
  | { readonly kind: 'numbers'; readonly values: readonly number[] }
  | { readonly kind: 'prefix' | 'suffix' | 'equals-ignore-case'; readonly values: readonly string[] }
  | { readonly kind: 'wildcard'; readonly values: readonly Wildcard[] };
