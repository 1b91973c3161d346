/**
 * Finding CPR numbers in free text: a URL, a log line, any string of a response body. The shape
 * is recognised here; whether ten digits are a CPR number at all is decided by domain/cpr.ts
 * (parseCpr: a real calendar date in the century the 7th digit gives).
 *
 * The exact pattern (CPR_IN_TEXT):
 *   DDMMYY-SSSS or DDMMYYSSSS — six digits, an optional hyphen, four digits — standing alone:
 *   - not preceded by a letter, digit, `_` or `+` (so not inside an id like `lab_…`, a token, or
 *     after a country code: `+4512345678`), nor by a digit and `.`/`,` (a decimal fraction);
 *   - not followed by a letter, digit or `_`, nor by `.`/`,` and a digit;
 *   and the ten digits must parse with parseCpr (DD 01–31 of a real month, so `2024-03-15`,
 *   `20240315`, 8-digit phone numbers, `+45 …` numbers and 10-digit non-dates never match).
 *   With `now` given, a birth date after `now` is not a CPR number either.
 * Not recognised: a space instead of the hyphen (`010190 1234`), and replacement numbers
 * (day + 60), which parseCpr rejects. Any ten standalone digits that form a past date are taken
 * for a CPR number; in a JSON body only strings are scanned, never numbers.
 */

import { parseCpr } from '../../domain/cpr.ts';
import { copenhagenDate } from '../../domain/time.ts';

const CPR_IN_TEXT = /(?<![A-Za-z0-9_+])(?<!\d[.,])(\d{6})-?(\d{4})(?![A-Za-z0-9_])(?![.,]\d)/g;
// A cheap first test: no run of six digits, no CPR (most strings stop here).
const SIX_DIGITS = /\d{6}/;

/** One CPR number found in a text. */
export interface CprMatch {
  /** The ten digits, without a hyphen. */
  digits: string;
  /** Where the match starts in the text, and its length (10 or 11). */
  index: number;
  length: number;
}

/** The CPR numbers in `text`, in order. With `now`, numbers born after `now` are left out. */
export function findCprs(text: string, now?: Date): CprMatch[] {
  if (text.length < 10 || !SIX_DIGITS.test(text)) return [];
  const today = now === undefined ? undefined : copenhagenDate(now);
  const found: CprMatch[] = [];
  for (const m of text.matchAll(CPR_IN_TEXT)) {
    const digits = `${m[1]}${m[2]}`;
    let birthDate: string;
    try {
      birthDate = parseCpr(digits).birthDate;
    } catch {
      continue; // ten digits, but not a date: an order number, a phone number, …
    }
    if (today !== undefined && birthDate > today) continue;
    found.push({ digits, index: m.index, length: m[0].length });
  }
  return found;
}

/** Whether `text` holds a CPR number. */
export function containsCpr(text: string, now?: Date): boolean {
  return findCprs(text, now).length > 0;
}

export const CPR_MASK = '******-****';

/**
 * `text` with every CPR number replaced by `******-****`, for what is stored or printed (the
 * request log's paths). Text without one is returned as it is. No `now`: masking errs on the safe
 * side, so a number whose birth date lies in the future is masked too.
 * @example maskCpr('/x?cpr=0707614285') // '/x?cpr=******-****'
 */
export function maskCpr(text: string): string {
  const found = findCprs(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.index) + CPR_MASK;
    at = m.index + m.length;
  }
  return out + text.slice(at);
}
