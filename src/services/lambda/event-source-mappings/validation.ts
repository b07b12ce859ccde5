// Lambda's checks of CreateEventSourceMapping / UpdateEventSourceMapping for queue mappings, with AWS's messages
// (recorded in shared/parity test_lambda_api and test_lambda_integration_sqs). Checks that need the queue or the
// execution role (existence, FIFO, visibility timeout, permissions) are api.ts's, through SQS as the role.
import type { CreateEventSourceMappingRequest, UpdateEventSourceMappingRequest } from '../api-types.js';
import { LambdaErrors } from '../errors.js';

/** An SQS queue named by an event source ARN: arn:PARTITION:sqs:REGION:ACCOUNT:NAME. */
export interface QueueRef {
  arn: string;
  region: string;
  accountId: string;
  name: string;
  fifo: boolean;
}

/** Event sources by the service in their ARN, named as Lambda's documentation names them. */
const OTHER_SOURCES: Readonly<Record<string, string>> = {
  kinesis: 'Amazon Kinesis',
  dynamodb: 'Amazon DynamoDB Streams',
  kafka: 'Amazon MSK',
  mq: 'Amazon MQ',
  rds: 'Amazon DocumentDB',
  docdb: 'Amazon DocumentDB',
};

/** Parameters of stream and broker mappings that a queue mapping does not take. */
const NOT_FOR_QUEUES = [
  'DestinationConfig',
  'ParallelizationFactor',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'MaximumRetryAttempts',
  'TumblingWindowInSeconds',
  'Topics',
  'Queues',
  'SourceAccessConfigurations',
  'SelfManagedEventSource',
  'SelfManagedKafkaEventSourceConfig',
  'AmazonManagedKafkaEventSourceConfig',
  'DocumentDBEventSourceConfig',
] as const;

export const DEFAULT_BATCH_SIZE = 10;
/** Above this BatchSize a standard queue mapping needs a batching window (and FIFO queues take no more). */
export const SQS_BATCH_WITHOUT_WINDOW = 10;

/** The queue an event source ARN names; Lambda's refusal for anything that is not an SQS queue. */
export function parseEventSource(arn: string | undefined, selfManaged: boolean): QueueRef {
  if (arn === undefined) {
    if (selfManaged) throw LambdaErrors.unsupportedEventSource('self-managed Apache Kafka');
    throw LambdaErrors.unrecognizedEventSource();
  }
  const parts = arn.split(':');
  const service = parts[2] ?? '';
  if (service !== 'sqs') {
    const known = OTHER_SOURCES[service];
    if (known !== undefined) throw LambdaErrors.unsupportedEventSource(known);
    throw LambdaErrors.unrecognizedEventSource();
  }
  const [, , , region = '', accountId = '', name = '', ...rest] = parts;
  if (region === '' || accountId === '' || name === '' || rest.length > 0) throw LambdaErrors.unrecognizedEventSource();
  return { arn, region, accountId, name, fifo: name.endsWith('.fifo') };
}

/** Stream-only parameters and StartingPosition are refused on a queue mapping, as Lambda does. */
export function checkQueueParameters(input: Partial<CreateEventSourceMappingRequest> | UpdateEventSourceMappingRequest, queueArn: string): void {
  const given = input as Record<string, unknown>;
  if (given['StartingPosition'] !== undefined || given['StartingPositionTimestamp'] !== undefined) {
    throw LambdaErrors.unsupportedStartingPosition(queueArn);
  }
  for (const name of NOT_FOR_QUEUES) {
    if (given[name] !== undefined) throw LambdaErrors.unsupportedMappingParameter(name);
  }
}

/**
 * BatchSize and MaximumBatchingWindowInSeconds as they will be stored: BatchSize defaults to 10, the window to 0;
 * a standard queue's batch above 10 needs a window of at least 1 s; a FIFO queue takes at most 10 and no window.
 */
export function checkBatching(batchSize: number | undefined, window: number | undefined, fifo: boolean): { batchSize: number; window: number } {
  const size = batchSize ?? DEFAULT_BATCH_SIZE;
  const w = window ?? 0;
  if (fifo) {
    if (size > SQS_BATCH_WITHOUT_WINDOW) throw LambdaErrors.fifoBatchSize();
    if (w > 0) throw LambdaErrors.fifoBatchingWindow();
  } else if (size > SQS_BATCH_WITHOUT_WINDOW && w < 1) {
    throw LambdaErrors.batchWindowRequired();
  }
  return { batchSize: size, window: w };
}

/** A queue's VisibilityTimeout must be at least the function's Timeout (Lambda refuses the mapping otherwise). */
export function checkVisibility(visibilityTimeoutSeconds: number, functionTimeoutSeconds: number): void {
  if (visibilityTimeoutSeconds < functionTimeoutSeconds) {
    throw LambdaErrors.queueVisibilityTooShort(visibilityTimeoutSeconds, functionTimeoutSeconds);
  }
}
