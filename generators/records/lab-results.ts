/**
 * Blood test results of the last three years, as the clinic's journal receives them from the
 * laboratory: the NPU codes and units of DOMAIN.md, Danish NPU-style names, reference intervals
 * by sex and age where they differ, values rounded as laboratories report them, the abnormal flag
 * computed from the interval, and results below a detection limit given as text ('<4' for CRP,
 * '<0.01' for a suppressed TSH).
 *
 * Who is tested follows the profile: diabetics every three to six months (HbA1c, kidney, lipids
 * yearly), the cardiovascular patients yearly, warfarin users monthly (INR), methotrexate users
 * quarterly, thyroid patients at diagnosis and yearly, point-of-care CRP at some infections, and
 * an occasional check-up for other adults. Children get few or none.
 *
 * Reference intervals are APPROXIMATIONS of the common Danish ones (the Nordic NORIP intervals as
 * Danish hospital laboratories print them; lipids as one-sided decision limits, as many Danish
 * laboratories report them); distributions are rounded from the same sources and chosen so the
 * share of flagged results is plausible, not fitted to data.
 */
import { openDayOnOrAfter, openDayOnOrBefore, slotCount, slotStart } from '../clinic-calendar.ts';
import type { LabResult, RecordContext } from '../context.ts';
import { copenhagenTimestamp, type DayNumber, isWorkingDay } from '../day-calendar.ts';
import type { ClinicalProfile, Condition, ConditionKey } from './clinical-profile.ts';
import { findCondition } from './clinical-profile.ts';
import { sortInPlace } from './sort.ts';

// Analytes, as bit positions of a session's mask.
const HB = 0;
const HBA1C = 1;
const CREATININE = 2;
const CRP = 3;
const SODIUM = 4;
const POTASSIUM = 5;
const LEUKOCYTES = 6;
const INR = 7;
const CHOLESTEROL = 8;
const HDL = 9;
const LDL = 10;
const TRIGLYCERIDE = 11;
const TSH = 12;
const ANALYTE_COUNT = 13;

interface Analyte {
  readonly npuCode: string;
  readonly name: string;
  readonly unit: string | null;
}

// biome-ignore format: a table
const ANALYTES: readonly Analyte[] = Object.freeze([
  { npuCode: 'NPU02319', name: 'B—Hæmoglobin', unit: 'mmol/L' },
  { npuCode: 'NPU27300', name: 'B—Hæmoglobin A1c (IFCC)', unit: 'mmol/mol' },
  { npuCode: 'NPU18016', name: 'P—Kreatinin', unit: 'µmol/L' },
  { npuCode: 'NPU19748', name: 'P—C-reaktivt protein', unit: 'mg/L' },
  { npuCode: 'NPU03429', name: 'P—Natrium', unit: 'mmol/L' },
  { npuCode: 'NPU03230', name: 'P—Kalium', unit: 'mmol/L' },
  { npuCode: 'NPU02593', name: 'B—Leukocytter', unit: '10⁹/L' },
  { npuCode: 'NPU01685', name: 'P—Koagulationsfaktor II+VII+X (INR)', unit: null },
  { npuCode: 'NPU01566', name: 'P—Kolesterol', unit: 'mmol/L' },
  { npuCode: 'NPU01567', name: 'P—Kolesterol HDL', unit: 'mmol/L' },
  { npuCode: 'NPU01568', name: 'P—Kolesterol LDL', unit: 'mmol/L' },
  { npuCode: 'NPU04094', name: 'P—Triglycerid', unit: 'mmol/L' },
  { npuCode: 'NPU03577', name: 'P—Thyrotropin (TSH)', unit: 'mIU/L' },
].map((a) => Object.freeze(a)));

interface Interval {
  readonly lower: number | null;
  readonly upper: number | null;
}

