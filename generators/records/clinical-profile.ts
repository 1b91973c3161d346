/**
 * The patient's clinical profile: which conditions the journal holds and since when, plus the few
 * treatment decisions that more than one category must agree on (an AF patient's anticoagulant
 * decides both the medication list and whether INR results exist). Diagnoses, medications, lab
 * results and referrals all read one profile, so a type 2 diabetic gets metformin, HbA1c results
 * and perhaps an eye-screening referral, from one draw.
 *
 * Prevalences are per age band and sex. They are APPROXIMATIONS, rounded from public Danish
 * figures (Sundhedsstyrelsen's "Sygdomsbyrden i Danmark", the national diabetes and cancer
 * registers as reported by NORDCAN, RKKP yearly reports) and from the share of patients with a
 * coded diagnosis in general practice, which is lower than true prevalence for conditions GPs code
 * loosely (obesity, tobacco). Treat them as "right order of magnitude and right shape by age and
 * sex", not as epidemiology. Episodic conditions (infections, back pain …) give the chance of at
 * least one registration in the last few years, not a prevalence.
 *
 * Two latent factors make conditions cluster as they do in real patients: a metabolic risk
 * multiplier (hypertension, type 2 diabetes, heart disease, obesity …) and smoking (COPD, lung
 * cancer …). Each has mean 1, so the marginal prevalences stay those of the table.
 *
 * Dates are day numbers (generators/day-calendar.ts), as in every record generator.
 */

import type { IsoDate } from '../../domain/time.ts';
import type { RecordContext } from '../context.ts';
import { type DayNumber, dayToIso, isoToDay } from '../day-calendar.ts';
import { sortInPlace } from './sort.ts';

// ── Conditions ──────────────────────────────────────────────────────────────────────────────────

export type ConditionKey =
  // In the sharing table (chronic or rule A).
  | 'hypertension'
  | 'elevatedBloodPressure'
  | 'diabetesType1'
  | 'diabetesType2'
  | 'asthma'
  | 'copd'
  | 'atrialFibrillation'
  | 'heartFailure'
  | 'ischaemicHeartDisease'
  | 'osteoarthrosisHip'
  | 'osteoarthrosisKnee'
  | 'osteoarthrosisOther'
  | 'osteoporosis'
  | 'rheumatoidArthritis'
  | 'hypothyroidism'
  | 'thyrotoxicosis'
  | 'anxiety'
  | 'depression'
  // Cancer codes of the sharing table (rule B).
  | 'cancerBreast'
  | 'cancerProstate'
  | 'cancerColorectal'
  | 'cancerLung'
  | 'cancerSkin'
  | 'cancerBladder'
  | 'cancerKidney'
  | 'cancerStomach'
  | 'cancerPancreas'
  | 'cancerDigestiveOther'
  | 'cancerCervix'
  | 'cancerFemaleGenitalOther'
  | 'cancerMaleGenitalOther'
  | 'cancerNervousSystem'
  | 'cancerRespiratoryOther'
  | 'cancerMusculoskeletal'
  | 'neoplasmEye'
  | 'neoplasmEar'
  | 'neoplasmCardiovascular'
  | 'cancerUrinaryOther'
  | 'cancerPregnancy'
  // Outside the sharing table: never shared, whatever the date.
  | 'lymphoma'
  | 'leukaemia'
  | 'myocardialInfarction'
  | 'stroke'
  | 'transientIschaemicAttack'
  | 'lipidDisorder'
  | 'obesity'
  | 'gout'
  | 'varicoseVeins'
  | 'prostaticHyperplasia'
  | 'psoriasis'
  | 'migraine'
  | 'oesophagusDisease'
  | 'tobaccoAbuse'
  | 'sleepDisturbance'
  | 'tiredness'
  | 'upperRespiratoryInfection'
  | 'lowBackComplaint'
  | 'dermatitis'
  | 'headache'
  | 'gastroenteritis'
  | 'benignNeoplasmDigestive'
  | 'respiratoryInfectionOther'
  | 'benignNeoplasmRespiratory'
  | 'benignNeoplasmMaleGenital'
  | 'cystitis'
  | 'otitisMedia'
  | 'tonsillitis'
  | 'sinusitis'
  | 'conjunctivitis'
  | 'allergicRhinitis'
  | 'acne'
  | 'shoulderSyndrome'
  | 'menopausalComplaint'
  | 'ironDeficiencyAnaemia'
  | 'oralContraception'
  | 'warts'
  | 'acuteBronchitis'
  | 'pneumonia';

/** One condition the journal holds. */
export interface Condition {
  readonly key: ConditionKey;
  /** The ICPC-2 code registered, e.g. 'K86' (or 'K87' for a complicated hypertension). */
  readonly icpcCode: string;
  /** When it was diagnosed and registered; never before birth, never after the reference date. */
  readonly onset: IsoDate;
  readonly onsetDay: DayNumber;
}

export type Anticoagulant = 'apixaban' | 'rivaroxaban' | 'warfarin';

