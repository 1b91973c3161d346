/**
 * Calendar arithmetic in Danish time. Every rule of the domain that speaks of days, months or
 * years ("within the last year", "12 months without use", "until the 15th birthday") is decided on
 * the calendar of Europe/Copenhagen, so an instant is first turned into the local date there.
 * Pure functions: the instant is always passed in, nothing reads the system clock.
 */

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

export const DANISH_TIME_ZONE = 'Europe/Copenhagen';

// Made on first use: loading the time zone costs a start-up ~15 ms, and only instants outside the
// fast path's 1996–2099 need it.
let localPartsFormat: Intl.DateTimeFormat | undefined;
const localParts = () =>
  (localPartsFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: DANISH_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'long',
  }));

/** The wall-clock reading in Copenhagen at an instant. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 'monday' … 'sunday' */
  weekday: Weekday;
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/**
 * The calendar date of a day count since 1970-01-01, packed as year × 10 000 + month × 100 + day
 * (H. Hinnant's civil_from_days, proleptic Gregorian), so hot callers allocate nothing.
 */
export function civilFromDays(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (month <= 2 ? 1 : 0)) * 10_000 + month * 100 + day;
}

/** The Copenhagen wall-clock parts of an instant (summer time applied). */
export function copenhagenParts(instant: Date): LocalParts {
  assertValidInstant(instant);
  const t = instant.getTime();
  const offset = euOffsetMs(t);
  if (offset !== undefined) {
    // Fast path: the wall clock is UTC shifted by the offset, split into calendar parts by
    // arithmetic (no Date to allocate; the offset applies only in 1996–2099, so days are positive).
    const local = t + offset;
    const days = Math.floor(local / 86_400_000);
    const ms = local - days * 86_400_000;
    const seconds = Math.floor(ms / 1000);
    const ymd = civilFromDays(days);
    return {
      year: Math.floor(ymd / 10_000),
      month: Math.floor(ymd / 100) % 100,
      day: ymd % 100,
      hour: Math.floor(seconds / 3600),
      minute: Math.floor(seconds / 60) % 60,
      second: seconds % 60,
      weekday: WEEKDAYS[(days + 3) % 7] as Weekday, // 1970-01-01 was a Thursday
    };
  }
  const parts: Record<string, string> = {};
  for (const part of localParts().formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: (parts.weekday ?? '').toLowerCase() as Weekday,
  };
}

/**
 * Copenhagen's UTC offset by the EU rule Denmark has followed since 1996: summer time (UTC+2) from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, UTC+1
 * otherwise. Undefined outside 1996–2099, where the time zone database (Intl) decides instead.
 * It is arithmetic because Intl's formatToParts costs microseconds, and the generators and the
 * sandbox ask for the local time of an instant millions of times.
 */
function euOffsetMs(t: number): number | undefined {
  // Most calls fall in the same UTC year as the last one: its bounds are kept to skip a Date.
  if (!(t >= lastYear.from && t < lastYear.to)) {
    const year = new Date(t).getUTCFullYear();
    if (year < 1996 || year > 2099) return undefined;
    const [start, end] = summerTime(year);
    lastYear = { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1), start, end };
  }
  return t >= lastYear.start && t < lastYear.end ? 7_200_000 : 3_600_000;
}

// The UTC year (and its summer time) of the last lookup; derived data only, so still pure.
let lastYear = { from: 0, to: 0, start: 0, end: 0 };

// Summer time start and end instants of a year, kept after the first use: a bounded table (at most
// 104 entries), written once per year and never changed, so the function stays pure.
const summerTimeByYear = new Map<number, readonly [number, number]>();

function summerTime(year: number): readonly [number, number] {
  let span = summerTimeByYear.get(year);
  if (!span) {
    span = [lastSundayAtOneUtc(year, 3), lastSundayAtOneUtc(year, 10)];
    summerTimeByYear.set(year, span);
  }
  return span;
}

function lastSundayAtOneUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0, 1)); // day 0 of the next month: the last day
  return last.getTime() - last.getUTCDay() * 86_400_000;
}

/** The calendar date in Copenhagen at an instant, e.g. 2025-03-30T22:30Z → '2025-03-31'. */
export function copenhagenDate(instant: Date): IsoDate {
  assertValidInstant(instant);
  const t = instant.getTime();
  const offset = euOffsetMs(t);
  if (offset === undefined) {
    const p = copenhagenParts(instant);
    return formatDate(p.year, p.month, p.day);
  }
  // The sandbox asks for today's date several times in every request (consent, proxy rules, the
  // sharing table): the text of the last local day is kept rather than built again.
  const days = Math.floor((t + offset) / 86_400_000);
  if (days !== lastDate.days) {
    const ymd = civilFromDays(days);
    lastDate = { days, text: formatDate(Math.floor(ymd / 10_000), Math.floor(ymd / 100) % 100, ymd % 100) };
  }
  return lastDate.text;
}

