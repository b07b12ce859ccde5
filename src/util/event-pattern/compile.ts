// Turns a checked pattern (ast.ts) into closures that test an event. Everything that can be decided once is decided
// here: exact strings go into a Set, case-folded operands are folded once, numbers are in comparable form.
import type { AnythingBut, Condition, Exact, FieldNode, ObjectNode } from './ast.js';
import { inIpRange, looksLikeIp, parseIp, sameAddress } from './cidr.js';
import { field, hasLeaf, hasLeafAt, type Leaf, someLeaf, someObject } from './event-values.js';
import { comparable, inComparableRange, inRange } from './numeric.js';
import { wildcardMatches } from './wildcard.js';

/** Tests one context object (or undefined when absent) of an event whose root is `root`. */
type NodeMatcher = (ctx: unknown, root: unknown) => boolean;
type ValueTest = (v: Leaf) => boolean;

export function compileNode(node: ObjectNode): NodeMatcher {
  const fields = node.fields.map(compileField);
  const ors = node.ors.map((group) => group.map(compileNode));
  return (ctx, root) => {
    for (const f of fields) if (!f(ctx, root)) return false;
    for (const group of ors) {
      let any = false;
      for (const branch of group) {
        if (branch(ctx, root)) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    }
    return true;
  };
}

function compileField(f: FieldNode): NodeMatcher {
  const { key } = f;
  if (f.kind === 'object') {
    const nested = compileNode(f.node);
    // All nested fields must hold within one object: with an array of objects, within one element.
    return (ctx, root) => someObject(field(ctx, key), nested, root) ?? nested(undefined, root);
  }
  const test = valueTest(f.conditions);
  const existsTrue = f.conditions.some((c) => c.op === 'exists' && c.value);
  const existsFalse = f.conditions.some((c) => c.op === 'exists' && !c.value);
  const { path } = f;
  return (ctx, root) => {
    const raw = field(ctx, key);
    if (test !== undefined && someLeaf(raw, test)) return true;
    if (existsTrue && hasLeaf(raw)) return true;
    return existsFalse && !hasLeafAt(root, path);
  };
}

/** One test for all the value conditions of a leaf (exists is handled by the caller), or undefined if none. */
function valueTest(conditions: readonly Condition[]): ValueTest | undefined {
  const strings = new Set<string>();
  const numbers: number[] = [];
  const others = new Set<boolean | null>();
  const tests: ValueTest[] = [];
  for (const c of conditions) {
    if (c.op === 'exact') addExact(c.value, strings, numbers, others, tests);
    else if (c.op !== 'exists') tests.push(conditionTest(c));
  }
  if (strings.size > 0) tests.unshift((v) => typeof v === 'string' && strings.has(v));
  if (numbers.length > 0) tests.unshift((v) => typeof v === 'number' && someOf(numbers, numberEquals, v));
  if (others.size > 0) tests.unshift((v) => (v === null || typeof v === 'boolean') && others.has(v));
  if (tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0];
  return (v) => {
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}

function addExact(value: Exact, strings: Set<string>, numbers: number[], others: Set<boolean | null>, tests: ValueTest[]): void {
  if (typeof value === 'number') numbers.push(value);
  else if (typeof value !== 'string') others.add(value);
  else {
    strings.add(value);
    // An exact value that is an IP address matches the same address however it is written.
    const address = looksLikeIp(value) ? parseIp(value) : undefined;
    if (address) tests.push((v) => typeof v === 'string' && v !== value && sameIp(v, address));
  }
}

function sameIp(v: string, address: Uint8Array): boolean {
  if (!looksLikeIp(v)) return false;
  const parsed = parseIp(v);
  return parsed !== undefined && sameAddress(parsed, address);
}

/** Numbers written in a pattern equal event numbers the way EventBridge compares them (six decimals). */
function numberEquals(patternValue: number, v: number): boolean {
  if (v === patternValue) return true;
  return inComparableRange(v) && inComparableRange(patternValue) && comparable(v) === comparable(patternValue);
}

function conditionTest(c: Exclude<Condition, { op: 'exact' | 'exists' }>): ValueTest {
  switch (c.op) {
    case 'prefix':
    case 'suffix': {
      const atStart = c.op === 'prefix';
      if (!c.ignoreCase) {
        const s = c.value;
        return atStart
          ? (v) => typeof v === 'string' && v.startsWith(s)
          : (v) => typeof v === 'string' && v.endsWith(s);
      }
      const folded = c.value.toLowerCase();
      return atStart
        ? (v) => typeof v === 'string' && v.toLowerCase().startsWith(folded)
        : (v) => typeof v === 'string' && v.toLowerCase().endsWith(folded);
    }
    case 'equals-ignore-case': {
      const folded = c.value.toLowerCase();
      return (v) => typeof v === 'string' && v.toLowerCase() === folded;
    }
    case 'wildcard': {
      const w = c.value;
      return (v) => typeof v === 'string' && wildcardMatches(w, v);
    }
    case 'numeric': {
      const range = c.range;
      return (v) => typeof v === 'number' && inRange(range, v);
    }
    case 'cidr': {
      const range = c.range;
      return (v) => {
        if (typeof v !== 'string' || !looksLikeIp(v)) return false;
        const address = parseIp(v);
        return address !== undefined && inIpRange(range, address);
      };
    }
    case 'anything-but': {
      const excluded = exclusionTest(c.but);
      return (v) => !excluded(v);
    }
  }
}

/**
 * What anything-but excludes. Any present value that is not excluded matches: a number is never excluded by a list
 * of strings, nor a string by a list of numbers.
 */
function exclusionTest(but: AnythingBut): ValueTest {
  switch (but.kind) {
    case 'strings': {
      const set = new Set(but.values);
      return (v) => typeof v === 'string' && set.has(v);
    }
    case 'numbers': {
      const set = new Set(but.values);
      return (v) => typeof v === 'number' && inComparableRange(v) && set.has(comparable(v));
    }
    case 'prefix': {
      const list = but.values;
      return (v) => typeof v === 'string' && someOf(list, startsWith, v);
    }
    case 'suffix': {
      const list = but.values;
      return (v) => typeof v === 'string' && someOf(list, endsWith, v);
    }
    case 'equals-ignore-case': {
      const set = new Set(but.values.map((s) => s.toLowerCase()));
      return (v) => typeof v === 'string' && set.has(v.toLowerCase());
    }
    case 'wildcard': {
      const list = but.values;
      return (v) => typeof v === 'string' && someOf(list, wildcardMatches, v);
    }
  }
}

/** `list.some((x) => test(x, v))` without allocating a closure per event value. */
function someOf<T, V>(list: readonly T[], test: (item: T, v: V) => boolean, v: V): boolean {
  for (const item of list) if (test(item, v)) return true;
  return false;
}

const startsWith = (prefix: string, v: string): boolean => v.startsWith(prefix);
const endsWith = (suffix: string, v: string): boolean => v.endsWith(suffix);
