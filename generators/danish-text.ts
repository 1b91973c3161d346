/**
 * Small helpers for Danish text in generated data: ASCII slugs for e-mail addresses and domains
 * (æ → ae, ø → oe, å → aa, as Danes write them without the letters) and phone formatting.
 */
import type { Rng } from './rng.ts';

const FOLD: Readonly<Record<string, string>> = { æ: 'ae', ø: 'oe', å: 'aa', é: 'e', ü: 'u', ö: 'oe', ä: 'ae' };

/** Lower-case ASCII letters and digits only: 'Søren Ærø' → 'soerenaeroe'. */
export function asciiSlug(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += ch;
    else {
      const folded = FOLD[ch];
      if (folded) out += folded;
    }
  }
  return out;
}

// First digits of Danish mobile numbers (2x/3x/4x/5x/6x/7x/8x/9x blocks given to mobile operators).
const MOBILE_PREFIXES = [
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
  '26',
  '27',
  '28',
  '29',
  '30',
  '31',
  '40',
  '41',
  '42',
  '50',
  '51',
  '52',
  '53',
  '60',
  '61',
  '71',
  '81',
  '91',
  '93',
] as const;
/**
 * A Danish eight-digit mobile number written in pairs, e.g. '28 41 07 63'. (A clinic's landline
 * takes its area's prefix: generators/geography.ts.)
 */
export function danishMobile(rng: Rng): string {
  const prefix = rng.pick(MOBILE_PREFIXES);
  const pair = () => String(rng.int(0, 99)).padStart(2, '0');
  return `${prefix} ${pair()} ${pair()} ${pair()}`;
}
