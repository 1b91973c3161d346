/**
 * Sorting for the short lists a journal is built from (a patient's appointments, blood samples,
 * medications). `Array.prototype.sort` copies every list into a work array and back, which costs
 * several times the comparisons themselves on a handful of items, and the generators sort a few
 * lists per patient.
 */

// Past this length insertion sort's quadratic comparisons would cost more than the copying saves.
const INSERTION_LIMIT = 48;

/**
 * Sorts `items` in place by `compare` and returns them, stably (equal items keep their order), so
 * the result is exactly `items.sort(compare)`'s.
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_LIMIT) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(items[j] as T, item) > 0) {
      items[j + 1] = items[j] as T;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}
