// SQS names a missing required parameter its own way (MissingParameter "The request must contain the parameter
// QueueUrl."), on both protocols, where model validation says ValidationException "Value null at 'queueUrl'…".
import { AwsError } from '../../protocol/errors.js';
import { SqsErrors } from './errors.js';

const MISSING_RE = /^1 validation error detected: Value null at '([A-Za-z]+)' failed to satisfy constraint: Member must not be null$/;

/** The SQS error for a decoding error: a missing top-level member becomes MissingParameter; the rest as it is. */
export function sqsDecodeError(e: unknown): unknown {
  if (!(e instanceof AwsError) || e.code !== 'ValidationException') return e;
  const m = MISSING_RE.exec(e.message);
  if (!m) return e;
  const member = m[1] as string;
  return SqsErrors.missingParameter(member.charAt(0).toUpperCase() + member.slice(1));
}
