/**
 * A child's vaccination programme as the encounter generators read it: the clinic visits at which
 * the programme's doses are given, each decided once. Appointments (the vaccination visits) and
 * vaccinations (the doses given) both follow them, so `generateJournal` makes one source per
 * patient and hands it to both: a dose is given on the day of a visit, and the visit is an
 * appointment that day. The source decides only if a generator reads it (most patients are adults,
 * for whom neither does), with a generator forked from the patient's own, so it does not matter
 * which category reads it first.
 *
 * The programme is domain/vaccination.ts (dosesDue), applied to cohorts born from 2008, which the
 * module models faithfully and whose doses are in the register (it took the GPs' registrations from
 * 2009). Doses are mostly given within a few weeks of the due date with a tail of months, a few
 * percent of doses are missed (coverage per dose roughly as SSI's EPI-NEWS reports: about 96 % for
 * the first DiTeKiPol/Hib, falling to 85–90 % for MMR 2 and the 5-year booster and about 80 % for
 * HPV), and some 1.5 % of families decline the programme. A child who missed a dose has the next
 * of the series given as the one missed (catch-up), so its doses are numbered without gaps and the
 * series ends one short: the register never shows a second dose without a first.
 */
import type { IsoDate } from '../../domain/time.ts';
import { CHILDHOOD_PROGRAMME, type DueDose, dosesDue } from '../../domain/vaccination.ts';
import { openDayOnOrAfter } from '../clinic-calendar.ts';
import type { RecordContext } from '../context.ts';
import { addMonthsToDay, type DayNumber, dayToIso, isoToDay } from '../day-calendar.ts';
import type { Rng } from '../rng.ts';
import { sortInPlace } from './sort.ts';

/** A programme dose and the day it is due. */
export interface ScheduledDose {
  readonly dose: DueDose;
  readonly dueDay: DayNumber;
  /**
   * The dose's number in the series as registered: the programme's (`dose.dose`) less the doses of
   * the series the child missed before it, so the numbers run without gaps (a child who missed the
   * first DiTeKiPol/Hib visit has its first dose at the second).
   */
  readonly number: number;
  /** The label of that number ('DiTeKiPol/Hib 1'), as the vaccination visit names it. */
  readonly label: string;
}

/** A visit at the clinic for programme doses: an open day of the clinic. */
export interface ProgrammeVisit {
  readonly day: DayNumber;
  /**
   * The doses given that day, in programme order: given if the day is before the reference date,
   * else to be given (the visit is booked or yet to be).
   */
  readonly doses: readonly ScheduledDose[];
}

/** What the family does with the programme. */
export interface ChildProgramme {
  /** The family declined the programme: no doses, no visits. */
  readonly declined: boolean;
  /**
   * The visits in day order, at most one a day, up to a few months after the reference date. A
   * missed dose is in none; a visit whose every dose is missed did not happen.
   */
  readonly visits: readonly ProgrammeVisit[];
}

/** The programme of one child, decided when first read. */
export type ProgrammeSource = () => ChildProgramme;

/** What the source reads of a record context; `rng` is forked, never drawn from. */
export type ProgrammeContext = Pick<RecordContext, 'rng' | 'today' | 'patient' | 'clinic'>;

/** Cohorts whose programme doses are registered (see the header); older ones have no visits. */
export const PROGRAMME_HISTORY_FROM: IsoDate = '2008-01-01';
/**
 * How far past the reference date visits are decided: past the six weeks appointments are booked
 * ahead, and past the fortnight by which a visit is merged into a child health examination.
 */
const DECIDED_AHEAD_DAYS = 120;
const DECLINES_PROGRAMME = 0.015;
const DECLINES_MMR = 0.01;

/** Chance that a due programme dose is never given, by dose id (unknown ids: 3 %). */
const MISSED: Readonly<Record<string, number>> = Object.freeze({
  'ditekipol-hib-1': 0.02,
  'pcv-1': 0.02,
  'ditekipol-hib-2': 0.02,
  'pcv-2': 0.025,
  'ditekipol-hib-3': 0.03,
  'pcv-3': 0.035,
  'mmr-1': 0.03,
  'mmr-2': 0.07,
  'ditekipol-booster': 0.08,
  'hpv-1': 0.12, // boys: see HPV_BOYS_EXTRA_MISSED
  'hpv-2': 0.05,
});
/** Boys' HPV coverage is some ten points below girls' (SSI). */
const HPV_BOYS_EXTRA_MISSED = 0.08;
/** The least time between the two doses of an HPV course (DOMAIN.md: at least 5 months apart). */
const HPV_MIN_MONTHS = 5;

const NO_VISITS: ChildProgramme = Object.freeze({ declined: false, visits: Object.freeze([]) });
const DECLINED: ChildProgramme = Object.freeze({ declined: true, visits: Object.freeze([]) });

