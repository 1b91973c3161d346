// Consent as the platform keeps it with the journal: the first read after consent registers it at
// the journal and fetches the copy; withdrawal deletes the copies of the person and their children
// at once and withdraws at the journal; a lapse does the same at the first request after it.
import { describe, expect, it } from 'vitest';
import { copenhagenDate } from '../../domain/time.ts';
import { createSandbox } from '../../mock-server/index.ts';
import { consentingAdults, parentWithChild, problemOf, session } from './sandbox-people.ts';

describe('consent at the platform and the journal', () => {
  it('withdrawal deletes the copies of the person and their child and withdraws both at the journal', async () => {
    const sandbox = createSandbox({ population: { seed: 'consent-journal', patients: 120 } });
    const { store } = sandbox;
    const { tokenOf, call } = session(sandbox);
    const { parent, child } = parentWithChild(
      store,
      consentingAdults(store),
      copenhagenDate(sandbox.clock.now()),
      true,
    );
    const token = await tokenOf(parent);
    expect((await call(token, 'GET', `/patients/${parent.patient.id}/vaccinations`)).status).toBe(200);
    expect((await call(token, 'GET', `/patients/${child.patient.id}/vaccinations`)).status).toBe(200);
    expect(store.copies.has(parent.patient.id)).toBe(true);
    expect(store.copies.has(child.patient.id)).toBe(true);
    expect(store.journalConsents.get(child.patient.id)).toMatchObject({
      state: 'given',
      givenBy: { role: 'parent', name: parent.patient.name },
    });

    const res = await call(token, 'DELETE', '/me/consent');
    expect((await res.json()).state).toBe('withdrawn');
    expect(store.copies.has(parent.patient.id)).toBe(false);
    expect(store.copies.has(child.patient.id)).toBe(false);
    expect(store.journalConsents.get(parent.patient.id)?.state).toBe('withdrawn');
    expect(store.journalConsents.get(child.patient.id)?.state).toBe('withdrawn');
    expect(await problemOf(await call(token, 'GET', `/patients/${child.patient.id}/vaccinations`))).toBe(
      'consent-required',
    );
  });

  it('a lapse deletes the copy and withdraws at the journal; consent again fetches anew', async () => {
    const sandbox = createSandbox({ population: { seed: 'consent-journal', patients: 120 } });
    const { store, clock } = sandbox;
    const { tokenOf, call } = session(sandbox);
    const [adult] = consentingAdults(store);
    if (!adult) throw new Error('no consenting adult');
    const id = adult.patient.id;
    const token = await tokenOf(adult);
    expect((await call(token, 'GET', `/patients/${id}/medication`)).status).toBe(200);
    expect(store.journalConsents.get(id)?.state).toBe('given');

    clock.advance(366 * 86_400_000);
    const later = await tokenOf(adult);
    expect(await problemOf(await call(later, 'GET', `/patients/${id}/medication`))).toBe('consent-lapsed');
    expect(store.copies.has(id)).toBe(false);
    expect(store.journalConsents.get(id)?.state).toBe('withdrawn');

    expect((await call(later, 'PUT', '/me/consent', { accepted: true })).status).toBe(200);
    expect((await call(later, 'GET', `/patients/${id}/medication`)).status).toBe(200);
    expect(store.copies.has(id)).toBe(true);
    expect(store.journalConsents.get(id)?.state).toBe('given');
  });

  it('withdrawal reaches the journal even for consent registered before the sandbox started', async () => {
    const sandbox = createSandbox({ population: { seed: 'consent-journal', patients: 120 } });
    const { tokenOf, call } = session(sandbox);
    const adult = consentingAdults(sandbox.store).find((a) => !sandbox.store.copies.has(a.patient.id));
    if (!adult) throw new Error('no consenting adult');
    expect(sandbox.store.journalConsents.get(adult.patient.id)?.state).toBe('given');
    expect((await call(await tokenOf(adult), 'DELETE', '/me/consent')).status).toBe(200);
    expect(sandbox.store.journalConsents.get(adult.patient.id)?.state).toBe('withdrawn');
  });
});
