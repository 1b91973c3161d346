/**
 * Synthetic GP clinics: name, address, contact, typed-in opening hours, holidays with a named
 * substitute (the neighbouring clinic, as Danish clinics pair up for ferieafløsning), and
 * capabilities that vary between clinics. Clinic c is a function of the seed, c and the reference
 * date only, so any clinic can be generated on its own.
 */
import type { PostalTown, Region } from '../domain/regions.ts';
import { addDays, formatDate, type IsoDate, parseIsoDate, weekdayOf } from '../domain/time.ts';
import { type ClinicCalendar, clinicCalendar } from './clinic-calendar.ts';
import type { JournalClinic } from './context.ts';
import { asciiSlug } from './danish-text.ts';
import { type DayNumber, dayToIso, isoToDay, isWorkingDay, weekdayIndex } from './day-calendar.ts';
import type { SeededFaker } from './faker.ts';
import { areaOf, CLINIC_TOWNS, landlinePrefixes, type TownArea } from './geography.ts';
import { entityToken } from './ids.ts';
import { createRng, type Rng } from './rng.ts';

/** Share of Danes by region (Danmarks Statistik, 2024, rounded): where clinics and people live. */
export const REGION_WEIGHTS: readonly (readonly [Region, number])[] = [
  ['hovedstaden', 32],
  ['midtjylland', 23],
  ['syddanmark', 21],
  ['sjaelland', 14],
  ['nordjylland', 10],
];

/** Who a clinic is, without its calendar: enough to name it as another clinic's substitute. */
export interface ClinicIdentity {
  id: string;
  name: string;
  region: Region;
  home: PostalTown;
  /** The home town's surroundings: its neighbouring towns. */
  area: TownArea;
  street: string;
  phone: string;
  email: string;
  doctors: string[];
}

/** A generated clinic: the journal contract's Clinic plus what the generators need to know. */
export interface GeneratedClinic {
  clinic: JournalClinic;
  region: Region;
  home: PostalTown;
  /** The home town's surroundings: where the clinic's patients live. */
  area: TownArea;
  doctors: string[];
  /** When the clinic sees patients, read from its opening hours. */
  calendar: ClinicCalendar;
}

export interface ClinicGeneratorOptions {
  seed: string;
  tag: string;
  today: IsoDate;
  faker: SeededFaker;
}

/** The clinic number c, as its identity only (name, address, contact, doctors). */
export function clinicIdentity(opts: ClinicGeneratorOptions, c: number): ClinicIdentity {
  const pair = pairPlan(opts.seed, c);
  const area = pair.areas[c % 2] as TownArea;
  const rng = createRng(opts.seed, 'clinic', c);
  opts.faker.reseed(rng);
  const { faker } = opts.faker;
  const home = area.town;
  const doctorCount = rng.weighted([
    [1, 30],
    [2, 30],
    [3, 22],
    [4, 12],
    [5, 6],
  ] as const);
  const doctors: string[] = [];
  for (let i = 0; i < doctorCount; i++) {
    const sex = rng.chance(0.55) ? 'female' : 'male'; // most Danish GPs under 50 are women
    doctors.push(`${faker.person.firstName(sex)} ${faker.person.lastName()}`);
  }
  const streetName = faker.location.street();
  const street = `${streetName} ${rng.int(1, 120)}`;
  const town = home.town.replace(/ [A-Z]$|\s+[SNVØCK]+$/u, '');
  const name = doctorCount === 1 ? `Læge ${doctors[0]}` : clinicName(pair.styles[c % 2] as NameStyle, streetName, town);
  const phone = landline(rng, home);
  const email = `klinik@${asciiSlug(name).slice(0, 30)}.example`; // a reserved domain: never a real clinic's
  return {
    id: `cln_${entityToken(opts.tag, c)}`,
    name,
    region: pair.region,
    home,
    area,
    street,
    phone,
    email,
    doctors: doctors.map((d) => `Læge ${d}`),
  };
}

/** A landline number of the town, written in pairs: its area digits, then six drawn ones. */
function landline(rng: Rng, town: PostalTown): string {
  const pair = () => String(rng.int(0, 99)).padStart(2, '0');
  return `${rng.pick(landlinePrefixes(town))} ${pair()} ${pair()} ${pair()}`;
}

// Share of pairs whose two clinics are in the same town (most towns have several clinics, which
// stand in for each other); the other pairs are in neighbouring towns.
const SAME_TOWN_PAIR = 0.5;

