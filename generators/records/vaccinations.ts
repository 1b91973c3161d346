/**
 * Vaccinations for one patient, as the journal registers them (and the national vaccination
 * register, Det Danske Vaccinationsregister, feeds them back): the childhood programme for children
 * and young people, a short adult list of seasonal influenza, COVID-19, tetanus/diphtheria boosters
 * and the odd travel vaccine.
 *
 * Programme doses are given at the visits generators/records/programme.ts decides (the visits the
 * appointments show), for cohorts born from 2008; coverage, delays and families who decline are
 * described there. Products: PCV13 (Prevenar 13) replaced PCV7 (Prevenar) from week 16 of 2010
 * (EPI-NEWS 15/10); HPV for these cohorts is Gardasil 9 (used since November 2017). Adults: influenza is free from 65 and taken by about three in four
 * (SSI); COVID-19 primary doses by age group in 2021, boosters from autumn 2021, seasonal doses for
 * the 50+ in 2022 and the 65+ since. ATC codes are WHO's (J07).
 */
import type { IsoDate } from '../../domain/time.ts';
import { CHILD_INFLUENZA_FIRST_SEASON, childInfluenzaOffer } from '../../domain/vaccination.ts';
import { openDayOnOrAfter } from '../clinic-calendar.ts';
import { type Appointment, ownDoctorOf, type RecordContext, type Vaccination } from '../context.ts';
import { type DayNumber, dayOf, dayToIso, isoToDay, workingDayOnOrAfter, yearOfDay } from '../day-calendar.ts';
import type { Rng } from '../rng.ts';
import { PROGRAMME_HISTORY_FROM, type ProgrammeSource, programmeSource } from './programme.ts';
import { pickWeighted, type WeightedTable, weightedTable } from './sampling.ts';
import { sortInPlace } from './sort.ts';

interface Product {
  readonly vaccine: string;
  readonly atcCode: string | null;
}

const product = (vaccine: string, atcCode: string | null): Product => Object.freeze({ vaccine, atcCode });

const DITEKIPOL_HIB = product('DiTeKiPol/Hib', 'J07CA06');
const DITEKIPOL = product('DiTeKiPol', 'J07CA02');
const PREVENAR = product('Prevenar', 'J07AL02');
const PREVENAR_13 = product('Prevenar 13', 'J07AL02');
const MMR = product('M-M-RVAXPRO', 'J07BD52');
const GARDASIL_9 = product('Gardasil 9', 'J07BM03');
const FLUENZ_TETRA = product('Fluenz Tetra', 'J07BB03');
const FLUENZ = product('Fluenz', 'J07BB03');
const INFLUENZA = product('Influenzavaccine', 'J07BB02');
const COMIRNATY = product('Comirnaty', 'J07BN01');
const SPIKEVAX = product('Spikevax', 'J07BN01');
const DITEBOOSTER = product('diTeBooster', 'J07AM51');
const BOOSTRIX = product('Boostrix', 'J07AJ52');
const PNEUMOVAX = product('Pneumovax', 'J07AL01');
const HAVRIX = product('Havrix', 'J07BC02');
const TWINRIX = product('Twinrix', 'J07BC20');
const TYPHIM_VI = product('Typhim Vi', 'J07AP03');
const DUKORAL = product('Dukoral', 'J07AE01');

const PCV13_FROM = isoToDay('2010-04-19');
/** The oldest children who were still 6 in the first influenza season (autumn 2021). */
const CHILD_INFLUENZA_COHORTS_FROM: IsoDate = `${CHILD_INFLUENZA_FIRST_SEASON - 7}-10-01`;

const YEAR_DAYS = 365.25;
const CLINIC = 'clinic';

interface Draft {
  day: DayNumber;
  product: Product;
  dose: number | null;
  /** A name, or CLINIC for the patient's own doctor (resolved once per patient). */
  givenBy: string | null;
}

/**
 * The patient's vaccinations in the order given: childhood programme doses for cohorts born from
 * 2008 and a short adult list; nothing before birth or after the reference date. `programme` is
 * the child's programme (generateJournal shares one with the appointments, so that doses are given
 * at the visits the appointments show; by default one is decided for this call).
 */