/** What the clinical generators know about a patient. */
export interface ClinicalProfile {
  /** Sorted by onset (ties in table order). */
  readonly conditions: readonly Condition[];
  readonly birthDay: DayNumber;
  readonly todayDay: DayNumber;
  readonly smoker: boolean;
  /** The AF patient's anticoagulant (null: none, e.g. a young patient without risk factors). */
  readonly anticoagulant: Anticoagulant | null;
  /** The day it was started (meaningless when `anticoagulant` is null). */
  readonly anticoagulantFromDay: DayNumber;
  /** The day a statin was started, or null for no statin. */
  readonly statinFromDay: DayNumber | null;
  /** The day methotrexate was started (rheumatoid arthritis), or null. */
  readonly methotrexateFromDay: DayNumber | null;
}

/** 'chronic': onset some years back (truncated exponential); 'episodic': within the last few years. */
type Course = 'chronic' | 'episodic';

const METABOLIC = 1;
const SMOKING = 2;

export interface ConditionSpec {
  readonly key: ConditionKey;
  readonly code: string;
  /** A second code for some patients (K87 for hypertension, K74 for ischaemic heart disease). */
  readonly altCode: string | null;
  readonly course: Course;
  /** Chronic: mean years since onset. Episodic: the window, in years, the chance applies to. */
  readonly years: number;
  /** No onset before this age (years). */
  readonly minAge: number;
  /** The same in days, precomputed. */
  readonly minAgeDays: number;
  /** Chance by age band (see AGE_BANDS), women and men. */
  readonly female: readonly number[];
  readonly male: readonly number[];
  readonly risk: number;
  /** Not drawn when the patient already has this one (they exclude each other). */
  readonly unless: ConditionKey | null;
}

/** Lower bounds of the age bands the prevalence rows are given in. */
export const AGE_BANDS: readonly number[] = Object.freeze([0, 5, 15, 25, 40, 50, 60, 70, 80]);

const BAND_OF_AGE: readonly number[] = Object.freeze(
  Array.from({ length: 131 }, (_, age) => {
    let band = 0;
    for (let i = 0; i < AGE_BANDS.length; i++) if (age >= (AGE_BANDS[i] ?? 0)) band = i;
    return band;
  }),
);

const DAYS_PER_YEAR = 365.25;

type Row = readonly [number, number, number, number, number, number, number, number, number];
const NONE: Row = Object.freeze([0, 0, 0, 0, 0, 0, 0, 0, 0]);

function spec(
  key: ConditionKey,
  code: string,
  course: Course,
  years: number,
  minAge: number,
  female: Row,
  male: Row,
  options: { risk?: number; altCode?: string; unless?: ConditionKey } = {},
): ConditionSpec {
  return Object.freeze({
    key,
    code,
    altCode: options.altCode ?? null,
    course,
    years,
    minAge,
    minAgeDays: Math.ceil(minAge * DAYS_PER_YEAR),
    female: Object.freeze([...female]),
    male: Object.freeze([...male]),
    risk: options.risk ?? 0,
    unless: options.unless ?? null,
  });
}

