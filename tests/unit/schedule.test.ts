// Schedule expressions as AWS documents them: the examples of "Schedule expressions for rules" and "Schedule types on
// EventBridge Scheduler" (expression -> the fire times AWS describes), the expressions AWS refuses with each service's
// message, L/W/# at month edges, leap years, the year range, and DST in New York and London (a time skipped by
// spring-forward does not run; a repeated time runs once).
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import {
  isValidTimeZone,
  parseSchedule,
  RULE_INVALID_MESSAGE,
  ScheduleError,
  type ScheduleKind,
} from '../../src/util/schedule/index.js';

const ms = (iso: string): number => Date.parse(iso);
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

/** The next `n` fire times after `from`, each strictly after the one before, as ISO strings. */
function fires(expression: string, from: string, n: number, tz?: string, kind: ScheduleKind = 'scheduler'): Array<string | undefined> {
  const s = parseSchedule(expression, { kind });
  const out: Array<string | undefined> = [];
  let t = ms(from);
  for (let i = 0; i < n; i++) {
    const next = s.next(t, tz);
    out.push(iso(next));
    if (next === undefined) break;
    assert.ok(next > t, `${expression}: next(${new Date(t).toISOString()}) must be later`);
    t = next;
  }
  return out;
}

const Z = (s: string): string => `${s}:00.000Z`;

describe('AWS documentation examples (UTC)', () => {
  test('cron(0 10 * * ? *): 10:00 every day', () => {
    assert.deepEqual(fires('cron(0 10 * * ? *)', '2026-01-01T10:00:00Z', 3), [Z('2026-01-02T10:00'), Z('2026-01-03T10:00'), Z('2026-01-04T10:00')]);
  });
  test('cron(15 12 * * ? *): 12:15 every day', () => {
    assert.deepEqual(fires('cron(15 12 * * ? *)', '2026-01-01T12:14:59Z', 2), [Z('2026-01-01T12:15'), Z('2026-01-02T12:15')]);
  });
  test('cron(0 18 ? * MON-FRI *): 18:00 Monday to Friday', () => {
    // 2026-01-02 is a Friday: the next runs are Friday, then Monday and Tuesday.
    assert.deepEqual(fires('cron(0 18 ? * MON-FRI *)', '2026-01-02T00:00:00Z', 3), [Z('2026-01-02T18:00'), Z('2026-01-05T18:00'), Z('2026-01-06T18:00')]);
  });
  test('cron(0 8 1 * ? *): 08:00 on the first of every month', () => {
    assert.deepEqual(fires('cron(0 8 1 * ? *)', '2026-01-01T08:00:00Z', 3), [Z('2026-02-01T08:00'), Z('2026-03-01T08:00'), Z('2026-04-01T08:00')]);
  });
  test('cron(0/15 * * * ? *): every 15 minutes', () => {
    assert.deepEqual(fires('cron(0/15 * * * ? *)', '2026-01-01T23:31:10Z', 3), [Z('2026-01-01T23:45'), Z('2026-01-02T00:00'), Z('2026-01-02T00:15')]);
  });
  test('cron(0/10 * ? * MON-FRI *): every 10 minutes on weekdays, none at the weekend', () => {
    // Friday 2026-01-02 23:50 is the last before the weekend; Monday 00:00 is the next.
    assert.deepEqual(fires('cron(0/10 * ? * MON-FRI *)', '2026-01-02T23:45:00Z', 2), [Z('2026-01-02T23:50'), Z('2026-01-05T00:00')]);
  });
  test('cron(0/5 8-17 ? * MON-FRI *): every 5 minutes 08:00-17:55 on weekdays', () => {
    assert.deepEqual(fires('cron(0/5 8-17 ? * MON-FRI *)', '2026-01-05T17:50:00Z', 2), [Z('2026-01-05T17:55'), Z('2026-01-06T08:00')]);
  });
  test('cron(0/30 20-2 ? * MON-FRI *): an hour range that wraps past midnight', () => {
    assert.deepEqual(fires('cron(0/30 20-2 ? * MON-FRI *)', '2026-01-05T02:00:00Z', 3), [Z('2026-01-05T02:30'), Z('2026-01-05T20:00'), Z('2026-01-05T20:30')]);
  });
  test('cron(15 10 ? * 6L 2022-2023): last Friday of each month, 2022-2023 only', () => {
    assert.deepEqual(fires('cron(15 10 ? * 6L 2022-2023)', '2022-01-01T00:00:00Z', 2), [Z('2022-01-28T10:15'), Z('2022-02-25T10:15')]);
    assert.deepEqual(fires('cron(15 10 ? * 6L 2022-2023)', '2023-12-29T10:15:00Z', 1), [undefined]);
  });
  test('cron(0 9 ? * 2#1 *): first Monday of the month', () => {
    assert.deepEqual(fires('cron(0 9 ? * 2#1 *)', '2026-01-01T00:00:00Z', 3), [Z('2026-01-05T09:00'), Z('2026-02-02T09:00'), Z('2026-03-02T09:00')]);
  });
  test('month and day names, any case, as numbers do', () => {
    assert.deepEqual(fires('cron(0 0 1 JAN,jul ? *)', '2026-01-01T00:00:00Z', 2), [Z('2026-07-01T00:00'), Z('2027-01-01T00:00')]);
    assert.deepEqual(fires('cron(0 0 ? * SUN,SAT *)', '2026-01-01T00:00:00Z', 2), [Z('2026-01-03T00:00'), Z('2026-01-04T00:00')]);
    assert.deepEqual(fires('cron(0 0 ? * 1,7 *)', '2026-01-01T00:00:00Z', 2), [Z('2026-01-03T00:00'), Z('2026-01-04T00:00')]);
  });
  test('a/step starts at a: 1/10 is minutes 1, 11, 21 …', () => {
    assert.deepEqual(fires('cron(1/10 * * * ? *)', '2026-01-01T00:00:00Z', 3), [Z('2026-01-01T00:01'), Z('2026-01-01T00:11'), Z('2026-01-01T00:21')]);
  });
  test('a rule cron is the same in UTC', () => {
    assert.deepEqual(fires('cron(0 12 * * ? *)', '2026-06-01T12:00:00Z', 1, undefined, 'rule'), [Z('2026-06-02T12:00')]);
  });
});

