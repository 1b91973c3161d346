/**
 * The fake journal's booking: free slots of 15 minutes within the clinic's typed-in hours on the
 * days asked for (domain/opening-hours.ts decides when the clinic is open), booking that takes a
 * slot atomically (a taken slot answers slot-taken, so of any number of simultaneous bookings
 * exactly one wins), and cancelling a booked appointment that has not begun. Both go to the
 * change feed.
 */

import type { Hono } from 'hono';
import { isSlotWindow } from '../../domain/booking.ts';
import { isClinicOpen } from '../../domain/opening-hours.ts';
import { addDays, copenhagenInstant, daysBetween, formatDate, type IsoDate } from '../../domain/time.ts';
import type { JournalClinic } from '../../generators/context.ts';
import type { PatientLine } from '../../generators/population.ts';
import { SandboxError, slotWindowError } from '../errors.ts';
import { appendChange } from './changes.ts';
import type { Actor, JournalDeps } from './deps.ts';

const SLOT_MINUTES = 15;

/** A slot's id carries its start: slt_ + YYYYMMDDHHmm in Copenhagen time. */
function slotId(date: IsoDate, hour: number, minute: number): string {
  return `slt_${date.replaceAll('-', '')}${String(hour).padStart(2, '0')}${String(minute).padStart(2, '0')}`;
}

function slotStart(id: string): Date | undefined {
  const m = /^slt_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(id);
  if (!m) return undefined;
  try {
    return copenhagenInstant(formatDate(Number(m[1]), Number(m[2]), Number(m[3])), Number(m[4]), Number(m[5]));
  } catch {
    return undefined;
  }
}

/** Whether a slot starting at `start` lies wholly within the clinic's hours. */
function withinHours(clinic: JournalClinic, start: Date): boolean {
  const lastMinute = new Date(start.getTime() + (SLOT_MINUTES - 1) * 60_000);
  return isClinicOpen(clinic.openingHours, start) && isClinicOpen(clinic.openingHours, lastMinute);
}

export function registerBooking(app: Hono, deps: JournalDeps): void {
  const { store, clock, clinicId } = deps;
  const taken = () => {
    let set = store.takenSlots.get(clinicId);
    if (!set) {
      set = new Set();
      store.takenSlots.set(clinicId, set);
    }
    return set;
  };
  const requireBooking = () => {
    if (!deps.clinic().capabilities.onlineBooking) {
      throw new SandboxError('not-offered-by-clinic', 'The clinic does not offer online booking.', {
        capability: 'onlineBooking',
      });
    }
  };

  // The clinic's doctors take the slots of the day in turn.
  const practitionerOf = (minutes: number) => {
    const doctors = store.clinicDoctors.get(clinicId) ?? [];
    return doctors[Math.floor(minutes / SLOT_MINUTES) % Math.max(1, doctors.length)] ?? deps.clinic().name;
  };

  // What a slot is for, as Danish clinics lay out the day: the morning hour 8–9 is telephone time,
  // and where the clinic offers video the last slot of every hour is a video consultation.
  const kindOf = (minutes: number): 'in-person' | 'phone' | 'video' => {
    if (minutes >= 8 * 60 && minutes < 9 * 60) return 'phone';
    if (deps.clinic().capabilities.videoConsultation && minutes % 60 === 60 - SLOT_MINUTES) return 'video';
    return 'in-person';
  };

  // The appointment of a slot and a patient; booking the same slot again after cancelling it
  // gets a new id (…2, …3), so every appointment has its own and each can be cancelled.
  const appointmentId = (line: PatientLine, slot: string) => {
    const base = `apt_${slot.slice(4)}${line.patient.id.slice(4)}`;
    const used = new Set(line.journal.appointments.map((a) => a.id));
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}${n}`;
    return id;
  };

  app.get('/slots', (c) => {
    requireBooking();
    const { from, to } = c.get('request').query as { from: IsoDate; to: IsoDate };
    if (!isSlotWindow(from, to)) throw slotWindowError();
    const days = daysBetween(from, to);
    const now = clock.now().getTime();
    const items = [];
    for (let d = 0; d <= days; d++) {
      const date = addDays(from, d);
      for (let minutes = 7 * 60; minutes < 19 * 60; minutes += SLOT_MINUTES) {
        const start = copenhagenInstant(date, Math.floor(minutes / 60), minutes % 60);
        const id = slotId(date, Math.floor(minutes / 60), minutes % 60);
        if (start.getTime() <= now || taken().has(id) || !withinHours(deps.clinic(), start)) continue;
        items.push({
          id,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + SLOT_MINUTES * 60_000).toISOString(),
          kind: kindOf(minutes),
          practitioner: practitionerOf(minutes),
        });
      }
    }
    return c.json({ from, to, items });
  });

  app.post('/patients/:patientId/appointments', (c) => {
    const line = deps.patientOf(c);
    deps.requireConsent(line);
    requireBooking();
    const {
      slotId: id,
      bookedBy,
      reason,
    } = c.get('request').body as { slotId: string; bookedBy: Actor; reason?: string };
    const name = deps.actorName(line, bookedBy);
    const start = slotStart(id);
    if (!start || start.getTime() <= clock.now().getTime() || !withinHours(deps.clinic(), start)) {
      throw new SandboxError('not-found', 'No such free slot; list the slots again.');
    }
    // Check and take in one step: nothing awaits in between, so simultaneous bookings cannot both win.
    if (taken().has(id)) throw new SandboxError('slot-taken', 'Someone else booked this slot; choose another.');
    taken().add(id);
    const minutes = Number(id.slice(12, 14)) * 60 + Number(id.slice(14, 16));
    const appointment = {
      id: appointmentId(line, id),
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + SLOT_MINUTES * 60_000).toISOString(),
      kind: kindOf(minutes),
      status: 'booked' as const,
      practitioner: practitionerOf(minutes) as string | null,
      reason: reason ?? null,
      bookedBy: { role: bookedBy.role, name },
      cancelledAt: null,
    };
    line.journal.appointments.push(appointment);
    appendChange(store, clock.now(), clinicId, line.patient.id, {
      category: 'appointment',
      kind: 'upserted',
      itemId: appointment.id,
      item: appointment,
    });
    return c.json(appointment, 201);
  });

  app.post('/patients/:patientId/appointments/:appointmentId/cancel', (c) => {
    const line = deps.patientOf(c);
    deps.requireConsent(line);
    const { cancelledBy } = c.get('request').body as { cancelledBy: Actor };
    deps.actorName(line, cancelledBy);
    const appointment = line.journal.appointments.find((a) => a.id === c.req.param('appointmentId'));
    if (!appointment) throw new SandboxError('not-found', 'No such appointment for this patient.');
    const now = clock.now();
    if (appointment.status !== 'booked' || Date.parse(appointment.startsAt) <= now.getTime()) {
      throw new SandboxError('not-cancellable', 'Only a booked appointment that has not begun can be cancelled.');
    }
    appointment.status = 'cancelled';
    appointment.cancelledAt = now.toISOString();
    // A booked slot's appointment id begins with the slot's start: the slot is free again.
    taken().delete(`slt_${appointment.id.slice(4, 16)}`);
    appendChange(store, now, clinicId, line.patient.id, {
      category: 'appointment',
      kind: 'upserted',
      itemId: appointment.id,
      item: appointment,
    });
    return c.json(appointment);
  });
}