// Rows give the chance by age band: 0-4, 5-14, 15-24, 25-39, 40-49, 50-59, 60-69, 70-79, 80+.
/** Every condition the generator draws, in draw order (an `unless` must come after its partner). */
// biome-ignore format: a table reads best with one condition per few lines
export const CONDITION_SPECS: readonly ConditionSpec[] = Object.freeze([
  // Cardiovascular and metabolic. Hypertension rises to ~45–50 % over 70; type 2 diabetes from
  // ~3 % at 40 to ~15 % over 70 (Danish diabetes register); type 1 ~0.4 % at every age.
  spec('hypertension', 'K86', 'chronic', 12, 18,
    [0, 0, 0.002, 0.02, 0.08, 0.18, 0.32, 0.45, 0.52],
    [0, 0, 0.004, 0.03, 0.1, 0.22, 0.35, 0.45, 0.5], { risk: METABOLIC, altCode: 'K87' }),
  spec('elevatedBloodPressure', 'K85', 'chronic', 2, 18,
    [0, 0, 0.002, 0.01, 0.02, 0.03, 0.03, 0.03, 0.02],
    [0, 0, 0.003, 0.015, 0.03, 0.04, 0.04, 0.03, 0.02], { risk: METABOLIC, unless: 'hypertension' }),
  spec('diabetesType1', 'T89', 'chronic', 15, 0.5,
    [0.001, 0.003, 0.004, 0.005, 0.005, 0.005, 0.004, 0.004, 0.003],
    [0.001, 0.004, 0.005, 0.006, 0.006, 0.006, 0.005, 0.004, 0.003]),
  spec('diabetesType2', 'T90', 'chronic', 8, 15,
    [0, 0, 0.001, 0.008, 0.025, 0.06, 0.1, 0.13, 0.13],
    [0, 0, 0.001, 0.01, 0.035, 0.08, 0.13, 0.16, 0.15], { risk: METABOLIC, unless: 'diabetesType1' }),
  spec('atrialFibrillation', 'K78', 'chronic', 5, 25,
    [0, 0, 0, 0.001, 0.003, 0.01, 0.03, 0.08, 0.15],
    [0, 0, 0, 0.002, 0.006, 0.02, 0.05, 0.12, 0.2], { risk: METABOLIC }),
  spec('heartFailure', 'K77', 'chronic', 4, 30,
    [0, 0, 0, 0, 0.002, 0.005, 0.015, 0.04, 0.08],
    [0, 0, 0, 0, 0.003, 0.008, 0.025, 0.06, 0.1], { risk: METABOLIC }),
  spec('ischaemicHeartDisease', 'K76', 'chronic', 7, 30,
    [0, 0, 0, 0, 0.005, 0.015, 0.04, 0.07, 0.1],
    [0, 0, 0, 0.001, 0.01, 0.04, 0.08, 0.13, 0.16], { risk: METABOLIC | SMOKING, altCode: 'K74' }),
  spec('stroke', 'K90', 'chronic', 5, 20,
    [0, 0, 0, 0.001, 0.003, 0.008, 0.015, 0.03, 0.045],
    [0, 0, 0, 0.001, 0.004, 0.01, 0.02, 0.035, 0.05], { risk: METABOLIC | SMOKING }),
  spec('transientIschaemicAttack', 'K89', 'chronic', 4, 30,
    [0, 0, 0, 0, 0.002, 0.004, 0.008, 0.012, 0.015],
    [0, 0, 0, 0, 0.002, 0.004, 0.008, 0.012, 0.015], { risk: METABOLIC }),
  spec('lipidDisorder', 'T93', 'chronic', 6, 20,
    [0, 0, 0, 0.005, 0.03, 0.07, 0.11, 0.12, 0.1],
    [0, 0, 0, 0.008, 0.04, 0.08, 0.12, 0.12, 0.1], { risk: METABOLIC }),
  spec('obesity', 'T82', 'chronic', 5, 5,
    [0, 0.01, 0.03, 0.06, 0.08, 0.09, 0.09, 0.06, 0.03],
    [0, 0.01, 0.02, 0.05, 0.08, 0.09, 0.09, 0.06, 0.03], { risk: METABOLIC }),
  spec('gout', 'T92', 'chronic', 6, 25,
    [0, 0, 0, 0, 0.002, 0.005, 0.01, 0.015, 0.015],
    [0, 0, 0, 0.005, 0.015, 0.025, 0.035, 0.04, 0.04], { risk: METABOLIC }),
  spec('varicoseVeins', 'K95', 'chronic', 8, 18,
    [0, 0, 0.003, 0.02, 0.04, 0.05, 0.05, 0.05, 0.04],
    [0, 0, 0.001, 0.01, 0.02, 0.025, 0.03, 0.03, 0.025]),
  // Lungs. Asthma ~8 % in children and young adults; COPD from 40, mostly in smokers.
  spec('asthma', 'R96', 'chronic', 8, 1,
    [0.03, 0.07, 0.08, 0.08, 0.07, 0.07, 0.07, 0.06, 0.05],
    [0.04, 0.09, 0.08, 0.06, 0.05, 0.05, 0.05, 0.04, 0.04]),
  spec('copd', 'R95', 'chronic', 7, 40,
    [0, 0, 0, 0, 0.01, 0.03, 0.06, 0.1, 0.11],
    [0, 0, 0, 0, 0.01, 0.03, 0.07, 0.11, 0.13], { risk: SMOKING }),
  spec('allergicRhinitis', 'R97', 'chronic', 8, 3,
    [0.005, 0.08, 0.1, 0.1, 0.08, 0.06, 0.04, 0.03, 0.02],
    [0.005, 0.08, 0.1, 0.1, 0.08, 0.06, 0.04, 0.03, 0.02]),
  // Musculoskeletal. Osteoporosis mostly women over 60; rheumatoid arthritis ~0.7 % of adults.
  spec('osteoarthrosisHip', 'L89', 'chronic', 7, 35,
    [0, 0, 0, 0, 0.005, 0.02, 0.05, 0.09, 0.12],
    [0, 0, 0, 0, 0.004, 0.015, 0.04, 0.07, 0.1]),
  spec('osteoarthrosisKnee', 'L90', 'chronic', 7, 30,
    [0, 0, 0, 0.003, 0.02, 0.05, 0.1, 0.15, 0.18],
    [0, 0, 0, 0.003, 0.015, 0.04, 0.08, 0.12, 0.14]),
  spec('osteoarthrosisOther', 'L91', 'chronic', 6, 30,
    [0, 0, 0, 0.002, 0.01, 0.03, 0.05, 0.07, 0.08],
    [0, 0, 0, 0.002, 0.008, 0.02, 0.04, 0.05, 0.06]),
  spec('osteoporosis', 'L95', 'chronic', 5, 40,
    [0, 0, 0, 0, 0.003, 0.02, 0.07, 0.14, 0.22],
    [0, 0, 0, 0, 0, 0.003, 0.01, 0.03, 0.06]),
  spec('rheumatoidArthritis', 'L88', 'chronic', 10, 16,
    [0, 0, 0.001, 0.003, 0.006, 0.01, 0.013, 0.014, 0.014],
    [0, 0, 0, 0.001, 0.003, 0.005, 0.007, 0.007, 0.007]),
  // Thyroid: hypothyroidism (myxoedema) about five times as common in women.
  spec('hypothyroidism', 'T86', 'chronic', 8, 10,
    [0, 0.001, 0.005, 0.02, 0.04, 0.06, 0.08, 0.09, 0.09],
    [0, 0, 0.001, 0.004, 0.008, 0.012, 0.016, 0.02, 0.02]),
  spec('thyrotoxicosis', 'T85', 'chronic', 4, 15,
    [0, 0, 0.002, 0.008, 0.01, 0.012, 0.012, 0.012, 0.01],
    [0, 0, 0, 0.002, 0.003, 0.003, 0.003, 0.003, 0.003], { unless: 'hypothyroidism' }),
  // Mental health, from 12 years; women about twice as often coded.
  spec('anxiety', 'P74', 'chronic', 3, 12,
    [0, 0.005, 0.06, 0.06, 0.05, 0.05, 0.03, 0.03, 0.03],
    [0, 0.003, 0.03, 0.03, 0.025, 0.025, 0.015, 0.015, 0.015]),
  spec('depression', 'P76', 'chronic', 4, 12,
    [0, 0.005, 0.06, 0.08, 0.08, 0.08, 0.07, 0.07, 0.07],
    [0, 0.002, 0.03, 0.04, 0.045, 0.045, 0.04, 0.045, 0.045]),
  // Cancers: people living after a diagnosis (NORDCAN prevalence, rounded; basal cell carcinoma
  // counted under S77 as GPs code it). The rare table codes get tiny rates so that a large
  // population exercises the whole table.
  spec('cancerBreast', 'X76', 'chronic', 7, 20, [0, 0, 0, 0.002, 0.01, 0.025, 0.04, 0.05, 0.05], NONE),
  spec('cancerProstate', 'Y77', 'chronic', 5, 40, NONE, [0, 0, 0, 0, 0.001, 0.006, 0.025, 0.06, 0.08]),
  spec('cancerColorectal', 'D75', 'chronic', 6, 20,
    [0, 0, 0, 0.0005, 0.002, 0.005, 0.011, 0.02, 0.025],
    [0, 0, 0, 0.0005, 0.002, 0.006, 0.013, 0.024, 0.03]),
  spec('cancerLung', 'R84', 'chronic', 3, 30,
    [0, 0, 0, 0, 0.0005, 0.002, 0.005, 0.008, 0.006],
    [0, 0, 0, 0, 0.0005, 0.002, 0.005, 0.008, 0.007], { risk: SMOKING }),
  spec('cancerSkin', 'S77', 'chronic', 6, 15,
    [0, 0, 0.0005, 0.003, 0.008, 0.02, 0.04, 0.06, 0.07],
    [0, 0, 0.0003, 0.002, 0.007, 0.02, 0.045, 0.07, 0.08]),
  spec('cancerBladder', 'U76', 'chronic', 5, 30,
    [0, 0, 0, 0, 0.0005, 0.001, 0.003, 0.004, 0.004],
    [0, 0, 0, 0, 0.001, 0.003, 0.008, 0.012, 0.012], { risk: SMOKING }),
  spec('cancerKidney', 'U75', 'chronic', 5, 20,
    [0, 0, 0, 0, 0.0005, 0.001, 0.002, 0.003, 0.003],
    [0, 0, 0, 0, 0.0008, 0.002, 0.003, 0.004, 0.004]),
  spec('cancerStomach', 'D74', 'chronic', 4, 30,
    [0, 0, 0, 0, 0, 0.0005, 0.001, 0.0015, 0.0015],
    [0, 0, 0, 0, 0, 0.0008, 0.0015, 0.002, 0.002]),
  spec('cancerPancreas', 'D76', 'chronic', 2, 35,
    [0, 0, 0, 0, 0, 0.0003, 0.0007, 0.001, 0.001],
    [0, 0, 0, 0, 0, 0.0003, 0.0007, 0.001, 0.001]),
  spec('cancerDigestiveOther', 'D77', 'chronic', 3, 35,
    [0, 0, 0, 0, 0, 0.0003, 0.0006, 0.0008, 0.0008],
    [0, 0, 0, 0, 0, 0.0006, 0.0012, 0.0016, 0.0016]),
  spec('cancerCervix', 'X75', 'chronic', 8, 20, [0, 0, 0.0002, 0.002, 0.003, 0.003, 0.003, 0.003, 0.002], NONE),
  spec('cancerFemaleGenitalOther', 'X77', 'chronic', 6, 18,
    [0, 0, 0.0002, 0.001, 0.002, 0.004, 0.006, 0.007, 0.007], NONE),
  spec('cancerMaleGenitalOther', 'Y78', 'chronic', 8, 15, NONE,
    [0, 0, 0.001, 0.002, 0.002, 0.002, 0.0015, 0.001, 0.001]),
  spec('cancerNervousSystem', 'N74', 'chronic', 4, 0.1,
    [0.0002, 0.0003, 0.0003, 0.0005, 0.0007, 0.001, 0.001, 0.001, 0.0008],
    [0.0002, 0.0003, 0.0003, 0.0005, 0.0007, 0.001, 0.001, 0.001, 0.0008]),
  spec('cancerRespiratoryOther', 'R85', 'chronic', 5, 30,
    [0, 0, 0, 0, 0.0001, 0.0003, 0.0005, 0.0007, 0.0007],
    [0, 0, 0, 0, 0.0003, 0.0008, 0.0015, 0.002, 0.002], { risk: SMOKING }),
  spec('cancerMusculoskeletal', 'L71', 'chronic', 6, 5,
    [0, 0.0001, 0.0002, 0.0002, 0.0002, 0.0003, 0.0003, 0.0003, 0.0003],
    [0, 0.0001, 0.0002, 0.0002, 0.0002, 0.0003, 0.0003, 0.0003, 0.0003]),
  spec('neoplasmEye', 'F74', 'chronic', 6, 1,
    [0, 0.0001, 0.0001, 0.0002, 0.0004, 0.0006, 0.0008, 0.001, 0.001],
    [0, 0.0001, 0.0001, 0.0002, 0.0004, 0.0006, 0.0008, 0.001, 0.001]),
  spec('neoplasmEar', 'H75', 'chronic', 6, 5,
    [0, 0, 0.0001, 0.0002, 0.0003, 0.0004, 0.0005, 0.0005, 0.0005],
    [0, 0, 0.0001, 0.0002, 0.0003, 0.0004, 0.0005, 0.0005, 0.0005]),
  spec('neoplasmCardiovascular', 'K72', 'chronic', 5, 10,
    [0, 0, 0, 0.0001, 0.0001, 0.0002, 0.0002, 0.0002, 0.0002],
    [0, 0, 0, 0.0001, 0.0001, 0.0002, 0.0002, 0.0002, 0.0002]),
  spec('cancerUrinaryOther', 'U77', 'chronic', 4, 30,
    [0, 0, 0, 0, 0.0001, 0.0003, 0.0005, 0.0007, 0.0007],
    [0, 0, 0, 0, 0.0001, 0.0003, 0.0005, 0.0007, 0.0007]),
  spec('cancerPregnancy', 'W72', 'chronic', 5, 16, [0, 0, 0.0001, 0.0002, 0.0001, 0, 0, 0, 0], NONE),
  // Blood cancers are outside the sharing table: a cancer the app never shows.
  spec('lymphoma', 'B72', 'chronic', 6, 5,
    [0, 0.0002, 0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.005],
    [0, 0.0002, 0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.005]),
  spec('leukaemia', 'B73', 'chronic', 5, 0.5,
    [0.0005, 0.0008, 0.0004, 0.0005, 0.001, 0.0015, 0.002, 0.003, 0.003],
    [0.0005, 0.0008, 0.0004, 0.0005, 0.001, 0.0015, 0.002, 0.003, 0.003]),
  // Other chronic codes outside the table, some next to its ranges (D78, R86, Y79) to catch
  // off-by-one range handling.
  spec('prostaticHyperplasia', 'Y85', 'chronic', 5, 40, NONE, [0, 0, 0, 0, 0.01, 0.03, 0.08, 0.12, 0.14]),
  spec('psoriasis', 'S91', 'chronic', 10, 5,
    [0, 0.003, 0.01, 0.02, 0.02, 0.02, 0.02, 0.02, 0.015],
    [0, 0.003, 0.01, 0.02, 0.02, 0.02, 0.02, 0.02, 0.015]),
  spec('migraine', 'N89', 'chronic', 8, 6,
    [0, 0.01, 0.05, 0.06, 0.05, 0.03, 0.02, 0.01, 0.005],
    [0, 0.008, 0.02, 0.02, 0.02, 0.01, 0.008, 0.005, 0.003]),
  spec('oesophagusDisease', 'D84', 'chronic', 5, 15,
    [0, 0, 0.01, 0.03, 0.04, 0.06, 0.06, 0.06, 0.05],
    [0, 0, 0.01, 0.03, 0.04, 0.06, 0.06, 0.06, 0.05], { risk: METABOLIC }),
  spec('benignNeoplasmDigestive', 'D78', 'chronic', 4, 30,
    [0, 0, 0, 0.002, 0.01, 0.02, 0.03, 0.03, 0.02],
    [0, 0, 0, 0.002, 0.01, 0.02, 0.03, 0.03, 0.02]),
  spec('benignNeoplasmRespiratory', 'R86', 'chronic', 5, 15,
    [0, 0, 0.0005, 0.001, 0.002, 0.003, 0.003, 0.003, 0.002],
    [0, 0, 0.0005, 0.001, 0.002, 0.003, 0.003, 0.003, 0.002]),
  spec('benignNeoplasmMaleGenital', 'Y79', 'chronic', 4, 5, NONE,
    [0, 0.001, 0.004, 0.004, 0.004, 0.004, 0.004, 0.004, 0.003]),
  // Episodic: the chance of at least one registration in the window (`years`).
  spec('tiredness', 'A04', 'episodic', 5, 10,
    [0, 0.01, 0.04, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05],
    [0, 0.01, 0.03, 0.04, 0.04, 0.04, 0.04, 0.05, 0.05]),
  spec('sleepDisturbance', 'P06', 'episodic', 5, 12,
    [0, 0.005, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.07],
    [0, 0.005, 0.015, 0.02, 0.03, 0.04, 0.05, 0.06, 0.06]),
  spec('upperRespiratoryInfection', 'R74', 'episodic', 5, 0.2,
    [0.45, 0.3, 0.18, 0.15, 0.14, 0.13, 0.12, 0.12, 0.1],
    [0.45, 0.3, 0.15, 0.12, 0.12, 0.11, 0.11, 0.11, 0.1]),
  spec('lowBackComplaint', 'L03', 'episodic', 5, 10,
    [0, 0.005, 0.04, 0.1, 0.11, 0.1, 0.09, 0.08, 0.07],
    [0, 0.005, 0.04, 0.1, 0.11, 0.1, 0.09, 0.08, 0.07]),
  spec('dermatitis', 'S87', 'episodic', 5, 0.2,
    [0.15, 0.1, 0.06, 0.04, 0.03, 0.03, 0.03, 0.03, 0.03],
    [0.15, 0.1, 0.05, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03]),
  spec('headache', 'N01', 'episodic', 5, 3,
    [0, 0.03, 0.05, 0.05, 0.04, 0.04, 0.03, 0.03, 0.02],
    [0, 0.03, 0.03, 0.03, 0.03, 0.03, 0.02, 0.02, 0.02]),
  spec('gastroenteritis', 'D73', 'episodic', 5, 0.2,
    [0.15, 0.06, 0.04, 0.04, 0.03, 0.03, 0.03, 0.04, 0.05],
    [0.15, 0.06, 0.04, 0.04, 0.03, 0.03, 0.03, 0.04, 0.05]),
  spec('respiratoryInfectionOther', 'R83', 'episodic', 5, 0.2,
    [0.03, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.03],
    [0.03, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.03]),
  spec('cystitis', 'U71', 'episodic', 5, 1,
    [0, 0.02, 0.1, 0.1, 0.09, 0.09, 0.1, 0.12, 0.14],
    [0, 0.003, 0.005, 0.008, 0.01, 0.015, 0.03, 0.05, 0.07]),
  spec('otitisMedia', 'H71', 'episodic', 5, 0.3,
    [0.25, 0.08, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01],
    [0.25, 0.08, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01]),
  spec('tonsillitis', 'R76', 'episodic', 5, 1,
    [0.03, 0.06, 0.05, 0.02, 0.015, 0.01, 0.005, 0.005, 0.005],
    [0.03, 0.06, 0.05, 0.02, 0.015, 0.01, 0.005, 0.005, 0.005]),
  spec('sinusitis', 'R75', 'episodic', 5, 3,
    [0, 0.01, 0.03, 0.05, 0.05, 0.05, 0.04, 0.03, 0.03],
    [0, 0.01, 0.03, 0.04, 0.04, 0.04, 0.03, 0.03, 0.03]),
  spec('conjunctivitis', 'F70', 'episodic', 5, 0.05,
    [0.1, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02],
    [0.1, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02]),
  spec('acne', 'S96', 'episodic', 5, 11,
    [0, 0.02, 0.06, 0.015, 0.005, 0, 0, 0, 0],
    [0, 0.02, 0.06, 0.01, 0.003, 0, 0, 0, 0]),
  spec('shoulderSyndrome', 'L92', 'episodic', 5, 15,
    [0, 0, 0.01, 0.02, 0.04, 0.05, 0.05, 0.04, 0.03],
    [0, 0, 0.01, 0.02, 0.04, 0.05, 0.05, 0.04, 0.03]),
  spec('menopausalComplaint', 'X11', 'episodic', 5, 40, [0, 0, 0, 0, 0.03, 0.06, 0.01, 0, 0], NONE),
  spec('ironDeficiencyAnaemia', 'B80', 'episodic', 5, 0.5,
    [0.005, 0.005, 0.03, 0.03, 0.02, 0.01, 0.01, 0.02, 0.03],
    [0.005, 0.003, 0.002, 0.002, 0.002, 0.005, 0.01, 0.02, 0.03]),
  spec('oralContraception', 'W11', 'episodic', 3, 13, [0, 0.005, 0.25, 0.15, 0.04, 0, 0, 0, 0], NONE),
  spec('warts', 'S03', 'episodic', 5, 1,
    [0.005, 0.05, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01],
    [0.005, 0.05, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01]),
  spec('acuteBronchitis', 'R78', 'episodic', 5, 0.2,
    [0.05, 0.02, 0.02, 0.02, 0.02, 0.03, 0.03, 0.04, 0.05],
    [0.05, 0.02, 0.02, 0.02, 0.02, 0.03, 0.03, 0.04, 0.05]),
  spec('pneumonia', 'R81', 'episodic', 5, 0.2,
    [0.02, 0.01, 0.005, 0.005, 0.007, 0.01, 0.015, 0.03, 0.05],
    [0.02, 0.01, 0.005, 0.005, 0.007, 0.01, 0.015, 0.03, 0.05], { risk: SMOKING }),
]);

