/**
 * Which diagnoses the platform may share with the app. The source (PLO's FAQ, see DOMAIN.md) lists
 * the ICPC-2 codes that are shared and, per code, whether it is shared only when registered within
 * the last year (rule A, transient conditions) or whatever its age (rule B, chronic conditions).
 * Every other code stays in the journal. The table lives here as data so that the server, the
 * journal mock and the generators agree on it.
 *
 * When in doubt this module does not share: a code that is not exactly one letter and two digits
 * after trimming and upper-casing (an ICPC-2 rubric), e.g. 'K8' or 'K86.1', is treated as outside
 * the table instead of being guessed at.
 */

import type { IsoDate } from './time.ts';
import { addYears, copenhagenDate, parseIsoDate } from './time.ts';

/** A: shared only if registered within the last year. B: shared whatever the registration date. */
export type SharingRule = 'A' | 'B';

export interface SharedDiagnosis {
  /** ICPC-2 codes, ranges expanded (D74–D77 → D74, D75, D76, D77). */
  readonly codes: readonly string[];
  /** The source's diagnosis name, in English. */
  readonly diagnosis: string;
  readonly rule: SharingRule;
}

export const SHARED_DIAGNOSES: readonly SharedDiagnosis[] = [
  { codes: ['K74'], diagnosis: 'Ischaemic heart disease with angina', rule: 'A' },
  { codes: ['K76'], diagnosis: 'Ischaemic heart disease without angina', rule: 'A' },
  { codes: ['K77'], diagnosis: 'Heart failure', rule: 'B' },
  { codes: ['K78'], diagnosis: 'Atrial fibrillation/flutter', rule: 'A' },
  { codes: ['K85'], diagnosis: 'Elevated blood pressure', rule: 'A' },
  { codes: ['K86'], diagnosis: 'Hypertension, uncomplicated', rule: 'B' },
  { codes: ['K87'], diagnosis: 'Hypertension, complicated', rule: 'B' },
  { codes: ['L88'], diagnosis: 'Rheumatoid arthritis', rule: 'B' },
  { codes: ['L89'], diagnosis: 'Osteoarthrosis of hip', rule: 'B' },
  { codes: ['L90'], diagnosis: 'Osteoarthrosis of knee', rule: 'B' },
  { codes: ['L91'], diagnosis: 'Osteoarthrosis, other', rule: 'B' },
  { codes: ['L95'], diagnosis: 'Osteoporosis', rule: 'A' },
  { codes: ['P74'], diagnosis: 'Anxiety disorder', rule: 'A' },
  { codes: ['P76'], diagnosis: 'Depressive disorder', rule: 'A' },
  { codes: ['R95'], diagnosis: 'COPD', rule: 'B' },
  { codes: ['R96'], diagnosis: 'Asthma', rule: 'A' },
  { codes: ['T89'], diagnosis: 'Diabetes type 1 (insulin dependent)', rule: 'A' },
  { codes: ['T90'], diagnosis: 'Diabetes type 2', rule: 'A' },
  {
    // D74–D77, F74, H75, K72, L71, N74, R84–R85, S77, U75–U77, W72, X75–X77, Y77–Y78
    codes: [
      'D74',
      'D75',
      'D76',
      'D77',
      'F74',
      'H75',
      'K72',
      'L71',
      'N74',
      'R84',
      'R85',
      'S77',
      'U75',
      'U76',
      'U77',
      'W72',
      'X75',
      'X76',
      'X77',
      'Y77',
      'Y78',
    ],
    diagnosis: 'Cancer',
    rule: 'B',
  },
  { codes: ['T85'], diagnosis: 'Thyrotoxicosis', rule: 'A' },
  { codes: ['T86'], diagnosis: 'Myxoedema', rule: 'A' },
];

/**
 * An English title for every shared code. The cancer codes are named by organ as in DOMAIN.md;
 * F74, H75 and K72 say "Neoplasm" because in ICPC-2 they also cover benign neoplasms (the source
 * lists them as cancer, and the table is what is shared).
 */
