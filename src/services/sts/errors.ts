// STS's errors, with AWS's codes, statuses and wording (query protocol: the code is written as is, e.g.
// ValidationError, AccessDenied, MalformedPolicyDocument).
import { AwsError } from '../../protocol/errors.js';

export const StsErrors = {
  /** AWS's ValidationError: a constraint the model cannot express, in AWS's sentence. */
  validation(message: string): AwsError {
    return new AwsError('ValidationError', message, { status: 400 });
  },
  /** One member failing a constraint, worded as the model-driven validation words it. */
  constraint(value: string, member: string, constraint: string): AwsError {
    return new AwsError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`, {
      status: 400,
    });
  },
  accessDenied(message: string): AwsError {
    return new AwsError('AccessDenied', message, { status: 403 });
  },
  /** AWS refuses AssumeRole to the account root (its keys or its GetSessionToken sessions), whatever the role. */
  rootMayNotAssume(): AwsError {
    return new AwsError('AccessDenied', 'Roles may not be assumed by root accounts.', { status: 403 });
  },
  /** The denial of an AssumeRole (nonexistent roles answer the same: the caller learns nothing about them). */
  notAuthorized(callerArn: string, action: string, resource: string): AwsError {
    return new AwsError('AccessDenied', `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`, { status: 403 });
  },
  malformedPolicy(message: string): AwsError {
    return new AwsError('MalformedPolicyDocument', message, { status: 400 });
  },
  packedPolicyTooLarge(percent: number): AwsError {
    return new AwsError('PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`, { status: 400 });
  },
  invalidParameter(message: string): AwsError {
    return new AwsError('InvalidParameterValue', message, { status: 400 });
  },
} as const;
