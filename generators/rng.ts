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
  return new Sfc32(
    cyrb128(parts.length === 3 ? `${parts[0]}\u0000${parts[1]}\u0000${parts[2]}` : parts.join('\u0000'), INITIAL_HASH),
  );
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG): 32-bit integer operations only, so every
 * JavaScript engine gives the same sequence. A class, so the millions of generators a population
 * makes share their methods instead of allocating closures each.
 */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** The seed this generator started from; forks derive theirs from it, not from the current state. */
  private readonly origin: readonly [number, number, number, number];

  constructor(origin: readonly [number, number, number, number]) {
    this.origin = origin;
    const h = origin;
    this.a = h[0];
    this.b = h[1];
    this.c = h[2];
    this.d = h[3];
    for (let i = 0; i < 12; i++) this.uint32(); // let the first outputs mix in the seed
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    const n = choices.length;
    for (let i = 0; i < n; i++) total += (choices[i] as readonly [T, number])[1];
    let r = this.next() * total;
    for (let i = 0; i < n; i++) {
      const choice = choices[i] as readonly [T, number];
      r -= choice[1];
      if (r < 0) return choice[0];
    }
    const last = choices[choices.length - 1];
    if (!last) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  normal(mean: number, sd: number): number {
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const n = Math.min(count, pool.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
    }
    return pool.slice(0, n);
  }

  fork(...label: SeedPart[]): Rng {
    // The label is hashed starting from this generator's seed: cheaper than re-hashing the whole
    // key, and order-sensitive, so fork('a').fork('b') and fork('b').fork('a') differ.
    return new Sfc32(cyrb128(label.length === 1 ? `${label[0]}` : label.join('\u0000'), this.origin));
  }
}

const INITIAL_HASH = [1779033703, 3144134277, 1013904242, 2773480762] as const;

/** cyrb128: a fast 128-bit string hash, started from `start`, spreading a seed over sfc32's state. */
function cyrb128(str: string, start: readonly [number, number, number, number]): [number, number, number, number] {
  let h1 = start[0];
  let h2 = start[1];
  let h3 = start[2];
  let h4 = start[3];
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
