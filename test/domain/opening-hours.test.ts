import { describe, expect, it } from 'vitest';
import type { OpeningHours, OpeningInterval, Substitute } from '../../domain/opening-hours.ts';
import {
  activeHoliday,
  assertValidOpeningHours,
  isClinicOpen,
  isOutOfHoursServiceOpen,
  nextOpening,
  outOfHoursAnswer,
} from '../../domain/opening-hours.ts';
import type { Weekday } from '../../domain/time.ts';
import { WEEKDAYS } from '../../domain/time.ts';

const at = (iso: string): Date => new Date(iso);

const substitute: Substitute = {
  name: 'Lægerne i Søndergade',
  address: { street: 'Søndergade 12', postalCode: '8000', town: 'Aarhus C' },
  phone: '+4586121212',
  clinicId: 'cln_Sondergade01',
};

const on = (days: readonly Weekday[], opens: string, closes: string): OpeningInterval[] =>
  days.map((day) => ({ day, opens, closes }));
const MON_FRI: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** An ordinary clinic: weekdays 08:00–16:00, a bridge day, and a holiday from Monday to Wednesday. */
const clinic: OpeningHours = {
  weekly: on(MON_FRI, '08:00', '16:00'),
  closedDays: [{ date: '2025-05-30', reason: 'Bridge day after Kristi Himmelfartsdag' }],
  holidays: [{ from: '2025-07-07', to: '2025-07-16', substitute }],
};

/** Open every day 08:00–16:00, so the summer-time Sundays can be checked. */
const everyDay: OpeningHours = { weekly: on(WEEKDAYS, '08:00', '16:00'), closedDays: [], holidays: [] };

const sundayNight = (opens: string, closes: string): OpeningHours => ({
  weekly: [{ day: 'sunday', opens, closes }],
  closedDays: [],
  holidays: [],
});

describe('isClinicOpen', () => {
  it.each([
    ['Monday 07:59', '2025-03-03T07:59:00+01:00', false],
    ['Monday 08:00 (opens inclusive)', '2025-03-03T08:00:00+01:00', true],
    ['Monday 15:59:59', '2025-03-03T15:59:59+01:00', true],
    ['Monday 16:00 (closes exclusive)', '2025-03-03T16:00:00+01:00', false],
    ['Friday 15:59', '2025-03-07T15:59:00+01:00', true],
    ['Friday 16:00', '2025-03-07T16:00:00+01:00', false],
    ['Saturday noon', '2025-03-08T12:00:00+01:00', false],
    ['Skærtorsdag', '2025-04-17T10:00:00+02:00', false],
    ['Easter Monday', '2025-04-21T10:00:00+02:00', false],
    ['Tuesday after Easter', '2025-04-22T10:00:00+02:00', true],
    ['Kristi Himmelfartsdag', '2025-05-29T10:00:00+02:00', false],
    ['closed day', '2025-05-30T10:00:00+02:00', false],
    ['Monday after the closed day', '2025-06-02T10:00:00+02:00', true],
    ['Grundlovsdag (customary holiday)', '2025-06-05T10:00:00+02:00', false],
    ['Juleaften (customary holiday)', '2025-12-24T10:00:00+01:00', false],
    ['the day before Juleaften', '2025-12-23T10:00:00+01:00', true],
    ['Friday before the holiday', '2025-07-04T15:00:00+02:00', true],
    ['first day of the holiday', '2025-07-07T08:00:00+02:00', false],
    ['last day of the holiday', '2025-07-16T15:00:00+02:00', false],
    ['the day after the holiday', '2025-07-17T08:00:00+02:00', true],
    // Wall-clock time: in summer 06:30 UTC is 08:30 in Copenhagen (open), 05:30 UTC is 07:30 (closed).
    ['08:30 summer time given in UTC', '2025-06-02T06:30:00Z', true],
    ['07:30 summer time given in UTC', '2025-06-02T05:30:00Z', false],
  ])('%s → %s', (_label, iso, open) => {
    expect(isClinicOpen(clinic, at(iso))).toBe(open);
  });

  it.each([
    // Saturday before summer time (UTC+1)
    ['2025-03-29T06:59:00Z', false],
    ['2025-03-29T07:00:00Z', true],
    ['2025-03-29T14:59:00Z', true],
    ['2025-03-29T15:00:00Z', false],
    // Sunday 2025-03-30, summer time from 02:00 (UTC+2): 08:00 is 06:00 UTC
    ['2025-03-30T05:59:00Z', false],
    ['2025-03-30T06:00:00Z', true],
    ['2025-03-30T13:59:00Z', true],
    ['2025-03-30T14:00:00Z', false],
    // Saturday before winter time (UTC+2)
    ['2025-10-25T05:59:00Z', false],
    ['2025-10-25T06:00:00Z', true],
    ['2025-10-25T14:00:00Z', false],
    // Sunday 2025-10-26, winter time from 03:00 (UTC+1): 08:00 is 07:00 UTC
    ['2025-10-26T06:00:00Z', false],
    ['2025-10-26T06:59:00Z', false],
    ['2025-10-26T07:00:00Z', true],
    ['2025-10-26T14:59:00Z', true],
    ['2025-10-26T15:00:00Z', false],
  ])('08:00–16:00 every day, on the summer-time weekends: %s → %s', (iso, open) => {
    expect(isClinicOpen(everyDay, at(iso))).toBe(open);
  });

  it('never opens an interval that lies in the skipped spring hour', () => {
    const hours = sundayNight('02:00', '03:00');
    expect(isClinicOpen(hours, at('2025-03-30T00:59:00Z'))).toBe(false); // 01:59 local
    expect(isClinicOpen(hours, at('2025-03-30T01:00:00Z'))).toBe(false); // 03:00 local
  });

  it('is open in both readings of the repeated autumn hour', () => {
    const hours = sundayNight('02:00', '03:00');
    expect(isClinicOpen(hours, at('2025-10-25T23:59:00Z'))).toBe(false); // 01:59 summer time
    expect(isClinicOpen(hours, at('2025-10-26T00:30:00Z'))).toBe(true); // 02:30 summer time
    expect(isClinicOpen(hours, at('2025-10-26T01:30:00Z'))).toBe(true); // 02:30 winter time
    expect(isClinicOpen(hours, at('2025-10-26T02:00:00Z'))).toBe(false); // 03:00 winter time
  });
});