export function generateVaccinations(
  ctx: RecordContext,
  programme: ProgrammeSource = programmeSource(ctx),
  ownDoctor: string | null = ownDoctorOf(ctx),
  appointments: readonly Appointment[] = [],
): Vaccination[] {
  const { patient } = ctx;
  const today = isoToDay(ctx.today);
  const birth = isoToDay(patient.birthDate);
  const drafts: Draft[] = [];

  let childFlu = false;
  if (patient.birthDate >= PROGRAMME_HISTORY_FROM) childFlu = childhoodProgramme(ctx, programme, today, drafts);
  if (childFlu && patient.birthDate >= CHILD_INFLUENZA_COHORTS_FROM) childInfluenza(ctx, birth, today, drafts);
  if (patient.ageYears >= 18) adultVaccinations(ctx, birth, today, drafts);

  sortInPlace(drafts, byDay);
  const out: Vaccination[] = [];
  // A dose the clinic gave on the day of a completed visit is the visit's practitioner's; other
  // clinic doses the patient's own doctor's. Both lists are in day order: one pass over each.
  let next = 0;
  for (const d of drafts) {
    const givenOn = dayToIso(d.day);
    let givenBy = d.givenBy;
    if (givenBy === CLINIC) {
      while (next < appointments.length && (appointments[next] as Appointment).startsAt.slice(0, 10) < givenOn) next++;
      givenBy = visitPractitioner(appointments, next, givenOn) ?? ownDoctor;
    }
    out.push({
      id: ctx.ids.next('vac'),
      vaccine: d.product.vaccine,
      atcCode: d.product.atcCode,
      dose: d.dose,
      givenOn,
      givenBy,
    });
  }
  return out;
}

/** The practitioner of a completed appointment on `day`, looking from `from` on (appointments in day order). */
function visitPractitioner(appointments: readonly Appointment[], from: number, day: IsoDate): string | null {
  for (let i = from; i < appointments.length; i++) {
    const a = appointments[i] as Appointment;
    if (a.startsAt.slice(0, 10) !== day) return null;
    if (a.status === 'completed' && a.practitioner !== null) return a.practitioner;
  }
  return null;
}

function byDay(a: Draft, b: Draft): number {
  return a.day - b.day;
}

function programmeProduct(vaccine: string, day: DayNumber): Product {
  switch (vaccine) {
    case 'DiTeKiPol/Hib':
      return DITEKIPOL_HIB;
    case 'DiTeKiPol':
      return DITEKIPOL;
    case 'PCV':
      return day < PCV13_FROM ? PREVENAR : PREVENAR_13;
    case 'MMR':
      return MMR;
    case 'HPV':
      return GARDASIL_9;
    default:
      return product(vaccine, null); // a vaccine added to the programme later: name only
  }
}

/**
 * The programme doses given before the reference date, on the days of the programme's visits (a
 * visit on the reference date itself is still to come). Returns whether the family takes up
 * optional offers (the children's influenza vaccine).
 */
function childhoodProgramme(
  ctx: RecordContext,
  programme: ProgrammeSource,
  today: DayNumber,
  drafts: Draft[],
): boolean {
  const { declined, visits } = programme();
  if (declined) return false;
  for (const { day, doses } of visits) {
    if (day >= today) break; // in day order
    for (const { dose, number } of doses) {
      drafts.push({ day, product: programmeProduct(dose.vaccine, day), dose: number, givenBy: CLINIC });
    }
  }
  return ctx.rng.chance(0.45);
}

/** The nasal influenza vaccine offered to children aged 2–6 each autumn since 2021. */
function childInfluenza(ctx: RecordContext, birth: DayNumber, today: DayNumber, drafts: Draft[]): void {
  const { rng, patient } = ctx;
  const todayYear = yearOfDay(today);
  const birthYear = yearOfDay(birth);
  let first = true;
  for (let year = Math.max(CHILD_INFLUENZA_FIRST_SEASON, birthYear + 2); year <= todayYear; year++) {
    const day = openDayOnOrAfter(ctx.clinic.calendar, dayOf(year, 10, 1) + rng.int(0, 75));
    if (day > today || day <= birth || !rng.chance(0.85)) continue;
    if (childInfluenzaOffer(patient.birthDate, dayToIso(day)) === undefined) continue;
    const vaccine = year >= 2024 ? FLUENZ : FLUENZ_TETRA;
    drafts.push({ day, product: vaccine, dose: null, givenBy: CLINIC });
    // A child's first influenza vaccination is two doses at least four weeks apart.
    const second = openDayOnOrAfter(ctx.clinic.calendar, day + rng.int(28, 42));
    if (first && second <= today && childInfluenzaOffer(patient.birthDate, dayToIso(second)) !== undefined) {
      drafts.push({ day: second, product: vaccine, dose: null, givenBy: CLINIC });
    }
    first = false;
  }
}

