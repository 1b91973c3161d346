/**
 * The sandbox's state: the people one can sign in as (from the generators' population), their
 * clinic, and what the platform keeps per person (PIN per device). Everything a request changes
 * lives here, so a snapshot or a reset is one object.
 */

import { type ConsentRecord, retainedUntil } from '../domain/consent.ts';
import type { PinState } from '../domain/pin.ts';
import type { JournalClinic, ShareableRecord } from '../generators/context.ts';
import { asciiSlug } from '../generators/danish-text.ts';
import { createPopulation, type PatientLine, type PopulationLine } from '../generators/population.ts';
import type { JournalConsent } from './journal/index.ts';
import type { JournalState } from './journal/state.ts';

export interface Persona {
  /** The handle to sign in with, e.g. 'camilla-holm'. */
  handle: string;
  patient: PatientLine;
}

export interface SandboxStore {
  clinics: Map<string, JournalClinic>;
  /** Personas by handle. */
  personas: Map<string, Persona>;
  /** Patients by id. */
  patients: Map<string, PatientLine>;
  /** The platform's consent record of each person (timestamps; the state follows from the clock). */
  consents: Map<string, ConsentRecord>;
  /** The platform's copy of each patient's shareable record, fetched after consent. */
  copies: Map<string, ShareableRecord>;
  /** The doctors of each clinic, who hold its bookable slots. */
  clinicDoctors: Map<string, string[]>;
  /** The slots booked in each clinic's fake journal. */
  takenSlots: Map<string, Set<string>>;
  /** The fake journal's consent of each patient. */
  journalConsents: Map<string, JournalConsent>;
  /** Each clinic's fake journal beyond the records: its log of writes (the change feed), attachments, video sessions. */
  journalStates: Map<string, JournalState>;
  /** The platform's position in each clinic's change feed, and when it last read it (sandbox time, ms). */
  feedPositions: Map<string, { cursor: string | null; pulledAt: number | null }>;
  /** The video session id the platform gave out for each patient's appointment (`patientId appointmentId`). */
  videoSessionIds: Map<string, string>;
  /** The platform's consent registrations at journals: patient id → the journal's id of the patient. */
  journalRegistrations: Map<string, string>;
  /** The PIN of each device: one person's, set after their MitID sign-in on it. */
  pins: Map<string, { personId: string; pin: string; setAt: Date; state: PinState }>;
}

export interface PopulationSeed {
  seed: string;
  asOf: string;
  /** How many patients of the population to load (default 200: one clinic's first households). */
  patients?: number;
}

/** A store holding the first patients of a generated population. */
export function createStore(seed: PopulationSeed): SandboxStore {
  const store: SandboxStore = {
    clinics: new Map(),
    personas: new Map(),
    patients: new Map(),
    consents: new Map(),
    journalConsents: new Map(),
    journalStates: new Map(),
    feedPositions: new Map(),
    videoSessionIds: new Map(),
    journalRegistrations: new Map(),
    copies: new Map(),
    takenSlots: new Map(),
    clinicDoctors: new Map(),
    pins: new Map(),
  };
  const lines: Iterable<PopulationLine> = createPopulation({ seed: seed.seed, asOf: seed.asOf }).lines(
    0,
    seed.patients ?? 200,
  );
  for (const line of lines) {
    if (line.type === 'clinic') {
      store.clinics.set(line.clinic.id, line.clinic);
      continue;
    }
    store.patients.set(line.patient.id, line);
    store.consents.set(line.patient.id, consentRecordOf(line.consent));
    store.journalConsents.set(line.patient.id, journalConsentOf(line));
    const handle = uniqueHandle(store, line);
    store.personas.set(handle, { handle, patient: line });
  }
  return store;
}

/**
 * Adds a person to the store as the generators' people are added: the patient, the platform's and
 * the journal's consent from `line.consent`, and a persona under `handle` (scenarios choose theirs).
 */
export function addPerson(store: SandboxStore, line: PatientLine, handle: string): void {
  store.patients.set(line.patient.id, line);
  store.consents.set(line.patient.id, consentRecordOf(line.consent));
  store.journalConsents.set(line.patient.id, journalConsentOf(line));
  store.personas.set(handle, { handle, patient: line });
}

/** 'Camilla Holm' → 'camilla-holm', then 'camilla-holm-2', … */
function uniqueHandle(store: SandboxStore, line: PatientLine): string {
  const parts = line.patient.name.split(' ');
  const base = `${asciiSlug(parts[0] ?? 'person')}-${asciiSlug(parts[parts.length - 1] ?? '')}`.replace(/-$/, '');
  let handle = base;
  for (let n = 2; store.personas.has(handle); n++) handle = `${base}-${n}`;
  return handle;
}

function consentRecordOf(consent: PatientLine['consent']): ConsentRecord {
  const at = (iso: string | null) => (iso === null ? undefined : new Date(iso));
  const record: ConsentRecord = {};
  const givenAt = at(consent.givenAt);
  const withdrawnAt = at(consent.withdrawnAt);
  const lastActivityAt = at(consent.lastActivityAt);
  if (givenAt) record.givenAt = givenAt;
  if (withdrawnAt) record.withdrawnAt = withdrawnAt;
  if (lastActivityAt) record.lastActivityAt = lastActivityAt;
  return record;
}

/** What the journal holds: consent registered while the platform's is given; withdrawn after a withdrawal or a lapse. */
function journalConsentOf(line: PatientLine): JournalConsent {
  const { consent, patient } = line;
  if (consent.state === 'never-given') return { state: 'never-given', givenAt: null, givenBy: null, withdrawnAt: null };
  const givenBy = { role: 'patient' as const, name: patient.name };
  if (consent.state === 'given') return { state: 'given', givenAt: consent.givenAt, givenBy, withdrawnAt: null };
  // Withdrawn by the patient, or by the platform at the moment the consent lapsed.
  const lastUse = consent.lastActivityAt ?? consent.givenAt;
  const lapsedAt = lastUse === null ? null : retainedUntil(new Date(lastUse)).toISOString();
  return { state: 'withdrawn', givenAt: consent.givenAt, givenBy, withdrawnAt: consent.withdrawnAt ?? lapsedAt };
}