// Per sex and age band (women's bands first), the specs with a chance above zero and their
// chances, so the draw loop reads two dense arrays instead of every spec's rows.
const ACTIVE_SPECS: readonly (readonly number[])[] = Object.freeze(
  [true, false].flatMap((female) =>
    AGE_BANDS.map((_, band) =>
      Object.freeze(CONDITION_SPECS.flatMap((s, i) => (((female ? s.female : s.male)[band] ?? 0) > 0 ? [i] : []))),
    ),
  ),
);
const CHANCES: readonly (readonly number[])[] = Object.freeze(
  ACTIVE_SPECS.map((indices, row) => {
    const female = row < AGE_BANDS.length;
    const band = row % AGE_BANDS.length;
    return Object.freeze(
      indices.map((i) => {
        const s = CONDITION_SPECS[i] as ConditionSpec;
        return (female ? s.female : s.male)[band] ?? 0;
      }),
    );
  }),
);

// Not drawn from the table: a myocardial infarction is a share of ischaemic heart disease (at its
// onset), a coded tobacco abuse a share of smokers.
const INFARCTION_SHARE = 0.3;
const TOBACCO_CODED_SHARE = 0.15;
// Daily smokers among Danish adults (Sundhedsstyrelsen, "Danskernes rygevaner", roughly).
const SMOKER_SHARE = 0.18;
// Smokers carry this many times the risk of non-smokers' 0.5, so the mean multiplier stays ~1.
const SMOKER_FACTOR = (1 - 0.5 * (1 - SMOKER_SHARE)) / SMOKER_SHARE;
const METABOLIC_SD = 0.6;
const METABOLIC_SHIFT = (METABOLIC_SD * METABOLIC_SD) / 2; // exp(N(0, σ)) has mean exp(σ²/2)
const MAX_CHANCE = 0.95;

