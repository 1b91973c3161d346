/**
 * The calendar the record generators share: dates as day numbers (whole days since 1970-01-01),
 * the clinic's working days, and Copenhagen wall-clock instants written as the contracts write
 * them (`2025-03-14T09:05:00+01:00`).
 *
 * Why not domain/time.ts directly: its functions take and return `YYYY-MM-DD` strings and Dates,
 * parsing and formatting on every call, and one patient's journal takes hundreds of date steps
 * ("three weeks later", "the next working day") and writes dozens of dates and instants. On day
 * numbers the steps are additions, and writing a date is a look-up.
 *
 * No rule is restated here. Which days are holidays comes from domain/public-holidays.ts (the
 * customary Grundlovsdag, Juleaften and Nytårsaften included: clinics close on them, see
 * domain/opening-hours.ts), and when summer time starts and ends from domain/time.ts. Both are read
 * into tables, because even domain/time.ts's arithmetic `copenhagenInstant` costs about a
 * microsecond and allocates Dates. The tables are filled a stretch of days at a time, when a date
 * in it is first asked for: filling all of them at load took 40–70 ms of every start of the
 * sandbox, which dates only a few decades of them. The tables cover 1996–2099,
 * the years domain/time.ts computes without Intl, so building them stays cheap; reference dates
 * and nearly everything dated near them fall inside. On the few days a year around a clock change,
 * and outside those years, every answer comes from domain/ itself.
 * test/generators/day-calendar.test.ts compares the helpers with domain/ day by day over the
 * tables' years and beyond.
 */
import { isPublicHoliday, publicHolidays } from '../domain/public-holidays.ts';
import {
  addMonthsToParts,
  civilFromDays,
  copenhagenInstant,
  copenhagenOffsetMinutes,
  formatDate,
  type IsoDate,
} from '../domain/time.ts';

