/**
 * The synthetic population: clinics, and patients in households listed with them, each with a
 * full journal and the expected app view. A population is a function of the seed and the
 * reference date: patient k is the same whether 10 or a million are generated, and any range of
 * patients can be generated on its own (for shards), because every entity draws from its own
 * seeded generator. The one thing that runs across patients is CPR numbering, which makes every
 * CPR unique: patient k's number is the next free one of its birth date and sex after patients
 * 0…k-1, found by a cheap scan of the household plans before the range.
 */
import { type ConsentRecord, consentState, RETENTION_MONTHS } from '../domain/consent.ts';
import type { Sex } from '../domain/cpr.ts';
import { syntheticCpr, syntheticCprCount } from '../domain/cpr.ts';
import { platformSharingProblem } from '../domain/platform-sharing.ts';
import { accessUntil } from '../domain/proxy.ts';
import { addDays, addMonths, daysBetween, type IsoDate, isIsoDate, parseIsoDate } from '../domain/time.ts';
import { type ClinicGeneratorOptions, type GeneratedClinic, generateClinic, substituteOf } from './clinics.ts';
import type { JournalClinic, JournalContent, JournalPatient, RecordContext } from './context.ts';
import { copenhagenEpochMs, type DayNumber, isoToDay, utcTimestamp } from './day-calendar.ts';
import { type AppView, appViewOf, type ExpectedExtract, expectedExtract, visibleIds } from './expected-view.ts';
import { createDanishFaker } from './faker.ts';
import { BLOCK_SIZE, type MemberPlan, planBlock } from './households.ts';
import { createIdFactory, entityToken, seedTag } from './ids.ts';
import { blockPeople, type Person, referenceInstant } from './people.ts';
import { generateJournal } from './records/index.ts';
import { createRng } from './rng.ts';

/** Patients listed with one clinic (a multiple of the block size, so households never split). */
export const CLINIC_SIZE = 2000;

/** Patients of a pair of clinics, which stand in for each other in holidays (clinics.ts). */
const PAIR_SIZE = 2 * CLINIC_SIZE;

export interface PopulationOptions {
  /** Any string; the same seed gives the same population. */
  seed: string;
  /** The reference date (`YYYY-MM-DD`): ages, the sharing rules and "upcoming" are judged on it. */
  asOf: IsoDate;
}

/** A clinic line of the output. */
export interface ClinicLine {
  type: 'clinic';
  index: number;
  synthetic: true;
  region: GeneratedClinic['region'];
  clinic: JournalClinic;
}

/** The platform-side consent of a person, as timestamps and the state they give at the reference date. */
export interface GeneratedConsent {
  state: ReturnType<typeof consentState>;
  givenAt: string | null;
  withdrawnAt: string | null;
  lastActivityAt: string | null;
}

/** A patient line of the output. */
export interface PatientLine {
  type: 'patient';
  index: number;
  /** Every generated person is marked synthetic; its CPR is from the synthetic scheme. */
  synthetic: true;
  clinicId: string;
  household: { block: number; kind: MemberPlan['kind'] };
  patient: JournalPatient;
  consent: GeneratedConsent;
  journal: JournalContent;
  expected: {
    /**
     * What the journal must share once consent is registered (item ids per category), or
     * clinic-not-connected when the clinic objected to sharing through the platform.
     */
    extract: ExpectedExtract;
    app: {
      /** What the patient sees in the app; null under 15 (no own MitID, so no own app use). */
      self: AppView | null;
      /** What each parent sees of this patient (with or without custody). */
      proxies: { viewerId: string; view: AppView }[];
    };
  };
}

export type PopulationLine = ClinicLine | PatientLine;

export interface Population {
  readonly seed: string;
  readonly today: IsoDate;
  readonly asOf: Date;
  /** Clinic number c. */
  clinic(c: number): GeneratedClinic;
  /**
   * The lines for patients [from, to): the lines of a pair of clinics (0 and 1, 2 and 3, …) come
   * right before the pair's first patient, so every holiday substitute named is a clinic line of
   * the output, and the lines of consecutive ranges concatenate to the lines of their union.
   */
  lines(from: number, to: number): Generator<PopulationLine>;
}

