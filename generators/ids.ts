/**
 * Opaque, deterministic ids. A patient's token comes from the run's seed and the patient's number,
 * so ids are stable across runs and shards and never carry a CPR number; item ids extend the
 * patient's token with a counter, so they are unique across the population.
 */

import type { IdFactory } from './context.ts';
import { createRng } from './rng.ts';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Base-62 digits of a non-negative integer. */
export function base62(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`base62 needs a non-negative integer, got ${n}`);
  let s = '';
  let v = n;
  do {
    s = ALPHABET[v % 62] + s;
    v = Math.floor(v / 62);
  } while (v > 0);
  return s;
}

/** A short tag of the seed (4 characters), so ids of different seeds do not look alike. */
export function seedTag(seed: string): string {
  return base62(createRng('seed-tag', seed).uint32()).padStart(6, '0').slice(0, 4);
}

/** The token of entity number k of a kind: seed tag + k, at least 8 characters. */
export function entityToken(tag: string, k: number): string {
  return `${tag}${base62(k).padStart(4, '0')}`;
}

/** An id factory for one patient's items. */
export function createIdFactory(token: string): IdFactory {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = counters.get(prefix) ?? 0;
      counters.set(prefix, n + 1);
      return `${prefix}_${token}x${base62(n)}`;
    },
  };
}
