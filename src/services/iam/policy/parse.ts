// Reading a policy document: IAM's grammar and its MalformedPolicyDocument messages, compiled into statements the
// evaluator walks without re-reading text (globs, templates and condition tests built here, once). One JSON.parse
// and one pass over the statements: a 1 MB document costs a few milliseconds, so the size limits (IAM's
// 2,048/6,144/10,240 characters, Lambda's 20 KB) stay with the services that own them.
import { parseConditions } from './conditions.js';
import { PolicySyntaxError } from './errors.js';
import { parsePrincipal } from './principal.js';
import type { PrincipalSpec } from './principal.js';
import { globTemplate } from './template.js';
import type { GlobTemplate } from './template.js';
import { compileGlob } from './wildcard.js';
import type { Glob } from './wildcard.js';
import type { ConditionTest } from './conditions.js';
import type { PolicyKind } from './types.js';

export interface CompiledStatement {
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  /** Action patterns (lower-case globs); `notAction` inverts. */
  readonly actions: readonly Glob[];
  readonly notAction: boolean;
  /**
   * Undefined in trust policies (they have no Resource): every resource. Globs over the whole ARN: IAM lets a `*`
   * that ends an ARN segment reach across the colons after it (`function:f*` covers `function:f:1`).
   */
  readonly resources: readonly GlobTemplate[] | undefined;
  readonly notResource: boolean;
  readonly principal: PrincipalSpec | undefined;
  readonly notPrincipal: boolean;
  readonly conditions: readonly ConditionTest[];
}

/** A parsed, validated document. Opaque to callers; parse once and keep it (evaluation is on the request path). */
export interface ParsedPolicy {
  readonly kind: PolicyKind;
  readonly text: string;
  readonly statements: readonly CompiledStatement[];
}

export const MESSAGES = {
  syntax: 'Syntax errors in policy.',
  legacy: 'The policy failed legacy parsing',
  noPrincipalAllowed: 'Policy document should not specify a principal.',
  missingPrincipal: 'Missing required field Principal',
  prohibitedResource: 'Has prohibited field Resource',
  vendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  oneColon: 'Actions/Condition can contain only one colon.',
  noActions: 'Policy statement must contain actions.',
  noResources: 'Policy statement must contain resources.',
  sidUnique: 'Statement IDs (SID) in a single policy must be unique.',
  sidAlnum: 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  trustActions: 'AssumeRole policy may only specify STS AssumeRole actions.',
  resourceFormat: (r: string) => `Resource ${r} must be in ARN format or "*".`,
} as const;

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_FIELDS = new Set([
  'Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition',
]);

export function parsePolicyDocument(text: string, kind: PolicyKind): ParsedPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new PolicySyntaxError(MESSAGES.syntax);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new PolicySyntaxError(MESSAGES.syntax);
  const top = doc as Record<string, unknown>;
  for (const k of Object.keys(top)) if (!TOP_LEVEL.has(k)) throw new PolicySyntaxError(MESSAGES.syntax);
  const version = top['Version'];
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    throw new PolicySyntaxError(MESSAGES.legacy);
  }
  if (top['Id'] !== undefined && typeof top['Id'] !== 'string') throw new PolicySyntaxError(MESSAGES.syntax);
  // Policy variables exist only from the 2012-10-17 language on.
  const variables = version === '2012-10-17';
  const rawStatements = top['Statement'];
  if (rawStatements === undefined) throw new PolicySyntaxError(MESSAGES.syntax);
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const sids = new Set<string>();
  const statements = list.map((s) => parseStatement(s, kind, variables, sids));
  return { kind, text, statements };
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new PolicySyntaxError(MESSAGES.syntax);
}

