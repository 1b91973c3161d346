/**
 * Appointments (aftaler) for one patient: the past two to three years of consultations, a few
 * booked in the coming weeks, the child health examinations and programme vaccinations of a young
 * child, and the regular controls of the chronic conditions in the patient's clinical profile
 * (generators/records/clinical-profile.ts), from their onset. All fall on the clinic's open days
 * and within its opening hours (generators/clinic-calendar.ts: never on its closed days or in its
 * holidays, never across a lunch break), Copenhagen time.
 *
 * Figures (rounded, for realism rather than statistics): Danes see their GP about 4–5 times a
 * year on average, children and the young less and people over 75 about twice as often
 * (Danmarks Statistik, "Sygesikringsydelser"; PLO "Fakta om almen praksis"); the standard
 * consultation is 15 minutes, annual controls of chronic illness 30. The child health
 * examinations at 5 weeks, 5 months and 1, 2, 3, 4 and 5 years are Sundhedsstyrelsen's
 * ("Vejledning om forebyggende sundhedsydelser til børn og unge"); vaccination visits are the
 * ones generators/records/programme.ts decides, so a past one is on the day its doses were given.
 * A consultation to renew a prescription is for a patient with a medicine on the card that day,
 * one about blood test results follows a blood sample (generators/records/chart.ts).
 */

import { openDayOnOrAfter, slotCount, slotStart } from '../clinic-calendar.ts';
import { type Appointment, ownDoctorOf, type RecordContext } from '../context.ts';
import { addMonthsToDay, copenhagenTimestamp, type DayNumber, isoToDay } from '../day-calendar.ts';
import type { Rng } from '../rng.ts';
import { anyMedicine, type Chart, renewable, sampledWithin } from './chart.ts';
import { type ClinicalProfile, type ConditionKey, findCondition } from './clinical-profile.ts';
import { PROGRAMME_HISTORY_FROM, type ProgrammeSource, programmeSource, type ScheduledDose } from './programme.ts';
import { pickWeighted, poisson, type WeightedTable, weightedTable } from './sampling.ts';
import { sortInPlace } from './sort.ts';

// ── Tables ───────────────────────────────────────────────────────────────────────────────────

type Kind = Appointment['kind'];

/** A reason for booking; `remote` reasons are often handled by phone or video. */
interface Reason {
  readonly text: string;
  readonly remote: boolean;
  /** What the journal must hold on the day (NEEDS_*), or 0. */
  readonly needs: number;
}

// Reasons that follow the journal: a renewal or a talk about medicines needs a medicine on the
// card, blood test results a sample taken in the weeks before.
const RENEWAL = 'Fornyelse af recept';
const ABOUT_MEDICINES: ReadonlySet<string> = new Set([RENEWAL, 'Medicingennemgang', 'Samtale om medicin']);
const LAB_ANSWERS = 'Svar på blodprøver';
const NEEDS_MEDICINE = 1;
const NEEDS_SAMPLE = 2;
/** Results are talked over within four weeks of the sample. */
const LAB_ANSWER_DAYS = 28;

const reasons = (remote: boolean, ...texts: string[]): readonly Reason[] =>
  Object.freeze(
    texts.map((text) =>
      Object.freeze({
        text,
        remote,
        needs: ABOUT_MEDICINES.has(text) ? NEEDS_MEDICINE : text === LAB_ANSWERS ? NEEDS_SAMPLE : 0,
      }),
    ),
  );

