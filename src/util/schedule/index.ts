// AWS schedule expressions for EventBridge rules (rate, cron; UTC) and EventBridge Scheduler (at, rate, cron; in
// ScheduleExpressionTimezone). A leaf module: no Lambent imports. Callers map ScheduleError to their service's
// ValidationException by copying `code` and `message`.
//
// cron.ts parses and searches AWS's six-field cron; time-zone.ts converts wall clock <-> instant with DST as AWS
// Scheduler documents it (a time skipped by spring-forward does not run; a repeated time runs once).
import { CronSyntaxError, MAX_YEAR, MIN_YEAR, parseCronFields, searchFrom, type CronFields } from './cron.js';
import { invalidExpression, type ScheduleKind } from './errors.js';
import { fromLocal, isUtc, MINUTE_MS, toLocal } from './time-zone.js';

export { ScheduleError, RULE_INVALID_MESSAGE, schedulerInvalidMessage, type ScheduleKind } from './errors.js';
export { isValidTimeZone } from './time-zone.js';

export interface Schedule {
  readonly type: 'at' | 'rate' | 'cron';
  /** The expression as given. */
  readonly expression: string;
  /**
   * The first fire time strictly after `after` (ms since the epoch), or undefined when the schedule never fires
   * again. `tz` is an IANA zone for cron and at (Scheduler's ScheduleExpressionTimezone; omit for UTC, as rules
   * always are). `anchor` is where a rate counts from (fires at anchor + k × period, k ≥ 0): rules pass their
   * creation time; Scheduler passes StartDate, else the creation time (AWS: without a StartDate a rate schedule
   * "starts invoking its target immediately"). Cron and at ignore it. A rate without an anchor counts from the epoch.
   * `tz` must be a zone isValidTimeZone accepts (the service checks it first); an unknown zone throws RangeError.
   */
  next(after: number, tz?: string, anchor?: number): number | undefined;
}

export interface RateSchedule extends Schedule {
  readonly type: 'rate';
  /** The period in ms. Days are 24 hours of elapsed time, across DST changes too (as AWS Scheduler documents). */
  readonly periodMs: number;
}

const UNITS: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Parses a ScheduleExpression as PutRule (`rule`) or CreateSchedule/UpdateSchedule (`scheduler`) accepts it. */
export function parseSchedule(expression: string, opts: { kind: ScheduleKind }): Schedule {
  const bad = (reason: string): never => {
    throw invalidExpression(opts.kind, expression, reason);
  };
  const call = /^(rate|cron|at)\((.*)\)$/s.exec(expression);
  if (call === null) return bad('not rate(...), cron(...) or at(...)');
  const [, fn, body = ''] = call;
  if (fn === 'rate') return parseRate(body, expression, bad);
  if (fn === 'at') {
    if (opts.kind === 'rule') return bad('rules take rate() and cron() only');
    return parseAt(body, expression, bad);
  }
  let fields: CronFields;
  try {
    fields = parseCronFields(body);
  } catch (e) {
    if (e instanceof CronSyntaxError) return bad(e.message);
    throw e;
  }
  return cronSchedule(fields, expression);
}

function parseRate(body: string, expression: string, bad: (r: string) => never): RateSchedule {
  const m = /^([1-9]\d*) (minute|hour|day)(s?)$/.exec(body);
  if (m === null) return bad('rate needs "value unit" with unit minute(s), hour(s) or day(s)');
  const [, valueText = '', unit = '', plural] = m;
  const value = Number(valueText);
  // AWS refuses rate(1 minutes) and rate(5 minute): singular for 1, plural otherwise.
  if ((value === 1) !== (plural === '')) return bad('use the singular unit for 1 and the plural otherwise');
  if (!Number.isSafeInteger(value)) return bad('rate value too large');
  const periodMs = value * (UNITS[unit] ?? 0);
  return {
    type: 'rate',
    expression,
    periodMs,
    next(after, _tz, anchor = 0) {
      if (after < anchor) return anchor;
      return anchor + (Math.floor((after - anchor) / periodMs) + 1) * periodMs;
    },
  };
}

function parseAt(body: string, expression: string, bad: (r: string) => never): Schedule {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (m === null) return bad('at needs yyyy-mm-ddThh:mm:ss');
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(local);
  // Date.UTC rolls 2025-02-30 over into March: a date that does not survive the round trip does not exist.
  if (y < MIN_YEAR || y > MAX_YEAR || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return bad('at names a date or time that does not exist');
  }
  return {
    type: 'at',
    expression,
    next(after, tz) {
      const instant = atInstant(tz, local);
      return instant > after ? instant : undefined;
    },
  };
}

/**
 * The instant of an at() wall time. A time inside a spring-forward gap has no instant; we fire it at the first
 * instant after the gap rather than never (AWS does not document this case; a one-time schedule that silently never
 * fires would be worse).
 */
function atInstant(tz: string | undefined, local: number): number {
  const direct = fromLocal(tz, local);
  if (direct !== undefined) return direct;
  for (let probe = Math.floor(local / MINUTE_MS) * MINUTE_MS + MINUTE_MS; ; probe += MINUTE_MS) {
    const t = fromLocal(tz, probe);
    if (t !== undefined) return t;
  }
}

function cronSchedule(fields: CronFields, expression: string): Schedule {
  return {
    type: 'cron',
    expression,
    next(after, tz) {
      const zone = isUtc(tz) ? undefined : tz;
      // Cron fires on whole minutes; start from the first whole wall-clock minute after `after`.
      const local = toLocal(zone, after);
      const start = Math.floor(local / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
      return searchFrom(fields, start, (candidate) => {
        const instant = fromLocal(zone, candidate);
        // Undefined: the wall time does not exist today (spring forward), skip it. At or before `after`: the first
        // occurrence of a repeated wall time (fall back) already ran, and AWS runs it once.
        return instant !== undefined && instant > after ? instant : undefined;
      });
    },
  };
}
