/**
 * What an e-consultation or an appointment may be about in the patient's own journal: the
 * medicines on the medication card (a renewal, a side effect, blood-pressure treatment), the
 * latest blood sample (a question about its results), and for e-consultations also the
 * conditions, the check-ups among the appointments and the referrals. Threads and appointments
 * name only what the journal holds on their day, so a tester who cross-checks one patient's
 * categories finds one story.
 *
 * Dates on the card and of referrals are ISO dates, and a result's `sampledAt` and an
 * appointment's `startsAt` start with their Copenhagen date, so all are read as day numbers with
 * isoToDay (which reads the first ten characters only).
 */
import type { Appointment, LabResult, Medication, Referral } from '../context.ts';
import { type DayNumber, isoToDay } from '../day-calendar.ts';
import type { Rng } from '../rng.ts';
import type { ClinicalProfile } from './clinical-profile.ts';

/** The medication card and lab results; generateJournal makes these before the appointments. */
export interface Chart {
  /** The medication card, as generateMedications returns it. */
  readonly medications: readonly Medication[];
  /** The lab results, sorted by `sampledAt` (generateLabResults). */
  readonly labResults: readonly LabResult[];
}

/** What a thread may also follow; generateJournal makes these before the e-consultations. */
export interface ThreadChart extends Chart {
  readonly profile: ClinicalProfile;
  /** Sorted by start (generateAppointments). */
  readonly appointments: readonly Appointment[];
  /** Sorted by `issuedOn` (generateReferrals). */
  readonly referrals: readonly Referral[];
}

/** Whether a medicine passes a test on a day (see `renewable`, `withSideEffect`). */
export type MedicineTest = (m: Medication, day: DayNumber) => boolean;

// ── Medicines ────────────────────────────────────────────────────────────────────────────────

/** A medicine the patient renews has been on the card this long on the day of asking. */
const RENEWAL_AFTER_DAYS = 60;
/** A patient asks about side effects from two weeks into a medicine; up to nine weeks it is new. */
const SIDE_EFFECT_AFTER_DAYS = 14;
const NEW_MEDICINE_DAYS = 63;

/** A known, common side effect of the medicines whose ATC code starts with `atc`. */
export interface SideEffect {
  readonly atc: string;
  /** As the patient writes it, and capitalised to start the doctor's sentence. */
  readonly effect: string;
  readonly Effect: string;
}

const sideEffect = (atc: string, effect: string, Effect: string): SideEffect => Object.freeze({ atc, effect, Effect });

/** The commonest side effect of some medicines GPs start, from the Danish product information. */
const SIDE_EFFECTS: readonly SideEffect[] = Object.freeze([
  sideEffect('C08CA01', 'hævede ankler', 'Hævede ankler'), // amlodipine
  sideEffect('C09AA', 'tør hoste', 'Tør hoste'), // ACE inhibitors
  sideEffect('A10BA02', 'kvalme og løs mave', 'Kvalme og løs mave'), // metformin
  sideEffect('A10BJ', 'kvalme og nedsat appetit', 'Kvalme og nedsat appetit'), // GLP-1 analogues
  sideEffect('A10BK', 'hyppig vandladning', 'Hyppig vandladning'), // SGLT2 inhibitors
  sideEffect('N06AB', 'kvalme og dårlig søvn', 'Kvalme og dårlig søvn'), // SSRIs
  sideEffect('N06AX11', 'træthed om morgenen og øget appetit', 'Træthed om morgenen og øget appetit'), // mirtazapine
  sideEffect('C10AA', 'ømme muskler', 'Ømme muskler'), // statins
  sideEffect('C07AB', 'træthed og kolde hænder', 'Træthed og kolde hænder'), // beta blockers
  sideEffect('M05BA04', 'halsbrand', 'Halsbrand'), // alendronate
  sideEffect('G04CA02', 'svimmelhed, når jeg rejser mig', 'Svimmelhed, når man rejser sig,'), // tamsulosin
  sideEffect('B01AF', 'mange blå mærker', 'Blå mærker'), // apixaban, rivaroxaban
]);

