// Consent as the platform keeps it with the journal: the first read after consent registers it at
// the journal and fetches the copy; withdrawal deletes the copies of the person and their children
// at once and withdraws at the journal; a lapse does the same at the first request after it.
import { describe, expect, it } from 'vitest';
import { consentState } from '../../domain/consent.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { copenhagenDate } from '../../domain/time.ts';
import { createSandbox } from '../../mock-server/index.ts';
import { consentingAdults, parentWithChild, problemOf, session } from './sandbox-people.ts';

describe('consent at the platform and the journal', () => {
  it('withdrawal deletes the copies of the person and their child and withdraws both at the journal', async () => {
    const sandbox = createSandbox({ population: { seed: 'consent-journal', patients: 120 } });
    const { store } = sandbox;
    const { tokenOf, call } = session(sandbox);
    const today = copenhagenDate(sandbox.clock.now());
    const given = (id: string | null) =>
      id !== null && consentState(store.consents.get(id) ?? {}, sandbox.clock.now()) === 'given';
    // A parent whose child no other parent with consent covers.
    const { parent, child } = parentWithChild(
      store,
      consentingAdults(store).filter((p) =>
        p.patient.children.some((l) => {
          const c = l.patientId ? store.patients.get(l.patientId) : undefined;
          return (
            c &&
            today < accessUntil(c.patient.birthDate) &&
            c.patient.custodians.every((k) => k.patientId === p.patient.id || !given(k.patientId))
          );
        }),
      ),
      today,
      true,
    );
    expect(child.patient.custodians.every((k) => k.patientId === parent.patient.id || !given(k.patientId))).toBe(true);
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

  it("keeps a child's copy another parent's consent still covers, and a 15-year-old's own", async () => {
    const sandbox = createSandbox({ population: { seed: 'consent-journal', patients: 160 } });
    const { store, clock } = sandbox;
    const { tokenOf, call } = session(sandbox);
    const now = clock.now();
    const today = copenhagenDate(now);
    const given = (id: string | null) => id !== null && consentState(store.consents.get(id) ?? {}, now) === 'given';
    // Two parents with custody and consent, and their child under 15.
    const child = [...store.patients.values()].find(
      (c) =>
        today < accessUntil(c.patient.birthDate) && c.patient.custodians.filter((k) => given(k.patientId)).length >= 2,
    );
    if (!child) throw new Error('no child with two consenting custodians');
    const [first, second] = child.patient.custodians.filter((k) => given(k.patientId));
    const one = store.patients.get(first?.patientId ?? '');
    const other = store.patients.get(second?.patientId ?? '');
    if (!one || !other) throw new Error('custodians not in the store');
    const token = await tokenOf(one);
    expect((await call(token, 'GET', `/patients/${child.patient.id}/vaccinations`)).status).toBe(200);
    expect((await call(await tokenOf(other), 'DELETE', '/me/consent')).status).toBe(200);
    expect(store.copies.has(child.patient.id)).toBe(true); // still covered by the first parent
    expect(store.journalConsents.get(child.patient.id)?.state).toBe('given');
    expect((await call(token, 'DELETE', '/me/consent')).status).toBe(200);
    expect(store.copies.has(child.patient.id)).toBe(false); // now no one's consent covers it
    expect(store.journalConsents.get(child.patient.id)?.state).toBe('withdrawn');

    // A teenager with their own consent: a parent's withdrawal leaves their copy alone.
    const teen = [...store.patients.values()].find(
      (c) => today >= accessUntil(c.patient.birthDate) && c.patient.custodians.length > 0 && given(c.patient.id),
    );
    if (!teen) throw new Error('no teenager with own consent');
    expect((await call(await tokenOf(teen), 'GET', `/patients/${teen.patient.id}/vaccinations`)).status).toBe(200);
    const parent = store.patients.get(teen.patient.custodians.find((k) => given(k.patientId))?.patientId ?? '');
    if (parent) expect((await call(await tokenOf(parent), 'DELETE', '/me/consent')).status).toBe(200);
    expect(store.copies.has(teen.patient.id)).toBe(true);
    expect(store.journalConsents.get(teen.patient.id)?.state).toBe('given');
  });

  it('withdrawing when consent is not given changes nothing', async () => {
    const sandbox = createSandbox({ population: { seed: 'consent-journal', patients: 120 } });
    const { store } = sandbox;
    const { tokenOf, call } = session(sandbox);
    const never = [...store.personas.values()].find(
      (p) => p.patient.expected.app.self !== null && p.patient.consent.state === 'never-given',
    );
    if (!never) throw new Error('no adult who never consented');
    const copies = new Set(store.copies.keys());
    const res = await call(await tokenOf(never.patient), 'DELETE', '/me/consent');
    expect((await res.json()).state).toBe('never-given');
    expect(new Set(store.copies.keys())).toEqual(copies);
  });
});
