// Policy strings that may hold policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`) and, for
// Resource and the *Like/Arn* operators, wildcards. Parsed once with the document; resolved per request against
// the condition context. Variables exist only in Version 2012-10-17 documents; in 2008-10-17 `${…}` is literal.
// A variable's value is inserted as literal text (a `*` in a user name is not a wildcard); `${*}`, `${?}` and
// `${$}` are IAM's way to write those characters literally.
import { compileGlob, globFromPieces, globMatches } from './wildcard.js';
import type { Glob, GlobPiece } from './wildcard.js';
import type { ConditionContext } from './types.js';

type TemplatePiece = GlobPiece | { variable: string; asWritten: string; fallback: string | undefined };

export interface Template {
  readonly raw: string;
  /** Undefined when the template has no variables (then `glob`/`components` are precompiled). */
  readonly pieces: readonly TemplatePiece[] | undefined;
  readonly wild: boolean;
}

/** Parses `raw`. `wild`: `*`/`?` are wildcards; `variables`: `${…}` is a variable (2012-10-17). */
export function parseTemplate(raw: string, wild: boolean, variables: boolean): Template {
  if (!variables || !raw.includes('${')) return { raw, pieces: undefined, wild };
  const pieces: TemplatePiece[] = [];
  let lit = '';
  let i = 0;
  while (i < raw.length) {
    const open = raw.indexOf('${', i);
    if (open < 0) break;
    const close = raw.indexOf('}', open + 2);
    if (close < 0) break;
    lit += raw.slice(i, open);
    pushLiteralOrWild(pieces, lit, wild);
    lit = '';
    const inner = raw.slice(open + 2, close).trim();
    if (inner === '*' || inner === '?' || inner === '$') {
      pieces.push(inner);
    } else {
      const comma = inner.indexOf(',');
      let fallback: string | undefined;
      let key = inner;
      if (comma >= 0) {
        key = inner.slice(0, comma).trim();
        const d = inner.slice(comma + 1).trim();
        fallback = d.length >= 2 && d.startsWith("'") && d.endsWith("'") ? d.slice(1, -1) : d;
      }
      pieces.push({ variable: key.toLowerCase(), asWritten: key, fallback });
    }
    i = close + 1;
  }
  lit += raw.slice(i);
  pushLiteralOrWild(pieces, lit, wild);
  return { raw, pieces, wild };
}

function pushLiteralOrWild(pieces: TemplatePiece[], text: string, wild: boolean): void {
  if (text.length === 0) return;
  if (!wild) {
    pieces.push(text);
    return;
  }
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*' || c === '?') {
      if (i > start) pieces.push(text.slice(start, i));
      pieces.push({ wild: c });
      start = i + 1;
    }
  }
  if (start < text.length) pieces.push(text.slice(start));
}

/** The context keys the template's variables read, as written. */
export function templateVariables(t: Template): string[] {
  const out: string[] = [];
  for (const p of t.pieces ?? []) if (typeof p !== 'string' && 'variable' in p) out.push(p.asWritten);
  return out;
}

/**
 * The template's pieces with variables replaced, or undefined when a variable has no value and no default (the
 * element then matches nothing, as in IAM). A multi-valued key cannot be a variable: treated as absent.
 */
export function resolvePieces(t: Template, ctx: ConditionContext): GlobPiece[] | undefined {
  if (t.pieces === undefined) return t.wild ? undefined : [t.raw];
  const out: GlobPiece[] = [];
  for (const p of t.pieces) {
    if (typeof p === 'string' || 'wild' in p) {
      out.push(p);
      continue;
    }
    const values = ctx.get(p.variable);
    if (values !== undefined && values.length === 1) out.push(values[0]!);
    else if (p.fallback !== undefined) out.push(p.fallback);
    else return undefined;
  }
  return out;
}