// Shared, frozen interval objects: every result points at one of these (they serialise as
// values; nothing mutates a result's interval).
const iv = (lower: number | null, upper: number | null): Interval => Object.freeze({ lower, upper });
const HB_WOMEN = iv(7.3, 9.5);
const HB_MEN = iv(8.3, 10.5);
const HB_UNDER_6 = iv(6.6, 8.4);
const HB_6_TO_11 = iv(7.0, 9.0);
const HB_BOYS_12_TO_17 = iv(7.8, 10.0);
const HBA1C_INTERVAL = iv(20, 42);
const CREATININE_WOMEN = iv(45, 90);
const CREATININE_MEN = iv(60, 105);
const CREATININE_UNDER_6 = iv(15, 40);
const CREATININE_6_TO_11 = iv(25, 60);
const CREATININE_12_TO_17 = iv(40, 90);
const CRP_INTERVAL = iv(null, 8);
const SODIUM_INTERVAL = iv(137, 145);
const POTASSIUM_INTERVAL = iv(3.5, 4.6);
const LEUKOCYTES_ADULT = iv(3.5, 8.8);
const LEUKOCYTES_UNDER_6 = iv(5.0, 15.0);
const LEUKOCYTES_6_TO_17 = iv(4.5, 12.0);
const INR_INTERVAL = iv(null, 1.2);
const CHOLESTEROL_INTERVAL = iv(null, 5.0);
const HDL_WOMEN = iv(1.2, null);
const HDL_MEN = iv(1.0, null);
const LDL_INTERVAL = iv(null, 3.0);
const TRIGLYCERIDE_INTERVAL = iv(null, 2.0);
const TSH_INTERVAL = iv(0.3, 4.0);
/** Above this triglyceride (mmol/L) the Friedewald LDL is invalid and not reported. */
const FRIEDEWALD_MAX_TRIGLYCERIDE = 4.5;

// Panels (masks).
const bit = (a: number): number => 1 << a;
const LIPIDS = bit(CHOLESTEROL) | bit(HDL) | bit(LDL) | bit(TRIGLYCERIDE);
const ELECTROLYTES = bit(CREATININE) | bit(SODIUM) | bit(POTASSIUM);
const BASIC = bit(HB) | bit(LEUKOCYTES) | bit(CRP) | ELECTROLYTES;

// What the values must reflect, per session.
const NEW_DIABETES = 1;
const INFECTION = 2;
const MILD_INFECTION = 4;
const ANAEMIA = 8;
const ANAEMIA_TREATED = 16;

const WINDOW_DAYS = 3 * 365;
const FIRST_PLANNED_MINUTE = 7 * 60 + 30;
const LAST_PLANNED_MINUTE = 10 * 60 + 45;
const FIRST_ACUTE_MINUTE = 8 * 60;
const LAST_ACUTE_MINUTE = 15 * 60 + 30;
// The reference instant is 12:00 on the reference date: a same-day sample is taken before it.
const LAST_MINUTE_TODAY = 11 * 60 + 30;

interface Session {
  day: DayNumber;
  minute: number;
  mask: number;
  flags: number;
}

/** What the value distributions depend on, looked up once per patient. */
interface State {
  readonly female: boolean;
  readonly birthDay: DayNumber;
  readonly diabetesOnset: DayNumber;
  readonly type1: boolean;
  readonly heartFailureOnset: DayNumber;
  readonly arthritisOnset: DayNumber;
  readonly hypothyroidOnset: DayNumber;
  readonly thyrotoxicOnset: DayNumber;
  readonly statinFrom: DayNumber;
  readonly warfarinFrom: DayNumber;
}

const NEVER = Number.POSITIVE_INFINITY;

// Infections at which the GP measures CRP at the consultation (point of care), with how often.
const CRP_AT_INFECTION: readonly (readonly [ConditionKey, number, number])[] = Object.freeze([
  // [condition, share measured, flag]
  ['pneumonia', 0.7, INFECTION],
  ['tonsillitis', 0.35, INFECTION],
  ['sinusitis', 0.3, INFECTION],
  ['acuteBronchitis', 0.3, MILD_INFECTION],
  ['upperRespiratoryInfection', 0.15, MILD_INFECTION],
  ['otitisMedia', 0.1, MILD_INFECTION],
  ['respiratoryInfectionOther', 0.2, MILD_INFECTION],
]);

