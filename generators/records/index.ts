/**
 * One patient's whole journal: each category drawn from its own fork of the patient's generator
 * (and Faker re-seeded from it), so adding items to one category never shifts another's.
 */
import type { JournalContent, RecordContext } from '../context.ts';
import type { Rng } from '../rng.ts';
import { generateAppointments } from './appointments.ts';
import { chronicConditions } from './clinical-profile.ts';
import { generateDiagnoses } from './diagnoses.ts';
import { generateEConsultations } from './e-consultations.ts';
import { generateLabResults } from './lab-results.ts';
import { generateMedications } from './medications.ts';
import { generateReferrals } from './referrals.ts';
import { generateVaccinations } from './vaccinations.ts';

/** Generates every category of the journal for the patient in `context`. */
export function generateJournal(context: RecordContext, reseedFaker: (rng: Rng) => void): JournalContent {
  const forCategory = (name: string): RecordContext => {
    const rng = context.rng.fork(name);
    reseedFaker(rng.fork('faker'));
    return { ...context, rng };
  };
  const profile = chronicConditions(forCategory('profile'));
  return {
    diagnoses: generateDiagnoses(forCategory('diagnoses'), profile),
    vaccinations: generateVaccinations(forCategory('vaccinations')),
    appointments: generateAppointments(forCategory('appointments')),
    referrals: generateReferrals(forCategory('referrals'), profile),
    labResults: generateLabResults(forCategory('lab-results'), profile),
    medications: generateMedications(forCategory('medications'), profile),
    eConsultations: generateEConsultations(forCategory('e-consultations')),
  };
}