/** Creates a population; throws a RangeError for a bad reference date. */
export function createPopulation(options: PopulationOptions): Population {
  const { seed } = options;
  if (!isIsoDate(options.asOf))
    throw new RangeError(`The reference date must be YYYY-MM-DD, got ${JSON.stringify(options.asOf)}`);
  const today = options.asOf;
  const asOf = referenceInstant(today);
  const todayDay = isoToDay(today);
  const clock = consentClock(today, todayDay, asOf);
  const tag = seedTag(seed);
  const faker = createDanishFaker();
  const clinicOptions: ClinicGeneratorOptions = { seed, tag, today, faker };

  // CPR numbering: how many of each birth date and sex the blocks before `scanned` have used.
  const cprCounts = new Map<number, number>();
  let scanned = 0;
  const assignCprs = (plans: MemberPlan[]): string[] => plans.map((plan) => assignCpr(cprCounts, plan));
  const scanTo = (block: number) => {
    if (block < scanned) {
      cprCounts.clear();
      scanned = 0;
    }
    for (; scanned < block; scanned++) assignCprs(planBlock(seed, scanned, today));
  };

  // The last two clinics made: a pair is emitted together, then its clinics' patients follow.
  const cachedClinics: { c: number; value: GeneratedClinic }[] = [];
  const clinic = (c: number): GeneratedClinic => {
    for (const cached of cachedClinics) if (cached.c === c) return cached.value;
    const value = generateClinic(clinicOptions, c);
    cachedClinics.unshift({ c, value });
    cachedClinics.length = Math.min(cachedClinics.length, 2);
    return value;
  };
  const clinicLine = (c: number): ClinicLine => {
    const { region, clinic: journalClinic } = clinic(c);
    return { type: 'clinic', index: c, synthetic: true, region, clinic: journalClinic };
  };

  // CPR numbering is a scan kept between calls, so one `lines()` may run at a time: a generator
  // overtaken by a newer one stops with an error instead of numbering CPRs wrongly.
  let latestRun = 0;

  function* lines(from: number, to: number): Generator<PopulationLine> {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) {
      throw new RangeError(`Bad patient range [${from}, ${to})`);
    }
    latestRun += 1;
    const run = latestRun;
    const firstBlock = Math.floor(from / BLOCK_SIZE);
    scanTo(firstBlock);
    for (let b = firstBlock; b * BLOCK_SIZE < to; b++) {
      if (run !== latestRun) throw new Error('Another lines() of this population started: use one at a time');
      const plans = planBlock(seed, b, today);
      const cprs = assignCprs(plans);
      scanned = b + 1;
      const c = Math.floor((b * BLOCK_SIZE) / CLINIC_SIZE);
      const home = clinic(c);
      const ids = plans.map((p) => `pat_${entityToken(tag, b * BLOCK_SIZE + p.slot)}`);
      const people = blockPeople({ seed, block: b, today, area: home.area, faker }, plans, ids, cprs);
      const consents = people.map((p) =>
        describeConsent(generateConsent(seed, b * BLOCK_SIZE + p.plan.slot, p.patient.birthDate, clock), asOf),
      );
      for (const person of people) {
        const k = b * BLOCK_SIZE + person.plan.slot;
        if (k < from || k >= to) continue;
        if (k % PAIR_SIZE === 0) {
          // Both clinics of a pair come before the pair's first patient: each names the other as
          // its holiday substitute, so any output that holds one clinic holds the other as well,
          // and the lines stay a function of the patient range (shards concatenate unchanged).
          yield clinicLine(c);
          yield clinicLine(substituteOf(c));
        }
        yield patientLine(k, person, people, consents, home);
      }
    }
  }

  function patientLine(
    k: number,
    person: Person,
    block: Person[],
    consents: GeneratedConsent[],
    home: GeneratedClinic,
  ): PatientLine {
    const { patient, plan } = person;
    const custodians = patient.custodians.map((c) => ({ name: c.name }));
    const ownAppUseFrom = accessUntil(patient.birthDate);
    const context: RecordContext = {
      rng: createRng(seed, 'records', k),
      faker: faker.faker,
      asOf,
      today,
      patient: {
        id: patient.id,
        name: patient.name,
        birthDate: patient.birthDate,
        sex: patient.sex as Sex,
        ageYears: person.ageYears,
        ownAppUseFrom,
      },
      clinic: {
        id: home.clinic.id,
        name: home.clinic.name,
        capabilities: home.clinic.capabilities,
        doctors: home.doctors,
        calendar: home.calendar,
        region: home.region,
      },
      custodians: today < ownAppUseFrom ? custodians : [], // parents act only until 15
      ids: createIdFactory(entityToken(tag, k)),
    };
    const journal = generateJournal(context, (rng) => faker.reseed(rng));
    const consent = consents[plan.slot] as GeneratedConsent;
    const extract = expectedExtract(journal, asOf);
    const visible = visibleIds(journal, extract, asOf);

    const custodyHolderIds = patient.custodians.map((c) => c.patientId).filter((id): id is string => id !== null);
    const parents = block.filter((p) => p.plan.custodyOf.includes(plan.slot) || isParentWithoutCustody(p.plan, plan));
    const subject = {
      id: patient.id,
      birthDate: patient.birthDate,
      custodyHolderIds,
      parentIds: parents.map((p) => p.patient.id),
      platformSharing: home.clinic.platformSharing,
    };
    const sharingProblem = platformSharingProblem(home.clinic.platformSharing);
    return {
      type: 'patient',
      index: k,
      synthetic: true,
      clinicId: home.clinic.id,
      household: { block: Math.floor(k / BLOCK_SIZE), kind: plan.kind },
      patient,
      consent,
      journal,
      expected: {
        extract: sharingProblem ? { problem: sharingProblem } : extract,
        app: {
          self:
            today >= ownAppUseFrom
              ? appViewOf({ viewer: { id: patient.id, consent: consent.state }, subject, visible, asOf })
              : null,
          proxies: parents.map((p) => ({
            viewerId: p.patient.id,
            view: appViewOf({
              viewer: { id: p.patient.id, consent: (consents[p.plan.slot] as GeneratedConsent).state },
              subject,
              visible,
              asOf,
            }),
          })),
        },
      },
    };
  }

  return { seed, today, asOf, clinic, lines };
}

