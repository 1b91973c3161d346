/**
 * How the population is laid out: patients come in blocks of eight slots, and each block is filled
 * with households (single people, couples, two parents with children, single parents, separated
 * parents sharing custody, a parent without custody, twins, elderly couples). A block's plan comes
 * from the seed and the block number alone, so patient k is the same whatever else is generated.
 * The plan is cheap (no Faker): the population scans plans to number CPRs.
 */
import type { Sex } from '../domain/cpr.ts';
import { addDays, addYears, type IsoDate, parseIsoDate } from '../domain/time.ts';
import { createRng, type Rng } from './rng.ts';

export const BLOCK_SIZE = 8;

export type HouseholdKind =
  | 'single'
  | 'couple'
  | 'elderly-couple'
  | 'two-parents'
  | 'twins'
  | 'single-parent'
  | 'separated-shared-custody'
  | 'parent-without-custody';

/** One person's place in a block. */
export interface MemberPlan {
  /** 0…7 within the block. */
  slot: number;
  household: number;
  kind: HouseholdKind;
  role: 'adult' | 'child';
  sex: Sex;
  birthDate: IsoDate;
  /** Members with the same address index live together. */
  address: number;
  /** Members with the same surname index share a surname. */
  surname: number;
  /** Slots of the children this adult has custody of. */
  custodyOf: number[];
  /** 'joint' when two parents hold custody together, 'sole' otherwise. */
  custody: 'sole' | 'joint';
  /** Name and address protection (navne- og adressebeskyttelse). */
  protectedAddress: boolean;
}

// Household kinds by how often a block draws them (approximate shares of Danish households,
// tilted towards families so that every edge case of custody occurs often enough to test).
const KINDS: readonly (readonly [HouseholdKind, number])[] = [
  ['single', 28],
  ['couple', 20],
  ['elderly-couple', 8],
  ['two-parents', 22],
  ['twins', 2],
  ['single-parent', 9],
  ['separated-shared-custody', 7],
  ['parent-without-custody', 4],
];

/** The plan of block b: eight members with roles, birth dates and custody. */
export function planBlock(seed: string, b: number, today: IsoDate): MemberPlan[] {
  const rng = createRng(seed, 'block', b);
  const members: MemberPlan[] = [];
  let household = 0;
  let address = 0;
  while (members.length < BLOCK_SIZE) {
    const free = BLOCK_SIZE - members.length;
    let kind = rng.weighted(KINDS);
    let draft = draftHousehold(rng, kind, today);
    while (draft.length > free) {
      kind = rng.weighted(KINDS);
      draft = draftHousehold(rng, kind, today);
    }
    const protectedHousehold = rng.chance(0.01);
    const base = members.length;
    for (const m of draft) {
      members.push({
        slot: base + m.index,
        household,
        kind,
        role: m.role,
        sex: m.sex,
        birthDate: m.birthDate,
        address: address + m.address,
        surname: household * 2 + m.surname,
        custodyOf: m.custodyOf.map((i) => base + i),
        custody: m.custody,
        protectedAddress: protectedHousehold || rng.chance(0.004),
      });
    }
    address += Math.max(...draft.map((m) => m.address)) + 1;
    household += 1;
  }
  return members;
}

/** A member while its household is drafted: positions are within the household, not the block. */
type Draft = Omit<MemberPlan, 'slot' | 'household' | 'kind' | 'protectedAddress'> & { index: number };

function draftHousehold(rng: Rng, kind: HouseholdKind, today: IsoDate): Draft[] {
  const adult = (index: number, sex: Sex, age: number, addr = 0, surname = 0): Draft => ({
    index,
    role: 'adult',
    sex,
    birthDate: birthDateAtAge(rng, age, today),
    address: addr,
    surname,
    custodyOf: [],
    custody: 'sole',
  });
  const anySex = (): Sex => (rng.chance(0.5) ? 'female' : 'male');
  switch (kind) {
    case 'single':
      return [adult(0, anySex(), adultAge(rng))];
    case 'couple': {
      const age = rng.int(22, 64);
      return [adult(0, 'female', age), adult(1, 'male', clampAge(age + rng.int(-3, 6)))];
    }
    case 'elderly-couple': {
      const age = rng.int(66, 92);
      return [adult(0, 'female', age), adult(1, 'male', clampAge(age + rng.int(-2, 5)))];
    }
    case 'two-parents':
    case 'twins': {
      const childCount =
        kind === 'twins'
          ? 2
          : rng.weighted([
              [1, 40],
              [2, 42],
              [3, 18],
            ] as const);
      return family(rng, today, childCount, kind === 'twins', 'two-together');
    }
    case 'single-parent':
      return family(
        rng,
        today,
        rng.weighted([
          [1, 60],
          [2, 40],
        ] as const),
        false,
        'single',
      );
    case 'separated-shared-custody':
      return family(
        rng,
        today,
        rng.weighted([
          [1, 55],
          [2, 45],
        ] as const),
        false,
        'separated-joint',
      );
    case 'parent-without-custody':
      return family(rng, today, 1, false, 'separated-sole');
  }
}