describe('rate()', () => {
  test('fires at anchor + k × period, strictly after `after`', () => {
    const s = parseSchedule('rate(5 minutes)', { kind: 'rule' });
    const created = ms('2026-01-01T10:02:30Z');
    assert.equal(iso(s.next(created, undefined, created)), '2026-01-01T10:07:30.000Z');
    assert.equal(iso(s.next(ms('2026-01-01T10:07:30Z'), undefined, created)), '2026-01-01T10:12:30.000Z');
    assert.equal(iso(s.next(ms('2026-01-01T10:07:29.999Z'), undefined, created)), '2026-01-01T10:07:30.000Z');
  });
  test('a Scheduler rate with a later StartDate first fires at StartDate', () => {
    const s = parseSchedule('rate(1 hour)', { kind: 'scheduler' });
    assert.equal(iso(s.next(ms('2026-01-01T00:00:00Z'), 'UTC', ms('2026-02-01T00:00:00Z'))), '2026-02-01T00:00:00.000Z');
  });
  test('units: 1 minute, 1 hour, 2 days (days are 24 hours, across DST too)', () => {
    const anchor = ms('2026-03-07T07:00:00Z');
    const periods: Array<[string, number]> = [['rate(1 minute)', 60_000], ['rate(1 hour)', 3_600_000], ['rate(2 days)', 172_800_000], ['rate(7 days)', 604_800_000]];
    for (const [e, p] of periods) {
      assert.equal(parseSchedule(e, { kind: 'rule' }).next(anchor, 'America/New_York', anchor), anchor + p, e);
    }
  });
});

describe('at() (Scheduler only)', () => {
  test('fires once at its wall time in the schedule time zone', () => {
    const s = parseSchedule('at(2026-11-20T13:00:00)', { kind: 'scheduler' });
    assert.equal(iso(s.next(ms('2026-01-01T00:00:00Z'))), '2026-11-20T13:00:00.000Z');
    assert.equal(iso(s.next(ms('2026-01-01T00:00:00Z'), 'America/Los_Angeles')), '2026-11-20T21:00:00.000Z');
    assert.equal(s.next(ms('2026-11-20T21:00:00Z'), 'America/Los_Angeles'), undefined);
  });
  test('an at() inside the spring-forward gap fires when the gap ends', () => {
    const s = parseSchedule('at(2026-03-08T02:30:00)', { kind: 'scheduler' });
    assert.equal(iso(s.next(ms('2026-01-01T00:00:00Z'), 'America/New_York')), '2026-03-08T07:00:00.000Z');
  });
  test('rules refuse at()', () => {
    assert.throws(() => parseSchedule('at(2026-11-20T13:00:00)', { kind: 'rule' }), { message: RULE_INVALID_MESSAGE });
  });
});

