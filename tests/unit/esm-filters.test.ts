// FilterCriteria of queue mappings (event-source-mappings/filters.ts): Lambda's "Invalid filter pattern definition."
// for bad patterns, and AWS's body rules (JSON bodies match JSON patterns, plain strings match string patterns),
// with the recorded SQS filter cases of shared/parity test_lambda_integration_sqs.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';

import { AwsError } from '../../src/protocol/errors.js';
import { bodyValue, compileFilters, MAX_FILTERS } from '../../src/services/lambda/event-source-mappings/filters.js';
import { toRecord } from '../../src/services/lambda/event-source-mappings/records.js';

function record(body: string) {
  return toRecord({ MessageId: 'id', ReceiptHandle: 'rh', MD5OfBody: 'm', Body: body }, 'arn:aws:sqs:us-east-1:111111111111:q', 'us-east-1');
}

function matches(pattern: unknown, body: string): boolean {
  const f = compileFilters({ Filters: [{ Pattern: JSON.stringify(pattern) }] });
  assert.ok(f);
  return f.matches(record(body));
}

function invalid(fn: () => unknown, message = 'Invalid filter pattern definition.'): void {
  assert.throws(fn, (e: unknown) => e instanceof AwsError && e.code === 'InvalidParameterValueException' && e.message === message);
}

test('no filters filter nothing', () => {
  assert.equal(compileFilters(undefined), undefined);
  assert.equal(compileFilters({}), undefined);
  assert.equal(compileFilters({ Filters: [] }), undefined);
});

test('patterns that are not JSON objects are Lambda\'s invalid filter pattern', () => {
  invalid(() => compileFilters({ Filters: [{ Pattern: 'simple string' }] }));
  invalid(() => compileFilters({ Filters: [{}] }));
  invalid(() => compileFilters({ Filters: [{ Pattern: '["a"]' }] }));
  invalid(() => compileFilters({ Filters: [{ Pattern: 'null' }] }));
});

test('more than five filters are refused', () => {
  const filters = Array.from({ length: MAX_FILTERS + 1 }, () => ({ Pattern: '{"body":{"a":["b"]}}' }));
  invalid(() => compileFilters({ Filters: filters }), `The number of filters in FilterCriteria exceeds the limit of ${MAX_FILTERS}.`);
});

test('a JSON object body is matched as JSON; anything else as the plain string', () => {
  assert.deepEqual(bodyValue('{"a": 1}'), { a: 1 });
  assert.equal(bodyValue('{not json'), '{not json');
  assert.equal(bodyValue('[1,2]'), '[1,2]');
  assert.equal(bodyValue('42'), '42');
  assert.equal(bodyValue('plain'), 'plain');
});

test('a pattern the language rejects is Lambda\'s invalid filter pattern', () => {
  invalid(() => compileFilters({ Filters: [{ Pattern: '{"body": {"a": "not-a-list"}}' }] }));
});

test('recorded SQS filter cases match and miss as on AWS', () => {
  assert.equal(matches({ body: { testItem: ['test24'] } }, '{"testItem":"test24"}'), true);
  assert.equal(matches({ body: { testItem: ['test24'] } }, '{"testItem":"test23"}'), false);
  assert.equal(matches({ body: { testItem: ['test24', 'test45'], test2: ['go'] } }, '{"testItem":"test45","test2":"go"}'), true);
  assert.equal(matches({ body: { testItem: ['test24', 'test45'], test2: ['go'] } }, '{"testItem":"test45"}'), false);
  assert.equal(matches({ body: { test2: [{ exists: true }] } }, '{"test2":"7411"}'), true);
  assert.equal(matches({ body: { test2: [{ exists: true }] } }, '{"test3":"7411"}'), false);
  assert.equal(matches({ body: { test2: [{ numeric: ['>', 100] }] } }, '{"test2":105}'), true);
  assert.equal(matches({ body: { test2: [{ numeric: ['>', 100] }] } }, 'this is a test string'), false);
  assert.equal(matches({ body: { 'my-number': [{ numeric: ['>=', 100, '<', 200] }] } }, '{"my-number":100}'), true);
  assert.equal(matches({ body: { 'my-number': [{ numeric: ['>=', 100, '<', 200] }] } }, '{"my-number":200}'), false);
  assert.equal(matches({ body: { test2: [{ prefix: 'us-1' }] } }, '{"test2":"us-1-48454"}'), true);
  assert.equal(matches({ body: { test2: [{ prefix: 'us-1' }] } }, '{"test2":"eu-1-48454"}'), false);
});

test('a JSON pattern never matches a plain-string body, nor a string pattern a JSON body', () => {
  assert.equal(matches({ body: { 'my-key': ['my-value'] } }, 'my-value'), false);
  assert.equal(matches({ body: ['plain text'] }, 'plain text'), true);
  assert.equal(matches({ body: ['{"a":1}'] }, '{"a":1}'), false);
});

test('a record is kept when any filter matches', () => {
  const f = compileFilters({ Filters: [{ Pattern: '{"body":{"a":["1"]}}' }, { Pattern: '{"body":{"b":["2"]}}' }] });
  assert.ok(f);
  assert.equal(f.matches(record('{"b":"2"}')), true);
  assert.equal(f.matches(record('{"c":"3"}')), false);
});
