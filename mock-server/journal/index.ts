/**
 * The fake journal system: one clinic's journal behind the platform ↔ journal contract, over the
 * sandbox's seeded records. It refuses extracts without consent, filters diagnoses by the sharing
 * table at source (through the same code that computes the generators' expected extract), and
 * answers clinic-not-connected when the clinic objected to sharing through the platform.
 * It serves the clinic, patient lookup and demographics, consent, the shareable record, booking,
 * e-consultations, video sessions and the change feed; every write goes to the feed in order.
 */

import type { Context, Hono } from 'hono';
import { platformSharingProblem } from '../../domain/platform-sharing.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { copenhagenDate, copenhagenInstant } from '../../domain/time.ts';
import { toShareableRecord } from '../../generators/expected-view.ts';
import type { PatientLine } from '../../generators/population.ts';
import type { SandboxClock } from '../clock.ts';
import { createContractApp } from '../contract-app.ts';
import { SandboxError } from '../errors.ts';
import { bearerToken } from '../exchange.ts';
import type { ValidationMode } from '../middleware/contract-validation/index.ts';
import type { SandboxStore } from '../store.ts';
import { registerBooking } from './booking.ts';
import { appendConsent, feedSequence, registerChanges } from './changes.ts';
import { registerEConsultations } from './e-consultations.ts';
import { registerVideo } from './video.ts';

export interface FakeJournalOptions {
  store: SandboxStore;
  clock: SandboxClock;
  clinicId: string;
  /** The token the platform presents (the contract's platformToken scheme). */
  platformToken: string;
  validation?: ValidationMode;
  log: (message: string) => void;
}

/** The journal's own consent of a patient (a lapse is the platform's; it withdraws here). */
export interface JournalConsent {
  state: 'never-given' | 'given' | 'withdrawn';
  givenAt: string | null;
  givenBy: { role: 'patient' | 'parent'; name: string } | null;
  withdrawnAt: string | null;
}

export function createFakeJournal(options: FakeJournalOptions): Hono {
  const { store, clock, clinicId } = options;
  const app = createContractApp('platform-journal', options);
  const clinic = () => {
    const found = store.clinics.get(clinicId);
    if (!found) throw new Error(`The fake journal's clinic ${clinicId} is not in the store`);
    return found;
  };

  // Every operation needs the platform's token; every one but getClinic needs a connected clinic.
  app.use(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (token !== options.platformToken) {
      throw new SandboxError('unauthorized', 'Present the platform token as Authorization: Bearer <token>.');
    }
    if (c.req.path !== '/clinic') {
      const problem = platformSharingProblem(clinic().platformSharing);
      if (problem) throw new SandboxError(problem, 'This clinic has objected to sharing through the platform.');
    }
    await next();
  });

  const patientOf = (c: Context): PatientLine => {
    const line = store.patients.get(c.req.param('patientId') ?? '');
    if (!line || line.clinicId !== clinicId) throw new SandboxError('not-found', 'No such patient in this clinic.');
    return line;
  };
  const consentOf = (line: PatientLine): JournalConsent =>
    store.journalConsents.get(line.patient.id) ?? {
      state: 'never-given',
      givenAt: null,
      givenBy: null,
      withdrawnAt: null,
    };

  const requireConsent = (line: PatientLine) => {
    if (consentOf(line).state !== 'given') {
      throw new SandboxError(
        'consent-required',
        'No consent is registered for this patient; nothing leaves the journal.',
      );
    }
  };
  /** The acting person's name: the patient, or a parent with custody while the patient is under 15. */
  const actorName = (line: PatientLine, actor: { role: 'patient' | 'parent'; cpr: string }) => {
    if (actor.role === 'patient' && actor.cpr === line.patient.cpr) return line.patient.name;
    const parent = actor.role === 'parent' ? line.patient.custodians.find((p) => p.cpr === actor.cpr) : undefined;
    if (parent && copenhagenDate(clock.now()) < accessUntil(line.patient.birthDate)) return parent.name;
    throw new SandboxError(
      'proxy-access-denied',
      'Only the patient, or a parent with custody of a child under 15, may do this.',
    );
  };

  app.get('/clinic', (c) => c.json(clinic()));
  const deps = { store, clock, clinicId, clinic, patientOf, requireConsent, actorName };
  registerBooking(app, deps);
  registerEConsultations(app, deps);
  registerVideo(app, deps);
  registerChanges(app, deps);

  app.post('/patients/lookup', (c) => {
    const { cpr } = c.get('request').body as { cpr: string };
    for (const line of store.patients.values()) {
      if (line.clinicId === clinicId && line.patient.cpr === cpr) return c.json({ patientId: line.patient.id });
    }
    throw new SandboxError('not-found', 'No patient with this CPR number in this clinic.');
  });

  app.get('/patients/:patientId', (c) => c.json(patientOf(c).patient));

  app.get('/patients/:patientId/consent', (c) => {
    const line = patientOf(c);
    return c.json({ patientId: line.patient.id, ...consentOf(line) });
  });

  app.put('/patients/:patientId/consent', (c) => {
    const line = patientOf(c);
    const { givenAt, givenBy } = c.get('request').body as {
      givenAt: string;
      givenBy: { role: 'patient' | 'parent'; cpr: string };
    };
    const consent: JournalConsent = {
      state: 'given',
      givenAt,
      givenBy: { role: givenBy.role, name: actorName(line, givenBy) },
      withdrawnAt: null,
    };
    const wasGiven = consentOf(line).state === 'given';
    store.journalConsents.set(line.patient.id, consent);
    appendConsent(store, clock.now(), clinicId, line.patient.id, 'given', wasGiven);
    return c.json({ patientId: line.patient.id, ...consent });
  });

  app.delete('/patients/:patientId/consent', (c) => {
    const line = patientOf(c);
    const before = consentOf(line);
    const consent: JournalConsent =
      before.state === 'given' ? { ...before, state: 'withdrawn', withdrawnAt: clock.now().toISOString() } : before;
    store.journalConsents.set(line.patient.id, consent);
    if (before.state === 'given') appendConsent(store, clock.now(), clinicId, line.patient.id, 'withdrawn', true);
    return c.json({ patientId: line.patient.id, ...consent });
  });

  app.get('/patients/:patientId/record', (c) => {
    const line = patientOf(c);
    if (consentOf(line).state !== 'given') {
      throw new SandboxError(
        'consent-required',
        'No consent is registered for this patient; nothing leaves the journal.',
      );
    }
    const { asOf } = c.get('request').query as { asOf: string }; // a date, checked by the contract
    // The sharing rules are applied at noon Copenhagen time on the asked date.
    return c.json(
      toShareableRecord(line.patient.id, line.journal, copenhagenInstant(asOf, 12, 0), feedSequence(store, clinicId)),
    );
  });

  return app;
}
