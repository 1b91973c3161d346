/**
 * One Faker instance per generator, with the Danish locale, re-seeded for every entity. Faker's
 * own Mersenne Twister costs tens of microseconds to seed; a Faker built on sfc32 (the kit's rng)
 * seeds in nanoseconds, which is what lets a million patients be generated in under a minute.
 */
import type { Faker, Randomizer } from '@faker-js/faker';
import { faker as danishFaker } from '@faker-js/faker/locale/da';
import type { Rng } from './rng.ts';

/** Faker with the Danish locale (English and base as fallbacks), seeded per entity. */
export interface SeededFaker {
  readonly faker: Faker;
  /** Re-seeds the instance from an entity's own generator. */
  reseed(rng: Rng): void;
  /** `faker.person.lastName()`: the same draws and the same name, without Faker's template parsing. */
  lastName(): string;
  /** `faker.location.street()`: the same draws and the same street, without Faker's template parsing. */
  street(): string;
}

const LAST_NAME = '{{person.last_name.generic}}';
const STREET = '{{location.street_name}}';

export function createDanishFaker(): SeededFaker {
  const randomizer = createSfc32Randomizer();
  // The package's main entry loads every locale (~30 MB of heap in each worker thread); the
  // Danish entry loads only Danish and its fallbacks, but exports just a ready instance, so a new
  // instance with our randomizer is built from that instance's class and its locale definitions.
  const FakerClass = danishFaker.constructor as typeof Faker;
  const faker = new FakerClass({ locale: danishFaker.rawDefinitions, randomizer });
  const helpers = faker.helpers;
  const raw = faker.definitions.raw;
  // Faker's lastName draws a sex (unused when the locale's surnames are generic), a pattern by
  // weight, and a surname for each placeholder, which it finds by parsing the template; the same
  // draws made directly give the same name at a fraction of the cost. Any other locale layout
  // falls back to Faker itself.
  const lastNames = raw.person?.last_name;
  const lastNamePatterns = raw.person?.last_name_pattern?.generic;
  const fastLastName =
    lastNames != null &&
    Array.isArray(lastNames.generic) &&
    lastNames.female === undefined &&
    lastNames.male === undefined &&
    raw.person?.last_name_pattern?.female === undefined &&
    raw.person?.last_name_pattern?.male === undefined &&
    Array.isArray(lastNamePatterns) &&
    lastNamePatterns.every((p) => p.value === LAST_NAME || p.value === `${LAST_NAME}-${LAST_NAME}`);
  const patternParts = fastLastName
    ? lastNamePatterns.map((p) => ({ weight: p.weight, value: p.value === LAST_NAME ? 1 : 2 }))
    : [];
  const surnames = (fastLastName && lastNames != null ? lastNames.generic : []) as string[];
  const SEXES = ['female', 'male'];
  const streetPatterns = raw.location?.street_pattern;
  const streetNames = raw.location?.street_name;
  const fastStreet =
    Array.isArray(streetPatterns) && streetPatterns.every((p) => p === STREET) && Array.isArray(streetNames);
  return {
    faker,
    reseed(rng) {
      randomizer.seed([rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()]);
    },
    lastName() {
      if (!fastLastName) return faker.person.lastName();
      helpers.arrayElement(SEXES);
      const parts = helpers.weightedArrayElement(patternParts);
      const first = helpers.arrayElement(surnames);
      return parts === 1 ? first : `${first}-${helpers.arrayElement(surnames)}`;
    },
    street() {
      if (!fastStreet) return faker.location.street();
      helpers.arrayElement(streetPatterns);
      return helpers.arrayElement(streetNames as string[]);
    },
  };
}

/** Faker's Randomizer interface over sfc32 state. */
function createSfc32Randomizer(): Randomizer {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 1;
  const step = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return {
    next: () => step() / 4_294_967_296,
    seed(seed) {
      const parts = Array.isArray(seed) ? seed : [seed];
      a = (parts[0] ?? 0) | 0;
      b = (parts[1] ?? 0x9e3779b9) | 0;
      c = (parts[2] ?? 0x243f6a88) | 0;
      d = (parts[3] ?? 1) | 0;
      for (let i = 0; i < 12; i++) step();
    },
  };
}