/**
 * Decides which conditions the patient has, at what onset, and the cross-category treatment
 * choices (anticoagulant, statin, methotrexate). Call once per patient with a context whose rng
 * is the profile's own (e.g. `rng.fork('profile')`), then pass the result to every clinical
 * generator.
 */
export function chronicConditions(ctx: RecordContext): ClinicalProfile {
  const { rng, patient } = ctx;
  const birthDay = isoToDay(patient.birthDate);
  const todayDay = isoToDay(ctx.today);
  const daysAlive = todayDay - birthDay;
  const female = patient.sex === 'female';
  const band = BAND_OF_AGE[Math.min(Math.max(patient.ageYears, 0), 130)] ?? 0;
  const metabolic = Math.exp(rng.normal(0, METABOLIC_SD) - METABOLIC_SHIFT);
  const smoker = patient.ageYears >= 15 && rng.chance(SMOKER_SHARE);
  const smoking = smoker ? SMOKER_FACTOR : 0.5;

  const conditions: Condition[] = [];
  const row = (female ? 0 : AGE_BANDS.length) + band;
  const active = ACTIVE_SPECS[row] as readonly number[];
  const chances = CHANCES[row] as readonly number[];
  for (let j = 0; j < active.length; j++) {
    const s = CONDITION_SPECS[active[j] as number] as ConditionSpec;
    const minAgeDays = s.minAgeDays;
    if (daysAlive < minAgeDays) continue;
    if (s.unless !== null && findIn(conditions, s.unless) !== undefined) continue;
    let p = chances[j] as number;
    if (s.risk & METABOLIC) p *= metabolic;
    if (s.risk & SMOKING) p *= smoking;
    if (!rng.chance(Math.min(p, MAX_CHANCE))) continue;

    const spanDays = daysAlive - minAgeDays;
    let onsetDay: DayNumber;
    if (s.course === 'chronic') {
      // Years since onset: exponential with mean `years`, truncated at the earliest possible onset.
      const mean = s.years * DAYS_PER_YEAR;
      const u = rng.next();
      // `| 0` keeps the day a small integer for V8: from Math.floor it would be stored as a double,
      // and every day later computed from it (controls, samples) too, which slows their sorting.
      onsetDay = (todayDay - Math.floor(-mean * Math.log(1 - u * (1 - Math.exp(-spanDays / mean))))) | 0;
    } else {
      const window = Math.floor(s.years * DAYS_PER_YEAR);
      onsetDay = todayDay - rng.int(0, Math.min(spanDays, window));
    }
    if (onsetDay < birthDay + minAgeDays) onsetDay = birthDay + minAgeDays;
    if (onsetDay > todayDay) onsetDay = todayDay;
    let code = s.code;
    if (s.altCode !== null && rng.chance(altCodeShare(s.key, patient.ageYears))) code = s.altCode;
    conditions.push({ key: s.key, icpcCode: code, onset: dayToIso(onsetDay), onsetDay });
  }

  const ihd = findIn(conditions, 'ischaemicHeartDisease');
  if (ihd !== undefined && rng.chance(INFARCTION_SHARE)) {
    conditions.push({ key: 'myocardialInfarction', icpcCode: 'K75', onset: ihd.onset, onsetDay: ihd.onsetDay });
  }
  if (smoker && rng.chance(TOBACCO_CODED_SHARE)) {
    // Whole years of age can fall a day short of 15 × 365.25 days: never past the reference date.
    const minDay = Math.min(todayDay, birthDay + Math.ceil(15 * DAYS_PER_YEAR));
    const onsetDay = Math.max(minDay, todayDay - rng.int(0, 10 * 365));
    conditions.push({ key: 'tobaccoAbuse', icpcCode: 'P17', onset: dayToIso(onsetDay), onsetDay });
  }
  sortInPlace(conditions, byOnset);

  let anticoagulant: Anticoagulant | null = null;
  let anticoagulantFromDay = todayDay;
  const af = findIn(conditions, 'atrialFibrillation');
  if (af !== undefined) {
    anticoagulant = rng.weighted(patient.ageYears >= 65 ? ANTICOAGULANTS_OLD : ANTICOAGULANTS_YOUNG);
    anticoagulantFromDay = Math.min(todayDay, af.onsetDay + rng.int(3, 45));
  }
  return {
    conditions,
    birthDay,
    todayDay,
    smoker,
    anticoagulant,
    anticoagulantFromDay,
    statinFromDay: statinStart(ctx, conditions, birthDay, todayDay),
    methotrexateFromDay: startAfter(ctx, findIn(conditions, 'rheumatoidArthritis'), 0.75, 14, 90, todayDay),
  };
}