/** In a 'parent-without-custody' household, the adult who holds no custody is still a parent. */
function isParentWithoutCustody(adult: MemberPlan, child: MemberPlan): boolean {
  return (
    child.role === 'child' &&
    adult.role === 'adult' &&
    adult.household === child.household &&
    adult.kind === 'parent-without-custody' &&
    adult.custodyOf.length === 0
  );
}

/**
 * The next unused synthetic CPR of the member's birth date and sex. In the rare case a date and
 * sex have run out (454 numbers), the person is born a day earlier (never on 1 January).
 */
function assignCpr(counts: Map<number, number>, plan: MemberPlan): string {
  for (;;) {
    // A number, not a string: at a million patients the map holds ~70,000 keys in every worker.
    const { year, month, day } = parseIsoDate(plan.birthDate);
    const key = (Date.UTC(year, month - 1, day) / 86_400_000) * 2 + (plan.sex === 'male' ? 1 : 0);
    const used = counts.get(key) ?? 0;
    // 454 is the fewest numbers any date and sex has, so counting them is needed only past it.
    if (used < 454 || used < syntheticCprCount(plan.birthDate, plan.sex)) {
      counts.set(key, used + 1);
      return syntheticCpr(plan.birthDate, plan.sex, used);
    }
    let earlier = addDays(plan.birthDate, -1);
    if (earlier.endsWith('-01-01')) earlier = addDays(earlier, -1);
    plan.birthDate = earlier;
  }
}

const CONSENT_KINDS = Object.freeze([
  ['given', 75],
  ['never', 12],
  ['lapsed', 8],
  ['withdrawn', 5],
] as const);

// Shares of given and of lapsed consents whose last use lies at the 12-month retention boundary,
// so that a tester finds data about to be deleted and data deleted in the last few days: within
// BOUNDARY_DAYS of the reference date, on either side.
const NEAR_LAPSE = 0.04;
const JUST_LAPSED = 0.05;
const BOUNDARY_DAYS = 10;

/** The reference date as generateConsent needs it, computed once per population. */
interface ConsentClock {
  today: IsoDate;
  todayDay: DayNumber;
  /** The reference instant: the consent state is the domain's at it. */
  asOf: Date;
  /**
   * Days back to the date RETENTION_MONTHS calendar months before the reference date, counted as
   * domain/consent.ts counts retention (addMonths, clamped at the month's end): 365 or 366, where
   * the retention boundary lies. Never 365 by hand: from 1 March 2027 to 1 March 2028 is 366.
   */
  retentionDays: number;
}

