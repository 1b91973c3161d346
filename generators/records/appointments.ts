/**
 * Appointments (aftaler) for one patient: the past two to three years of consultations, a few
 * booked in the coming weeks, the child health examinations and programme vaccinations of a young
 * child, and the regular controls of a chronically ill patient (the generator is not told the
 * diagnoses, so chronic illness is drawn from age).
 *
 * Also the clinic calendar the encounter generators share (vaccinations and e-consultations use it
 * too): working days (not weekends, not Danish public holidays including the customary
 * Grundlovsdag, Juleaften and Nytårsaften, on which clinics close: domain/opening-hours.ts) and
 * Copenhagen wall-clock instants. Both are read from a table built once at load from domain/
 * (publicHolidays, copenhagenOffsetMinutes), because the Intl time-zone look-up costs about 10 µs per
 * call and a patient needs dozens of instants; dates outside the table fall back to domain/ per call.
 *
 * Figures (rounded, for realism rather than statistics): Danes see their GP about 4–5 times a
 * year on average, children and the young less and people over 75 about twice as often
 * (Danmarks Statistik, "Sygesikringsydelser"; PLO "Fakta om almen praksis"); the standard
 * consultation is 15 minutes, annual controls of chronic illness 30. The child health
 * examinations at 5 weeks, 5 months and 1, 2, 3, 4 and 5 years are Sundhedsstyrelsen's
 * ("Vejledning om forebyggende sundhedsydelser til børn og unge"); vaccinations follow
 * domain/vaccination.ts.
 */
import { isPublicHoliday, publicHolidays } from '../../domain/public-holidays.ts';
import { copenhagenOffsetMinutes, daysInMonth, type IsoDate } from '../../domain/time.ts';
import { dosesDue } from '../../domain/vaccination.ts';
import type { Appointment, RecordContext } from '../context.ts';
import type { Rng } from '../rng.ts';

// ── Clinic calendar ──────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil): integer
 * arithmetic only, since the generators convert dates for every item.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date the caller has validated (the context's dates are). */
export function dayNumber(date: IsoDate): number {
  return daysFromCivil(
    digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3),
    digit(date, 5) * 10 + digit(date, 6),
    digit(date, 8) * 10 + digit(date, 9),
  );
}

/** The day `months` calendar months after a day number, clamped to the month's end (as addMonths). */
export function addMonthsToDay(day: number, months: number): number {
  const iso = isoDateOf(day);
  const index = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return daysFromCivil(year, month, Math.min(Number(iso.slice(8, 10)), daysInMonth(year, month)));
}