const INFANT_REASONS = reasons(
  false,
  'Feber',
  'Bleudslæt',
  'Spiser dårligt',
  'Ørepine',
  'Forkølelse og hoste',
  'Øjenbetændelse',
);
const CHILD_REASONS: readonly Reason[] = Object.freeze([
  ...reasons(false, 'Ørepine', 'Feber og hoste', 'Udslæt', 'Mavesmerter', 'Halsbetændelse', 'Forstoppelse'),
  ...reasons(false, 'Vorter', 'Eksem', 'Øjenbetændelse', 'Skadet håndled'),
  ...reasons(true, 'Svar på podning', 'Hoste der ikke går over'),
]);
const YOUNG_REASONS: readonly Reason[] = Object.freeze([
  ...reasons(false, 'Halsbetændelse', 'Ondt i ryggen', 'Hudforandring', 'Hovedpine', 'Forstuvet ankel', 'Udslæt'),
  ...reasons(false, 'Øresmerter', 'Træthed', 'Modermærke', 'Knæsmerter efter sport'),
  ...reasons(true, 'Samtale om stress', 'Svar på prøver', RENEWAL, 'Søvnproblemer'),
]);
const MIDDLE_REASONS: readonly Reason[] = Object.freeze([
  ...reasons(false, 'Ondt i ryggen', 'Ondt i skulderen', 'Ondt i knæet', 'Hudforandring', 'Træthed', 'Hovedpine'),
  ...reasons(false, 'Hoste', 'Mavesmerter', 'Helbredstjek', 'Halsbetændelse', 'Svimmelhed'),
  ...reasons(true, LAB_ANSWERS, 'Samtale om medicin', 'Søvnproblemer', RENEWAL),
]);
const OLD_REASONS: readonly Reason[] = Object.freeze([
  ...reasons(false, 'Svimmelhed', 'Åndenød', 'Hævede ben', 'Hukommelsesproblemer', 'Ondt i hoften', 'Ondt i knæet'),
  ...reasons(false, 'Hoste', 'Opfølgning efter indlæggelse', 'Opfølgning efter fald', 'Sår på benet'),
  ...reasons(true, 'Medicingennemgang', LAB_ANSWERS, RENEWAL),
]);

/** A reason that only fits one sex and an age span (years, inclusive). */
interface SexReason {
  readonly reason: Reason;
  readonly sex: 'female' | 'male';
  readonly minAge: number;
  readonly maxAge: number;
}

const sexReason = (text: string, remote: boolean, sex: 'female' | 'male', minAge: number, maxAge: number) =>
  Object.freeze({ reason: Object.freeze({ text, remote, needs: 0 }), sex, minAge, maxAge });

const SEX_REASONS: readonly SexReason[] = Object.freeze([
  sexReason('Samtale om prævention', true, 'female', 15, 49),
  sexReason('Graviditetsundersøgelse', false, 'female', 20, 44),
  // Cervical screening: every 3 years from 23 to 49, every 5 years from 50 to 64 (Sundhedsstyrelsen).
  sexReason('Celleprøve', false, 'female', 23, 64),
  sexReason('Svie ved vandladning', true, 'female', 18, 85),
  sexReason('Gener i overgangsalderen', true, 'female', 45, 60),
  sexReason('Vandladningsproblemer', false, 'male', 50, 99),
]);

// The ages the tables below are given for; older patients read the last row.
const MAX_TABLE_AGE = 120;
const tableAge = (age: number): number => Math.max(0, Math.min(age, MAX_TABLE_AGE));

/** The sex-specific reasons that fit each age, women's and men's, in table order. */
const SEX_REASONS_BY_AGE: Readonly<Record<'female' | 'male', readonly (readonly Reason[])[]>> = Object.freeze({
  female: sexReasonsByAge('female'),
  male: sexReasonsByAge('male'),
});

function sexReasonsByAge(sex: 'female' | 'male'): readonly (readonly Reason[])[] {
  return Object.freeze(
    Array.from({ length: MAX_TABLE_AGE + 1 }, (_, age) =>
      Object.freeze(
        SEX_REASONS.filter((s) => s.sex === sex && age >= s.minAge && age <= s.maxAge).map((s) => s.reason),
      ),
    ),
  );
}

