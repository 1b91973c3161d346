/**
 * ISO 8601 durations on the Copenhagen calendar, for moving sandbox time: `P1Y`, `P12M1D`,
 * `PT90M`, `P1DT2H`. Calendar units (years, months, weeks, days) move the wall-clock date and
 * keep the time of day, so P1M from 31 January lands on the last day of February and P1D across
 * a summer-time change is 23 or 25 hours; hours, minutes and seconds are elapsed time. These are
 * Temporal's rules (ZonedDateTime.add), taken from the Temporal polyfill rather than re-derived.
 */
import { Temporal } from 'temporal-polyfill';

const ZONE = 'Europe/Copenhagen';

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

/** Parses a positive ISO 8601 duration, or throws a DurationError that says what is expected. */
export function parseDuration(text: string): Temporal.Duration {
  let duration: Temporal.Duration;
  try {
    duration = Temporal.Duration.from(text);
  } catch {
    throw new DurationError(
      `${JSON.stringify(text)} is not an ISO 8601 duration; write e.g. P1Y, P12M1D, P2W, PT90M or P1DT2H30M`,
    );
  }
  if (duration.sign <= 0) throw new DurationError(`${JSON.stringify(text)} must be longer than zero`);
  return duration;
}

/** The instant `duration` after `instant`, on the Copenhagen calendar. */
export function addDuration(instant: Date, duration: string | Temporal.Duration): Date {
  const parsed = typeof duration === 'string' ? parseDuration(duration) : duration;
  const start = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(ZONE);
  return new Date(start.add(parsed).epochMilliseconds);
}