// Conditions with a yearly kidney and electrolyte check (drugs and the disease itself).
const YEARLY_CHECK: readonly ConditionKey[] = Object.freeze([
  'hypertension',
  'heartFailure',
  'ischaemicHeartDisease',
  'atrialFibrillation',
  'stroke',
  'transientIschaemicAttack',
  'lipidDisorder',
]);
const WITH_LIPIDS: readonly ConditionKey[] = Object.freeze([
  'hypertension',
  'ischaemicHeartDisease',
  'stroke',
  'transientIschaemicAttack',
  'lipidDisorder',
]);

/**
 * The patient's lab results, sorted by `sampledAt`; every result of one blood sample shares its
 * `sampledAt`.
 * @example generateLabResults(ctx, profile) // [{ npuCode: 'NPU27300', value: 53, abnormal: true, … }]
 */
export function generateLabResults(ctx: RecordContext, profile: ClinicalProfile): LabResult[] {
  const { rng } = ctx;
  const { todayDay, birthDay } = profile;
  const from = Math.max(birthDay, todayDay - WINDOW_DAYS);
  const age = ctx.patient.ageYears;
  const state = stateOf(ctx, profile);
  const sessions: Session[] = [];

  // Diabetes: HbA1c every three (type 1) to six months, kidney and lipids every other time.
  const diabetes = findCondition(profile, 'diabetesType1') ?? findCondition(profile, 'diabetesType2');
  if (diabetes !== undefined) {
    if (diabetes.onsetDay >= from) {
      const mask = state.type1 ? bit(HBA1C) | ELECTROLYTES : bit(HBA1C) | BASIC | LIPIDS;
      plan(ctx, sessions, diabetes.onsetDay - rng.int(0, 7), from, todayDay, mask, NEW_DIABETES, false);
    }
    const interval = state.type1 ? 120 : 182;
    let day = Math.max(diabetes.onsetDay + 90, from + rng.int(0, interval));
    for (let n = 0; day <= todayDay; n++) {
      const mask = n % 2 === 0 ? bit(HBA1C) | bit(CREATININE) | LIPIDS | bit(SODIUM) | bit(POTASSIUM) : bit(HBA1C);
      plan(ctx, sessions, day, from, todayDay, mask, 0, false);
      day += interval + rng.int(-20, 20);
    }
  } else {
    const check = firstOf(profile, YEARLY_CHECK);
    if (check !== undefined) {
      const lipids = firstOf(profile, WITH_LIPIDS) !== undefined || profile.statinFromDay !== null;
      let day = Math.max(check.onsetDay + 14, from + rng.int(0, 365));
      while (day <= todayDay) {
        let mask = ELECTROLYTES | (lipids ? LIPIDS : 0);
        if (rng.chance(0.4)) mask |= bit(HB);
        plan(ctx, sessions, day, from, todayDay, mask, 0, false);
        day += 365 + rng.int(-40, 40);
      }
    }
  }

  // Warfarin: INR every four to six weeks; the last half year is what the journal view keeps.
  if (profile.anticoagulant === 'warfarin') {
    // A course begun in the last weeks has had its first INR already: never start after today.
    let day = Math.min(todayDay, Math.max(from, profile.anticoagulantFromDay + 7, todayDay - 182) + rng.int(0, 20));
    while (day <= todayDay) {
      plan(ctx, sessions, day, from, todayDay, bit(INR), 0, false);
      day += rng.int(28, 42);
    }
  }

  // Methotrexate: blood count and kidney function every three months.
  if (profile.methotrexateFromDay !== null) {
    let day = Math.max(from + rng.int(0, 90), profile.methotrexateFromDay + 14);
    while (day <= todayDay) {
      plan(ctx, sessions, day, from, todayDay, bit(HB) | bit(LEUKOCYTES) | bit(CREATININE) | bit(CRP), 0, false);
      day += 90 + rng.int(-15, 15);
    }
  }

  // Thyroid disease: TSH at diagnosis, then about once a year.
  const thyroid = findCondition(profile, 'hypothyroidism') ?? findCondition(profile, 'thyrotoxicosis');
  if (thyroid !== undefined) {
    if (thyroid.onsetDay >= from) {
      const mask = bit(TSH) | (rng.chance(0.5) ? BASIC : 0);
      plan(ctx, sessions, thyroid.onsetDay - rng.int(0, 10), from, todayDay, mask, 0, false);
    }
    let day = Math.max(thyroid.onsetDay + 60, from) + rng.int(0, 120);
    while (day <= todayDay) {
      plan(ctx, sessions, day, from, todayDay, bit(TSH), 0, false);
      day += rng.int(240, 400);
    }
  }

  const tired = findCondition(profile, 'tiredness');
  if (tired !== undefined && tired.onsetDay >= from) {
    plan(ctx, sessions, tired.onsetDay, from, todayDay, BASIC | bit(TSH) | bit(HBA1C), 0, false);
  }
  const anaemia = findCondition(profile, 'ironDeficiencyAnaemia');
  if (anaemia !== undefined && anaemia.onsetDay >= from) {
    plan(ctx, sessions, anaemia.onsetDay, from, todayDay, bit(HB) | bit(LEUKOCYTES) | bit(CRP), ANAEMIA, false);
    plan(ctx, sessions, anaemia.onsetDay + rng.int(60, 90), from, todayDay, bit(HB), ANAEMIA_TREATED, false);
  }
  // Indexed, not destructured: destructuring a tuple in a loop allocates an iterator per item.
  for (const crp of CRP_AT_INFECTION) {
    const infection = findCondition(profile, crp[0]);
    if (infection === undefined || infection.onsetDay < from || !rng.chance(crp[1])) continue;
    // Only on the day of the consultation: a weekend episode was seen by the out-of-hours service.
    if (isWorkingDay(infection.onsetDay))
      plan(ctx, sessions, infection.onsetDay, from, todayDay, bit(CRP), crp[2], true);
  }

  // A check-up for adults the chronic schedules did not cover; children rarely have blood taken.
  if (sessions.length === 0) {
    if (age >= 18) {
      const share = age < 40 ? 0.3 : age < 60 ? 0.45 : 0.6;
      const count = rng.chance(share) ? (rng.chance(0.3) ? 2 : 1) : 0;
      for (let i = 0; i < count; i++) {
        let mask = BASIC;
        if (age >= 40 && rng.chance(0.6)) mask |= LIPIDS;
        if (age >= 40 && rng.chance(0.5)) mask |= bit(HBA1C);
        if (rng.chance(state.female ? 0.3 : 0.15)) mask |= bit(TSH);
        plan(ctx, sessions, rng.int(from, todayDay), from, todayDay, mask, 0, false);
      }
    } else if (age >= 1 && rng.chance(0.03)) {
      plan(ctx, sessions, rng.int(from, todayDay), from, todayDay, bit(HB) | bit(LEUKOCYTES) | bit(CRP), 0, false);
    }
  }

  sortInPlace(sessions, bySample);
  const out: LabResult[] = [];
  let previous: Session | undefined;
  for (const s of sessions) {
    // Two reasons on one day are one blood sample.
    if (previous !== undefined && previous.day === s.day) {
      emit(ctx, out, state, s, s.mask & ~previous.mask, previous.minute, previous.flags | s.flags);
      previous.mask |= s.mask;
      continue;
    }
    emit(ctx, out, state, s, s.mask, s.minute, s.flags);
    previous = s;
  }
  return out;
}