type Span = readonly [from: DayNumber, to: DayNumber];
const span = (from: IsoDate, to: IsoDate): Span => Object.freeze([isoToDay(from), isoToDay(to)] as const);

// Age in 2021 → the span in which most of that group had the first dose, oldest first.
const COVID_PRIMARY: readonly (readonly [minAge: number, Span])[] = Object.freeze([
  Object.freeze([80, span('2021-01-10', '2021-02-28')] as const),
  Object.freeze([65, span('2021-03-01', '2021-04-30')] as const),
  Object.freeze([50, span('2021-05-01', '2021-06-20')] as const),
  Object.freeze([0, span('2021-06-01', '2021-08-31')] as const),
]);
const BOOSTER_50 = span('2021-10-01', '2022-01-15');
const BOOSTER_YOUNG = span('2021-12-01', '2022-02-28');
const AUTUMN_2022 = span('2022-09-15', '2022-11-30');
const PERTUSSIS_IN_PREGNANCY_FROM = isoToDay('2019-10-01');
const PNEUMOVAX_FROM = isoToDay('2020-09-01');
const TRAVEL_VACCINES: readonly Product[] = Object.freeze([HAVRIX, TWINRIX, TYPHIM_VI, DUKORAL]);
const FLU_GIVERS: WeightedTable<string | null> = weightedTable<string | null>([
  [CLINIC, 55],
  ['Apotek', 35], // pharmacies vaccinate the 65+ for free as well
  [null, 10],
]);
const COVID_CENTRE = 'Regionalt vaccinationscenter';
const EMERGENCY = 'Akutmodtagelsen';

/** Registers an adult dose if it falls between the 18th birthday and today; false if it does not. */
type Add = (day: DayNumber, p: Product, dose: number | null, givenBy: string | null) => boolean;

/** Influenza, COVID-19, boosters and travel vaccines; each only from the 18th birthday. */
function adultVaccinations(ctx: RecordContext, birth: DayNumber, today: DayNumber, drafts: Draft[]): void {
  const { rng, patient } = ctx;
  const adultFrom = birth + Math.ceil(18 * YEAR_DAYS);
  const from65 = birth + Math.ceil(65 * YEAR_DAYS);
  const birthYear = yearOfDay(birth);
  const todayYear = yearOfDay(today);
  const add: Add = (day, p, dose, givenBy) => {
    // The clinic vaccinates on its open days, pharmacies and travel clinics on working days,
    // vaccination centres and emergency rooms every day.
    const d =
      givenBy === COVID_CENTRE || givenBy === EMERGENCY
        ? day
        : givenBy === CLINIC
          ? openDayOnOrAfter(ctx.clinic.calendar, day)
          : workingDayOnOrAfter(day);
    if (d < adultFrom || d > today) return false;
    drafts.push({ day: d, product: p, dose, givenBy });
    return true;
  };

  // Seasonal influenza in the last four autumns: most of the 65+, and a risk group of the others.
  const habit = rng.next();
  for (let year = todayYear - 3; year <= todayYear; year++) {
    const day = dayOf(year, 10, 1) + (rng.chance(0.85) ? rng.int(0, 60) : rng.int(61, 80));
    const takes = day >= from65 ? (habit < 0.8 ? 0.9 : 0.1) : habit < 0.12 ? 0.8 : 0;
    if (!rng.chance(takes)) continue;
    add(day, INFLUENZA, null, pickWeighted(rng, FLU_GIVERS));
  }

  covid(rng, birthYear, todayYear, add);

  // A tetanus/diphtheria booster in the last ten years (after a wound, or before travel).
  if (rng.chance(0.2)) add(today - rng.int(30, 3650), DITEBOOSTER, null, rng.chance(0.55) ? CLINIC : EMERGENCY);
  // Whooping cough vaccination in pregnancy, offered free since autumn 2019.
  if (patient.sex === 'female' && rng.chance(0.12)) {
    const lo = Math.max(PERTUSSIS_IN_PREGNANCY_FROM, birth + Math.ceil(20 * YEAR_DAYS));
    const hi = Math.min(today, birth + Math.floor(43 * YEAR_DAYS));
    if (lo <= hi) add(rng.int(lo, hi), BOOSTRIX, null, CLINIC);
  }
  if (rng.chance(0.2)) {
    const lo = Math.max(PNEUMOVAX_FROM, from65);
    if (lo <= today) add(rng.int(lo, today), PNEUMOVAX, null, CLINIC);
  }
  if (patient.ageYears <= 75 && rng.chance(0.07)) travel(rng, today, add);
}

