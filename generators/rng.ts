/**
 * Seeded randomness for the generators. Every entity gets its own generator, derived from the
 * run's seed and the entity's identity (`createRng(seed, 'patient', k)`), so patient k is the same
 * whatever else is generated, on any machine: sfc32 on 32-bit integer arithmetic, seeded through
 * the cyrb128 string hash. No module-level state.
 */

export type SeedPart = string | number;

/** A seeded stream of random numbers with the helpers the generators need. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element by weight: `[[value, weight], …]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  /** A normally distributed float (Box–Muller). */
  normal(mean: number, sd: number): number;
  /** Distinct elements, in random order (at most `count`). */
  sample<T>(items: readonly T[], count: number): T[];
  /** A generator of its own, derived from this one's seed and a label, independent of use. */
  fork(...label: SeedPart[]): Rng;
}

/** Creates a generator from seed parts: `createRng(seed, 'patient', 17)`. */
export function createRng(...parts: SeedPart[]): Rng {
  return rngFromState(parts.map(String).join('\u0000'));
}

function rngFromState(key: string): Rng {
  let [a, b, c, d] = cyrb128(key);
  const uint32 = (): number => {
    // sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG): 32-bit integer operations only,
    // so every JavaScript engine gives the same sequence.
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
  for (let i = 0; i < 12; i++) uint32(); // let the first outputs mix in the seed
  const next = (): number => uint32() / 4_294_967_296;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const rng: Rng = {
    next,
    uint32,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(choices: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, w] of choices) total += w;
      let r = next() * total;
      for (const [value, w] of choices) {
        r -= w;
        if (r < 0) return value;
      }
      const last = choices[choices.length - 1];
      if (!last) throw new RangeError('weighted pick from an empty list');
      return last[0];
    },
    normal(mean, sd) {
      const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    sample<T>(items: readonly T[], count: number): T[] {
      const pool = [...items];
      const n = Math.min(count, pool.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (pool.length - i));
        [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
      }
      return pool.slice(0, n);
    },
    fork: (...label) => rngFromState(`${key}\u0001${label.map(String).join('\u0000')}`),
  };
  return rng;
}

/** cyrb128: a fast 128-bit string hash, used only to spread a seed over sfc32's state. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
