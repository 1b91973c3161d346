// The generators' fast calendar against the domain it tabulates: day numbers against
// domain/time.ts's date functions, working days against domain/public-holidays.ts, and Copenhagen
// instants against copenhagenInstant, day by day from 1965 to 2105 (past both ends of the table,
// where the calendar asks domain/ directly).
import { describe, expect, it } from 'vitest';
import { isPublicHoliday } from '../../domain/public-holidays.ts';
import { addDays, addMonths, copenhagenInstant, type IsoDate, WEEKDAYS, weekdayOf } from '../../domain/time.ts';
import {
  addMonthsToDay,
  addWorkingDays,
  copenhagenEpochMs,
  copenhagenTimestamp,
  dayOf,
  dayToIso,
  isoToDay,
  isWorkingDay,
  utcTimestamp,
  weekdayIndex,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  yearOfDay,
} from '../../generators/day-calendar.ts';

const FIRST = isoToDay('1965-01-01');
const LAST = isoToDay('2105-12-31');
// Day-by-day comparisons with domain/ (Intl before 1996) take seconds, more on a busy machine.
const SLOW = { timeout: 30_000 };

/** Every day number from `from` to `to` inclusive. */
function* days(from: number, to: number, step = 1): Generator<number> {
  for (let day = from; day <= to; day += step) yield day;
}

/** Asserts that a list of problems is empty, showing the first few. */
function expectNone(problems: string[]): void {
  expect(problems.slice(0, 10), `${problems.length} problems`).toEqual([]);
}

function domainWorkingDay(date: IsoDate): boolean {
  const w = weekdayOf(date);
  return w !== 'saturday' && w !== 'sunday' && !isPublicHoliday(date, { includeUnofficial: true });
}

