/**
 * When a generated clinic sees patients, from the opening hours it publishes (weekly hours, closed
 * days, holidays with a substitute): appointments, blood samples and vaccinations at the clinic are
 * placed on its open days and within its hours, so that a vendor's booking or journal system that
 * checks them against the clinic's own calendar accepts them.
 */
import type { JournalClinic } from './context.ts';
import { type DayNumber, isoToDay, isWorkingDay, weekdayIndex } from './day-calendar.ts';

/** Opening hours as minutes after midnight: [opens, closes). */
export type Interval = readonly [opens: number, closes: number];

export interface ClinicCalendar {
  /** A working day with opening hours that is neither one of the clinic's closed days nor in a holiday. */
  isOpenDay(day: DayNumber): boolean;
  /** The day's opening intervals, in order (none for a weekday the clinic never opens). */
  intervals(day: DayNumber): readonly Interval[];
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const NONE: readonly Interval[] = Object.freeze([]);

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function clinicCalendar(hours: JournalClinic['openingHours']): ClinicCalendar {
  const byWeekday: Interval[][] = WEEKDAYS.map(() => []);
  for (const { day, opens, closes } of hours.weekly) {
    byWeekday[WEEKDAYS.indexOf(day)]?.push([minutesOf(opens), minutesOf(closes)]);
  }
  for (const intervals of byWeekday) intervals.sort((a, b) => a[0] - b[0]);
  const closed = new Set(hours.closedDays.map((d) => isoToDay(d.date)));
  const away = hours.holidays.map((h) => [isoToDay(h.from), isoToDay(h.to)] as const);
  return {
    isOpenDay(day) {
      if (!isWorkingDay(day) || (byWeekday[weekdayIndex(day)] as Interval[]).length === 0 || closed.has(day)) {
        return false;
      }
      for (const [from, to] of away) if (day >= from && day <= to) return false;
      return true;
    },
    intervals(day) {
      return byWeekday[weekdayIndex(day)] ?? NONE;
    },
  };
}

/** The first open day of the clinic on or after `day` (a clinic is never closed for a year on end). */
export function openDayOnOrAfter(calendar: ClinicCalendar, day: DayNumber): DayNumber {
  let d = day;
  for (let i = 0; i < 366 && !calendar.isOpenDay(d); i++) d++;
  return d;
}

/** The last open day of the clinic on or before `day`, but not before `from` (then undefined). */
export function openDayOnOrBefore(calendar: ClinicCalendar, day: DayNumber, from: DayNumber): DayNumber | undefined {
  for (let d = day; d >= from; d--) if (calendar.isOpenDay(d)) return d;
  return undefined;
}

/**
 * How many starts on a `step`-minute grid leave `minutes` before a closing, within [earliest,
 * latest] (latest is the last allowed start): the slots of a day, counted interval by interval.
 */
export function slotCount(
  intervals: readonly Interval[],
  minutes: number,
  step: number,
  earliest = 0,
  latest = 24 * 60,
) {
  let count = 0;
  for (const [opens, closes] of intervals) count += slotsIn(opens, closes, minutes, step, earliest, latest);
  return count;
}

/** The start minute of slot number `n` (0-based) of the day, counted as `slotCount` counts them. */
export function slotStart(
  intervals: readonly Interval[],
  minutes: number,
  step: number,
  n: number,
  earliest = 0,
  latest = 24 * 60,
): number {
  let rest = n;
  for (const [opens, closes] of intervals) {
    const here = slotsIn(opens, closes, minutes, step, earliest, latest);
    if (rest < here) return firstStart(opens, step, earliest) + rest * step;
    rest -= here;
  }
  throw new RangeError(`slot ${n} is past the day's ${slotCount(intervals, minutes, step, earliest, latest)} slots`);
}

function firstStart(opens: number, step: number, earliest: number): number {
  const from = Math.max(opens, earliest);
  return Math.ceil(from / step) * step;
}

function slotsIn(opens: number, closes: number, minutes: number, step: number, earliest: number, latest: number) {
  const first = firstStart(opens, step, earliest);
  const last = Math.min(closes - minutes, latest);
  return last < first ? 0 : Math.floor((last - first) / step) + 1;
}