describe('activeHoliday', () => {
  it.each([
    ['the evening before', '2025-07-06T23:59:00+02:00', false],
    ['first day, 00:00 local', '2025-07-07T00:00:00+02:00', true],
    ['first day, given in UTC the evening before', '2025-07-06T22:30:00Z', true],
    ['a weekend inside', '2025-07-12T12:00:00+02:00', true],
    ['last day, 23:59 local', '2025-07-16T23:59:00+02:00', true],
    ['the day after', '2025-07-17T00:00:00+02:00', false],
  ])('%s → %s', (_label, iso, inside) => {
    const holiday = activeHoliday(clinic, at(iso));
    expect(holiday?.substitute).toEqual(inside ? substitute : undefined);
  });

  it('covers a single-day holiday', () => {
    const hours: OpeningHours = { ...clinic, holidays: [{ from: '2025-08-01', to: '2025-08-01', substitute }] };
    expect(activeHoliday(hours, at('2025-08-01T12:00:00+02:00'))?.from).toBe('2025-08-01');
    expect(activeHoliday(hours, at('2025-08-02T12:00:00+02:00'))).toBeUndefined();
  });
});

describe('nextOpening', () => {
  it.each([
    ['before opening the same day', clinic, '2025-03-03T06:00:00+01:00', '2025-03-03T08:00:00+01:00'],
    ['exactly at opening it is that instant', clinic, '2025-03-03T08:00:00+01:00', '2025-03-03T08:00:00+01:00'],
    ['while open, the next day', clinic, '2025-03-03T10:00:00+01:00', '2025-03-04T08:00:00+01:00'],
    ['Friday 16:00, across the weekend', clinic, '2025-03-07T16:00:00+01:00', '2025-03-10T08:00:00+01:00'],
    [
      'across the weekend summer time starts',
      clinic,
      '2025-03-28T16:00:00+01:00',
      '2025-03-31T08:00:00+02:00', // 06:00 UTC, not 07:00
    ],
    [
      'across the weekend summer time ends',
      clinic,
      '2025-10-24T16:00:00+02:00',
      '2025-10-27T08:00:00+01:00', // 07:00 UTC, not 06:00
    ],
    ['across Easter (Thursday to Monday closed)', clinic, '2025-04-16T16:00:00+02:00', '2025-04-22T08:00:00+02:00'],
    [
      'across Kristi Himmelfartsdag and the closed day',
      clinic,
      '2025-05-28T16:00:00+02:00',
      '2025-06-02T08:00:00+02:00',
    ],
    ['across the clinic holiday', clinic, '2025-07-04T16:00:00+02:00', '2025-07-17T08:00:00+02:00'],
    ['from inside the clinic holiday', clinic, '2025-07-10T09:00:00+02:00', '2025-07-17T08:00:00+02:00'],
    ['across Christmas and New Year', clinic, '2025-12-23T16:00:00+01:00', '2025-12-29T08:00:00+01:00'],
    ['Sunday on the spring change', everyDay, '2025-03-30T00:00:00Z', '2025-03-30T08:00:00+02:00'],
    ['Sunday on the autumn change', everyDay, '2025-10-26T00:00:00Z', '2025-10-26T08:00:00+01:00'],
  ])('%s', (_label, hours, fromIso, expectedIso) => {
    expect(nextOpening(hours, at(fromIso))?.toISOString()).toBe(at(expectedIso).toISOString());
  });

  it('finds the afternoon after a lunch break', () => {
    const hours: OpeningHours = {
      weekly: [...on(['monday'], '08:00', '12:00'), ...on(['monday'], '13:00', '16:00')],
      closedDays: [],
      holidays: [],
    };
    expect(nextOpening(hours, at('2025-03-03T12:30:00+01:00'))?.toISOString()).toBe('2025-03-03T12:00:00.000Z');
  });

  it('treats touching intervals as one opening', () => {
    const hours: OpeningHours = {
      weekly: [...on(['monday', 'tuesday'], '12:00', '16:00'), ...on(['monday', 'tuesday'], '08:00', '12:00')],
      closedDays: [],
      holidays: [],
    };
    expect(nextOpening(hours, at('2025-03-03T10:00:00+01:00'))?.toISOString()).toBe('2025-03-04T07:00:00.000Z');
  });

  it('opens at the jump when the opening time is in the skipped spring hour', () => {
    const hours = sundayNight('02:30', '04:00');
    const opening = nextOpening(hours, at('2025-03-29T12:00:00Z'));
    expect(opening?.toISOString()).toBe('2025-03-30T01:00:00.000Z'); // 03:00 summer time
    expect(isClinicOpen(hours, at('2025-03-30T00:59:00Z'))).toBe(false);
    expect(isClinicOpen(hours, at('2025-03-30T01:00:00Z'))).toBe(true);
  });

  it('skips a Sunday whose interval lies wholly in the skipped spring hour', () => {
    const hours = sundayNight('02:00', '03:00');
    expect(nextOpening(hours, at('2025-03-29T12:00:00Z'))?.toISOString()).toBe('2025-04-06T00:00:00.000Z');
  });

  it('opens twice when the interval lies in the repeated autumn hour', () => {
    const hours = sundayNight('02:00', '02:30');
    expect(nextOpening(hours, at('2025-10-25T12:00:00Z'))?.toISOString()).toBe('2025-10-26T00:00:00.000Z');
    expect(nextOpening(hours, at('2025-10-26T00:45:00Z'))?.toISOString()).toBe('2025-10-26T01:00:00.000Z');
    expect(nextOpening(hours, at('2025-10-26T01:15:00Z'))?.toISOString()).toBe('2025-11-02T01:00:00.000Z');
  });

  it('does not count the second 02:00 as an opening when the clinic never closed', () => {
    const hours = sundayNight('02:00', '03:00');
    expect(nextOpening(hours, at('2025-10-26T00:30:00Z'))?.toISOString()).toBe('2025-11-02T01:00:00.000Z');
  });

  it('is undefined when the clinic never opens', () => {
    expect(nextOpening({ weekly: [], closedDays: [], holidays: [] }, at('2025-03-03T10:00:00+01:00'))).toBeUndefined();
    const longHoliday: OpeningHours = { ...clinic, holidays: [{ from: '2025-01-01', to: '2027-12-31', substitute }] };
    expect(nextOpening(longHoliday, at('2025-03-03T10:00:00+01:00'))).toBeUndefined();
  });

  it('finds an opening just within the search window', () => {
    const hours: OpeningHours = { ...clinic, holidays: [{ from: '2025-01-01', to: '2026-01-30', substitute }] };
    expect(nextOpening(hours, at('2025-01-02T10:00:00+01:00'))?.toISOString()).toBe('2026-02-02T07:00:00.000Z');
  });
});

