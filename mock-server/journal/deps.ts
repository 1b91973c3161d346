/**
 * What the fake journal's route groups share: the store and clock, the clinic this journal serves,
 * and the checks every patient operation makes (the patient exists here, consent is registered,
 * the actor is the patient or a parent with custody of a child under 15).
 */
import type { Context } from 'hono';
import type { JournalClinic } from '../../generators/context.ts';
import type { PatientLine } from '../../generators/population.ts';
import type { SandboxClock } from '../clock.ts';
import type { SandboxStore } from '../store.ts';

/** Who acts in a request body: the patient or a parent, by CPR number. */
export interface Actor {
  role: 'patient' | 'parent';
  cpr: string;
}

export interface JournalDeps {
  store: SandboxStore;
  clock: SandboxClock;
  clinicId: string;
  clinic: () => JournalClinic;
  /** The patient of the path, or not-found. */
  patientOf: (c: Context) => PatientLine;
  /** Throws unless the patient has consent registered. */
  requireConsent: (line: PatientLine) => void;
  /** The actor's name, if they are the patient or a parent with custody; else proxy-access-denied. */
  actorName: (line: PatientLine, actor: Actor) => string;
}