describe('day numbers', () => {
  it('count days from 1970-01-01 and convert both ways, as domain/time.ts does', SLOW, () => {
    expect(isoToDay('1970-01-01')).toBe(0);
    expect(dayToIso(-1)).toBe('1969-12-31');
    const problems: string[] = [];
    for (let day = isoToDay('1900-01-01'); day <= isoToDay('2200-12-31'); day++) {
      const iso = dayToIso(day);
      if (iso !== addDays('1970-01-01', day)) problems.push(`${day} → ${iso}`);
      if (isoToDay(iso) !== day) problems.push(`${iso} → ${isoToDay(iso)}`);
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      if (dayOf(y, m, d) !== day || yearOfDay(day) !== y) problems.push(`${iso} parts`);
      if (WEEKDAYS[weekdayIndex(day)] !== weekdayOf(iso)) problems.push(`${iso} weekday`);
    }
    expectNone(problems);
  });

  it('add calendar months as addMonths does, clamped to the month end', SLOW, () => {
    expect(dayToIso(addMonthsToDay(isoToDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(dayToIso(addMonthsToDay(isoToDay('2024-02-29'), 12))).toBe('2025-02-28');
    expect(dayToIso(addMonthsToDay(isoToDay('2024-03-31'), -1))).toBe('2024-02-29');
    const problems: string[] = [];
    for (const day of days(isoToDay('1995-01-01'), isoToDay('2034-12-31'))) {
      const iso = dayToIso(day);
      for (const months of [-25, -13, -1, 0, 1, 2, 6, 11, 12, 13, 48, 180]) {
        const ours = dayToIso(addMonthsToDay(day, months));
        if (ours !== addMonths(iso, months)) problems.push(`${iso} + ${months} months: ${ours}`);
      }
    }
    expectNone(problems);
  });
});

describe('working days', () => {
  it('are the weekdays that are no public holiday, customary ones included, in and outside the table', SLOW, () => {
    const problems: string[] = [];
    for (const day of days(FIRST, LAST)) {
      const iso = dayToIso(day);
      if (isWorkingDay(day) !== domainWorkingDay(iso)) problems.push(`${iso}: ${isWorkingDay(day)}`);
    }
    expectNone(problems);
    // Spot checks: Juleaften, Grundlovsdag and Store Bededag (abolished from 2024) on weekdays.
    expect(isWorkingDay(isoToDay('2024-12-24'))).toBe(false);
    expect(isWorkingDay(isoToDay('2025-06-05'))).toBe(false);
    expect(isWorkingDay(isoToDay('2023-05-05'))).toBe(false);
    expect(isWorkingDay(isoToDay('2024-04-26'))).toBe(true);
  });

  it('are found forwards, backwards and counted as the domain says', () => {
    const problems: string[] = [];
    for (const day of days(isoToDay('1969-12-01'), isoToDay('2100-02-01'), 3)) {
      let after = day;
      while (!domainWorkingDay(dayToIso(after))) after++;
      let before = day;
      while (!domainWorkingDay(dayToIso(before))) before--;
      if (workingDayOnOrAfter(day) !== after) problems.push(`${dayToIso(day)} on or after`);
      if (workingDayOnOrBefore(day) !== before) problems.push(`${dayToIso(day)} on or before`);
      let third = day;
      for (let n = 0; n < 3; n++) {
        third++;
        while (!domainWorkingDay(dayToIso(third))) third++;
      }
      if (addWorkingDays(day, 3) !== third) problems.push(`${dayToIso(day)} + 3 working days`);
    }
    expectNone(problems);
  });
});

describe('Copenhagen instants', () => {
  const check = (problems: string[], day: number, minute: number): void => {
    const iso = dayToIso(day);
    const hour = Math.floor(minute / 60);
    const expected = copenhagenInstant(iso, hour, minute % 60).getTime();
    const written = copenhagenTimestamp(day, minute);
    if (!written.startsWith(`${iso}T${String(hour).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+0`)) {
      problems.push(`${written} for ${iso} minute ${minute}`);
    }
    if (Date.parse(written) !== expected) problems.push(`${written} is not ${new Date(expected).toISOString()}`);
    if (copenhagenEpochMs(day, minute) !== expected) problems.push(`${iso} minute ${minute} epoch ms`);
  };

  it('agree with copenhagenInstant every day at the hours around a clock change and in the day', SLOW, () => {
    const problems: string[] = [];
    for (const day of days(FIRST, LAST)) {
      for (const minute of [0, 150, 180, 9 * 60 + 5, 23 * 60 + 59]) check(problems, day, minute);
    }
    expectNone(problems);
  });

  it('agree with copenhagenInstant at every minute of the clock-change days', SLOW, () => {
    const problems: string[] = [];
    for (const year of [1980, 1995, 1996, 2024, 2025, 2026, 2099]) {
      for (const iso of [`${year}-03-30`, `${year}-04-06`, `${year}-09-30`, `${year}-10-30`]) {
        // The last Sunday on or before each date covers every rule Denmark has had since 1980.
        const sunday = isoToDay(iso) - ((weekdayIndex(isoToDay(iso)) + 1) % 7);
        for (let minute = 0; minute < 24 * 60; minute++) check(problems, sunday, minute);
      }
    }
    expectNone(problems);
  });
});

describe('utcTimestamp', () => {
  it('writes what Date#toISOString writes, inside the table and past both ends', () => {
    const instants = [0, -1, 1, 820_454_399_999, 820_454_400_000, 4_102_444_799_999, 4_102_444_800_000];
    // Every seventh hour of 1995–2101, a few seconds and milliseconds on each time, so every field
    // and fraction width is seen.
    for (let ms = Date.UTC(1995, 0, 1); ms < Date.UTC(2101, 0, 1); ms += 7 * 3_600_000 + 7_919) instants.push(ms);
    const wrong = instants.filter((ms) => utcTimestamp(new Date(ms)) !== new Date(ms).toISOString());
    expect(wrong).toEqual([]);
  });
});
