// The encounter generators (vaccinations, appointments, e-consultations) over a few thousand
// hand-built record contexts: patients of every age and both sexes, at clinics with and without
// attachments and video, on several reference dates (one a summer-time change, one Christmas Eve).
// Every item must validate against the journal contract and keep the domain's rules.

import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/index.ts';
import { createSchemaValidator } from '../../contracts/schema-validator.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { isPublicHoliday } from '../../domain/public-holidays.ts';
import {
  addDays,
  copenhagenInstant,
  copenhagenOffsetMinutes,
  copenhagenParts,
  formatDate,
  type IsoDate,
  weekdayOf,
} from '../../domain/time.ts';
import { dosesDue, HPV_BOYS_BORN_FROM } from '../../domain/vaccination.ts';
import type { Appointment, EConsultation, RecordContext, Vaccination } from '../../generators/context.ts';
import { createDanishFaker } from '../../generators/faker.ts';
import { createIdFactory, entityToken, seedTag } from '../../generators/ids.ts';
import { generateAppointments } from '../../generators/records/appointments.ts';
import { chronicConditions } from '../../generators/records/clinical-profile.ts';
import { attachmentContent, generateEConsultations } from '../../generators/records/e-consultations.ts';
import { generateLabResults } from '../../generators/records/lab-results.ts';
import { generateMedications } from '../../generators/records/medications.ts';
import { programmeSource } from '../../generators/records/programme.ts';
import { generateReferrals } from '../../generators/records/referrals.ts';
import { pickWeighted, weightedTable } from '../../generators/records/sampling.ts';
import { sortInPlace } from '../../generators/records/sort.ts';
import { generateVaccinations } from '../../generators/records/vaccinations.ts';
import { createRng } from '../../generators/rng.ts';
import { weekdayCalendar } from '../support/clinic-calendar.ts';
import { PROGRAMME_VACCINE } from '../support/programme.ts';

const validator = createSchemaValidator(loadContract('platform-journal'));
const TODAYS: readonly IsoDate[] = ['2025-11-14', '2026-03-29', '2024-12-24', '2031-06-05'];
const PATIENTS = 3200;

interface Generated {
  ctx: RecordContext;
  vaccinations: Vaccination[];
  appointments: Appointment[];
  eConsultations: EConsultation[];
}

function ageOn(birthDate: IsoDate, today: IsoDate): number {
  const age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? age - 1 : age;
}

/** A context as the population generator would build it, but by hand; children are over-represented. */
function makeContext(seed: string, k: number): RecordContext {
  const rng = createRng(seed, 'patient', k);
  const faker = createDanishFaker();
  faker.reseed(rng.fork('names'));
  const { person } = faker.faker;
  const today = TODAYS[k % TODAYS.length] as IsoDate;
  const sex = rng.chance(0.5) ? 'female' : 'male';
  const maxDays = rng.chance(0.45) ? 18 * 365 : 100 * 365;
  const birthDate = addDays(today, -rng.int(20, maxDays));
  const ageYears = ageOn(birthDate, today);
  const token = entityToken(seedTag(seed), k);
  const custodianCount =
    ageYears >= 15
      ? 0
      : rng.weighted([
          [0, 5],
          [1, 30],
          [2, 65],
        ] as const);
  const custodians = Array.from({ length: custodianCount }, () => ({
    name: `${person.firstName()} ${person.lastName()}`,
  }));
  const doctors = Array.from({ length: rng.int(1, 3) }, () => `Læge ${person.firstName()} ${person.lastName()}`);
  return {
    rng,
    faker: faker.faker,
    asOf: copenhagenInstant(today, 12, 0),
    today,
    patient: {
      id: `pat_${token}`,
      name: `${person.firstName(sex)} ${person.lastName()}`,
      birthDate,
      sex,
      ageYears,
      ownAppUseFrom: accessUntil(birthDate),
    },
    clinic: {
      id: `cln_${token}`,
      name: `Lægehuset ${person.lastName()}`,
      capabilities: { attachments: k % 2 === 0, videoConsultation: k % 3 === 0, onlineBooking: true },
      doctors,
      calendar: weekdayCalendar(),
      region: 'midtjylland',
    },
    custodians,
    ids: createIdFactory(token),
  };
}

/**
 * Each category gets its own fork of the patient's generator, vaccinations and appointments share
 * one programme source, appointments read the clinical profile, medication card and lab results,
 * and e-consultations those, the appointments and the referrals, as the population generator does.
 */
