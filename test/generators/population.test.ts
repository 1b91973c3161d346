// The synthetic population: valid against the journal contract, deterministic, random-access and
// shardable, with unique synthetic CPR numbers, sound family links, and expected views that follow
// the domain rules.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/index.ts';
import { createSchemaValidator } from '../../contracts/schema-validator.ts';
import { cprBirthDate, cprSex, isSynthetic } from '../../domain/cpr.ts';
import { activeHoliday, isClinicOpen } from '../../domain/opening-hours.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { isShared } from '../../domain/sharing.ts';
import { addDays, addMonths, copenhagenDate, copenhagenInstant } from '../../domain/time.ts';
import { type ItemIds, toShareableRecord, visibleIds } from '../../generators/expected-view.ts';
import {
  CLINIC_SIZE,
  type ClinicLine,
  createPopulation,
  type PatientLine,
  type PopulationLine,
} from '../../generators/population.ts';
import { HOSPITALS } from '../../generators/records/referrals.ts';

const AS_OF = '2026-03-15';
const schemas = createSchemaValidator(loadContract('platform-journal'));
const schema = (name: string) => schemas.schemaOf(name);
const asOfInstant = createPopulation({ seed: 'x', asOf: AS_OF }).asOf;

function collect(seed: string, from: number, to: number): PopulationLine[] {
  return [...createPopulation({ seed, asOf: AS_OF }).lines(from, to)];
}
const patientsOf = (lines: PopulationLine[]) => lines.filter((l): l is PatientLine => l.type === 'patient');

// One population of a clinic and a half, shared by the checks that only read it.
const big = collect('population-test', 0, 3000);
const patients = patientsOf(big);
const clinics = big.filter((l): l is ClinicLine => l.type === 'clinic');

