import { describe, expect, it } from 'vitest';
import type { Region } from '../../domain/regions.ts';
import {
  outOfHoursFor,
  outOfHoursServiceOf,
  POSTAL_RANGES,
  POSTAL_TOWNS,
  REGIONS,
  regionOfPostalCode,
} from '../../domain/regions.ts';

describe('regionOfPostalCode', () => {
  it.each<[string, Region]>([
    // the thousand-blocks
    ['1000', 'hovedstaden'],
    ['2100', 'hovedstaden'],
    ['2990', 'hovedstaden'],
    ['3000', 'hovedstaden'],
    ['3699', 'hovedstaden'],
    ['4000', 'sjaelland'],
    ['4999', 'sjaelland'],
    ['5000', 'syddanmark'],
    ['5999', 'syddanmark'],
    ['8000', 'midtjylland'],
    ['8999', 'midtjylland'],
    ['9000', 'nordjylland'],
    ['9990', 'nordjylland'],
    // Bornholm
    ['3700', 'hovedstaden'],
    ['3790', 'hovedstaden'],
    // Greve and Solrød are Region Sjælland; Hedehusene and Vallensbæk are not
    ['2640', 'hovedstaden'],
    ['2665', 'hovedstaden'],
    ['2670', 'sjaelland'],
    ['2680', 'sjaelland'],
    ['2690', 'sjaelland'],
    ['2700', 'hovedstaden'],
    // Skibby is Frederikssund (Hovedstaden); its neighbours are Sjælland
    ['4040', 'sjaelland'],
    ['4050', 'hovedstaden'],
    ['4060', 'sjaelland'],
    // 6xxx: Ringkøbing-Skjern from 6880
    ['6000', 'syddanmark'],
    ['6870', 'syddanmark'],
    ['6879', 'syddanmark'],
    ['6880', 'midtjylland'],
    ['6990', 'midtjylland'],
    // 7xxx
    ['7000', 'syddanmark'],
    ['7100', 'syddanmark'],
    ['7130', 'midtjylland'],
    ['7171', 'midtjylland'],
    ['7173', 'syddanmark'],
    ['7190', 'syddanmark'],
    ['7260', 'syddanmark'],
    ['7270', 'midtjylland'],
    ['7280', 'midtjylland'],
    ['7300', 'syddanmark'],
    ['7323', 'syddanmark'],
    ['7330', 'midtjylland'],
    ['7362', 'midtjylland'],
    ['7400', 'midtjylland'],
    ['7699', 'midtjylland'],
    ['7700', 'nordjylland'],
    ['7770', 'nordjylland'],
    ['7790', 'midtjylland'],
    ['7800', 'midtjylland'],
    ['7870', 'midtjylland'],
    ['7884', 'midtjylland'],
    ['7900', 'nordjylland'],
    ['7990', 'nordjylland'],
    // Møldrup (Viborg) among Himmerland codes
    ['9631', 'nordjylland'],
    ['9632', 'midtjylland'],
    ['9640', 'nordjylland'],
  ])('%s → %s', (code, region) => {
    expect(regionOfPostalCode(code)).toBe(region);
  });

  it.each([
    '0800', // business codes below 1000
    '0999',
    '0000',
    '3800', // formerly the Faroe Islands
    '3900', // Greenland
    '3999',
    '100', // Faroe Islands (FO-100)
    'FO-100',
    '21000',
    '210',
    '21OO',
    ' 2100',
    '2100 ',
    '',
    '-100',
    '2.10',
  ])('%j → undefined', (code) => {
    expect(regionOfPostalCode(code)).toBeUndefined();
  });
});

describe('POSTAL_RANGES', () => {
  it('is sorted, without overlaps, with valid bounds', () => {
    for (const [i, r] of POSTAL_RANGES.entries()) {
      expect(r.from).toBeLessThanOrEqual(r.to);
      expect(r.from).toBeGreaterThanOrEqual(1000);
      expect(r.to).toBeLessThanOrEqual(9999);
      const previous = POSTAL_RANGES[i - 1];
      if (previous) expect(r.from).toBeGreaterThan(previous.to);
    }
  });

  it('covers 1000–9999 except 3800–3999', () => {
    let covered = 0;
    for (const r of POSTAL_RANGES) covered += r.to - r.from + 1;
    expect(covered).toBe(9000 - 200);
  });
});

describe('POSTAL_TOWNS', () => {
  it.each(REGIONS)('has at least 12 distinct towns for %s', (region) => {
    const towns = POSTAL_TOWNS[region];
    expect(towns.length).toBeGreaterThanOrEqual(12);
    expect(new Set(towns.map((t) => t.postalCode)).size).toBe(towns.length);
  });

  const pairs = REGIONS.flatMap((region) => POSTAL_TOWNS[region].map((t) => [t.postalCode, t.town, region] as const));
  it.each(pairs)('%s %s is in %s', (postalCode, _town, region) => {
    expect(regionOfPostalCode(postalCode)).toBe(region);
  });

  it('includes the well-known examples', () => {
    const all = REGIONS.flatMap((r) => POSTAL_TOWNS[r]);
    for (const [code, town] of [
      ['2100', 'København Ø'],
      ['4000', 'Roskilde'],
      ['5000', 'Odense C'],
      ['8000', 'Aarhus C'],
      ['9000', 'Aalborg'],
    ]) {
      expect(all).toContainEqual({ postalCode: code, town });
    }
  });
});

describe('out-of-hours services', () => {
  it.each<[Region, string, string, string | undefined, boolean]>([
    ['hovedstaden', 'Region Hovedstaden', '1813', undefined, true],
    ['sjaelland', 'Region Sjælland', '1818', undefined, true],
    ['syddanmark', 'Region Syddanmark', '70 11 07 07', '+4570110707', false],
    ['midtjylland', 'Region Midtjylland', '70 11 31 31', '+4570113131', false],
    ['nordjylland', 'Region Nordjylland', '70 15 03 00', '+4570150300', false],
  ])('%s: %s, %s', (region, regionName, display, e164, shortNumber) => {
    const service = outOfHoursServiceOf(region);
    expect(service.region).toBe(region);
    expect(service.regionName).toBe(regionName);
    expect(service.phone.display).toBe(display);
    expect(service.phone.e164).toBe(e164);
    expect(service.phone.shortNumber).toBe(shortNumber);
    // dial is what a tel: link needs: the E.164 form, or the short number as displayed
    expect(service.phone.dial).toBe(e164 ?? display);
    if (e164) expect(e164).toMatch(/^\+45[0-9]{8}$/);
    expect(display.replaceAll(' ', '')).toBe(e164 ? e164.slice(3) : display);
  });

  it('names Akuttelefonen 1813 for Region Hovedstaden', () => {
    expect(outOfHoursServiceOf('hovedstaden').name).toBe('Akuttelefonen 1813');
  });

  it.each([
    ['2100', 'hovedstaden'],
    ['3700', 'hovedstaden'],
    ['4000', 'sjaelland'],
    ['5000', 'syddanmark'],
    ['6900', 'midtjylland'],
    ['7700', 'nordjylland'],
  ])('outOfHoursFor(%s) is the %s service', (code, region) => {
    expect(outOfHoursFor(code)?.region).toBe(region);
  });

  it('has no service for a non-Danish postal code', () => {
    expect(outOfHoursFor('3900')).toBeUndefined();
    expect(outOfHoursFor('0800')).toBeUndefined();
  });
});
