// Lambda's API errors, in one place, with AWS's own wording (taken from real
// responses recorded in shared/parity). HTTP status and message casing come
// from the model when the codec serializes them.
import type { ThrottleReason } from '../../invocation/concurrency.js';
import { AwsError } from '../../protocol/errors.js';

export const LambdaErrors = {
  /** A denial by IAM; the message is AWS's sentence ("User: … is not authorized to perform: …"). */
  accessDenied(message: string): AwsError {
    return new AwsError('AccessDeniedException', message, { status: 403 });
  },
  functionNotFound(arn: string): AwsError {
    return new AwsError('ResourceNotFoundException', `Function not found: ${arn}`);
  },
  resourceNotFound(message: string): AwsError {
    return new AwsError('ResourceNotFoundException', message);
  },
  functionExists(name: string): AwsError {
    return new AwsError('ResourceConflictException', `Function already exist: ${name}`);
  },
  updateInProgress(arn: string): AwsError {
    return new AwsError(
      'ResourceConflictException',
      `The operation cannot be performed at this time. An update is in progress for resource: ${arn}`,
    );
  },
  pendingState(arn: string): AwsError {
    return new AwsError(
      'ResourceConflictException',
      `The operation cannot be performed at this time. The function is currently in the following state: Pending`,
      { fields: { resource: arn } },
    );
  },
  invalidParameter(message: string): AwsError {
    return new AwsError('InvalidParameterValueException', message);
  },
  revisionMismatch(): AwsError {
    return new AwsError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    );
  },
  requestEntityTooLarge(limit: number, operation: string): AwsError {
    return new AwsError(
      'RequestEntityTooLargeException',
      `Request must be smaller than ${limit} bytes for the ${operation} operation`,
      { status: 413 },
    );
  },
  requestTooLarge(limit: number): AwsError {
    return new AwsError(
      'RequestTooLargeException',
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
    );
  },
  invalidRequestContent(message: string): AwsError {
    return new AwsError('InvalidRequestContentException', message);
  },
  unzipFailed(): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
    );
  },
  wrongRegion(given: string, actual: string): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      `Functions from '${given}' are not reachable in this region ('${actual}')`,
    );
  },
  /** Another region's function, for operations that answer "not found" rather than "invalid" (async settings, concurrency). */
  regionNotReachable(given: string, actual: string): AwsError {
    return new AwsError('ResourceNotFoundException', `Functions from '${given}' are not reachable in this region ('${actual}')`);
  },
  tagsOnQualified(): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      'Tags on function aliases and versions are not supported. Please specify a function ARN.',
    );
  },
  qualifierMismatch(): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  },
  notActive(state: string): AwsError {
    return new AwsError(
      'ResourceConflictException',
      `The operation cannot be performed at this time. The function is currently in the following state: ${state}`,
    );
  },
  codeSha256Mismatch(given: string, current: string): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      `CodeSHA256 (${given}) is different from current CodeSHA256 in $LATEST (${current}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  },
  versionReferencedByAliases(aliases: string[]): AwsError {
    return new AwsError(
      'ResourceConflictException',
      `Unable to delete version because the following aliases reference it: [${aliases.join(', ')}]`,
    );
  },
  aliasDeletionUnsupported(): AwsError {
    return new AwsError('InvalidParameterValueException', 'Deletion of aliases is not currently supported.');
  },
  aliasExists(aliasArn: string): AwsError {
    return new AwsError('ResourceConflictException', `Alias already exists: ${aliasArn}`);
  },
  /** GetAlias's wording. */
  aliasNotFound(aliasArn: string): AwsError {
    return new AwsError('ResourceNotFoundException', `Cannot find alias arn: ${aliasArn}`);
  },
  /** UpdateAlias's wording. */
  aliasNotFoundForUpdate(aliasArn: string): AwsError {
    return new AwsError('ResourceNotFoundException', `Alias not found: ${aliasArn}`);
  },
  /** Concurrency (reserved, account or host capacity) exhausted: AWS says "Rate Exceeded." for every reason. */
  throttled(reason: ThrottleReason): AwsError {
    return new AwsError('TooManyRequestsException', 'Rate Exceeded.', {
      fields: { Reason: reason, retryAfterSeconds: '1' },
    });
  },
  /** CreateFunction/UpdateFunctionConfiguration with a role of another account (ExecutionRoles.check). */
  crossAccountPassRole(): AwsError {
    return new AwsError('AccessDeniedException', 'Cross-account pass role is not allowed.', { status: 403 });
  },
  /** The role does not exist or its trust policy does not let lambda.amazonaws.com assume it. */
  roleCannotBeAssumed(): AwsError {
    return new AwsError('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
  },
  permissionOnLatest(): AwsError {
    return new AwsError('InvalidParameterValueException', 'We currently do not support adding policies for $LATEST.');
  },
  invalidPrincipal(): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      'The provided principal was invalid. Please check the principal and try again.',
    );
  },
  statementExists(sid: string): AwsError {
    return new AwsError(
      'ResourceConflictException',
      `The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
    );
  },
  statementNotFound(sid: string): AwsError {
    return new AwsError('ResourceNotFoundException', `Statement ${sid} is not found in resource policy.`);
  },
  /** GetPolicy on a function, version or alias without a policy (or that does not exist). */
  policyResourceNotFound(): AwsError {
    return new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.');
  },
  /** RemovePermission on a function without a policy. */
  noPolicy(): AwsError {
    return new AwsError('ResourceNotFoundException', 'No policy is associated with the given resource.');
  },
  /** RemovePermission on a function that does not exist. */
  noPolicyFound(arn: string): AwsError {
    return new AwsError('ResourceNotFoundException', `No policy found for: ${arn}`);
  },
  /** A policy change whose RevisionId is not the function's, version's or alias's (recorded AWS responses, 2025). */
  policyRevisionMismatch(): AwsError {
    return new AwsError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id',
    );
  },
  policyTooLarge(size: number, limit: number): AwsError {
    return new AwsError('PolicyLengthExceededException', `The final policy size (${size}) is bigger than the limit (${limit}).`);
  },
  /**
   * A dead-letter queue the execution role may not send to (or that does not exist): AWS checks at CreateFunction
   * and UpdateFunctionConfiguration, with this sentence.
   */
  deadLetterQueueNotWritable(): AwsError {
    return new AwsError('InvalidParameterValueException', 'The provided execution role does not have permissions to call SendMessage on SQS');
  },
  /** An SQS destination the execution role may not send to (PutFunctionEventInvokeConfig, AWS's sentence). */
  destinationQueueNotWritable(arn: string): AwsError {
    return new AwsError('InvalidParameterValueException', `The function's execution role does not have permissions to call SendMessage on ${arn}`);
  },
  unsupported(what: string): AwsError {
    return new AwsError('InvalidParameterValueException', `${what} is not supported by Lambent yet.`);
  },
  // Event source mappings (issue 15). Wording from recorded AWS responses (shared/parity test_lambda_api,
  // test_lambda_integration_sqs) unless marked as Lambent's own.
  /** Get/Update/DeleteEventSourceMapping with an unknown UUID. */
  mappingNotFound(): AwsError {
    return new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.');
  },
  /** TagResource/UntagResource/ListTags on an unknown mapping ARN. */
  mappingArnNotFound(arn: string): AwsError {
    return new AwsError('ResourceNotFoundException', `Event source mapping not found: ${arn}`);
  },
  unrecognizedEventSource(): AwsError {
    return new AwsError('InvalidParameterValueException', 'Unrecognized event source.');
  },
  /** CreateEventSourceMapping naming a function that does not exist. */
  mappingFunctionMissing(): AwsError {
    return new AwsError('InvalidParameterValueException', 'Function does not exist');
  },
  batchWindowRequired(): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
  },
  invalidFilterPattern(): AwsError {
    return new AwsError('InvalidParameterValueException', 'Invalid filter pattern definition.');
  },
  /** A stream-only parameter (DestinationConfig, MaximumRetryAttempts…) on a queue mapping. */
  unsupportedMappingParameter(name: string): AwsError {
    return new AwsError('InvalidParameterValueException', `Unsupported ${name} parameter for given event source mapping type.`);
  },
  unsupportedStartingPosition(arn: string): AwsError {
    return new AwsError('InvalidParameterValueException', `Unsupported starting position for arn type: ${arn}`);
  },
  duplicateQueueMapping(queueArn: string, functionName: string, uuid: string): AwsError {
    return new AwsError(
      'ResourceConflictException',
      `An event source mapping with SQS arn (" ${queueArn} ") and function (" ${functionName} ") already exists. Please update or delete the existing mapping with UUID ${uuid}`,
    );
  },
  /** The execution role may not call `action` on the queue (checked at create and update, as on AWS). */
  mappingRolePermission(action: string): AwsError {
    return new AwsError('InvalidParameterValueException', `The function execution role does not have permissions to call ${action} on SQS`);
  },
  /** An SQS call Lambda made for the mapping failed (e.g. the queue does not exist). */
  mappingSqsError(operation: string, code: string, message: string): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      `Error occurred while ${operation}. SQS Error Code: ${code}. SQS Error Message: ${message}`,
    );
  },
  queueVisibilityTooShort(visibility: number, timeout: number): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      `Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${timeout} seconds`,
    );
  },
  /** Lambent's own: FIFO queues take at most 10 messages per batch (AWS's limit; its wording was not recorded). */
  fifoBatchSize(): AwsError {
    return new AwsError('InvalidParameterValueException', 'Batch size for FIFO queues must be between 1 and 10.');
  },
  /** Lambent's own: FIFO queue mappings take no batching window (AWS's rule; its wording was not recorded). */
  fifoBatchingWindow(): AwsError {
    return new AwsError('InvalidParameterValueException', 'Maximum batching window in seconds is not supported for FIFO queues.');
  },
  /** Lambent's own: event sources other than SQS queues (Kinesis, DynamoDB streams, Kafka, MQ…). */
  unsupportedEventSource(service: string): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      `Event source mappings for ${service} are not supported by Lambent yet: only Amazon SQS queues are.`,
    );
  },
  /** Lambent's own wording: the mapping is in a transient state (Creating, Updating…) that refuses this change. */
  mappingInUse(state: string): AwsError {
    return new AwsError(
      'ResourceInUseException',
      `The operation cannot be performed at this time. The event source mapping is currently in the following state: ${state}`,
    );
  },
  /** Lambent's own: more filters than Lambda's default quota of 5 per mapping. */
  tooManyFilters(limit: number): AwsError {
    return new AwsError('InvalidParameterValueException', `The number of filters in FilterCriteria exceeds the limit of ${limit}.`);
  },
} as const;
