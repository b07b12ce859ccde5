// The one error this module throws. Both services answer a bad expression with ValidationException (HTTP 400), each
// in its own words, so the message is chosen by the caller's kind and the service only copies code and message.
export type ScheduleKind = 'rule' | 'scheduler';

/** EventBridge PutRule's answer to any bad ScheduleExpression (seen verbatim in CloudTrail records and SDK errors). */
export const RULE_INVALID_MESSAGE = 'Parameter ScheduleExpression is not valid.';

/**
 * EventBridge Scheduler's answer to a bad ScheduleExpression. AWS's wording is "Invalid Schedule Expression"
 * followed by the expression; the exact tail (the expression, then a period) is our best reading, not a capture.
 */
export function schedulerInvalidMessage(expression: string): string {
  return `Invalid Schedule Expression ${expression}.`;
}

export class ScheduleError extends Error {
  readonly code = 'ValidationException';
  readonly httpStatus = 400;
  override readonly name = 'ScheduleError';
  /** Why we refused it, for logs and tests; never sent to clients (AWS says only the message above). */
  readonly reason: string;

  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

/** The error for `expression` in the words of the service that parses it. */
export function invalidExpression(kind: ScheduleKind, expression: string, reason: string): ScheduleError {
  return new ScheduleError(kind === 'rule' ? RULE_INVALID_MESSAGE : schedulerInvalidMessage(expression), reason);
}