describe('isOutOfHoursServiceOpen', () => {
  it.each([
    ['Monday 07:59', '2025-03-03T07:59:00+01:00', true],
    ['Monday 08:00', '2025-03-03T08:00:00+01:00', false],
    ['Monday 15:59', '2025-03-03T15:59:00+01:00', false],
    ['Monday 16:00', '2025-03-03T16:00:00+01:00', true],
    ['Monday 23:30', '2025-03-03T23:30:00+01:00', true],
    ['Friday 15:59', '2025-03-07T15:59:00+01:00', false],
    ['Friday 16:00', '2025-03-07T16:00:00+01:00', true],
    ['Saturday noon', '2025-03-08T12:00:00+01:00', true],
    ['Sunday noon', '2025-03-09T12:00:00+01:00', true],
    ['Easter Monday noon', '2025-04-21T12:00:00+02:00', true],
    ['Grundlovsdag noon', '2025-06-05T12:00:00+02:00', true],
    ['Juleaften noon', '2025-12-24T12:00:00+01:00', true],
    ['Nytårsaften noon', '2025-12-31T12:00:00+01:00', true],
    ['23 December noon', '2025-12-23T12:00:00+01:00', false],
    ['Monday after summer time starts, 07:59 local', '2025-03-31T05:59:00Z', true],
    ['Monday after summer time starts, 08:00 local', '2025-03-31T06:00:00Z', false],
    ['Friday before winter time, 15:59 local', '2025-10-24T13:59:00Z', false],
    ['Friday before winter time, 16:00 local', '2025-10-24T14:00:00Z', true],
    ['Monday after winter time, 07:59 local', '2025-10-27T06:59:00Z', true],
    ['Monday after winter time, 08:00 local', '2025-10-27T07:00:00Z', false],
    ['spring change, 01:59 local', '2025-03-30T00:59:00Z', true],
    ['spring change, 03:00 local', '2025-03-30T01:00:00Z', true],
    ['autumn change, first 02:30', '2025-10-26T00:30:00Z', true],
    ['autumn change, second 02:30', '2025-10-26T01:30:00Z', true],
  ])('%s → %s', (_label, iso, open) => {
    expect(isOutOfHoursServiceOpen(at(iso))).toBe(open);
  });
});

