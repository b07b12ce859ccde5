// EventBridge's event pattern language, one matcher for every user of it: EventBridge rules and TestEventPattern
// (issue 16) and Lambda's event filtering (FilterCriteria of event source mappings, issue 15). A leaf module: no
// Lambent imports; callers map PatternError to their service's error (EventBridge: InvalidEventPatternException;
// Lambda: InvalidParameterValueException).
//
// CONTRACT (implementation to come; the signatures below are what callers code against).

/** A pattern that does not parse or breaks a rule of the language; `message` is EventBridge's reason text. */
export class PatternError extends Error {}

export interface EventPattern {
  /** True when `event` (a parsed JSON value: an EventBridge event, an SQS record with its body parsed…) matches. */
  matches(event: unknown): boolean;
}

/**
 * Parses and checks a pattern (JSON text or an already parsed object), once; matching is then cheap.
 * Throws PatternError.
 */
export function compilePattern(pattern: string | Record<string, unknown>): EventPattern {
  void pattern;
  throw new PatternError('not implemented yet');
}