function generate(ctx: RecordContext): Generated {
  const programme = programmeSource(ctx);
  const profile = chronicConditions({ ...ctx, rng: ctx.rng.fork('profile') });
  const chart = {
    medications: generateMedications({ ...ctx, rng: ctx.rng.fork('medications') }, profile),
    labResults: generateLabResults({ ...ctx, rng: ctx.rng.fork('lab-results') }, profile),
  };
  const appointments = generateAppointments({ ...ctx, rng: ctx.rng.fork('appointments') }, profile, chart, programme);
  const referrals = generateReferrals({ ...ctx, rng: ctx.rng.fork('referrals') }, profile);
  return {
    ctx,
    vaccinations: generateVaccinations({ ...ctx, rng: ctx.rng.fork('vaccinations') }, programme),
    appointments,
    eConsultations: generateEConsultations(
      { ...ctx, rng: ctx.rng.fork('e-consultations') },
      { ...chart, profile, appointments, referrals },
    ),
  };
}

const all: Generated[] = Array.from({ length: PATIENTS }, (_, k) => generate(makeContext('encounters', k)));

/** Minutes past midnight on the Copenhagen clock, and the Copenhagen date, of an instant. */
function local(instant: string): { date: IsoDate; minutes: number; weekday: string } {
  const p = copenhagenParts(new Date(instant));
  return { date: formatDate(p.year, p.month, p.day), minutes: p.hour * 60 + p.minute, weekday: p.weekday };
}

function workingDay(date: IsoDate): boolean {
  const w = weekdayOf(date);
  return w !== 'saturday' && w !== 'sunday' && !isPublicHoliday(date, { includeUnofficial: true });
}

/** Asserts that a list of problems is empty, showing the first few. */
function expectNone(problems: string[]): void {
  expect(problems.slice(0, 10), `${problems.length} problems`).toEqual([]);
}

describe('encounter generators: contract', () => {
  it('every item validates against its journal contract schema', () => {
    const problems: string[] = [];
    const check = (schema: string, item: unknown, id: string): void => {
      for (const issue of validator.validate(`/components/schemas/${schema}`, item)) {
        problems.push(`${id} ${issue.pointer}: ${issue.message}`);
      }
    };
    let items = 0;
    for (const g of all) {
      for (const v of g.vaccinations) check('Vaccination', v, v.id);
      for (const a of g.appointments) check('Appointment', a, a.id);
      for (const e of g.eConsultations) check('EConsultation', e, e.id);
      items += g.vaccinations.length + g.appointments.length + g.eConsultations.length;
    }
    expectNone(problems);
    expect(items).toBeGreaterThan(PATIENTS * 10);
  });

  it('serves every generated attachment as a valid JPEG or PNG of the stated size', () => {
    const problems: string[] = [];
    for (const g of all) {
      for (const e of g.eConsultations) {
        for (const m of e.messages) {
          for (const a of m.attachments) {
            const content = attachmentContent(a);
            if (!content) {
              problems.push(`${a.id}: no content`);
              continue;
            }
            for (const issue of validator.validate('/components/schemas/AttachmentContent', content)) {
              problems.push(`${a.id} ${issue.pointer}: ${issue.message}`);
            }
            // The upload rule: the data starts with the format's signature.
            const signature = a.contentType === 'image/png' ? 'iVBORw0KGgo' : '/9j/';
            if (!content.data.startsWith(signature)) problems.push(`${a.id}: not a ${a.contentType}`);
            if (Buffer.from(content.data, 'base64').length !== a.sizeBytes) problems.push(`${a.id}: size differs`);
          }
        }
      }
    }
    expectNone(problems);
  });
});

describe('encounter generators: determinism', () => {
  it('gives the same output for the same seed and patient, byte for byte', () => {
    for (let k = 0; k < 400; k++) {
      const again = generate(makeContext('encounters', k));
      const first = all[k] as Generated;
      expect(JSON.stringify(again.vaccinations)).toBe(JSON.stringify(first.vaccinations));
      expect(JSON.stringify(again.appointments)).toBe(JSON.stringify(first.appointments));
      expect(JSON.stringify(again.eConsultations)).toBe(JSON.stringify(first.eConsultations));
    }
  });

  it('gives different output for another seed', () => {
    const a = JSON.stringify(all.slice(0, 50).map((g) => g.appointments));
    const b = JSON.stringify(Array.from({ length: 50 }, (_, k) => generate(makeContext('other', k)).appointments));
    expect(a).not.toBe(b);
  });
});

const EARLY_TOLERANCE_DAYS = 7;