/** A chronic illness the clinic controls: an annual control and, between them, shorter ones. */
interface ChronicCare {
  /** The youngest age (years, at the reference date) controlled at the GP rather than at hospital. */
  readonly minAge: number;
  /** Share of the patients with the condition who come to the clinic's controls. */
  readonly attends: number;
  readonly annual: string;
  readonly interim: string | null;
  /** Months between controls (the annual one counts as one of them). */
  readonly everyMonths: number;
  readonly annualMinutes: number;
  readonly interimMinutes: number;
}

const care = (c: ChronicCare): ChronicCare => Object.freeze(c);
const BLOOD_PRESSURE = care({
  minAge: 18,
  attends: 0.8,
  annual: 'Årskontrol blodtryk',
  interim: 'Kontrol af blodtryk',
  everyMonths: 6,
  annualMinutes: 30,
  interimMinutes: 15,
});

// A raised blood pressure not (yet) called hypertension: re-measured about once a year.
const RAISED_BLOOD_PRESSURE = care({
  minAge: 18,
  attends: 0.6,
  annual: 'Kontrol af blodtryk',
  interim: null,
  everyMonths: 12,
  annualMinutes: 15,
  interimMinutes: 0,
});

const THYROID = care({
  minAge: 10,
  attends: 0.7,
  annual: 'Kontrol af stofskifte',
  interim: null,
  everyMonths: 12,
  annualMinutes: 15,
  interimMinutes: 0,
});

const DIABETES_TYPE_2 = care({
  minAge: 18,
  attends: 0.9,
  annual: 'Årskontrol diabetes',
  interim: 'Diabeteskontrol',
  everyMonths: 4,
  annualMinutes: 30,
  interimMinutes: 20,
});

const DIABETES_TYPE_1 = care({
  minAge: 18,
  attends: 0.3,
  annual: 'Årskontrol diabetes',
  interim: null,
  everyMonths: 12,
  annualMinutes: 30,
  interimMinutes: 0,
});

const COPD = care({
  minAge: 40,
  attends: 0.75,
  annual: 'Årskontrol KOL',
  interim: null,
  everyMonths: 12,
  annualMinutes: 30,
  interimMinutes: 0,
});

const ASTHMA = care({
  minAge: 5,
  attends: 0.5,
  annual: 'Astmakontrol',
  interim: null,
  everyMonths: 12,
  annualMinutes: 20,
  interimMinutes: 0,
});

/**
 * The controls of each condition the clinic follows (diagnosis → care). Type 2 diabetes is
 * controlled in general practice; most type 1 diabetics at the hospital's diabetes clinic, children
 * always. A diabetic's blood pressure is checked at the diabetes controls (see `chronicControls`).
 * Thyroid patients have their TSH measured about once a year (lab-results.ts) and are seen with it.
 */
const CARE_OF: ReadonlyMap<ConditionKey, ChronicCare> = new Map<ConditionKey, ChronicCare>([
  ['hypertension', BLOOD_PRESSURE],
  ['elevatedBloodPressure', RAISED_BLOOD_PRESSURE],
  ['diabetesType2', DIABETES_TYPE_2],
  ['diabetesType1', DIABETES_TYPE_1],
  ['copd', COPD],
  ['hypothyroidism', THYROID],
  ['thyrotoxicosis', THYROID],
  ['asthma', ASTHMA],
]);

/** Appointments that check the patient's health or treatment: the controls, a medication review, a health check. */
const CHECK_UPS: ReadonlySet<string> = new Set([
  ...[...CARE_OF.values()].flatMap((c) => (c.interim === null ? [c.annual] : [c.annual, c.interim])),
  'Medicingennemgang',
  'Helbredstjek',
]);

/**
 * The day of the patient's last completed check-up (a control, a medication review, a health
 * check) before `day`, or -Infinity if the appointments show none. `appointments` are sorted by
 * start, as generateAppointments returns them.
 */