/** The name a patient writes: the card's product name without the firm ('Losartan "Krka"' → 'Losartan'). */
export function spokenName(medication: Medication): string {
  const firm = medication.name.indexOf(' "');
  return firm < 0 ? medication.name : medication.name.slice(0, firm);
}

/** The known side effect of a medicine, if the table has one. */
export function sideEffectOf(m: Medication): SideEffect | undefined {
  for (const e of SIDE_EFFECTS) if (m.atcCode.startsWith(e.atc)) return e;
  return undefined;
}

/** Whether a medicine is on the card on `day` (started, not yet ended). */
function onCard(m: Medication, day: DayNumber): boolean {
  return isoToDay(m.startDate) <= day && (m.endDate === null || isoToDay(m.endDate) >= day);
}

/** A medicine taken on `day` for two months or more: one the patient renews. */
export function renewable(m: Medication, day: DayNumber): boolean {
  return onCard(m, day) && isoToDay(m.startDate) <= day - RENEWAL_AFTER_DAYS;
}

/** A medicine taken on `day` for two weeks or more, with a known side effect. */
export function withSideEffect(m: Medication, day: DayNumber): boolean {
  return isoToDay(m.startDate) <= day - SIDE_EFFECT_AFTER_DAYS && onCard(m, day) && sideEffectOf(m) !== undefined;
}

/** The same, started at most nine weeks before `day`. */
export function newWithSideEffect(m: Medication, day: DayNumber): boolean {
  return isoToDay(m.startDate) >= day - NEW_MEDICINE_DAYS && withSideEffect(m, day);
}

/** Blood-pressure treatment a GP starts: thiazides, calcium channel blockers, ACE inhibitors and ARBs. */
const ANTIHYPERTENSIVE_ATC: readonly string[] = Object.freeze(['C03AB', 'C08CA', 'C09']);

/** A blood-pressure medicine on the card on `day`. */
export function antihypertensive(m: Medication, day: DayNumber): boolean {
  if (!onCard(m, day)) return false;
  for (const atc of ANTIHYPERTENSIVE_ATC) if (m.atcCode.startsWith(atc)) return true;
  return false;
}

/** Whether any medicine on the card passes `test` on `day`. */
export function anyMedicine(chart: Chart, day: DayNumber, test: MedicineTest): boolean {
  for (const m of chart.medications) if (test(m, day)) return true;
  return false;
}

/** One of the medicines that pass `test` on `day`, uniformly; throws if none does (ask `anyMedicine`). */
export function pickMedicine(rng: Rng, chart: Chart, day: DayNumber, test: MedicineTest): Medication {
  let count = 0;
  for (const m of chart.medications) if (test(m, day)) count++;
  let k = rng.int(0, count - 1);
  for (const m of chart.medications) if (test(m, day) && k-- === 0) return m;
  throw new Error('pickMedicine: no medicine on the card passes the test; ask anyMedicine first');
}

// ── Blood samples ────────────────────────────────────────────────────────────────────────────

/** A patient asks about blood test results from the day after the sample to six weeks after it. */
const RESULTS_WITHIN_DAYS = 42;

/** How the patient writes a result's analyte, by NPU code; others (INR) are not asked about. */
const LAB_NAMES: Readonly<Record<string, string>> = Object.freeze({
  NPU02319: 'blodprocent (hæmoglobin)',
  NPU27300: 'langtidsblodsukker (HbA1c)',
  NPU18016: 'nyretal (kreatinin)',
  NPU19748: 'infektionstal (CRP)',
  NPU03429: 'natrium',
  NPU03230: 'kalium',
  NPU02593: 'hvide blodlegemer',
  NPU01566: 'kolesterol',
  NPU01567: 'det gode kolesterol (HDL)',
  NPU01568: 'LDL-kolesterol',
  NPU04094: 'triglycerid',
  NPU03577: 'stofskifte (TSH)',
});
/** Analytes measured fasting (lipids, as many Danish laboratories still ask). */
const FASTING: readonly string[] = Object.freeze(['NPU01566', 'NPU01567', 'NPU01568', 'NPU04094']);

