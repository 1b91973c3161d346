/**
 * The patient-data operations the app reads: diagnoses, vaccinations, lab results, medication,
 * referrals and appointments (e-consultations are in e-consultations.ts), for the signed-in
 * person or a child they may act for. Each request is decided by domain rules in the order that
 * reveals least: who may see whom (proxy-access-denied, whether the patient exists or
 * not), whether the clinic shares at all (clinic-not-connected), the viewer's consent
 * (consent-required, consent-lapsed, which also deletes the platform's copies), and the category
 * for a child (not-available-for-child). Data comes from the platform's copy of the record,
 * fetched from the journal (through a JournalClient) on first use after consent and kept current
 * by the clinic's change feed (changes.ts).
 */
import type { Context, Hono } from 'hono';
import type { components } from '../../contracts/types/platform-journal.d.ts';
import { consentProblem, consentState } from '../../domain/consent.ts';
import { platformSharingProblem } from '../../domain/platform-sharing.ts';
import { accessUntil, type RecordCategory } from '../../domain/proxy.ts';
import { isCurrentReferral } from '../../domain/referrals.ts';
import { isShared } from '../../domain/sharing.ts';
import { copenhagenDate } from '../../domain/time.ts';
import type { PatientLine } from '../../generators/population.ts';
import { SandboxError } from '../errors.ts';
import type { JournalClient } from '../journal-client.ts';
import { type AuthDeps, accessDecision, signedIn } from './auth.ts';

type ShareableRecord = components['schemas']['ShareableRecord'];

export interface PlatformDeps extends AuthDeps {
  /** The journal system of each clinic. */
  journals: Map<string, JournalClient>;
  /** Where the platform reports what it could not do for a request (a journal that did not answer). */
  log?: (message: string) => void;
}

const MEDICATION_CARD_URL = 'https://www.sundhed.dk/borger/min-side/min-sundhedsjournal/medicinkortet/';

/**
 * Whether a consent in force covers keeping a patient's record on the platform: the patient's own
 * consent, or, while the patient is under 15, that of a parent with custody (domain/proxy.ts).
 */
export function copyCovered(store: PlatformDeps['store'], subject: PatientLine, now: Date): boolean {
  const given = (id: string) => consentState(store.consents.get(id) ?? {}, now) === 'given';
  if (given(subject.patient.id)) return true;
  if (copenhagenDate(now) >= accessUntil(subject.patient.birthDate)) return false;
  return subject.patient.custodians.some((c) => c.patientId !== null && given(c.patientId));
}

/**
 * After a withdrawal or a lapse of `person`'s consent: deletes the platform's copies that no
 * consent in force covers any more — the person's own, and a child's under 15 unless another
 * parent with custody still has consent (a child of 15 has their own say) — and withdraws the
 * consent the platform registered at the journal for each. The copies go at once whatever the
 * journal answers; a journal that does not answer is reported in the log.
 */
export async function deleteCopies(
  deps: PlatformDeps,
  person: PatientLine,
  { withdrawOwn = false }: { withdrawOwn?: boolean } = {},
): Promise<void> {
  const now = deps.clock.now();
  const children = person.patient.children.flatMap((child) => {
    const line = child.patientId ? deps.store.patients.get(child.patientId) : undefined;
    return line && copenhagenDate(now) < accessUntil(line.patient.birthDate) ? [line] : [];
  });
  const uncovered = [person, ...children].filter((line) => !copyCovered(deps.store, line, now));
  await Promise.all(uncovered.map((line) => forget(deps, line, withdrawOwn && line === person)));
}

/**
 * Deletes the platform's copy of a patient and withdraws at the journal the consent the platform
 * registered there (with `always`, the patient's own consent whether or not this sandbox
 * registered it: it may predate the sandbox, and withdrawing twice changes nothing).
 */
export async function forget(deps: PlatformDeps, line: PatientLine, always = false): Promise<void> {
  const id = line.patient.id;
  deps.store.copies.delete(id);
  const registered = deps.store.journalRegistrations.get(id);
  const journal = deps.journals.get(line.clinicId);
  if (!journal || (registered === undefined && !always)) return;
  deps.store.journalRegistrations.delete(id);
  try {
    await journal.withdrawConsent(registered ?? (await journal.lookupPatient(line.patient.cpr)));
  } catch (error) {
    deps.log?.(`could not withdraw consent for ${id} at the journal: ${(error as Error).message}`);
  }
}

/** The viewer, the patient and the platform's copy of the patient's record, or the refusal. */
export async function access(c: Context, deps: PlatformDeps, category: RecordCategory) {
  const viewer = await signedIn(c, deps);
  const now = deps.clock.now();
  const subject = deps.store.patients.get(c.req.param('patientId') ?? '');
  if (!subject) throw new SandboxError('proxy-access-denied', 'You may not act for this patient.');
  const decision = accessDecision(viewer, subject, category, now);
  if (!decision.allowed && decision.problem === 'proxy-access-denied') {
    throw new SandboxError('proxy-access-denied', 'You may not act for this patient.');
  }
  const clinic = deps.store.clinics.get(subject.clinicId);
  const sharing = clinic ? platformSharingProblem(clinic.platformSharing) : 'clinic-not-connected';
  if (sharing) throw new SandboxError(sharing, "The patient's clinic does not share data through the platform.");
  const state = consentState(deps.store.consents.get(viewer.patient.id) ?? {}, now);
  const refusal = consentProblem(state);
  if (refusal) {
    if (state === 'lapsed') await deleteCopies(deps, viewer);
    throw new SandboxError(
      refusal,
      state === 'lapsed'
        ? 'Consent lapsed after 12 months without use and the data was deleted; give consent again.'
        : 'Give consent (PUT /me/consent) before any data is fetched from the clinic.',
    );
  }
  if (!decision.allowed) {
    throw new SandboxError(decision.problem, "This part of a child's record is not shown to parents.");
  }
  // The copy is there on every read but the first after consent: no need to wait a turn for it.
  const copy = deps.store.copies.get(subject.patient.id) ?? (await ensureCopy(deps, viewer, subject, now));
  return { viewer, subject, copy };
}

