// The fake journal, in process: the platform's token is required, extracts need consent, the
// shareable record filters diagnoses by the sharing table exactly as the generators expect, and a
// clinic that objected answers clinic-not-connected.
import { describe, expect, it } from 'vitest';
import { problemTypeUri } from '../../domain/problem-types.ts';
import type { ItemIds } from '../../generators/expected-view.ts';
import { createClock } from '../../mock-server/clock.ts';
import { createFakeJournal } from '../../mock-server/journal/index.ts';
import { createStore } from '../../mock-server/store.ts';

const TOKEN = 'platform-token-for-tests';

function journal(seed: string) {
  const store = createStore({ seed, asOf: '2026-01-15', patients: 120 });
  const clinicId = [...store.clinics.keys()][0] as string;
  const clock = createClock(new Date('2026-01-15T11:00:00Z'));
  const app = createFakeJournal({ store, clock, clinicId, platformToken: TOKEN, log: () => {} });
  const call = (method: string, path: string, body?: unknown, token = TOKEN) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { store, call };
}

describe('fake journal', () => {
  const { store, call } = journal('journal-test');
  const patients = [...store.patients.values()];
  const consented = patients.find((p) => store.journalConsents.get(p.patient.id)?.state === 'given');
  const never = patients.find(
    (p) => store.journalConsents.get(p.patient.id)?.state === 'never-given' && p.expected.app.self === null,
  );
  if (!consented || !never) throw new Error('test population lacks a consented or a never-consented patient');

  it('requires the platform token', async () => {
    expect((await call('GET', '/clinic', undefined, 'wrong')).status).toBe(401);
    expect((await call('GET', '/clinic')).status).toBe(200);
  });

  it('answers a path of its contract asked with another method with 405 and Allow', async () => {
    const res = await call('PUT', `/patients/${consented.patient.id}/record`, {});
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.json()).toMatchObject({ type: problemTypeUri('method-not-allowed'), status: 405 });
    expect((await call('DELETE', '/no/such/thing')).status).toBe(404);
  });

  it('finds a patient by CPR in the body and answers demographics with custody links', async () => {
    const found = await call('POST', '/patients/lookup', { cpr: consented.patient.cpr });
    expect(await found.json()).toEqual({ patientId: consented.patient.id });
    expect((await call('POST', '/patients/lookup', { cpr: '010203-4567' })).status).toBe(404);
    expect(await (await call('GET', `/patients/${consented.patient.id}`)).json()).toEqual(consented.patient);
  });

  it('shares the record only with consent, with exactly the diagnoses the sharing table allows', async () => {
    const res = await call('GET', `/patients/${consented.patient.id}/record?asOf=2026-01-15`);
    expect(res.status).toBe(200);
    const record = await res.json();
    const expected = consented.expected.extract as ItemIds;
    expect(record.diagnoses.map((d: { id: string }) => d.id)).toEqual(expected.diagnoses);
    expect(record.labResults.map((d: { id: string }) => d.id)).toEqual(expected.labResults);
    const refused = await call('GET', `/patients/${never.patient.id}/record?asOf=2026-01-15`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).type).toBe(problemTypeUri('consent-required'));
  });

  it('registers consent from a parent with custody, refuses anyone else, and withdraws it', async () => {
    const parent = never.patient.custodians[0];
    if (!parent) throw new Error('the child has no custodian');
    const stranger = await call('PUT', `/patients/${never.patient.id}/consent`, {
      givenAt: '2026-01-15T10:00:00+01:00',
      givenBy: { role: 'parent', cpr: consented.patient.cpr === parent.cpr ? '010203-4567' : consented.patient.cpr },
    });
    expect(stranger.status).toBe(403);
    const given = await call('PUT', `/patients/${never.patient.id}/consent`, {
      givenAt: '2026-01-15T10:00:00+01:00',
      givenBy: { role: 'parent', cpr: parent.cpr },
    });
    expect(await given.json()).toMatchObject({ state: 'given', givenBy: { role: 'parent', name: parent.name } });
    expect((await call('GET', `/patients/${never.patient.id}/record?asOf=2026-01-15`)).status).toBe(200);
    expect((await (await call('DELETE', `/patients/${never.patient.id}/consent`)).json()).state).toBe('withdrawn');
    expect((await call('GET', `/patients/${never.patient.id}/record?asOf=2026-01-15`)).status).toBe(403);
  });

  it('answers clinic-not-connected for every patient operation of a clinic that objected', async () => {
    const objected = journal('objected-113');
    expect((await objected.call('GET', '/clinic')).status).toBe(200);
    const someone = [...objected.store.patients.values()][0];
    const res = await objected.call('GET', `/patients/${someone?.patient.id}`);
    expect(res.status).toBe(409);
    expect((await res.json()).type).toBe(problemTypeUri('clinic-not-connected'));
  });
});
