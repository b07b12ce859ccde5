// Event source mapping API errors over the wire, with the JS SDK v3 against the real server: the checks Lambda
// makes before it looks at the queue (AWS's codes, statuses and messages from shared/parity test_lambda_api and
// test_lambda_integration_sqs), and the refusal of event sources Lambent does not poll.
import { after, before, test } from 'node:test';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  ListTagsCommand,
  TagResourceCommand,
  UpdateEventSourceMappingCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { strict as assert } from 'node:assert';
import { deployFunction, expectError, lambdaClient, startServer, type TestServer } from '../helpers/lambent.js';

const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:some-queue';
const UNKNOWN = '11111111-2222-3333-4444-555555555555';

let server: TestServer;
let lambda: LambdaClient;

before(async () => {
  server = await startServer();
  lambda = lambdaClient(server.url);
  await deployFunction(lambda, 'esm-api-fn', { 'index.js': 'exports.handler = async () => null;\n' });
});

after(async () => {
  lambda.destroy();
  await server.dispose();
});

test('unknown mapping UUIDs: 404 "The resource you requested does not exist."', async () => {
  const msg = 'The resource you requested does not exist.';
  await expectError(lambda.send(new GetEventSourceMappingCommand({ UUID: UNKNOWN })), 'ResourceNotFoundException', msg, 404);
  await expectError(lambda.send(new DeleteEventSourceMappingCommand({ UUID: UNKNOWN })), 'ResourceNotFoundException', msg, 404);
  await expectError(lambda.send(new UpdateEventSourceMappingCommand({ UUID: UNKNOWN, BatchSize: 5 })), 'ResourceNotFoundException', msg, 404);
});

test('tags of an unknown mapping ARN: 404 naming the ARN', async () => {
  const arn = `arn:aws:lambda:us-east-1:000000000000:event-source-mapping:${UNKNOWN}`;
  await expectError(lambda.send(new ListTagsCommand({ Resource: arn })), 'ResourceNotFoundException', `Event source mapping not found: ${arn}`, 404);
  await expectError(lambda.send(new TagResourceCommand({ Resource: arn, Tags: { a: 'b' } })), 'ResourceNotFoundException', `Event source mapping not found: ${arn}`, 404);
});

test('Lambda\'s create checks before the queue: 400 with AWS\'s messages', async () => {
  await expectError(
    lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-api-fn' })),
    'InvalidParameterValueException',
    'Unrecognized event source.',
    400,
  );
  await expectError(
    lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: QUEUE, FunctionName: 'no-such-function' })),
    'InvalidParameterValueException',
    'Function does not exist',
    400,
  );
  await expectError(
    lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: QUEUE, FunctionName: 'esm-api-fn', BatchSize: 100 })),
    'InvalidParameterValueException',
    'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    400,
  );
  await expectError(
    lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: QUEUE, FunctionName: 'esm-api-fn', FilterCriteria: { Filters: [{ Pattern: 'simple string' }] } })),
    'InvalidParameterValueException',
    'Invalid filter pattern definition.',
    400,
  );
  await expectError(
    lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: QUEUE, FunctionName: 'esm-api-fn', BatchSize: 20000 })),
    'ValidationException',
    /Value '20000' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000/,
    400,
  );
});

test('event sources other than SQS queues are refused, saying what Lambent polls', async () => {
  await expectError(
    lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s',
        FunctionName: 'esm-api-fn',
        StartingPosition: 'LATEST',
      }),
    ),
    'InvalidParameterValueException',
    'Event source mappings for Amazon Kinesis are not supported by Lambent yet: only Amazon SQS queues are.',
    400,
  );
});

test('ListEventSourceMappings of an account without mappings is empty', async () => {
  const out = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'esm-api-fn' }));
  assert.deepEqual(out.EventSourceMappings, []);
  assert.equal(out.NextMarker, undefined);
});