type NameStyle = 'street' | 'lægehuset' | 'lægecenter' | 'lægerne-i';
const NAME_STYLES: readonly NameStyle[] = ['street', 'lægehuset', 'lægecenter', 'lægerne-i'];

function clinicName(style: NameStyle, streetName: string, town: string): string {
  switch (style) {
    case 'street':
      return `Lægerne ${streetName}`;
    case 'lægehuset':
      return `Lægehuset ${town}`;
    case 'lægecenter':
      return `${town} Lægecenter`;
    case 'lægerne-i':
      return `Lægerne i ${town}`;
  }
}

/** What the two clinics of a pair share: the region, and neighbouring homes. */
interface PairPlan {
  region: Region;
  /** The home of the pair's first clinic, then the second's. */
  areas: readonly [TownArea, TownArea];
  /** Two different ways of naming a clinic, so that two clinics in one town never share a name. */
  styles: readonly NameStyle[];
}

/**
 * The pair of clinic c: substitutes stand in for each other, so they are in one region and in one
 * town or two neighbouring ones, on the same land (never across the sea). The first clinic's town
 * is weighted by inhabitants, so clinics are where people live.
 */
function pairPlan(seed: string, c: number): PairPlan {
  const rng = createRng(seed, 'clinic-pair', Math.floor(c / 2));
  const region = rng.weighted(REGION_WEIGHTS);
  const first = rng.weighted(CLINIC_TOWNS[region]);
  const sameTown = rng.chance(SAME_TOWN_PAIR) || first.neighbours.length === 0;
  const second = sameTown ? first : areaOf(rng.pick(first.neighbours));
  return { region, areas: [first, second], styles: rng.sample(NAME_STYLES, 2) };
}

/** Clinics pair up as each other's holiday substitute: 0↔1, 2↔3, … */
export function substituteOf(c: number): number {
  return c % 2 === 0 ? c + 1 : c - 1;
}

/** The whole clinic number c: identity, opening hours, holidays with substitute, capabilities. */
export function generateClinic(opts: ClinicGeneratorOptions, c: number): GeneratedClinic {
  const id = clinicIdentity(opts, c);
  const sub = clinicIdentity(opts, substituteOf(c));
  const rng = createRng(opts.seed, 'clinic-calendar', c);
  // Both clinics of the pair draw the pair's holidays: a closed day must fall outside the
  // clinic's own (it is closed anyway) and outside its partner's (when it stands in for it).
  const pairHolidays = (side: number) =>
    holidays(createRng(opts.seed, 'clinic-pair-holidays', Math.floor(c / 2)), side, opts.today);
  const own = pairHolidays(c % 2);
  const partner = pairHolidays(1 - (c % 2));
  const clinic: JournalClinic = {
    id: id.id,
    name: id.name,
    address: { street: id.street, postalCode: id.home.postalCode, town: id.home.town },
    phone: id.phone,
    email: id.email,
    openingHours: {
      weekly: weeklyHours(rng),
      closedDays: closedDays(rng, opts.today, own, partner),
      holidays: published(own, opts.today).map(([from, to]) => ({
        from,
        to,
        substitute: {
          name: sub.name,
          address: { street: sub.street, postalCode: sub.home.postalCode, town: sub.home.town },
          phone: sub.phone,
          clinicId: sub.id,
        },
      })),
    },
    capabilities: {
      attachments: rng.chance(0.8),
      videoConsultation: rng.chance(0.5),
      onlineBooking: rng.chance(0.85),
    },
    platformSharing: rng.chance(0.02) ? 'objected' : 'enabled',
  };
  return {
    clinic,
    region: id.region,
    home: id.home,
    area: id.area,
    doctors: id.doctors,
    calendar: clinicCalendar(clinic.openingHours),
  };
}

type Weekly = JournalClinic['openingHours']['weekly'];

function weeklyHours(rng: Rng): Weekly {
  const opens = rng.weighted([
    ['08:00', 6],
    ['07:30', 2],
    ['08:30', 2],
  ] as const);
  const closes = rng.weighted([
    ['16:00', 5],
    ['15:30', 2],
    ['15:00', 2],
  ] as const);
  const lunch = rng.chance(0.25); // some clinics close the phone and door over lunch
  const lateDay = rng.pick(['monday', 'tuesday', 'wednesday', 'thursday'] as const);
  const weekly: Weekly = [];
  for (const day of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const) {
    const close = day === lateDay ? '17:30' : day === 'friday' && rng.chance(0.5) ? '14:00' : closes;
    if (lunch) {
      weekly.push({ day, opens, closes: '11:30' }, { day, opens: '12:00', closes: close });
    } else {
      weekly.push({ day, opens, closes: close });
    }
  }
  return weekly;
}

