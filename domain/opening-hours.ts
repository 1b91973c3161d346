/**
 * A clinic's opening hours and the out-of-hours answer the app shows ("your doctor is closed: call
 * Lægevagten on …, the clinic opens again at …, your holiday substitute is …"). Opening hours are
 * typed in by the clinic (ordinary weekly hours, single closed days, holidays with a substitute),
 * so they are validated here before any rule reads them.
 *
 * Every rule works on Copenhagen wall-clock time: "08:00–16:00" means eight to four on the clock in
 * Denmark, in winter and in summer time alike. An interval opens inclusive and closes exclusive
 * (open at 15:59, closed at 16:00); `24:00` is not allowed, so an interval never crosses midnight.
 *
 * A clinic is closed all day on its closed days, on every day of a holiday (`from` and `to`
 * inclusive), and on public holidays including the customary ones (Grundlovsdag, Juleaften,
 * Nytårsaften). The last is a decision: those are the days Lægevagten covers all day, so a clinic
 * that also listed hours on them would send patients two ways at once. A clinic that does open on
 * such a day is not modelled.
 */

import { isPublicHoliday } from './public-holidays.ts';
import type { PhoneNumber, Region } from './regions.ts';
import { outOfHoursFor } from './regions.ts';
import type { IsoDate, Weekday } from './time.ts';
import {
  addDays,
  copenhagenDate,
  copenhagenInstant,
  copenhagenParts,
  formatDate,
  isIsoDate,
  WEEKDAYS,
  weekdayOf,
} from './time.ts';

/** One interval of the ordinary week; a day may have several (e.g. a lunch break), absent = closed. */
export interface OpeningInterval {
  readonly day: Weekday;
  /** `HH:MM`, inclusive. */
  readonly opens: string;
  /** `HH:MM`, exclusive; later than `opens`. */
  readonly closes: string;
}

/** A single day the clinic is closed (training, a bridge day). */
export interface ClosedDay {
  readonly date: IsoDate;
  readonly reason?: string;
}

/** The holiday substitute (ferieafløser): the clinic patients use while theirs is on holiday. */
export interface Substitute {
  readonly name: string;
  readonly address: { readonly street: string; readonly postalCode: string; readonly town: string };
  readonly phone: string;
  readonly clinicId?: string;
}

/** A clinic holiday (the contracts' `Holiday`), `from` and `to` both inclusive. */
export interface ClinicHoliday {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly substitute: Substitute;
}

/** Opening hours as the clinic enters them (the contracts' `OpeningHours`). */
export interface OpeningHours {
  readonly weekly: readonly OpeningInterval[];
  readonly closedDays: readonly ClosedDay[];
  readonly holidays: readonly ClinicHoliday[];
}

/** How many days ahead `nextOpening` looks before it gives up (a little over a year). */
export const NEXT_OPENING_SEARCH_DAYS = 400;

const WALL_CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Checks opening hours and throws a RangeError naming the first bad field and how to fix it.
 * Overlapping or touching intervals on one day are allowed and read as one longer interval.
 */
export function assertValidOpeningHours(hours: OpeningHours): void {
  const fail = (path: string, problem: string): never => {
    throw new RangeError(`Invalid opening hours at ${path}: ${problem}`);
  };
  hours.weekly.forEach((w, i) => {
    if (!WEEKDAYS.includes(w.day)) fail(`weekly[${i}].day`, `${JSON.stringify(w.day)} is not monday … sunday`);
    for (const field of ['opens', 'closes'] as const) {
      if (typeof w[field] !== 'string' || !WALL_CLOCK.test(w[field])) {
        fail(`weekly[${i}].${field}`, `${JSON.stringify(w[field])} is not a time HH:MM from 00:00 to 23:59`);
      }
    }
    if (minutesOf(w.opens) >= minutesOf(w.closes)) {
      fail(
        `weekly[${i}]`,
        `opens ${w.opens} is not before closes ${w.closes} (an interval cannot cross midnight; split it in two)`,
      );
    }
  });
  hours.closedDays.forEach((c, i) => {
    if (!isIsoDate(c.date)) fail(`closedDays[${i}].date`, `${JSON.stringify(c.date)} is not a date YYYY-MM-DD`);
  });
  hours.holidays.forEach((h, i) => {
    if (!isIsoDate(h.from)) fail(`holidays[${i}].from`, `${JSON.stringify(h.from)} is not a date YYYY-MM-DD`);
    if (!isIsoDate(h.to)) fail(`holidays[${i}].to`, `${JSON.stringify(h.to)} is not a date YYYY-MM-DD`);
    if (h.from > h.to) fail(`holidays[${i}]`, `from ${h.from} is after to ${h.to} (both are inclusive)`);
  });
}

// ISO dates compare correctly as strings once validated.
function holidayOn(hours: OpeningHours, date: IsoDate): ClinicHoliday | undefined {
  return hours.holidays.find((h) => h.from <= date && date <= h.to);
}

function closedAllDay(hours: OpeningHours, date: IsoDate): boolean {
  return (
    hours.closedDays.some((c) => c.date === date) ||
    holidayOn(hours, date) !== undefined ||
    isPublicHoliday(date, { includeUnofficial: true })
  );
}

function openAt(hours: OpeningHours, instant: Date): boolean {
  const p = copenhagenParts(instant);
  if (closedAllDay(hours, formatDate(p.year, p.month, p.day))) return false;
  const now = p.hour * 60 + p.minute;
  return hours.weekly.some((w) => w.day === p.weekday && minutesOf(w.opens) <= now && now < minutesOf(w.closes));
}

