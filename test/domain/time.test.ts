import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  copenhagenDate,
  copenhagenInstant,
  copenhagenIso,
  copenhagenOffsetMinutes,
  copenhagenParts,
  daysBetween,
  daysInMonth,
  formatDate,
  isIsoDate,
  isLeapYear,
  parseIsoDate,
  weekdayOf,
} from '../../domain/time.ts';

describe('copenhagenParts', () => {
  it.each([
    // winter (UTC+1)
    ['2025-01-15T11:30:45Z', { year: 2025, month: 1, day: 15, hour: 12, minute: 30, second: 45, weekday: 'wednesday' }],
    // summer (UTC+2)
    ['2025-07-01T22:15:00Z', { year: 2025, month: 7, day: 2, hour: 0, minute: 15, second: 0, weekday: 'wednesday' }],
    // midnight is hour 0, never 24
    ['2025-01-14T23:00:00Z', { year: 2025, month: 1, day: 15, hour: 0, minute: 0, second: 0, weekday: 'wednesday' }],
    // New Year in Copenhagen an hour before UTC
    ['2024-12-31T23:30:00Z', { year: 2025, month: 1, day: 1, hour: 0, minute: 30, second: 0, weekday: 'wednesday' }],
  ])('%s → %o', (iso, expected) => {
    expect(copenhagenParts(new Date(iso))).toEqual(expected);
  });

  it('jumps from 01:59 to 03:00 when summer time starts (2025-03-30)', () => {
    expect(copenhagenParts(new Date('2025-03-30T00:59:00Z'))).toMatchObject({ hour: 1, minute: 59 });
    expect(copenhagenParts(new Date('2025-03-30T01:00:00Z'))).toMatchObject({ hour: 3, minute: 0 });
  });

  it('reads 02:30 twice when summer time ends (2025-10-26)', () => {
    expect(copenhagenParts(new Date('2025-10-26T00:30:00Z'))).toMatchObject({ day: 26, hour: 2, minute: 30 });
    expect(copenhagenParts(new Date('2025-10-26T01:30:00Z'))).toMatchObject({ day: 26, hour: 2, minute: 30 });
  });

  it('rejects an invalid Date', () => {
    expect(() => copenhagenParts(new Date('nope'))).toThrow(RangeError);
  });
});

describe('copenhagenDate', () => {
  it.each([
    ['2025-03-30T22:30:00Z', '2025-03-31'],
    ['2025-03-30T21:59:59Z', '2025-03-30'],
    ['2025-12-31T22:59:59Z', '2025-12-31'],
    ['2025-12-31T23:00:00Z', '2026-01-01'],
  ])('%s → %s', (iso, date) => {
    expect(copenhagenDate(new Date(iso))).toBe(date);
  });
});

