// FilterCriteria of a queue mapping: EventBridge patterns (src/util/event-pattern) matched against each record.
// AWS's rules for SQS: filtering applies to the `body` key; a body that is a JSON object is matched as that object,
// any other body as the plain string it is, so a JSON pattern never matches a plain-string body and a string
// pattern never matches a JSON body (Lambda drops the record in both cases). A record is sent to the function when
// any filter matches it; records no filter matches are deleted from the queue, as Lambda does.
import { compilePattern, PatternError, type EventPattern } from '../../../util/event-pattern/index.js';
import type { FilterCriteria } from '../api-types.js';
import { LambdaErrors } from '../errors.js';
import type { SqsRecord } from './records.js';

/** Lambda's default quota of filters per event source mapping. */
export const MAX_FILTERS = 5;

export interface RecordFilter {
  matches(record: SqsRecord): boolean;
}

type Compile = (pattern: Record<string, unknown>) => EventPattern;

/**
 * Checks and compiles a mapping's FilterCriteria; undefined when it filters nothing (absent or no filters).
 * Throws Lambda's InvalidParameterValueException for a pattern that is not a JSON object or breaks the language.
 */
export function compileFilters(criteria: FilterCriteria | undefined, compile: Compile = compilePattern): RecordFilter | undefined {
  const filters = criteria?.Filters ?? [];
  if (filters.length === 0) return undefined;
  if (filters.length > MAX_FILTERS) throw LambdaErrors.tooManyFilters(MAX_FILTERS);
  const patterns = filters.map((f) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(f.Pattern ?? '');
    } catch {
      throw LambdaErrors.invalidFilterPattern();
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw LambdaErrors.invalidFilterPattern();
    try {
      return compile(parsed as Record<string, unknown>);
    } catch (e) {
      if (e instanceof PatternError) throw LambdaErrors.invalidFilterPattern();
      throw e;
    }
  });
  return {
    matches(record) {
      const view = { ...record, body: bodyValue(record.body) };
      return patterns.some((p) => p.matches(view));
    },
  };
}

/** The body as patterns see it: the object when it is a JSON object, else the string. */
export function bodyValue(body: string): unknown {
  // Only text that can be an object is parsed: a plain-string body costs no JSON.parse attempt.
  if (!body.trimStart().startsWith('{')) return body;
  try {
    const v: unknown = JSON.parse(body);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : body;
  } catch {
    return body;
  }
}