function consentClock(today: IsoDate, todayDay: DayNumber, asOf: Date): ConsentClock {
  return { today, todayDay, asOf, retentionDays: daysBetween(addMonths(today, -RETENTION_MONTHS), today) };
}

/**
 * Platform-side consent of a person who can use the app: from the 15th birthday (own MitID; the
 * same day a parent's access ends), every timestamp on or after it. Shares: given 75%, never
 * given 12%, lapsed 8%, withdrawn 5%; a lapse needs more than a year of use behind it, so a
 * newly-15 person who drew it has given consent instead. A few given consents were last used
 * just under 12 months ago (storage ends in the next BOUNDARY_DAYS days), and a few lapsed ones
 * just over (storage ended in the last BOUNDARY_DAYS days). The state written is consentState's,
 * never the draw's: a use on 29 February is stored until 28 February a year later, so with the
 * reference date 28 February a use drawn for the next day (29 February) lapsed that morning.
 */
function generateConsent(seed: string, k: number, birthDate: IsoDate, clock: ConsentClock): ConsentRecord {
  const daysOfUse = daysBetween(accessUntil(birthDate), clock.today); // days since the app became possible
  if (daysOfUse < 0) return {};
  const rng = createRng(seed, 'consent', k);
  const now = clock.asOf.getTime();
  // A moment in the morning (Copenhagen time) of the day `daysAgo` before the reference date, never
  // after the reference instant: on or after the 15th birthday whenever daysAgo ≤ daysOfUse, a
  // change of summer time in between included.
  const at = (daysAgo: number) =>
    new Date(Math.min(now, copenhagenEpochMs(clock.todayDay - daysAgo, 0) + rng.int(0, 43_199) * 1000));
  // The app is used only once consent is given: a use drawn for the consent's own day is at or after it.
  const notBefore = (activity: Date, givenAt: Date) => (activity < givenAt ? givenAt : activity);
  let kind = rng.weighted(CONSENT_KINDS);
  if (kind === 'lapsed' && daysOfUse < 381) kind = 'given';
  if (kind === 'withdrawn' && daysOfUse < 1) kind = 'never';
  switch (kind) {
    case 'given': {
      if (rng.chance(NEAR_LAPSE)) {
        const lastDaysAgo = clock.retentionDays - rng.int(1, BOUNDARY_DAYS);
        if (lastDaysAgo <= daysOfUse) {
          const givenAt = at(rng.int(lastDaysAgo, Math.min(1100, daysOfUse)));
          return { givenAt, lastActivityAt: notBefore(at(lastDaysAgo), givenAt) };
        }
      }
      const givenDaysAgo = rng.int(0, Math.min(1100, daysOfUse));
      const givenAt = at(givenDaysAgo);
      return { givenAt, lastActivityAt: notBefore(at(rng.int(0, Math.min(givenDaysAgo, 330))), givenAt) };
    }
    case 'lapsed': {
      // daysOfUse ≥ 381 leaves room for a use just over 12 months ago, after the consent.
      const lastDaysAgo = rng.chance(JUST_LAPSED)
        ? clock.retentionDays + rng.int(0, BOUNDARY_DAYS - 1)
        : rng.int(380, Math.min(900, daysOfUse - 1));
      const givenAt = at(Math.min(daysOfUse - 1, lastDaysAgo + rng.int(0, 400)));
      return { givenAt, lastActivityAt: notBefore(at(lastDaysAgo), givenAt) };
    }
    case 'withdrawn': {
      const givenDaysAgo = rng.int(1, Math.min(1100, daysOfUse));
      return { givenAt: at(givenDaysAgo), withdrawnAt: at(rng.int(0, givenDaysAgo - 1)) };
    }
    case 'never':
      return {};
  }
}

function describeConsent(record: ConsentRecord, asOf: Date): GeneratedConsent {
  return {
    state: consentState(record, asOf),
    givenAt: record.givenAt ? utcTimestamp(record.givenAt) : null,
    withdrawnAt: record.withdrawnAt ? utcTimestamp(record.withdrawnAt) : null,
    lastActivityAt: record.lastActivityAt ? utcTimestamp(record.lastActivityAt) : null,
  };
}