function stateOf(ctx: RecordContext, profile: ClinicalProfile): State {
  const t1 = findCondition(profile, 'diabetesType1');
  const diabetes = t1 ?? findCondition(profile, 'diabetesType2');
  return {
    female: ctx.patient.sex === 'female',
    birthDay: profile.birthDay,
    diabetesOnset: onsetOr(diabetes),
    type1: t1 !== undefined,
    heartFailureOnset: onsetOr(findCondition(profile, 'heartFailure')),
    arthritisOnset: onsetOr(findCondition(profile, 'rheumatoidArthritis')),
    hypothyroidOnset: onsetOr(findCondition(profile, 'hypothyroidism')),
    thyrotoxicOnset: onsetOr(findCondition(profile, 'thyrotoxicosis')),
    statinFrom: profile.statinFromDay ?? NEVER,
    warfarinFrom: profile.anticoagulant === 'warfarin' ? profile.anticoagulantFromDay : NEVER,
  };
}

function onsetOr(condition: Condition | undefined): DayNumber {
  return condition === undefined ? NEVER : condition.onsetDay;
}

function firstOf(profile: ClinicalProfile, keys: readonly ConditionKey[]): Condition | undefined {
  for (const c of profile.conditions) if (keys.includes(c.key)) return c;
  return undefined;
}