const TWO_DIGITS: readonly string[] = Object.freeze(Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0')));

function two(n: number): string {
  return TWO_DIGITS[n] ?? String(n);
}

/** The ISO date of a day number, years 1000–9999 (Hinnant's civil_from_days). */
export function isoDateOf(day: number): IsoDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${two(month)}-${two(doy - Math.floor((153 * mp + 2) / 5) + 1)}`;
}

/** 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const WORKING = 1;
const SUMMER_TIME = 2;
const TABLE_FIRST_YEAR = 2000;
const TABLE_YEARS = 60;
const TABLE_FIRST_DAY = daysFromCivil(TABLE_FIRST_YEAR, 1, 1);

// 11:00 UTC is noon or 13:00 in Copenhagen, on the same day either way.
function summerTimeAtNoon(day: number): boolean {
  return copenhagenOffsetMinutes(new Date(day * DAY_MS + 11 * HOUR_MS)) === 120;
}

/**
 * The days of a year with summer time at noon, [from, to), found by bisection: Copenhagen has one
 * summer-time span a year, starting and ending on a night, with 1 January and 31 December in
 * winter time.
 */
function summerTimeSpan(first: number, last: number): readonly [number, number] {
  const mid = first + 181;
  if (!summerTimeAtNoon(mid)) return [0, 0];
  let lo = first;
  let hi = mid;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (summerTimeAtNoon(m)) hi = m;
    else lo = m;
  }
  const from = hi;
  lo = mid;
  hi = last;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (summerTimeAtNoon(m)) lo = m;
    else hi = m;
  }
  return [from, hi];
}

/** One character per day from 1 January 2000 for 60 years: bit 0 working day, bit 1 summer time. */
const DAY_FLAGS: string = (() => {
  const chars = ['\u0000', '\u0001', '\u0002', '\u0003'];
  let out = '';
  for (let year = TABLE_FIRST_YEAR; year < TABLE_FIRST_YEAR + TABLE_YEARS; year++) {
    const first = daysFromCivil(year, 1, 1);
    const last = daysFromCivil(year, 12, 31);
    const holidays = publicHolidays(year, { includeUnofficial: true }).map((h) => dayNumber(h.date));
    const [from, to] = summerTimeSpan(first, last);
    for (let day = first; day <= last; day++) {
      const working = weekdayIndex(day) < 5 && !holidays.includes(day) ? WORKING : 0;
      out += chars[working | (day >= from && day < to ? SUMMER_TIME : 0)];
    }
  }
  return out;
})();

function flagsOf(day: number): number {
  const i = day - TABLE_FIRST_DAY;
  if (i >= 0 && i < DAY_FLAGS.length) return DAY_FLAGS.charCodeAt(i);
  // Outside the table: ask domain/ directly (slow, but only for reference dates far from now).
  const working = weekdayIndex(day) < 5 && !isPublicHoliday(isoDateOf(day), { includeUnofficial: true });
  return (working ? WORKING : 0) | (summerTimeAtNoon(day) ? SUMMER_TIME : 0);
}

/** Whether the clinic is open for appointments on a day: a weekday that is no public holiday. */
export function isWorkingDay(day: number): boolean {
  return (flagsOf(day) & WORKING) !== 0;
}

/** The day itself if it is a working day, otherwise the next one. */
export function nextWorkingDay(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d++;
  return d;
}

/** The working day `count` working days after `day` (count ≥ 1). */
export function addWorkingDays(day: number, count: number): number {
  let d = day;
  for (let i = 0; i < count; i++) d = nextWorkingDay(d + 1);
  return d;
}

/** 'HH:MM' for every minute of the day, so formatting a time is a look-up. */
const CLOCK: readonly string[] = Object.freeze(
  Array.from({ length: 24 * 60 }, (_, m) => `${two(Math.floor(m / 60))}:${two(m % 60)}`),
);

/**
 * A Copenhagen wall-clock time on a day as the contracts write instants (with the Copenhagen
 * offset, as in their examples). Only for 04:00–23:59: the offset is the day's noon offset, and
 * summer time starts and ends between 02:00 and 03:00.
 */
export function wallClockIso(day: number, minuteOfDay: number): string {
  return `${isoDateOf(day)}T${CLOCK[minuteOfDay] ?? '00:00'}:00${offsetOf(day)}`;
}

/** The day's UTC offset as written in an instant (its noon offset). */
function offsetOf(day: number): string {
  return flagsOf(day) & SUMMER_TIME ? '+02:00' : '+01:00';
}

/** The same instant as epoch milliseconds, for comparing instants. */
export function wallClockMs(day: number, minuteOfDay: number): number {
  const offsetHours = flagsOf(day) & SUMMER_TIME ? 2 : 1;
  return day * DAY_MS + minuteOfDay * MINUTE_MS - offsetHours * HOUR_MS;
}

/** A Poisson-distributed count (Knuth's method; means here are small). */
export function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

// ── Tables ───────────────────────────────────────────────────────────────────────────────────

type Kind = Appointment['kind'];

/** A reason for booking; `remote` reasons are often handled by phone or video. */
interface Reason {
  readonly text: string;
  readonly remote: boolean;
}

const reasons = (remote: boolean, ...texts: string[]): readonly Reason[] =>
  Object.freeze(texts.map((text) => Object.freeze({ text, remote })));

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
  ...reasons(true, 'Samtale om stress', 'Svar på prøver', 'Fornyelse af recept', 'Søvnproblemer'),
]);
const MIDDLE_REASONS: readonly Reason[] = Object.freeze([
  ...reasons(false, 'Ondt i ryggen', 'Ondt i skulderen', 'Ondt i knæet', 'Hudforandring', 'Træthed', 'Hovedpine'),
  ...reasons(false, 'Hoste', 'Mavesmerter', 'Helbredstjek', 'Halsbetændelse', 'Svimmelhed'),
  ...reasons(true, 'Svar på blodprøver', 'Samtale om medicin', 'Søvnproblemer', 'Fornyelse af recept'),
]);
const OLD_REASONS: readonly Reason[] = Object.freeze([
  ...reasons(false, 'Svimmelhed', 'Åndenød', 'Hævede ben', 'Hukommelsesproblemer', 'Ondt i hoften', 'Ondt i knæet'),
  ...reasons(false, 'Hoste', 'Opfølgning efter indlæggelse', 'Opfølgning efter fald', 'Sår på benet'),
  ...reasons(true, 'Medicingennemgang', 'Svar på blodprøver', 'Fornyelse af recept'),
]);

/** Reasons that only fit one sex and an age span (years, inclusive). */
const SEX_REASONS: readonly { reason: Reason; sex: 'female' | 'male'; minAge: number; maxAge: number }[] =
  Object.freeze([
    { reason: { text: 'Samtale om prævention', remote: true }, sex: 'female', minAge: 15, maxAge: 49 },
    { reason: { text: 'Graviditetsundersøgelse', remote: false }, sex: 'female', minAge: 20, maxAge: 44 },
    // Cervical screening: every 3 years from 23 to 49, every 5 years from 50 to 64 (Sundhedsstyrelsen).
    { reason: { text: 'Celleprøve', remote: false }, sex: 'female', minAge: 23, maxAge: 64 },
    { reason: { text: 'Svie ved vandladning', remote: true }, sex: 'female', minAge: 18, maxAge: 85 },
    { reason: { text: 'Gener i overgangsalderen', remote: true }, sex: 'female', minAge: 45, maxAge: 60 },
    { reason: { text: 'Vandladningsproblemer', remote: false }, sex: 'male', minAge: 50, maxAge: 99 },
  ]);

/** A chronic illness the clinic controls: an annual control and, between them, shorter ones. */
interface ChronicCare {
  readonly minAge: number;
  readonly weight: number;
  readonly annual: string;
  readonly interim: string | null;
  /** Months between controls (the annual one counts as one of them). */
  readonly everyMonths: number;
  readonly annualMinutes: number;
  readonly interimMinutes: number;
}

const CHRONIC_CARE: readonly ChronicCare[] = Object.freeze([
  {
    minAge: 30,
    weight: 50,
    annual: 'Årskontrol blodtryk',
    interim: 'Kontrol af blodtryk',
    everyMonths: 6,
    annualMinutes: 30,
    interimMinutes: 15,
  },
  {
    minAge: 35,
    weight: 25,
    annual: 'Årskontrol diabetes',
    interim: 'Diabeteskontrol',
    everyMonths: 4,
    annualMinutes: 30,
    interimMinutes: 20,
  },
  {
    minAge: 45,
    weight: 12,
    annual: 'Årskontrol KOL',
    interim: null,
    everyMonths: 12,
    annualMinutes: 30,
    interimMinutes: 0,
  },
  {
    minAge: 20,
    weight: 13,
    annual: 'Kontrol af stofskifte',
    interim: 'Kontrol af stofskifte',
    everyMonths: 6,
    annualMinutes: 15,
    interimMinutes: 15,
  },
  {
    minAge: 5,
    weight: 10,
    annual: 'Astmakontrol',
    interim: null,
    everyMonths: 12,
    annualMinutes: 20,
    interimMinutes: 0,
  },
]);

/** Child health examinations at the GP (Sundhedsstyrelsen): age in months (5 weeks as 0), label. */
const CHILD_EXAMS: readonly (readonly [number, string])[] = Object.freeze([
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
  readonly chronic: number;
  readonly reasons: readonly Reason[];
}

function profileOf(age: number, sex: 'female' | 'male'): AgeProfile {
  const woman = sex === 'female';
  if (age < 2) return { visitsPerYear: 1.5, upcoming: 0.15, chronic: 0, reasons: INFANT_REASONS };
  if (age < 15) return { visitsPerYear: 1.2, upcoming: 0.15, chronic: 0.04, reasons: CHILD_REASONS };
  if (age < 40) return { visitsPerYear: woman ? 2.4 : 1.6, upcoming: 0.2, chronic: 0.08, reasons: YOUNG_REASONS };
  if (age < 65) return { visitsPerYear: woman ? 2.8 : 2.2, upcoming: 0.3, chronic: 0.28, reasons: MIDDLE_REASONS };
  if (age < 75) return { visitsPerYear: 3.2, upcoming: 0.45, chronic: 0.45, reasons: OLD_REASONS };
  return { visitsPerYear: 4.2, upcoming: 0.6, chronic: 0.6, reasons: OLD_REASONS };
}

const KIND_BY_REMOTE: Readonly<Record<'mostly' | 'remote', readonly (readonly [Kind, number])[]>> = {
  mostly: [
    ['in-person', 80],
    ['phone', 17],
    ['video', 3],
  ],
  remote: [
    ['in-person', 35],
    ['phone', 50],
    ['video', 15],
  ],
};
const KIND_BY_REMOTE_NO_VIDEO: typeof KIND_BY_REMOTE = {
  mostly: KIND_BY_REMOTE.mostly.filter(([k]) => k !== 'video'),
  remote: KIND_BY_REMOTE.remote.filter(([k]) => k !== 'video'),
};
const MINUTES: Readonly<Record<Kind, readonly (readonly [number, number])[]>> = {
  'in-person': [
    [15, 60],
    [20, 15],
    [30, 20],
    [10, 5],
  ],
  phone: [
    [10, 80],
    [15, 20],
  ],
  video: [
    [15, 75],
    [10, 15],
    [20, 10],
  ],
};

// Clinic hours for appointments: 08:00–16:00 on a 5-minute grid.
const DAY_OPENS = 8 * 60;
const DAY_CLOSES = 16 * 60;
const UPCOMING_DAYS = 42;
const CANCELLED_SHARE = 0.06;

// ── Generator ────────────────────────────────────────────────────────────────────────────────

/** One appointment before its time of day, kind and party are drawn. */
interface Plan {
  day: number;
  reason: string | null;
  /** Fixed length for an in-person visit (examinations, controls), else drawn by kind. */
  minutes: number;
  /** 'in-person' only, or how often the reason is handled remotely. */
  mode: 'in-person' | 'mostly' | 'remote';
  /** Share booked by the clinic's staff rather than the patient or a parent. */
  clinicBooks: number;
}

/**
 * The patient's appointments, sorted by start: completed and cancelled ones in the past two to
 * three years, booked ones in the next six weeks, all on working days between 08:00 and 16:00
 * Copenhagen time.
 */
export function generateAppointments(ctx: RecordContext): Appointment[] {
  const { rng, patient, clinic } = ctx;
  const today = dayNumber(ctx.today);
  const birth = dayNumber(patient.birthDate);
  // A newborn's first visit is the examination at five weeks, or an illness after the first fortnight.
  const start = Math.max(birth + 14, today - rng.int(730, 1095));
  const horizon = today + UPCOMING_DAYS;
  const profile = profileOf(patient.ageYears, patient.sex);
  const plans: Plan[] = [];

  // Examinations run to 5 years and HPV to 12½; the window reaches three years back.
  if (patient.ageYears <= 8 || (patient.ageYears >= 11 && patient.ageYears <= 16)) {
    childProgramme(ctx, birth, start, horizon, plans);
  }

  // General consultations, past and upcoming.
  const sexReasons = SEX_REASONS.filter(
    (s) => s.sex === patient.sex && patient.ageYears >= s.minAge && patient.ageYears <= s.maxAge,
  );
  const past = poisson(rng, (profile.visitsPerYear * (today - start)) / 365.25);
  const upcoming = poisson(rng, profile.upcoming);
  for (let i = 0; i < past + upcoming; i++) {
    const day = i < past ? rng.int(start, today - 1) : rng.int(today + 1, horizon);
    const reason = sexReasons.length > 0 && rng.chance(0.2) ? rng.pick(sexReasons).reason : rng.pick(profile.reasons);
    plans.push({
      day,
      reason: rng.chance(0.03) ? null : reason.text,
      minutes: 0,
      mode: reason.remote ? 'remote' : 'mostly',
      clinicBooks: 0.25,
    });
  }

  if (rng.chance(profile.chronic)) chronicControls(ctx, start, horizon, plans);

  return schedule(ctx, plans, today, horizon, birth, clinic.capabilities.videoConsultation);
}

/** Child health examinations and programme vaccinations (merged when due within two weeks). */
function childProgramme(ctx: RecordContext, birth: number, start: number, horizon: number, plans: Plan[]): void {
  const { rng, patient } = ctx;
  const exams =
    patient.ageYears <= 8
      ? CHILD_EXAMS.map(([months, label]) => ({
          due: months === 0 ? birth + 35 : addMonthsToDay(birth, months),
          label,
          vaccination: false,
        }))
      : [];
  const visits: { due: number; label: string; minutes: number }[] = [];
  let groupDue = -1;
  let labels: string[] = [];
  const flush = (): void => {
    if (labels.length === 0) return;
    const exam = exams.find((e) => Math.abs(e.due - groupDue) <= 14);
    if (exam) exam.vaccination = true;
    else visits.push({ due: groupDue, label: `Vaccination (${labels.join(' og ')})`, minutes: 15 });
    labels = [];
  };
  for (const dose of dosesDue(patient.birthDate, patient.sex)) {
    const due = dayNumber(dose.dueDate);
    if (due !== groupDue) flush();
    groupDue = due;
    labels.push(dose.label);
  }
  flush();
  for (const e of exams) {
    visits.push({ due: e.due, label: e.vaccination ? `${e.label} og vaccination` : e.label, minutes: 30 });
  }
  for (const v of visits) {
    if (v.due > horizon || v.due + 120 < start) continue;
    // Most families come within three weeks of the due date; one in eight not at all.
    const attends = rng.chance(0.88);
    const day = v.due + (rng.chance(0.8) ? rng.int(0, 21) : rng.int(22, 90));
    if (!attends || day < start || day > horizon) continue;
    plans.push({ day, reason: v.label, minutes: v.minutes, mode: 'in-person', clinicBooks: 0.4 });
  }
}

/** Regular controls of one or two chronic illnesses, from the window's start to the horizon. */
function chronicControls(ctx: RecordContext, start: number, horizon: number, plans: Plan[]): void {
  const { rng, patient } = ctx;
  const eligible = CHRONIC_CARE.filter((c) => patient.ageYears >= c.minAge);
  if (eligible.length === 0) return;
  const first = rng.weighted(eligible.map((c) => [c, c.weight] as const));
  const others = eligible.filter((c) => c !== first);
  const cares =
    others.length > 0 && rng.chance(0.3) ? [first, rng.weighted(others.map((c) => [c, c.weight] as const))] : [first];
  for (const care of cares) {
    const every = Math.round(care.everyMonths * 30.44);
    const perYear = Math.round(12 / care.everyMonths);
    let n = rng.int(0, perYear - 1);
    for (let day = start + rng.int(0, every); day <= horizon; day += every + rng.int(-20, 20), n++) {
      const annual = n % perYear === 0 || care.interim === null;
      plans.push({
        day,
        reason: annual ? care.annual : care.interim,
        minutes: annual ? care.annualMinutes : care.interimMinutes,
        mode: annual ? 'in-person' : 'mostly',
        clinicBooks: 0.6,
      });
    }
  }
}

/** Places the plans on working days and clock times, and draws kind, practitioner and booker. */
function schedule(
  ctx: RecordContext,
  plans: Plan[],
  today: number,
  horizon: number,
  birth: number,
  video: boolean,
): Appointment[] {
  const { rng, patient, clinic, custodians } = ctx;
  const kinds = video ? KIND_BY_REMOTE : KIND_BY_REMOTE_NO_VIDEO;
  const doctors = clinic.doctors;
  const ownDoctor = doctors.length > 0 ? rng.pick(doctors) : null;
  // Until the 15th birthday a parent with custody books for the child.
  const childUntil = patient.ageYears < 17 ? addMonthsToDay(birth, 180) : birth;
  const out: Appointment[] = [];

  // In day order, each plan takes the first working day on or after its own and after the previous
  // appointment's, so days strictly increase: sorted by start, at most one appointment a day.
  plans.sort((a, b) => a.day - b.day);
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const plan of plans) {
    // Nothing is placed on the reference day itself: before it is past, after it is upcoming.
    const past = plan.day < today;
    const day = nextWorkingDay(Math.max(past ? plan.day : Math.max(plan.day, today + 1), lastDay + 1));
    // A past plan moved onto today or later, or a future one moved past the horizon, is dropped.
    if (past ? day >= today : day > horizon) continue;
    lastDay = day;

    const kind: Kind = plan.mode === 'in-person' ? 'in-person' : rng.weighted(kinds[plan.mode]);
    const minutes = kind === 'in-person' && plan.minutes > 0 ? plan.minutes : rng.weighted(MINUTES[kind]);
    const startMinute = DAY_OPENS + 5 * rng.int(0, (DAY_CLOSES - DAY_OPENS - minutes) / 5);

    // Booked at the desk, or by the patient; for a child under 15 by a parent with custody.
    const atDesk = rng.chance(plan.clinicBooks);
    const bookedBy: Appointment['bookedBy'] =
      !atDesk && day >= childUntil
        ? { role: 'patient', name: patient.name }
        : !atDesk && custodians.length > 0
          ? { role: 'parent', name: rng.pick(custodians).name }
          : { role: 'clinic', name: clinic.name };

    const cancelled = past && rng.chance(CANCELLED_SHARE);
    const date = isoDateOf(day);
    const offset = offsetOf(day);
    out.push({
      id: ctx.ids.next('apt'),
      startsAt: `${date}T${CLOCK[startMinute]}:00${offset}`,
      endsAt: `${date}T${CLOCK[startMinute + minutes]}:00${offset}`,
      kind,
      status: cancelled ? 'cancelled' : past ? 'completed' : 'booked',
      practitioner: ownDoctor === null ? null : rng.chance(0.75) ? ownDoctor : rng.pick(doctors),
      reason: plan.reason,
      bookedBy,
      cancelledAt: cancelled ? cancellation(rng, day, startMinute) : null,
    });
  }
  return out;
}

/** When a past appointment was cancelled: the same morning, the day before, or up to a week before. */
function cancellation(rng: Rng, day: number, startMinute: number): string {
  const sameDayLatest = startMinute - 30;
  const r = rng.next();
  const daysBefore = r < 0.25 ? 0 : r < 0.6 ? 1 : rng.int(2, 7);
  if (daysBefore === 0 && sameDayLatest >= 7 * 60) return wallClockIso(day, rng.int(7 * 60, sameDayLatest));
  return wallClockIso(day - Math.max(1, daysBefore), rng.int(7 * 60, 21 * 60 + 59));
}
