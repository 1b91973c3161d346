import { describe, expect, it } from 'vitest';
import { createClock } from '../../mock-server/clock.ts';

describe('sandbox clock', () => {
  it('starts where told, runs with the real clock, and can be set and advanced', () => {
    let real = 1_000_000;
    const clock = createClock(new Date('2026-01-15T12:00:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2026-01-15T12:00:00.000Z');
    real += 5_000;
    expect(clock.now().toISOString()).toBe('2026-01-15T12:00:05.000Z');
    clock.advance(366 * 86_400_000);
    expect(clock.now().toISOString()).toBe('2027-01-16T12:00:05.000Z');
    clock.set(new Date('2030-06-01T00:00:00Z'));
    real += 1_000;
    expect(clock.now().toISOString()).toBe('2030-06-01T00:00:01.000Z');
    expect(() => clock.set(new Date('nope'))).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });
});
