/**
 * The Danish childhood vaccination programme (børnevaccinationsprogrammet) as data, and the due
 * dates it gives a child. The app shows own and children's vaccinations; the generators need
 * realistic histories and the mock server needs to say what is due, so the programme lives here
 * once.
 *
 * The programme is the one in force since 1 September 2019 (DOMAIN.md; pro.medicin.dk, SSI).
 * Birth-cohort rules are included only where the source is clear:
 * - HPV for girls born on or after 1 January 1996 (HPV joined the programme on 1 January 2009 for
 *   girls born in 1996 or later; SSI, EPI-NEWS 06/2010), and for boys born on or after 1 July 2007
 *   (since 1 September 2019; DOMAIN.md). Catch-up offers (girls born 1993–95, boys born 2006 to
 *   June 2007) were temporary and are not programme doses.
 * - MMR 2 at 4 years for children who turned 4 on or after 1 April 2008 (born on or after
 *   1 April 2004); children older than 4 on that day kept MMR 2 at 12 years (SSI, EPI-NYT 12-13/2016).
 * Everything else is applied to every cohort as it is today, which is faithful for children born
 * from 2008 on and not before: PCV joined the programme on 1 October 2007 (its first cohort is not
 * modelled), and HPV was three doses for those who started before 2014.
 *
 * HPV is two doses at least five months apart (pro.medicin.dk); dose 2 is given as due six months
 * after dose 1, which satisfies the interval and is the common schedule. Due ages are calendar
 * months from the birth date, clamped to the month's last day (born 31 January → 3 months is
 * 30 April).
 *
 * Each kind of cohort's programme is tabulated once, so `dosesDue` only parses the birth date and
 * adds months to it: the generators ask for the programme of every child they make.
 */

import type { Sex } from './cpr.ts';
import type { IsoDate } from './time.ts';
import { daysInMonth, formatDate, parseIsoDate } from './time.ts';

/** One dose of the programme. */
export interface ProgrammeDose {
  /** Stable identifier, e.g. 'ditekipol-hib-1'. */
  readonly id: string;
  /** Short vaccine name as used in Danish general practice, e.g. 'DiTeKiPol/Hib'. */
  readonly vaccine: string;
  /** What it protects against, in English. */
  readonly against: string;
  /** Dose number within this vaccine's series (the DiTeKiPol booster is the 4th dose against those diseases). */
  readonly dose: number;
  /** Human label, e.g. 'DiTeKiPol/Hib 1', 'DiTeKiPol booster'. */
  readonly label: string;
  /** Due age in whole calendar months from birth, in the current programme. */
  readonly dueAgeMonths: number;
}

const DITEKIPOL_HIB = 'Diphtheria, tetanus, pertussis, polio, Haemophilus influenzae type b';
const PCV = 'Pneumococcal disease';
const MMR = 'Measles, mumps, rubella';
const HPV = 'Human papillomavirus';

/** The childhood programme in force since 1 September 2019, in due order. */
export const CHILDHOOD_PROGRAMME: readonly ProgrammeDose[] = frozenTable([
  {
    id: 'ditekipol-hib-1',
    vaccine: 'DiTeKiPol/Hib',
    against: DITEKIPOL_HIB,
    dose: 1,
    label: 'DiTeKiPol/Hib 1',
    dueAgeMonths: 3,
  },
  { id: 'pcv-1', vaccine: 'PCV', against: PCV, dose: 1, label: 'PCV 1', dueAgeMonths: 3 },
  {
    id: 'ditekipol-hib-2',
    vaccine: 'DiTeKiPol/Hib',
    against: DITEKIPOL_HIB,
    dose: 2,
    label: 'DiTeKiPol/Hib 2',
    dueAgeMonths: 5,
  },
  { id: 'pcv-2', vaccine: 'PCV', against: PCV, dose: 2, label: 'PCV 2', dueAgeMonths: 5 },
  {
    id: 'ditekipol-hib-3',
    vaccine: 'DiTeKiPol/Hib',
    against: DITEKIPOL_HIB,
    dose: 3,
    label: 'DiTeKiPol/Hib 3',
    dueAgeMonths: 12,
  },
  { id: 'pcv-3', vaccine: 'PCV', against: PCV, dose: 3, label: 'PCV 3', dueAgeMonths: 12 },
  { id: 'mmr-1', vaccine: 'MMR', against: MMR, dose: 1, label: 'MMR 1', dueAgeMonths: 15 },
  { id: 'mmr-2', vaccine: 'MMR', against: MMR, dose: 2, label: 'MMR 2', dueAgeMonths: 48 },
  {
    id: 'ditekipol-booster',
    vaccine: 'DiTeKiPol',
    against: 'Diphtheria, tetanus, pertussis, polio',
    dose: 4,
    label: 'DiTeKiPol booster',
    dueAgeMonths: 60,
  },
  { id: 'hpv-1', vaccine: 'HPV', against: HPV, dose: 1, label: 'HPV 1', dueAgeMonths: 144 },
  { id: 'hpv-2', vaccine: 'HPV', against: HPV, dose: 2, label: 'HPV 2', dueAgeMonths: 150 },
]);