function parseStatement(raw: unknown, kind: PolicyKind, variables: boolean, sids: Set<string>): CompiledStatement {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new PolicySyntaxError(MESSAGES.syntax);
  const st = raw as Record<string, unknown>;
  for (const k of Object.keys(st)) if (!STATEMENT_FIELDS.has(k)) throw new PolicySyntaxError(MESSAGES.syntax);

  let sid: string | undefined;
  if (st['Sid'] !== undefined) {
    if (typeof st['Sid'] !== 'string') throw new PolicySyntaxError(MESSAGES.syntax);
    sid = st['Sid'];
    if (kind === 'identity' && !/^[0-9A-Za-z]*$/.test(sid)) throw new PolicySyntaxError(MESSAGES.sidAlnum);
    if (sid !== '') {
      if (sids.has(sid)) throw new PolicySyntaxError(MESSAGES.sidUnique);
      sids.add(sid);
    }
  }

  const effect = st['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicySyntaxError(effect === undefined ? MESSAGES.syntax : MESSAGES.legacy);
  }

  // Principal: forbidden in identity policies, required (one of the two) in resource and trust policies.
  const hasP = st['Principal'] !== undefined;
  const hasNP = st['NotPrincipal'] !== undefined;
  if (hasP && hasNP) throw new PolicySyntaxError(MESSAGES.syntax);
  let principal: PrincipalSpec | undefined;
  if (kind === 'identity') {
    if (hasP || hasNP) throw new PolicySyntaxError(MESSAGES.noPrincipalAllowed);
  } else {
    if (!hasP && !hasNP) throw new PolicySyntaxError(MESSAGES.missingPrincipal);
    principal = parsePrincipal(hasP ? st['Principal'] : st['NotPrincipal']);
  }

  // Action / NotAction.
  const hasA = st['Action'] !== undefined;
  const hasNA = st['NotAction'] !== undefined;
  if (hasA && hasNA) throw new PolicySyntaxError(MESSAGES.syntax);
  if (!hasA && !hasNA) throw new PolicySyntaxError(MESSAGES.noActions);
  const actionList = stringList(hasA ? st['Action'] : st['NotAction']);
  if (actionList.length === 0) throw new PolicySyntaxError(MESSAGES.noActions);
  const actions = actionList.map((a) => {
    checkAction(a);
    if (kind === 'trust' && !a.toLowerCase().startsWith('sts:') && a !== '*') {
      throw new PolicySyntaxError(MESSAGES.trustActions);
    }
    return compileGlob(a.toLowerCase(), true);
  });

  // Resource / NotResource: trust policies have none.
  const hasR = st['Resource'] !== undefined;
  const hasNR = st['NotResource'] !== undefined;
  if (hasR && hasNR) throw new PolicySyntaxError(MESSAGES.syntax);
  let resources: GlobTemplate[] | undefined;
  if (kind === 'trust') {
    if (hasR) throw new PolicySyntaxError(MESSAGES.prohibitedResource);
    if (hasNR) throw new PolicySyntaxError('Has prohibited field NotResource');
  } else {
    if (!hasR && !hasNR) throw new PolicySyntaxError(MESSAGES.noResources);
    const list = stringList(hasR ? st['Resource'] : st['NotResource']);
    if (list.length === 0) throw new PolicySyntaxError(MESSAGES.noResources);
    resources = list.map((r) => {
      checkResource(r);
      return globTemplate(r, variables);
    });
  }

  const conditions = st['Condition'] === undefined ? [] : parseConditions(st['Condition'], variables);
  return {
    sid,
    effect,
    actions,
    notAction: hasNA,
    resources,
    notResource: hasNR,
    principal,
    notPrincipal: hasNP,
    conditions,
  };
}

function checkAction(a: string): void {
  if (a === '*') return;
  const colon = a.indexOf(':');
  if (colon <= 0) throw new PolicySyntaxError(MESSAGES.vendor);
  if (a.indexOf(':', colon + 1) >= 0) throw new PolicySyntaxError(MESSAGES.oneColon);
  if (!/^[A-Za-z0-9*?-]+$/.test(a.slice(0, colon))) throw new PolicySyntaxError(MESSAGES.vendor);
}

function checkResource(r: string): void {
  if (r === '*') return;
  // An ARN: "arn:" then partition, service, region, account and the resource (which may itself hold colons).
  // A pattern may stop early when it ends in a wildcard ("arn:aws:s3:::*" is whole; "arn:*" is accepted too).
  if (!r.startsWith('arn:')) throw new PolicySyntaxError(MESSAGES.resourceFormat(r));
  let colons = 0;
  for (let i = 0; i < r.length; i++) if (r.charCodeAt(i) === 58) colons++;
  if (colons < 5 && !r.endsWith('*')) throw new PolicySyntaxError(MESSAGES.resourceFormat(r));
}
