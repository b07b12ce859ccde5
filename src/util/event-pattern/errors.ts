/**
 * A pattern that does not parse or breaks a rule of the language. `message` is the reason text EventBridge puts
 * after "Event pattern is not valid. Reason: " (its matcher's own wording, kept verbatim where known), without the
 * parser-position suffix AWS appends. Lambda replaces every reason with "Invalid filter pattern definition.".
 */
export class PatternError extends Error {
  override name = 'PatternError';
}

/** Throws a PatternError: reads as a statement at the many places validation gives up. */
export function fail(reason: string): never {
  throw new PatternError(reason);
}
