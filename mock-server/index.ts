/**
 * `createSandbox(options)`: the sandbox as a Hono app speaking Request → Response, with handles to
 * its store and clock. The Node server, MSW handlers and tests are thin transports over `app.fetch`.
 * It serves sign-in, PIN, refresh, the profile, children, consent; diagnoses, vaccinations, lab
 * results, medication, referrals, appointments and e-consultations read through the platform's
 * copy fetched from the journal and kept current by its change feed; booking, e-consultation
 * writes and video consultation relayed live; the clinic and the out-of-hours service.
 */

import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { copenhagenInstant } from '../domain/time.ts';
import { createTokenIssuer, type TokenIssuer, type TokenOptions } from './auth/tokens.ts';
import { createClock, type SandboxClock } from './clock.ts';
import { createContractApp } from './contract-app.ts';
import { createFakeJournal } from './journal/index.ts';
import { createJournalClient, type FetchLike, type JournalClient } from './journal-client.ts';
import type { ValidationMode } from './middleware/contract-validation/index.ts';
import { registerAuth } from './platform/auth.ts';
import { registerBooking } from './platform/booking.ts';
import { registerChanges } from './platform/changes.ts';
import { registerChildren } from './platform/children.ts';
import { registerClinic } from './platform/clinic.ts';
import { registerConsent } from './platform/consent.ts';
import { registerEConsultations } from './platform/e-consultations.ts';
import { registerMe } from './platform/me.ts';
import { copyCovered, forget, registerRecords } from './platform/records.ts';
import { registerVideo } from './platform/video.ts';
import { createStore, type PopulationSeed, type SandboxStore } from './store.ts';

export interface SandboxOptions {
  /** The population the sandbox is seeded with (default: seed 'minlaege', 200 patients). */
  population?: Partial<PopulationSeed>;
  /** Sandbox time at start (default: 12:00 Copenhagen on the population's reference date). */
  now?: Date;
  /** Contract validation of responses: 'strict' fails a broken response loudly (default), 'warn' logs it. */
  validation?: ValidationMode;
  tokens?: TokenOptions;
  /**
   * A journal system at a URL behind every clinic of the population (a vendor's test system),
   * reached over HTTP with the platform token; by default each clinic has a fake journal in process.
   */
  journal?: { url: string; token: string; fetch?: FetchLike };
  /**
   * Sees every call the platform makes to a journal and may answer it instead (the control API's
   * journal faults: an outage, a slow or malformed answer).
   */
  interceptJournal?: (clinicId: string, request: Request, forward: FetchLike) => Promise<Response>;
  /** How long the platform waits for a journal's answer (default JOURNAL_TIMEOUT_MS, 5 s). */
  journalTimeoutMs?: number;
  /** Start from this state instead of generating the population (a snapshot being restored). */
  store?: SandboxStore;
  log?: (message: string) => void;
}

export interface Sandbox {
  app: Hono;
  store: SandboxStore;
  clock: SandboxClock;
  tokens: TokenIssuer;
  /**
   * Deletes what the platform may no longer keep at sandbox time: the copies of everyone whose
   * consent has lapsed (withdrawing at the journal), as the real platform does at `retainedUntil`.
   * Requests find a lapse on their own; this is for moving the clock.
   */
  expire(): Promise<void>;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const population: PopulationSeed = { seed: 'minlaege', asOf: '2026-01-15', patients: 200, ...options.population };
  const log = options.log ?? ((m: string) => console.warn(m));
  const store = options.store ?? createStore(population);
  const clock = createClock(options.now ?? copenhagenInstant(population.asOf, 12, 0));
  const tokens = createTokenIssuer(options.tokens);
  const app = createContractApp('app-platform', { validation: options.validation, log });

  // Each clinic's journal is a fake journal in process, or the journal at options.journal's URL,
  // reached only through a JournalClient.
  const platformToken = randomBytes(24).toString('base64url');
  const journals = new Map<string, JournalClient>();
  const intercept = options.interceptJournal;
  const clientOptions = options.journalTimeoutMs === undefined ? {} : { timeoutMs: options.journalTimeoutMs };
  const through = (clinicId: string, forward: FetchLike): FetchLike =>
    intercept ? (request) => intercept(clinicId, request, forward) : forward;
  for (const clinicId of store.clinics.keys()) {
    if (options.journal) {
      const { url, token, fetch = (request: Request) => globalThis.fetch(request) } = options.journal;
      journals.set(clinicId, createJournalClient(through(clinicId, fetch), url, token, clientOptions));
      continue;
    }
    const journal = createFakeJournal({ store, clock, clinicId, platformToken, validation: options.validation, log });
    journals.set(
      clinicId,
      createJournalClient(
        through(clinicId, (request) => journal.fetch(request)),
        'http://journal.in-process',
        platformToken,
        clientOptions,
      ),
    );
  }
  const deps = { store, tokens, clock, journals, log };
  registerAuth(app, deps);
  registerMe(app, deps);
  registerConsent(app, deps);
  registerChildren(app, deps);
  registerChanges(app, deps); // before the patient routes: it reads the clinic's change feed first
  registerRecords(app, deps);
  registerEConsultations(app, deps);
  registerClinic(app, deps);
  registerBooking(app, deps);
  registerVideo(app, deps);
  // What the platform may no longer keep at sandbox time: every copy, and every consent it
  // registered at a journal, that no consent in force covers (a lapse, a 15th birthday).
  const expire = async () => {
    const now = clock.now();
    const held = new Set([...store.copies.keys(), ...store.journalRegistrations.keys()]);
    const gone: Promise<void>[] = [];
    for (const id of held) {
      const line = store.patients.get(id);
      if (line && !copyCovered(store, line, now)) gone.push(forget(deps, line));
    }
    await Promise.all(gone);
  };
  return { app, store, clock, tokens, expire };
}
