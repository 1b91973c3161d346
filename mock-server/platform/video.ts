/**
 * Video consultation: a join URL for a booked video appointment of the signed-in person that has
 * not ended, where the clinic offers video consultation (not-offered-by-clinic otherwise). The
 * first call starts the session in the journal; later calls join the same session (same id) with
 * a fresh URL. Video is not among what a parent does for a child (domain/proxy.ts), so a parent
 * gets not-available-for-child. An unknown appointment is not-found; one that is not video, is
 * cancelled or has ended is validation-failed.
 */
import type { Hono } from 'hono';
import { SandboxError, ValidationError } from '../errors.ts';
import { journalFor } from './changes.ts';
import { access, type PlatformDeps } from './records.ts';

export function registerVideo(app: Hono, deps: PlatformDeps): void {
  app.post('/patients/:patientId/video-consultations', async (c) => {
    const { viewer, subject, copy } = await access(c, deps, 'video-consultation');
    if (!deps.store.clinics.get(subject.clinicId)?.capabilities.videoConsultation) {
      throw new SandboxError('not-offered-by-clinic', 'The clinic does not offer video consultation.', {
        capability: 'videoConsultation',
      });
    }
    const { appointmentId } = c.get('request').body as { appointmentId: string };
    const appointment = copy.appointments.find((a) => a.id === appointmentId);
    if (!appointment) throw new SandboxError('not-found', 'No such appointment for this patient.');
    const refusal =
      appointment.kind !== 'video'
        ? 'is not a video appointment'
        : appointment.status === 'cancelled'
          ? 'is cancelled'
          : appointment.status !== 'booked' || Date.parse(appointment.endsAt) <= deps.clock.now().getTime()
            ? 'has ended'
            : undefined;
    if (refusal) {
      throw new ValidationError(
        `Appointment ${appointmentId} ${refusal}; only a booked video appointment that has not ended can be joined.`,
        [{ pointer: '/body/appointmentId', message: refusal }],
      );
    }
    const session = await journalFor(deps, subject.clinicId).createVideoSession(copy.patientId, {
      requestedBy: { role: 'patient', cpr: viewer.patient.cpr },
      appointmentId,
    });
    // The app joins the session it started, whatever id the journal gives a later request.
    const key = `${subject.patient.id} ${appointmentId}`;
    const id = deps.store.videoSessionIds.get(key) ?? session.id;
    deps.store.videoSessionIds.set(key, id);
    return c.json(
      { id, patientId: subject.patient.id, appointmentId, joinUrl: session.joinUrl, expiresAt: session.expiresAt },
      201,
    );
  });
}