/**
 * Adds a blood sample near `target`: on the nearest clinic day at or before it, or failing that
 * (before `from`, e.g. the day of birth) the first one after it, never after the reference date.
 */
function plan(
  ctx: RecordContext,
  sessions: Session[],
  target: DayNumber,
  from: DayNumber,
  todayDay: DayNumber,
  mask: number,
  flags: number,
  acute: boolean,
): void {
  const { calendar } = ctx.clinic;
  const start = target < from ? from : target > todayDay ? todayDay : target;
  let day = openDayOnOrBefore(calendar, start, from);
  if (day === undefined) {
    day = openDayOnOrAfter(calendar, target < from ? from : target);
    if (day > todayDay) return;
  }
  // Within the clinic's hours that day: planned samples in the morning, acute ones at any time;
  // at a clinic that opens only after the planned window, when it is open.
  let earliest = acute ? FIRST_ACUTE_MINUTE : FIRST_PLANNED_MINUTE;
  let latest = acute ? LAST_ACUTE_MINUTE : LAST_PLANNED_MINUTE;
  if (day === todayDay && latest > LAST_MINUTE_TODAY) latest = LAST_MINUTE_TODAY;
  const intervals = calendar.intervals(day);
  let count = slotCount(intervals, 1, 1, earliest, latest);
  if (count === 0) {
    earliest = 0;
    latest = day === todayDay ? LAST_MINUTE_TODAY : 24 * 60 - 1;
    count = slotCount(intervals, 1, 1, earliest, latest);
    if (count === 0) return;
  }
  const minute = slotStart(intervals, 1, 1, ctx.rng.int(0, count - 1), earliest, latest);
  sessions.push({ day, minute, mask, flags });
}

function bySample(a: Session, b: Session): number {
  return a.day - b.day || a.minute - b.minute;
}

