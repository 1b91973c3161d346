// The clinical generators (profile, diagnoses, medications, lab results, referrals): every item
// valid against the journal contract, deterministic, dated between birth and the reference date,
// and a population whose prevalences and results look like a Danish general practice's.

import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/index.ts';
import { createSchemaValidator } from '../../contracts/schema-validator.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { isPublicHoliday } from '../../domain/public-holidays.ts';
import { sharingRuleOf } from '../../domain/sharing.ts';
import { addDays, addYears, copenhagenInstant, type IsoDate, weekdayOf } from '../../domain/time.ts';
import type { JournalDiagnosis, LabResult, Medication, RecordContext, Referral } from '../../generators/context.ts';
import { createDanishFaker } from '../../generators/faker.ts';
import { createIdFactory, entityToken, seedTag } from '../../generators/ids.ts';
import { type ClinicalProfile, CONDITION_SPECS, chronicConditions } from '../../generators/records/clinical-profile.ts';
import { DANISH_TITLES, generateDiagnoses } from '../../generators/records/diagnoses.ts';
import { generateLabResults } from '../../generators/records/lab-results.ts';
import { generateMedications } from '../../generators/records/medications.ts';
import { generateReferrals } from '../../generators/records/referrals.ts';
import { createRng } from '../../generators/rng.ts';
import { weekdayCalendar } from '../support/clinic-calendar.ts';

const TODAY = '2025-03-14';
const AS_OF = copenhagenInstant(TODAY, 12);
const schemas = createSchemaValidator(loadContract('platform-journal'));
const schema = (name: string) => schemas.schemaOf(name);

interface Generated {
  ctx: RecordContext;
  profile: ClinicalProfile;
  diagnoses: JournalDiagnosis[];
  medications: Medication[];
  labResults: LabResult[];
  referrals: Referral[];
}

const faker = createDanishFaker();

/**
 * Per-category contexts for patient k of a seed: ages spread evenly over 0–99, sexes alternating,
 * unless a birth date (and the age it gives) is forced.
 */
function contexts(
  seed: string,
  k: number,
  forced?: { birthDate: IsoDate; age: number },
): { base: RecordContext; category: (name: string) => RecordContext } {
  const patientRng = createRng(seed, 'patient', k);
  const age = forced?.age ?? k % 100;
  const birthDate = forced?.birthDate ?? addDays(addYears(TODAY, -age), -patientRng.int(0, 364));
  const tag = seedTag(seed);
  const base: RecordContext = {
    rng: patientRng,
    faker: faker.faker,
    asOf: AS_OF,
    today: TODAY,
    patient: {
      id: `pat_${entityToken(tag, k)}`,
      name: 'Testperson',
      birthDate,
      sex: k % 2 === 0 ? 'female' : 'male',
      ageYears: age,
      ownAppUseFrom: accessUntil(birthDate),
    },
    clinic: {
      id: 'cln_test0001',
      name: 'Lægerne i Testby',
      capabilities: { attachments: true, videoConsultation: true, onlineBooking: true },
      doctors: ['Læge Anne Holm'],
      calendar: weekdayCalendar(),
      region: 'midtjylland',
    },
    custodians: [],
    ids: createIdFactory(entityToken(tag, k)),
  };
  const category = (name: string): RecordContext => {
    const rng = patientRng.fork(name);
    faker.reseed(rng.fork('faker'));
    return { ...base, rng };
  };
  return { base, category };
}

function generate(seed: string, k: number, forced?: { birthDate: IsoDate; age: number }): Generated {
  const { base, category: forCategory } = contexts(seed, k, forced);
  const profile = chronicConditions(forCategory('profile'));
  return {
    ctx: base,
    profile,
    diagnoses: generateDiagnoses(forCategory('diagnoses'), profile),
    medications: generateMedications(forCategory('medications'), profile),
    labResults: generateLabResults(forCategory('lab-results'), profile),
    referrals: generateReferrals(forCategory('referrals'), profile),
  };
}

const N = 4000;
const population = Array.from({ length: N }, (_, k) => generate('clinical-test', k));
const inAgeRange = (min: number, max: number) =>
  population.filter((p) => p.ctx.patient.ageYears >= min && p.ctx.patient.ageYears <= max);
