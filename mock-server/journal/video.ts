/**
 * The fake journal's video consultation: a session for a booked video appointment of the patient
 * that has not ended, where the clinic offers video consultation (not-offered-by-clinic
 * otherwise). One session per appointment: asking again gives the same session with a fresh join
 * URL, valid for an hour and at most until 15 minutes after the appointment ends.
 */
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { components } from '../../contracts/types/platform-journal.d.ts';
import { SandboxError } from '../errors.ts';
import type { JournalDeps } from './deps.ts';
import { journalState, newId } from './state.ts';

const URL_VALID_MS = 60 * 60_000;
const GRACE_AFTER_END_MS = 15 * 60_000;

export function registerVideo(app: Hono, deps: JournalDeps): void {
  const { store, clock, clinicId } = deps;

  app.post('/patients/:patientId/video-sessions', (c) => {
    const line = deps.patientOf(c);
    deps.requireConsent(line);
    const { requestedBy, appointmentId } = c.get('request').body as components['schemas']['VideoSessionRequest'];
    deps.actorName(line, requestedBy);
    if (!deps.clinic().capabilities.videoConsultation) {
      throw new SandboxError('not-offered-by-clinic', 'The clinic does not offer video consultation.', {
        capability: 'videoConsultation',
      });
    }
    const appointment = line.journal.appointments.find((a) => a.id === appointmentId);
    if (!appointment) throw new SandboxError('not-found', 'No such appointment for this patient.');
    const now = clock.now();
    const ends = Date.parse(appointment.endsAt);
    if (appointment.kind !== 'video' || appointment.status !== 'booked' || ends <= now.getTime()) {
      throw new SandboxError(
        'validation-failed',
        'Only a booked video appointment that has not ended has a video session.',
        {
          errors: [{ pointer: '/body/appointmentId', message: 'is not a booked video appointment that has not ended' }],
        },
      );
    }
    const state = journalState(store, clinicId);
    let session = state.videoSessions.get(appointmentId);
    if (!session) {
      session = {
        id: newId(state, 'vid', line.patient.id),
        patientId: line.patient.id,
        appointmentId,
        createdAt: now.toISOString(),
      };
      state.videoSessions.set(appointmentId, session);
    }
    const expiresAt = new Date(Math.min(now.getTime() + URL_VALID_MS, ends + GRACE_AFTER_END_MS));
    return c.json(
      {
        ...session,
        joinUrl: `https://video.sandbox.example/rooms/${session.id}?t=${randomBytes(12).toString('hex')}`,
        expiresAt: expiresAt.toISOString(),
      },
      201,
    );
  });
}