/** The platform's copy, fetched from the journal (registering consent there first) on first use. */
async function ensureCopy(deps: PlatformDeps, viewer: PatientLine, subject: PatientLine, now: Date) {
  const existing = deps.store.copies.get(subject.patient.id);
  if (existing) return existing;
  const journal = deps.journals.get(subject.clinicId);
  if (!journal)
    throw new SandboxError('journal-unavailable', "No journal system is connected for the patient's clinic.");
  const journalId = await journal.lookupPatient(subject.patient.cpr);
  const consent = deps.store.consents.get(viewer.patient.id);
  await journal.registerConsent(journalId, {
    givenAt: (consent?.givenAt ?? now).toISOString(),
    givenBy: { role: viewer === subject ? 'patient' : 'parent', cpr: viewer.patient.cpr },
  });
  deps.store.journalRegistrations.set(subject.patient.id, journalId);
  const record = await journal.getRecord(journalId, copenhagenDate(now));
  deps.store.copies.set(subject.patient.id, record);
  return record;
}

/** A page of items: `cursor` is the offset written in base 36, opaque to the app. */
export function page<T>(c: Context, items: T[]): { items: T[]; nextCursor: string | null } {
  const { cursor, limit = 20 } = c.get('request').query as { cursor?: string; limit?: number };
  const offset = cursor === undefined ? 0 : Number.parseInt(cursor, 36);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > items.length) {
    throw new SandboxError('validation-failed', 'The cursor is not one this sandbox gave out; start without one.', {
      errors: [{ pointer: '/query/cursor', message: 'is not a cursor of this list' }],
    });
  }
  const end = offset + limit;
  return { items: items.slice(offset, end), nextCursor: end < items.length ? end.toString(36) : null };
}

/** The app's view of a journal appointment. */
export function toAppAppointment(
  a: ShareableRecord['appointments'][number],
  patientId: string,
  bookingOn: boolean,
  now: number,
) {
  return {
    id: a.id,
    patientId,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    kind: a.kind,
    status: a.status,
    practitioner: a.practitioner,
    // Cancelling is part of online booking, and only a booked appointment not yet begun.
    cancellable: bookingOn && a.status === 'booked' && Date.parse(a.startsAt) > now,
    cancelledAt: a.cancelledAt,
  };
}

export function registerRecords(app: Hono, deps: PlatformDeps): void {
  const withPatient = <T extends object>(items: T[], patientId: string) =>
    items.map((item) => ({ ...item, patientId }));
  const route = (
    path: string,
    category: RecordCategory,
    answer: (c: Context, copy: ShareableRecord, id: string) => unknown,
  ) =>
    app.get(`/patients/:patientId/${path}`, async (c) => {
      const { subject, copy } = await access(c, deps, category);
      return c.json(answer(c, copy, subject.patient.id) as object);
    });

  // The copy holds what the journal shared when it was fetched; a rule A diagnosis that has since
  // passed a year since registration ages out at read time too.
  route('diagnoses', 'diagnoses', (_c, copy, id) => {
    const now = deps.clock.now();
    return {
      items: withPatient(
        copy.diagnoses.filter((d) => isShared(d.icpcCode, d.registeredAt, now)),
        id,
      ),
    };
  });
  route('vaccinations', 'vaccinations', (c, copy, id) => page(c, withPatient(copy.vaccinations, id)));
  route('lab-results', 'lab-results', (c, copy, id) => page(c, withPatient(copy.labResults, id)));
  route('referrals', 'referrals', (_c, copy, id) => {
    const today = copenhagenDate(deps.clock.now());
    return {
      items: copy.referrals
        .filter((r) => isCurrentReferral(r, today))
        .map((r) => ({
          id: r.id,
          patientId: id,
          kind: r.kind,
          recipient: r.receiver.department ? `${r.receiver.name}, ${r.receiver.department}` : r.receiver.name,
          reason: r.reason,
          issuedOn: r.issuedOn,
          validUntil: r.validUntil,
        })),
    };
  });
  route('appointments', 'appointments', (c, copy, id) => {
    const now = deps.clock.now().getTime();
    const { when = 'upcoming' } = c.get('request').query as { when?: 'upcoming' | 'past' };
    const bookingOn =
      deps.store.clinics.get(deps.store.patients.get(id)?.clinicId ?? '')?.capabilities.onlineBooking ?? false;
    const upcoming = when === 'upcoming';
    const chosen = copy.appointments
      .filter((a) => Date.parse(a.startsAt) > now === upcoming)
      .sort((a, b) => (Date.parse(a.startsAt) - Date.parse(b.startsAt)) * (upcoming ? 1 : -1));
    return page(
      c,
      chosen.map((a) => toAppAppointment(a, id, bookingOn, now)),
    );
  });
  route('medication', 'medication', (_c, copy, id) => ({
    patientId: id,
    medicationCardUrl: MEDICATION_CARD_URL,
    updatedAt: copy.generatedAt,
    items: copy.medications,
  }));
}
