/**
 * What a journal must share and what the app must show, computed from a journal's content with
 * the rules of domain/ at the reference instant. Vendors' extracts and the sandbox's answers are
 * compared with these, item by item; lists of ids keep the comparison exact and the output small.
 */
import { type ConsentState, consentProblem } from '../domain/consent.ts';
import { type PlatformSharing, platformSharingProblem } from '../domain/platform-sharing.ts';
import type { ProblemKind } from '../domain/problem-types.ts';
import { decideAccess, type RecordCategory } from '../domain/proxy.ts';
import { isCurrentReferral } from '../domain/referrals.ts';
import { isShared, sharingRuleOf } from '../domain/sharing.ts';
import { copenhagenDate, type IsoDate } from '../domain/time.ts';
import type { JournalContent, ShareableRecord } from './context.ts';

export type JournalCategory = keyof JournalContent;

export const JOURNAL_CATEGORIES: readonly JournalCategory[] = [
  'diagnoses',
  'vaccinations',
  'appointments',
  'referrals',
  'labResults',
  'medications',
  'eConsultations',
];

/** The app category (domain/proxy.ts) each journal category is shown under. */
export const APP_CATEGORY: Readonly<Record<JournalCategory, RecordCategory>> = {
  diagnoses: 'diagnoses',
  vaccinations: 'vaccinations',
  appointments: 'appointments',
  referrals: 'referrals',
  labResults: 'lab-results',
  medications: 'medication',
  eConsultations: 'e-consultations',
};

/** Item ids per category. */
export type ItemIds = Record<JournalCategory, string[]>;

/** One category as a viewer gets it: the ids shown, or the problem that refuses it. */
export type CategoryView = string[] | { problem: ProblemKind };

/** What the app shows a viewer of one patient: per category, or one refusal for everything. */
export type AppView = { problem: ProblemKind } | { categories: Record<JournalCategory, CategoryView> };

/** The record a journal shares once consent is registered: diagnoses filtered by the sharing table. */
export function toShareableRecord(
  patientId: string,
  journal: JournalContent,
  asOf: Date,
  feedSequence = 0,
): ShareableRecord {
  const diagnoses: ShareableRecord['diagnoses'] = [];
  for (const d of journal.diagnoses) {
    const rule = sharingRuleOf(d.icpcCode);
    if (rule && isShared(d.icpcCode, d.registeredAt, asOf)) {
      diagnoses.push({
        id: d.id,
        icpcCode: d.icpcCode as ShareableRecord['diagnoses'][number]['icpcCode'],
        title: d.title,
        registeredAt: d.registeredAt,
        rule,
      });
    }
  }
  return {
    patientId,
    asOf: copenhagenDate(asOf),
    feedSequence,
    generatedAt: asOf.toISOString(),
    diagnoses,
    vaccinations: journal.vaccinations,
    appointments: journal.appointments,
    referrals: journal.referrals,
    labResults: journal.labResults,
    medications: journal.medications,
    eConsultations: journal.eConsultations,
  };
}

/** What a journal must share: the ids per category, or the problem that refuses every extract. */
export type ExpectedExtract = ItemIds | { problem: ProblemKind };

/** The ids a journal must share at `asOf`: every item, but diagnoses only where the table says so. */
export function expectedExtract(journal: JournalContent, asOf: Date): ItemIds {
  const out = idsOf(journal);
  out.diagnoses = journal.diagnoses.filter((d) => isShared(d.icpcCode, d.registeredAt, asOf)).map((d) => d.id);
  return out;
}

/**
 * The ids the app shows of each category to someone allowed to see it: the extract, but only
 * current referrals.
 */
export function visibleIds(journal: JournalContent, extract: ItemIds, asOf: Date): ItemIds {
  const today = copenhagenDate(asOf);
  return { ...extract, referrals: journal.referrals.filter((r) => isCurrentReferral(r, today)).map((r) => r.id) };
}

export interface ViewRequest {
  /** Who looks, and the state of their own consent (which covers their children's data too). */
  viewer: { id: string; consent: ConsentState };
  /** The patient whose data is shown: the viewer themself or a child. */
  subject: {
    id: string;
    birthDate: IsoDate;
    custodyHolderIds: readonly string[];
    parentIds?: readonly string[];
    /** Whether the subject's clinic shares through the platform at all. */
    platformSharing: PlatformSharing;
  };
  /** What the app shows of the subject's record to anyone allowed (see `visibleIds`). */
  visible: ItemIds;
  asOf: Date;
}

/**
 * What the app shows `viewer` of `subject`'s data at `asOf`: the viewer's own consent decides
 * first (it covers their children's data too), then proxy access, then each category.
 */
export function appViewOf(request: ViewRequest): AppView {
  const { viewer, subject, visible, asOf } = request;
  const proxySubject = { id: subject.id, birthDate: subject.birthDate, parentIds: subject.parentIds };
  const categories = {} as Record<JournalCategory, CategoryView>;
  for (const category of JOURNAL_CATEGORIES) {
    const decision = decideAccess(
      {
        viewerId: viewer.id,
        subject: proxySubject,
        custodyHolderIds: subject.custodyHolderIds,
        category: APP_CATEGORY[category],
      },
      asOf,
    );
    // A refusal of the person (not the category) refuses everything, and reveals nothing, so it
    // comes before anything said about the patient's clinic or the viewer's consent.
    if (!decision.allowed && decision.problem === 'proxy-access-denied') return { problem: decision.problem };
    categories[category] = decision.allowed ? visible[category] : { problem: decision.problem };
  }
  const refusal = platformSharingProblem(subject.platformSharing) ?? consentProblem(viewer.consent);
  return refusal ? { problem: refusal } : { categories };
}

function idsOf(journal: JournalContent): ItemIds {
  return {
    diagnoses: journal.diagnoses.map((x) => x.id),
    vaccinations: journal.vaccinations.map((x) => x.id),
    appointments: journal.appointments.map((x) => x.id),
    referrals: journal.referrals.map((x) => x.id),
    labResults: journal.labResults.map((x) => x.id),
    medications: journal.medications.map((x) => x.id),
    eConsultations: journal.eConsultations.map((x) => x.id),
  };
}