/** One blood sample: its results are `chart.labResults[first..last]`. */
export interface Sample {
  readonly first: number;
  readonly last: number;
  readonly day: DayNumber;
}

/** How the patient writes a result's analyte ('langtidsblodsukker (HbA1c)'), or undefined if not asked about. */
export function analyteName(r: LabResult): string | undefined {
  return LAB_NAMES[r.npuCode];
}

/** Whether the new sample a result calls for is taken fasting. */
export function isFasting(r: LabResult): boolean {
  return FASTING.includes(r.npuCode);
}

/**
 * The last result's index of the latest blood sample taken 1–42 days before `day` with a result
 * the patient asks about, or -1 (cheap: for deciding whether the topic fits). Results of one
 * sample are adjacent and share `sampledAt`.
 */
export function recentSampleEnd(chart: Chart, day: DayNumber): number {
  const results = chart.labResults;
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i] as LabResult;
    const sampled = isoToDay(r.sampledAt);
    if (sampled >= day) continue;
    if (sampled < day - RESULTS_WITHIN_DAYS) return -1;
    if (LAB_NAMES[r.npuCode] === undefined) continue;
    let last = i;
    while (last + 1 < results.length && (results[last + 1] as LabResult).sampledAt === r.sampledAt) last++;
    return last;
  }
  return -1;
}

/** Whether a blood sample (any result) was taken in the `days` days before `day`. */
export function sampledWithin(chart: Chart, day: DayNumber, days: number): boolean {
  const results = chart.labResults;
  for (let i = results.length - 1; i >= 0; i--) {
    const sampled = isoToDay((results[i] as LabResult).sampledAt);
    if (sampled < day) return sampled >= day - days;
  }
  return false;
}

/** The sample whose last result is at `last` (from `recentSampleEnd`). */
export function sampleEndingAt(chart: Chart, last: number): Sample {
  const results = chart.labResults;
  const sampledAt = (results[last] as LabResult).sampledAt;
  let first = last;
  while (first > 0 && (results[first - 1] as LabResult).sampledAt === sampledAt) first--;
  return { first, last, day: isoToDay(sampledAt) };
}

/** Whether a result is outside its interval and one the patient asks about. */
export function flagged(r: LabResult): boolean {
  return r.abnormal && LAB_NAMES[r.npuCode] !== undefined;
}

/** Whether a result is above its interval ('<0.01' TSH is below). */
export function isHigh(r: LabResult): boolean {
  const upper = r.referenceInterval?.upper ?? null;
  return typeof r.value === 'number' && upper !== null && r.value > upper;
}

/** Whether a flagged result is only a little outside its interval (within a quarter of the limit). */
export function isSlight(r: LabResult): boolean {
  if (typeof r.value !== 'number' || r.referenceInterval === null) return false;
  const { lower, upper } = r.referenceInterval;
  return isHigh(r) ? r.value <= (upper as number) * 1.25 : lower !== null && r.value >= lower * 0.8;
}

/** How many of a sample's results are flagged. */
export function flaggedCount(chart: Chart, sample: Sample): number {
  let count = 0;
  for (let i = sample.first; i <= sample.last; i++) if (flagged(chart.labResults[i] as LabResult)) count++;
  return count;
}

/** One of a sample's `count` flagged results (from `flaggedCount`), uniformly; undefined if none. */
export function pickFlagged(rng: Rng, chart: Chart, sample: Sample, count: number): LabResult | undefined {
  if (count === 0) return undefined;
  let k = rng.int(0, count - 1);
  for (let i = sample.first; i <= sample.last; i++) {
    const r = chart.labResults[i] as LabResult;
    if (flagged(r) && k-- === 0) return r;
  }
  return undefined;
}

// ── Conditions ───────────────────────────────────────────────────────────────────────────────

/** The day the patient's hypertension or raised blood pressure was diagnosed, or +Infinity. */
export function bloodPressureSince(profile: ClinicalProfile): number {
  // Sorted by onset: the first found is the earliest.
  for (const c of profile.conditions) {
    if (c.key === 'hypertension' || c.key === 'elevatedBloodPressure') return c.onsetDay;
  }
  return Number.POSITIVE_INFINITY;
}