function emit(
  ctx: RecordContext,
  out: LabResult[],
  state: State,
  session: Session,
  mask: number,
  minute: number,
  flags: number,
): void {
  if (mask === 0) return;
  const { rng } = ctx;
  const sampledAt = copenhagenTimestamp(session.day, minute);
  const day = session.day;
  const age = Math.floor((day - state.birthDay) / 365.25);
  const diabetic = state.diabetesOnset <= day || (flags & NEW_DIABETES) !== 0;
  // The lipid values are drawn together, as reported (one decimal), and the total cholesterol is
  // their sum by Friedewald (LDL = total − HDL − triglyceride/2.2), so LDL is never implausible. A
  // laboratory does not calculate LDL from a triglyceride above 4.5 mmol/L: the panel goes without it.
  let analytes = mask;
  let cholesterol = 0;
  let hdl = 0;
  let triglyceride = 0;
  let ldl = 0;
  if ((mask & LIPIDS) !== 0) {
    const statin = state.statinFrom + 42 <= day;
    // Untreated LDL rises with age (the total cholesterol from ~4.6 at 30 to ~5.8 in the old).
    const untreatedMean = Math.min(3.6, Math.max(2.4, 2.5 + 0.025 * (age - 30)));
    // Log-normal: right-skewed as measured LDL is, and never near zero (a statin lowers it by ~40 %).
    ldl = round1(clamp(Math.exp(rng.normal(Math.log(statin ? 2.0 : untreatedMean), 0.28)), 0.6, 8));
    hdl = round1(
      clamp(rng.normal(state.female ? 1.7 : 1.35, state.female ? 0.4 : 0.33) - (diabetic ? 0.15 : 0), 0.5, 3.2),
    );
    triglyceride = round1(
      clamp(Math.exp(rng.normal(Math.log(state.female ? 1.1 : 1.4) + (diabetic ? 0.3 : 0), 0.45)), 0.3, 12),
    );
    cholesterol = round1(ldl + hdl + triglyceride / 2.2);
    if (triglyceride > FRIEDEWALD_MAX_TRIGLYCERIDE) analytes &= ~bit(LDL);
  }

  for (let a = 0; a < ANALYTE_COUNT; a++) {
    if ((analytes & (1 << a)) === 0) continue;
    const analyte = ANALYTES[a] as Analyte;
    let interval: Interval;
    let value: number | string;
    let abnormal: boolean;
    switch (a) {
      case HB: {
        interval = hbInterval(state.female, age);
        let mean = age < 6 ? 7.5 : age < 12 ? 8.0 : state.female ? 8.4 : age < 18 ? 8.9 : age >= 70 ? 9.0 : 9.3;
        if ((flags & ANAEMIA) !== 0) mean -= 1.9;
        else if ((flags & ANAEMIA_TREATED) !== 0) mean -= 0.6;
        if (state.heartFailureOnset <= day) mean -= 0.3;
        value = round1(clamp(rng.normal(mean, 0.55), 4, 12.5));
        break;
      }
      case HBA1C: {
        interval = HBA1C_INTERVAL;
        let v: number;
        if ((flags & NEW_DIABETES) !== 0) v = Math.max(48, rng.normal(state.type1 ? 75 : 62, 12));
        else if (diabetic) v = rng.normal(state.type1 ? 60 : 52, state.type1 ? 9 : 8);
        else v = rng.normal(34 + 0.05 * age, 3.5);
        value = Math.round(clamp(v, 25, 130));
        break;
      }
      case CREATININE: {
        interval = creatinineInterval(state.female, age);
        let mean = age < 6 ? 28 : age < 12 ? 45 : age < 18 ? (state.female ? 62 : 72) : state.female ? 68 : 85;
        let sd = age < 18 ? 7 : 12;
        if (age >= 70) mean += 8;
        if (diabetic && age >= 18) {
          mean += 5;
          sd += 6;
        }
        if (state.heartFailureOnset <= day) {
          mean += 15;
          sd += 8;
        }
        value = Math.round(clamp(rng.normal(mean, sd), 12, 450));
        break;
      }
      case CRP: {
        interval = CRP_INTERVAL;
        const median =
          (flags & INFECTION) !== 0 ? 35 : (flags & MILD_INFECTION) !== 0 ? 7 : state.arthritisOnset <= day ? 5 : 1.5;
        const v = Math.exp(rng.normal(Math.log(median), 0.9));
        // Below the laboratory's detection limit the result is text.
        value = v < 4 ? '<4' : Math.round(Math.min(v, 350));
        break;
      }
      case SODIUM:
        interval = SODIUM_INTERVAL;
        value = Math.round(clamp(rng.normal(age >= 75 ? 139 : 140, 2), 122, 152));
        break;
      case POTASSIUM: {
        interval = POTASSIUM_INTERVAL;
        const failing = state.heartFailureOnset <= day;
        value = round1(clamp(rng.normal(failing ? 4.3 : 4.1, failing ? 0.4 : 0.3), 2.8, 6.2));
        break;
      }
      case LEUKOCYTES: {
        interval = age < 6 ? LEUKOCYTES_UNDER_6 : age < 18 ? LEUKOCYTES_6_TO_17 : LEUKOCYTES_ADULT;
        const median = (flags & INFECTION) !== 0 ? 11 : age < 6 ? 8.5 : age < 18 ? 7 : 6.3;
        value = round1(clamp(Math.exp(rng.normal(Math.log(median), 0.25)), 1.5, 30));
        break;
      }
      case INR:
        interval = INR_INTERVAL;
        value = round1(
          state.warfarinFrom <= day ? clamp(rng.normal(2.5, 0.45), 1.2, 5.5) : clamp(rng.normal(1, 0.07), 0.8, 1.3),
        );
        break;
      case CHOLESTEROL:
        interval = CHOLESTEROL_INTERVAL;
        value = cholesterol;
        break;
      case HDL:
        interval = state.female ? HDL_WOMEN : HDL_MEN;
        value = hdl;
        break;
      case LDL:
        interval = LDL_INTERVAL;
        value = ldl;
        break;
      case TRIGLYCERIDE:
        interval = TRIGLYCERIDE_INTERVAL;
        value = triglyceride;
        break;
      default: {
        interval = TSH_INTERVAL;
        value = tshValue(ctx, state, day);
        break;
      }
    }
    if (typeof value === 'number') {
      abnormal =
        (interval.lower !== null && value < interval.lower) || (interval.upper !== null && value > interval.upper);
    } else {
      // '<limit': abnormal only if the limit is at or below the lower reference limit.
      const limit = Number(value.slice(1));
      abnormal = interval.lower !== null && limit <= interval.lower;
    }
    out.push({
      id: ctx.ids.next('lab'),
      npuCode: analyte.npuCode,
      name: analyte.name,
      value,
      unit: analyte.unit,
      referenceInterval: interval,
      abnormal,
      sampledAt,
    });
  }
}