export const ICPC2_TITLES: Readonly<Record<string, string>> = {
  K74: 'Ischaemic heart disease with angina',
  K76: 'Ischaemic heart disease without angina',
  K77: 'Heart failure',
  K78: 'Atrial fibrillation/flutter',
  K85: 'Elevated blood pressure',
  K86: 'Hypertension, uncomplicated',
  K87: 'Hypertension, complicated',
  L88: 'Rheumatoid/seropositive arthritis',
  L89: 'Osteoarthrosis of hip',
  L90: 'Osteoarthrosis of knee',
  L91: 'Osteoarthrosis, other',
  L95: 'Osteoporosis',
  P74: 'Anxiety disorder/anxiety state',
  P76: 'Depressive disorder',
  R95: 'Chronic obstructive pulmonary disease',
  R96: 'Asthma',
  T85: 'Hyperthyroidism/thyrotoxicosis',
  T86: 'Hypothyroidism/myxoedema',
  T89: 'Diabetes insulin dependent',
  T90: 'Diabetes non-insulin dependent',
  D74: 'Malignant neoplasm, stomach',
  D75: 'Malignant neoplasm, colon/rectum',
  D76: 'Malignant neoplasm, pancreas',
  D77: 'Malignant neoplasm, digestive other',
  F74: 'Neoplasm, eye',
  H75: 'Neoplasm, ear',
  K72: 'Neoplasm, cardiovascular',
  L71: 'Malignant neoplasm, musculoskeletal',
  N74: 'Malignant neoplasm, nervous system',
  R84: 'Malignant neoplasm, bronchus/lung',
  R85: 'Malignant neoplasm, respiratory other',
  S77: 'Malignant neoplasm, skin',
  U75: 'Malignant neoplasm, kidney',
  U76: 'Malignant neoplasm, bladder',
  U77: 'Malignant neoplasm, urinary other',
  W72: 'Malignant neoplasm, related to pregnancy',
  X75: 'Malignant neoplasm, cervix',
  X76: 'Malignant neoplasm, breast (female)',
  X77: 'Malignant neoplasm, genital female other',
  Y77: 'Malignant neoplasm, prostate',
  Y78: 'Malignant neoplasm, genital male other',
};

/** Every shared code, in table order. */
export const SHARED_CODES: readonly string[] = SHARED_DIAGNOSES.flatMap((d) => d.codes);

const ICPC2_RUBRIC = /^[A-Z]\d{2}$/;

/** Trims and upper-cases an ICPC-2 code; undefined for anything that is not a rubric like 'K86'. */
export function normaliseIcpc2(code: string): string | undefined {
  const normalised = code.trim().toUpperCase();
  return ICPC2_RUBRIC.test(normalised) ? normalised : undefined;
}

/** The table entry for a code, or undefined when it is not shared (malformed codes included). */
export function sharedDiagnosisOf(code: string): SharedDiagnosis | undefined {
  const normalised = normaliseIcpc2(code);
  if (normalised === undefined) return undefined;
  return entryByCode().get(normalised);
}

// Each code's table entry (the first that lists it), made on first use: the sandbox looks up the
// rule of every diagnosis it answers, and the generators of every one they write.
let entries: Map<string, SharedDiagnosis> | undefined;
function entryByCode(): Map<string, SharedDiagnosis> {
  if (!entries) {
    entries = new Map();
    for (const d of SHARED_DIAGNOSES) for (const c of d.codes) if (!entries.has(c)) entries.set(c, d);
  }
  return entries;
}

/** The sharing rule of a code ('A' or 'B'), or undefined when the code is never shared. */
export function sharingRuleOf(code: string): SharingRule | undefined {
  return sharedDiagnosisOf(code)?.rule;
}

/** The English ICPC-2 title of a shared code, or undefined for a code outside the table. */
export function icpc2TitleOf(code: string): string | undefined {
  const normalised = normaliseIcpc2(code);
  return normalised === undefined ? undefined : ICPC2_TITLES[normalised];
}

/**
 * Whether a diagnosis registered on `registeredAt` is shared at the instant `asOf`.
 *
 * Both dates are calendar dates in Copenhagen: `today` is the Copenhagen date of `asOf`. Nothing
 * registered after today is shared. Rule B: shared. Rule A, "registered within the last year":
 * shared when `registeredAt` ≥ today minus one calendar year (addYears, so from 29 February the
 * year back is 28 February) — the same date one year ago still counts, the day before it does not.
 * Throws a RangeError if `registeredAt` is not a YYYY-MM-DD date.
 * @example isShared('K78', '2024-06-15', new Date('2025-06-15T10:00:00Z')) // true; '2024-06-14' → false
 */
export function isShared(code: string, registeredAt: IsoDate, asOf: Date): boolean {
  parseIsoDate(registeredAt);
  const rule = sharingRuleOf(code);
  if (rule === undefined) return false;
  const today = copenhagenDate(asOf);
  // YYYY-MM-DD strings compare as dates.
  if (registeredAt > today) return false;
  if (rule === 'B') return true;
  return registeredAt >= yearBefore(today);
}

// The date a year before the last `today` asked about (every diagnosis of an answer asks the same).
let lastYearBefore = { today: '', date: '' };
function yearBefore(today: IsoDate): IsoDate {
  if (today !== lastYearBefore.today) lastYearBefore = { today, date: addYears(today, -1) };
  return lastYearBefore.date;
}