// The local day (days since 1970-01-01, Copenhagen) of the last copenhagenDate and its text;
// derived data only, so the function stays pure.
let lastDate = { days: Number.NaN, text: '' };

/** Parses `YYYY-MM-DD` strictly (a real calendar date), or throws a RangeError. */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  // Read digit by digit rather than with a regular expression: the generators parse millions.
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new RangeError(`Not a calendar date (expected YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (year < 0 || month < 0 || day < 0) {
    throw new RangeError(`Not a calendar date (expected YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return { year, month, day };
}

/** The number written by the ASCII digits text[from, to), or -1 if any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export function formatDate(year: number, month: number, day: number): IsoDate {
  // Built by hand rather than with padStart: the generators format millions of dates.
  const y = year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${month >= 0 && month < 10 ? '0' : ''}${month}-${day >= 0 && day < 10 ? '0' : ''}${day}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/**
 * Adds calendar months to a date. A day that does not exist in the target month is clamped to
 * its last day (2024-02-29 + 12 months → 2025-02-28), the common reading of "one year later".
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const to = addMonthsToParts(year, month, day, months);
  return formatDate(to.year, to.month, to.day);
}

/** addMonths on a date given as numbers, for callers that hold them (no text written or parsed). */
export function addMonthsToParts(
  year: number,
  month: number,
  day: number,
  months: number,
): { year: number; month: number; day: number } {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return { year: y, month: m, day: Math.min(day, daysInMonth(y, m)) };
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** Adds whole days to a date (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** The weekday of a calendar date. */
export function weekdayOf(date: IsoDate): Weekday {
  const { year, month, day } = parseIsoDate(date);
  const js = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
  return WEEKDAYS[(js + 6) % 7] as Weekday;
}

/**
 * The instant at which a Copenhagen wall-clock time occurs. In the spring gap (02:00–03:00 on the
 * last Sunday of March) the time does not exist; it is read with the winter offset, so 02:30
 * becomes 03:30 summer time (as a clock that was not moved forward would show). In the autumn
 * overlap the earlier (summer time) instant is returned.
 */
export function copenhagenInstant(date: IsoDate, hour = 0, minute = 0): Date {
  const { year, month, day } = parseIsoDate(date);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError(`Not a wall-clock time: ${hour}:${minute} (expected hour 0–23, minute 0–59)`);
  }
  return new Date(copenhagenWallMs(year, month, day, hour, minute));
}

/**
 * copenhagenInstant's instant (ms since the epoch) for a real date and a valid wall-clock time,
 * without parsing or checking them: for callers that already hold the numbers.
 */
export function copenhagenWallMs(year: number, month: number, day: number, hour: number, minute: number): number {
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Copenhagen is UTC+1 or UTC+2; try the summer offset first so an ambiguous time picks it.
  for (let offsetHours = 2; offsetHours >= 1; offsetHours--) {
    const candidate = wallAsUtc - offsetHours * 3_600_000;
    // Where the EU rule applies (and Date.UTC read the year as given: it maps 0–99 to 1900–1999),
    // the candidate reads as the wall-clock time exactly when its offset is the one tried; this
    // saves splitting it into parts.
    const offset = year >= 100 ? euOffsetMs(candidate) : undefined;
    if (offset !== undefined) {
      if (offset === offsetHours * 3_600_000) return candidate;
      continue;
    }
    const p = copenhagenParts(new Date(candidate));
    if (p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute) {
      return candidate;
    }
  }
  return wallAsUtc - 3_600_000;
}

/** The UTC offset in minutes of Copenhagen at an instant (60 in winter, 120 in summer). */
export function copenhagenOffsetMinutes(instant: Date): number {
  const p = copenhagenParts(instant);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

function assertValidInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Expected a valid Date instant');
  }
}

/** An instant as Copenhagen wall-clock time with its offset: `2026-01-15T12:00:00.000+01:00`. */
export function copenhagenIso(instant: Date): string {
  const p = copenhagenParts(instant);
  const offset = copenhagenOffsetMinutes(instant);
  const two = (n: number) => String(n).padStart(2, '0');
  const ms = String(((instant.getTime() % 1000) + 1000) % 1000).padStart(3, '0');
  return `${formatDate(p.year, p.month, p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}.${ms}+${two(offset / 60)}:00`;
}

/**
 * The instants sandbox time can take: the Copenhagen calendar days 1900-01-01 to 2099-12-31, whose
 * dates, offsets and ages the kit computes (the control API's clock, snapshots and scenarios).
 */
export const SANDBOX_TIME = {
  from: Date.UTC(1899, 11, 31, 23), // 1900-01-01 00:00 in Copenhagen (UTC+1)
  to: Date.UTC(2099, 11, 31, 23), // 2100-01-01 00:00 in Copenhagen, excluded
} as const;

/** Whether an instant (ms since the epoch) lies in sandbox time; false for NaN. */
export function inSandboxTime(ms: number): boolean {
  return ms >= SANDBOX_TIME.from && ms < SANDBOX_TIME.to;
}