/** Freezes a table and its rows: the cohort tables below share the rows, so nothing may change them. */
function frozenTable<T extends object>(rows: T[]): readonly T[] {
  for (const row of rows) Object.freeze(row);
  return Object.freeze(rows);
}

/** Girls born on or after this date are in the HPV programme (introduced 1 January 2009). */
export const HPV_GIRLS_BORN_FROM: IsoDate = '1996-01-01';
/** Boys born on or after this date are in the HPV programme (since 1 September 2019). */
export const HPV_BOYS_BORN_FROM: IsoDate = '2007-07-01';
/** Children born on or after this date get MMR 2 at 4 years; earlier cohorts at 12 years. */
export const MMR2_AT_FOUR_BORN_FROM: IsoDate = '2004-04-01';

/**
 * A programme dose for one child, with its due date. `dueAgeMonths` is this child's, which differs
 * from the programme's only for MMR 2 in cohorts born before 1 April 2004 (144).
 */
export interface DueDose extends ProgrammeDose {
  readonly dueDate: IsoDate;
}

/** One dose of a cohort's programme: the dose and its due age for that cohort. */
interface CohortDose {
  readonly dose: ProgrammeDose;
  readonly months: number;
}

/** The due age of a dose in a cohort, or undefined if the dose is not in that cohort's programme. */
function dueAgeFor(dose: ProgrammeDose, hpv: boolean, mmr2AtFour: boolean): number | undefined {
  if (dose.vaccine === 'HPV') return hpv ? dose.dueAgeMonths : undefined;
  if (dose.id === 'mmr-2' && !mmr2AtFour) return 12 * 12;
  return dose.dueAgeMonths;
}

/**
 * The programme of each kind of cohort, built once: whether the child is in the HPV programme
 * (by sex and birth date) and whether MMR 2 is at 4 years (by birth date), index `hpv + 2 × mmr2AtFour`.
 * Each is in due order, which is the order of due ages: a later due age is a later month, so a
 * later due date, whatever the birth date. Equal ages keep programme order (MMR 2 at 12 years moves
 * late).
 */
const COHORT_PROGRAMMES: readonly (readonly CohortDose[])[] = Object.freeze(
  [0, 1, 2, 3].map((variant) => {
    const doses: CohortDose[] = [];
    for (const dose of CHILDHOOD_PROGRAMME) {
      const months = dueAgeFor(dose, (variant & 1) !== 0, (variant & 2) !== 0);
      if (months !== undefined) doses.push(Object.freeze({ dose, months }));
    }
    return Object.freeze(doses.sort((a, b) => a.months - b.months));
  }),
);

