/**
 * A patient's consent to share data through the platform, and how long the platform keeps it.
 * The source (DOMAIN.md) says: nothing leaves the journal before the patient actively consents;
 * data is stored for 12 months and each use of the app extends storage by 12 months; after 12
 * months without use the platform's copy is deleted and the patient must consent again.
 *
 * The record keeps only instants; the state is derived from it at a given `now`, so the same
 * record reads as 'given' today and 'lapsed' a year from now without anyone rewriting it.
 * The record is assumed to hold only events at or before `now`.
 */

import type { ProblemKind } from './problem-types.ts';
import {
  addMonths,
  addMonthsToParts,
  copenhagenInstant,
  copenhagenParts,
  copenhagenWallMs,
  daysInMonth,
  formatDate,
} from './time.ts';

export type ConsentState = 'never-given' | 'given' | 'withdrawn' | 'lapsed';

export interface ConsentRecord {
  /** When consent was last given. */
  givenAt?: Date;
  /** When consent was withdrawn; cleared when it is given again. */
  withdrawnAt?: Date;
  /** The last use of the app while consent was in force. */
  lastActivityAt?: Date;
}

/** How long the platform keeps data after the last use. */
export const RETENTION_MONTHS = 12;

/**
 * The instant storage ends: `lastActivityAt` plus 12 calendar months at the same Copenhagen
 * wall-clock time (so a summer-time change in between does not shift it by an hour). A day the
 * target month lacks is clamped (29 February → 28 February). A wall-clock time that does not
 * exist on the target day (the spring gap) is read in winter time, so 02:30 becomes 03:30 summer
 * time; an ambiguous one (the autumn overlap) is the earlier instant. Both as copenhagenInstant.
 */
export function retainedUntil(lastActivityAt: Date): Date {
  return new Date(retainedUntilMs(lastActivityAt));
}

/** retainedUntil as ms since the epoch: consentState needs only the number, on every request. */
function retainedUntilMs(lastActivityAt: Date): number {
  const from = lastActivityAt.getTime();
  if (from === lastRetained.from) return lastRetained.until;
  const until = computeRetainedUntilMs(lastActivityAt);
  lastRetained = { from, until };
  return until;
}

// The last activity instant asked about and its end of storage. A signed-in request asks about the
// same person's activity up to three times (the token's use, the access check, the privacy check),
// and the next request asks first about the activity this one recorded; derived data only.
let lastRetained = { from: Number.NaN, until: Number.NaN };

function computeRetainedUntilMs(lastActivityAt: Date): number {
  const p = copenhagenParts(lastActivityAt);
  const subMinute = p.second * 1000 + (((lastActivityAt.getTime() % 1000) + 1000) % 1000);
  // addMonths and copenhagenInstant on numbers, without writing the date out and parsing it back twice.
  const to = addMonthsToParts(p.year, p.month, p.day, RETENTION_MONTHS);
  if (p.year < 0 || to.year > 9999 || p.day > daysInMonth(p.year, p.month)) {
    // Not a YYYY-MM-DD year, or (long before 1996, where the time zone database reads the Julian
    // calendar) not a Gregorian date: addMonths or copenhagenInstant refuses it, as they always have.
    const date = addMonths(formatDate(p.year, p.month, p.day), RETENTION_MONTHS);
    return copenhagenInstant(date, p.hour, p.minute).getTime() + subMinute;
  }
  return copenhagenWallMs(to.year, to.month, to.day, p.hour, p.minute) + subMinute;
}

/**
 * The consent state at `now`. Lapsed exactly when `now` ≥ retainedUntil(last activity): storage
 * lasts 12 months, and at that instant the platform's copy is deleted. Without a recorded
 * activity the moment of consent counts as the last activity. If both consent and withdrawal are
 * recorded, the later one wins, and withdrawal wins a tie (the cautious reading).
 */
export function consentState(record: ConsentRecord, now: Date): ConsentState {
  const { givenAt, withdrawnAt } = record;
  if (givenAt === undefined) return withdrawnAt === undefined ? 'never-given' : 'withdrawn';
  if (withdrawnAt !== undefined && withdrawnAt.getTime() >= givenAt.getTime()) return 'withdrawn';
  const lastActivity = latest(givenAt, record.lastActivityAt);
  return now.getTime() >= retainedUntilMs(lastActivity) ? 'lapsed' : 'given';
}

/**
 * Records a use of the app at `now`, which extends storage by 12 months. Only while consent is
 * given: without consent nothing is stored, so there is nothing to extend, and a lapsed patient's
 * data is already deleted — activity must not revive it; they have to consent again.
 */
export function recordActivity(record: ConsentRecord, now: Date): ConsentRecord {
  if (consentState(record, now) !== 'given') return record;
  return { ...record, lastActivityAt: new Date(now.getTime()) };
}

/**
 * Gives consent at `now`: clears any withdrawal and counts as activity. Consent already in force
 * keeps its original `givenAt` (the moment the patient first agreed); otherwise `givenAt` is now.
 */
export function giveConsent(record: ConsentRecord, now: Date): ConsentRecord {
  const givenAt = consentState(record, now) === 'given' && record.givenAt ? record.givenAt : new Date(now.getTime());
  return { givenAt, lastActivityAt: new Date(now.getTime()) };
}

/**
 * Withdraws consent at `now`. A record without consent to withdraw (never given, or already
 * withdrawn) is returned unchanged so the first withdrawal time is kept.
 */
export function withdrawConsent(record: ConsentRecord, now: Date): ConsentRecord {
  const state = consentState(record, now);
  if (state === 'never-given' || state === 'withdrawn') return record;
  return { ...record, withdrawnAt: new Date(now.getTime()) };
}

export type ConsentProblemKind = Extract<ProblemKind, 'consent-required' | 'consent-lapsed'>;

/** The problem a refusing state maps to; undefined when consent is given. */
export function consentProblem(state: ConsentState): ConsentProblemKind | undefined {
  switch (state) {
    case 'given':
      return undefined;
    case 'lapsed':
      return 'consent-lapsed';
    case 'never-given':
    case 'withdrawn':
      return 'consent-required';
  }
}

function latest(a: Date, b: Date | undefined): Date {
  return b !== undefined && b.getTime() > a.getTime() ? b : a;
}
