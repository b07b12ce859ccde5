// What every IAM handler shares: policy document checks (parse with AWS's MalformedPolicyDocument messages, size
// quotas), Marker/MaxItems paging, tags, output dates.
import { parsePolicy, PolicySyntaxError, type ParsedPolicy, type PolicyKind } from './policy/index.js';
import { IamErrors } from './errors.js';
import { policySize } from './names.js';
import type { TagDoc } from './state.js';

/** IAM quotas (AWS's defaults: "IAM and STS quotas" in the IAM User Guide), in characters without whitespace. */
export const QUOTAS = {
  trustPolicySize: 2048,
  rolePolicySizeTotal: 10240,
  userPolicySizeTotal: 2048,
  groupPolicySizeTotal: 5120,
  managedPolicySize: 6144,
  managedPoliciesPerPrincipal: 10,
  versionsPerPolicy: 5,
  accessKeysPerUser: 2,
  tagsPerEntity: 50,
  groupsPerUser: 10,
} as const;

/** Parses a document as IAM would, turning the engine's syntax errors into MalformedPolicyDocument. */
export function checkDocument(text: string, kind: PolicyKind): ParsedPolicy {
  try {
    return parsePolicy(text, kind);
  } catch (e) {
    if (e instanceof PolicySyntaxError) throw IamErrors.malformedPolicy(e.message);
    throw e;
  }
}

export function checkSize(text: string, max: number, quotaMessage: string): void {
  if (policySize(text) > max) throw IamErrors.limitExceeded(quotaMessage);
}

export interface PageInput {
  Marker?: string;
  MaxItems?: number;
}

/**
 * One page of `items` (already in their listing order, each with a unique key), and the `IsTruncated`/`Marker`
 * members to answer with it. The Marker is opaque to clients (base64 of the last key returned), so a listing
 * continues after the right item while entities come and go.
 */
export function page<T>(
  items: readonly T[],
  keyOf: (t: T) => string,
  input: PageInput,
): { items: T[]; more: { IsTruncated: boolean; Marker?: string } } {
  const max = input.MaxItems ?? 100;
  let start = 0;
  if (input.Marker !== undefined) {
    const after = Buffer.from(input.Marker, 'base64url').toString('utf8');
    // After the item with that key; if it went away meanwhile, after where it sorted (lists in key order).
    const at = items.findIndex((t) => keyOf(t) === after);
    start = at >= 0 ? at + 1 : items.findIndex((t) => keyOf(t) > after);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + max);
  const truncated = start + max < items.length;
  const last = slice[slice.length - 1];
  return truncated && last !== undefined
    ? { items: slice, more: { IsTruncated: true, Marker: Buffer.from(keyOf(last), 'utf8').toString('base64url') } }
    : { items: slice, more: { IsTruncated: false } };
}

/** Sorted by lower-cased name (names are case-insensitively unique), the order IAM lists in. */
export function byName<T extends { name: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
}

export function pathMatches(path: string, prefix: string | undefined): boolean {
  return prefix === undefined || path.startsWith(prefix);
}

/** Merges tags by key (IAM tag keys are case-insensitive: a key given again replaces its value), refusing more than AWS's 50 per entity. */
export function mergeTags(existing: readonly TagDoc[], added: readonly TagDoc[]): TagDoc[] {
  const out = existing.map((t) => ({ ...t }));
  for (const t of added) {
    const i = out.findIndex((x) => x.Key.toLowerCase() === t.Key.toLowerCase());
    if (i >= 0) out[i] = { Key: t.Key, Value: t.Value };
    else out.push({ Key: t.Key, Value: t.Value });
  }
  if (out.length > QUOTAS.tagsPerEntity) {
    throw IamErrors.limitExceeded(`The number of tags has reached the maximum limit.`);
  }
  return out;
}

export function checkNewTags(tags: readonly TagDoc[] | undefined): TagDoc[] {
  const seen = new Set<string>();
  for (const t of tags ?? []) {
    if (seen.has(t.Key.toLowerCase())) {
      throw IamErrors.invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    }
    seen.add(t.Key.toLowerCase());
  }
  return mergeTags([], tags ?? []);
}

/** The AttachedPermissionsBoundary shape (users, roles and their details). */
export function boundaryOutput(arn: string): { PermissionsBoundaryType: 'PermissionsBoundaryPolicy'; PermissionsBoundaryArn: string } {
  return { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn };
}

/** The statements of a parsed (so well-formed) document: IAM accepts one statement object or a list. */
export function rawStatements(text: string): unknown[] {
  const statement = (JSON.parse(text) as { Statement?: unknown }).Statement;
  return Array.isArray(statement) ? statement : [statement];
}

export function date(iso: string): Date {
  return new Date(iso);
}

/** IAM dates have whole seconds. */
export function nowIso(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString();
}

export function withoutTags<T extends TagDoc>(tags: readonly T[], keys: readonly string[]): T[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return tags.filter((t) => !drop.has(t.Key.toLowerCase()));
}
