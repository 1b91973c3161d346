/**
 * One patient's whole journal: each category drawn from its own fork of the patient's generator
 * (and Faker re-seeded from it), so adding items to one category never shifts another's.
 */
import type { Faker } from '@faker-js/faker';
import type { IsoDate } from '../../domain/time.ts';
import { type IdFactory, type JournalContent, ownDoctorOf, type RecordContext } from '../context.ts';
import type { Rng } from '../rng.ts';
import { generateAppointments } from './appointments.ts';
import { chronicConditions } from './clinical-profile.ts';
import { generateDiagnoses } from './diagnoses.ts';
import { generateEConsultations } from './e-consultations.ts';
import { generateLabResults } from './lab-results.ts';
import { generateMedications } from './medications.ts';
import { programmeSource } from './programme.ts';
import { generateReferrals } from './referrals.ts';
import { generateVaccinations } from './vaccinations.ts';

/** Generates every category of the journal for the patient in `context`. */
export function generateJournal(context: RecordContext, reseedFaker: (rng: Rng) => void): JournalContent {
  const forCategory = (name: string): RecordContext =>
    new CategoryContext(context, context.rng.fork(name), reseedFaker);
  const profile = chronicConditions(forCategory('profile'));
  // A child's vaccination visits are decided once: the vaccinations give the doses on their days,
  // the appointments show them. The source forks its own generator from the patient's.
  const programme = programmeSource(context);
  const ownDoctor = ownDoctorOf(context);
  // Appointments name the patient's own medicines and blood samples; e-consultations those, the
  // conditions, the check-ups among the appointments and the referrals. So the medication card and
  // lab results come first, then appointments and referrals, then e-consultations (each category
  // draws from its own generator, and ids count per kind, so the order changes nothing else).
  const labResults = generateLabResults(forCategory('lab-results'), profile);
  const medications = generateMedications(forCategory('medications'), profile);
  const chart = { medications, labResults };
  const appointments = generateAppointments(forCategory('appointments'), profile, chart, programme, ownDoctor);
  const referrals = generateReferrals(forCategory('referrals'), profile);
  return {
    diagnoses: generateDiagnoses(forCategory('diagnoses'), profile),
    vaccinations: generateVaccinations(forCategory('vaccinations'), programme, ownDoctor, appointments),
    appointments,
    referrals,
    labResults,
    medications,
    eConsultations: generateEConsultations(
      forCategory('e-consultations'),
      { medications, labResults, profile, appointments, referrals },
      ownDoctor,
    ),
  };
}

/**
 * One category's context: the patient's, with the category's own generator, and Faker re-seeded
 * from that generator when a generator first reads it. Most categories never use Faker, and
 * forking and re-seeding it for each cost more than some categories do; the seed comes from the
 * category's generator, not its current state, so it is the same whenever it is read.
 *
 * A class rather than `{ ...context, get faker() {…} }`: an object literal with an accessor is a
 * slow-mode object in V8, and the generators read their context constantly.
 */
class CategoryContext implements RecordContext {
  rng: Rng;
  asOf: Date;
  today: IsoDate;
  patient: RecordContext['patient'];
  clinic: RecordContext['clinic'];
  custodians: RecordContext['custodians'];
  ids: IdFactory;
  readonly #faker: Faker;
  readonly #reseedFaker: (rng: Rng) => void;
  #seeded = false;

  constructor(context: RecordContext, rng: Rng, reseedFaker: (rng: Rng) => void) {
    this.rng = rng;
    this.asOf = context.asOf;
    this.today = context.today;
    this.patient = context.patient;
    this.clinic = context.clinic;
    this.custodians = context.custodians;
    this.ids = context.ids;
    this.#faker = context.faker;
    this.#reseedFaker = reseedFaker;
  }

  get faker(): Faker {
    if (!this.#seeded) {
      this.#reseedFaker(this.rng.fork('faker'));
      this.#seeded = true;
    }
    return this.#faker;
  }
}
