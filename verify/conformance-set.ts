/**
 * The conformance set: a few synthetic adult patients whose diagnoses are chosen to test the
 * sharing table where journals get it wrong: rule A at 364, 365 and 366 days before the reference
 * date, rule B registered decades ago, cancer codes, codes outside the table, and registrations
 * after the reference date. Everything else in their records is generated (seed
 * `minlaege-conformance`). Their expected extract is computed with the generators' own rule code,
 * at a fixed reference date, so the set is the same bytes on every machine and for ever.
 *
 * Vendors import the set (`minlaege-sandbox verify --export-patients FILE`, NDJSON) into their test
 * system; the kit's journal installs a patient when asked for the provider state
 * `conformance patient <n>` (verify/journal-states.ts).
 */
import { syntheticCpr } from '../domain/cpr.ts';
import { sharingRuleOf } from '../domain/sharing.ts';
import { addDays, copenhagenInstant, daysBetween, type IsoDate } from '../domain/time.ts';
import type { JournalContent, JournalDiagnosis, JournalPatient } from '../generators/context.ts';
import { expectedExtract, type ItemIds } from '../generators/expected-view.ts';
import { createPopulation, type PatientLine } from '../generators/population.ts';

export const CONFORMANCE_SEED = 'minlaege-conformance';
/** The date the sharing rules are applied on (the `asOf` of every record verify asks for). */
export const CONFORMANCE_AS_OF: IsoDate = '2025-06-16';
/** Bumped when the set changes, so a vendor can tell an outdated import. */
export const CONFORMANCE_VERSION = 1;

/** One conformance diagnosis: what the journal holds, and why it is (not) shared. */
interface PlannedDiagnosis {
  icpcCode: string;
  title: string;
  /** Days before the reference date (negative: after it). */
  daysBefore?: number;
  /** Or a fixed registration date. */
  on?: IsoDate;
}

interface PatientPlan {
  title: string;
  diagnoses: PlannedDiagnosis[];
}

/** The set, in order: patient n is PLANS[n - 1]. */
const PLANS: readonly PatientPlan[] = [
  {
    title: 'rule A at the one-year boundary (364, 365 and 366 days)',
    diagnoses: [
      { icpcCode: 'K78', title: 'Atrieflimren', daysBefore: 364 },
      { icpcCode: 'T90', title: 'Type 2-diabetes', daysBefore: 365 },
      { icpcCode: 'P76', title: 'Depression', daysBefore: 366 },
      { icpcCode: 'K74', title: 'Angina pectoris', daysBefore: 0 },
      { icpcCode: 'K85', title: 'Forhøjet blodtryk', daysBefore: 730 },
    ],
  },
  {
    title: 'rule B registered long ago, rule A long ago',
    diagnoses: [
      { icpcCode: 'K86', title: 'Ukompliceret hypertension', on: '2008-03-11' },
      { icpcCode: 'R95', title: 'KOL', on: '2012-09-30' },
      { icpcCode: 'L90', title: 'Knæartrose', on: '1999-05-04' },
      { icpcCode: 'K77', title: 'Hjertesvigt', on: '2016-01-20' },
      { icpcCode: 'T86', title: 'Myksødem', on: '2019-04-02' },
    ],
  },
  {
    title: 'cancer codes (rule B), including neoplasm codes listed as cancer',
    diagnoses: [
      { icpcCode: 'S77', title: 'Modermærkekræft', on: '2015-02-02' },
      { icpcCode: 'D75', title: 'Tyktarmskræft', on: '2021-10-05' },
      { icpcCode: 'R84', title: 'Lungekræft', on: '2010-07-19' },
      { icpcCode: 'F74', title: 'Svulst i øjet', on: '2023-03-14' },
      { icpcCode: 'U77', title: 'Kræft i urinvejene', on: '2024-12-01' },
      { icpcCode: 'K72', title: 'Svulst i hjerte/kar', on: '2005-08-08' },
    ],
  },
  {
    title: 'codes outside the sharing table',
    diagnoses: [
      { icpcCode: 'A04', title: 'Træthed', daysBefore: 46 },
      { icpcCode: 'K75', title: 'Akut myokardieinfarkt', daysBefore: 157 },
      { icpcCode: 'T93', title: 'Forhøjet kolesterol', daysBefore: 105 },
      { icpcCode: 'P15', title: 'Alkoholmisbrug', daysBefore: 217 },
      { icpcCode: 'R74', title: 'Øvre luftvejsinfektion', daysBefore: 15 },
      { icpcCode: 'L84', title: 'Rygsyndrom', on: '2018-10-01' },
      { icpcCode: 'T89', title: 'Type 1-diabetes', daysBefore: 134 },
    ],
  },
  {
    title: 'registered after the reference date, and rule A beside rule B',
    diagnoses: [
      { icpcCode: 'K86', title: 'Ukompliceret hypertension', daysBefore: -1 },
      { icpcCode: 'R96', title: 'Astma', daysBefore: -4 },
      { icpcCode: 'R96', title: 'Astma', daysBefore: 166 },
      { icpcCode: 'L95', title: 'Osteoporose', daysBefore: 365 },
      { icpcCode: 'T85', title: 'Thyreotoksikose', daysBefore: 366 },
      { icpcCode: 'L88', title: 'Leddegigt', on: '2001-11-30' },
    ],
  },
];

