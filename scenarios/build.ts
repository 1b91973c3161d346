/**
 * Builds a scenario into a sandbox store. It starts from a small generated population of the
 * seed (so the clinic, names, addresses and records are realistic), puts the file's clinic over
 * the generated one and lists everyone with it, makes the file's people under their handles (the
 * persona handles one signs in with) with generated journals plus the file's records, links
 * families, sets consents, and recomputes each person's expected views, so the store is what the
 * generators would have made had they drawn this situation.
 */
import { type ConsentRecord, consentState } from '../domain/consent.ts';
import { cprBirthDate, cprSex, type Sex, syntheticCpr, syntheticCprCount } from '../domain/cpr.ts';
import { isClinicOpen } from '../domain/opening-hours.ts';
import { platformSharingProblem } from '../domain/platform-sharing.ts';
import { accessUntil } from '../domain/proxy.ts';
import { POSTAL_TOWNS } from '../domain/regions.ts';
import { addDays, copenhagenDate, copenhagenInstant, type IsoDate } from '../domain/time.ts';
import { clinicCalendar } from '../generators/clinic-calendar.ts';
import { clinicIdentity } from '../generators/clinics.ts';
import type { JournalClinic, JournalPatient, RecordContext } from '../generators/context.ts';
import { asciiSlug, danishMobile } from '../generators/danish-text.ts';
import { appViewOf, expectedExtract, visibleIds } from '../generators/expected-view.ts';
import { createDanishFaker } from '../generators/faker.ts';
import { birthDateAtAge } from '../generators/households.ts';
import { base62, createIdFactory, seedTag } from '../generators/ids.ts';
import { ageOn } from '../generators/people.ts';
import { createPopulation, type PatientLine } from '../generators/population.ts';
import { generateJournal } from '../generators/records/index.ts';
import { createRng } from '../generators/rng.ts';
import type { TimelineEvent } from '../mock-server/host.ts';
import { addPerson, createStore, type SandboxStore } from '../mock-server/store.ts';
import { applyRecords } from './records.ts';
import { birthDateFromAge, dateOf, instantOf } from './time.ts';
import { timelineEvents } from './timeline.ts';
import { DEFAULT_POPULATION, type PersonSpec, type Scenario } from './types.ts';

export interface BuiltScenario {
  store: SandboxStore;
  start: Date;
  /** The population's reference date: the start's Copenhagen date. */
  asOf: IsoDate;
  /** Everyone in the store. */
  patients: number;
  clinicId: string;
  timeline: TimelineEvent[];
  /** Each handle's id: a person's patient id, a record's id. */
  ids: Map<string, string>;
}

type Holiday = JournalClinic['openingHours']['holidays'][number];

/** The slot id the fake journal gives a slot starting at a local time (mock-server/journal/booking.ts). */
const slotId = (date: IsoDate, hour: number, minute: number) =>
  `slt_${date.replaceAll('-', '')}${String(hour).padStart(2, '0')}${String(minute).padStart(2, '0')}`;

/** Every 15-minute slot of the clinic's hours in the days from `from`, as the fake journal offers them. */
function slotsOf(clinic: JournalClinic, from: IsoDate, days: number): string[] {
  const out: string[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    for (let minutes = 7 * 60; minutes < 19 * 60; minutes += 15) {
      const begins = copenhagenInstant(date, Math.floor(minutes / 60), minutes % 60);
      const lastMinute = new Date(begins.getTime() + 14 * 60_000);
      if (isClinicOpen(clinic.openingHours, begins) && isClinicOpen(clinic.openingHours, lastMinute)) {
        out.push(slotId(date, Math.floor(minutes / 60), minutes % 60));
      }
    }
  }
  return out;
}

function consentOf(spec: PersonSpec['consent'], start: Date): ConsentRecord {
  if (spec === undefined || spec === 'never') return {};
  if (spec === 'given') {
    return { givenAt: instantOf('-P30D', start), lastActivityAt: instantOf('-P1D', start) };
  }
  const record: ConsentRecord = { givenAt: instantOf(spec.given, start) };
  if (spec.withdrawn !== undefined) record.withdrawnAt = instantOf(spec.withdrawn, start);
  if (spec.lastActivity !== undefined) record.lastActivityAt = instantOf(spec.lastActivity, start);
  return record;
}

