// Moving sandbox time by ISO 8601 durations on the Copenhagen calendar: month ends clamp, days
// keep the wall-clock time across summer-time changes, hours are elapsed time; bad input is refused.
import { describe, expect, it } from 'vitest';
import { addDuration, DurationError, parseDuration } from '../../domain/duration.ts';

describe('addDuration', () => {
  it.each([
    ['2026-01-31T11:00:00Z', 'P1M', '2026-02-28T11:00:00.000Z'], // clamped to the month's last day
    ['2024-01-31T11:00:00Z', 'P1M', '2024-02-29T11:00:00.000Z'], // leap year
    ['2024-02-29T11:00:00Z', 'P1Y', '2025-02-28T11:00:00.000Z'],
    ['2026-01-15T11:00:00Z', 'P12M1D', '2027-01-16T11:00:00.000Z'],
    ['2026-03-28T11:00:00Z', 'P1D', '2026-03-29T10:00:00.000Z'], // spring forward: 12:00 stays 12:00, 23 h
    ['2026-03-28T11:00:00Z', 'PT24H', '2026-03-29T11:00:00.000Z'], // elapsed: 13:00 summer time
    ['2026-10-24T10:00:00Z', 'P1D', '2026-10-25T11:00:00.000Z'], // fall back: 25 h
    ['2026-01-01T00:00:00Z', 'P2W', '2026-01-15T00:00:00.000Z'],
    ['2026-01-01T00:00:00Z', 'PT90M', '2026-01-01T01:30:00.000Z'],
    ['2026-01-01T00:00:00Z', 'PT0.5S', '2026-01-01T00:00:00.500Z'],
  ])('%s + %s = %s', (from, duration, to) => {
    expect(addDuration(new Date(from), duration).toISOString()).toBe(to);
  });
});

describe('parseDuration', () => {
  it.each(['', 'P', '1D', 'P1X', 'PT', 'P-1D', '-P1D', 'P0D', 'PT0S', 'one day'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(/duration|longer than zero/);
  });
});