/** A diagnosis of the set with the reason it is or is not shared, for reports and vendors. */
export interface ConformanceDiagnosis extends JournalDiagnosis {
  rule: 'A' | 'B' | null;
  shared: boolean;
  /** e.g. "rule A, 366 days before 2025-06-16: outside the year". */
  why: string;
}

/** One line of the exported NDJSON: a patient with their whole journal and what must be shared. */
export interface ConformancePatient {
  type: 'conformance-patient';
  /** 1-based; the provider state is `conformance patient <n>`. */
  n: number;
  version: number;
  synthetic: true;
  title: string;
  /** The date the sharing rules are applied on: verify asks for the record `?asOf=` this. */
  asOf: IsoDate;
  patient: JournalPatient;
  journal: JournalContent;
  /** Every diagnosis with its rule and the reason it is (not) shared. */
  diagnoses: ConformanceDiagnosis[];
  expected: { extract: ItemIds };
}

/** Why a diagnosis registered on `registeredAt` is (not) shared at the reference date. */
function reasonOf(code: string, registeredAt: IsoDate, shared: boolean, asOf: IsoDate): string {
  const rule = sharingRuleOf(code);
  if (!rule) return `${code} is outside the sharing table: never shared`;
  const days = daysBetween(registeredAt, asOf);
  if (days < 0) return `rule ${rule}, registered ${-days} day(s) after ${asOf}: not shared yet`;
  if (rule === 'B') return `rule B, registered ${days} days before ${asOf}: shared whatever its age`;
  return `rule A, registered ${days} days before ${asOf}: ${shared ? 'within the year, shared' : 'outside the year, not shared'}`;
}

let cached: ConformancePatient[] | undefined;

/** The conformance set (computed once per process; callers must not change it: clone first). */
export function conformancePatients(): readonly ConformancePatient[] {
  if (cached) return cached;
  const asOf = CONFORMANCE_AS_OF;
  const instant = copenhagenInstant(asOf, 12, 0);
  const population = createPopulation({ seed: CONFORMANCE_SEED, asOf });
  const adults: PatientLine[] = [];
  // Self-contained adults: no custody links to people outside the set.
  for (const line of population.lines(0, 200)) {
    if (line.type !== 'patient') continue;
    const { patient } = line;
    if (patient.children.length > 0 || patient.custodians.length > 0 || patient.birthDate > '2005-01-01') continue;
    adults.push(line);
    if (adults.length === PLANS.length) break;
  }
  cached = PLANS.map((plan, i) => {
    const line = adults[i];
    if (!line) throw new Error('The conformance population has too few self-contained adults');
    const token = line.patient.id.slice(4);
    const diagnoses: JournalDiagnosis[] = plan.diagnoses.map((d, k) => ({
      id: `dia_${token}c${k + 1}`,
      icpcCode: d.icpcCode,
      title: d.title,
      registeredAt: d.on ?? addDays(asOf, -(d.daysBefore ?? 0)),
    }));
    const journal: JournalContent = { ...structuredClone(line.journal), diagnoses };
    // A CPR number far up the synthetic series of the birth date, so it does not meet the first
    // numbers a vendor's or the kit's own population hands out for the same date.
    const cpr = syntheticCpr(line.patient.birthDate, line.patient.sex, 400 + i);
    const extract = expectedExtract(journal, instant);
    return {
      type: 'conformance-patient',
      n: i + 1,
      version: CONFORMANCE_VERSION,
      synthetic: true,
      title: plan.title,
      asOf,
      patient: { ...structuredClone(line.patient), cpr },
      journal,
      diagnoses: diagnoses.map((d) => {
        const shared = extract.diagnoses.includes(d.id);
        return {
          ...d,
          rule: sharingRuleOf(d.icpcCode) ?? null,
          shared,
          why: reasonOf(d.icpcCode, d.registeredAt, shared, asOf),
        };
      }),
      expected: { extract },
    };
  });
  return cached;
}

/** The set as NDJSON, one patient a line, ending with a newline. */
export function conformanceNdjson(): string {
  return conformancePatients()
    .map((p) => `${JSON.stringify(p)}\n`)
    .join('');
}