/** The expected extract and app views of a person, as the population computes them. */
function expectedOf(store: SandboxStore, line: PatientLine, parentIds: string[], at: Date): PatientLine['expected'] {
  const { patient } = line;
  const clinic = store.clinics.get(line.clinicId) as JournalClinic;
  const extract = expectedExtract(line.journal, at);
  const visible = visibleIds(line.journal, extract, at);
  const custodyHolderIds = patient.custodians.flatMap((c) => (c.patientId ? [c.patientId] : []));
  const subject = {
    id: patient.id,
    birthDate: patient.birthDate,
    custodyHolderIds,
    parentIds,
    platformSharing: clinic.platformSharing,
  };
  const stateOf = (id: string) => consentState(store.consents.get(id) ?? {}, at);
  const view = (viewerId: string) =>
    appViewOf({ viewer: { id: viewerId, consent: stateOf(viewerId) }, subject, visible, asOf: at });
  const problem = platformSharingProblem(clinic.platformSharing);
  return {
    extract: problem ? { problem } : extract,
    app: {
      self: copenhagenDate(at) >= accessUntil(patient.birthDate) ? view(patient.id) : null,
      proxies: parentIds.map((viewerId) => ({ viewerId, view: view(viewerId) })),
    },
  };
}

/**
 * The local part of a person's e-mail address: `first.last` in ASCII, what folds of the two (a
 * name word may fold to nothing: `王`, `-`), or the handle when neither does; at most the 64
 * characters a mailbox name may have.
 * @example emailLocalPart('Søren', 'Ærø', 'soeren') // 'soeren.aeroe'
 */
export function emailLocalPart(first: string, last: string, handle: string): string {
  const local = [asciiSlug(first), asciiSlug(last)].filter((slug) => slug !== '').join('.') || handle;
  return local.slice(0, 64).replace(/\.$/, '');
}

/**
 * Gives the generated patients who drew one of the file's CPR numbers the next free number of
 * their birth date and sex, in their relatives' custody links too.
 */
function renumberGenerated(store: SandboxStore, taken: Set<string>, next: (birthDate: IsoDate, sex: Sex) => string) {
  const renumbered = new Map<string, string>();
  for (const line of store.patients.values()) {
    const { patient } = line;
    if (!taken.has(patient.cpr)) continue;
    const cpr = next(patient.birthDate, patient.sex as Sex);
    renumbered.set(patient.cpr, cpr);
    patient.cpr = cpr;
  }
  if (renumbered.size === 0) return;
  for (const line of store.patients.values()) {
    for (const link of [...line.patient.children, ...line.patient.custodians]) {
      link.cpr = renumbered.get(link.cpr) ?? link.cpr;
    }
  }
}