/** The plain string of a non-wild template, or undefined when a variable is missing. */
export function resolveString(t: Template, ctx: ConditionContext): string | undefined {
  if (t.pieces === undefined) return t.raw;
  const pieces = resolvePieces(t, ctx);
  if (pieces === undefined) return undefined;
  let s = '';
  for (const p of pieces) s += typeof p === 'string' ? p : p.wild;
  return s;
}

// ---- wildcard strings (StringLike) ----

export interface GlobTemplate {
  readonly template: Template;
  /** Precompiled when the template has no variables. */
  readonly glob: Glob | undefined;
  readonly fold: boolean;
}

export function globTemplate(raw: string, variables: boolean, fold = false): GlobTemplate {
  const template = parseTemplate(raw, true, variables);
  return { template, glob: template.pieces === undefined ? compileGlob(raw, fold) : undefined, fold };
}

/** `value` must already be lower-cased when the template folds case. */
export function globTemplateMatches(g: GlobTemplate, value: string, ctx: ConditionContext): boolean {
  if (g.glob !== undefined) return globMatches(g.glob, value);
  const pieces = resolvePieces(g.template, ctx);
  return pieces !== undefined && globMatches(globFromPieces(pieces, g.fold), value);
}

// ---- ARNs: six colon-separated components, each matched on its own ----

export interface ArnTemplate {
  readonly template: Template;
  readonly matchesAll: boolean;
  /** Per-component globs, precompiled when the template has no variables. */
  readonly components: readonly Glob[] | undefined;
}

export function arnTemplate(raw: string, variables: boolean): ArnTemplate {
  const template = parseTemplate(raw, true, variables);
  return {
    template,
    matchesAll: raw === '*',
    components: template.pieces === undefined && raw !== '*' ? literalArnComponents(raw) : undefined,
  };
}

/** Cuts a pattern without variables at its first five colons and compiles each component. */
function literalArnComponents(raw: string): Glob[] {
  const comps: Glob[] = [];
  let start = 0;
  while (comps.length < 5) {
    const colon = raw.indexOf(':', start);
    if (colon < 0) break;
    comps.push(compileGlob(raw.slice(start, colon)));
    start = colon + 1;
  }
  comps.push(compileGlob(raw.slice(start)));
  return comps;
}

/** Cuts glob pieces at the first five colons into per-component globs (the sixth keeps its colons). */
function arnComponents(pieces: readonly GlobPiece[]): Glob[] {
  const comps: GlobPiece[][] = [[]];
  for (const p of pieces) {
    if (typeof p !== 'string') {
      comps[comps.length - 1]!.push(p);
      continue;
    }
    let rest = p;
    for (;;) {
      const colon = comps.length < 6 ? rest.indexOf(':') : -1;
      if (colon < 0) break;
      if (colon > 0) comps[comps.length - 1]!.push(rest.slice(0, colon));
      comps.push([]);
      rest = rest.slice(colon + 1);
    }
    if (rest.length > 0) comps[comps.length - 1]!.push(rest);
  }
  return comps.map((c) => globFromPieces(c));
}

export function arnTemplateMatches(t: ArnTemplate, value: string, ctx: ConditionContext): boolean {
  if (t.matchesAll) return true;
  let comps = t.components;
  if (comps === undefined) {
    const pieces = resolvePieces(t.template, ctx);
    if (pieces === undefined) return false;
    comps = arnComponents(pieces);
  }
  return arnMatches(comps, value);
}

function arnMatches(comps: readonly Glob[], value: string): boolean {
  let start = 0;
  for (let i = 0; i < comps.length; i++) {
    const last = i === comps.length - 1;
    // The pattern's last component takes the rest of the value (the resource part keeps its colons).
    const colon = last ? -1 : value.indexOf(':', start);
    if (!last && colon < 0) return false;
    const part = last ? value.slice(start) : value.slice(start, colon);
    if (!globMatches(comps[i]!, part)) return false;
    start = colon + 1;
  }
  return true;
}
