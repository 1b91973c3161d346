/**
 * Online booking for the person or a child: free slots, booking and cancelling, all live through
 * the clinic's journal (a taken slot is slot-taken there), and only where the clinic offers online
 * booking (not-offered-by-clinic). The platform's copy is updated with the journal's answer, so
 * the appointment list shows the change at once.
 */
import type { Hono } from 'hono';
import { isSlotWindow } from '../../domain/booking.ts';
import { addDays, copenhagenDate } from '../../domain/time.ts';
import { SandboxError, slotWindowError } from '../errors.ts';
import { journalFor, pullAfterWrite } from './changes.ts';
import { access, type PlatformDeps, toAppAppointment } from './records.ts';

type Copy = Awaited<ReturnType<typeof access>>['copy'];

/** Puts the journal's answer into the copy, replacing the appointment if the feed brought it first. */
function upsertAppointment(copy: Copy, appointment: Copy['appointments'][number]): void {
  const index = copy.appointments.findIndex((a) => a.id === appointment.id);
  if (index < 0) copy.appointments.push(appointment);
  else copy.appointments[index] = appointment;
}

export function registerBooking(app: Hono, deps: PlatformDeps): void {
  const requireBooking = (clinicId: string) => {
    if (!deps.store.clinics.get(clinicId)?.capabilities.onlineBooking) {
      throw new SandboxError('not-offered-by-clinic', 'The clinic does not offer online booking.', {
        capability: 'onlineBooking',
      });
    }
  };

  app.get('/patients/:patientId/booking-slots', async (c) => {
    const { subject } = await access(c, deps, 'booking');
    requireBooking(subject.clinicId);
    const query = c.get('request').query as { from?: string; to?: string };
    const from = query.from ?? copenhagenDate(deps.clock.now());
    const to = query.to ?? addDays(from, 13);
    // Refused here, as the contract says, not passed on for the journal to refuse.
    if (!isSlotWindow(from, to)) throw slotWindowError();
    const slots = await journalFor(deps, subject.clinicId).listSlots(from, to);
    return c.json({ items: slots.items });
  });

  app.post('/patients/:patientId/appointments', async (c) => {
    const { viewer, subject, copy } = await access(c, deps, 'booking');
    requireBooking(subject.clinicId);
    const { slotId } = c.get('request').body as { slotId: string };
    const appointment = await journalFor(deps, subject.clinicId).book(copy.patientId, {
      slotId,
      bookedBy: { role: viewer === subject ? 'patient' : 'parent', cpr: viewer.patient.cpr },
    });
    upsertAppointment(copy, appointment);
    await pullAfterWrite(deps, subject.clinicId);
    return c.json(toAppAppointment(appointment, subject.patient.id, true, deps.clock.now().getTime()), 201);
  });

  app.post('/patients/:patientId/appointments/:appointmentId/cancel', async (c) => {
    const { viewer, subject, copy } = await access(c, deps, 'appointments');
    requireBooking(subject.clinicId);
    const cancelled = await journalFor(deps, subject.clinicId).cancel(
      copy.patientId,
      c.req.param('appointmentId') ?? '',
      { cancelledBy: { role: viewer === subject ? 'patient' : 'parent', cpr: viewer.patient.cpr } },
    );
    upsertAppointment(copy, cancelled);
    await pullAfterWrite(deps, subject.clinicId);
    return c.json(toAppAppointment(cancelled, subject.patient.id, true, deps.clock.now().getTime()));
  });
}