/** The condition with a key, if the patient has it. */
export function findCondition(profile: ClinicalProfile, key: ConditionKey): Condition | undefined {
  return findIn(profile.conditions, key);
}

function findIn(conditions: readonly Condition[], key: ConditionKey): Condition | undefined {
  for (const c of conditions) if (c.key === key) return c;
  return undefined;
}

function byOnset(a: Condition, b: Condition): number {
  return a.onsetDay - b.onsetDay;
}

/** Share coded with the alternative code: K87 grows with age, K74 (with angina) is about half. */
function altCodeShare(key: ConditionKey, age: number): number {
  if (key === 'hypertension') return age >= 60 ? 0.2 : 0.08;
  return 0.45;
}

const ANTICOAGULANTS_YOUNG: readonly (readonly [Anticoagulant | null, number])[] = Object.freeze([
  [null, 0.35],
  ['apixaban', 0.4],
  ['rivaroxaban', 0.15],
  ['warfarin', 0.1],
]);
// From 65 the CHA₂DS₂-VASc score alone calls for anticoagulation; apixaban dominates Danish use.
const ANTICOAGULANTS_OLD: readonly (readonly [Anticoagulant | null, number])[] = Object.freeze([
  [null, 0.08],
  ['apixaban', 0.6],
  ['rivaroxaban', 0.17],
  ['warfarin', 0.15],
]);