export function lastCheckUpBefore(appointments: readonly Appointment[], day: DayNumber): number {
  for (let i = appointments.length - 1; i >= 0; i--) {
    const a = appointments[i] as Appointment;
    if (a.status !== 'completed' || a.reason === null || !CHECK_UPS.has(a.reason)) continue;
    const on = isoToDay(a.startsAt);
    if (on < day) return on;
  }
  return Number.NEGATIVE_INFINITY;
}

/** Child health examinations at the GP (Sundhedsstyrelsen): age in months (5 weeks as 0), label. */
type Exam = readonly [months: number, label: string];
const NO_EXAMS: readonly Exam[] = Object.freeze([]);
const CHILD_EXAMS: readonly Exam[] = Object.freeze([
  [0, 'Børneundersøgelse 5 uger'],
  [5, 'Børneundersøgelse 5 måneder'],
  [12, 'Børneundersøgelse 1 år'],
  [24, 'Børneundersøgelse 2 år'],
  [36, 'Børneundersøgelse 3 år'],
  [48, 'Børneundersøgelse 4 år'],
  [60, 'Børneundersøgelse 5 år'],
]);

interface AgeProfile {
  readonly visitsPerYear: number;
  readonly upcoming: number;
  readonly reasons: readonly Reason[];
}

const ageProfile = (visitsPerYear: number, upcoming: number, reasons: readonly Reason[]) =>
  Object.freeze({ visitsPerYear, upcoming, reasons });
const INFANT = ageProfile(1.5, 0.15, INFANT_REASONS);
const CHILD = ageProfile(1.2, 0.15, CHILD_REASONS);
const YOUNG_WOMAN = ageProfile(2.4, 0.2, YOUNG_REASONS);
const YOUNG_MAN = ageProfile(1.6, 0.2, YOUNG_REASONS);
const MIDDLE_WOMAN = ageProfile(2.8, 0.3, MIDDLE_REASONS);
const MIDDLE_MAN = ageProfile(2.2, 0.3, MIDDLE_REASONS);
const SENIOR = ageProfile(3.2, 0.45, OLD_REASONS);
const OLD = ageProfile(4.2, 0.6, OLD_REASONS);

function profileOf(age: number, sex: 'female' | 'male'): AgeProfile {
  const woman = sex === 'female';
  if (age < 2) return INFANT;
  if (age < 15) return CHILD;
  if (age < 40) return woman ? YOUNG_WOMAN : YOUNG_MAN;
  if (age < 65) return woman ? MIDDLE_WOMAN : MIDDLE_MAN;
  if (age < 75) return SENIOR;
  return OLD;
}

/** How an appointment is held, by how often its reason is handled remotely; video where offered. */
function kindTables(video: boolean): Readonly<Record<'mostly' | 'remote', WeightedTable<Kind>>> {
  const table = (choices: (readonly [Kind, number])[]) =>
    weightedTable(choices.filter(([kind]) => video || kind !== 'video'));
  return Object.freeze({
    mostly: table([
      ['in-person', 80],
      ['phone', 17],
      ['video', 3],
    ]),
    remote: table([
      ['in-person', 35],
      ['phone', 50],
      ['video', 15],
    ]),
  });
}
const KIND_BY_REMOTE = kindTables(true);
const KIND_BY_REMOTE_NO_VIDEO = kindTables(false);
const MINUTES: Readonly<Record<Kind, WeightedTable<number>>> = Object.freeze({
  'in-person': weightedTable([
    [15, 60],
    [20, 15],
    [30, 20],
    [10, 5],
  ]),
  phone: weightedTable([
    [10, 80],
    [15, 20],
  ]),
  video: weightedTable([
    [15, 75],
    [10, 15],
    [20, 10],
  ]),
});

// Appointments start on a 5-minute grid within the clinic's opening hours.
const GRID_MINUTES = 5;
const UPCOMING_DAYS = 42;
const CANCELLED_SHARE = 0.06;

// ── Generator ────────────────────────────────────────────────────────────────────────────────

