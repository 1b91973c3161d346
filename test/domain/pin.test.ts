import { describe, expect, it } from 'vitest';
import { attemptPin, MAX_PIN_ATTEMPTS, newPinState, type PinState, pinProblem } from '../../domain/pin.ts';

/** Runs a sequence of attempts (true = right PIN) and returns each outcome's result. */
function run(attempts: boolean[], start: PinState = newPinState()) {
  let state = start;
  return attempts.map((correct) => {
    const outcome = attemptPin(state, correct);
    state = outcome.state;
    return outcome.result === 'wrong' ? `wrong(${outcome.attemptsRemaining})` : outcome.result;
  });
}

describe('PIN login', () => {
  it.each([
    [[true], ['accepted']],
    [
      [false, true],
      ['wrong(2)', 'accepted'],
    ],
    [
      [false, false, true],
      ['wrong(2)', 'wrong(1)', 'accepted'],
    ],
    [
      [false, false, false],
      ['wrong(2)', 'wrong(1)', 'wrong(0)'],
    ],
    [
      [false, false, false, true],
      ['wrong(2)', 'wrong(1)', 'wrong(0)', 'locked'],
    ], // the right PIN too
    [
      [false, false, true, false, false, true],
      ['wrong(2)', 'wrong(1)', 'accepted', 'wrong(2)', 'wrong(1)', 'accepted'],
    ],
  ])('%j gives %j', (attempts, expected) => {
    expect(run(attempts)).toEqual(expected);
  });

  it('locks after exactly three wrong attempts, and a new PIN lifts the lock', () => {
    expect(MAX_PIN_ATTEMPTS).toBe(3);
    const locked = { failures: 3 };
    expect(attemptPin(locked, true).result).toBe('locked');
    expect(attemptPin(newPinState(), true).result).toBe('accepted');
  });

  it('maps refusals to problem kinds', () => {
    expect(pinProblem(attemptPin(newPinState(), false))).toBe('unauthorized');
    expect(pinProblem(attemptPin({ failures: 3 }, true))).toBe('pin-locked');
    expect(pinProblem(attemptPin(newPinState(), true))).toBeUndefined();
  });
});
