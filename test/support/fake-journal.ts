// A clinic's fake journal in process for tests: the store of a seed's first 120 patients, a
// clock at 12:00 on 2026-01-15, calls with the platform token, and the adults by journal consent.
import { createClock } from '../../mock-server/clock.ts';
import { createFakeJournal } from '../../mock-server/journal/index.ts';
import { createStore } from '../../mock-server/store.ts';

export const TOKEN = 'platform-token-for-tests';
export const TODAY = '2026-01-15';

export function fakeJournal(seed: string) {
  const store = createStore({ seed, asOf: TODAY, patients: 120 });
  const clinicId = [...store.clinics.keys()][0] as string;
  const clock = createClock(new Date(`${TODAY}T11:00:00Z`));
  const app = createFakeJournal({ store, clock, clinicId, platformToken: TOKEN, log: () => {} });
  /** A request with the platform token; a string body is sent as it is (to test malformed JSON). */
  const call = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const adults = [...store.patients.values()].filter((p) => p.expected.app.self !== null);
  const consenting = adults.filter((p) => store.journalConsents.get(p.patient.id)?.state === 'given');
  const never = adults.find((p) => store.journalConsents.get(p.patient.id)?.state === 'never-given');
  if (consenting.length < 3 || !never) throw new Error(`seed ${seed} lacks consenting or never-consenting adults`);
  return { store, clinicId, clinic: store.clinics.get(clinicId), clock, app, call, consenting, never };
}
