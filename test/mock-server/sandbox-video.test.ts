// Video consultation through the sandbox platform and the fake journal: joining a booked video
// appointment (the clinic books it at the desk; it reaches the app through the change feed), the
// same session with a fresh URL on a second call; refused for an appointment that is not video,
// cancelled, ended or unknown, for a parent (not-available-for-child), without consent, and where
// the clinic does not offer video (not-offered-by-clinic).
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../mock-server/index.ts';
import { bookAsClinic } from '../../mock-server/journal/clinic-side.ts';
import { FEED_PULL_INTERVAL_MS } from '../../mock-server/platform/changes.ts';
import { consentingAdults, parentWithChild, problemOf, session } from './sandbox-people.ts';

describe('video consultation (clinic offers video)', () => {
  // video-0: video consultation and online booking offered.
  const sandbox = createSandbox({ population: { seed: 'video-0', patients: 120 } });
  const { store, clock } = sandbox;
  const { today, tokenOf, call } = session(sandbox);
  const adults = consentingAdults(store);
  const me = adults[0];
  if (!me) throw new Error('no consenting adult');
  const path = `/patients/${me.patient.id}/video-consultations`;
  const book = (kind: 'video' | 'in-person', startsInMinutes = 60) => {
    const start = clock.now().getTime() + startsInMinutes * 60_000;
    return bookAsClinic(sandbox, me.patient.id, {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 15 * 60_000).toISOString(),
      kind,
      practitioner: 'Læge Anne Holm',
    });
  };
  /** Lets the platform's next request read the clinic's feed. */
  const feedDue = () => clock.advance(FEED_PULL_INTERVAL_MS);

  it('joins a booked video appointment: one session, a fresh URL each time', async () => {
    expect(store.clinics.get(me.clinicId)?.capabilities.videoConsultation).toBe(true);
    const token = await tokenOf(me);
    await call(token, 'GET', `/patients/${me.patient.id}/appointments`); // the copy exists before the booking
    const appointment = book('video');
    feedDue();
    const first = await call(token, 'POST', path, { appointmentId: appointment.id });
    expect(first.status).toBe(201);
    const session1 = await first.json();
    expect(session1).toMatchObject({ patientId: me.patient.id, appointmentId: appointment.id });
    expect(session1.id).toMatch(/^vid_/);
    expect(Date.parse(session1.expiresAt)).toBeGreaterThan(clock.now().getTime());
    const second = await (await call(token, 'POST', path, { appointmentId: appointment.id })).json();
    expect(second.id).toBe(session1.id);
    expect(second.joinUrl).not.toBe(session1.joinUrl);
  });

  it('books a video slot in the app and joins it; the morning hour is telephone time', async () => {
    const other = adults[1];
    if (!other) throw new Error('need a second consenting adult');
    const token = await tokenOf(other);
    const slots = (await (await call(token, 'GET', `/patients/${other.patient.id}/booking-slots`)).json()).items as {
      id: string;
      startsAt: string;
      kind: string;
    }[];
    const kinds = new Set(slots.map((s) => s.kind));
    expect(kinds).toEqual(new Set(['in-person', 'phone', 'video']));
    for (const slot of slots) {
      const minute = new Date(slot.startsAt).getUTCMinutes();
      if (slot.kind === 'video') expect(minute).toBe(45);
    }
    const video = slots.find((s) => s.kind === 'video');
    const booked = await call(token, 'POST', `/patients/${other.patient.id}/appointments`, { slotId: video?.id });
    expect(booked.status).toBe(201);
    const appointment = await booked.json();
    expect(appointment.kind).toBe('video');
    const joined = await call(token, 'POST', `/patients/${other.patient.id}/video-consultations`, {
      appointmentId: appointment.id,
    });
    expect(joined.status).toBe(201);
  });

  it('refuses an appointment that is not video, is cancelled, has ended or is unknown', async () => {
    const token = await tokenOf(me);
    const inPerson = book('in-person');
    const cancelled = book('video', 24 * 60);
    const ending = book('video', 10);
    feedDue();
    const cancel = await call(token, 'POST', `/patients/${me.patient.id}/appointments/${cancelled.id}/cancel`);
    expect(cancel.status).toBe(200);
    for (const [appointment, message] of [
      [inPerson, 'is not a video appointment'],
      [cancelled, 'is cancelled'],
    ] as const) {
      const res = await call(token, 'POST', path, { appointmentId: appointment.id });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ errors: [{ pointer: '/body/appointmentId', message }] });
    }
    expect((await call(token, 'POST', path, { appointmentId: ending.id })).status).toBe(201);
    clock.advance(30 * 60_000); // the appointment ends (and the access token expires)
    const later = await tokenOf(me);
    const ended = await call(later, 'POST', path, { appointmentId: ending.id });
    expect(ended.status).toBe(400);
    expect(await ended.json()).toMatchObject({ errors: [{ message: 'has ended' }] });
    const unknown = await call(later, 'POST', path, { appointmentId: 'apt_unknown0001' });
    expect(unknown.status).toBe(404);
    expect(await problemOf(unknown)).toBe('not-found');
    const malformed = await call(later, 'POST', path, { appointmentId: 'not-an-id' });
    expect(await problemOf(malformed)).toBe('validation-failed');
  });

  it("refuses a parent for a child's video consultation, and a person without consent", async () => {
    const { parent, child } = parentWithChild(store, adults, today, true);
    const res = await call(await tokenOf(parent), 'POST', `/patients/${child.patient.id}/video-consultations`, {
      appointmentId: child.journal.appointments[0]?.id ?? 'apt_unknown0001',
    });
    expect(res.status).toBe(403);
    expect(await problemOf(res)).toBe('not-available-for-child');

    const neverGiven = [...store.personas.values()]
      .map((p) => p.patient)
      .find((p) => p.consent.state === 'never-given' && p.expected.app.self !== null);
    if (!neverGiven) throw new Error('no never-consenting adult');
    const noConsent = await call(
      await tokenOf(neverGiven),
      'POST',
      `/patients/${neverGiven.patient.id}/video-consultations`,
      {
        appointmentId: 'apt_unknown0001',
      },
    );
    expect(noConsent.status).toBe(403);
    expect(await problemOf(noConsent)).toBe('consent-required');
  });
});

describe('video consultation (clinic without video)', () => {
  // eco-0: no video consultation.
  const sandbox = createSandbox({ population: { seed: 'eco-0', patients: 120 } });
  const { tokenOf, call } = session(sandbox);
  const me = consentingAdults(sandbox.store)[0];
  if (!me) throw new Error('no consenting adult');

  it('answers not-offered-by-clinic naming the capability', async () => {
    expect(sandbox.store.clinics.get(me.clinicId)?.capabilities.videoConsultation).toBe(false);
    const res = await call(await tokenOf(me), 'POST', `/patients/${me.patient.id}/video-consultations`, {
      appointmentId: me.journal.appointments[0]?.id ?? 'apt_unknown0001',
    });
    expect(res.status).toBe(409);
    const body = await res.clone().json();
    expect(await problemOf(res)).toBe('not-offered-by-clinic');
    expect(body.capability).toBe('videoConsultation');
  });
});
