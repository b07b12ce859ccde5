// Wall clock <-> instant in an IANA zone, with Intl only (no tz database of our own). "Local ms" below means the
// wall-clock time written as if it were UTC: Date.UTC(year, month - 1, day, hour, minute).
const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True for zones Intl knows ("America/New_York", "UTC", "Etc/GMT+5"); Scheduler refuses the others. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** True when `tz` needs no conversion: callers skip Intl on the hot path of UTC rules. */
export function isUtc(tz: string | undefined): boolean {
  return tz === undefined || tz === 'UTC' || tz === 'Etc/UTC' || tz === 'GMT' || tz === 'Etc/GMT';
}

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (f === undefined) {
    // Throws RangeError for an unknown zone: isValidTimeZone relies on it.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The zone's offset from UTC at `instant`, in ms (New York in winter: -5 h). */
export function offsetAt(tz: string, instant: number): number {
  if (isUtc(tz)) return 0;
  const parts = formatterFor(tz).formatToParts(instant);
  let y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
      default: break;
    }
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The wall-clock time (local ms) in `tz` at `instant`. */
export function toLocal(tz: string | undefined, instant: number): number {
  return tz === undefined ? instant : instant + offsetAt(tz, instant);
}

/**
 * The instant a wall-clock time names in `tz`: the earlier one when the time occurs twice (fall back), undefined when
 * it never occurs (spring forward). AWS Scheduler's DST rule is exactly that: a skipped time does not run, a repeated
 * time runs once.
 */
export function fromLocal(tz: string | undefined, local: number): number | undefined {
  if (tz === undefined || isUtc(tz)) return local;
  // A day either side brackets any transition near `local`; zones never change offset twice within two days.
  const before = offsetAt(tz, local - DAY);
  const after = offsetAt(tz, local + DAY);
  let best: number | undefined;
  for (const o of before === after ? [before] : [before, after]) {
    const candidate = local - o;
    if (offsetAt(tz, candidate) === o && (best === undefined || candidate < best)) best = candidate;
  }
  return best;
}

export const MINUTE_MS = MINUTE;
