/**
 * What a record generator is given about one patient, and the shapes it returns. Item shapes are
 * the journal contract's own (generated types), so every generated item is what a journal sends;
 * only a journal's diagnoses are wider than the contract's, since the journal holds every code and
 * the sharing rules decide which leave it.
 */

import type { Faker } from '@faker-js/faker';
import type { components } from '../contracts/types/platform-journal.d.ts';
import type { Sex } from '../domain/cpr.ts';
import type { Region } from '../domain/regions.ts';
import type { IsoDate } from '../domain/time.ts';
import type { ClinicCalendar } from './clinic-calendar.ts';
import type { Rng } from './rng.ts';

type Schemas = components['schemas'];

export type JournalClinic = Schemas['Clinic'];
export type JournalPatient = Schemas['Patient'];
export type Capabilities = Schemas['Capabilities'];
export type Vaccination = Schemas['Vaccination'];
export type Appointment = Schemas['Appointment'];
export type Referral = Schemas['Referral'];
export type LabResult = Schemas['LabResult'];
export type Medication = Schemas['Medication'];
export type EConsultation = Schemas['EConsultation'];
export type SharedDiagnosis = Schemas['Diagnosis'];
export type ShareableRecord = Schemas['ShareableRecord'];

/** A diagnosis as the journal holds it: any ICPC-2 code, shared or not. */
export interface JournalDiagnosis {
  id: string;
  /** ICPC-2 code, e.g. 'K86' (shared, rule B) or 'A04' (never shared). */
  icpcCode: string;
  /** The title as the GP registered it (Danish). */
  title: string;
  registeredAt: IsoDate;
}

/** Everything in one patient's journal, before any sharing rule is applied. */
export interface JournalContent {
  diagnoses: JournalDiagnosis[];
  vaccinations: Vaccination[];
  appointments: Appointment[];
  referrals: Referral[];
  labResults: LabResult[];
  medications: Medication[];
  eConsultations: EConsultation[];
}

/** Makes the ids of one patient's items: `ids.next('dia')` → `dia_<patient token><n>`. */
export interface IdFactory {
  next(prefix: string): string;
}

/** What a record generator knows about the patient it is generating for. */
export interface RecordContext {
  /** This category's own generator for this patient (forked by the caller). */
  rng: Rng;
  /** Faker with the Danish locale, seeded for this patient and category. */
  faker: Faker;
  /** The reference instant: 12:00 Copenhagen time on the reference date. */
  asOf: Date;
  /** The reference date (Copenhagen). */
  today: IsoDate;
  patient: {
    id: string;
    name: string;
    birthDate: IsoDate;
    sex: Sex;
    /** Whole years at the reference date. */
    ageYears: number;
    /**
     * The 15th birthday (domain/proxy.ts accessUntil): from it the patient uses the app and
     * writes and books themself; before it a parent with custody does so on their behalf.
     */
    ownAppUseFrom: IsoDate;
  };
  clinic: {
    id: string;
    name: string;
    capabilities: Capabilities;
    /** The clinic's doctors, e.g. 'Læge Anne Holm'; appointments and answers name one. */
    doctors: string[];
    /** When the clinic sees patients: appointments, samples and vaccinations there fall in it. */
    calendar: ClinicCalendar;
    /** The clinic's region: referrals go to its public hospitals. */
    region: Region;
  };
  /** Parents with custody (for a child under 15), who may write and book on the child's behalf. */
  custodians: { name: string }[];
  ids: IdFactory;
}

/**
 * The patient's own doctor at the clinic (egen læge in a group practice), drawn once per patient
 * from its own fork of the patient's generator, so that appointments, vaccinations and answers
 * name the same doctor; null when the clinic names no doctors.
 */
export function ownDoctorOf(ctx: Pick<RecordContext, 'rng' | 'clinic'>): string | null {
  const doctors = ctx.clinic.doctors;
  return doctors.length > 0 ? ctx.rng.fork('own-doctor').pick(doctors) : null;
}