// A clinic's closed days are drawn from the days between three months before and six months after
// the reference date.
const CLOSED_DAYS_FROM = -90;
const CLOSED_DAYS_TO = 180;
const CLOSED_DAY_REASONS = ['Kursusdag', 'Personaledag'] as const;
const REDRAWS = 20;

/**
 * A few training or staff days (kursusdage, personaledage) around the reference date, each on a
 * working day (a weekday and no public holiday) outside the clinic's own holidays and outside its
 * partner's, when the clinic is the partner's substitute and must be open.
 *
 * The generator is drawn from as the first version of this function drew (which moved a weekend
 * to the Monday after and skipped a repeated day), so that the capabilities drawn after the closed
 * days stay those a seed has always given; a day the clinic cannot close is replaced by a draw from
 * a generator of its own.
 */
function closedDays(
  rng: Rng,
  today: IsoDate,
  own: readonly Holiday[],
  partner: readonly Holiday[],
): JournalClinic['openingHours']['closedDays'] {
  const days: JournalClinic['openingHours']['closedDays'] = [];
  const canClose = (day: DayNumber): boolean => {
    if (!isWorkingDay(day)) return false;
    const date = dayToIso(day);
    return !within(own, date) && !within(partner, date) && !days.some((d) => d.date === date);
  };
  const redraws = rng.fork('closed-days');
  const todayDay = isoToDay(today);
  const drawn: DayNumber[] = [];
  const count = rng.int(0, 3);
  for (let i = 0; i < count; i++) {
    const day = todayDay + rng.int(CLOSED_DAYS_FROM, CLOSED_DAYS_TO);
    const weekday = weekdayIndex(day); // 5 and 6: Saturday and Sunday
    const asFirstDrawn = weekday >= 5 ? day + 7 - weekday : day;
    if (drawn.includes(asFirstDrawn)) continue;
    drawn.push(asFirstDrawn);
    const reason = rng.pick(CLOSED_DAY_REASONS);
    let date: DayNumber | undefined = canClose(day) ? day : undefined;
    // Twenty misses in a row (about one in ten million) cost the clinic a closed day: harmless.
    for (let t = 0; t < REDRAWS && date === undefined; t++) {
      const candidate = todayDay + redraws.int(CLOSED_DAYS_FROM, CLOSED_DAYS_TO);
      if (canClose(candidate)) date = candidate;
    }
    if (date !== undefined) days.push({ date: dayToIso(date), reason });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** A holiday, first and last day. */
type Holiday = readonly [from: IsoDate, to: IsoDate];

function within(holidays: readonly Holiday[], date: IsoDate): boolean {
  for (const [from, to] of holidays) if (from <= date && date <= to) return true;
  return false;
}

/**
 * Holidays of one clinic of a pair (`side` 0 or 1), drawn from the pair's generator so that the two
 * never close at once and each can stand in for the other: three summer weeks each, one after the
 * other; autumn week 42 for the first, the days between Christmas and New Year for the second (when
 * the pair closes then at all); this year's and next year's.
 */
function holidays(pairRng: Rng, side: number, today: IsoDate): Holiday[] {
  const { year } = parseIsoDate(today);
  const out: Holiday[] = [];
  const autumn = pairRng.chance(0.4) && side === 0;
  const christmas = pairRng.chance(0.3) && side === 1;
  const summerWeek = pairRng.int(26, 28) + side * 3;
  for (const y of [year, year + 1]) {
    const summer = mondayOfIsoWeek(y, summerWeek);
    out.push([summer, addDays(summer, 18)]); // Monday to the Friday two weeks later
    if (autumn) {
      const w42 = mondayOfIsoWeek(y, 42);
      out.push([w42, addDays(w42, 4)]);
    }
    if (christmas) out.push([formatDate(y, 12, 27), formatDate(y, 12, 30)]);
  }
  return out;
}

/** The holidays the clinic publishes: those that have not ended more than two months before the reference date. */
function published(holidays: readonly Holiday[], today: IsoDate): Holiday[] {
  const cutoff = addDays(today, -60);
  return holidays.filter(([, to]) => to >= cutoff);
}

/** The Monday of ISO week `week` of `year`. */
function mondayOfIsoWeek(year: number, week: number): IsoDate {
  const jan4 = formatDate(year, 1, 4); // always in ISO week 1
  const offset = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].indexOf(
    weekdayOf(jan4),
  );
  return addDays(jan4, -offset + (week - 1) * 7);
}
