// Property test: for random valid crons and random instants, next(t) is later than t, matches every field, and no
// matching minute lies between t and next(t). The oracle below is written independently of the module: it holds the
// sets each generated field stands for and decides "does this minute match" directly, with its own reading of L, W
// and # (W as "the Monday-Friday day of the month nearest to n").
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { parseSchedule } from '../../src/util/schedule/index.js';
import { prng } from '../helpers/raw-http.js';

const MINUTE = 60_000;

/** The suite's seeded PRNG (tests/helpers/raw-http.ts): a failing case reproduces from its seed. */
const rng = (seed: number): (() => number) => prng(seed).next;

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** A random list field over [lo, hi]: its text and the values it selects (no wrapping ranges: tested elsewhere). */
function listField(r: Rand, lo: number, hi: number, names?: readonly string[]): { text: string; values: Set<number> } {
  const name = (v: number): string => (names !== undefined && r() < 0.5 ? (names[v - lo] ?? String(v)) : String(v));
  const roll = r();
  if (roll < 0.2) return { text: '*', values: new Set(range(lo, hi, 1)) };
  if (roll < 0.35) {
    const step = int(r, 1, Math.max(1, Math.floor((hi - lo) / 2)));
    return { text: `*/${step}`, values: new Set(range(lo, hi, step)) };
  }
  const items: string[] = [];
  const values = new Set<number>();
  for (let i = int(r, 1, 3); i > 0; i--) {
    const a = int(r, lo, hi);
    const kind = r();
    if (kind < 0.4) {
      items.push(name(a));
      values.add(a);
    } else if (kind < 0.7) {
      const b = int(r, a, hi);
      items.push(`${name(a)}-${name(b)}`);
      for (const v of range(a, b, 1)) values.add(v);
    } else {
      const step = int(r, 1, Math.max(1, Math.floor((hi - lo) / 3)));
      items.push(`${a}/${step}`);
      for (const v of range(a, hi, step)) values.add(v);
    }
  }
  return { text: items.join(','), values };
}

function range(a: number, b: number, step: number): number[] {
  const out: number[] = [];
  for (let v = a; v <= b; v += step) out.push(v);
  return out;
}

interface Day {
  y: number;
  m: number; // 1..12
  d: number;
  wd: number; // 1 = SUN … 7 = SAT
  dim: number;
}
const dayOf = (y: number, m: number, d: number): Day => ({
  y, m, d,
  wd: new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1,
  dim: new Date(Date.UTC(y, m, 0)).getUTCDate(),
});
const isWeekday = (x: Day): boolean => x.wd >= 2 && x.wd <= 6;

/** Random day fields (one of them `?`) and the oracle for which days they select. */
function dayFields(r: Rand): { dom: string; dow: string; matches: (x: Day) => boolean } {
  if (r() < 0.5) {
    const roll = r();
    if (roll < 0.15) return { dom: 'L', dow: '?', matches: (x) => x.d === x.dim };
    if (roll < 0.3) {
      return { dom: 'LW', dow: '?', matches: (x) => isWeekday(x) && range(x.d + 1, x.dim, 1).every((d) => !isWeekday(dayOf(x.y, x.m, d))) };
    }
    if (roll < 0.5) {
      const n = int(r, 1, 31);
      return {
        dom: `${n}W`, dow: '?',
        matches: (x) => {
          if (n > x.dim || !isWeekday(x)) return false;
          // Nearest weekday of the month to n; AWS's rule never needs a tie-break (distance 1 beats distance 2).
          let best = 0;
          for (let d = 1; d <= x.dim; d++) {
            if (isWeekday(dayOf(x.y, x.m, d)) && (best === 0 || Math.abs(d - n) < Math.abs(best - n))) best = d;
          }
          return x.d === best;
        },
      };
    }
    const f = listField(r, 1, 31);
    return { dom: f.text, dow: '?', matches: (x) => f.values.has(x.d) };
  }
  const roll = r();
  if (roll < 0.2) {
    const w = int(r, 1, 7);
    return { dom: '?', dow: `${w}L`, matches: (x) => x.wd === w && x.d + 7 > x.dim };
  }
  if (roll < 0.4) {
    const w = int(r, 1, 7);
    const n = int(r, 1, 5);
    return { dom: '?', dow: `${DAYS[w - 1] ?? ''}#${n}`, matches: (x) => x.wd === w && x.d > 7 * (n - 1) && x.d <= 7 * n };
  }
  const f = listField(r, 1, 7, DAYS);
  return { dom: '?', dow: f.text, matches: (x) => f.values.has(x.wd) };
}

