// SQS's errors with AWS's codes, statuses and wording. The code is the json model's error shape name (or AWS's
// query-era code where the model has no shape: InvalidParameterValue, MissingParameter, AccessDenied); the json
// codec adds `x-amzn-query-error` with the query model's code (QueueDoesNotExist →
// AWS.SimpleQueueService.NonExistentQueue), and the query codec writes that code in <ErrorResponse>.
import { AwsError } from '../../protocol/errors.js';

function e(code: string, message: string, status = 400): AwsError {
  return new AwsError(code, message, { status });
}

export const SqsErrors = {
  queueDoesNotExist: (): AwsError => e('QueueDoesNotExist', 'The specified queue does not exist.'),
  invalidAddress: (url: string): AwsError => e('InvalidAddress', `The address ${url} is not valid for this endpoint.`),
  queueNameExists: (attribute: string): AwsError =>
    e('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${attribute}`),
  queueDeletedRecently: (): AwsError =>
    e('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.'),
  invalidQueueName: (fifo: boolean): AwsError =>
    e(
      'InvalidParameterValue',
      fifo
        ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
        : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    ),
  unknownAttribute: (name: string): AwsError => e('InvalidAttributeName', `Unknown Attribute ${name}.`),
  invalidAttributeValue: (name: string, reason?: string): AwsError =>
    e('InvalidAttributeValue', reason === undefined ? `Invalid value for the parameter ${name}.` : `Invalid value for the parameter ${name}. Reason: ${reason}`),
  /** AWS's generic parameter sentence: "Value V for parameter P is invalid. Reason: R." */
  invalidParameter: (value: string, parameter: string, reason: string): AwsError =>
    e('InvalidParameterValue', `Value ${value} for parameter ${parameter} is invalid. Reason: ${reason}`),
  invalidParameterValue: (message: string): AwsError => e('InvalidParameterValue', message),
  missingParameter: (parameter: string): AwsError => e('MissingParameter', `The request must contain the parameter ${parameter}.`),
  purgeInProgress: (queueName: string): AwsError =>
    e('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`, 403),
  tooManyEntries: (sent: number): AwsError =>
    e('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${sent}.`),
  emptyBatch: (entryShape: string): AwsError => e('EmptyBatchRequest', `There should be at least one ${entryShape} in the request.`),
  idsNotDistinct: (id: string): AwsError => e('BatchEntryIdsNotDistinct', `Id ${id} repeated.`),
  invalidBatchEntryId: (): AwsError =>
    e('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.'),
  batchTooLong: (limit: number, sent: number): AwsError =>
    e('BatchRequestTooLong', `Batch requests cannot be longer than ${limit} bytes. You have sent ${sent} bytes.`),
  invalidMessageContents: (): AwsError =>
    e(
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    ),
  messageTooLong: (limit: number): AwsError =>
    e('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`),
  receiptHandleInvalid: (handle: string): AwsError =>
    e('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`),
  receiptHandleExpired: (handle: string): AwsError =>
    e('InvalidParameterValue', `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`),
  messageNotInflight: (): AwsError => e('MessageNotInflight', 'Message does not exist or is not available for visibility timeout change.'),
  tooManyTags: (queueName: string): AwsError => e('InvalidParameterValue', `Too many tags added for queue ${queueName}.`),
  resourceNotFound: (message: string): AwsError => e('ResourceNotFoundException', message, 404),
  unsupportedOperation: (message: string): AwsError => e('UnsupportedOperation', message),
  overLimit: (message: string): AwsError => e('OverLimit', message, 403),
  accessDenied: (message: string): AwsError => e('AccessDenied', message, 403),
} as const;
