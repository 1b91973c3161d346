/**
 * Time in a scenario: instants and dates are absolute or ISO 8601 offsets from the scenario's
 * start, on the Copenhagen calendar (domain/duration.ts addDuration, so `P1M` from 31 January is
 * the end of February and `-P365D` is 365 calendar days back).
 */
import { Temporal } from 'temporal-polyfill';
import { addDuration } from '../domain/duration.ts';
import { copenhagenDate, type IsoDate } from '../domain/time.ts';

/** An ISO 8601 duration (negative with a leading `-`), or undefined when the text is not one. */
export function parseOffset(text: string): Temporal.Duration | undefined {
  try {
    return Temporal.Duration.from(text);
  } catch {
    return undefined;
  }
}

const isOffset = (text: string) => /^[-+]?P/.test(text);

/**
 * The instant an offset from `start` names (zero and negative offsets too); an invalid Date when
 * the text is no offset or lands outside the years a Date can hold (`-P999999Y`).
 */
export function offsetFrom(start: Date, text: string): Date {
  const duration = parseOffset(text);
  if (!duration) return new Date(Number.NaN);
  if (duration.blank) return new Date(start.getTime());
  try {
    return addDuration(start, duration);
  } catch {
    return new Date(Number.NaN);
  }
}

/** An instant: absolute (with its offset) or an offset from `start`; an invalid Date when neither. */
export function instantOf(text: string, start: Date): Date {
  if (isOffset(text)) return offsetFrom(start, text);
  try {
    return new Date(Temporal.Instant.from(text).epochMilliseconds);
  } catch {
    return new Date(Number.NaN);
  }
}

/** A Copenhagen date: absolute `YYYY-MM-DD` or the date of an offset from `start`. */
export function dateOf(text: string, start: Date): IsoDate {
  return isOffset(text) ? copenhagenDate(offsetFrom(start, text)) : text;
}

/** The birth date of someone exactly `age` (an ISO 8601 duration such as P14Y11M) old at `start`. */
export function birthDateFromAge(age: string, start: Date): IsoDate | undefined {
  const duration = parseOffset(age);
  if (!duration || duration.sign < 0) return undefined;
  try {
    return Temporal.PlainDate.from(copenhagenDate(start)).subtract(duration).toString();
  } catch {
    return undefined; // an age past the calendar's range (P999999Y)
  }
}
