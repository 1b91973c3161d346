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

// First digits of Danish subscriber numbers: landlines by area, mobiles 2x/3x/4x/5x/6x/7x/8x/9x.
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
const LANDLINE_PREFIXES = [
  '32',
  '33',
  '35',
  '36',
  '38',
  '39',
  '43',
  '44',
  '45',
  '46',
  '48',
  '49',
  '56',
  '57',
  '58',
  '59',
  '62',
  '63',
  '64',
  '65',
  '66',
  '73',
  '74',
  '75',
  '76',
  '86',
  '87',
  '89',
  '96',
  '97',
  '98',
  '99',
] as const;

/** A Danish eight-digit number written in pairs, e.g. '28 41 07 63'. */
export function danishPhone(rng: Rng, kind: 'mobile' | 'landline'): string {
  const prefix = rng.pick(kind === 'mobile' ? MOBILE_PREFIXES : LANDLINE_PREFIXES);
  const pair = () => String(rng.int(0, 99)).padStart(2, '0');
  return `${prefix} ${pair()} ${pair()} ${pair()}`;
}