/** One appointment before its time of day, kind and party are drawn. */
interface Plan {
  day: DayNumber;
  reason: string | null;
  /** What the journal must hold on the day the plan is placed (NEEDS_*), or 0. */
  needs: number;
  /** Where another reason is drawn from if the journal does not hold it. */
  reasons: readonly Reason[];
  /** Fixed length for an in-person visit (examinations, controls), else drawn by kind. */
  minutes: number;
  /** 'in-person' only, or how often the reason is handled remotely. */
  mode: 'in-person' | 'mostly' | 'remote';
  /** Share booked by the clinic's staff rather than the patient or a parent. */
  clinicBooks: number;
}

const NO_REASONS: readonly Reason[] = Object.freeze([]);

/** Past programme visits of a patient who has none: every adult. */
const NO_PLANS: readonly Plan[] = Object.freeze([]);

/**
 * The patient's appointments, sorted by start: completed and cancelled ones in the past two to
 * three years, booked ones in the next six weeks, all on the clinic's open days within its hours,
 * Copenhagen time. `profile` is the patient's clinical profile: the regular controls are those of
 * the chronic conditions it holds, from their onset. `programme` is the child's vaccination
 * programme (generateJournal shares one with the vaccinations, so that a past vaccination visit is
 * on the day its doses were given; by default one is decided for this call). `chart` is the
 * patient's medication card and lab results: a prescription renewal is for a patient with a
 * medicine on the card, a talk about blood test results follows a sample; where the journal holds
 * neither on the day, the consultation is for another reason.
 */
export function generateAppointments(
  ctx: RecordContext,
  profile: ClinicalProfile,
  chart: Chart,
  programme: ProgrammeSource = programmeSource(ctx),
  ownDoctor: string | null = ownDoctorOf(ctx),
): Appointment[] {
  const { rng, patient, clinic } = ctx;
  const today = isoToDay(ctx.today);
  const birth = isoToDay(patient.birthDate);
  // A newborn's first visit is the examination at five weeks, or an illness after the first fortnight.
  const start = Math.max(birth + 14, today - rng.int(730, 1095));
  const horizon = today + UPCOMING_DAYS;
  const visits = profileOf(patient.ageYears, patient.sex);
  const plans: Plan[] = [];
  let held = NO_PLANS;

  // Examinations run to 5 years; programme doses, however late, are given by 14 (HPV 2 is due at
  // 12½), and the window reaches three years back.
  if (patient.ageYears <= 8 || (patient.ageYears < 18 && patient.birthDate >= PROGRAMME_HISTORY_FROM)) {
    const programmeVisits: Plan[] = [];
    childProgramme(ctx, programme, birth, start, today, horizon, plans, programmeVisits);
    held = programmeVisits;
  }

  // General consultations, past and upcoming.
  const sexReasons = SEX_REASONS_BY_AGE[patient.sex][tableAge(patient.ageYears)] ?? [];
  const past = poisson(rng, (visits.visitsPerYear * (today - start)) / 365.25);
  const upcoming = poisson(rng, visits.upcoming);
  for (let i = 0; i < past + upcoming; i++) {
    const day = i < past ? rng.int(start, today - 1) : rng.int(today + 1, horizon);
    const reason = sexReasons.length > 0 && rng.chance(0.2) ? rng.pick(sexReasons) : rng.pick(visits.reasons);
    const unstated = rng.chance(0.03);
    plans.push({
      day,
      reason: unstated ? null : reason.text,
      needs: unstated ? 0 : reason.needs,
      reasons: visits.reasons,
      minutes: 0,
      mode: reason.remote ? 'remote' : 'mostly',
      clinicBooks: 0.25,
    });
  }

  chronicControls(ctx, profile, start, horizon, plans);

  return schedule(ctx, chart, plans, held, today, horizon, clinic.capabilities.videoConsultation, ownDoctor);
}

/**
 * Child health examinations and programme vaccination visits. A visit is merged into an
 * examination due within two weeks of its doses, which then takes the visit's day. Past visits
 * (the doses were given) go to `held`, to be placed on exactly their day; upcoming ones and the
 * examinations held without vaccination go to `plans`.
 */
