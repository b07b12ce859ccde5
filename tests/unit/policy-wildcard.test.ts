// The glob matcher: IAM's `*` and `?`, compared against a reference, and its cost on hostile patterns.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { compileGlob, globMatches } from '../../src/services/iam/policy/wildcard.js';

/** Reference: a dynamic-programming matcher (quadratic, obviously right). */
function reference(pattern: string, text: string): boolean {
  const m = pattern.length;
  const n = text.length;
  let prev = new Array<boolean>(n + 1).fill(false);
  prev[0] = true;
  for (let i = 1; i <= m; i++) {
    const cur = new Array<boolean>(n + 1).fill(false);
    const p = pattern[i - 1];
    if (p === '*') cur[0] = prev[0]!;
    for (let j = 1; j <= n; j++) {
      if (p === '*') cur[j] = prev[j]! || cur[j - 1]!;
      else cur[j] = prev[j - 1]! && (p === '?' || p === text[j - 1]);
    }
    prev = cur;
  }
  return prev[n]!;
}

describe('globMatches', () => {
  test('fixed cases', () => {
    const cases: [string, string, boolean][] = [
      ['*', '', true], ['', '', true], ['', 'a', false], ['a', 'a', true], ['a', 'A', false], ['?', '', false],
      ['a*', 'abc', true], ['*c', 'abc', true], ['a*c', 'ac', true], ['a*b*c', 'aXbYc', true], ['a*b*c', 'acb', false],
      ['*a*', 'bab', true], ['a?c', 'abc', true], ['a?c', 'ac', false], ['*?', '', false], ['**', 'x', true],
      ['ab*ba', 'aba', false], ['*aa', 'aaa', true],
    ];
    for (const [p, t, want] of cases) assert.equal(globMatches(compileGlob(p), t), want, `${p} vs ${t}`);
  });
  test('case folding for actions', () => {
    assert.equal(globMatches(compileGlob('Lambda:Get*', true), 'lambda:getfunction'), true);
  });
  test('agrees with a reference matcher on random patterns', () => {
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alpha = 'ab*?';
    for (let k = 0; k < 5000; k++) {
      let p = '';
      for (let i = rnd(8); i > 0; i--) p += alpha[rnd(4)];
      let t = '';
      for (let i = rnd(10); i > 0; i--) t += 'ab'[rnd(2)];
      assert.equal(globMatches(compileGlob(p), t), reference(p, t), `${p} vs ${t}`);
    }
  });
  test('catastrophic patterns stay fast', () => {
    const pattern = 'a*'.repeat(200) + 'b';
    const text = 'a'.repeat(100_000);
    const t0 = performance.now();
    assert.equal(globMatches(compileGlob(pattern), text), false);
    const q = '?a'.repeat(100) + '*' + '?'.repeat(50) + 'b*c';
    assert.equal(globMatches(compileGlob(q), 'a'.repeat(50_000)), false);
    assert.ok(performance.now() - t0 < 1500);
  });
});
