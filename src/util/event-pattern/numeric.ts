// Numbers as EventBridge compares them. Its matcher maps every number to a fixed-point integer with six digits after
// the decimal point, in the range -5e9..5e9, and compares those; so 1.0000001 equals 1, and values outside the range
// cannot take part in numeric comparisons at all. We reproduce the same double arithmetic (offset, scale, truncate),
// which gives the same answers on every input.
import { fail } from './errors.js';

const LIMIT = 5e9;
const SCALE = 1e6;

/** EventBridge's range message: Java prints the bounds as doubles. */
const OUT_OF_RANGE = 'Value must be between -5.0E9 and 5.0E9, inclusive';

export function inComparableRange(n: number): boolean {
  return n >= -LIMIT && n <= LIMIT;
}

/** The comparable form of an in-range number (caller checks the range). */
export function comparable(n: number): number {
  return Math.floor(SCALE * (LIMIT + n));
}

/** The comparable form of a number written in a pattern; out of range is a pattern error. */
export function patternComparable(n: number): number {
  if (!inComparableRange(n)) fail(OUT_OF_RANGE);
  return comparable(n);
}

/** A numeric condition: bottom/top are comparable forms; an absent bound is unbounded on that side. */
export interface NumericRange {
  readonly bottom: number;
  readonly openBottom: boolean;
  readonly top: number;
  readonly openTop: boolean;
}

const MIN = comparable(-LIMIT);
const MAX = comparable(LIMIT);

/** Parses the operand list of `{"numeric": [...]}` with EventBridge's reasons for each malformed shape. */
export function parseNumericRange(terms: readonly unknown[]): NumericRange {
  const op = terms[0];
  if (typeof op !== 'string') fail(`Invalid member in numeric match: ${tokenText(terms, 0)}`);
  const operand = (i: number, name: string): number => {
    const v = terms[i];
    if (typeof v !== 'number') fail(`Value of ${name} must be numeric`);
    return patternComparable(v);
  };
  const noMore = (i: number, reason: string): void => {
    if (terms.length > i) fail(reason);
  };
  switch (op) {
    case '=': {
      const v = operand(1, 'equals');
      noMore(2, 'Too many elements in numeric expression');
      return { bottom: v, openBottom: false, top: v, openTop: false };
    }
    case '<':
    case '<=': {
      const v = operand(1, op);
      noMore(2, 'Too many elements in numeric expression');
      return { bottom: MIN, openBottom: false, top: v, openTop: op === '<' };
    }
    case '>':
    case '>=': {
      const bottom = operand(1, op);
      const openBottom = op === '>';
      if (terms.length === 2) return { bottom, openBottom, top: MAX, openTop: false };
      const upper = terms[2];
      if (typeof upper !== 'string') fail(`Bad value in numeric range: ${tokenText(terms, 2)}`);
      if (upper !== '<' && upper !== '<=') fail(`Bad numeric range operator: ${upper}`);
      const top = operand(3, upper);
      noMore(4, 'Too many terms in numeric range expression');
      if (bottom >= top) fail('Bottom must be less than top');
      return { bottom, openBottom, top, openTop: upper === '<' };
    }
    default:
      return fail(`Unrecognized numeric range operator: ${op}`);
  }
}

export function inRange(range: NumericRange, n: number): boolean {
  if (!inComparableRange(n)) return false;
  const c = comparable(n);
  return (range.openBottom ? c > range.bottom : c >= range.bottom) && (range.openTop ? c < range.top : c <= range.top);
}

/** How EventBridge's JSON parser prints the token at `i` in its messages (the closing bracket when past the end). */
function tokenText(terms: readonly unknown[], i: number): string {
  if (i >= terms.length) return ']';
  const v = terms[i];
  if (Array.isArray(v)) return '[';
  if (v !== null && typeof v === 'object') return '{';
  return typeof v === 'string' ? v : String(v);
}