describe('vaccinations', () => {
  it('gives children their programme doses no earlier than due (with a small tolerance), each once', () => {
    const problems: string[] = [];
    for (const { ctx, vaccinations } of all) {
      const due = dosesDue(ctx.patient.birthDate, ctx.patient.sex, ctx.today);
      const seen = new Set<string>();
      for (const v of vaccinations) {
        const vaccine = PROGRAMME_VACCINE[v.vaccine];
        if (vaccine === undefined) continue;
        const dose = due.find((d) => d.vaccine === vaccine && d.dose === v.dose);
        const key = `${vaccine} ${v.dose}`;
        if (!dose) problems.push(`${ctx.patient.id}: ${key} is not due by ${ctx.today}`);
        else if (v.givenOn < addDays(dose.dueDate, -EARLY_TOLERANCE_DAYS)) {
          problems.push(`${ctx.patient.id}: ${key} given ${v.givenOn}, due ${dose.dueDate}`);
        }
        if (seen.has(key)) problems.push(`${ctx.patient.id}: ${key} twice`);
        seen.add(key);
      }
    }
    expectNone(problems);
  });

  it('gives no HPV vaccine to boys born before 1 July 2007', () => {
    const hpv = all.filter(
      ({ ctx, vaccinations }) =>
        ctx.patient.sex === 'male' &&
        ctx.patient.birthDate < HPV_BOYS_BORN_FROM &&
        vaccinations.some((v) => PROGRAMME_VACCINE[v.vaccine] === 'HPV' || v.atcCode?.startsWith('J07BM')),
    );
    expect(hpv.map((g) => g.ctx.patient.id)).toEqual([]);
  });

  it('leaves gaps (missed doses, declining families), but as a minority', () => {
    let dueDoses = 0;
    let missed = 0;
    let children = 0;
    let childrenWithGap = 0;
    for (const { ctx, vaccinations } of all) {
      if (ctx.patient.birthDate < '2008-01-01') continue;
      // Doses due long enough ago that even a late visit has happened.
      const settled = dosesDue(ctx.patient.birthDate, ctx.patient.sex, addDays(ctx.today, -540));
      if (settled.length === 0) continue;
      const given = new Set(vaccinations.map((v) => `${PROGRAMME_VACCINE[v.vaccine]} ${v.dose}`));
      const gaps = settled.filter((d) => !given.has(`${d.vaccine} ${d.dose}`)).length;
      dueDoses += settled.length;
      missed += gaps;
      children += 1;
      if (gaps > 0) childrenWithGap += 1;
    }
    expect(children).toBeGreaterThan(500);
    expect(missed).toBeGreaterThan(0);
    expect(missed / dueDoses).toBeLessThan(0.15);
    expect(childrenWithGap / children).toBeLessThan(0.5);
  });

  it('dates nothing before birth or after the reference date, in order, and keeps adult lists short', () => {
    const problems: string[] = [];
    for (const { ctx, vaccinations } of all) {
      let previous = '';
      for (const v of vaccinations) {
        if (v.givenOn < ctx.patient.birthDate || v.givenOn > ctx.today) problems.push(`${v.id} on ${v.givenOn}`);
        if (v.givenOn < previous) problems.push(`${v.id} out of order`);
        previous = v.givenOn;
      }
      if (ctx.patient.birthDate < '2008-01-01' && vaccinations.length > 20) {
        problems.push(`${ctx.patient.id}: ${vaccinations.length} vaccinations`);
      }
    }
    expectNone(problems);
    const adults = all.filter((g) => g.ctx.patient.ageYears >= 65);
    expect(adults.filter((g) => g.vaccinations.some((v) => v.atcCode === 'J07BB02')).length).toBeGreaterThan(
      adults.length / 2,
    );
  });
});

