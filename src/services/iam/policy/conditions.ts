// The Condition element: operators, their …IfExists forms, the ForAnyValue:/ForAllValues: set qualifiers and the
// Null check, compiled once per document. AWS's rules: every operator block must hold, every key within a block
// must hold, and a key holds when the request's value matches ANY of the listed values; a negated operator
// (StringNotEquals, NotIpAddress…) holds when the value matches NONE of them, and holds when the key is absent.
import { PolicySyntaxError } from './errors.js';
import { arnTemplate, arnTemplateMatches, globTemplate, globTemplateMatches, parseTemplate, resolveString } from './template.js';
import type { ArnTemplate, GlobTemplate, Template } from './template.js';
import type { ConditionContext } from './types.js';

type Family = 'string' | 'stringIgnoreCase' | 'stringLike' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';
type Comparison = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

interface OperatorSpec {
  family: Family;
  negated: boolean;
  cmp: Comparison;
}

/** Condition operators by lower-cased name (IAM matches them regardless of case). */
const OPERATORS = new Map<string, OperatorSpec>();
function op(name: string, family: Family, negated = false, cmp: Comparison = 'eq'): void {
  OPERATORS.set(name.toLowerCase(), { family, negated, cmp });
}
op('StringEquals', 'string');
op('StringNotEquals', 'string', true);
op('StringEqualsIgnoreCase', 'stringIgnoreCase');
op('StringNotEqualsIgnoreCase', 'stringIgnoreCase', true);
op('StringLike', 'stringLike');
op('StringNotLike', 'stringLike', true);
op('NumericEquals', 'numeric');
op('NumericNotEquals', 'numeric', true);
op('NumericLessThan', 'numeric', false, 'lt');
op('NumericLessThanEquals', 'numeric', false, 'le');
op('NumericGreaterThan', 'numeric', false, 'gt');
op('NumericGreaterThanEquals', 'numeric', false, 'ge');
op('DateEquals', 'date');
op('DateNotEquals', 'date', true);
op('DateLessThan', 'date', false, 'lt');
op('DateLessThanEquals', 'date', false, 'le');
op('DateGreaterThan', 'date', false, 'gt');
op('DateGreaterThanEquals', 'date', false, 'ge');
op('Bool', 'bool');
op('BinaryEquals', 'binary');
op('IpAddress', 'ip');
op('NotIpAddress', 'ip', true);
op('ArnEquals', 'arn');
op('ArnLike', 'arn');
op('ArnNotEquals', 'arn', true);
op('ArnNotLike', 'arn', true);
op('Null', 'null');

/** One policy value, compiled for its operator family. */
type Operand =
  | { kind: 'string'; t: Template }
  | { kind: 'glob'; g: GlobTemplate }
  | { kind: 'arn'; a: ArnTemplate }
  | { kind: 'number'; n: number }
  | { kind: 'ip'; net: Cidr | undefined }
  | { kind: 'raw'; s: string };

/** One key under one operator: `"StringEquals": {"aws:SourceAccount": ["1", "2"]}` gives one of these. */
export interface ConditionTest {
  readonly operator: string;
  readonly key: string;
  /** The key as the document wrote it (GetContextKeysFor…Policy answers it so). */
  readonly keyAsWritten: string;
  readonly spec: OperatorSpec;
  readonly ifExists: boolean;
  readonly set: 'any' | 'all' | undefined;
  readonly operands: readonly Operand[];
}

const SYNTAX = 'Syntax errors in policy.';
const VENDOR = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';

