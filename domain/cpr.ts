/**
 * Danish CPR numbers (personnumre): parsing, formatting, the birth date and sex they encode, and the
 * one safe scheme by which the generators make synthetic numbers. Everything that touches a CPR
 * number goes through here so that the century table and the "never reject for modulus-11" rule
 * live in one place.
 *
 * Structure (cpr.dk, "Opbygning af CPR-nummeret"): DDMMYY-SSSS. Digits 1–6 are the birth date
 * without century; the 7th digit together with YY gives the century; the 10th digit is odd for men
 * and even for women. Modulus-11 is only a fact about a number, never a test of its validity:
 * numbers without it have been issued since 1 October 2007 and are fully valid.
 *
 * The synthetic scheme is documented in SYNTHETIC_CPR_SCHEME below (the README quotes it). In short:
 * a synthetic number fails modulus-11, is never born on 1 January, uses the highest 7th digit that
 * still encodes the right century, and is never a replacement number.
 */

import type { IsoDate } from './time.ts';
import { formatDate, isIsoDate, parseIsoDate } from './time.ts';

export type Sex = 'male' | 'female';

/** A CPR number taken apart. */
export interface ParsedCpr {
  /** The ten digits without a hyphen, e.g. '0707614285'. */
  readonly digits: string;
  /** The birth date with the century resolved from the 7th digit. */
  readonly birthDate: IsoDate;
  readonly sex: Sex;
}

/** The birth years a CPR number can encode (the 7th-digit table), and so the synthetic scheme. */
export const SYNTHETIC_BIRTH_YEARS = { from: 1858, to: 2057 } as const;

/** The reference dates (years) for which everyone aged 0–99 has a birth year the scheme can encode. */
export const REFERENCE_YEARS = { from: SYNTHETIC_BIRTH_YEARS.from + 100, to: SYNTHETIC_BIRTH_YEARS.to } as const;

export const SYNTHETIC_CPR_SCHEME = `Synthetic CPR numbers (minlaege-sandbox)

Every person the generators make gets a CPR number from this scheme. Going by the CPR office's
published practice, no number from it can belong to a real person:

(a) The serial (digits 7-10) is chosen so that the number FAILS modulus-11 (weights
    4,3,2,7,6,5,4,3,2,1). This is the convention of the national test-CPR list published by MedCom.
(b) Every number issued before 1 October 2007 passes modulus-11. Since then the CPR office has
    issued numbers without it only where the modulus-11 series of a birth date were exhausted, and
    according to cpr.dk those are (normally) 1 January dates. So the scheme NEVER uses a 1 January
    birth date: syntheticCpr refuses one and the generators move such a person to another day.
    Should the CPR office ever issue non-modulus-11 numbers for other dates, (b) must be revisited;
    every generated person is also marked synthetic, so test data is never mistaken for real.
(c) The 7th digit is the highest digit that encodes the birth century for that year (1900s:
    YY 00-36 -> 3, YY 37-99 -> 9; 2000s: YY 00-36 -> 9, YY 37-57 -> 8; 1800s: YY 58-99 -> 8), so
    the number encodes the person's real (synthetic) birth date. Birth years 1858-2057 can be
    encoded; nothing else can.
(d) The last digit follows sex (odd male, even female). Among the serials of one birth date and
    sex that fail modulus-11, an index picks deterministically, highest serial first. Each date and
    sex has 454 or 455 of them (of the 500 serials with the right last digit, each 9-digit prefix has
    at most one passing check digit); asking for more throws.
(e) Replacement numbers (erstatningspersonnumre, day + 60) are NOT used: regions issue those to
    real people.

isSynthetic(cpr) is true exactly for the numbers this scheme can produce.`;

const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;
const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * Parses `DDMMYY-SSSS` or `DDMMYYSSSS` into its parts, or throws a RangeError. The date must be a
 * real calendar date in the century the 7th digit gives, so replacement numbers (day + 60) are
 * rejected: they are not CPR numbers.
 */
export function parseCpr(cpr: string): ParsedCpr {
  const m = CPR_PATTERN.exec(cpr);
  if (!m) {
    throw new RangeError(`Not a CPR number (expected DDMMYY-SSSS or DDMMYYSSSS): ${JSON.stringify(cpr)}`);
  }
  const [, dd = '', mm = '', yy = '', serial = ''] = m;
  const year = centuryOf(Number(yy), Number(serial[0])) + Number(yy);
  const birthDate = `${String(year)}-${mm}-${dd}`;
  if (!isIsoDate(birthDate)) {
    const hint = Number(dd) > 60 ? ' (a day above 60 marks a replacement number, which is not a CPR number)' : '';
    throw new RangeError(`Not a CPR number: ${dd}${mm}${yy}-${serial} encodes ${birthDate}, not a real date${hint}`);
  }
  const digits = `${dd}${mm}${yy}${serial}`;
  return { digits, birthDate, sex: sexOfDigit(Number(serial[3])) };
}