describe('invalid expressions: ValidationException in each service\'s words', () => {
  const bad = [
    '', 'rate(5 minutes) ', ' cron(0 0 * * ? *)', 'RATE(5 minutes)', 'every 5 minutes',
    'rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'rate(-1 minutes)', 'rate(1.5 hours)', 'rate(5 seconds)',
    'rate(2 weeks)', 'rate(5  minutes)', 'rate(5minutes)', 'rate()', 'rate(05 minutes)',
    'cron(0 12 * * *)', 'cron(0 12 * * ? * *)', 'cron(0 12 * * * *)', 'cron(0 12 ? * ? *)', 'cron(7 20 * * 1-7 *)',
    'cron(15 12 ? * -1 *)', 'cron(60 * * * ? *)', 'cron(0 24 * * ? *)', 'cron(0 0 0 * ? *)', 'cron(0 0 32 * ? *)',
    'cron(0 0 * 13 ? *)', 'cron(0 0 * 0 ? *)', 'cron(0 0 ? * 0 *)', 'cron(0 0 ? * 8 *)', 'cron(0 0 * * ? 1969)',
    'cron(0 0 * * ? 2200)', 'cron(0 0 ? * 3#1,6#3 *)', 'cron(0 0 ? * 3#6 *)', 'cron(0 0 ? * 3#0 *)', 'cron(0 0 32W * ? *)',
    'cron(0 0 ? * FOO *)', 'cron(0 0 * JANUARY ? *)', 'cron(0 0 1,L * ? *)', 'cron(0/0 * * * ? *)', 'cron(*/61 * * * ? *)',
    'cron(0 0 1-* * ? *)', 'cron(0 0 ,1 * ? *)', 'cron()',
  ];
  for (const e of bad) {
    test(`${JSON.stringify(e)} is refused`, () => {
      assert.throws(() => parseSchedule(e, { kind: 'rule' }), (err: unknown) => {
        assert.ok(err instanceof ScheduleError);
        assert.equal(err.code, 'ValidationException');
        assert.equal(err.httpStatus, 400);
        assert.equal(err.message, 'Parameter ScheduleExpression is not valid.');
        return true;
      });
      assert.throws(() => parseSchedule(e, { kind: 'scheduler' }), { message: `Invalid Schedule Expression ${e}.` });
    });
  }
  for (const e of ['at(2026-02-30T00:00:00)', 'at(2026-01-01 00:00:00)', 'at(2026-01-01T24:00:00)', 'at(2026-01-01T00:00)', 'at(2026-1-01T00:00:00)', 'at(2200-01-01T00:00:00)']) {
    test(`${e} is refused by Scheduler`, () => {
      assert.throws(() => parseSchedule(e, { kind: 'scheduler' }), { name: 'ScheduleError', message: `Invalid Schedule Expression ${e}.` });
    });
  }
  test('the valid forms around them are accepted', () => {
    for (const e of ['rate(1 minute)', 'rate(2 minutes)', 'rate(1 hour)', 'rate(12 hours)', 'rate(1 day)', 'rate(2 days)',
      'cron(0 12 * * ? *)', 'cron(0 0 L * ? *)', 'cron(0 0 LW * ? *)', 'cron(0 0 15W * ? *)', 'cron(0 0 ? * 5L *)',
      'cron(0 0 ? * L *)', 'cron(0 0 ? * 3#2 *)', 'cron(0 0 ? * FRI-MON *)', 'cron(0 0 1 */3 ? 2026-2030/2)']) {
      assert.equal(parseSchedule(e, { kind: 'rule' }).expression, e);
    }
  });
});

