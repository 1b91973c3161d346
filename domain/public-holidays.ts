/**
 * Danish public holidays (helligdage) for any year. Clinics are closed and Lægevagten covers the
 * whole day on these days, so both opening hours and the out-of-hours rule need them; the dates of
 * the Easter-based holidays move every year, hence a computation rather than a table.
 *
 * Official holidays follow current law, with one historical change: Store Bededag was abolished
 * from 2024 (it is a holiday up to and including 2023). Older changes (e.g. the holidays abolished
 * in 1770) are not modelled. Grundlovsdag (5 June), Juleaften (24 December) and Nytårsaften
 * (31 December) are not public holidays by law, but general practice treats them as such: most
 * clinics close and Lægevagten covers them all day. They are listed with `official: false`, and
 * callers choose with `includeUnofficial` whether they count.
 */

import type { IsoDate } from './time.ts';
import { addDays, formatDate, parseIsoDate } from './time.ts';

export interface PublicHoliday {
  readonly date: IsoDate;
  /** Danish name, e.g. '2. Påskedag'. */
  readonly name: string;
  /** English name, e.g. 'Easter Monday'. */
  readonly nameEn: string;
  /** False for the customary days (Grundlovsdag, Juleaften, Nytårsaften). */
  readonly official: boolean;
}

export interface HolidayOptions {
  /** Also count the customary, non-official days. Default false. */
  readonly includeUnofficial?: boolean;
}

/** The last year in which Store Bededag was a public holiday (abolished by law from 2024). */
export const LAST_STORE_BEDEDAG_YEAR = 2023;

// The Gregorian computus is defined from 1583; four-digit years keep the dates valid IsoDates.
const MIN_YEAR = 1583;
const MAX_YEAR = 9999;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Expected a whole year from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`);
  }
}

/** Easter Sunday of a year by the Gregorian computus (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): IsoDate {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate(year, month, day);
}

/**
 * The holidays of a year in date order; the customary days only with `includeUnofficial`.
 * @example publicHolidays(2025).map((h) => h.date) // ['2025-01-01', '2025-04-17', …]
 */
export function publicHolidays(year: number, options: HolidayOptions = {}): PublicHoliday[] {
  const easter = easterSunday(year);
  const fromEaster = (days: number, name: string, nameEn: string): PublicHoliday => ({
    date: addDays(easter, days),
    name,
    nameEn,
    official: true,
  });
  const fixed = (month: number, day: number, name: string, nameEn: string, official = true): PublicHoliday => ({
    date: formatDate(year, month, day),
    name,
    nameEn,
    official,
  });

  const all: PublicHoliday[] = [
    fixed(1, 1, 'Nytårsdag', "New Year's Day"),
    fromEaster(-3, 'Skærtorsdag', 'Maundy Thursday'),
    fromEaster(-2, 'Langfredag', 'Good Friday'),
    fromEaster(0, 'Påskedag', 'Easter Sunday'),
    fromEaster(1, '2. Påskedag', 'Easter Monday'),
    // The fourth Friday after Easter.
    ...(year <= LAST_STORE_BEDEDAG_YEAR ? [fromEaster(26, 'Store Bededag', 'General Prayer Day')] : []),
    fromEaster(39, 'Kristi Himmelfartsdag', 'Ascension Day'),
    fromEaster(49, 'Pinsedag', 'Whit Sunday'),
    fromEaster(50, '2. Pinsedag', 'Whit Monday'),
    fixed(6, 5, 'Grundlovsdag', 'Constitution Day', false),
    fixed(12, 24, 'Juleaften', 'Christmas Eve', false),
    fixed(12, 25, 'Juledag', 'Christmas Day'),
    fixed(12, 26, '2. Juledag', 'Boxing Day'),
    fixed(12, 31, 'Nytårsaften', "New Year's Eve", false),
  ];
  // Whitsun can fall on or after 5 June; sort so callers can rely on date order. The sort is
  // stable, so on a shared date (Pinsedag on Grundlovsdag) the official holiday comes first.
  all.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  return options.includeUnofficial ? all : all.filter((h) => h.official);
}

/** The holiday on a date, or undefined; the customary days only with `includeUnofficial`. */
export function publicHolidayOn(date: IsoDate, options: HolidayOptions = {}): PublicHoliday | undefined {
  const { year } = parseIsoDate(date);
  return publicHolidays(year, options).find((h) => h.date === date);
}

/** Whether a date is a Danish public holiday (official only, unless `includeUnofficial`). */
export function isPublicHoliday(date: IsoDate, options: HolidayOptions = {}): boolean {
  return publicHolidayOn(date, options) !== undefined;
}
