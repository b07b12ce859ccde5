// The matcher against tiny reference implementations on random inputs, and its cost: hostile wildcards stay linear,
// a typical pattern costs microseconds.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';

import { compilePattern } from '../../src/util/event-pattern/index.js';
import { prng } from '../helpers/raw-http.js';

/** The suite's seeded PRNG (tests/helpers/raw-http.ts): a failing case reproduces from its seed. */
const rng = (seed: number): (() => number) => prng(seed).next;

describe('agreement with reference matchers', () => {
  type Alt = { exact: string | number } | { prefix: string };
  const keys = ['a', 'b', 'c', 'd'];
  const words = ['', 'x', 'xy', 'xyz', 'y', 'yx', 'z'];

  /** Reference: every pattern field needs some event value (scalar or array element) matching some alternative. */
  function reference(pattern: Record<string, Alt[]>, event: Record<string, unknown>): boolean {
    return Object.entries(pattern).every(([key, alts]) => {
      if (!(key in event)) return false;
      const raw = event[key];
      const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
      return values.some((v) =>
        alts.some((alt) => ('exact' in alt ? v === alt.exact : typeof v === 'string' && v.startsWith(alt.prefix))),
      );
    });
  }

  test('exact and prefix conditions on random events', () => {
    const random = rng(15);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const value = (): string | number => (random() < 0.7 ? pick(words) : Math.floor(random() * 4));
    let matched = 0;
    for (let round = 0; round < 3000; round++) {
      const pattern: Record<string, Alt[]> = {};
      for (const k of keys) {
        if (random() < 0.5) continue;
        pattern[k] = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          random() < 0.6 ? { exact: value() } : { prefix: pick(words) },
        );
      }
      if (Object.keys(pattern).length === 0) pattern.a = [{ exact: 'x' }];
      const event: Record<string, unknown> = {};
      for (const k of keys) {
        const r = random();
        if (r < 0.2) continue;
        event[k] = r < 0.8 ? value() : Array.from({ length: Math.floor(random() * 3) }, value);
      }
      const wire = Object.fromEntries(
        Object.entries(pattern).map(([k, alts]) => [k, alts.map((a) => ('exact' in a ? a.exact : { prefix: a.prefix }))]),
      );
      const want = reference(pattern, event);
      if (want) matched++;
      assert.equal(compilePattern(wire).matches(event), want, `${JSON.stringify(wire)} vs ${JSON.stringify(event)}`);
    }
    // The generator must exercise both outcomes, or the agreement proves little.
    assert.ok(matched > 150 && matched < 2850, `matched ${matched} of 3000`);
  });

  /** Reference wildcard: dynamic programming over the (unescaped) pattern; quadratic, obviously right. */
  function wildcardReference(pattern: string, text: string): boolean {
    let prev = new Array<boolean>(text.length + 1).fill(false);
    prev[0] = true;
    for (const p of pattern) {
      const cur = new Array<boolean>(text.length + 1).fill(false);
      if (p === '*') cur[0] = prev[0]!;
      for (let j = 1; j <= text.length; j++) cur[j] = p === '*' ? prev[j]! || cur[j - 1]! : prev[j - 1]! && p === text[j - 1];
      prev = cur;
    }
    return prev[text.length]!;
  }

  test('wildcards on random patterns and values', () => {
    const random = rng(7);
    let matched = 0;
    for (let round = 0; round < 4000; round++) {
      let pattern = '';
      const length = Math.floor(random() * 7);
      for (let i = 0; i < length; i++) {
        const c = 'ab*'[Math.floor(random() * 3)]!;
        if (c === '*' && pattern.endsWith('*')) continue;
        pattern += c;
      }
      const text = Array.from({ length: Math.floor(random() * 8) }, () => 'ab'[Math.floor(random() * 2)]).join('');
      const want = wildcardReference(pattern, text);
      if (want) matched++;
      assert.equal(compilePattern({ v: [{ wildcard: pattern }] }).matches({ v: text }), want, `${pattern} vs ${text}`);
    }
    assert.ok(matched > 200, `matched ${matched}`);
  });
});

describe('cost', () => {
  test('hostile wildcards on a 100 KB value take one pass, not backtracking', () => {
    const value = 'a'.repeat(100_000);
    const hostile = [
      `*${'a*'.repeat(500)}b`, // fails only at the last piece
      `*${'a*'.repeat(500)}b*a`, // a middle piece that is never found
      `${'a*'.repeat(1000)}${'a'.repeat(999)}b*`, // a long piece that almost matches everywhere
      `*${'a'.repeat(50_000)}b*`,
    ];
    for (const pattern of hostile) {
      const p = compilePattern({ v: [{ wildcard: pattern }] });
      const start = performance.now();
      assert.equal(p.matches({ v: value }), false);
      const ms = performance.now() - start;
      // Generous: one pass is well under a millisecond; backtracking would take far longer than any bound.
      assert.ok(ms < 100, `${pattern.slice(0, 20)}… took ${ms.toFixed(1)} ms`);
    }
    // And the matching case of the same shape.
    assert.equal(compilePattern({ v: [{ wildcard: `*${'a*'.repeat(500)}` }] }).matches({ v: value }), true);
  });

  test('a typical 3-field pattern against a 1 KB event costs microseconds', (t) => {
    const pattern = compilePattern({
      source: ['aws.ec2'],
      'detail-type': [{ prefix: 'EC2 Instance' }],
      detail: { state: [{ 'anything-but': ['pending', 'stopped'] }] },
    });
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
        tags: Array.from({ length: 12 }, (_, i) => ({ Key: `tag-${i}`, Value: `value-${i}-${'x'.repeat(30)}` })),
      },
    };
    assert.ok(JSON.stringify(event).length > 1000);
    assert.equal(pattern.matches(event), true);
    for (let i = 0; i < 20_000; i++) pattern.matches(event); // warm up
    const n = 200_000;
    const start = performance.now();
    let hits = 0;
    for (let i = 0; i < n; i++) if (pattern.matches(event)) hits++;
    const microseconds = ((performance.now() - start) * 1000) / n;
    assert.equal(hits, n);
    t.diagnostic(`${microseconds.toFixed(3)} µs per match`);
    // Generous for a shared 2-core machine; the bench (bench/event-pattern.ts) reports the real figure.
    assert.ok(microseconds < 20, `${microseconds} µs per match`);
  });
});
