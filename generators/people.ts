/**
 * The people of one block: names, addresses, phone numbers, e-mail addresses and custody links,
 * shaped as the journal contract's Patient. Households share a surname and an address (separated
 * parents live apart); the postal town is usually the clinic's own, otherwise mostly a neighbouring
 * one (Danes choose a GP near home), and now and then a farther town of the clinic's region on the
 * same land (never across the sea), so addresses spread over the five regions with the clinics.
 */
import type { PostalTown } from '../domain/regions.ts';
import { copenhagenInstant, daysBetween, type IsoDate } from '../domain/time.ts';
import type { JournalPatient } from './context.ts';
import { asciiSlug, danishMobile } from './danish-text.ts';
import type { SeededFaker } from './faker.ts';
import type { TownArea } from './geography.ts';
import type { MemberPlan } from './households.ts';
import { createRng, type Rng } from './rng.ts';

/** Where a block's people live and which clinic they are listed with. */
export interface BlockSetting {
  seed: string;
  block: number;
  today: IsoDate;
  /** The clinic's town and its surroundings. */
  area: TownArea;
  faker: SeededFaker;
}

/** One generated person: the contract's Patient, with the plan it came from. */
export interface Person {
  patient: JournalPatient;
  plan: MemberPlan;
  firstName: string;
  ageYears: number;
}

const MAIL_DOMAINS = [
  'gmail.com',
  'hotmail.com',
  'outlook.dk',
  'yahoo.dk',
  'live.dk',
  'mail.dk',
  'icloud.com',
] as const;

/**
 * Builds the block's people from its plan. `ids[slot]` and `cprs[slot]` are given by the
 * population, which numbers CPRs across blocks.
 */
export function blockPeople(setting: BlockSetting, plans: MemberPlan[], ids: string[], cprs: string[]): Person[] {
  const { seed, block, today, faker: seeded } = setting;
  const { faker } = seeded;
  const surnames = new Map<number, string>();
  const addresses = new Map<number, { street: string; postalCode: string; town: string }>();

  const surnameOf = (index: number): string => {
    let s = surnames.get(index);
    if (!s) {
      seeded.reseed(createRng(seed, 'surname', block, index));
      s = seeded.lastName();
      surnames.set(index, s);
    }
    return s;
  };
  const addressOf = (index: number) => {
    let a = addresses.get(index);
    if (!a) {
      const rng = createRng(seed, 'address', block, index);
      seeded.reseed(rng);
      const town = homeTown(rng, setting.area);
      a = { street: streetLine(rng, seeded.street()), postalCode: town.postalCode, town: town.town };
      addresses.set(index, a);
    }
    return a;
  };

  const firstNames: string[] = [];
  const people: Person[] = plans.map((plan) => {
    const rng = createRng(seed, 'person', block, plan.slot);
    seeded.reseed(rng);
    const firstName = faker.person.firstName(plan.sex);
    firstNames.push(firstName);
    const surname = surnameOf(plan.surname);
    const name = rng.chance(0.15)
      ? `${firstName} ${faker.person.middleName(plan.sex)} ${surname}`
      : `${firstName} ${surname}`;
    const ageYears = ageOn(plan.birthDate, today);
    const patient: JournalPatient = {
      id: ids[plan.slot] as string,
      cpr: cprs[plan.slot] as string,
      name,
      birthDate: plan.birthDate,
      sex: plan.sex,
      address: addressOf(plan.address),
      addressProtected: plan.protectedAddress,
      phone: ageYears >= 12 ? danishMobile(rng) : null,
      email: ageYears >= 15 && rng.chance(0.9) ? email(rng, firstName, surname) : null,
      children: [],
      custodians: [],
    };
    return { patient, plan, firstName, ageYears };
  });

  // Custody links both ways, as the journal holds them.
  for (const parent of people) {
    for (const childSlot of parent.plan.custodyOf) {
      const child = people[childSlot];
      if (!child) continue;
      parent.patient.children.push(link(child, parent.plan.custody));
      child.patient.custodians.push(link(parent, parent.plan.custody));
    }
  }
  return people;
}

function link(person: Person, custody: 'sole' | 'joint'): JournalPatient['children'][number] {
  return {
    patientId: person.patient.id,
    cpr: person.patient.cpr,
    name: person.patient.name,
    birthDate: person.patient.birthDate,
    custody,
  };
}

/** Whole years of age on a date. */
export function ageOn(birthDate: IsoDate, today: IsoDate): number {
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (today.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

/** Days since birth, for the record generators' age-dependent choices. */
export function ageInDays(birthDate: IsoDate, today: IsoDate): number {
  return daysBetween(birthDate, today);
}

/** The instant the generators treat as "now": 12:00 Copenhagen time on the reference date. */
export function referenceInstant(today: IsoDate): Date {
  return copenhagenInstant(today, 12, 0);
}

// Where a household lives, seen from its clinic: in the clinic's town, a neighbouring town, or
// (having moved and kept the doctor) a farther town of the region on the same land.
const IN_CLINIC_TOWN = 0.75;
const IN_NEIGHBOURING_TOWN = 0.2;

function homeTown(rng: Rng, area: TownArea): PostalTown {
  const r = rng.next();
  if (r < IN_CLINIC_TOWN) return area.town;
  if (r < IN_CLINIC_TOWN + IN_NEIGHBOURING_TOWN) {
    return area.neighbours.length > 0 ? rng.pick(area.neighbours) : area.town;
  }
  return rng.pick(area.sameLand);
}

function streetLine(rng: Rng, street: string): string {
  const number = rng.int(1, 180);
  const letter = rng.chance(0.1) ? rng.pick(['A', 'B', 'C']) : '';
  const flat = rng.chance(0.45)
    ? `, ${rng.pick(['st.', '1.', '2.', '3.', '4.'])} ${rng.pick(['th.', 'tv.', 'mf.'])}`
    : '';
  return `${street} ${number}${letter}${flat}`;
}

function email(rng: Rng, first: string, last: string): string {
  const user = rng.chance(0.5) ? `${asciiSlug(first)}.${asciiSlug(last)}` : `${asciiSlug(first)}${rng.int(1, 99)}`;
  return `${user || 'post'}@${rng.pick(MAIL_DOMAINS)}`;
}