const hasCode = (p: Generated, ...codes: string[]) => p.diagnoses.some((d) => codes.includes(d.icpcCode));
const share = (group: Generated[], test: (p: Generated) => boolean) => group.filter(test).length / group.length;

describe('contract', () => {
  it('every item validates against its journal contract schema', () => {
    const failures: string[] = [];
    const check = (name: string, value: unknown) => {
      const issues = schemas.validate(schema(name), value);
      if (issues.length > 0) failures.push(`${name} ${JSON.stringify(value)}: ${JSON.stringify(issues)}`);
    };
    for (const p of population) {
      for (const d of p.diagnoses) {
        expect(Object.keys(d).sort()).toEqual(['icpcCode', 'id', 'registeredAt', 'title']);
        check('DiagnosisId', d.id);
        expect(d.title.length).toBeGreaterThan(0);
        const rule = sharingRuleOf(d.icpcCode);
        if (rule !== undefined) check('Diagnosis', { ...d, rule });
        else expect(d.icpcCode).toMatch(/^[A-Z]\d{2}$/);
      }
      for (const m of p.medications) check('Medication', m);
      for (const l of p.labResults) check('LabResult', l);
      for (const r of p.referrals) check('Referral', r);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('ids are unique within a patient and carry their prefix', () => {
    for (const p of population.slice(0, 500)) {
      const ids = [...p.diagnoses, ...p.medications, ...p.labResults, ...p.referrals].map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('every condition has Danish titles, and the table codes are exactly those the sharing table shares', () => {
    for (const spec of CONDITION_SPECS) {
      for (const code of [spec.code, spec.altCode]) {
        if (code === null) continue;
        expect(DANISH_TITLES[code], code).toBeDefined();
        const cancer = spec.key.startsWith('cancer') || spec.key.startsWith('neoplasm');
        if (cancer) expect(sharingRuleOf(code), code).toBe('B');
      }
    }
    for (const code of ['K75', 'P17', 'B72', 'B73', 'D73', 'D78', 'R83', 'R86', 'Y79', 'A04', 'R74', 'L03']) {
      expect(sharingRuleOf(code), code).toBeUndefined();
      expect(DANISH_TITLES[code], code).toBeDefined();
    }
  });
});

describe('determinism', () => {
  it('the same seed gives the same output, byte for byte', () => {
    for (const k of [0, 1, 17, 73, 85, 99, 250, 1234]) {
      const again = generate('clinical-test', k);
      const first = population[k] as Generated;
      expect(JSON.stringify(again.diagnoses)).toBe(JSON.stringify(first.diagnoses));
      expect(JSON.stringify(again.medications)).toBe(JSON.stringify(first.medications));
      expect(JSON.stringify(again.labResults)).toBe(JSON.stringify(first.labResults));
      expect(JSON.stringify(again.referrals)).toBe(JSON.stringify(first.referrals));
      expect(again.profile).toEqual(first.profile);
    }
  });

  it('another seed gives another population', () => {
    const other = Array.from({ length: 50 }, (_, k) => generate('another-seed', k));
    expect(JSON.stringify(other.map((p) => p.diagnoses))).not.toBe(
      JSON.stringify(population.slice(0, 50).map((p) => p.diagnoses)),
    );
  });
});

describe('dates', () => {
  it('nothing is dated before birth or after the reference date', () => {
    for (const p of population) {
      const birth = p.ctx.patient.birthDate;
      const within = (date: IsoDate) => date >= birth && date <= TODAY;
      for (const d of p.diagnoses)
        expect(within(d.registeredAt), `${d.icpcCode} ${d.registeredAt} ${birth}`).toBe(true);
      for (const m of p.medications) {
        expect(within(m.startDate), `${m.name} ${m.startDate}`).toBe(true);
        if (m.endDate !== null) {
          expect(m.endDate >= m.startDate).toBe(true);
          expect(m.endDate <= TODAY).toBe(true);
        }
      }
      for (const l of p.labResults) {
        expect(within(l.sampledAt.slice(0, 10)), l.sampledAt).toBe(true);
        expect(Date.parse(l.sampledAt)).toBeLessThanOrEqual(AS_OF.getTime());
      }
      for (const r of p.referrals) {
        expect(within(r.issuedOn)).toBe(true);
        if (r.validUntil !== null) expect(r.validUntil > r.issuedOn).toBe(true);
      }
    }
  });

  it('holds at the edges: born today, turned 15 today, 105 years old', () => {
    const edges = [
      { birthDate: TODAY, age: 0 },
      { birthDate: addYears(TODAY, -15), age: 15 },
      { birthDate: addDays(addYears(TODAY, -16), 1), age: 15 },
      { birthDate: addYears(TODAY, -105), age: 105 },
    ];
    for (const forced of edges) {
      for (let k = 0; k < 400; k++) {
        const p = generate('edges', k, forced);
        const dates = [
          ...p.diagnoses.map((d) => d.registeredAt),
          ...p.medications.flatMap((m) => [m.startDate, m.endDate ?? m.startDate]),
          ...p.labResults.map((l) => l.sampledAt.slice(0, 10)),
          ...p.referrals.map((r) => r.issuedOn),
        ];
        for (const date of dates) {
          expect(date >= forced.birthDate && date <= TODAY, `${forced.birthDate}: ${date}`).toBe(true);
        }
      }
    }
  });

  it('lists are sorted by date', () => {
    const sorted = (xs: string[]) => xs.every((x, i) => i === 0 || (xs[i - 1] as string) <= x);
    for (const p of population) {
      expect(sorted(p.diagnoses.map((d) => d.registeredAt))).toBe(true);
      expect(sorted(p.medications.map((m) => m.startDate))).toBe(true);
      expect(sorted(p.labResults.map((l) => String(Date.parse(l.sampledAt)).padStart(15, '0')))).toBe(true);
      expect(sorted(p.referrals.map((r) => r.issuedOn))).toBe(true);
    }
  });

  it('blood samples are taken on weekdays that are not holidays, during the day, with the right offset', () => {
    let checked = 0;
    for (const p of population) {
      for (const l of p.labResults) {
        const date = l.sampledAt.slice(0, 10);
        const hour = Number(l.sampledAt.slice(11, 13));
        const minute = Number(l.sampledAt.slice(14, 16));
        expect(['saturday', 'sunday']).not.toContain(weekdayOf(date));
        expect(isPublicHoliday(date, { includeUnofficial: true })).toBe(false);
        expect(hour).toBeGreaterThanOrEqual(7);
        expect(hour).toBeLessThanOrEqual(15);
        if (checked++ < 3000) expect(Date.parse(l.sampledAt)).toBe(copenhagenInstant(date, hour, minute).getTime());
      }
    }
  });
});

describe('prevalence', () => {
  it('hypertension rises with age to roughly half of those over 70', () => {
    const old = share(inAgeRange(70, 99), (p) => hasCode(p, 'K86', 'K87'));
    const middle = share(inAgeRange(40, 59), (p) => hasCode(p, 'K86', 'K87'));
    expect(old).toBeGreaterThan(0.25);
    expect(old).toBeLessThan(0.6);
    expect(middle).toBeLessThan(old);
    expect(share(inAgeRange(0, 17), (p) => hasCode(p, 'K85', 'K86', 'K87'))).toBe(0);
  });

  it('type 2 diabetes from ~3 % at 40 to ~15 % over 70, never in children; type 1 is rare at any age', () => {
    const old = share(inAgeRange(70, 99), (p) => hasCode(p, 'T90'));
    expect(old).toBeGreaterThan(0.07);
    expect(old).toBeLessThan(0.25);
    expect(share(inAgeRange(40, 49), (p) => hasCode(p, 'T90'))).toBeLessThan(0.08);
    expect(share(inAgeRange(0, 9), (p) => hasCode(p, 'T90'))).toBe(0);
    expect(share(population, (p) => hasCode(p, 'T89'))).toBeLessThan(0.015);
    expect(population.some((p) => hasCode(p, 'T89') && hasCode(p, 'T90'))).toBe(false);
  });

  it('asthma in children and young adults, COPD and AF only in the old, osteoporosis mostly in women', () => {
    const young = share(inAgeRange(5, 24), (p) => hasCode(p, 'R96'));
    expect(young).toBeGreaterThan(0.04);
    expect(young).toBeLessThan(0.14);
    expect(share(inAgeRange(0, 39), (p) => hasCode(p, 'R95'))).toBe(0);
    expect(share(inAgeRange(70, 99), (p) => hasCode(p, 'R95'))).toBeGreaterThan(0.04);
    expect(share(inAgeRange(75, 99), (p) => hasCode(p, 'K78'))).toBeGreaterThan(0.06);
    const old = inAgeRange(65, 99);
    const women = share(
      old.filter((p) => p.ctx.patient.sex === 'female'),
      (p) => hasCode(p, 'L95'),
    );
    const men = share(
      old.filter((p) => p.ctx.patient.sex === 'male'),
      (p) => hasCode(p, 'L95'),
    );
    expect(women).toBeGreaterThan(2 * men);
  });

  it('cancers by organ and sex: breast only in women, prostate only in men, none in young children', () => {
    for (const p of population) {
      if (hasCode(p, 'X75', 'X76', 'X77', 'W72')) expect(p.ctx.patient.sex).toBe('female');
      if (hasCode(p, 'Y77', 'Y78', 'Y79', 'Y85')) expect(p.ctx.patient.sex).toBe('male');
    }
    expect(share(inAgeRange(0, 14), (p) => hasCode(p, 'X76', 'Y77', 'D75', 'R84', 'S77'))).toBe(0);
    expect(population.filter((p) => hasCode(p, 'X76')).length).toBeGreaterThan(10);
    expect(population.filter((p) => hasCode(p, 'Y77')).length).toBeGreaterThan(10);
    expect(population.filter((p) => hasCode(p, 'S77')).length).toBeGreaterThan(10);
  });

  it('rule A diagnoses both within the last year and older, rule B decades old, codes outside the table', () => {
    const yearAgo = addYears(TODAY, -1);
    const all = population.flatMap((p) => p.diagnoses);
    const ruleA = all.filter((d) => sharingRuleOf(d.icpcCode) === 'A');
    expect(ruleA.filter((d) => d.registeredAt >= yearAgo).length).toBeGreaterThan(50);
    expect(ruleA.filter((d) => d.registeredAt < yearAgo).length).toBeGreaterThan(50);
    const ruleB = all.filter((d) => sharingRuleOf(d.icpcCode) === 'B');
    expect(ruleB.filter((d) => d.registeredAt < addYears(TODAY, -20)).length).toBeGreaterThan(10);
    const unshared = all.filter((d) => sharingRuleOf(d.icpcCode) === undefined);
    expect(unshared.length).toBeGreaterThan(all.length / 4);
    for (const code of ['D73', 'D78', 'R83', 'K75', 'B72']) expect(unshared.map((d) => d.icpcCode)).toContain(code);
  });

  it('children under 15 have few lab results, the chronically ill many', () => {
    const children = inAgeRange(0, 14);
    const mean = (g: Generated[]) => g.reduce((n, p) => n + p.labResults.length, 0) / g.length;
    expect(mean(children)).toBeLessThan(1.5);
    const ill = population.filter((p) => hasCode(p, 'T90', 'K77'));
    const healthyAdults = inAgeRange(18, 99).filter((p) => p.profile.conditions.length === 0);
    expect(mean(ill)).toBeGreaterThan(3 * mean(healthyAdults));
  });
});

describe('consistency across categories', () => {
  it('diabetics have HbA1c results, and many of them at or above 48 mmol/mol', () => {
    const diabetics = population.filter((p) => hasCode(p, 'T89', 'T90'));
    expect(diabetics.length).toBeGreaterThan(50);
    const values: number[] = [];
    for (const p of diabetics) {
      const hba1c = p.labResults.filter((l) => l.npuCode === 'NPU27300');
      expect(hba1c.length, p.ctx.patient.id).toBeGreaterThan(0);
      for (const l of hba1c) values.push(l.value as number);
    }
    const high = values.filter((v) => v >= 48).length / values.length;
    expect(high).toBeGreaterThan(0.4);
    expect(high).toBeLessThan(0.95);
  });

  it('drugs follow their diagnoses and start after them', () => {
    const indications: Record<string, string[]> = {
      A10BA02: ['T90'],
      B01AF02: ['K78'],
      B01AA03: ['K78'],
      H03AA01: ['T86'],
      H03BB02: ['T85'],
      M05BA04: ['L95'],
      L04AX03: ['L88'],
      R03BB04: ['R95'],
    };
    let seen = 0;
    for (const p of population) {
      for (const m of p.medications) {
        const codes = indications[m.atcCode];
        if (codes === undefined) continue;
        seen++;
        const diagnosis = p.diagnoses.find((d) => codes.includes(d.icpcCode));
        expect(diagnosis, `${m.name} without ${codes.join('/')}`).toBeDefined();
        expect(m.startDate >= (diagnosis as JournalDiagnosis).registeredAt).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(100);
    const hypertensive = population.filter((p) => hasCode(p, 'K86', 'K87'));
    const treated = share(hypertensive, (p) =>
      p.medications.some((m) => ['C08CA01', 'C09CA01', 'C09AA05', 'C03AB01'].includes(m.atcCode)),
    );
    expect(treated).toBeGreaterThan(0.6);
  });

  it('warfarin users have INR results, myxoedema shows a high TSH at diagnosis', () => {
    const warfarin = population.filter((p) => p.profile.anticoagulant === 'warfarin');
    expect(warfarin.length).toBeGreaterThan(5);
    for (const p of warfarin) expect(p.labResults.some((l) => l.npuCode === 'NPU01685')).toBe(true);
    const highTsh = population.flatMap((p) =>
      hasCode(p, 'T86') ? p.labResults.filter((l) => l.npuCode === 'NPU03577' && l.abnormal) : [],
    );
    expect(highTsh.length).toBeGreaterThan(0);
  });

  it('the abnormal flag follows the reference interval, and some results are flagged or given as text', () => {
    const all = population.flatMap((p) => p.labResults);
    for (const l of all) {
      const { lower, upper } = l.referenceInterval ?? { lower: null, upper: null };
      if (typeof l.value === 'number') {
        expect(l.abnormal).toBe((lower !== null && l.value < lower) || (upper !== null && l.value > upper));
      } else {
        expect(l.value).toMatch(/^<\d+(\.\d+)?$/);
      }
    }
    expect(all.filter((l) => l.abnormal).length).toBeGreaterThan(all.length / 20);
    expect(all.filter((l) => l.abnormal).length).toBeLessThan(all.length / 2);
    expect(all.some((l) => l.value === '<4')).toBe(true);
    // Haemoglobin intervals differ by sex.
    const hb = all.filter((l) => l.npuCode === 'NPU02319');
    expect(new Set(hb.map((l) => JSON.stringify(l.referenceInterval))).size).toBeGreaterThan(2);
  });

  it('referral standards match their kinds, and most referrals are recent', () => {
    const all = population.flatMap((p) => p.referrals);
    expect(all.length).toBeGreaterThan(N / 10);
    for (const r of all) {
      const expected = r.kind === 'imaging' ? 'XREF02' : r.kind === 'physiotherapy' ? 'XREF07' : 'REF01';
      expect(r.standard).toBe(expected);
    }
    const recent = all.filter((r) => r.issuedOn >= addDays(TODAY, -183)).length;
    expect(recent / all.length).toBeGreaterThan(0.4);
    const statuses = new Set(all.map((r) => r.status));
    for (const s of ['sent', 'received', 'booked', 'completed']) expect(statuses).toContain(s);
  });
});

describe('speed', () => {
  it('prints a rough figure (not asserted)', () => {
    const names = ['profile', 'diagnoses', 'medications', 'lab-results', 'referrals'];
    const prepared = Array.from({ length: 5000 }, (_, k) => {
      const { category } = contexts('speed', k);
      return names.map(category);
    });
    const started = performance.now();
    let items = 0;
    for (const [p, d, m, l, r] of prepared as RecordContext[][]) {
      const profile = chronicConditions(p as RecordContext);
      items += generateDiagnoses(d as RecordContext, profile).length;
      items += generateMedications(m as RecordContext, profile).length;
      items += generateLabResults(l as RecordContext, profile).length;
      items += generateReferrals(r as RecordContext, profile).length;
    }
    const micros = ((performance.now() - started) * 1000) / prepared.length;
    console.log(
      `clinical generators: ~${micros.toFixed(1)} µs and ${(items / prepared.length).toFixed(1)} items per patient (ages 0–99 evenly, unwarmed)`,
    );
    expect(items).toBeGreaterThan(0);
  });
});