/** Primary doses in 2021, a booster that winter, then autumn doses for the older. */
function covid(rng: Rng, birthYear: number, todayYear: number, add: Add): void {
  const age2021 = 2021 - birthYear;
  const brand = rng.chance(0.85) ? COMIRNATY : SPIKEVAX;
  if (!rng.chance(age2021 >= 50 ? 0.92 : 0.82)) return;
  let group = COVID_PRIMARY[COVID_PRIMARY.length - 1];
  for (const g of COVID_PRIMARY) {
    if (age2021 >= g[0]) {
      group = g;
      break;
    }
  }
  if (group === undefined) return;
  const d1 = rng.int(group[1][0], group[1][1]);
  const d2 = d1 + rng.int(21, 42);
  if (!add(d1, brand, 1, COVID_CENTRE) || !add(d2, brand, 2, COVID_CENTRE)) return;
  if (!rng.chance(age2021 >= 50 ? 0.88 : 0.65)) return;
  const [lo, hi] = age2021 >= 50 ? BOOSTER_50 : BOOSTER_YOUNG;
  if (!add(Math.max(rng.int(lo, hi), d2 + 140), rng.chance(0.8) ? COMIRNATY : SPIKEVAX, 3, COVID_CENTRE)) return;
  if (age2021 + 1 >= 50 && rng.chance(0.75)) {
    add(rng.int(AUTUMN_2022[0], AUTUMN_2022[1]), rng.chance(0.8) ? COMIRNATY : SPIKEVAX, 4, COVID_CENTRE);
  }
  // Seasonal doses from 2023 for the 65+ (no dose number: a seasonal vaccine).
  const habit = rng.chance(0.7) ? 0.85 : 0.15;
  for (let year = 2023; year <= todayYear; year++) {
    if (year - birthYear < 65 || !rng.chance(habit)) continue;
    const day = dayOf(year, 10, 1) + rng.int(0, 70);
    add(day, rng.chance(0.8) ? COMIRNATY : SPIKEVAX, null, rng.chance(0.5) ? 'Apotek' : COVID_CENTRE);
  }
}

/** One trip in the last six years with one or two vaccines, some in several doses. */
function travel(rng: Rng, today: DayNumber, add: Add): void {
  const trip = today - rng.int(20, 6 * 365);
  const givenBy = rng.chance(0.5) ? CLINIC : 'Vaccinationsklinik';
  for (const vaccine of rng.sample(TRAVEL_VACCINES, rng.chance(0.6) ? 1 : 2)) {
    switch (vaccine) {
      case HAVRIX:
        if (add(trip, HAVRIX, 1, givenBy) && rng.chance(0.5)) add(trip + rng.int(180, 365), HAVRIX, 2, givenBy);
        break;
      case TWINRIX:
        if (add(trip, TWINRIX, 1, givenBy) && add(trip + rng.int(28, 35), TWINRIX, 2, givenBy)) {
          add(trip + rng.int(180, 200), TWINRIX, 3, givenBy);
        }
        break;
      case DUKORAL:
        if (add(trip, DUKORAL, 1, givenBy)) add(trip + rng.int(7, 21), DUKORAL, 2, givenBy);
        break;
      default:
        add(trip, vaccine, null, givenBy);
    }
  }
}
