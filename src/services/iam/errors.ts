// IAM's errors with AWS's codes, statuses and wording (query protocol: the codec writes <Code> and <Message>).
import { AwsError } from '../../protocol/errors.js';

export type IamEntityType = 'role' | 'user' | 'group';

function err(code: string, status: number, message: string): AwsError {
  return new AwsError(code, message, { status });
}

export const IamErrors = {
  noSuchEntity: (type: IamEntityType, name: string) => err('NoSuchEntity', 404, `The ${type} with name ${name} cannot be found.`),
  noSuchEntityMessage: (message: string) => err('NoSuchEntity', 404, message),
  noSuchInlinePolicy: (type: IamEntityType, policyName: string) =>
    err('NoSuchEntity', 404, `The ${type} policy with name ${policyName} cannot be found.`),
  policyNotFound: (arn: string) => err('NoSuchEntity', 404, `Policy ${arn} was not found.`),
  policyNotAttachable: (arn: string) => err('NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`),
  policyVersionNotFound: (arn: string, versionId: string) =>
    err('NoSuchEntity', 404, `Policy ${arn} version ${versionId} does not exist or is not attachable.`),
  accessKeyNotFound: (accessKeyId: string) =>
    err('NoSuchEntity', 404, `The Access Key with id ${accessKeyId} cannot be found.`),
  entityExists: (type: IamEntityType, name: string) =>
    err('EntityAlreadyExists', 409, `${type[0]!.toUpperCase()}${type.slice(1)} with name ${name} already exists.`),
  policyExists: (name: string) =>
    err('EntityAlreadyExists', 409, `A policy called ${name} already exists. Duplicate names are not allowed.`),
  deleteConflict: (message: string) => err('DeleteConflict', 409, message),
  limitExceeded: (message: string) => err('LimitExceeded', 409, message),
  malformedPolicy: (message: string) => err('MalformedPolicyDocument', 400, message),
  invalidInput: (message: string) => err('InvalidInput', 400, message),
  validation: (message: string) => err('ValidationError', 400, message),
  accessDenied: (message: string) => err('AccessDenied', 403, message),
  requestTooLarge: (limit: number) => err('RequestEntityTooLarge', 413, `Request body larger than ${limit} bytes`),
} as const;
