// AWS's six-field cron (Minutes Hours Day-of-month Month Day-of-week Year), parsed once into per-field tables, and a
// field-wise search for the next matching wall-clock minute: it walks years, then months, then only the matching
// days, hours and minutes, so a rare cron (29 February, a year far ahead) costs a few hundred steps, not a minute
// per step.
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** AWS numbers days of the week 1 = SUN … 7 = SAT (JavaScript's getUTCDay() + 1). */
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Day-of-month when Day-of-week is `?`. */
interface DayOfMonthRule {
  readonly days: Uint8Array; // index 1..31
  readonly last: boolean; // L
  readonly lastWeekday: boolean; // LW
  readonly nearestWeekday: number | undefined; // nW
}

/** Day-of-week when Day-of-month is `?`. */
interface DayOfWeekRule {
  readonly days: Uint8Array; // index 1..7
  readonly lastOf: number | undefined; // nL: the last such weekday of the month
  readonly nth: { readonly weekday: number; readonly n: number } | undefined; // d#n
}

export interface CronFields {
  readonly minutes: Uint8Array;
  readonly hours: Uint8Array;
  readonly months: Uint8Array; // index 1..12
  readonly years: Uint8Array; // index year - MIN_YEAR
  readonly dayOfMonth: DayOfMonthRule | undefined;
  readonly dayOfWeek: DayOfWeekRule | undefined;
}

/** Thrown inside the parser; index.ts turns it into the service's ScheduleError. */
export class CronSyntaxError extends Error {}

function fail(reason: string): never {
  throw new CronSyntaxError(reason);
}

/** Parses the text between `cron(` and `)`. */
export function parseCronFields(body: string): CronFields {
  const parts = body.trim().split(/ +/);
  if (parts.length !== 6) fail(`cron needs 6 fields, got ${parts.length}`);
  const [mi, h, dom, mo, dow, y] = parts as [string, string, string, string, string, string];
  const domAny = dom === '?';
  const dowAny = dow === '?';
  // AWS: "You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If you specify a
  // value or a * in one of the fields, you must use a ? in the other."
  if (domAny === dowAny) fail('exactly one of day-of-month and day-of-week must be ?');
  return {
    minutes: parseList(mi, 0, 59, undefined, 'minutes'),
    hours: parseList(h, 0, 23, undefined, 'hours'),
    months: parseList(mo, 1, 12, MONTH_NAMES, 'month'),
    years: parseYears(y),
    dayOfMonth: domAny ? undefined : parseDayOfMonth(dom),
    dayOfWeek: dowAny ? undefined : parseDayOfWeek(dow),
  };
}

function parseYears(text: string): Uint8Array {
  const table = parseList(text, MIN_YEAR, MAX_YEAR, undefined, 'year');
  return table.subarray(MIN_YEAR);
}

function parseDayOfMonth(text: string): DayOfMonthRule {
  const none = { days: new Uint8Array(32), last: false, lastWeekday: false, nearestWeekday: undefined };
  if (text === 'L') return { ...none, last: true };
  if (text === 'LW') return { ...none, lastWeekday: true };
  const w = /^(\d{1,2})W$/.exec(text);
  if (w !== null) {
    const n = Number(w[1]);
    if (n < 1 || n > 31) fail(`day-of-month ${text} out of range`);
    return { ...none, nearestWeekday: n };
  }
  return { ...none, days: parseList(text, 1, 31, undefined, 'day-of-month') };
}

function parseDayOfWeek(text: string): DayOfWeekRule {
  const none = { days: new Uint8Array(8), lastOf: undefined, nth: undefined };
  const upper = text.toUpperCase();
  // A lone L in day-of-week is the last day of the week, Saturday (Quartz's reading, which AWS's cron follows).
  if (upper === 'L') return { ...none, days: parseList('7', 1, 7, DAY_NAMES, 'day-of-week') };
  const last = /^([A-Z]{3}|\d)L$/.exec(upper);
  if (last !== null) return { ...none, lastOf: parseValue(last[1] ?? '', 1, 7, DAY_NAMES, 'day-of-week') };
  const nth = /^([A-Z]{3}|\d)#(\d)$/.exec(upper);
  if (nth !== null) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) fail(`day-of-week ${text}: the week number must be 1-5`);
    return { ...none, nth: { weekday: parseValue(nth[1] ?? '', 1, 7, DAY_NAMES, 'day-of-week'), n } };
  }
  return { ...none, days: parseList(text, 1, 7, DAY_NAMES, 'day-of-week') };
}