function childProgramme(
  ctx: RecordContext,
  programme: ProgrammeSource,
  birth: DayNumber,
  start: DayNumber,
  today: DayNumber,
  horizon: DayNumber,
  plans: Plan[],
  held: Plan[],
): void {
  const { rng, patient } = ctx;
  const exams = patient.ageYears <= 8 ? CHILD_EXAMS : NO_EXAMS;
  const examDue = exams.map(([months]) => (months === 0 ? birth + 35 : addMonthsToDay(birth, months)));
  // Whether the examination of the same index is held at a vaccination visit.
  const merged = exams.map(() => false);
  for (const { day, doses } of programme().visits) {
    const exam = examOf(examDue, merged, doses);
    if (exam >= 0) merged[exam] = true;
    if (day < start || day > horizon) continue;
    let labels = '';
    for (const { label } of doses) labels = labels === '' ? label : `${labels} og ${label}`;
    const label = exam >= 0 ? `${(exams[exam] as Exam)[1]} og vaccination (${labels})` : `Vaccination (${labels})`;
    const plan: Plan = {
      day,
      reason: label,
      needs: 0,
      reasons: NO_REASONS,
      minutes: exam >= 0 ? 30 : 15,
      mode: 'in-person',
      clinicBooks: 0.4,
    };
    (day < today ? held : plans).push(plan);
  }
  exams.forEach(([, label], i) => {
    const due = examDue[i] as DayNumber;
    if (merged[i] || due > horizon || due + 120 < start) return;
    // Most families come within three weeks of the due date; one in eight not at all.
    const attends = rng.chance(0.88);
    const day = due + (rng.chance(0.8) ? rng.int(0, 21) : rng.int(22, 90));
    if (!attends || day < start || day > horizon) return;
    plans.push({ day, reason: label, needs: 0, reasons: NO_REASONS, minutes: 30, mode: 'in-person', clinicBooks: 0.4 });
  });
}

/** The first examination not yet merged that is due within two weeks of one of the doses, or -1. */
function examOf(examDue: readonly DayNumber[], merged: readonly boolean[], doses: readonly ScheduledDose[]): number {
  for (let i = 0; i < examDue.length; i++) {
    if (merged[i]) continue;
    for (const { dueDay } of doses) if (Math.abs((examDue[i] as DayNumber) - dueDay) <= 14) return i;
  }
  return -1;
}

/**
 * Regular controls of the patient's chronic conditions that the clinic follows, each from a few
 * weeks after its onset (or the window's start) to the horizon. A diabetic's blood pressure is
 * checked at the diabetes controls, so a diabetic has no separate blood-pressure controls.
 */
function chronicControls(
  ctx: RecordContext,
  profile: ClinicalProfile,
  start: DayNumber,
  horizon: DayNumber,
  plans: Plan[],
): void {
  const { rng, patient } = ctx;
  for (const condition of profile.conditions) {
    const care = CARE_OF.get(condition.key);
    if (care === undefined || patient.ageYears < care.minAge || !rng.chance(care.attends)) continue;
    if ((care === BLOOD_PRESSURE || care === RAISED_BLOOD_PRESSURE) && isDiabetic(profile)) continue;
    const every = Math.round(care.everyMonths * 30.44);
    const perYear = Math.round(12 / care.everyMonths);
    // Diagnosed within the window: the first control follows the diagnosis, the annual one a year
    // on. Diagnosed before it: controls run at their own rhythm from the window's start.
    const fresh = condition.onsetDay + 14 > start;
    let n = fresh ? 1 : rng.int(0, perYear - 1);
    let day = fresh ? condition.onsetDay + rng.int(14, 60) : start + rng.int(0, every);
    // Not before the age the clinic controls the condition from (before it, the hospital did).
    const from = profile.birthDay + Math.ceil(care.minAge * 365.25);
    for (; day < from; day += every) n++;
    for (; day <= horizon; day += every + rng.int(-20, 20), n++) {
      const annual = n % perYear === 0 || care.interim === null;
      plans.push({
        day,
        reason: annual ? care.annual : care.interim,
        needs: 0,
        reasons: NO_REASONS,
        minutes: annual ? care.annualMinutes : care.interimMinutes,
        mode: annual ? 'in-person' : 'mostly',
        clinicBooks: 0.6,
      });
    }
  }
}

