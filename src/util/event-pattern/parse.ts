// Checks a parsed pattern against the rules of the language and builds its AST. The order of the checks and the
// reason texts follow EventBridge's matcher, so the same bad pattern fails with the same reason.
import type { AnythingBut, Condition, Exact, FieldNode, ObjectNode } from './ast.js';
import { parseCidr } from './cidr.js';
import { fail } from './errors.js';
import { isPlainObject } from './json.js';
import { parseNumericRange, patternComparable } from './numeric.js';
import { parseWildcard } from './wildcard.js';

const OR = '$or';

/**
 * Names an object inside `$or` may not use as field names: the operators, and words EventBridge keeps for future
 * operators.
 */
const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=',
  'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

/**
 * Nesting beyond this is refused rather than risking the stack. Our own limit (AWS's 4096-character pattern cap
 * makes deeper patterns impossible through the API anyway).
 */
export const MAX_NESTING_DEPTH = 1000;

/**
 * `$or` multiplies out into alternative rules (two `$or`s of 3 branches each are 9). Our own cap, so a pattern
 * cannot make compilation or matching explode; AWS documents no number.
 */
export const MAX_OR_COMBINATIONS = 1000;

export function parsePattern(pattern: unknown): ObjectNode {
  if (!isPlainObject(pattern)) fail('Filter is not an object');
  const node = parseObject(pattern, [], false, 1);
  const combinations = countCombinations(node);
  if (combinations > MAX_OR_COMBINATIONS) {
    fail(`Pattern expands to ${combinations} combinations of $or branches; at most ${MAX_OR_COMBINATIONS} are allowed`);
  }
  return node;
}

function checkDepth(depth: number): void {
  if (depth > MAX_NESTING_DEPTH) fail(`Pattern nesting depth exceeds the maximum allowed (${MAX_NESTING_DEPTH})`);
}

function parseObject(obj: Record<string, unknown>, path: readonly string[], inOr: boolean, depth: number): ObjectNode {
  checkDepth(depth);
  const fields: FieldNode[] = [];
  const ors: ObjectNode[][] = [];
  const keys = Object.keys(obj);
  for (const key of keys) {
    const value = obj[key];
    if (key === OR) {
      ors.push(parseOr(value, path, depth + 1));
      continue;
    }
    if (inOr && RESERVED_IN_OR.has(key)) fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    const childPath = [...path, key];
    if (isPlainObject(value)) {
      fields.push({ kind: 'object', key, node: parseObject(value, childPath, inOr, depth + 1) });
    } else if (Array.isArray(value)) {
      fields.push({ kind: 'leaf', key, path: childPath, conditions: parseLeaf(value, depth + 1) });
    } else {
      fail(`"${key}" must be an object or an array`);
    }
  }
  if (keys.length === 0) fail('Empty objects are not allowed');
  return { fields, ors };
}

function parseOr(value: unknown, path: readonly string[], depth: number): ObjectNode[] {
  checkDepth(depth);
  if (!Array.isArray(value)) fail('It must be an Array followed with $or.');
  const branches: ObjectNode[] = [];
  for (const branch of value) {
    if (!isPlainObject(branch)) fail('Only JSON object is allowed in array of $or relationship.');
    branches.push(parseObject(branch, path, true, depth + 1));
  }
  if (branches.length < 2) fail('There must have at least 2 Objects in $or relationship.');
  return branches;
}

function parseLeaf(values: readonly unknown[], depth: number): Condition[] {
  checkDepth(depth);
  const conditions: Condition[] = [];
  for (const v of values) {
    if (isPlainObject(v)) conditions.push(parseMatchExpression(v));
    else if (isExact(v)) conditions.push({ op: 'exact', value: v });
    else fail('Match value must be String, number, true, false, or null');
  }
  if (conditions.length === 0) fail('Empty arrays are not allowed');
  return conditions;
}