/** Formats a CPR number in the usual `DDMMYY-SSSS` form. */
export function formatCpr(cpr: string): string {
  const { digits } = parseCpr(cpr);
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** The birth date a CPR number encodes, century included, e.g. '070761-4285' → '1961-07-07'. */
export function cprBirthDate(cpr: string): IsoDate {
  return parseCpr(cpr).birthDate;
}

/** The sex a CPR number encodes: odd last digit male, even female. */
export function cprSex(cpr: string): Sex {
  return parseCpr(cpr).sex;
}

/**
 * Whether the number passes the modulus-11 check. A FACT about the number, never a validity test:
 * valid numbers without it have been issued since 2007, so nothing may be rejected for failing it.
 * Only the shape is checked here, not the date.
 */
export function passesModulus11(cpr: string): boolean {
  const m = CPR_PATTERN.exec(cpr);
  if (!m) {
    throw new RangeError(`Not a CPR number (expected DDMMYY-SSSS or DDMMYYSSSS): ${JSON.stringify(cpr)}`);
  }
  return weightedSum(`${m[1]}${m[2]}${m[3]}${m[4]}`) % 11 === 0;
}

/**
 * The `index`-th (0-based) synthetic CPR number for a birth date and sex, following
 * SYNTHETIC_CPR_SCHEME. Throws a RangeError for a 1 January date, a year outside 1858–2057, or an
 * index past the last candidate.
 * @example syntheticCpr('1985-06-15', 'female', 0) // '150685-9998'
 */
export function syntheticCpr(birthDate: IsoDate, sex: Sex, index: number): string {
  const { year, month, day } = parseIsoDate(birthDate);
  if (month === 1 && day === 1) {
    throw new RangeError(
      `No synthetic CPR for ${birthDate}: 1 January dates are where the CPR office issues real numbers that fail modulus-11; choose another day`,
    );
  }
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`The index of a synthetic CPR must be a whole number ≥ 0, got ${index}`);
  }
  // Scans only as far as the index, and writes out only the number asked for.
  const prefix = syntheticPrefix(year, month, day);
  let cpr: string | undefined;
  let seen = 0;
  forEachSyntheticSerial(prefix, sex, (rest) => {
    if (seen++ < index) return true;
    cpr = cprText(prefix, rest);
    return false;
  });
  if (cpr === undefined) {
    throw new RangeError(
      `Only ${syntheticCprCount(birthDate, sex)} synthetic CPR numbers exist for ${birthDate} (${sex}); index ${index} is past the last`,
    );
  }
  return cpr;
}

/** True exactly for the numbers syntheticCpr can produce; false for anything else, malformed input included. */
export function isSynthetic(cpr: string): boolean {
  let parsed: ParsedCpr;
  try {
    parsed = parseCpr(cpr);
  } catch {
    return false;
  }
  const { year, month, day } = parseIsoDate(parsed.birthDate);
  if (month === 1 && day === 1) return false;
  if (Number(parsed.digits[6]) !== syntheticSeventhDigit(year)) return false;
  return !passesModulus11(parsed.digits);
}

/** How many synthetic numbers the scheme has for a birth date and sex (0 for a 1 January date). */
export function syntheticCprCount(birthDate: IsoDate, sex: Sex): number {
  const { year, month, day } = parseIsoDate(birthDate);
  if (month === 1 && day === 1) return 0;
  let count = 0;
  forEachSyntheticSerial(syntheticPrefix(year, month, day), sex, () => {
    count += 1;
    return true;
  });
  return count;
}

/** The century (1800, 1900 or 2000) that YY and the 7th digit encode, per the cpr.dk table. */
function centuryOf(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  // 5–8
  return yy <= 57 ? 2000 : 1800;
}

/** The highest 7th digit that still encodes `year`'s century — see scheme point (c). */
function syntheticSeventhDigit(year: number): number {
  const yy = year % 100;
  if (year >= 1858 && year <= 1899) return 8;
  if (year >= 1900 && year <= 1999) return yy <= 36 ? 3 : 9;
  if (year >= 2000 && year <= 2057) return yy <= 36 ? 9 : 8;
  throw new RangeError(`A CPR number can encode birth years 1858–2057 only, got ${year}`);
}

/** The first seven digits of a synthetic number: DDMMYY and the 7th digit of scheme point (c). */
function syntheticPrefix(year: number, month: number, day: number): string {
  const date = formatDate(year, month, day);
  return `${date.slice(8, 10)}${date.slice(5, 7)}${date.slice(2, 4)}${syntheticSeventhDigit(year)}`;
}

/**
 * Calls `visit` with each serial (digits 8–10, as a number 999…0) that makes a synthetic number
 * of this prefix and sex: the sex's last digits, failing modulus 11. Stops when `visit` says so.
 * The check sums the prefix's weighted digits once and adds the serial's arithmetically.
 */
function forEachSyntheticSerial(prefix: string, sex: Sex, visit: (rest: number) => boolean): void {
  let prefixSum = 0;
  for (let i = 0; i < 7; i += 1) prefixSum += (prefix.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  // Serials 999…000 for digits 8–10, stepping over the other sex's last digits.
  for (let rest = sex === 'male' ? 999 : 998; rest >= 0; rest -= 2) {
    const sum = prefixSum + Math.floor(rest / 100) * 3 + (Math.floor(rest / 10) % 10) * 2 + (rest % 10);
    if (sum % 11 !== 0 && !visit(rest)) return;
  }
}

function cprText(prefix: string, rest: number): string {
  return `${prefix.slice(0, 6)}-${prefix[6]}${rest < 10 ? '00' : rest < 100 ? '0' : ''}${rest}`;
}

function weightedSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i += 1) sum += Number(digits[i]) * (WEIGHTS[i] ?? 0);
  return sum;
}

function sexOfDigit(digit: number): Sex {
  return digit % 2 === 1 ? 'male' : 'female';
}