describe('validation', () => {
  const withWeekly = (weekly: unknown[]): OpeningHours => ({ ...clinic, weekly: weekly as OpeningInterval[] });
  it.each<[string, OpeningHours, RegExp]>([
    [
      'opens without a leading zero',
      withWeekly([{ day: 'monday', opens: '8:00', closes: '16:00' }]),
      /weekly\[0\]\.opens/,
    ],
    ['closes at 24:00', withWeekly([{ day: 'monday', opens: '08:00', closes: '24:00' }]), /weekly\[0\]\.closes/],
    ['a minute of 60', withWeekly([{ day: 'monday', opens: '08:60', closes: '16:00' }]), /weekly\[0\]\.opens/],
    ['seconds', withWeekly([{ day: 'monday', opens: '08:00:00', closes: '16:00' }]), /HH:MM/],
    ['not a string', withWeekly([{ day: 'monday', opens: 800, closes: '16:00' }]), /weekly\[0\]\.opens/],
    ['opens after closes', withWeekly([{ day: 'monday', opens: '16:00', closes: '08:00' }]), /cross midnight/],
    ['opens equal to closes', withWeekly([{ day: 'monday', opens: '08:00', closes: '08:00' }]), /not before/],
    ['an unknown day', withWeekly([{ day: 'Monday', opens: '08:00', closes: '16:00' }]), /weekly\[0\]\.day/],
    [
      'a second bad interval',
      withWeekly([...clinic.weekly, { day: 'monday', opens: '17:00', closes: '9:00' }]),
      /weekly\[5\]/,
    ],
    ['a closed day that is no date', { ...clinic, closedDays: [{ date: '2025-02-30' }] }, /closedDays\[0\]\.date/],
    [
      'a holiday ending before it starts',
      { ...clinic, holidays: [{ from: '2025-07-16', to: '2025-07-07', substitute }] },
      /holidays\[0\].*inclusive/,
    ],
    [
      'a holiday with a bad date',
      { ...clinic, holidays: [{ from: '2025-7-7', to: '2025-07-16', substitute }] },
      /holidays\[0\]\.from/,
    ],
  ])('rejects %s with a RangeError', (_label, hours, message) => {
    expect(() => assertValidOpeningHours(hours)).toThrow(RangeError);
    expect(() => assertValidOpeningHours(hours)).toThrow(message);
    expect(() => isClinicOpen(hours, at('2025-03-03T10:00:00+01:00'))).toThrow(RangeError);
    expect(() => nextOpening(hours, at('2025-03-03T10:00:00+01:00'))).toThrow(RangeError);
    expect(() => activeHoliday(hours, at('2025-03-03T10:00:00+01:00'))).toThrow(RangeError);
  });

  it('accepts overlapping intervals and 00:00–23:59', () => {
    const hours = withWeekly([
      { day: 'monday', opens: '00:00', closes: '23:59' },
      { day: 'monday', opens: '08:00', closes: '12:00' },
    ]);
    expect(() => assertValidOpeningHours(hours)).not.toThrow();
    expect(isClinicOpen(hours, at('2025-03-03T23:58:00+01:00'))).toBe(true);
    expect(isClinicOpen(hours, at('2025-03-03T23:59:00+01:00'))).toBe(false);
  });

  it('rejects an invalid instant', () => {
    expect(() => isClinicOpen(clinic, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('outOfHoursAnswer', () => {
  it('sends a Copenhagen patient to 1813 on Friday at 16:00 and says when the clinic opens', () => {
    const answer = outOfHoursAnswer(clinic, '2100', at('2025-03-07T16:00:00+01:00'));
    expect(answer).toEqual({
      region: 'hovedstaden',
      service: 'Akuttelefonen 1813',
      phone: { display: '1813', dial: '1813', shortNumber: true },
      serviceOpenNow: true,
      clinicOpenNow: false,
      clinicNextOpensAt: at('2025-03-10T08:00:00+01:00'),
    });
    expect('substitute' in answer).toBe(false);
  });

  it('gives the substitute during the clinic holiday', () => {
    const answer = outOfHoursAnswer(clinic, '8000', at('2025-07-08T10:00:00+02:00'));
    expect(answer.region).toBe('midtjylland');
    expect(answer.phone.e164).toBe('+4570113131');
    expect(answer.serviceOpenNow).toBe(false);
    expect(answer.clinicOpenNow).toBe(false);
    expect(answer.substitute).toEqual(substitute);
    expect(answer.clinicNextOpensAt).toEqual(at('2025-07-17T08:00:00+02:00'));
  });

  it('leaves out the next opening while the clinic is open', () => {
    const answer = outOfHoursAnswer(clinic, '5000', at('2025-03-04T10:00:00+01:00'));
    expect(answer).toMatchObject({ region: 'syddanmark', clinicOpenNow: true, serviceOpenNow: false });
    expect('clinicNextOpensAt' in answer).toBe(false);
  });

  it('leaves out the next opening when the clinic never opens', () => {
    const answer = outOfHoursAnswer(
      { weekly: [], closedDays: [], holidays: [] },
      '9000',
      at('2025-03-04T10:00:00+01:00'),
    );
    expect(answer).toMatchObject({ region: 'nordjylland', clinicOpenNow: false });
    expect('clinicNextOpensAt' in answer).toBe(false);
  });

  it.each(['3900', '0800', '100', 'abcd'])('rejects postal code %j with a RangeError', (code) => {
    expect(() => outOfHoursAnswer(clinic, code, at('2025-03-04T10:00:00+01:00'))).toThrow(RangeError);
  });
});
