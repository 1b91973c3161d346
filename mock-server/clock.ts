/**
 * The sandbox's clock. Every rule is asked with this clock's time, never Date.now(), so a tester
 * can set it or move it forward and watch retention lapse, a child turn 15 or a clinic close.
 */

export interface SandboxClock {
  now(): Date;
  /** Sets sandbox time; it then runs on with the real clock from there. */
  set(instant: Date): void;
  /** Moves sandbox time forward (or back, with a negative amount) by milliseconds. */
  advance(milliseconds: number): void;
}

/**
 * A clock that starts at `start` (default: the real time) and runs at real speed. `real` is the
 * real clock, injectable so tests control it too.
 */
export function createClock(start?: Date, real: () => number = Date.now): SandboxClock {
  let offset = start ? start.getTime() - real() : 0;
  return {
    now: () => new Date(real() + offset),
    set(instant) {
      if (Number.isNaN(instant.getTime())) throw new RangeError('Cannot set the sandbox clock to an invalid date');
      offset = instant.getTime() - real();
    },
    advance(milliseconds) {
      if (!Number.isFinite(milliseconds))
        throw new RangeError('Cannot advance the sandbox clock by a non-finite amount');
      offset += milliseconds;
    },
  };
}