type Parenting = 'two-together' | 'single' | 'separated-joint' | 'separated-sole';

/** Parents and children: children 0–17, born when their mother was 20–44. */
function family(rng: Rng, today: IsoDate, childCount: number, twins: boolean, parenting: Parenting): Draft[] {
  const eldestAge = rng.int(0, 17);
  const motherAge = clampAge(eldestAge + rng.int(22, 40));
  const members: Draft[] = [];
  const single = parenting === 'single';
  // A single parent is more often the mother; otherwise mother first, father second.
  const firstSex: Sex = single && rng.chance(0.2) ? 'male' : 'female';
  members.push({
    index: 0,
    role: 'adult',
    sex: firstSex,
    birthDate: birthDateAtAge(rng, motherAge, today),
    address: 0,
    surname: 0,
    custodyOf: [],
    custody: parenting === 'two-together' || parenting === 'separated-joint' ? 'joint' : 'sole',
  });
  if (!single) {
    const apart = parenting !== 'two-together';
    members.push({
      index: 1,
      role: 'adult',
      sex: 'male',
      birthDate: birthDateAtAge(rng, clampAge(motherAge + rng.int(-2, 6)), today),
      address: apart ? 1 : 0,
      surname: apart ? 1 : 0,
      custodyOf: [],
      custody: parenting === 'separated-sole' ? 'sole' : 'joint',
    });
  }
  const firstChild = members.length;
  let previous: IsoDate | undefined;
  for (let i = 0; i < childCount; i++) {
    const age = twins ? eldestAge : Math.max(0, eldestAge - i * rng.int(1, 4));
    const birthDate = twins && previous ? previous : birthDateAtAge(rng, age, today);
    previous = birthDate;
    members.push({
      index: firstChild + i,
      role: 'child',
      sex: rng.chance(0.51) ? 'male' : 'female',
      birthDate,
      address: 0,
      surname: 0,
      custodyOf: [],
      custody: 'sole',
    });
  }
  const children = members.slice(firstChild).map((m) => m.index);
  const mother = members[0];
  if (mother) mother.custodyOf = children;
  const father = members[1];
  // Separated with sole custody: the father is in the population but holds no custody.
  if (father && father.role === 'adult' && parenting !== 'separated-sole') father.custodyOf = children;
  return members;
}

/** Adult ages: roughly the Danish adult age pyramid, 18–99. */
function adultAge(rng: Rng): number {
  return rng.weighted([
    [rng.int(18, 29), 19],
    [rng.int(30, 44), 23],
    [rng.int(45, 59), 25],
    [rng.int(60, 74), 21],
    [rng.int(75, 89), 10],
    [rng.int(90, 99), 2],
  ] as const);
}

function clampAge(age: number): number {
  return Math.min(99, Math.max(18, age));
}

/**
 * A birth date that makes the person `age` whole years old on `today`. Never 1 January: the
 * synthetic CPR scheme does not use it (see domain/cpr.ts), so such a person is born on 2 January
 * (or 31 December when 2 January would lie in the future).
 */
export function birthDateAtAge(rng: Rng, age: number, today: IsoDate): IsoDate {
  const birthday = addYears(today, -age); // the latest birth date that gives this age
  const date = addDays(birthday, -rng.int(0, 364));
  const { month, day } = parseIsoDate(date);
  if (month === 1 && day === 1) {
    // Moving a day later must not pass the latest birth date that gives this age.
    const next = addDays(date, 1);
    return next <= birthday ? next : addDays(date, -1);
  }
  return date;
}