describe('appointments', () => {
  it('fall on working days between 08:00 and 16:00 Copenhagen time, with standard lengths', () => {
    const problems: string[] = [];
    for (const { appointments } of all) {
      for (const a of appointments) {
        const start = local(a.startsAt);
        const end = local(a.endsAt);
        if (!workingDay(start.date)) problems.push(`${a.id} on ${start.weekday} ${start.date}`);
        if (start.minutes < 8 * 60 || end.date !== start.date || end.minutes > 16 * 60) {
          problems.push(`${a.id} ${a.startsAt}–${a.endsAt}`);
        }
        const length = end.minutes - start.minutes;
        if (![10, 15, 20, 30].includes(length)) problems.push(`${a.id} lasts ${length} min`);
        // The offset written is Copenhagen's at that instant.
        const offset = copenhagenOffsetMinutes(new Date(a.startsAt));
        if (a.startsAt.slice(19) !== (offset === 120 ? '+02:00' : '+01:00')) problems.push(`${a.id} offset`);
      }
    }
    expectNone(problems);
  });

  it('are sorted; past ones completed or cancelled before they started, upcoming ones booked', () => {
    const problems: string[] = [];
    for (const { ctx, appointments } of all) {
      const asOf = ctx.asOf.getTime();
      let previous = 0;
      for (const a of appointments) {
        const starts = Date.parse(a.startsAt);
        if (starts <= previous) problems.push(`${a.id} out of order`);
        previous = starts;
        if ((a.status === 'booked') !== starts > asOf) problems.push(`${a.id} ${a.status} at ${a.startsAt}`);
        if (starts > asOf + 60 * 86_400_000) problems.push(`${a.id} too far ahead`);
        if (starts < copenhagenInstant(ctx.patient.birthDate).getTime()) problems.push(`${a.id} before birth`);
        if (a.status === 'cancelled') {
          if (a.cancelledAt === null || Date.parse(a.cancelledAt) >= starts) problems.push(`${a.id} cancelledAt`);
        } else if (a.cancelledAt !== null) problems.push(`${a.id} has cancelledAt`);
        if (a.practitioner !== null && !ctx.clinic.doctors.includes(a.practitioner)) problems.push(`${a.id} doctor`);
        if (a.bookedBy.role === 'parent' && !ctx.custodians.some((c) => c.name === a.bookedBy.name)) {
          problems.push(`${a.id} booked by a stranger`);
        }
        if (a.bookedBy.role === 'patient' && a.bookedBy.name !== ctx.patient.name) problems.push(`${a.id} booker`);
      }
    }
    expectNone(problems);
    const statuses = new Set(all.flatMap((g) => g.appointments.map((a) => a.status)));
    expect([...statuses].sort()).toEqual(['booked', 'cancelled', 'completed']);
  });

  it('are video only where the clinic offers video, and mostly in person', () => {
    const kinds = { 'in-person': 0, phone: 0, video: 0 };
    let videoWithout = 0;
    for (const { ctx, appointments } of all) {
      for (const a of appointments) {
        kinds[a.kind] += 1;
        if (a.kind === 'video' && !ctx.clinic.capabilities.videoConsultation) videoWithout += 1;
      }
    }
    expect(videoWithout).toBe(0);
    expect(kinds.video).toBeGreaterThan(0);
    expect(kinds.phone).toBeGreaterThan(0);
    expect(kinds['in-person']).toBeGreaterThan(kinds.phone + kinds.video);
  });

  it('include the child health examinations at the programme ages', () => {
    const reasons = new Set(all.flatMap((g) => g.appointments.map((a) => a.reason)));
    expect(reasons).toContain('Børneundersøgelse 5 uger');
    expect(reasons).toContain('Børneundersøgelse 5 år og vaccination (DiTeKiPol booster)');
    expect(reasons).toContain('Vaccination (MMR 1)');
  });

  it('are more frequent for the old than for young adults', () => {
    const mean = (lo: number, hi: number): number => {
      const group = all.filter((g) => g.ctx.patient.ageYears >= lo && g.ctx.patient.ageYears <= hi);
      return group.reduce((n, g) => n + g.appointments.length, 0) / group.length;
    };
    expect(mean(70, 100)).toBeGreaterThan(mean(18, 35));
  });
});

