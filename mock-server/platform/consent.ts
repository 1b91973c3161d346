/**
 * The signed-in person's consent: read, give, withdraw. One consent, the person's own, covers
 * their record and their children's. States and the 12-month retention come from domain/consent.
 */
import type { Hono } from 'hono';
import { type ConsentRecord, consentState, giveConsent, retainedUntil, withdrawConsent } from '../../domain/consent.ts';
import { signedIn } from './auth.ts';
import { deleteCopies, type PlatformDeps } from './records.ts';

/** The contract's Consent for a record at `now`. */
export function consentBody(record: ConsentRecord, now: Date) {
  const state = consentState(record, now);
  const lastUse = record.lastActivityAt ?? record.givenAt;
  return {
    state,
    givenAt: record.givenAt?.toISOString() ?? null,
    withdrawnAt: state === 'withdrawn' ? (record.withdrawnAt?.toISOString() ?? null) : null,
    lastActivityAt: record.lastActivityAt?.toISOString() ?? null,
    // Given: when the data will be deleted unless used; lapsed: when it was.
    retainedUntil: (state === 'given' || state === 'lapsed') && lastUse ? retainedUntil(lastUse).toISOString() : null,
  };
}

export function registerConsent(app: Hono, deps: PlatformDeps): void {
  const { store, clock } = deps;
  const update = (id: string, change: (record: ConsentRecord, now: Date) => ConsentRecord) => {
    const now = clock.now();
    const next = change(store.consents.get(id) ?? {}, now);
    store.consents.set(id, next);
    return consentBody(next, now);
  };

  app.get('/me/consent', async (c) => {
    const { patient } = await signedIn(c, deps);
    return c.json(consentBody(store.consents.get(patient.id) ?? {}, clock.now()));
  });
  app.put('/me/consent', async (c) => {
    const { patient } = await signedIn(c, deps);
    return c.json(update(patient.id, giveConsent));
  });
  app.delete('/me/consent', async (c) => {
    const person = await signedIn(c, deps);
    const before = consentState(store.consents.get(person.patient.id) ?? {}, clock.now());
    const body = update(person.patient.id, withdrawConsent);
    // Withdrawing consent in force deletes at once what it covered; otherwise nothing changes.
    if (before === 'given') await deleteCopies(deps, person, { withdrawOwn: true });
    return c.json(body);
  });
}