describe('L, W and # at the edges of months', () => {
  test('L is the last day, in 28-, 29-, 30- and 31-day months', () => {
    assert.deepEqual(fires('cron(0 0 L * ? *)', '2026-01-31T00:00:00Z', 3), [Z('2026-02-28T00:00'), Z('2026-03-31T00:00'), Z('2026-04-30T00:00')]);
    assert.deepEqual(fires('cron(0 0 L 2 ? *)', '2027-03-01T00:00:00Z', 1), [Z('2028-02-29T00:00')]);
  });
  test('LW is the last weekday: a month ending on Saturday or Sunday runs on Friday', () => {
    // 2026-01-31 is a Saturday; 2026-05-31 a Sunday; 2026-04-30 a Thursday.
    assert.deepEqual(fires('cron(0 0 LW 1,4,5 ? *)', '2026-01-01T00:00:00Z', 3), [Z('2026-01-30T00:00'), Z('2026-04-30T00:00'), Z('2026-05-29T00:00')]);
  });
  test('1W never reaches back into the previous month; 31W never forward into the next', () => {
    // 2026-08-01 is a Saturday: Monday 3rd, not Friday 31 July. 2026-02-01 is a Sunday: Monday 2nd.
    assert.deepEqual(fires('cron(0 0 1W 2,8 ? *)', '2026-01-01T00:00:00Z', 2), [Z('2026-02-02T00:00'), Z('2026-08-03T00:00')]);
    // 2026-05-31 is a Sunday: Friday 29th, not Monday 1 June. April has no 31st: no run in April.
    assert.deepEqual(fires('cron(0 0 31W 4,5 ? *)', '2026-04-01T00:00:00Z', 1), [Z('2026-05-29T00:00')]);
  });
  test('15W: Saturday moves to Friday, Sunday to Monday', () => {
    // 2026-08-15 is a Saturday, 2026-11-15 a Sunday.
    assert.deepEqual(fires('cron(0 0 15W 8,11 ? *)', '2026-01-01T00:00:00Z', 2), [Z('2026-08-14T00:00'), Z('2026-11-16T00:00')]);
  });
  test('5#5 (fifth Thursday) skips months that have only four', () => {
    // 2026: Thursdays fall five times in January, April, July, October and December.
    assert.deepEqual(fires('cron(0 0 ? * 5#5 *)', '2026-01-01T00:00:00Z', 5), [Z('2026-01-29T00:00'), Z('2026-04-30T00:00'), Z('2026-07-30T00:00'), Z('2026-10-29T00:00'), Z('2026-12-31T00:00')]);
  });
  test('L alone in day-of-week is Saturday', () => {
    assert.deepEqual(fires('cron(0 0 ? * L *)', '2026-01-01T00:00:00Z', 2), [Z('2026-01-03T00:00'), Z('2026-01-10T00:00')]);
  });
  test('a day range that wraps the week: FRI-MON', () => {
    assert.deepEqual(fires('cron(0 0 ? * FRI-MON *)', '2026-01-01T00:00:00Z', 5), [Z('2026-01-02T00:00'), Z('2026-01-03T00:00'), Z('2026-01-04T00:00'), Z('2026-01-05T00:00'), Z('2026-01-09T00:00')]);
  });
});

describe('leap years and the year range', () => {
  test('29 February runs in leap years only, and 2100 is not one', () => {
    assert.deepEqual(fires('cron(0 0 29 2 ? *)', '2025-01-01T00:00:00Z', 2), [Z('2028-02-29T00:00'), Z('2032-02-29T00:00')]);
    assert.deepEqual(fires('cron(0 0 29 2 ? *)', '2096-03-01T00:00:00Z', 1), [Z('2104-02-29T00:00')]);
  });
  test('a cron that never fires again answers undefined', () => {
    assert.deepEqual(fires('cron(0 0 * * ? 2020)', '2021-01-01T00:00:00Z', 1), [undefined]);
    assert.deepEqual(fires('cron(59 23 31 12 ? 2199)', '2199-12-31T23:59:00Z', 1), [undefined]);
    assert.deepEqual(fires('cron(0 0 30 2 ? *)', '2026-01-01T00:00:00Z', 1), [undefined]);
  });
  test('a year far ahead, and a time before 1970', () => {
    assert.deepEqual(fires('cron(0 0 1 1 ? 2150)', '2026-01-01T00:00:00Z', 1), [Z('2150-01-01T00:00')]);
    assert.deepEqual(fires('cron(0 0 1 1 ? *)', '1960-06-01T00:00:00Z', 1), [Z('1970-01-01T00:00')]);
  });
  test('rare crons answer fast: field-wise search, not minute by minute', () => {
    const rare = ['cron(0 0 29 2 ? *)', 'cron(0 0 30 2 ? *)', 'cron(0 0 1 1 ? 2199)', 'cron(0 0 ? 2 5#5 *)'].map((e) => parseSchedule(e, { kind: 'rule' }));
    const from = ms('2025-03-01T00:00:00Z');
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) for (const s of rare) s.next(from + i * 61_000);
    const perCall = (performance.now() - t0) / (n * rare.length);
    assert.ok(perCall < 0.5, `${perCall.toFixed(4)} ms per next() (limit 0.5 ms on a shared machine)`);
  });
});