/** A comma list of `*`, `v`, `a-b`, `a/step`, `*\/step`, `a-b/step` into a table indexed by value. */
function parseList(text: string, min: number, max: number, names: readonly string[] | undefined, field: string): Uint8Array {
  const table = new Uint8Array(max + 1);
  if (text === '') fail(`${field} is empty`);
  for (const item of text.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/.exec(item);
    if (m === null) fail(`${field}: cannot read "${item}"`);
    const [, from = '', to, stepText] = m;
    let start: number;
    let end: number;
    if (from === '*') {
      if (to !== undefined) fail(`${field}: "${item}" is not a range`);
      start = min;
      end = max;
    } else {
      start = parseValue(from, min, max, names, field);
      // "a/step" runs from a to the field's end; a lone "a" is just a.
      end = to !== undefined ? parseValue(to, min, max, names, field) : stepText !== undefined ? max : start;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || step > max - min + 1) fail(`${field}: bad increment in "${item}"`);
    // A range that wraps (FRI-MON, 22-2) runs past the field's end and starts again at its beginning, as in Quartz.
    const span = end >= start ? end - start : end - start + (max - min + 1);
    for (let k = 0; k <= span; k += step) {
      const v = start + k;
      table[v > max ? v - (max - min + 1) : v] = 1;
    }
  }
  return table;
}

function parseValue(text: string, min: number, max: number, names: readonly string[] | undefined, field: string): number {
  let v: number;
  if (/^\d+$/.test(text)) v = Number(text);
  else {
    const i = names?.indexOf(text.toUpperCase()) ?? -1;
    if (i < 0) fail(`${field}: unknown value "${text}"`);
    v = i + min;
  }
  if (v < min || v > max) fail(`${field}: ${text} is outside ${min}-${max}`);
  return v;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Weekday of a date, AWS numbering (1 = SUN … 7 = SAT). */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The weekday (Mon–Fri) nearest to `day`, without leaving the month: AWS's and Quartz's W. */
function nearestWeekday(year: number, month: number, day: number, dim: number): number {
  const wd = weekdayOf(year, month, day);
  if (wd === 7) return day === 1 ? day + 2 : day - 1; // Saturday: Friday before, or Monday after on the 1st
  if (wd === 1) return day === dim ? day - 2 : day + 1; // Sunday: Monday after, or Friday before on the last day
  return day;
}

/** Which days of (year, month) the day fields select: index 1..dim. */
export function matchingDays(f: CronFields, year: number, month: number): Uint8Array {
  const dim = daysInMonth(year, month);
  const out = new Uint8Array(dim + 1);
  const dom = f.dayOfMonth;
  const dow = f.dayOfWeek;
  if (dom !== undefined) {
    if (dom.last) out[dim] = 1;
    else if (dom.lastWeekday) out[nearestWeekday(year, month, dim, dim)] = 1;
    else if (dom.nearestWeekday !== undefined) {
      // A W day past the month's end (31W in April) selects nothing that month.
      if (dom.nearestWeekday <= dim) out[nearestWeekday(year, month, dom.nearestWeekday, dim)] = 1;
    } else for (let d = 1; d <= dim; d++) out[d] = dom.days[d] ?? 0;
  } else if (dow !== undefined) {
    const first = weekdayOf(year, month, 1);
    for (let d = 1; d <= dim; d++) {
      const wd = ((first - 1 + d - 1) % 7) + 1;
      if (dow.nth !== undefined) {
        if (wd === dow.nth.weekday && Math.ceil(d / 7) === dow.nth.n) out[d] = 1;
      } else if (dow.lastOf !== undefined) {
        if (wd === dow.lastOf && d + 7 > dim) out[d] = 1;
      } else out[d] = dow.days[wd] ?? 0;
    }
  }
  return out;
}

/**
 * Calls `accept` with each matching wall-clock minute (local ms) from `startLocal` (a whole minute) onward, in
 * order, until it returns a value other than undefined, which is returned; undefined when the crons' years run out.
 * `accept` lets the caller skip times that do not exist in its zone without this search knowing about zones.
 */
export function searchFrom<T>(f: CronFields, startLocal: number, accept: (local: number) => T | undefined): T | undefined {
  const s = new Date(startLocal);
  const y0 = s.getUTCFullYear();
  const mo0 = s.getUTCMonth() + 1;
  const d0 = s.getUTCDate();
  const h0 = s.getUTCHours();
  const mi0 = s.getUTCMinutes();
  for (let y = Math.max(y0, MIN_YEAR); y <= MAX_YEAR; y++) {
    if (f.years[y - MIN_YEAR] !== 1) continue;
    const inY = y === y0;
    for (let mo = inY ? mo0 : 1; mo <= 12; mo++) {
      if (f.months[mo] !== 1) continue;
      const inMo = inY && mo === mo0;
      const days = matchingDays(f, y, mo);
      for (let d = inMo ? d0 : 1; d < days.length; d++) {
        if (days[d] !== 1) continue;
        const inD = inMo && d === d0;
        for (let h = inD ? h0 : 0; h <= 23; h++) {
          if (f.hours[h] !== 1) continue;
          const inH = inD && h === h0;
          for (let mi = inH ? mi0 : 0; mi <= 59; mi++) {
            if (f.minutes[mi] !== 1) continue;
            const r = accept(Date.UTC(y, mo - 1, d, h, mi));
            if (r !== undefined) return r;
          }
        }
      }
    }
  }
  return undefined;
}
