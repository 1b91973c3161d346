/**
 * PIN login after the first MitID sign-in: a four-digit PIN per device, locked after three wrong
 * attempts in a row until the person signs in with MitID again and sets a new PIN. A right PIN
 * before the lock resets the count. Pure: the state goes in, the next state comes out.
 */

export const MAX_PIN_ATTEMPTS = 3;

/** What the platform keeps per person and device. */
export interface PinState {
  /** Wrong attempts in a row since the PIN was set or last entered rightly. */
  failures: number;
}

export type PinOutcome =
  | { result: 'accepted'; state: PinState }
  | { result: 'wrong'; attemptsRemaining: number; state: PinState }
  | { result: 'locked'; state: PinState };

/** A fresh state, as after setting a PIN (which also lifts a lock). */
export function newPinState(): PinState {
  return { failures: 0 };
}

/** The outcome of one PIN login. A locked state stays locked even for the right PIN. */
export function attemptPin(state: PinState, correct: boolean): PinOutcome {
  if (state.failures >= MAX_PIN_ATTEMPTS) return { result: 'locked', state };
  if (correct) return { result: 'accepted', state: newPinState() };
  const failures = state.failures + 1;
  return { result: 'wrong', attemptsRemaining: MAX_PIN_ATTEMPTS - failures, state: { failures } };
}

/** The problem kind of a refused PIN login: a wrong PIN is unauthorized, a locked one pin-locked. */
export function pinProblem(outcome: PinOutcome): 'unauthorized' | 'pin-locked' | undefined {
  if (outcome.result === 'wrong') return 'unauthorized';
  if (outcome.result === 'locked') return 'pin-locked';
  return undefined;
}