// Who gets a statin, and how likely: secondary prevention nearly always, diabetes and lipid
// disorders usually (Danish guidelines, approximated as shares).
const STATIN_INDICATIONS: readonly (readonly [ConditionKey, number, number])[] = Object.freeze([
  // [condition, share treated, from age]
  ['ischaemicHeartDisease', 0.85, 0],
  ['stroke', 0.8, 0],
  ['transientIschaemicAttack', 0.75, 0],
  ['diabetesType2', 0.7, 40],
  ['diabetesType1', 0.6, 40],
  ['lipidDisorder', 0.7, 0],
  ['hypertension', 0.25, 50],
]);

function statinStart(
  ctx: RecordContext,
  conditions: readonly Condition[],
  birthDay: DayNumber,
  todayDay: DayNumber,
): DayNumber | null {
  let share = 0;
  let from = Number.POSITIVE_INFINITY;
  // Indexed, not destructured: destructuring a tuple in a loop allocates an iterator per item.
  for (const indication of STATIN_INDICATIONS) {
    const treated = indication[1];
    const c = findIn(conditions, indication[0]);
    if (c === undefined || ctx.patient.ageYears < indication[2]) continue;
    if (treated > share) share = treated;
    // Indicated from the diagnosis or from the age, whichever is later (a diabetic since
    // childhood gets a statin at 40, not at the diagnosis).
    const indicated = Math.max(c.onsetDay, birthDay + Math.ceil(indication[2] * DAYS_PER_YEAR));
    if (indicated < from) from = indicated;
  }
  if (share === 0 || !ctx.rng.chance(share)) return null;
  return Math.min(todayDay, from + ctx.rng.int(0, 120));
}

function startAfter(
  ctx: RecordContext,
  condition: Condition | undefined,
  share: number,
  minDays: number,
  maxDays: number,
  todayDay: DayNumber,
): DayNumber | null {
  if (condition === undefined || !ctx.rng.chance(share)) return null;
  return Math.min(todayDay, condition.onsetDay + ctx.rng.int(minDays, maxDays));
}