describe('e-consultations', () => {
  it('carry attachments only where the clinic allows them, and some where it does', () => {
    let allowed = 0;
    let forbidden = 0;
    for (const { ctx, eConsultations } of all) {
      const n = eConsultations.reduce((s, e) => s + e.messages.reduce((t, m) => t + m.attachments.length, 0), 0);
      if (ctx.clinic.capabilities.attachments) allowed += n;
      else forbidden += n;
    }
    expect(forbidden).toBe(0);
    expect(allowed).toBeGreaterThan(10);
  });

  it('are written by a parent with custody for a child under 15, by the patient otherwise', () => {
    const problems: string[] = [];
    let childThreads = 0;
    for (const { ctx, eConsultations } of all) {
      const child = ctx.patient.ageYears < 15;
      if (child) childThreads += eConsultations.length;
      if (child && ctx.custodians.length === 0 && eConsultations.length > 0) problems.push(`${ctx.patient.id}`);
      for (const e of eConsultations) {
        if (e.patientId !== ctx.patient.id) problems.push(`${e.id} patientId`);
        for (const m of e.messages) {
          const { role, name } = m.author;
          if (role === 'clinic') {
            if (!ctx.clinic.doctors.includes(name)) problems.push(`${m.id} answered by ${name}`);
            if (m.attachments.length > 0) problems.push(`${m.id} clinic attachment`);
          } else if (child ? role !== 'parent' || !ctx.custodians.some((c) => c.name === name) : role !== 'patient') {
            problems.push(`${m.id} written by ${role} ${name}`);
          } else if (!child && name !== ctx.patient.name) problems.push(`${m.id} written by ${name}`);
        }
      }
    }
    expectNone(problems);
    expect(childThreads).toBeGreaterThan(50);
  });

  it('are in order, dated by their messages, with the status the last author gives', () => {
    const problems: string[] = [];
    let answered = 0;
    let awaiting = 0;
    let followUps = 0;
    for (const { ctx, eConsultations } of all) {
      let previousThread = 0;
      for (const e of eConsultations) {
        const first = e.messages[0];
        const last = e.messages[e.messages.length - 1];
        if (!first || !last) {
          problems.push(`${e.id} empty`);
          continue;
        }
        if (e.createdAt !== first.sentAt || e.updatedAt !== last.sentAt) problems.push(`${e.id} dates`);
        if (Date.parse(e.createdAt) < previousThread) problems.push(`${e.id} threads out of order`);
        previousThread = Date.parse(e.createdAt);
        if (first.author.role === 'clinic') problems.push(`${e.id} opened by the clinic`);
        const expected = last.author.role === 'clinic' ? 'answered' : 'awaiting-answer';
        if (e.status !== expected) problems.push(`${e.id} ${e.status}`);
        if (e.status === 'answered') answered += 1;
        else awaiting += 1;
        if (e.messages.length > 2) followUps += 1;
        let previous = 0;
        let asked: string | undefined;
        for (const m of e.messages) {
          const at = Date.parse(m.sentAt);
          if (at <= previous) problems.push(`${m.id} out of order`);
          if (at > ctx.asOf.getTime()) problems.push(`${m.id} after the reference instant`);
          previous = at;
          if (m.author.role !== 'clinic') {
            asked = local(m.sentAt).date;
            continue;
          }
          // Answers come on a working day in clinic hours, 1–3 working days after the question.
          const answer = local(m.sentAt);
          if (!workingDay(answer.date) || answer.minutes < 8 * 60 || answer.minutes >= 16 * 60) {
            problems.push(`${m.id} answered ${m.sentAt}`);
          }
          let workingDays = 0;
          for (let d = addDays(asked ?? answer.date, 1); d <= answer.date; d = addDays(d, 1)) {
            if (workingDay(d)) workingDays += 1;
          }
          if (workingDays < 1 || workingDays > 3) problems.push(`${m.id} answered after ${workingDays} working days`);
        }
      }
    }
    expectNone(problems);
    expect(answered).toBeGreaterThan(awaiting);
    expect(awaiting).toBeGreaterThan(0);
    expect(followUps).toBeGreaterThan(0);
  });

  it('are most common among adults of 30–80', () => {
    const mean = (lo: number, hi: number): number => {
      const group = all.filter((g) => g.ctx.patient.ageYears >= lo && g.ctx.patient.ageYears <= hi);
      return group.reduce((n, g) => n + g.eConsultations.length, 0) / group.length;
    };
    expect(mean(30, 80)).toBeGreaterThan(mean(15, 29));
    expect(mean(30, 80)).toBeGreaterThan(mean(81, 100));
  });
});

describe('the helpers the generators draw and sort with', () => {
  it('pickWeighted draws exactly what rng.weighted draws from the same choices', () => {
    const choices: (readonly [string, number])[] = [
      ['a', 0.25],
      ['b', 0.3],
      ['c', 0.15],
      ['d', 0.2],
      ['e', 0.1],
    ];
    const table = weightedTable(choices);
    const ours = createRng('weighted', 1);
    const theirs = createRng('weighted', 1);
    const problems: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = pickWeighted(ours, table);
      const b = theirs.weighted(choices);
      if (a !== b) problems.push(`draw ${i}: ${a} ≠ ${b}`);
    }
    expectNone(problems);
  });

  it('sortInPlace sorts as Array.prototype.sort does, stably, short lists and long', () => {
    const rng = createRng('sort');
    for (const length of [0, 1, 2, 5, 20, 48, 49, 200]) {
      const items = Array.from({ length }, (_, i) => ({ key: rng.int(0, 9), i }));
      const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
      expect(sortInPlace([...items], byKey)).toEqual([...items].sort(byKey));
    }
  });
});