describe('property: next(t) against a brute-force oracle', () => {
  test('random crons, random instants 2024-2030: later, matching, and nothing matching in between', () => {
    const WINDOW = 3 * 24 * 60; // minutes checked minute by minute after t
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      // Dense enough minute/hour fields that most cases fire inside the window; sparse ones test "nothing in between".
      const mi = listField(r, 0, 59);
      const h = listField(r, 0, 23);
      const mo = r() < 0.6 ? { text: '*', values: new Set(range(1, 12, 1)) } : listField(r, 1, 12, MONTHS);
      const yr = r() < 0.8 ? { text: '*', values: new Set(range(1970, 2199, 1)) } : listField(r, 2024, 2031);
      const days = dayFields(r);
      const expression = `cron(${mi.text} ${h.text} ${days.dom} ${mo.text} ${days.dow} ${yr.text})`;
      const oracle = (t: number): boolean => {
        const d = new Date(t);
        return mi.values.has(d.getUTCMinutes()) && h.values.has(d.getUTCHours()) && mo.values.has(d.getUTCMonth() + 1) &&
          yr.values.has(d.getUTCFullYear()) && days.matches(dayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
      };
      const s = parseSchedule(expression, { kind: 'rule' });
      for (let k = 0; k < 4; k++) {
        const t = Date.UTC(2024, 0, 1) + Math.floor(r() * 7 * 365 * 24 * 60) * MINUTE + int(r, 0, 59_999);
        const next = s.next(t);
        const label = `seed ${seed}: ${expression} after ${new Date(t).toISOString()} -> ${next === undefined ? 'undefined' : new Date(next).toISOString()}`;
        if (next !== undefined) {
          assert.ok(next > t, label);
          assert.equal(next % MINUTE, 0, label);
          assert.ok(oracle(next), `${label}: next does not match the fields`);
        }
        const first = Math.floor(t / MINUTE) * MINUTE + MINUTE;
        const end = Math.min(next ?? Infinity, first + WINDOW * MINUTE);
        for (let m = first; m < end; m += MINUTE) assert.ok(!oracle(m), `${label}: ${new Date(m).toISOString()} matches and comes first`);
      }
    }
  });

  test('random crons in America/New_York: later, and the local time of next matches the fields', () => {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', hour: 'numeric', minute: 'numeric' });
    for (let seed = 1000; seed < 1100; seed++) {
      const r = rng(seed);
      const mi = listField(r, 0, 59);
      const h = listField(r, 0, 23);
      const expression = `cron(${mi.text} ${h.text} * * ? *)`;
      const s = parseSchedule(expression, { kind: 'scheduler' });
      // Instants near the 2026 transitions, where the conversions matter.
      const base = r() < 0.5 ? Date.UTC(2026, 2, 7) : Date.UTC(2026, 9, 31);
      const t = base + Math.floor(r() * 3 * 24 * 60) * MINUTE;
      const next = s.next(t, 'America/New_York');
      assert.ok(next !== undefined && next > t, `seed ${seed}: ${expression}`);
      const parts = Object.fromEntries(fmt.formatToParts(next).map((p) => [p.type, p.value]));
      assert.ok(mi.values.has(Number(parts['minute'])) && h.values.has(Number(parts['hour'])), `seed ${seed}: ${expression} -> ${new Date(next).toISOString()}`);
    }
  });
});
