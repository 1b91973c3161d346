/**
 * A child's vaccination programme as the encounter generators read it: domain/vaccination.ts's
 * `dosesDue` for the patient, with each due date as a day number. Appointments (the vaccination
 * visits) and vaccinations (the doses given) both need it, so `generateJournal` makes one source
 * per patient and hands it to both; the source asks the domain once, and only if a generator
 * reads it (most patients are adults, for whom neither does).
 */
import type { Sex } from '../../domain/cpr.ts';
import type { IsoDate } from '../../domain/time.ts';
import { type DueDose, dosesDue } from '../../domain/vaccination.ts';
import { type DayNumber, isoToDay } from '../day-calendar.ts';

/** A programme dose and the day it is due. */
export interface ScheduledDose {
  readonly dose: DueDose;
  readonly dueDay: DayNumber;
}

/** The whole programme of one child, in due order (all doses, due or not by the reference date). */
export type ProgrammeSource = () => readonly ScheduledDose[];

/** A source of the child's programme that asks domain/vaccination.ts at most once. */
export function programmeSource(patient: { readonly birthDate: IsoDate; readonly sex: Sex }): ProgrammeSource {
  let doses: readonly ScheduledDose[] | undefined;
  return () => {
    doses ??= Object.freeze(
      dosesDue(patient.birthDate, patient.sex).map((dose) => Object.freeze({ dose, dueDay: isoToDay(dose.dueDate) })),
    );
    return doses;
  };
}
