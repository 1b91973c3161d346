import { describe, expect, it } from 'vitest';
import {
  type ConsentRecord,
  type ConsentState,
  consentProblem,
  consentState,
  giveConsent,
  recordActivity,
  retainedUntil,
  withdrawConsent,
} from '../../domain/consent.ts';

const d = (iso: string): Date => new Date(iso);
const plusMs = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

describe('retainedUntil: 12 calendar months at the same Copenhagen wall-clock time', () => {
  it.each([
    // Summer to summer, with milliseconds kept.
    ['2024-05-10T08:15:30.250Z', '2025-05-10T08:15:30.250Z', 'summer → summer'],
    ['2024-01-15T09:00:00Z', '2025-01-15T09:00:00Z', 'winter → winter'],
    // 12:00 CET on 30 March 2024; summer time starts on 30 March 2025, so 12:00 is CEST (UTC+2).
    ['2024-03-30T11:00:00Z', '2025-03-30T10:00:00Z', 'winter time → summer time'],
    // 12:00 CEST on 26 October 2024; summer time ends on 26 October 2025, so 12:00 is CET (UTC+1).
    ['2024-10-26T10:00:00Z', '2025-10-26T11:00:00Z', 'summer time → winter time'],
    // 31 March 2024 is the day summer time starts; 12:00 CEST then, 12:00 CEST a year later.
    ['2024-03-31T10:00:00Z', '2025-03-31T10:00:00Z', 'from 31 March, after the switch'],
    // 01:30 CET on 31 March 2024 (before the switch) → 01:30 CEST on 31 March 2025.
    ['2024-03-31T00:30:00Z', '2025-03-30T23:30:00Z', 'from 31 March, before the switch'],
    // 29 February clamps to 28 February.
    ['2024-02-29T14:00:00Z', '2025-02-28T14:00:00Z', 'from 29 February'],
    // 23:30 UTC is already 29 February in Copenhagen; the date is taken there, so it clamps to
    // 28 February 00:30, which is 27 February in UTC.
    ['2024-02-28T23:30:00Z', '2025-02-27T23:30:00Z', '29 February 00:30 Copenhagen'],
    // 02:30 on 30 March 2025 does not exist; it is read in winter time, i.e. 03:30 summer time.
    ['2024-03-30T01:30:00Z', '2025-03-30T01:30:00Z', 'into the spring gap'],
  ])('%s → %s (%s)', (from, until) => {
    expect(retainedUntil(d(from)).toISOString()).toBe(d(until).toISOString());
  });

  it('throws for an invalid instant', () => {
    expect(() => retainedUntil(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('consentState', () => {
  const given = d('2024-05-10T08:15:30.250Z');
  const until = d('2025-05-10T08:15:30.250Z');

  it.each([
    [{}, 'never-given'],
    [{ lastActivityAt: given }, 'never-given'],
    [{ givenAt: given }, 'given'],
    [{ givenAt: given, lastActivityAt: given }, 'given'],
    [{ givenAt: given, withdrawnAt: plusMs(given, 1) }, 'withdrawn'],
    // A tie reads as withdrawn: the cautious side.
    [{ givenAt: given, withdrawnAt: given }, 'withdrawn'],
    // Consent given again after a withdrawal that was not cleared.
    [{ givenAt: plusMs(given, 1), withdrawnAt: given }, 'given'],
    [{ withdrawnAt: given }, 'withdrawn'],
  ] as [ConsentRecord, ConsentState][])('%o → %s', (record, state) => {
    expect(consentState(record, plusMs(given, 60_000))).toBe(state);
  });

  it.each([
    [-1, 'given'],
    [0, 'lapsed'],
    [1, 'lapsed'],
  ] as const)('after exactly 12 months of inactivity %i ms → %s', (offset, state) => {
    expect(consentState({ givenAt: given, lastActivityAt: given }, plusMs(until, offset))).toBe(state);
  });

  it('counts the moment of consent as activity when none is recorded', () => {
    expect(consentState({ givenAt: given }, plusMs(until, -1))).toBe('given');
    expect(consentState({ givenAt: given }, until)).toBe('lapsed');
  });

  it('ignores a recorded activity older than the consent', () => {
    const record = { givenAt: given, lastActivityAt: d('2023-01-01T00:00:00Z') };
    expect(consentState(record, plusMs(until, -1))).toBe('given');
  });

  it.each([
    ['2024-03-30T11:00:00Z', '2025-03-30T10:00:00Z'],
    ['2024-10-26T10:00:00Z', '2025-10-26T11:00:00Z'],
    ['2024-02-29T14:00:00Z', '2025-02-28T14:00:00Z'],
  ])('lapses at the boundary across summer time and leap days: %s → %s', (activity, boundary) => {
    const record = { givenAt: d(activity), lastActivityAt: d(activity) };
    expect(consentState(record, plusMs(d(boundary), -1))).toBe('given');
    expect(consentState(record, d(boundary))).toBe('lapsed');
  });
});

describe('recordActivity', () => {
  const t0 = d('2024-05-10T08:00:00Z');

  it('extends the window by 12 months from the last use', () => {
    let record = giveConsent({}, t0);
    const use = d('2025-04-10T08:00:00Z'); // 11 months later
    record = recordActivity(record, use);
    expect(record.lastActivityAt?.toISOString()).toBe(use.toISOString());
    // 12 months after consent, but only one month after the last use.
    expect(consentState(record, d('2025-05-10T08:00:00Z'))).toBe('given');
    expect(consentState(record, d('2026-04-10T07:59:59.999Z'))).toBe('given');
    expect(consentState(record, d('2026-04-10T08:00:00Z'))).toBe('lapsed');
  });

  it.each([
    ['never given', {}, t0],
    ['withdrawn', { givenAt: t0, withdrawnAt: plusMs(t0, 1000) }, d('2024-06-01T00:00:00Z')],
    ['lapsed', { givenAt: t0, lastActivityAt: t0 }, d('2025-05-10T08:00:00Z')],
  ] as [string, ConsentRecord, Date][])('leaves a %s record unchanged', (_label, record, now) => {
    expect(recordActivity(record, now)).toBe(record);
  });

  it('does not mutate the record or share the Date passed in', () => {
    const record = giveConsent({}, t0);
    const now = d('2024-06-01T00:00:00Z');
    const next = recordActivity(record, now);
    expect(record.lastActivityAt?.toISOString()).toBe(t0.toISOString());
    now.setTime(0);
    expect(next.lastActivityAt?.toISOString()).toBe('2024-06-01T00:00:00.000Z');
  });
});

describe('giving and withdrawing', () => {
  const t0 = d('2024-05-10T08:00:00Z');
  const t1 = d('2024-08-01T12:00:00Z');
  const t2 = d('2024-09-01T12:00:00Z');

  it('gives consent: givenAt and lastActivityAt are now', () => {
    expect(giveConsent({}, t0)).toEqual({ givenAt: t0, lastActivityAt: t0 });
  });

  it('withdraw, then give again', () => {
    const given = giveConsent({}, t0);
    const withdrawn = withdrawConsent(given, t1);
    expect(consentState(withdrawn, t1)).toBe('withdrawn');
    expect(consentProblem(consentState(withdrawn, t1))).toBe('consent-required');
    expect(recordActivity(withdrawn, t1)).toBe(withdrawn);

    const again = giveConsent(withdrawn, t2);
    expect(again).toEqual({ givenAt: t2, lastActivityAt: t2 });
    expect('withdrawnAt' in again).toBe(false);
    expect(consentState(again, t2)).toBe('given');
    expect(consentState(again, d('2025-09-01T11:59:59.999Z'))).toBe('given');
    expect(consentState(again, d('2025-09-01T12:00:00Z'))).toBe('lapsed');
  });

  it('keeps the original givenAt when consent is already in force', () => {
    const again = giveConsent(giveConsent({}, t0), t1);
    expect(again).toEqual({ givenAt: t0, lastActivityAt: t1 });
  });

  it('consents afresh after lapsing', () => {
    const lapsedAt = d('2025-06-01T00:00:00Z');
    const record = giveConsent({}, t0);
    expect(consentState(record, lapsedAt)).toBe('lapsed');
    const renewed = giveConsent(record, lapsedAt);
    expect(renewed).toEqual({ givenAt: lapsedAt, lastActivityAt: lapsedAt });
    expect(consentState(renewed, lapsedAt)).toBe('given');
  });

  it('withdrawing without consent in force changes nothing; a second withdrawal keeps the first time', () => {
    const never: ConsentRecord = {};
    expect(withdrawConsent(never, t0)).toBe(never);
    const withdrawn = withdrawConsent(giveConsent({}, t0), t1);
    expect(withdrawConsent(withdrawn, t2)).toBe(withdrawn);
    expect(withdrawn.withdrawnAt?.toISOString()).toBe(t1.toISOString());
  });

  it('a lapsed patient can withdraw', () => {
    const lapsedAt = d('2025-06-01T00:00:00Z');
    expect(consentState(withdrawConsent(giveConsent({}, t0), lapsedAt), lapsedAt)).toBe('withdrawn');
  });
});

describe('consentProblem', () => {
  it.each([
    ['never-given', 'consent-required'],
    ['withdrawn', 'consent-required'],
    ['lapsed', 'consent-lapsed'],
    ['given', undefined],
  ] as [ConsentState, string | undefined][])('%s → %s', (state, problem) => {
    expect(consentProblem(state)).toBe(problem);
  });
});