/** Builds the scenario's store, timeline and handle ids. The scenario must have passed checkScenario. */
export function buildScenario(s: Scenario): BuiltScenario {
  const start = instantOf(s.start, new Date(0));
  const asOf = copenhagenDate(start);
  const population = createPopulation({ seed: s.seed, asOf });
  const generated = population.clinic(0);
  const store = createStore({ seed: s.seed, asOf, patients: s.population ?? DEFAULT_POPULATION });
  const faker = createDanishFaker();
  const tag = seedTag(s.seed);

  // The clinic: the generated one with the file's parts over it; everyone is listed with it.
  const clinic: JournalClinic = structuredClone(generated.clinic);
  const spec = s.clinic ?? {};
  const pairIdentity = clinicIdentity({ seed: s.seed, tag, today: asOf, faker }, 1);
  const defaultSubstitute: Holiday['substitute'] = clinic.openingHours.holidays[0]?.substitute ?? {
    name: pairIdentity.name,
    address: { street: pairIdentity.street, postalCode: pairIdentity.home.postalCode, town: pairIdentity.home.town },
    phone: pairIdentity.phone,
    clinicId: pairIdentity.id,
  };
  if (spec.name !== undefined) clinic.name = spec.name;
  if (spec.capabilities) clinic.capabilities = { ...clinic.capabilities, ...spec.capabilities };
  if (spec.platformSharing) clinic.platformSharing = spec.platformSharing;
  if (spec.hours) clinic.openingHours.weekly = spec.hours.map((h) => ({ ...h }));
  if (spec.closedDays) {
    clinic.openingHours.closedDays = spec.closedDays.map((d) => ({
      date: dateOf(d.date, start),
      ...(d.reason ? { reason: d.reason } : {}),
    }));
  }
  if (spec.holidays) {
    clinic.openingHours.holidays = spec.holidays.map((h) => ({
      from: dateOf(h.from, start),
      to: dateOf(h.to, start),
      substitute: h.substitute ?? defaultSubstitute,
    }));
  }
  store.clinics.clear();
  store.clinics.set(clinic.id, clinic);
  store.clinicDoctors.set(clinic.id, generated.doctors);
  const sharingProblem = platformSharingProblem(clinic.platformSharing);
  for (const line of store.patients.values()) {
    line.clinicId = clinic.id;
    if (sharingProblem) {
      // The generated views assumed a clinic that shares; this one does not.
      line.expected.extract = { problem: sharingProblem };
      if (line.expected.app.self) line.expected.app.self = { problem: sharingProblem };
      for (const p of line.expected.app.proxies) {
        if (!('problem' in p.view && p.view.problem === 'proxy-access-denied')) p.view = { problem: sharingProblem };
      }
    }
  }
  if (spec.fullyBooked) {
    const taken = new Set(slotsOf(clinic, asOf, spec.fullyBooked.days));
    for (const free of spec.fullyBooked.except ?? []) taken.delete(`slt_${free.replace(/[-T:]/g, '')}`);
    store.takenSlots.set(clinic.id, taken);
  }

  // The people: demographics first (livesWith may point forwards), then links, then journals.
  const ids = new Map<string, string>();
  const usedCprs = new Set([...store.patients.values()].map((l) => l.patient.cpr));
  // The file's CPR numbers are the file's: taken before anyone is numbered, and a generated patient
  // who drew one of them is renumbered instead (expectations may name the file's numbers).
  const fileCprs = new Set(s.people.flatMap((p) => (p.cpr ? [p.cpr] : [])));
  for (const cpr of fileCprs) usedCprs.add(cpr);
  const nextCpr = (birthDate: IsoDate, sex: Sex): string => {
    for (let k = 0; ; k++) {
      if (k >= syntheticCprCount(birthDate, sex)) throw new RangeError(`No synthetic CPR left for ${birthDate}`);
      const cpr = syntheticCpr(birthDate, sex, k);
      if (!usedCprs.has(cpr)) {
        usedCprs.add(cpr);
        return cpr;
      }
    }
  };
  renumberGenerated(store, fileCprs, nextCpr);
  const specs = new Map(s.people.map((p) => [p.handle, p]));
  const surnames = new Map<string, string>();
  const addresses = new Map<string, JournalPatient['address']>();
  const rngOf = (handle: string, part: string) => createRng(s.seed, 'scenario', part, handle);
  const surnameOf = (handle: string, seen: string[] = []): string => {
    const known = surnames.get(handle);
    if (known) return known;
    const p = specs.get(handle) as PersonSpec;
    let surname: string;
    if (p.name) surname = p.name.split(' ').at(-1) as string;
    else if (p.livesWith && !seen.includes(p.livesWith)) surname = surnameOf(p.livesWith, [...seen, handle]);
    else {
      faker.reseed(rngOf(handle, 'surname'));
      surname = faker.lastName();
    }
    surnames.set(handle, surname);
    return surname;
  };
  const addressOf = (handle: string, seen: string[] = []): JournalPatient['address'] => {
    const known = addresses.get(handle);
    if (known) return known;
    const p = specs.get(handle) as PersonSpec;
    let address: JournalPatient['address'];
    if (p.address) address = { ...p.address };
    else if (p.livesWith && !seen.includes(p.livesWith)) address = addressOf(p.livesWith, [...seen, handle]);
    else {
      const rng = rngOf(handle, 'address');
      faker.reseed(rng);
      const town = p.region ? rng.pick(POSTAL_TOWNS[p.region]) : generated.home;
      address = { street: `${faker.street()} ${rng.int(1, 180)}`, postalCode: town.postalCode, town: town.town };
    }
    addresses.set(handle, address);
    return address;
  };

  const lines = new Map<string, PatientLine>();
  const tokens = new Map<string, string>();
  s.people.forEach((p, i) => {
    const rng = rngOf(p.handle, 'person');
    const sex: Sex = p.cpr ? cprSex(p.cpr) : (p.sex ?? (rng.chance(0.5) ? 'female' : 'male'));
    const birthDate: IsoDate = p.cpr
      ? cprBirthDate(p.cpr)
      : (p.birthDate ??
        (typeof p.age === 'string'
          ? (birthDateFromAge(p.age, start) as IsoDate)
          : birthDateAtAge(rng, p.age ?? rng.int(20, 80), asOf)));
    const cpr = p.cpr ?? nextCpr(birthDate, sex);
    faker.reseed(rng);
    // A handle that is a first name (`mette`) is the person's first name, so a tester reads the
    // same name in answers; the generated one is drawn regardless, keeping the other draws as they were.
    const drawn = faker.faker.person.firstName(sex);
    const firstName = /^[a-z]{2,}$/.test(p.handle) ? `${p.handle[0]?.toUpperCase()}${p.handle.slice(1)}` : drawn;
    const name = p.name ?? `${firstName} ${surnameOf(p.handle)}`;
    const age = ageOn(birthDate, asOf);
    // Scenario people's tokens are two characters longer than the population's: never the same id.
    const token = `${tag}sc${base62(i).padStart(4, '0')}`;
    tokens.set(p.handle, token);
    const patient: JournalPatient = {
      id: `pat_${token}`,
      cpr,
      name,
      birthDate,
      sex,
      address: addressOf(p.handle),
      addressProtected: p.addressProtected ?? false,
      phone: age >= 12 ? danishMobile(rng) : null,
      email: age >= 15 ? `${emailLocalPart(name.split(' ')[0] ?? '', surnameOf(p.handle), p.handle)}@mail.dk` : null,
      children: [],
      custodians: [],
    };
    ids.set(p.handle, patient.id);
    const record = consentOf(p.consent, start);
    lines.set(p.handle, {
      type: 'patient',
      index: -1 - i,
      synthetic: true,
      clinicId: clinic.id,
      household: { block: -1, kind: 'single' },
      patient,
      consent: {
        state: consentState(record, start),
        givenAt: record.givenAt?.toISOString() ?? null,
        withdrawnAt: record.withdrawnAt?.toISOString() ?? null,
        lastActivityAt: record.lastActivityAt?.toISOString() ?? null,
      },
      journal: {
        diagnoses: [],
        vaccinations: [],
        appointments: [],
        referrals: [],
        labResults: [],
        medications: [],
        eConsultations: [],
      },
      expected: { extract: { problem: 'not-found' }, app: { self: null, proxies: [] } },
    });
  });

  const parentIds = new Map<string, string[]>();
  for (const link of s.links ?? []) {
    const parent = lines.get(link.parent) as PatientLine;
    const child = lines.get(link.child) as PatientLine;
    parentIds.set(link.child, [...(parentIds.get(link.child) ?? []), parent.patient.id]);
    if (link.custody === 'none') continue;
    const linkOf = (p: JournalPatient) => ({
      patientId: p.id,
      cpr: p.cpr,
      name: p.name,
      birthDate: p.birthDate,
      custody: link.custody as 'sole' | 'joint',
    });
    parent.patient.children.push(linkOf(child.patient));
    child.patient.custodians.push(linkOf(parent.patient));
  }

  const eventIds = new Map<number, string>();
  const factories = new Map<string, ReturnType<typeof createIdFactory>>();
  // The generated records fall on the days this clinic is open: its hours, closed days and
  // holidays as the file gave them, not the generated clinic's.
  const calendar = clinicCalendar(clinic.openingHours);
  for (const p of s.people) {
    const line = lines.get(p.handle) as PatientLine;
    const { patient } = line;
    const ownAppUseFrom = accessUntil(patient.birthDate);
    const idFactory = createIdFactory(tokens.get(p.handle) as string);
    factories.set(p.handle, idFactory);
    const context: RecordContext = {
      rng: rngOf(p.handle, 'records'),
      faker: faker.faker,
      asOf: start,
      today: asOf,
      patient: {
        id: patient.id,
        name: patient.name,
        birthDate: patient.birthDate,
        sex: patient.sex as Sex,
        ageYears: ageOn(patient.birthDate, asOf),
        ownAppUseFrom,
      },
      clinic: {
        id: clinic.id,
        name: clinic.name,
        capabilities: clinic.capabilities,
        doctors: generated.doctors,
        calendar,
        region: generated.region,
      },
      custodians: asOf < ownAppUseFrom ? patient.custodians.map((c) => ({ name: c.name })) : [],
      ids: idFactory,
    };
    line.journal = generateJournal(context, (rng) => faker.reseed(rng));
    applyRecords(
      line.journal,
      p.records,
      {
        patientId: patient.id,
        patientName: patient.name,
        clinicName: clinic.name,
        doctors: generated.doctors,
        nameOf: (handle) => lines.get(handle)?.patient.name ?? handle,
      },
      idFactory,
      start,
      ids,
    );
  }
  // Results the timeline files get their ids now, so expectations can name them.
  s.timeline?.forEach((e, index) => {
    if (e.event !== 'lab-result') return;
    const labId = (factories.get(e.patient) as ReturnType<typeof createIdFactory>).next('lab');
    eventIds.set(index, labId);
    ids.set(e.result.handle, labId);
  });

  // Scenario handles win over generated personas' handles.
  for (const handle of lines.keys()) {
    const clash = store.personas.get(handle);
    if (!clash) continue;
    store.personas.delete(handle);
    let n = 2;
    while (store.personas.has(`${handle}-${n}`) || lines.has(`${handle}-${n}`)) n++;
    store.personas.set(`${handle}-${n}`, { ...clash, handle: `${handle}-${n}` });
  }
  for (const [handle, line] of lines) addPerson(store, line, handle);
  for (const [handle, line] of lines) line.expected = expectedOf(store, line, parentIds.get(handle) ?? [], start);

  return {
    store,
    start,
    asOf,
    patients: store.patients.size,
    clinicId: clinic.id,
    timeline: timelineEvents(s.timeline ?? [], { start, clinicId: clinic.id, ids, eventIds, defaultSubstitute }),
    ids,
  };
}
