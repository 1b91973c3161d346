import { describe, expect, it } from 'vitest';
import {
  easterSunday,
  isPublicHoliday,
  LAST_STORE_BEDEDAG_YEAR,
  publicHolidayOn,
  publicHolidays,
} from '../../domain/public-holidays.ts';
import { weekdayOf } from '../../domain/time.ts';

describe('easterSunday', () => {
  it.each([
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    // the extremes of the Gregorian computus: 22 March and 25 April
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
    [1943, '1943-04-25'],
    [2038, '2038-04-25'],
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('is always a Sunday', () => {
    for (let year = 1900; year <= 2100; year++) expect(weekdayOf(easterSunday(year))).toBe('sunday');
  });

  it.each([1582, 10_000, 2025.5, Number.NaN])('rejects year %s', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe('publicHolidays', () => {
  it('lists the official holidays of 2025 in date order', () => {
    expect(publicHolidays(2025).map((h) => [h.date, h.name])).toEqual([
      ['2025-01-01', 'Nytårsdag'],
      ['2025-04-17', 'Skærtorsdag'],
      ['2025-04-18', 'Langfredag'],
      ['2025-04-20', 'Påskedag'],
      ['2025-04-21', '2. Påskedag'],
      ['2025-05-29', 'Kristi Himmelfartsdag'],
      ['2025-06-08', 'Pinsedag'],
      ['2025-06-09', '2. Pinsedag'],
      ['2025-12-25', 'Juledag'],
      ['2025-12-26', '2. Juledag'],
    ]);
  });

  it('adds the customary days, flagged as not official, only when asked', () => {
    const customary = publicHolidays(2025, { includeUnofficial: true }).filter((h) => !h.official);
    expect(customary.map((h) => [h.date, h.name])).toEqual([
      ['2025-06-05', 'Grundlovsdag'],
      ['2025-12-24', 'Juleaften'],
      ['2025-12-31', 'Nytårsaften'],
    ]);
    expect(publicHolidays(2025).every((h) => h.official)).toBe(true);
  });

  it('has Store Bededag up to and including 2023 (the fourth Friday after Easter) and not from 2024', () => {
    expect(LAST_STORE_BEDEDAG_YEAR).toBe(2023);
    expect(publicHolidayOn('2023-05-05')?.name).toBe('Store Bededag');
    expect(weekdayOf('2023-05-05')).toBe('friday');
    expect(publicHolidayOn('2022-05-13')?.name).toBe('Store Bededag');
    expect(publicHolidays(2023)).toHaveLength(11);
    expect(publicHolidays(2024).some((h) => h.name === 'Store Bededag')).toBe(false);
    expect(isPublicHoliday('2024-04-26')).toBe(false);
    expect(publicHolidays(2024)).toHaveLength(10);
  });

  it('puts the moving feasts on the right weekdays', () => {
    for (let year = 2019; year <= 2030; year++) {
      const byName = new Map(publicHolidays(year).map((h) => [h.name, h.date]));
      expect(weekdayOf(byName.get('Skærtorsdag') ?? '')).toBe('thursday');
      expect(weekdayOf(byName.get('Langfredag') ?? '')).toBe('friday');
      expect(weekdayOf(byName.get('2. Påskedag') ?? '')).toBe('monday');
      expect(weekdayOf(byName.get('Kristi Himmelfartsdag') ?? '')).toBe('thursday');
      expect(weekdayOf(byName.get('Pinsedag') ?? '')).toBe('sunday');
      expect(weekdayOf(byName.get('2. Pinsedag') ?? '')).toBe('monday');
    }
  });

  it('keeps the official holiday first when Pinsedag falls on Grundlovsdag (2022)', () => {
    expect(publicHolidayOn('2022-06-05', { includeUnofficial: true })?.name).toBe('Pinsedag');
  });
});

describe('isPublicHoliday', () => {
  it.each([
    ['2025-01-01', true, true],
    ['2025-04-21', true, true],
    ['2025-06-05', false, true],
    ['2025-12-24', false, true],
    ['2025-12-31', false, true],
    ['2025-12-26', true, true],
    ['2025-04-22', false, false],
    ['2025-12-27', false, false],
  ])('%s: official %s, with customary %s', (date, official, withCustomary) => {
    expect(isPublicHoliday(date)).toBe(official);
    expect(isPublicHoliday(date, { includeUnofficial: true })).toBe(withCustomary);
  });

  it('rejects a malformed date', () => {
    expect(() => isPublicHoliday('2025-02-30')).toThrow(RangeError);
  });
});
