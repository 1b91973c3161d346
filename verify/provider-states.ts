/**
 * The provider states verify asks a journal for, and the client that asks. The protocol is Pact's
 * own state-change request, so one endpoint serves the Pact verifier and verify's conformance
 * checks: `POST <url>` with `{ "state", "params", "action": "setup" | "teardown" }`, answered with a
 * JSON object of values (Pact injects them into requests; verify reads them).
 *
 * The states (see the README, "For journal-system vendors"):
 * - `conformance patient <n>` (params `{ n, cpr, asOf }`) → `{ patientId }`: patient n of the
 *   conformance set exists with exactly the journal of the exported file and no consent
 *   (never given, or withdrawn); setting it up again puts it back so.
 * - `a free slot` → `{ slotId }`: the clinic offers online booking and this slot is free now.
 */

export const CONFORMANCE_PATIENT_STATE = 'conformance patient';
export const FREE_SLOT_STATE = 'a free slot';

/** `conformance patient 3` → 3; undefined for any other state. */
export function conformancePatientNumber(state: string): number | undefined {
  const m = /^conformance patient ([1-9][0-9]*)$/.exec(state);
  return m ? Number(m[1]) : undefined;
}

export type StateValues = Record<string, unknown>;

export interface ProviderStates {
  readonly url: string;
  setup(state: string, params?: Record<string, unknown>): Promise<StateValues>;
}

/** The journal's provider-state endpoint refused or broke a setup; the message says how. */
export class ProviderStateError extends Error {
  override readonly name = 'ProviderStateError';
}

export function createProviderStates(url: string, token: string, timeoutMs = 10_000): ProviderStates {
  return {
    url,
    async setup(state, params = {}) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ state, params, action: 'setup' }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new ProviderStateError(`provider state "${state}": ${url} got no answer (${cause})`);
      }
      const text = await res.text();
      if (!res.ok) {
        throw new ProviderStateError(`provider state "${state}": ${url} answered ${res.status} ${text.slice(0, 300)}`);
      }
      try {
        const values = text === '' ? {} : (JSON.parse(text) as unknown);
        if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new Error('not an object');
        return values as StateValues;
      } catch {
        throw new ProviderStateError(
          `provider state "${state}": the answer is not a JSON object: ${text.slice(0, 200)}`,
        );
      }
    },
  };
}