function isDiabetic(profile: ClinicalProfile): boolean {
  return findCondition(profile, 'diabetesType2') !== undefined || findCondition(profile, 'diabetesType1') !== undefined;
}

function byDay(a: Plan, b: Plan): number {
  return a.day - b.day;
}

/**
 * Places the plans on the clinic's open days and clock times, and draws kind, practitioner and
 * booker. `held` are past vaccination visits in day order: each is placed on exactly its day (the
 * day its doses were given) and completed, and no other plan takes that day.
 */
function schedule(
  ctx: RecordContext,
  chart: Chart,
  plans: Plan[],
  held: readonly Plan[],
  today: DayNumber,
  horizon: DayNumber,
  video: boolean,
  ownDoctor: string | null,
): Appointment[] {
  const { rng, clinic } = ctx;
  const kinds = video ? KIND_BY_REMOTE : KIND_BY_REMOTE_NO_VIDEO;
  const childUntil = isoToDay(ctx.patient.ownAppUseFrom); // a parent books before the 15th birthday
  const out: Appointment[] = [];

  // In day order, each plan takes the first open day on or after its own and after the previous
  // appointment's that no held visit has, so days strictly increase: sorted by start, at most one
  // appointment a day. A held visit is written just before the first plan placed after its day.
  sortInPlace(plans, byDay);
  let lastDay = Number.NEGATIVE_INFINITY;
  let next = 0; // the first held visit not yet written; every one before it is before lastDay
  for (const plan of plans) {
    // Nothing is placed on the reference day itself: before it is past, after it is upcoming.
    const past = plan.day < today;
    const kind: Kind = plan.mode === 'in-person' ? 'in-person' : pickWeighted(rng, kinds[plan.mode]);
    const minutes = kind === 'in-person' && plan.minutes > 0 ? plan.minutes : pickWeighted(rng, MINUTES[kind]);
    // The clinic's first open day from the plan's with a slot that long (never on its closed days
    // or holidays, within its hours and clear of a lunch break).
    let day = openDayOnOrAfter(clinic.calendar, Math.max(past ? plan.day : Math.max(plan.day, today + 1), lastDay + 1));
    let slots = isHeld(held, next, day) ? 0 : slotCount(clinic.calendar.intervals(day), minutes, GRID_MINUTES);
    for (let tries = 0; slots === 0 && tries < 14; tries++) {
      day = openDayOnOrAfter(clinic.calendar, day + 1);
      slots = isHeld(held, next, day) ? 0 : slotCount(clinic.calendar.intervals(day), minutes, GRID_MINUTES);
    }
    // A past plan moved onto today or later, or a future one moved past the horizon, is dropped.
    if (slots === 0 || (past ? day >= today : day > horizon)) continue;
    for (; next < held.length && (held[next] as Plan).day < day; next++) {
      writeHeld(ctx, held[next] as Plan, ownDoctor, childUntil, out);
    }
    lastDay = day;
    if (plan.needs !== 0 && !holds(chart, plan.needs, day)) plan.reason = otherReason(rng, chart, plan.reasons, day);
    out.push(appointment(ctx, plan, day, kind, minutes, slots, past, ownDoctor, childUntil, true));
  }
  for (; next < held.length; next++) writeHeld(ctx, held[next] as Plan, ownDoctor, childUntil, out);
  return out;
}