/** Whole days since 1970-01-01 in the proleptic Gregorian calendar (no time zone); negative before. */
export type DayNumber = number;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const PAD2: readonly string[] = Object.freeze(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')));

// ── Conversions ─────────────────────────────────────────────────────────────────────────────────

/** The day number of a calendar date (Howard Hinnant's days_from_civil: integer arithmetic only). */
export function dayOf(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * The day number of a `YYYY-MM-DD` date the caller has validated (the record context's dates
 * are): read digit by digit, without domain/time.ts's checks.
 */
export function isoToDay(iso: IsoDate): DayNumber {
  // 53_328 and 528 remove the character code of '0' from each digit, scaled.
  const year = iso.charCodeAt(0) * 1000 + iso.charCodeAt(1) * 100 + iso.charCodeAt(2) * 10 + iso.charCodeAt(3) - 53_328;
  const month = iso.charCodeAt(5) * 10 + iso.charCodeAt(6) - 528;
  const day = iso.charCodeAt(8) * 10 + iso.charCodeAt(9) - 528;
  return dayOf(year, month, day);
}

// The years the tables below cover (see the header).
const TABLE_FIRST_YEAR = 1996;
const TABLE_END_YEAR = 2100;
const TABLE_FIRST_DAY = dayOf(TABLE_FIRST_YEAR, 1, 1);
const TABLE_END_DAY = dayOf(TABLE_END_YEAR, 1, 1);

// The tables are filled in stretches of 2^STRETCH_BITS days, each when a day in it is first used.
const STRETCH_BITS = 8;
const STRETCH_DAYS = 1 << STRETCH_BITS;
const STRETCH_MASK = STRETCH_DAYS - 1;

// Every date of the table's years written out once it is needed (under 2 MB in all): formatting
// costs some 80 ns a date, a look-up a few, and writing dates is the commonest thing the
// generators do.
const isoStretches: (readonly IsoDate[] | undefined)[] = [];

/** `YYYY-MM-DD` by arithmetic, for days outside the table and for filling it. */
function formatDay(dayNumber: DayNumber): IsoDate {
  const ymd = civilFromDays(dayNumber);
  return formatDate(Math.floor(ymd / 10_000), Math.floor(ymd / 100) % 100, ymd % 100);
}

function fillIsoStretch(stretch: number): readonly IsoDate[] {
  const first = TABLE_FIRST_DAY + stretch * STRETCH_DAYS;
  const dates: IsoDate[] = [];
  for (let day = first; day < first + STRETCH_DAYS && day < TABLE_END_DAY; day++) dates.push(formatDay(day));
  isoStretches[stretch] = dates;
  return dates;
}

/** `YYYY-MM-DD` of a day number (years 1000–9999, the only ones the generators write). */
export function dayToIso(dayNumber: DayNumber): IsoDate {
  if (dayNumber >= TABLE_FIRST_DAY && dayNumber < TABLE_END_DAY) {
    const i = dayNumber - TABLE_FIRST_DAY;
    const stretch = isoStretches[i >> STRETCH_BITS] ?? fillIsoStretch(i >> STRETCH_BITS);
    return stretch[i & STRETCH_MASK] as IsoDate;
  }
  return formatDay(dayNumber);
}

/**
 * An instant as `Date#toISOString` writes it (`YYYY-MM-DDTHH:MM:SS.sssZ`), from the date table:
 * several times cheaper than the built-in, which the generators call for every consent.
 */
export function utcTimestamp(instant: Date): string {
  const ms = instant.getTime();
  const day = Math.floor(ms / DAY_MS);
  if (!(day >= TABLE_FIRST_DAY && day < TABLE_END_DAY)) return instant.toISOString();
  const t = ms - day * DAY_MS;
  const milli = t % 1000;
  const fraction = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${dayToIso(day)}T${PAD2[Math.floor(t / HOUR_MS)]}:${PAD2[Math.floor(t / MINUTE_MS) % 60]}:${PAD2[Math.floor(t / 1000) % 60]}.${fraction}Z`;
}

/** The calendar year of a day number. */
export function yearOfDay(dayNumber: DayNumber): number {
  return Math.floor(civilFromDays(dayNumber) / 10_000);
}

/**
 * The day `months` calendar months after a day (before, if negative), clamped to the month's last
 * day as domain/time.ts's `addMonths` does: 31 January + 1 month is 28 or 29 February.
 */
export function addMonthsToDay(dayNumber: DayNumber, months: number): DayNumber {
  const ymd = civilFromDays(dayNumber);
  const to = addMonthsToParts(Math.floor(ymd / 10_000), Math.floor(ymd / 100) % 100, ymd % 100, months);
  return dayOf(to.year, to.month, to.day);
}

/** 0 = Monday … 6 = Sunday (1970-01-01, day 0, was a Thursday). */
export function weekdayIndex(dayNumber: DayNumber): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

// ── The day table ───────────────────────────────────────────────────────────────────────────────

/** A weekday that is no public holiday (customary ones included): the clinic works. */
const WORKING = 1;
/** Copenhagen keeps summer time (UTC+2) all day; without it, UTC+1 all day. */
const SUMMER = 2;
/** The UTC offset changes during the day or within two hours of it: ask domain/time.ts. */
const CLOCK_CHANGE = 4;

/** Whether Copenhagen keeps summer time at noon UTC of a day, by domain/time.ts. */
function summerAtNoon(dayNumber: DayNumber): boolean {
  const offset = copenhagenOffsetMinutes(new Date(dayNumber * DAY_MS + 12 * HOUR_MS));
  if (offset !== 60 && offset !== 120) throw new Error(`Unexpected Copenhagen UTC offset: ${offset} minutes`);
  return offset === 120;
}

/**
 * The first day of `[lo, hi]` whose noon differs from `lo`'s in summer time, by bisection: one
 * clock change lies in the span (Copenhagen has one summer-time span a year).
 */
function firstChangedNoon(lo: DayNumber, hi: DayNumber): DayNumber {
  const before = summerAtNoon(lo);
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const mid = (a + b) >> 1;
    if (summerAtNoon(mid) === before) a = mid;
    else b = mid;
  }
  return b;
}

/** What the day table needs of a year: its holidays and its summer-time span, from domain/. */
interface YearFacts {
  holidays: Set<DayNumber>;
  /** Summer time at noon on the days [from, to); from = to when the year has none. */
  from: DayNumber;
  to: DayNumber;
}

const yearFacts = new Map<number, YearFacts>();

function factsOf(year: number): YearFacts {
  let facts = yearFacts.get(year);
  if (!facts) {
    const first = dayOf(year, 1, 1);
    const end = dayOf(year + 1, 1, 1);
    const holidays = new Set(publicHolidays(year, { includeUnofficial: true }).map((h) => isoToDay(h.date)));
    // Summer time, if the year has any, spans 1 July; 1 January and 31 December are winter time.
    const midsummer = dayOf(year, 7, 1);
    const summer = summerAtNoon(midsummer);
    facts = {
      holidays,
      from: summer ? firstChangedNoon(first, midsummer) : end,
      to: summer ? firstChangedNoon(midsummer, end - 1) : end,
    };
    yearFacts.set(year, facts);
  }
  return facts;
}

/**
 * The flags of the table's days, one byte a day. A clock change between the noons of days d − 1
 * and d lies in the UTC hours that wall-clock times of d − 1 or d can fall in (a wall time is 1–2
 * hours ahead of UTC), so both days are marked CLOCK_CHANGE; every other day's wall times all have
 * that day's noon offset. The stretches are private to this module and never change once filled.
 */
const flagStretches: (Uint8Array | undefined)[] = [];

function fillFlagStretch(stretch: number): Uint8Array {
  const first = TABLE_FIRST_DAY + stretch * STRETCH_DAYS;
  const flags = new Uint8Array(STRETCH_DAYS);
  for (let i = 0; i < STRETCH_DAYS && first + i < TABLE_END_DAY; i++) {
    const day = first + i;
    const { holidays, from, to } = factsOf(yearOfDay(day));
    let f = weekdayIndex(day) < 5 && !holidays.has(day) ? WORKING : 0;
    if (day >= from && day < to) f |= SUMMER;
    if (from < to && (day === from - 1 || day === from || day === to - 1 || day === to)) f |= CLOCK_CHANGE;
    flags[i] = f;
  }
  flagStretches[stretch] = flags;
  return flags;
}

/** The flags of a day: from the table, or, outside its years, from domain/ on every call. */
function flagsOf(dayNumber: DayNumber): number {
  if (dayNumber >= TABLE_FIRST_DAY && dayNumber < TABLE_END_DAY) {
    const i = dayNumber - TABLE_FIRST_DAY;
    const stretch = flagStretches[i >> STRETCH_BITS] ?? fillFlagStretch(i >> STRETCH_BITS);
    return stretch[i & STRETCH_MASK] as number;
  }
  const working = weekdayIndex(dayNumber) < 5 && !isPublicHoliday(dayToIso(dayNumber), { includeUnofficial: true });
  return (working ? WORKING : 0) | CLOCK_CHANGE;
}

// ── Working days ────────────────────────────────────────────────────────────────────────────────

/** Whether the clinic works that day: a weekday and no public holiday, customary ones included. */
export function isWorkingDay(dayNumber: DayNumber): boolean {
  return (flagsOf(dayNumber) & WORKING) !== 0;
}

/** The day itself if it is a working day, otherwise the next one. */
export function workingDayOnOrAfter(dayNumber: DayNumber): DayNumber {
  let d = dayNumber;
  while (!isWorkingDay(d)) d++;
  return d;
}

/** The day itself if it is a working day, otherwise the nearest one before it. */
export function workingDayOnOrBefore(dayNumber: DayNumber): DayNumber {
  let d = dayNumber;
  while (!isWorkingDay(d)) d--;
  return d;
}

/** The working day `count` working days after `dayNumber` (count ≥ 1; the day itself never counts). */
export function addWorkingDays(dayNumber: DayNumber, count: number): DayNumber {
  let d = dayNumber;
  for (let i = 0; i < count; i++) d = workingDayOnOrAfter(d + 1);
  return d;
}

// ── Copenhagen instants ─────────────────────────────────────────────────────────────────────────

// 'THH:MM:00+01:00' and '…+02:00' for every minute of the day (each written when first used), so
// an instant is a date and a look-up.
const WINTER_CLOCK: string[] = [];
const SUMMER_CLOCK: string[] = [];

function clockTime(summer: boolean, minuteOfDay: number): string {
  const times = summer ? SUMMER_CLOCK : WINTER_CLOCK;
  let time = times[minuteOfDay];
  if (time === undefined) {
    if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= 24 * 60) {
      throw new RangeError(`A minute of the day is 0–1439, got ${minuteOfDay}`);
    }
    time = `T${PAD2[Math.floor(minuteOfDay / 60)]}:${PAD2[minuteOfDay % 60]}:00${summer ? '+02:00' : '+01:00'}`;
    times[minuteOfDay] = time;
  }
  return time;
}

/**
 * A Copenhagen wall-clock time as the contracts write instants: `YYYY-MM-DDTHH:MM:00+01:00`, or
 * `+02:00` in summer time. `minuteOfDay` is 0–1439. Read as domain/time.ts's `copenhagenInstant`
 * reads it: a time in the spring gap gets the winter offset, one in the autumn overlap the summer
 * offset.
 * @example copenhagenTimestamp(isoToDay('2025-07-01'), 9 * 60 + 5) // '2025-07-01T09:05:00+02:00'
 */
export function copenhagenTimestamp(dayNumber: DayNumber, minuteOfDay: number): string {
  const flags = flagsOf(dayNumber);
  if ((flags & CLOCK_CHANGE) === 0) {
    return dayToIso(dayNumber) + clockTime((flags & SUMMER) !== 0, minuteOfDay);
  }
  const offsetHours =
    (dayNumber * DAY_MS + minuteOfDay * MINUTE_MS - instantOnClockChange(dayNumber, minuteOfDay)) / HOUR_MS;
  return dayToIso(dayNumber) + clockTime(offsetHours === 2, minuteOfDay);
}

/** The same instant as epoch milliseconds, for comparing instants. */
export function copenhagenEpochMs(dayNumber: DayNumber, minuteOfDay: number): number {
  const flags = flagsOf(dayNumber);
  if ((flags & CLOCK_CHANGE) !== 0) return instantOnClockChange(dayNumber, minuteOfDay);
  return dayNumber * DAY_MS + minuteOfDay * MINUTE_MS - ((flags & SUMMER) !== 0 ? 2 : 1) * HOUR_MS;
}

/** The instant from domain/time.ts itself: on a clock-change day, and outside the table's years. */
function instantOnClockChange(dayNumber: DayNumber, minuteOfDay: number): number {
  const hour = Math.floor(minuteOfDay / 60);
  return copenhagenInstant(dayToIso(dayNumber), hour, minuteOfDay - hour * 60).getTime();
}