describe('generated population', () => {
  it('has the lines of a pair of clinics (each the other’s substitute) before the pair’s first patient', () => {
    expect(clinics.map((c) => c.index)).toEqual([0, 1]);
    expect(big.slice(0, 3).map((l) => l.type)).toEqual(['clinic', 'clinic', 'patient']);
    expect(big[CLINIC_SIZE + 2]?.type).toBe('patient');
    expect(patients).toHaveLength(3000);
    expect(patients[CLINIC_SIZE]?.clinicId).toBe(clinics[1]?.clinic.id);
  });

  it('validates against the journal contract: clinics, patients, every journal item, the shareable record', () => {
    const failures: string[] = [];
    const check = (what: string, pointer: string, value: unknown) => {
      for (const issue of schemas.validate(pointer, value)) failures.push(`${what}${issue.pointer}: ${issue.message}`);
    };
    for (const c of clinics) check(`clinic ${c.index}`, schema('Clinic'), c.clinic);
    for (const p of patients) {
      check(`patient ${p.index}`, schema('Patient'), p.patient);
      check(`record ${p.index}`, schema('ShareableRecord'), toShareableRecord(p.patient.id, p.journal, asOfInstant));
      if (failures.length > 20) break;
    }
    expect(failures).toEqual([]);
  });

  it('gives every person a unique synthetic CPR that encodes their birth date and sex', () => {
    const cprs = patients.map((p) => p.patient.cpr);
    expect(new Set(cprs).size).toBe(cprs.length);
    for (const p of patients) {
      expect(isSynthetic(p.patient.cpr), p.patient.cpr).toBe(true);
      expect(cprBirthDate(p.patient.cpr)).toBe(p.patient.birthDate);
      expect(cprSex(p.patient.cpr)).toBe(p.patient.sex);
      expect(p.patient.birthDate.endsWith('-01-01')).toBe(false);
      expect(p.synthetic).toBe(true);
    }
  });

  it('keeps CPR numbers unique at scale (20,000 people, twins and crowded dates included)', () => {
    const seen = new Set<string>();
    for (const line of createPopulation({ seed: 'scale', asOf: AS_OF }).lines(0, 20_000)) {
      if (line.type !== 'patient') continue;
      seen.add(line.patient.cpr);
    }
    expect(seen.size).toBe(20_000);
  });

  it('is deterministic, and patient k is the same whatever range it is generated in', () => {
    const again = collect('population-test', 0, 3000);
    expect(JSON.stringify(again)).toBe(JSON.stringify(big));
    const ten = patientsOf(collect('population-test', 0, 10));
    expect(JSON.stringify(ten)).toBe(JSON.stringify(patients.slice(0, 10)));
    const middle = patientsOf(collect('population-test', 1234, 1250));
    expect(JSON.stringify(middle)).toBe(JSON.stringify(patients.slice(1234, 1250)));
    const other = patientsOf(collect('another-seed', 0, 10));
    expect(other[0]?.patient.cpr).not.toBe(patients[0]?.patient.cpr);
  });

  it('links custody both ways, between parents and younger children', () => {
    const byId = new Map(patients.map((p) => [p.patient.id, p]));
    let links = 0;
    for (const p of patients) {
      for (const child of p.patient.children) {
        const c = child.patientId ? byId.get(child.patientId) : undefined;
        if (!c) continue;
        links += 1;
        const back = c.patient.custodians.find((l) => l.patientId === p.patient.id);
        expect(back?.custody).toBe(child.custody);
        expect(p.patient.birthDate < c.patient.birthDate).toBe(true);
        expect(c.patient.birthDate > '2008-03-15').toBe(true); // under 18
      }
    }
    expect(links).toBeGreaterThan(300);
  });

  it('contains every kind of household, twins, separated parents, newborns and protected addresses', () => {
    const kinds = new Set(patients.map((p) => p.household.kind));
    expect([...kinds].sort()).toEqual(
      [
        'couple',
        'elderly-couple',
        'parent-without-custody',
        'separated-shared-custody',
        'single',
        'single-parent',
        'twins',
        'two-parents',
      ].sort(),
    );
    const twinChildren = patients.filter((p) => p.household.kind === 'twins' && p.patient.custodians.length > 0);
    const twinDates = new Map<number, Set<string>>();
    for (const p of twinChildren) {
      const dates = twinDates.get(p.household.block) ?? new Set();
      dates.add(p.patient.birthDate);
      twinDates.set(p.household.block, dates);
    }
    expect(twinDates.size).toBeGreaterThan(0);
    for (const dates of twinDates.values()) expect(dates.size).toBe(1);

    const apart = patients.filter(
      (p) =>
        p.household.kind === 'separated-shared-custody' &&
        p.patient.children.length > 0 &&
        p.patient.children.every((c) => c.custody === 'joint'),
    );
    const streetsByBlock = new Map<number, Set<string | undefined>>();
    for (const p of apart) {
      const streets = streetsByBlock.get(p.household.block) ?? new Set();
      streets.add(p.patient.address?.street);
      streetsByBlock.set(p.household.block, streets);
    }
    expect([...streetsByBlock.values()].some((s) => s.size === 2)).toBe(true);
    expect(patients.some((p) => p.patient.addressProtected)).toBe(true);
    expect(patients.some((p) => p.patient.birthDate > '2025-03-15')).toBe(true); // under a year old
  });

  it('computes the expected extract with the sharing table', () => {
    let withheld = 0;
    for (const p of patients) {
      const extract = p.expected.extract;
      if ('problem' in extract) throw new Error(`clinic of patient ${p.index} objected; choose another seed`);
      const shared = new Set(extract.diagnoses);
      for (const d of p.journal.diagnoses) {
        expect(shared.has(d.id)).toBe(isShared(d.icpcCode, d.registeredAt, asOfInstant));
        if (!shared.has(d.id)) withheld += 1;
      }
      expect(extract.labResults).toEqual(p.journal.labResults.map((x) => x.id));
    }
    expect(withheld).toBeGreaterThan(0);
  });

  it('computes what the patient and each parent sees', () => {
    const states = new Set(patients.map((p) => p.consent.state));
    expect([...states].sort()).toEqual(['given', 'lapsed', 'never-given', 'withdrawn']);
    for (const p of patients) {
      const extract = p.expected.extract as ItemIds;
      const visible = visibleIds(p.journal, extract, asOfInstant);
      if (p.patient.birthDate > '2011-03-15') expect(p.expected.app.self).toBeNull(); // under 15
      if (p.consent.state === 'lapsed') expect(p.expected.app.self).toEqual({ problem: 'consent-lapsed' });
      if (p.consent.state === 'withdrawn') expect(p.expected.app.self).toEqual({ problem: 'consent-required' });
      if (p.consent.state === 'never-given' && p.expected.app.self) {
        expect(p.expected.app.self).toEqual({ problem: 'consent-required' });
      }
      // With consent, the patient sees exactly what the app shows of the extract: every category.
      if (p.consent.state === 'given' && p.expected.app.self) {
        expect(p.expected.app.self).toEqual({ categories: visible });
      }
    }
    const childViews = patients.flatMap((child) =>
      child.expected.app.proxies.map((v) => ({ child, view: v.view, viewer: v.viewerId })),
    );
    const consentOf = new Map(patients.map((p) => [p.patient.id, p.consent.state]));
    // Under 15, with custody and the parent's own consent: the allowed categories exactly, and
    // not-available-for-child for the rest.
    const young = childViews.filter(
      ({ child, viewer }) =>
        child.patient.birthDate > '2011-03-15' &&
        child.patient.custodians.some((c) => c.patientId === viewer) &&
        consentOf.get(viewer) === 'given',
    );
    expect(young.length).toBeGreaterThan(50);
    for (const { child, view } of young) {
      const visible = visibleIds(child.journal, child.expected.extract as ItemIds, asOfInstant);
      expect(view).toEqual({
        categories: {
          diagnoses: { problem: 'not-available-for-child' },
          vaccinations: visible.vaccinations,
          appointments: visible.appointments,
          referrals: { problem: 'not-available-for-child' },
          labResults: { problem: 'not-available-for-child' },
          medications: visible.medications,
          eConsultations: visible.eConsultations,
        },
      });
    }
    // A parent without custody, or of a child of 15 or more, is refused outright, whatever their consent.
    const noCustody = childViews.filter(
      ({ child, viewer }) => !child.patient.custodians.some((c) => c.patientId === viewer),
    );
    const older = childViews.filter(({ child }) => child.patient.birthDate <= '2011-03-15');
    expect(noCustody.length).toBeGreaterThan(0);
    expect(older.length).toBeGreaterThan(0);
    for (const { view } of [...noCustody, ...older]) expect(view).toEqual({ problem: 'proxy-access-denied' });
  });

  it('dates consent and app use no earlier than the 15th birthday', () => {
    for (const p of patients) {
      const fifteen = accessUntil(p.patient.birthDate);
      for (const at of [p.consent.givenAt, p.consent.withdrawnAt, p.consent.lastActivityAt]) {
        if (at) expect(copenhagenDate(new Date(at)) >= fifteen, `${p.index} ${at} < ${fifteen}`).toBe(true);
      }
    }
  });

  it('orders consent times: given before use or withdrawal, from the 15th birthday to the reference instant', () => {
    // Ranges holding cases found by review: use before consent on the same day (s1 #194, s2 #1117),
    // and consent the evening before the 15th birthday across a change to summer time (s6 #12379).
    const cases = [
      ['s1', '2026-01-15', 0, 400],
      ['s2', '2026-07-10', 1_100, 1_200],
      ['s6', '2026-04-02', 12_300, 12_400],
    ] as const;
    let checked = 0;
    for (const [seed, asOf, from, to] of cases) {
      const end = copenhagenInstant(asOf, 12, 0).getTime();
      for (const line of createPopulation({ seed, asOf }).lines(from, to)) {
        if (line.type !== 'patient') continue;
        const { givenAt, withdrawnAt, lastActivityAt } = line.consent;
        const fifteen = copenhagenInstant(accessUntil(line.patient.birthDate)).getTime();
        const where = `${seed} #${line.index}`;
        for (const at of [givenAt, withdrawnAt, lastActivityAt]) {
          if (at === null) continue;
          expect(Date.parse(at) >= fifteen && Date.parse(at) <= end, `${where} ${at}`).toBe(true);
        }
        if (givenAt && lastActivityAt) expect(lastActivityAt >= givenAt, `${where} used before consent`).toBe(true);
        if (givenAt && withdrawnAt) expect(withdrawnAt > givenAt, `${where} withdrawn before consent`).toBe(true);
        if (givenAt) checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('gives the two doses of an HPV course at least five calendar months apart', () => {
    // s1 #79 and #3428 had their second dose under five months after a late first one.
    let pairs = 0;
    for (const line of createPopulation({ seed: 's1', asOf: '2026-01-15' }).lines(0, 3_500)) {
      if (line.type !== 'patient') continue;
      const hpv = line.journal.vaccinations
        .filter((v) => v.atcCode?.startsWith('J07BM'))
        .sort((a, b) => a.givenOn.localeCompare(b.givenOn));
      for (let i = 1; i < hpv.length; i++) {
        const [earlier, later] = [hpv[i - 1], hpv[i]] as [(typeof hpv)[number], (typeof hpv)[number]];
        expect(
          later.givenOn >= addMonths(earlier.givenOn, 5),
          `#${line.index} ${earlier.givenOn} → ${later.givenOn}`,
        ).toBe(true);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(50);
  });

  it("places appointments, blood samples and the clinic's vaccinations within the clinic's own calendar", () => {
    // s2 as of 2026-07-10 has clinics on their summer holiday around the reference date.
    let appointments = 0;
    let samples = 0;
    let doses = 0;
    for (const [seed, asOf] of [
      ['s1', '2026-01-15'],
      ['s2', '2026-07-10'],
    ] as const) {
      const hours = new Map<string, ClinicLine['clinic']['openingHours']>();
      for (const line of createPopulation({ seed, asOf }).lines(0, 1_500)) {
        if (line.type === 'clinic') {
          hours.set(line.clinic.id, line.clinic.openingHours);
          continue;
        }
        const h = hours.get(line.clinicId) as ClinicLine['clinic']['openingHours'];
        const where = `${seed} #${line.index}`;
        for (const a of line.journal.appointments) {
          const last = new Date(Date.parse(a.endsAt) - 60_000);
          expect(isClinicOpen(h, new Date(a.startsAt)) && isClinicOpen(h, last), `${where} ${a.startsAt}`).toBe(true);
          appointments++;
        }
        for (const r of line.journal.labResults) {
          expect(isClinicOpen(h, new Date(r.sampledAt)), `${where} sampled ${r.sampledAt}`).toBe(true);
          samples++;
        }
        const doctors = new Set(line.journal.appointments.map((a) => a.practitioner));
        for (const v of line.journal.vaccinations) {
          if (!doctors.has(v.givenBy ?? '')) continue; // given elsewhere: a pharmacy, a vaccination centre
          const closed = h.closedDays.some((d) => d.date === v.givenOn);
          expect(
            closed || activeHoliday(h, copenhagenInstant(v.givenOn, 11)) !== undefined,
            `${where} ${v.givenOn}`,
          ).toBe(false);
          doses++;
        }
      }
    }
    expect(appointments).toBeGreaterThan(10_000);
    expect(samples).toBeGreaterThan(1_000);
    expect(doses).toBeGreaterThan(100);
  });

  it("refers to the public hospitals of the clinic's region, on weekdays", () => {
    const regionOf = new Map<string, string>();
    for (const [region, h] of Object.entries(HOSPITALS)) {
      for (const name of [h.university, ...h.hospitals, h.diabetesCentre]) regionOf.set(name, region);
    }
    let hospitalReferrals = 0;
    const clinicRegion = new Map<string, string>();
    for (const line of createPopulation({ seed: 's1', asOf: '2026-01-15' }).lines(0, 3_000)) {
      if (line.type === 'clinic') {
        clinicRegion.set(line.clinic.id, line.region);
        continue;
      }
      for (const r of line.journal.referrals) {
        const weekday = new Date(`${r.issuedOn}T12:00:00Z`).getUTCDay();
        expect(weekday !== 0 && weekday !== 6, `#${line.index} issued on ${r.issuedOn}`).toBe(true);
        const region = regionOf.get(r.receiver.name);
        if (region === undefined) continue; // a private practitioner or the municipality
        expect(region, `#${line.index} ${r.receiver.name}`).toBe(clinicRegion.get(line.clinicId));
        hospitalReferrals++;
      }
    }
    expect(hospitalReferrals).toBeGreaterThan(100);
  });

  it('keeps ages right when the reference date is 1 January (no one is born on 1 January)', () => {
    const population = createPopulation({ seed: 'new-year', asOf: '2026-01-01' });
    for (const line of population.lines(0, 2000)) {
      if (line.type !== 'patient') continue;
      expect(line.patient.birthDate.endsWith('-01-01')).toBe(false);
      // Adults are adults: a parent or single adult is at least 18 on the reference date.
      if (line.patient.children.length > 0) expect(line.patient.birthDate <= '2008-01-01').toBe(true);
    }
  });

  it('tells everyone of a clinic that objected to sharing: clinic-not-connected', () => {
    // Seed chosen so that clinic 0 objected (about 2% of clinics do).
    const lines = patientsOf(collect('objected-113', 0, 200));
    expect(lines.length).toBe(200);
    for (const p of lines) {
      expect(p.expected.extract).toEqual({ problem: 'clinic-not-connected' });
      if (p.expected.app.self) expect(p.expected.app.self).toEqual({ problem: 'clinic-not-connected' });
      for (const { view } of p.expected.app.proxies) {
        expect(['clinic-not-connected', 'proxy-access-denied']).toContain('problem' in view ? view.problem : 'shown');
      }
    }
  });

  it('spreads clinics over the five regions, with varying capabilities and a substitute', () => {
    const population = createPopulation({ seed: 'regions', asOf: AS_OF });
    const made = Array.from({ length: 120 }, (_, c) => population.clinic(c));
    expect(new Set(made.map((c) => c.region)).size).toBe(5);
    expect(new Set(made.map((c) => JSON.stringify(c.clinic.capabilities))).size).toBeGreaterThan(3);
    for (const c of made) {
      expect(schemas.validate(schema('Clinic'), c.clinic)).toEqual([]);
      for (const h of c.clinic.openingHours.holidays) {
        expect(h.substitute.clinicId).not.toBe(c.clinic.id);
        // The substitute is in the same region and open on the weekdays of the holiday.
        const sub = made.find((m) => m.clinic.id === h.substitute.clinicId);
        if (!sub) continue;
        expect(sub.region).toBe(c.region);
        for (let day = h.from; day <= h.to; day = addDays(day, 1)) {
          const noon = copenhagenInstant(day, 11, 0);
          if (isClinicOpen(c.clinic.openingHours, copenhagenInstant(addDays(h.from, -7), 11, 0))) {
            expect(
              activeHoliday(sub.clinic.openingHours, noon),
              `${sub.clinic.name} on holiday ${day}`,
            ).toBeUndefined();
          }
        }
      }
    }
  });

  it('refuses to interleave two ranges of one population, which would misnumber CPRs', () => {
    const population = createPopulation({ seed: 's', asOf: AS_OF });
    const first = population.lines(0, 100);
    first.next();
    expect([...population.lines(800, 810)].length).toBeGreaterThan(0);
    expect(() => [...first]).toThrow(/one at a time/);
  });

  it('refuses a bad reference date or range', () => {
    expect(() => createPopulation({ seed: 's', asOf: '2026-02-30' })).toThrow(RangeError);
    expect(() => [...createPopulation({ seed: 's', asOf: AS_OF }).lines(5, 2)]).toThrow(RangeError);
  });
});