/** TSH: high in untreated myxoedema, suppressed in untreated thyrotoxicosis, mostly normal on treatment. */
function tshValue(ctx: RecordContext, state: State, day: DayNumber): number | string {
  const { rng } = ctx;
  let median = 1.6;
  let spread = 0.45;
  if (state.hypothyroidOnset - 30 <= day) {
    if (day < state.hypothyroidOnset + 45) return round2or1(Math.max(4.5, Math.exp(rng.normal(Math.log(12), 0.6))));
    median = 2.0;
    spread = 0.7;
  } else if (state.thyrotoxicOnset - 30 <= day) {
    if (day < state.thyrotoxicOnset + 60) return rng.chance(0.6) ? '<0.01' : round2or1(rng.int(1, 10) / 100);
    median = 1.0;
    spread = 0.8;
  }
  const v = Math.exp(rng.normal(Math.log(median), spread));
  return v < 0.01 ? '<0.01' : round2or1(Math.min(v, 150));
}

function hbInterval(female: boolean, age: number): Interval {
  if (age < 6) return HB_UNDER_6;
  if (age < 12) return HB_6_TO_11;
  if (female) return HB_WOMEN;
  return age < 18 ? HB_BOYS_12_TO_17 : HB_MEN;
}

function creatinineInterval(female: boolean, age: number): Interval {
  if (age < 6) return CREATININE_UNDER_6;
  if (age < 12) return CREATININE_6_TO_11;
  if (age < 18) return CREATININE_12_TO_17;
  return female ? CREATININE_WOMEN : CREATININE_MEN;
}

function clamp(v: number, min: number, max: number): number {
  return Math.max(min, Math.min(v, max));
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Two decimals below 10 (TSH 1.62), one above (TSH 12.4), as laboratories print them. */
function round2or1(v: number): number {
  return v < 10 ? Math.round(v * 100) / 100 : Math.round(v * 10) / 10;
}