/** Whether the journal holds what a reason needs on `day`. */
function holds(chart: Chart, needs: number, day: DayNumber): boolean {
  return needs === NEEDS_MEDICINE ? anyMedicine(chart, day, renewable) : sampledWithin(chart, day, LAB_ANSWER_DAYS);
}

/** A reason from `reasons` that the journal bears out on `day` (most need nothing). */
function otherReason(rng: Rng, chart: Chart, reasons: readonly Reason[], day: DayNumber): string {
  for (;;) {
    const r = rng.pick(reasons);
    if (r.needs === 0 || holds(chart, r.needs, day)) return r.text;
  }
}

/** Whether a held visit is on `day`, looking from the held visit `from` on (they are in day order). */
function isHeld(held: readonly Plan[], from: number, day: DayNumber): boolean {
  for (let i = from; i < held.length; i++) {
    const d = (held[i] as Plan).day;
    if (d >= day) return d === day;
  }
  return false;
}

/** Writes a past vaccination visit on its own day: in person, completed (the doses were given). */
function writeHeld(
  ctx: RecordContext,
  plan: Plan,
  ownDoctor: string | null,
  childUntil: DayNumber,
  out: Appointment[],
): void {
  // Every open day of a generated clinic has a half-hour slot (its shortest opening is three
  // hours); only a scenario's hand-written hours could leave none.
  const slots = slotCount(ctx.clinic.calendar.intervals(plan.day), plan.minutes, GRID_MINUTES);
  if (slots === 0) return;
  out.push(appointment(ctx, plan, plan.day, 'in-person', plan.minutes, slots, true, ownDoctor, childUntil, false));
}

/** The appointment for a plan placed on `day`, at one of its `slots`; a past one may be cancelled. */
function appointment(
  ctx: RecordContext,
  plan: Plan,
  day: DayNumber,
  kind: Kind,
  minutes: number,
  slots: number,
  past: boolean,
  ownDoctor: string | null,
  childUntil: DayNumber,
  mayCancel: boolean,
): Appointment {
  const { rng, patient, clinic, custodians } = ctx;
  const startMinute = slotStart(clinic.calendar.intervals(day), minutes, GRID_MINUTES, rng.int(0, slots - 1));

  // Booked at the desk, or by the patient; for a child under 15 by a parent with custody.
  const atDesk = rng.chance(plan.clinicBooks);
  const bookedBy: Appointment['bookedBy'] =
    !atDesk && day >= childUntil
      ? { role: 'patient', name: patient.name }
      : !atDesk && custodians.length > 0
        ? { role: 'parent', name: rng.pick(custodians).name }
        : { role: 'clinic', name: clinic.name };

  const cancelled = past && mayCancel && rng.chance(CANCELLED_SHARE);
  const doctors = clinic.doctors;
  return {
    id: ctx.ids.next('apt'),
    startsAt: copenhagenTimestamp(day, startMinute),
    endsAt: copenhagenTimestamp(day, startMinute + minutes),
    kind,
    status: cancelled ? 'cancelled' : past ? 'completed' : 'booked',
    practitioner: ownDoctor === null ? null : rng.chance(0.75) ? ownDoctor : rng.pick(doctors),
    reason: plan.reason,
    bookedBy,
    cancelledAt: cancelled ? cancellation(rng, day, startMinute) : null,
  };
}

/** When a past appointment was cancelled: the same morning, the day before, or up to a week before. */
function cancellation(rng: Rng, day: DayNumber, startMinute: number): string {
  const sameDayLatest = startMinute - 30;
  const r = rng.next();
  const daysBefore = r < 0.25 ? 0 : r < 0.6 ? 1 : rng.int(2, 7);
  if (daysBefore === 0 && sameDayLatest >= 7 * 60) return copenhagenTimestamp(day, rng.int(7 * 60, sameDayLatest));
  return copenhagenTimestamp(day - Math.max(1, daysBefore), rng.int(7 * 60, 21 * 60 + 59));
}
