/**
 * Random draws the record generators share beyond the seeded `Rng`'s own: a Poisson count, and
 * weighted choices from tables prepared once. They belong with generators/rng.ts and live here
 * because only the record generators use them; each draws from the `Rng` it is given, so the
 * same seed still gives the same journal.
 */
import type { Rng } from '../rng.ts';

/** A Poisson-distributed count (Knuth's method: a product of uniforms; the means here are small). */
export function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Weighted choices prepared once for `pickWeighted`: values, weights, and the weights' sum. */
export interface WeightedTable<T> {
  readonly values: readonly T[];
  readonly weights: readonly number[];
  readonly total: number;
}

/** Prepares `[[value, weight], …]` for `pickWeighted` (at module load: the table is frozen). */
export function weightedTable<T>(choices: readonly (readonly [T, number])[]): WeightedTable<T> {
  if (choices.length === 0) throw new RangeError('A weighted table needs at least one choice');
  let total = 0;
  for (const choice of choices) total += choice[1];
  return Object.freeze({
    values: Object.freeze(choices.map((choice) => choice[0])),
    weights: Object.freeze(choices.map((choice) => choice[1])),
    total,
  });
}

/**
 * One value by weight: exactly `rng.weighted` over the same choices (one uniform, the same sums in
 * the same order, so the same value), at a quarter of its cost, since the weights are summed once
 * and read from a flat array. The generators draw weighted choices for nearly every item.
 */
export function pickWeighted<T>(rng: Rng, table: WeightedTable<T>): T {
  const weights = table.weights;
  let r = rng.next() * table.total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return table.values[i] as T;
  }
  return table.values[weights.length - 1] as T;
}
