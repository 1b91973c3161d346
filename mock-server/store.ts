/**
 * The sandbox's state: the people one can sign in as (from the generators' population), their
 * clinic, and what the platform keeps per person (PIN per device). Everything a request changes
 * lives here, so a snapshot or a reset is one object.
 */

import type { PinState } from '../domain/pin.ts';
import type { JournalClinic } from '../generators/context.ts';
import { asciiSlug } from '../generators/danish-text.ts';
import { createPopulation, type PatientLine, type PopulationLine } from '../generators/population.ts';

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
  const store: SandboxStore = { clinics: new Map(), personas: new Map(), patients: new Map(), pins: new Map() };
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
    store.personas.set(uniqueHandle(store, line), { handle: uniqueHandle(store, line), patient: line });
  }
  return store;
}

/** 'Camilla Holm' → 'camilla-holm', then 'camilla-holm-2', … */
function uniqueHandle(store: SandboxStore, line: PatientLine): string {
  const parts = line.patient.name.split(' ');
  const base = `${asciiSlug(parts[0] ?? 'person')}-${asciiSlug(parts[parts.length - 1] ?? '')}`.replace(/-$/, '');
  let handle = base;
  for (let n = 2; store.personas.has(handle) && store.personas.get(handle)?.patient !== line; n++)
    handle = `${base}-${n}`;
  return handle;
}
