// The clinic and out-of-hours operations: answered from the clinic's typed-in hours at sandbox
// time and the patient's region, for the person or their child, never for a stranger.
import { describe, expect, it } from 'vitest';
import { isClinicOpen, nextOpening } from '../../domain/opening-hours.ts';
import { outOfHoursFor, regionOfPostalCode } from '../../domain/regions.ts';
import { createSandbox } from '../../mock-server/index.ts';

describe('clinic and out-of-hours', () => {
  const sandbox = createSandbox({ population: { seed: 'clinic-test', patients: 80 } });
  const { app, store, clock } = sandbox;
  const parent = [...store.personas.values()].find(
    (p) => p.patient.expected.app.self && p.patient.expected.app.self !== null && p.patient.patient.children.length > 0,
  );
  if (!parent) throw new Error('no parent persona');
  const signIn = async (handle: string) =>
    (
      await (
        await app.request('/auth/sign-in/eid', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ persona: handle }),
        })
      ).json()
    ).accessToken as string;
  const get = async (token: string, path: string) =>
    app.request(path, { headers: { authorization: `Bearer ${token}` } });

  it('shows the clinic with its hours, capabilities and connection', async () => {
    const token = await signIn(parent.handle);
    const res = await get(token, `/patients/${parent.patient.patient.id}/clinic`);
    expect(res.status).toBe(200);
    const clinic = store.clinics.get(parent.patient.clinicId);
    expect(await res.json()).toMatchObject({ id: clinic?.id, openingHours: clinic?.openingHours, connected: true });
  });

  it("answers out-of-hours from the clinic's hours at sandbox time and the patient's region", async () => {
    const clinic = store.clinics.get(parent.patient.clinicId);
    if (!clinic) throw new Error('no clinic');
    const postal = parent.patient.patient.address?.postalCode ?? '';
    for (const instant of ['2026-01-15T11:00:00Z', '2026-01-17T11:00:00Z', '2026-01-15T20:00:00Z']) {
      clock.set(new Date(instant));
      // Tokens follow sandbox time too: sign in again after moving the clock.
      const fresh = await signIn(parent.handle);
      const res = await get(fresh, `/patients/${parent.patient.patient.id}/out-of-hours`);
      expect(res.status).toBe(200);
      const body = await res.json();
      const now = new Date(instant);
      expect(body.region).toBe(regionOfPostalCode(postal));
      expect(body.phone).toBe(outOfHoursFor(postal)?.phone.display);
      expect(body.clinicOpenNow).toBe(isClinicOpen(clinic.openingHours, now));
      expect(body.clinicNextOpensAt).toBe(
        body.clinicOpenNow ? null : (nextOpening(clinic.openingHours, now)?.toISOString() ?? null),
      );
    }
    clock.set(new Date('2026-01-15T11:00:00Z'));
  });

  it('answers for a child the person may act for, and refuses a stranger', async () => {
    const token = await signIn(parent.handle);
    const child = parent.patient.patient.children.find(
      (c) => c.patientId && store.patients.get(c.patientId)?.expected.app.self === null,
    );
    if (child?.patientId) expect((await get(token, `/patients/${child.patientId}/clinic`)).status).toBe(200);
    const stranger = [...store.patients.values()].find(
      (p) =>
        p.patient.id !== parent.patient.patient.id &&
        !parent.patient.patient.children.some((c) => c.patientId === p.patient.id),
    );
    const res = await get(token, `/patients/${stranger?.patient.id}/out-of-hours`);
    expect(res.status).toBe(403);
  });
});