/** Whether the clinic is open at an instant (Copenhagen wall-clock time). */
export function isClinicOpen(hours: OpeningHours, instant: Date): boolean {
  assertValidOpeningHours(hours);
  return openAt(hours, instant);
}

/** The clinic holiday covering the Copenhagen date of an instant (the first listed, if several), or undefined. */
export function activeHoliday(hours: OpeningHours, instant: Date): ClinicHoliday | undefined {
  assertValidOpeningHours(hours);
  return holidayOn(hours, copenhagenDate(instant));
}

/**
 * The instants at which the Copenhagen clock reads `minutes` past midnight on `date`, earliest
 * first: usually one; two in the repeated hour when summer time ends; and when summer time starts,
 * a time inside the skipped hour never occurs, so the clock first passes it at the jump (03:00).
 */
function wallClockInstants(date: IsoDate, minutes: number): Date[] {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const first = copenhagenInstant(date, hour, minute);
  const p = copenhagenParts(first);
  if (p.hour !== hour || p.minute !== minute) {
    // Inside the spring gap: step back to the first instant after the jump.
    let t = first;
    for (let i = 0; i < 120; i++) {
      const previous = new Date(t.getTime() - MINUTE_MS);
      const q = copenhagenParts(previous);
      if (formatDate(q.year, q.month, q.day) !== date || q.hour * 60 + q.minute < minutes) break;
      t = previous;
    }
    return [t];
  }
  const later = new Date(first.getTime() + HOUR_MS);
  const q = copenhagenParts(later);
  const repeated = q.hour === hour && q.minute === minute && formatDate(q.year, q.month, q.day) === date;
  return repeated ? [first, later] : [first];
}

/**
 * The next instant at or after `instant` at which the clinic opens (goes from closed to open), or
 * undefined if it does not open within NEXT_OPENING_SEARCH_DAYS days. If the clinic is open at
 * `instant`, the answer is the start of its next opening, not the current one.
 * @example nextOpening(hours, new Date('2025-04-18T10:00:00+02:00')) // Good Friday → Tue 22 April 08:00
 */
export function nextOpening(hours: OpeningHours, instant: Date): Date | undefined {
  assertValidOpeningHours(hours);
  if (hours.weekly.length === 0) return undefined;
  const start = copenhagenDate(instant);
  for (let i = 0; i <= NEXT_OPENING_SEARCH_DAYS; i++) {
    const date = addDays(start, i);
    if (closedAllDay(hours, date)) continue;
    const weekday = weekdayOf(date);
    const candidates = hours.weekly
      .filter((w) => w.day === weekday)
      .flatMap((w) => wallClockInstants(date, minutesOf(w.opens)))
      .sort((a, b) => a.getTime() - b.getTime());
    for (const candidate of candidates) {
      if (candidate.getTime() < instant.getTime()) continue;
      // An opening is a closed → open edge; this also drops the start of an interval that touches
      // the previous one, and an interval that lies wholly in the skipped spring hour.
      if (openAt(hours, candidate) && !openAt(hours, new Date(candidate.getTime() - MINUTE_MS))) return candidate;
    }
  }
  return undefined;
}

/**
 * Whether Lægevagten (the regional out-of-hours service) is open: on weekdays 16:00–08:00, and all
 * day on Saturdays, Sundays and public holidays, customary ones included. The same in every region.
 */
export function isOutOfHoursServiceOpen(instant: Date): boolean {
  const p = copenhagenParts(instant);
  if (p.weekday === 'saturday' || p.weekday === 'sunday') return true;
  if (isPublicHoliday(formatDate(p.year, p.month, p.day), { includeUnofficial: true })) return true;
  return p.hour < 8 || p.hour >= 16;
}

/** What the app shows under "Lægevagten" for a patient at an instant. */
export interface OutOfHoursAnswer {
  readonly region: Region;
  /** The name of the region's out-of-hours service, e.g. 'Akuttelefonen 1813'. */
  readonly service: string;
  readonly phone: PhoneNumber;
  /** Whether the out-of-hours service is open at the instant. */
  readonly serviceOpenNow: boolean;
  readonly clinicOpenNow: boolean;
  /** When the clinic opens next; only when it is closed now and opens within the search window. */
  readonly clinicNextOpensAt?: Date;
  /** The holiday substitute, when the clinic is on holiday at the instant. */
  readonly substitute?: Substitute;
}

/**
 * Combines the patient's clinic, the patient's postal code (which decides the region) and the
 * instant into the out-of-hours answer. Throws a RangeError for a postal code that is not a
 * Danish mainland/Bornholm code, since no region (and so no number) can be given for it.
 */
export function outOfHoursAnswer(hours: OpeningHours, postalCode: string, instant: Date): OutOfHoursAnswer {
  const service = outOfHoursFor(postalCode);
  if (service === undefined) {
    throw new RangeError(
      `No Danish region for postal code ${JSON.stringify(postalCode)}: expected four digits of a mainland or Bornholm postal district (1000–9999, not 3800–3999)`,
    );
  }
  const clinicOpenNow = isClinicOpen(hours, instant);
  const clinicNextOpensAt = clinicOpenNow ? undefined : nextOpening(hours, instant);
  const substitute = activeHoliday(hours, instant)?.substitute;
  return {
    region: service.region,
    service: service.name,
    phone: service.phone,
    serviceOpenNow: isOutOfHoursServiceOpen(instant),
    clinicOpenNow,
    ...(clinicNextOpensAt === undefined ? {} : { clinicNextOpensAt }),
    ...(substitute === undefined ? {} : { substitute }),
  };
}
