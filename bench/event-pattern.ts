// Event pattern matching throughput: `node --import tsx bench/event-pattern.ts`. Compiles each pattern once and
// matches it against a ~1.3 KB EventBridge-shaped event, reporting matches per second and the cost of one match.
import { performance } from 'node:perf_hooks';

import { compilePattern } from '../src/util/event-pattern/index.js';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: {
    'instance-id': 'i-1234567890abcdef0',
    state: 'terminated',
    'c-count': 5,
    'source-ip': '10.0.0.33',
    tags: Array.from({ length: 12 }, (_, i) => ({ Key: `tag-${i}`, Value: `value-${i}-${'x'.repeat(30)}` })),
  },
};

const patterns: Record<string, Record<string, unknown>> = {
  'exact, 3 fields': { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } },
  'prefix + anything-but': { source: ['aws.ec2'], 'detail-type': [{ prefix: 'EC2 Instance' }], detail: { state: [{ 'anything-but': ['pending', 'stopped'] }] } },
  'numeric + cidr': { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'source-ip': [{ cidr: '10.0.0.0/24' }] } },
  'wildcard + ignore case': { resources: [{ wildcard: 'arn:aws:ec2:*:instance/*' }], 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
  '$or, array of objects': { $or: [{ detail: { tags: { Key: ['tag-11'], Value: [{ prefix: 'value-11' }] } } }, { source: ['aws.s3'] }] },
  'no match (first field)': { source: ['aws.s3'], detail: { state: ['terminated'] } },
};

console.log(`event: ${JSON.stringify(event).length} bytes of JSON`);
for (const [name, pattern] of Object.entries(patterns)) {
  const p = compilePattern(pattern);
  for (let i = 0; i < 50_000; i++) p.matches(event);
  const n = 1_000_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) p.matches(event);
  const seconds = (performance.now() - start) / 1000;
  console.log(`${name.padEnd(26)} ${p.matches(event) ? 'match   ' : 'no match'}  ${(n / seconds / 1e6).toFixed(2)} M matches/s  ${((seconds * 1e6) / n).toFixed(3)} µs`);
}