/** A source of the child's programme that decides it at most once, when first read. */
export function programmeSource(ctx: ProgrammeContext): ProgrammeSource {
  let programme: ChildProgramme | undefined;
  return () => {
    programme ??= decide(ctx);
    return programme;
  };
}

/** A dose on the day it is given. */
interface GivenDose {
  readonly day: DayNumber;
  readonly scheduled: ScheduledDose;
}

/**
 * The family's stance and every visit. Doses due on the same day are one visit; a later dose of a
 * series keeps a sensible distance from the one before however late that was, so it may be given
 * on a day of its own, or at the visit of doses due later.
 */
function decide(ctx: ProgrammeContext): ChildProgramme {
  const { patient } = ctx;
  if (patient.birthDate < PROGRAMME_HISTORY_FROM) return NO_VISITS;
  const rng = ctx.rng.fork('programme');
  const stance = rng.next();
  if (stance < DECLINES_PROGRAMME) return DECLINED;
  const declinesMmr = stance < DECLINES_PROGRAMME + DECLINES_MMR;
  const late = rng.chance(0.15);
  const boy = patient.sex === 'male';
  const calendar = ctx.clinic.calendar;
  const today = isoToDay(ctx.today);
  const series = new Map<string, { due: DayNumber; given: DayNumber }>();
  // Doses missed so far, by vaccine: each later dose of the series is numbered that many lower.
  let missedDoses: Map<string, number> | undefined;
  const given: GivenDose[] = [];
  let visitDue = Number.NaN;
  let visitDay = 0;
  // In due order, so doses due on one day are adjacent.
  for (const dose of dosesDue(patient.birthDate, patient.sex, dayToIso(today + DECIDED_AHEAD_DAYS))) {
    const due = isoToDay(dose.dueDate);
    if (due !== visitDue) {
      visitDue = due;
      const day = due + visitDelay(rng, late);
      // Only doses due by the reference date have been given (domain/vaccination.ts dosesDue with
      // the date): a visit brought forward from after it is still to come.
      visitDay = openDayOnOrAfter(calendar, due > today && day < today ? today : day);
    }
    const missed = (MISSED[dose.id] ?? 0.03) + (boy && dose.id === 'hpv-1' ? HPV_BOYS_EXTRA_MISSED : 0);
    const previous = series.get(dose.vaccine);
    if (
      rng.chance(missed) ||
      (declinesMmr && dose.vaccine === 'MMR') ||
      // An HPV course is never started with its second dose.
      (previous === undefined && dose.vaccine === 'HPV' && dose.dose > 1)
    ) {
      missedDoses ??= new Map();
      missedDoses.set(dose.vaccine, (missedDoses.get(dose.vaccine) ?? 0) + 1);
      continue;
    }
    let day = visitDay;
    if (previous !== undefined) {
      // A late earlier dose pushes this one back: at least a month after it, or a month less than
      // the programme's gap, and for HPV at least five calendar months (DOMAIN.md), without which
      // a two-dose course is not complete.
      const earliest =
        dose.vaccine === 'HPV'
          ? addMonthsToDay(previous.given, HPV_MIN_MONTHS)
          : previous.given + Math.max(28, due - previous.due - 30);
      day = Math.max(day, openDayOnOrAfter(calendar, earliest));
    }
    series.set(dose.vaccine, { due, given: day });
    const number = dose.dose - (missedDoses?.get(dose.vaccine) ?? 0);
    const label = number === dose.dose ? dose.label : labelOf(dose.vaccine, number, dose.label);
    given.push({ day, scheduled: { dose, dueDay: due, number, label } });
  }
  // Stable: doses given on one day stay in programme order.
  sortInPlace(given, byDay);
  const visits: ProgrammeVisit[] = [];
  let doses: ScheduledDose[] = [];
  for (let i = 0; i < given.length; i++) {
    const { day, scheduled } = given[i] as GivenDose;
    doses.push(scheduled);
    if (i + 1 === given.length || (given[i + 1] as GivenDose).day !== day) {
      visits.push({ day, doses });
      doses = [];
    }
  }
  return { declined: false, visits };
}

/** The programme's label for a dose number of a vaccine ('DiTeKiPol/Hib 1'), or `fallback`. */
function labelOf(vaccine: string, number: number, fallback: string): string {
  for (const d of CHILDHOOD_PROGRAMME) if (d.vaccine === vaccine && d.dose === number) return d.label;
  return fallback;
}

function byDay(a: GivenDose, b: GivenDose): number {
  return a.day - b.day;
}

/** Days after the due date a visit happens: mostly within three weeks, a tail of months, a few early. */
function visitDelay(rng: Rng, late: boolean): number {
  const r = rng.next();
  if (r < 0.05) return -rng.int(1, 7); // brought forward to a convenient visit
  const days = r < 0.75 ? rng.int(0, 21) : r < 0.93 ? rng.int(22, 60) : rng.int(61, 240);
  return late ? days * 2 : days;
}
