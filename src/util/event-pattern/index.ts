// EventBridge's event pattern language, one matcher for every user of it: EventBridge rules and TestEventPattern
// (issue 16) and Lambda's event filtering (FilterCriteria of event source mappings, issue 15). A leaf module: no
// Lambent imports; callers map PatternError to their service's error (EventBridge: InvalidEventPatternException
// with "Event pattern is not valid. Reason: " + message; Lambda: InvalidParameterValueException with
// "Invalid filter pattern definition.").
//
// parse.ts checks a pattern and builds its AST (ast.ts); compile.ts turns that into closures; numeric.ts, cidr.ts and
// wildcard.ts hold the operators with rules of their own; event-values.ts is how patterns walk events.
import { compileNode } from './compile.js';
import { PatternError } from './errors.js';
import { parsePattern } from './parse.js';

export { PatternError } from './errors.js';
export { MAX_NESTING_DEPTH, MAX_OR_COMBINATIONS } from './parse.js';

/**
 * The most characters a pattern may have: EventBridge's EventPattern and Lambda's Filter.Pattern are both capped at
 * 4096 by their API models. Callers enforce it at their API boundary (it is a validation error there, not a pattern
 * error); compilePattern itself takes any size.
 */
export const MAX_PATTERN_LENGTH = 4096;

export interface EventPattern {
  /** True when `event` (a parsed JSON value: an EventBridge event, an SQS record with its body parsed…) matches. */
  matches(event: unknown): boolean;
}

/**
 * Parses and checks a pattern (JSON text or an already parsed object), once; matching is then cheap.
 * Throws PatternError.
 */
export function compilePattern(pattern: string | Record<string, unknown>): EventPattern {
  const parsed = typeof pattern === 'string' ? parseJson(pattern) : pattern;
  const root = compileNode(parsePattern(parsed));
  return { matches: (event) => root(event, event) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // JSON.parse's message names the position and the problem; it never holds anything but the input.
    throw new PatternError(err instanceof Error ? err.message : 'Pattern is not valid JSON');
  }
}