describe('daylight saving time (Scheduler, ScheduleExpressionTimezone)', () => {
  const NY = 'America/New_York'; // 2026: EST->EDT 8 March 02:00; EDT->EST 1 November 02:00
  const LON = 'Europe/London'; // 2026: GMT->BST 29 March 01:00; BST->GMT 25 October 02:00

  test('New York spring forward: 02:30 does not exist on 8 March, that day is skipped', () => {
    assert.deepEqual(fires('cron(30 2 * * ? *)', '2026-03-07T00:00:00Z', 2, NY), [Z('2026-03-07T07:30'), Z('2026-03-09T06:30')]);
  });
  test('New York spring forward: 03:30 (outside the gap) runs every day at its new offset', () => {
    assert.deepEqual(fires('cron(30 3 * * ? *)', '2026-03-07T00:00:00Z', 3, NY), [Z('2026-03-07T08:30'), Z('2026-03-08T07:30'), Z('2026-03-09T07:30')]);
  });
  test('New York fall back: 01:30 happens twice on 1 November and runs once, at the first', () => {
    assert.deepEqual(fires('cron(30 1 * * ? *)', '2026-10-31T12:00:00Z', 2, NY), [Z('2026-11-01T05:30'), Z('2026-11-02T06:30')]);
    // Asked from inside the repeated hour (01:00 EST, the second 01:00), it does not run again that day.
    assert.equal(iso(parseSchedule('cron(30 1 * * ? *)', { kind: 'scheduler' }).next(ms('2026-11-01T06:00:00Z'), NY)), '2026-11-02T06:30:00.000Z');
  });
  test('New York fall back: an hourly cron runs once in the repeated hour', () => {
    assert.deepEqual(fires('cron(0 * * * ? *)', '2026-11-01T04:30:00Z', 3, NY), [Z('2026-11-01T05:00'), Z('2026-11-01T07:00'), Z('2026-11-01T08:00')]);
  });
  test('New York fall back: 03:00 (outside the repeated hour) keeps its wall time', () => {
    assert.deepEqual(fires('cron(0 3 * * ? *)', '2026-10-31T00:00:00Z', 2, NY), [Z('2026-10-31T07:00'), Z('2026-11-01T08:00')]);
  });
  test('London spring forward: 01:30 does not exist on 29 March', () => {
    assert.deepEqual(fires('cron(30 1 * * ? *)', '2026-03-28T00:00:00Z', 2, LON), [Z('2026-03-28T01:30'), Z('2026-03-30T00:30')]);
  });
  test('London fall back: 01:30 runs once on 25 October, in BST', () => {
    assert.deepEqual(fires('cron(30 1 * * ? *)', '2026-10-24T12:00:00Z', 2, LON), [Z('2026-10-25T00:30'), Z('2026-10-26T01:30')]);
  });
  test('London: noon (outside both transitions) keeps its wall time', () => {
    assert.deepEqual(fires('cron(0 12 * * ? *)', '2026-10-24T00:00:00Z', 2, LON), [Z('2026-10-24T11:00'), Z('2026-10-25T12:00')]);
    assert.deepEqual(fires('cron(0 12 * * ? *)', '2026-03-28T00:00:00Z', 2, LON), [Z('2026-03-28T12:00'), Z('2026-03-29T11:00')]);
  });
  test('a zone without DST, and UTC spelled as a zone', () => {
    assert.deepEqual(fires('cron(0 9 * * ? *)', '2026-01-01T00:00:00Z', 1, 'Asia/Kolkata'), [Z('2026-01-01T03:30')]);
    assert.deepEqual(fires('cron(0 9 * * ? *)', '2026-01-01T00:00:00Z', 1, 'UTC'), [Z('2026-01-01T09:00')]);
  });
  test('isValidTimeZone knows IANA zones and refuses others', () => {
    assert.equal(isValidTimeZone('America/New_York'), true);
    assert.equal(isValidTimeZone('Europe/London'), true);
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isValidTimeZone(''), false);
  });
});
