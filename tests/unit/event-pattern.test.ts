// The event pattern matcher against the examples of AWS's documentation (EventBridge content filtering, Lambda
// event filtering) and the edges they leave implicit: missing vs null, arrays in events, nesting, numeric precision.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { compilePattern } from '../../src/util/event-pattern/index.js';

type Json = unknown;

/** Asserts which events a pattern matches and which it does not, naming the failing case. */
function check(pattern: Record<string, unknown> | string, yes: readonly Json[], no: readonly Json[]): void {
  const p = compilePattern(pattern);
  const shown = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
  for (const e of yes) assert.equal(p.matches(e), true, `${shown} should match ${JSON.stringify(e)}`);
  for (const e of no) assert.equal(p.matches(e), false, `${shown} should not match ${JSON.stringify(e)}`);
}

const ec2Event = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

function withDetail(detail: Record<string, unknown>): Json {
  return { ...ec2Event, detail: { ...ec2Event.detail, ...detail } };
}

describe('EventBridge documentation examples', () => {
  test('exact values, And across fields, Or within an array', () => {
    check(
      { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated', 'running'] } },
      [ec2Event],
      [withDetail({ state: 'pending' }), { ...ec2Event, source: 'aws.fargate' }],
    );
    check({ source: ['aws.ec2', 'aws.fargate'] }, [ec2Event, { source: 'aws.fargate' }], [{ source: 'aws.s3' }]);
  });

  test('arrays: an event array matches when it intersects the pattern array', () => {
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    };
    check(
      pattern,
      [{ resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }],
      [{ resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate'] }, { resources: [] }],
    );
  });

  test('prefix, and prefix ignoring case', () => {
    check({ time: [{ prefix: '2017-10-02' }] }, [{ time: '2017-10-02T18:43:48Z' }], [{ time: '2017-10-03T18:43:48Z' }, { time: 20171002 }]);
    check(
      { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
      [{ detail: { service: 'EventBridge' } }, { detail: { service: 'EVENTBRIDGE' } }, { detail: { service: 'eventbus' } }],
      [{ detail: { service: 'Event' } }, { detail: { service: 'SNS' } }],
    );
  });

  test('suffix, and suffix ignoring case', () => {
    check({ FileName: [{ suffix: '.png' }] }, [{ FileName: 'image.png' }], [{ FileName: 'image.PNG' }, { FileName: 'png' }]);
    check(
      { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
      [{ detail: { FileName: 'image.png' } }, { detail: { FileName: 'image.PNG' } }, { detail: { FileName: 'image.Png' } }],
      [{ detail: { FileName: 'image.jpg' } }],
    );
  });

  test('anything-but: a string, a number, lists of either', () => {
    check({ detail: { state: [{ 'anything-but': 'initializing' }] } }, [ec2Event], [withDetail({ state: 'initializing' })]);
    check({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, [ec2Event], [withDetail({ 'x-limit': 123 }), withDetail({ 'x-limit': 123.0000001 })]);
    check(
      { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
      [ec2Event, withDetail({ state: 'terminated' })],
      [withDetail({ state: 'stopped' }), withDetail({ state: 'overloaded' })],
    );
    check(
      { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
      [ec2Event, withDetail({ 'x-limit': 456 })],
      [withDetail({ 'x-limit': 200 }), withDetail({ 'x-limit': 3e2 })],
    );
  });

  test('anything-but with prefix, suffix, equals-ignore-case and wildcard', () => {
    check({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, [ec2Event], [withDetail({ state: 'initializing' })]);
    check(
      { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
      [{ detail: { FileName: 'file.png' } }],
      [{ detail: { FileName: 'file.txt' } }],
    );
    check(
      { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
      [ec2Event],
      [withDetail({ state: 'INITIALIZING' }), withDetail({ state: 'Initializing' })],
    );
    check(
      { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } },
      [ec2Event],
      [withDetail({ state: 'stopped' }), withDetail({ state: 'OVERLOADED' })],
    );
    check(
      { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
      [{ detail: { FilePath: '/usr/bin/python' } }],
      [{ detail: { FilePath: '/usr/lib/python' } }],
    );
    check(
      { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } },
      [{ detail: { FilePath: '/etc/hosts' } }],
      [{ detail: { FilePath: '/usr/lib/x' } }, { detail: { FilePath: '/usr/bin/x' } }],
    );
  });

  test('numeric: ranges, one-sided comparisons and equality in scientific notation', () => {
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };
    check(pattern, [ec2Event], [withDetail({ 'c-count': 0 }), withDetail({ 'c-count': 6 }), withDetail({ 'd-count': 10 }), withDetail({ 'x-limit': 301.9 })]);
  });

  test('IP addresses: IPv4 and IPv6 CIDR blocks', () => {
    check(
      { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } },
      [ec2Event, withDetail({ 'source-ip': '10.0.0.0' }), withDetail({ 'source-ip': '10.0.0.255' })],
      [withDetail({ 'source-ip': '10.0.1.0' }), withDetail({ 'source-ip': '9.255.255.255' }), withDetail({ 'source-ip': 'not-an-ip' })],
    );
    check(
      { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } },
      [{ detail: { sourceIPAddress: '2001:db8::2a' } }, { detail: { sourceIPAddress: '2001:0DB8:0000:0000:ffff:ffff:ffff:ffff' } }],
      [{ detail: { sourceIPAddress: '2001:db8:0:1::' } }, { detail: { sourceIPAddress: '10.0.0.1' } }],
    );
  });

  test('exists: true and false, on leaves only', () => {
    check({ detail: { state: [{ exists: true }] } }, [ec2Event], [{ detail: {} }, { detail: { state: { nested: 'x' } } }]);
    check({ detail: { state: [{ exists: false }] } }, [{ detail: {} }, { source: 'x' }], [ec2Event]);
    // c-count holds an object, not a value: for exists it is absent.
    check({ detail: { 'c-count': [{ exists: false }] } }, [{ detail: { state: 'x', 'c-count': { c1: 100 } } }], [{ detail: { 'c-count': 1 } }]);
  });

  test('equals-ignore-case', () => {
    check(
      { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
      [ec2Event],
      [{ 'detail-type': 'EC2 Instance State-change Notification!' }],
    );
  });

  test('wildcard, including escaped asterisks and backslashes', () => {
    check(
      { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
      [{ EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' }, { EventBusArn: 'arn:aws:events:us-east-1::event-bus/' }],
      [{ EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/default' }],
    );
    check({ source: [{ wildcard: 'Simple*Service' }] }, [{ source: 'SimpleService' }, { source: 'Simple Queue Service' }], [{ source: 'SimpleServices' }]);
    check({ v: [{ wildcard: 'a\\*b' }] }, [{ v: 'a*b' }], [{ v: 'aXb' }, { v: 'ab' }]);
    check({ v: [{ wildcard: 'a\\\\*' }] }, [{ v: 'a\\' }, { v: 'a\\xyz' }], [{ v: 'a' }]);
    check({ v: [{ wildcard: '*' }] }, [{ v: '' }, { v: 'anything' }], [{ v: 5 }, { v: null }, {}]);
    check({ v: [{ wildcard: 'ab*ba' }] }, [{ v: 'abba' }, { v: 'ab-ba' }], [{ v: 'aba' }]);
  });

  test('$or: top level, inside an object, nested, and beside other fields', () => {
    check(
      { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } },
      [ec2Event, { detail: { 'c-count': 9, 'd-count': 9 } }, { detail: { 'x-limit': 301.8 } }],
      [{ detail: { 'c-count': 9, 'd-count': 10, 'x-limit': 1 } }],
    );
    const cw = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    check(
      cw,
      [{ source: 'aws.cloudwatch', metricName: 'ReadLatency' }, { source: 'aws.cloudwatch', namespace: 'AWS/ES' }],
      [{ source: 'aws.ec2', metricName: 'ReadLatency' }, { source: 'aws.cloudwatch', metricName: 'Other' }],
    );
    const nested = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
        { scope: ['Service'] },
      ],
    };
    check(
      nested,
      [
        { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 },
        { source: 'aws.cloudwatch', scope: 'Service' },
      ],
      [{ source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', metricId: 1 }],
    );
  });

  test('null and empty values', () => {
    check({ detail: { responseElements: [null] } }, [{ detail: { responseElements: null } }], [{ detail: {} }, { detail: { responseElements: 'null' } }]);
    check({ detail: { eventVersion: [''] } }, [{ detail: { eventVersion: '' } }], [{ detail: {} }, { detail: { eventVersion: null } }]);
  });
});

describe('EventBridge comparison operator summary table', () => {
  test('each row', () => {
    check({ Location: ['New York'], Day: ['Monday'] }, [{ Location: 'New York', Day: 'Monday' }], [{ Location: 'New York' }]);
    check({ state: [{ 'anything-but': 'initializing' }] }, [{ state: 'running' }], [{ state: 'initializing' }, {}]);
    check({ Region: [{ 'anything-but': { prefix: 'us-' } }] }, [{ Region: 'eu-west-1' }], [{ Region: 'us-east-1' }]);
    check({ FileName: [{ 'anything-but': { suffix: '.png' } }] }, [{ FileName: 'a.jpg' }], [{ FileName: 'a.png' }]);
    check({ state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, [{ state: 'running' }], [{ state: 'INITIALIZING' }]);
    check({ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, [{ FilePath: '/usr/bin/a' }], [{ FilePath: '/usr/lib/a' }]);
    check({ Region: [{ prefix: 'us-' }] }, [{ Region: 'us-west-2' }], [{ Region: 'eu-west-1' }]);
    check({ service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, [{ service: 'EventBridge' }, { service: 'EVENTBRIDGE' }], [{ service: 'SNS' }]);
    check({ LastName: [''] }, [{ LastName: '' }], [{ LastName: ' ' }]);
    check({ Name: ['Alice'] }, [{ Name: 'Alice' }], [{ Name: 'ALICE' }]);
    check({ Name: [{ 'equals-ignore-case': 'alice' }] }, [{ Name: 'Alice' }, { Name: 'ALICE' }], [{ Name: 'Bob' }]);
    check({ FileName: [{ suffix: '.png' }] }, [{ FileName: 'a.png' }], [{ FileName: 'a.png.txt' }]);
    check({ service: [{ suffix: { 'equals-ignore-case': 'tbridge' } }] }, [{ service: 'EventBridge' }, { service: 'EVENTBRIDGE' }], [{ service: 'EventBus' }]);
    check({ ProductName: [{ exists: true }] }, [{ ProductName: 'x' }], [{}]);
    check({ ProductName: [{ exists: false }] }, [{}], [{ ProductName: 'x' }]);
    check({ sourceIPAddress: [{ cidr: '10.0.0.0/24' }] }, [{ sourceIPAddress: '10.0.0.7' }], [{ sourceIPAddress: '10.0.1.7' }]);
    check({ UserID: [null] }, [{ UserID: null }], [{}]);
    check({ Price: [{ numeric: ['=', 100] }] }, [{ Price: 100 }], [{ Price: 99 }]);
    check({ Price: [{ numeric: ['>', 10, '<=', 20] }] }, [{ Price: 15 }], [{ Price: 25 }]);
    check({ PaymentType: ['Credit', 'Debit'] }, [{ PaymentType: 'Credit' }], [{ PaymentType: 'Cash' }]);
    check({ $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, [{ Day: 'Monday' }], [{ Day: 'Friday' }]);
  });
});

describe('Lambda event filtering documentation examples', () => {
  test('comparison operators', () => {
    check({ UserID: [null] }, [{ UserID: null }], [{ UserID: 'x' }, {}]);
    check({ LastName: [''] }, [{ LastName: '' }], [{ LastName: 'x' }]);
    check({ Name: ['Alice'] }, [{ Name: 'Alice' }], [{ Name: 'alice' }]);
    check({ Name: [{ 'equals-ignore-case': 'alice' }] }, [{ Name: 'ALICE' }], [{ Name: 'Alicia' }]);
    check({ Location: ['New York'], Day: ['Monday'] }, [{ Location: 'New York', Day: 'Monday' }], [{ Location: 'New York', Day: 'Tuesday' }]);
    check({ PaymentType: ['Credit', 'Debit'] }, [{ PaymentType: 'Debit' }], [{ PaymentType: 'Cash' }]);
    check({ $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, [{ Location: 'Paris', Day: 'Monday' }], [{ Location: 'Paris', Day: 'Sunday' }]);
    check({ Weather: [{ 'anything-but': ['Raining'] }] }, [{ Weather: 'Sunny' }], [{ Weather: 'Raining' }]);
    check({ Price: [{ numeric: ['=', 100] }] }, [{ Price: 100 }, { Price: 100.0 }], [{ Price: '100' }, { Price: 101 }]);
    check({ Price: [{ numeric: ['>', 10, '<=', 20] }] }, [{ Price: 20 }, { Price: 10.5 }], [{ Price: 10 }, { Price: 20.5 }]);
    check({ ProductName: [{ exists: true }] }, [{ ProductName: 'x' }], [{}]);
    check({ ProductName: [{ exists: false }] }, [{}], [{ ProductName: 'x' }]);
    check({ Region: [{ prefix: 'us-' }] }, [{ Region: 'us-east-1' }], [{ Region: 'eu-west-1' }]);
    check({ FileName: [{ suffix: '.png' }] }, [{ FileName: 'a.png' }], [{ FileName: 'a.jpg' }]);
  });

  test('event source shapes: SQS body, Kinesis data, DynamoDB keys', () => {
    check({ body: { RequestCode: ['BBBB'] } }, [{ messageId: '1', body: { RequestCode: 'BBBB' } }], [{ body: { RequestCode: 'AAAA' } }]);
    check({ data: { tire_pressure: [{ numeric: ['<', 32] }] } }, [{ data: { tire_pressure: 31 } }], [{ data: { tire_pressure: 32 } }]);
    check(
      { dynamodb: { Keys: { CustomerName: { S: ['AnyCompany Industries'] } } } },
      [{ eventName: 'INSERT', dynamodb: { Keys: { CustomerName: { S: 'AnyCompany Industries' } } } }],
      [{ dynamodb: { Keys: { CustomerName: { N: 'AnyCompany Industries' } } } }],
    );
    // A body that is not JSON is matched as a plain string.
    check({ body: ['plain text'] }, [{ body: 'plain text' }], [{ body: 'other' }]);
  });

  test('the SQS filters recorded against real AWS (parity snapshots)', () => {
    check({ body: { testItem: ['test24'] } }, [{ body: { testItem: 'test24' } }], [{ body: { testItem: 'test45' } }]);
    check({ body: { testItem: ['test24', 'test45'], test2: ['go'] } }, [{ body: { testItem: 'test45', test2: 'go' } }], [{ body: { testItem: 'test45', test2: 'stop' } }]);
    check({ body: { test2: [{ exists: true }] } }, [{ body: { test2: 'a' } }], [{ body: { test3: 'a' } }]);
    check({ body: { test2: [{ numeric: ['>', 100] }] } }, [{ body: { test2: 105 } }], [{ body: 'this is a test string' }, { body: { test2: 99 } }]);
    check({ body: { test2: [{ numeric: ['>=', 100, '<', 200] }] } }, [{ body: { test2: 100 } }], [{ body: { test2: 200 } }]);
    check({ body: { test2: [{ prefix: 'us-1' }] } }, [{ body: { test2: 'us-1-48454' } }], [{ body: { test2: 'eu-wild' } }]);
  });
});

describe('matching rules the documentation implies', () => {
  test('a missing field fails every condition but exists:false; null is a value, not an absence', () => {
    for (const cond of [['x'], [{ prefix: '' }], [{ suffix: '' }], [{ 'anything-but': 'x' }], [{ 'anything-but': { prefix: 'x' } }], [{ numeric: ['>', 0] }], [{ wildcard: '*' }], [{ exists: true }], [null]]) {
      assert.equal(compilePattern({ a: cond }).matches({ b: 1 }), false, JSON.stringify(cond));
    }
    check({ a: [{ exists: false }] }, [{}, { b: 1 }, { a: [] }, { a: {} }], [{ a: null }, { a: 0 }, { a: '' }, { a: [null] }]);
    check({ a: [{ exists: true }] }, [{ a: null }, { a: false }, { a: [1] }], [{ a: [] }, { a: {} }]);
  });

  test('exists:false with a missing parent object matches', () => {
    check({ detail: { state: [{ exists: false }] } }, [{}, { detail: 'scalar' }, { detail: [] }], [{ detail: [{ state: 1 }] }]);
  });

  test('types do not mix: numbers in strings are not numbers, and strings are not numbers', () => {
    check({ a: [5] }, [{ a: 5 }, { a: 5.0 }, { a: 5.0000001 }], [{ a: '5' }]);
    check({ a: ['5'] }, [{ a: '5' }], [{ a: 5 }]);
    check({ a: [{ numeric: ['<', 10] }] }, [{ a: 9 }], [{ a: '9' }, { a: null }, { a: true }]);
    check({ a: [true] }, [{ a: true }], [{ a: 'true' }, { a: 1 }]);
    check({ a: [{ prefix: '1' }] }, [{ a: '12' }], [{ a: 12 }]);
  });

  test('anything-but matches values of another type, and any element of an event array that differs', () => {
    check({ a: [{ 'anything-but': 'x' }] }, [{ a: 5 }, { a: null }, { a: ['x', 'y'] }], [{ a: 'x' }, { a: ['x'] }, { a: [] }]);
    check({ a: [{ 'anything-but': [1, 2] }] }, [{ a: 3 }, { a: '1' }], [{ a: 1 }, { a: [1, 2] }]);
  });

  test('nested objects match nested fields, through arrays of objects, within one element', () => {
    const event = { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] };
    check({ employees: { firstName: ['Anna'] } }, [event], [{ employees: [{ firstName: 'Bob' }] }]);
    // Fields from different elements of one array never combine.
    check({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, [event], []);
    check({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, [], [event]);
    // Arrays of arrays are flattened.
    check({ employees: { firstName: ['Peter'] } }, [{ employees: [[{ firstName: 'John' }], [{ firstName: 'Peter' }]] }], []);
    check({ a: [3] }, [{ a: [[1, 2], [3]] }], [{ a: [[1, 2]] }]);
  });

  test('deep nesting', () => {
    let pattern: Record<string, unknown> = { leaf: ['x'] };
    let event: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 200; i++) {
      pattern = { [`k${i}`]: pattern };
      event = { [`k${i}`]: event, other: i };
    }
    check(pattern, [event], [JSON.parse(JSON.stringify(event).replace('"leaf":"x"', '"leaf":"y"')) as unknown]);
  });

  test('numeric precision: six decimal places, and the ±5e9 range', () => {
    check({ a: [{ numeric: ['=', 0.1] }] }, [{ a: 0.1 }, { a: 0.30000000000000004 - 0.2 }], [{ a: 0.100001 }]);
    check({ a: [{ numeric: ['>', 1.000001] }] }, [{ a: 1.000002 }], [{ a: 1.000001 }, { a: 1.0000001 }]);
    check({ a: [{ numeric: ['>=', -5e9, '<=', 5e9] }] }, [{ a: -5e9 }, { a: 5e9 }, { a: 0 }], [{ a: 5e9 + 1 }, { a: -5e9 - 1 }]);
    check({ a: [{ numeric: ['<', 0] }] }, [{ a: -0.5 }, { a: -4.9e9 }], [{ a: 0 }, { a: -0 }]);
    // Exact numbers outside the range still match themselves (account numbers are written as numbers).
    check({ account: [123456789012] }, [{ account: 123456789012 }], [{ account: 123456789013 }, { account: '123456789012' }]);
  });

  test('CIDR edges: IPv4 host routes, IPv6 zero-compression, v4-mapped addresses', () => {
    check({ ip: [{ cidr: '10.0.0.5/31' }] }, [{ ip: '10.0.0.5' }], [{ ip: '10.0.0.4' }, { ip: '10.0.0.6' }]);
    check({ ip: [{ cidr: '0.0.0.0/0' }] }, [{ ip: '255.255.255.255' }, { ip: '1.2.3.4' }], [{ ip: '::1' }, { ip: '256.1.1.1' }]);
    check({ ip: [{ cidr: '::/0' }] }, [{ ip: '::' }, { ip: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' }], [{ ip: '1.2.3.4' }]);
    check({ ip: [{ cidr: 'fe80::/10' }] }, [{ ip: 'fe80::1' }, { ip: 'febf:ffff::' }], [{ ip: 'fec0::' }, { ip: 'fe80:::1' }]);
    check({ ip: [{ cidr: '10.0.0.0/8' }] }, [{ ip: '::ffff:10.1.2.3' }], [{ ip: '::ffff:11.1.2.3' }]);
    // An exact value that is an address matches the address however it is written.
    check({ ip: ['2001:db8::1'] }, [{ ip: '2001:0db8:0:0:0:0:0:1' }, { ip: '2001:db8::1' }], [{ ip: '2001:db8::2' }]);
  });

  test('field names are looked up as own properties, never on the prototype', () => {
    check({ constructor: [{ exists: false }] }, [{}], []);
    check({ toString: [{ exists: true }] }, [], [{}]);
    const proto = JSON.parse('{"__proto__": {"polluted": ["x"]}}') as Record<string, unknown>;
    check(proto, [JSON.parse('{"__proto__": {"polluted": "x"}}')], [{}, { polluted: 'x' }]);
  });

  test('a pattern given as JSON text and as an object behave the same', () => {
    const text = '{"detail": {"state": [{"anything-but": "initializing"}]}}';
    check(text, [ec2Event], [withDetail({ state: 'initializing' })]);
  });
});