function isExact(v: unknown): v is Exact {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

const ONE_KEY = 'Only one key allowed in match expression';
const TOO_MANY = 'Too many elements in numeric expression';

/** `{ "<operator>": operand }`, one key only. */
function parseMatchExpression(expr: Record<string, unknown>): Condition {
  const keys = Object.keys(expr);
  const name = keys[0];
  if (name === undefined) fail('Match expression name not found');
  const operand = expr[name];
  const onlyKey = (reason = ONE_KEY): void => {
    if (keys.length > 1) fail(reason);
  };
  switch (name) {
    case 'prefix':
    case 'suffix': {
      if (isPlainObject(operand)) {
        const value = parseIgnoreCaseOperand(operand, name === 'prefix' ? 'Prefix' : 'Suffix', name);
        onlyKey();
        return { op: name, value, ignoreCase: true };
      }
      if (typeof operand !== 'string') fail(`${name} match pattern must be a string`);
      onlyKey();
      return { op: name, value: operand, ignoreCase: false };
    }
    case 'numeric': {
      if (!Array.isArray(operand)) fail('Value of numeric must be an array.');
      const range = parseNumericRange(operand);
      onlyKey(TOO_MANY);
      return { op: 'numeric', range };
    }
    case 'anything-but': {
      const but = parseAnythingBut(operand);
      onlyKey(TOO_MANY);
      return { op: 'anything-but', but };
    }
    case 'exists': {
      if (typeof operand !== 'boolean') fail('exists match pattern must be either true or false.');
      onlyKey();
      return { op: 'exists', value: operand };
    }
    case 'cidr': {
      // EventBridge's reason for a non-string CIDR really does say "prefix".
      if (typeof operand !== 'string') fail('prefix match pattern must be a string');
      const range = parseCidr(operand);
      onlyKey();
      return { op: 'cidr', range };
    }
    case 'equals-ignore-case': {
      if (typeof operand !== 'string') fail('equals-ignore-case match pattern must be a string');
      onlyKey();
      return { op: 'equals-ignore-case', value: operand };
    }
    case 'wildcard': {
      if (typeof operand !== 'string') fail('wildcard match pattern must be a string');
      const value = parseWildcard(operand);
      onlyKey();
      return { op: 'wildcard', value };
    }
    default:
      return fail(`Unrecognized match type ${name}`);
  }
}

/** `{"prefix": {"equals-ignore-case": "..."}}` and the suffix form. */
function parseIgnoreCaseOperand(operand: Record<string, unknown>, title: string, name: string): string {
  const keys = Object.keys(operand);
  const inner = keys[0];
  if (inner === undefined) fail(`${title} expression name not found`);
  if (inner !== 'equals-ignore-case') fail(`Unsupported ${name} pattern: ${inner}`);
  const value = operand[inner];
  if (typeof value !== 'string') fail('equals-ignore-case match pattern must be a string');
  if (keys.length > 1) fail(ONE_KEY);
  return value;
}

type ButKind = 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';
const BUT_KINDS: ReadonlySet<string> = new Set<ButKind>(['equals-ignore-case', 'prefix', 'suffix', 'wildcard']);

function parseAnythingBut(operand: unknown): AnythingBut {
  let kind: ButKind | undefined;
  let value = operand;
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    const inner = keys[0];
    if (inner === undefined) fail('Anything-But expression name not found');
    if (!BUT_KINDS.has(inner)) fail(`Unsupported anything-but pattern: ${inner}`);
    kind = inner as ButKind;
    value = operand[inner];
    if (keys.length > 1) {
      // EventBridge reads the operand before noticing the extra key.
      parseButValues(kind, value);
      fail(TOO_MANY);
    }
  }
  if (!Array.isArray(value) && typeof value !== 'string' && typeof value !== 'number') {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  return kind === undefined ? parsePlainBut(value) : parseButValues(kind, value);
}

/** anything-but with a value or a list of values: all strings or all numbers. */
function parsePlainBut(value: unknown[] | string | number): AnythingBut {
  if (typeof value === 'string') return { kind: 'strings', values: [value] };
  if (typeof value === 'number') return { kind: 'numbers', values: [patternComparable(value)] };
  const strings: string[] = [];
  const numbers: number[] = [];
  for (const v of value) {
    if (typeof v === 'string') strings.push(v);
    else if (typeof v === 'number') numbers.push(patternComparable(v));
    else fail('Inside anything but list, start|null|boolean is not supported.');
  }
  if ((strings.length > 0) === (numbers.length > 0)) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return strings.length > 0 ? { kind: 'strings', values: strings } : { kind: 'numbers', values: numbers };
}

/** anything-but with prefix / suffix / equals-ignore-case / wildcard: one string or a list of strings. */
function parseButValues(kind: ButKind, value: unknown): AnythingBut {
  const list = Array.isArray(value) ? value : [value];
  if (!Array.isArray(value) && typeof value !== 'string' && typeof value !== 'number') {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  const strings: string[] = [];
  for (const v of list) {
    if (typeof v !== 'string') {
      if (kind === 'equals-ignore-case') {
        fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
      }
      fail(kind === 'wildcard' ? 'wildcard match pattern must be a string' : 'prefix/suffix match pattern must be a string');
    }
    if ((kind === 'prefix' || kind === 'suffix') && v === '') fail('Null prefix/suffix not allowed');
    strings.push(v);
  }
  if (kind === 'wildcard') return { kind, values: strings.map(parseWildcard) };
  return { kind, values: strings };
}

/** How many alternative rules the pattern multiplies out to (EventBridge expands every `$or`). */
function countCombinations(node: ObjectNode): number {
  let n = 1;
  for (const f of node.fields) if (f.kind === 'object') n *= countCombinations(f.node);
  for (const group of node.ors) {
    let sum = 0;
    for (const branch of group) sum += countCombinations(branch);
    n *= sum;
  }
  return n;
}