export function parseConditions(block: unknown, variables: boolean): ConditionTest[] {
  if (block === null || typeof block !== 'object' || Array.isArray(block)) throw new PolicySyntaxError(SYNTAX);
  const tests: ConditionTest[] = [];
  for (const [operator, keys] of Object.entries(block as Record<string, unknown>)) {
    let name = operator.toLowerCase();
    let set: 'any' | 'all' | undefined;
    if (name.startsWith('foranyvalue:')) {
      set = 'any';
      name = name.slice('foranyvalue:'.length);
    } else if (name.startsWith('forallvalues:')) {
      set = 'all';
      name = name.slice('forallvalues:'.length);
    }
    let ifExists = false;
    if (name.endsWith('ifexists') && name !== 'ifexists') {
      ifExists = true;
      name = name.slice(0, -'ifexists'.length);
    }
    const spec = OPERATORS.get(name);
    if (spec === undefined || (ifExists && spec.family === 'null')) throw new PolicySyntaxError(SYNTAX);
    if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) throw new PolicySyntaxError(SYNTAX);
    for (const [key, raw] of Object.entries(keys as Record<string, unknown>)) {
      const colon = key.indexOf(':');
      if (colon <= 0) throw new PolicySyntaxError(VENDOR);
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.length === 0) throw new PolicySyntaxError(SYNTAX);
      const operands = values.map((v) => compileOperand(spec, scalar(v), variables));
      tests.push({ operator, key: key.toLowerCase(), keyAsWritten: key, spec, ifExists, set, operands });
    }
  }
  return tests;
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new PolicySyntaxError(SYNTAX);
}

function compileOperand(spec: OperatorSpec, s: string, variables: boolean): Operand {
  switch (spec.family) {
    case 'string':
    case 'stringIgnoreCase':
      return { kind: 'string', t: parseTemplate(s, false, variables) };
    case 'stringLike':
      return { kind: 'glob', g: globTemplate(s, variables) };
    case 'arn':
      return { kind: 'arn', a: arnTemplate(s, variables) };
    case 'numeric':
      return { kind: 'number', n: parseNumber(s) };
    case 'date':
      return { kind: 'number', n: parseDate(s) };
    case 'ip':
      return { kind: 'ip', net: parseCidr(s) };
    case 'bool':
    case 'null':
      return { kind: 'raw', s: s.toLowerCase() };
    case 'binary':
      return { kind: 'raw', s };
  }
}

/** A number as IAM reads it; NaN (matches nothing) when it is not one. */
function parseNumber(s: string): number {
  const t = s.trim();
  return t === '' ? NaN : Number(t);
}

/** Dates are ISO 8601 or seconds since the epoch (aws:EpochTime); ms since the epoch, NaN when neither. */
export function parseDate(s: string): number {
  const t = s.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  return t === '' ? NaN : Date.parse(t);
}

// ---- IP addresses ----

interface Cidr {
  v6: boolean;
  /** The address as 4 (v4) or 8 (v6) 16-bit groups, v4 as two. */
  groups: number[];
  prefix: number;
}

export function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s.trim() : s.slice(0, slash).trim();
  const groups = parseIp(addr);
  if (groups === undefined) return undefined;
  const bits = groups.length * 16;
  let prefix = bits;
  if (slash >= 0) {
    const p = s.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > bits) return undefined;
  }
  return { v6: groups.length === 8, groups, prefix };
}

/** IPv4 → 2 groups of 16 bits; IPv6 (with ::, and an embedded IPv4 tail) → 8. */
function parseIp(s: string): number[] | undefined {
  if (s.includes(':')) return parseIpv6(s);
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return [bytes[0]! * 256 + bytes[1]!, bytes[2]! * 256 + bytes[3]!];
}

function parseIpv6(s: string): number[] | undefined {
  if (s.length > 64) return undefined;
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return undefined;
  const head = dbl >= 0 ? s.slice(0, dbl) : s;
  const tail = dbl >= 0 ? s.slice(dbl + 2) : '';
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseIp(item);
        if (v4 === undefined) return undefined;
        out.push(...v4);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return undefined;
        out.push(parseInt(item, 16));
      }
    }
    return out;
  };
  const h = parse(head);
  const t = parse(tail);
  if (h === undefined || t === undefined) return undefined;
  if (dbl < 0) return h.length === 8 ? h : undefined;
  const fill = 8 - h.length - t.length;
  if (fill < 1) return undefined;
  return [...h, ...new Array<number>(fill).fill(0), ...t];
}