describe('parseIsoDate / isIsoDate', () => {
  it('parses a real date', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it.each(['2023-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '20250101', '2025-01-01T00:00', ''])(
    'rejects %j',
    (value) => {
      expect(() => parseIsoDate(value)).toThrow(RangeError);
      expect(isIsoDate(value)).toBe(false);
    },
  );
});

describe('calendar arithmetic', () => {
  it.each([
    [2024, true],
    [2025, false],
    [1900, false],
    [2000, true],
  ])('isLeapYear(%i) = %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it('knows the length of each month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2024, m))).toEqual([
      31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2025, 2)).toBe(28);
  });

  it('pads formatted dates', () => {
    expect(formatDate(987, 3, 4)).toBe('0987-03-04');
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-01-31', 3, '2025-04-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-11-30', 2, '2026-01-30'],
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('addYears clamps 29 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-03-29', 2, '2025-03-31'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('counts whole days, also across a summer-time change', () => {
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-10-27', '2025-10-25')).toBe(-2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it.each([
    ['2025-03-30', 'sunday'],
    ['2025-03-31', 'monday'],
    ['2024-02-29', 'thursday'],
    ['2000-01-01', 'saturday'],
  ])('weekdayOf(%s) = %s', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe('copenhagenInstant', () => {
  it.each([
    ['2025-01-15', 8, 0, '2025-01-15T07:00:00.000Z'],
    ['2025-07-01', 8, 0, '2025-07-01T06:00:00.000Z'],
    ['2025-03-30', 1, 59, '2025-03-30T00:59:00.000Z'],
    ['2025-03-30', 3, 0, '2025-03-30T01:00:00.000Z'],
    ['2025-10-26', 3, 0, '2025-10-26T02:00:00.000Z'],
  ])('%s %i:%i → %s', (date, hour, minute, iso) => {
    expect(copenhagenInstant(date, hour, minute).toISOString()).toBe(iso);
  });

  it('gives the earlier (summer time) instant in the repeated autumn hour', () => {
    expect(copenhagenInstant('2025-10-26', 2, 30).toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('reads a time in the spring gap with the winter offset', () => {
    // 02:00 is the jump itself; 02:30 does not exist and becomes 03:30 summer time.
    expect(copenhagenInstant('2025-03-30', 2, 0).toISOString()).toBe('2025-03-30T01:00:00.000Z');
    expect(copenhagenInstant('2025-03-30', 2, 30).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(copenhagenParts(copenhagenInstant('2025-03-30', 2, 30))).toMatchObject({ hour: 3, minute: 30 });
  });

  it.each([
    [24, 0],
    [8, 75],
    [-1, 0],
    [8.5, 0],
  ])('refuses the wall-clock time %i:%i', (hour, minute) => {
    expect(() => copenhagenInstant('2025-06-01', hour, minute)).toThrow(RangeError);
  });

  it('round-trips with copenhagenParts', () => {
    for (const date of ['2025-01-01', '2025-03-30', '2025-06-15', '2025-10-26', '2025-12-31']) {
      for (const [hour, minute] of [
        [0, 0],
        [8, 0],
        [15, 59],
        [23, 59],
      ] as const) {
        const p = copenhagenParts(copenhagenInstant(date, hour, minute));
        expect(formatDate(p.year, p.month, p.day)).toBe(date);
        expect([p.hour, p.minute]).toEqual([hour, minute]);
      }
    }
  });
});

describe('copenhagenOffsetMinutes', () => {
  it.each([
    ['2025-01-15T12:00:00Z', 60],
    ['2025-07-15T12:00:00Z', 120],
    ['2025-03-30T00:59:59Z', 60],
    ['2025-03-30T01:00:00Z', 120],
    ['2025-10-26T00:59:59Z', 120],
    ['2025-10-26T01:00:00Z', 60],
    ['2025-07-15T12:00:00.999Z', 120],
  ])('%s → %i', (iso, offset) => {
    expect(copenhagenOffsetMinutes(new Date(iso))).toBe(offset);
  });
});

describe('copenhagenParts, the EU-rule fast path', () => {
  // Compared with the time zone database (Intl) at instants spread over 1996–2099, and at the
  // minutes around every change of offset in a few years.
  const intl = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'long',
  });
  const viaIntl = (t: number) => {
    const p: Record<string, string> = {};
    for (const part of intl.formatToParts(new Date(t))) p[part.type] = part.value;
    return {
      year: Number(p.year),
      month: Number(p.month),
      day: Number(p.day),
      hour: Number(p.hour),
      minute: Number(p.minute),
      second: Number(p.second),
      weekday: (p.weekday ?? '').toLowerCase(),
    };
  };

  it('agrees with the time zone database across 1996–2099', () => {
    const from = Date.UTC(1996, 0, 1);
    const to = Date.UTC(2099, 11, 31);
    const step = Math.floor((to - from) / 20_000) + 7_919_000; // not a whole number of hours or days
    for (let t = from; t < to; t += step) expect(copenhagenParts(new Date(t))).toEqual(viaIntl(t));
  });

  it.each([1996, 2000, 2024, 2025, 2038, 2099])('agrees around the changes of %i', (year) => {
    for (const month of [2, 9]) {
      // Every minute from 00:00 to 03:00 UTC on each Sunday of the last week of the month.
      for (let day = 22; day <= 31; day++) {
        const base = Date.UTC(year, month, day);
        if (new Date(base).getUTCMonth() !== month) continue;
        for (let m = 0; m <= 180; m += 1) {
          const t = base + m * 60_000;
          expect(copenhagenParts(new Date(t))).toEqual(viaIntl(t));
        }
      }
    }
  });
});

describe('copenhagenIso', () => {
  it.each([
    ['2026-01-15T11:00:00.000Z', '2026-01-15T12:00:00.000+01:00'],
    ['2026-07-01T10:30:05.123Z', '2026-07-01T12:30:05.123+02:00'],
    ['2026-03-29T00:59:59.999Z', '2026-03-29T01:59:59.999+01:00'],
    ['2026-03-29T01:00:00.000Z', '2026-03-29T03:00:00.000+02:00'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01T00:30:00.000+01:00'],
  ])('%s is %s', (utc, local) => {
    const instant = new Date(utc);
    expect(copenhagenIso(instant)).toBe(local);
    expect(new Date(copenhagenIso(instant)).getTime()).toBe(instant.getTime());
  });
});
