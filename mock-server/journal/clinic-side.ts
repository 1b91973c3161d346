/**
 * Writes in a journal as the clinic makes them, outside the platform interface: the doctor answers
 * an e-consultation, a lab result is filed, an appointment is booked at the desk. Tests use them
 * now, the control API and scenario timelines later. Each goes to the clinic's change feed like
 * any other journal write, which is how it reaches the platform's copy.
 *
 * @example replyAsClinic({ store, clock }, patientId, threadId, { body: 'Kom ind i morgen kl. 9.' })
 */
import type { components } from '../../contracts/types/platform-journal.d.ts';
import type { PatientLine } from '../../generators/population.ts';
import type { SandboxClock } from '../clock.ts';
import { SandboxError } from '../errors.ts';
import type { SandboxStore } from '../store.ts';
import { appendChange } from './changes.ts';
import { addMessage } from './e-consultations.ts';
import { journalState, newId } from './state.ts';

type Schemas = components['schemas'];

/** The journal a clinic-side write goes to: the sandbox's store and clock. */
export interface ClinicJournal {
  store: SandboxStore;
  clock: SandboxClock;
}

function patient(journal: ClinicJournal, patientId: string): PatientLine {
  const line = journal.store.patients.get(patientId);
  if (!line) throw new SandboxError('not-found', `No patient ${patientId} in the sandbox.`);
  return line;
}

/** The clinic's name for a write without a named doctor. */
function clinicName(journal: ClinicJournal, line: PatientLine): string {
  return journal.store.clinics.get(line.clinicId)?.name ?? 'Klinikken';
}

/** The doctor answers a thread (by default in the clinic's name); the thread becomes `answered`. */
export function replyAsClinic(
  journal: ClinicJournal,
  patientId: string,
  eConsultationId: string,
  reply: { body: string; author?: string },
): Schemas['EConsultation'] {
  const line = patient(journal, patientId);
  const thread = line.journal.eConsultations.find((t) => t.id === eConsultationId);
  if (!thread) throw new SandboxError('not-found', `No e-consultation ${eConsultationId} of patient ${patientId}.`);
  addMessage(journal, line, thread, {
    id: newId(journalState(journal.store, line.clinicId), 'msg', patientId),
    author: { role: 'clinic', name: reply.author ?? clinicName(journal, line) },
    body: reply.body,
    sentAt: journal.clock.now().toISOString(),
    attachments: [],
  });
  return thread;
}

/** A lab result is filed in the patient's journal (with the id given, or a new one). */
export function fileLabResult(
  journal: ClinicJournal,
  patientId: string,
  result: Omit<Schemas['LabResult'], 'id'>,
  options: { id?: string } = {},
): Schemas['LabResult'] {
  const line = patient(journal, patientId);
  const filed = { id: options.id ?? newId(journalState(journal.store, line.clinicId), 'lab', patientId), ...result };
  line.journal.labResults.push(filed);
  appendChange(journal.store, journal.clock.now(), line.clinicId, patientId, {
    category: 'lab-result',
    kind: 'upserted',
    itemId: filed.id,
    item: filed,
  });
  return filed;
}

/** The clinic books an appointment for the patient at the desk (booked by the clinic). */
export function bookAsClinic(
  journal: ClinicJournal,
  patientId: string,
  appointment: Pick<Schemas['Appointment'], 'startsAt' | 'endsAt' | 'kind'> &
    Partial<Pick<Schemas['Appointment'], 'practitioner' | 'reason'>>,
): Schemas['Appointment'] {
  const line = patient(journal, patientId);
  const booked: Schemas['Appointment'] = {
    id: newId(journalState(journal.store, line.clinicId), 'apt', patientId),
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    kind: appointment.kind,
    status: 'booked',
    practitioner: appointment.practitioner ?? null,
    reason: appointment.reason ?? null,
    bookedBy: { role: 'clinic', name: clinicName(journal, line) },
    cancelledAt: null,
  };
  line.journal.appointments.push(booked);
  appendChange(journal.store, journal.clock.now(), line.clinicId, patientId, {
    category: 'appointment',
    kind: 'upserted',
    itemId: booked.id,
    item: booked,
  });
  return booked;
}

/**
 * The clinic types in a holiday with its substitute (opening hours are typed in, not part of the
 * record): the app's clinic and out-of-hours answers show it from the next request.
 */
export function addClinicHoliday(journal: ClinicJournal, clinicId: string, holiday: Schemas['Holiday']): void {
  const clinic = journal.store.clinics.get(clinicId);
  if (!clinic) throw new SandboxError('not-found', `No clinic ${clinicId} in the sandbox.`);
  clinic.openingHours.holidays = [...clinic.openingHours.holidays, holiday].sort((a, b) =>
    a.from < b.from ? -1 : a.from > b.from ? 1 : 0,
  );
}