function inCidr(net: Cidr, ip: number[]): boolean {
  let addr = ip;
  if (net.v6 !== (ip.length === 8)) {
    // An IPv4 client against an IPv4-mapped IPv6 range (::ffff:a.b.c.d/n) or the reverse.
    if (ip.length === 8 && ip.slice(0, 5).every((g) => g === 0) && ip[5] === 0xffff) addr = ip.slice(6);
    else if (ip.length === 2 && net.v6) addr = [0, 0, 0, 0, 0, 0xffff, ...ip];
    else return false;
    if ((addr.length === 8) !== net.v6) return false;
  }
  let bits = net.prefix;
  for (let i = 0; i < addr.length && bits > 0; i++) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((addr[i]! & mask) !== (net.groups[i]! & mask)) return false;
    bits -= take;
  }
  return true;
}

// ---- evaluation ----

/** The templates of a test's operands (for the variables they read). */
export function operandTemplates(t: ConditionTest): Template[] {
  const out: Template[] = [];
  for (const o of t.operands) {
    if (o.kind === 'string') out.push(o.t);
    else if (o.kind === 'glob') out.push(o.g.template);
    else if (o.kind === 'arn') out.push(o.a.template);
  }
  return out;
}

/** True when every test holds for the request context. */
export function conditionsHold(tests: readonly ConditionTest[], ctx: ConditionContext): boolean {
  for (const t of tests) if (!testHolds(t, ctx)) return false;
  return true;
}

function testHolds(t: ConditionTest, ctx: ConditionContext): boolean {
  const values = ctx.get(t.key);
  const present = values !== undefined && values.length > 0;
  if (t.spec.family === 'null') {
    // "Null": "true" asks that the key be absent, "false" that it be present.
    const wantAbsent = t.operands.some((o) => o.kind === 'raw' && o.s === 'true');
    const wantPresent = t.operands.some((o) => o.kind === 'raw' && o.s === 'false');
    return (wantAbsent && !present) || (wantPresent && present);
  }
  if (t.set === 'all') {
    // Every request value must match; an absent key or empty set holds (vacuously), as AWS documents.
    if (!present) return true;
    for (const v of values) if (!valueHolds(t, v, ctx)) return false;
    return true;
  }
  if (t.set === 'any') {
    if (!present) return t.ifExists;
    for (const v of values) if (valueHolds(t, v, ctx)) return true;
    return false;
  }
  if (!present) return t.ifExists || t.spec.negated;
  // A single-valued operator given several request values: any of them may satisfy it (negated: none may match).
  if (t.spec.negated) {
    for (const v of values) if (!valueHolds(t, v, ctx)) return false;
    return true;
  }
  for (const v of values) if (valueHolds(t, v, ctx)) return true;
  return false;
}

/** Does one request value satisfy the operator (for a negated operator: match none of the operands)? */
function valueHolds(t: ConditionTest, value: string, ctx: ConditionContext): boolean {
  let any = false;
  for (const o of t.operands) {
    if (operandMatches(t.spec, o, value, ctx)) {
      any = true;
      break;
    }
  }
  return t.spec.negated ? !any : any;
}

function operandMatches(spec: OperatorSpec, o: Operand, value: string, ctx: ConditionContext): boolean {
  switch (o.kind) {
    case 'string': {
      const s = resolveString(o.t, ctx);
      if (s === undefined) return false;
      return spec.family === 'stringIgnoreCase' ? s.toLowerCase() === value.toLowerCase() : s === value;
    }
    case 'glob':
      return globTemplateMatches(o.g, value, ctx);
    case 'arn':
      return arnTemplateMatches(o.a, value, ctx);
    case 'number': {
      const v = spec.family === 'date' ? parseDate(value) : parseNumber(value);
      if (Number.isNaN(v) || Number.isNaN(o.n)) return false;
      switch (spec.cmp) {
        case 'eq':
          return v === o.n;
        case 'lt':
          return v < o.n;
        case 'le':
          return v <= o.n;
        case 'gt':
          return v > o.n;
        case 'ge':
          return v >= o.n;
      }
      return false;
    }
    case 'ip': {
      if (o.net === undefined) return false;
      const ip = parseIp(value.trim());
      return ip !== undefined && inCidr(o.net, ip);
    }
    case 'raw':
      return spec.family === 'bool' ? o.s === value.toLowerCase() : o.s === value;
  }
}