// Two-digit months and days, so that writing a due date is a look-up and a concatenation.
const PAD2: readonly string[] = Object.freeze(Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0')));

/** formatDate, without its padding work for the four-digit years every child has. */
function isoDate(year: number, month: number, day: number): IsoDate {
  return year >= 1000 && year <= 9999 ? `${year}-${PAD2[month]}-${PAD2[day]}` : formatDate(year, month, day);
}

function assertSex(sex: Sex): void {
  if (sex !== 'female' && sex !== 'male')
    throw new RangeError(`Expected sex 'female' or 'male', got ${JSON.stringify(sex)}`);
}

/**
 * The programme doses for a child with their due dates, in due order; with `asOf`, only those
 * due on or before that date.
 * @example dosesDue('2024-01-31', 'female', '2024-06-30') // DiTeKiPol/Hib 1 + PCV 1 (30 April), … 2 (30 June)
 */
export function dosesDue(birthDate: IsoDate, sex: Sex, asOf?: IsoDate): DueDose[] {
  const birth = parseIsoDate(birthDate);
  assertSex(sex);
  if (asOf !== undefined) parseIsoDate(asOf);
  // ISO dates compare correctly as strings once validated.
  const hpv = birthDate >= (sex === 'female' ? HPV_GIRLS_BORN_FROM : HPV_BOYS_BORN_FROM);
  const programme = COHORT_PROGRAMMES[(hpv ? 1 : 0) + (birthDate >= MMR2_AT_FOUR_BORN_FROM ? 2 : 0)] ?? [];
  const birthMonth = birth.year * 12 + birth.month - 1;
  const due: DueDose[] = [];
  for (const { dose, months } of programme) {
    // Calendar months from the birth date, clamped to the month's last day (as addMonths).
    const year = Math.floor((birthMonth + months) / 12);
    const month = birthMonth + months - year * 12 + 1;
    const dueDate = isoDate(year, month, birth.day <= 28 ? birth.day : Math.min(birth.day, daysInMonth(year, month)));
    if (asOf !== undefined && dueDate > asOf) break; // in due order: the rest are later still
    due.push({
      id: dose.id,
      vaccine: dose.vaccine,
      against: dose.against,
      dose: dose.dose,
      label: dose.label,
      dueAgeMonths: months,
      dueDate,
    });
  }
  return due;
}

/**
 * The programme doses due strictly before `asOf` that are not among `given` (dose ids). A dose due
 * on `asOf` itself is due, not yet overdue. Throws a RangeError for an unknown dose id.
 */
export function dosesOverdue(birthDate: IsoDate, sex: Sex, given: Iterable<string>, asOf: IsoDate): DueDose[] {
  const givenIds = new Set(given);
  for (const id of givenIds) {
    if (!CHILDHOOD_PROGRAMME.some((d) => d.id === id)) {
      throw new RangeError(
        `Unknown programme dose id ${JSON.stringify(id)}; expected one of CHILDHOOD_PROGRAMME's ids`,
      );
    }
  }
  return dosesDue(birthDate, sex, asOf).filter((d) => d.dueDate < asOf && !givenIds.has(d.id));
}

/**
 * Seasonal influenza for young children: NOT part of the childhood programme, a separate free
 * offer. Since the 2021/22 season children aged 2 to 6 inclusive have been offered a live
 * attenuated nasal-spray vaccine (SSI, Sundhedsstyrelsen), during the influenza season from
 * 1 October to 15 January. A child vaccinated against influenza for the first time gets two doses
 * at least four weeks apart. Not modelled: later start dates in single seasons (delayed delivery
 * in 2021), second doses allowed after 15 January, and any change to the offer in future seasons.
 */
export interface ChildInfluenzaOffer {
  /** The season, e.g. '2025/26'. */
  readonly season: string;
  readonly offeredFrom: IsoDate;
  readonly offeredUntil: IsoDate;
  readonly vaccine: string;
}

/** The first season (autumn year) of the children's influenza offer. */
export const CHILD_INFLUENZA_FIRST_SEASON = 2021;

/**
 * The children's nasal influenza offer open to a child on `asOf`, or undefined: the date must be in
 * a season window (1 October – 15 January, from 2021/22) and the child aged 2–6 on that date.
 */
export function childInfluenzaOffer(birthDate: IsoDate, asOf: IsoDate): ChildInfluenzaOffer | undefined {
  const birth = parseIsoDate(birthDate);
  const { year, month, day } = parseIsoDate(asOf);
  const autumnYear = month >= 10 ? year : month === 1 && day <= 15 ? year - 1 : undefined;
  if (autumnYear === undefined || autumnYear < CHILD_INFLUENZA_FIRST_SEASON) return undefined;
  // Aged 2 to 6 inclusive: has had the 2nd birthday, not yet the 7th.
  if (asOf < birthday(birth, 2) || asOf >= birthday(birth, 7)) return undefined;
  return {
    season: `${autumnYear}/${String((autumnYear + 1) % 100).padStart(2, '0')}`,
    offeredFrom: `${autumnYear}-10-01`,
    offeredUntil: `${autumnYear + 1}-01-15`,
    vaccine: 'Influenza, live attenuated nasal spray (LAIV)',
  };
}

/** The date of the `years`th birthday (29 February → 28 February in common years, as addYears). */
function birthday(birth: { year: number; month: number; day: number }, years: number): IsoDate {
  const year = birth.year + years;
  return isoDate(year, birth.month, Math.min(birth.day, daysInMonth(year, birth.month)));
}
