// Clinic landline numbers fit the clinic's part of the country (the review of the generators found
// 135 of 200 clinics with another area's digits: Skagen 45 97 06 20, Holstebro 38 40 89 44, Grenaa
// 56 02 21 86). The expected digits are the historical areas of the eight-digit numbering: 3x/4x
// København and Nordsjælland, 5x the rest of Sjælland and Bornholm, 6x Fyn, 7x/8x/9x Jylland.
import { describe, expect, it } from 'vitest';
import { POSTAL_TOWNS, type PostalTown, REGIONS, type Region } from '../../domain/regions.ts';
import { generateClinic } from '../../generators/clinics.ts';
import { createDanishFaker } from '../../generators/faker.ts';
import { areaOf, landlinePrefixes } from '../../generators/geography.ts';
import { seedTag } from '../../generators/ids.ts';

const TODAY = '2026-01-15';
const CLINICS = 400;

/** The first two digits a clinic's landline may start with, by region and the land it is on. */
function allowed(region: Region, town: PostalTown): RegExp {
  const land = areaOf(town).land;
  switch (region) {
    case 'hovedstaden':
      return land === 'Bornholm' ? /^56$/ : /^[34]\d$/;
    case 'sjaelland':
      return /^(4[3-9]|5\d)$/; // Greve 43, Roskilde 46, the rest 5x
    case 'syddanmark':
      return land === 'Fyn' ? /^6\d$/ : /^7[3-6]$/;
    case 'midtjylland':
      return /^(7[5-9]|8\d|9[67])$/;
    case 'nordjylland':
      return /^9\d$/;
  }
}

describe('clinic landline numbers', () => {
  it("start with the area digits of the clinic's region and land", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const seed of ['s1', 's2', 'landline']) {
      const opts = { seed, tag: seedTag(seed), today: TODAY, faker: createDanishFaker() } as const;
      for (let c = 0; c < CLINICS; c++) {
        const { clinic, region } = generateClinic(opts, c);
        expect(clinic.phone).toMatch(/^\d{2} \d{2} \d{2} \d{2}$/);
        const town = { postalCode: clinic.address.postalCode, town: clinic.address.town };
        if (!allowed(region, town).test(clinic.phone.slice(0, 2))) wrong.push(`${town.town} ${clinic.phone}`);
        checked++;
      }
    }
    expect(checked).toBe(3 * CLINICS);
    expect(wrong).toEqual([]);
  });

  it('gives every postal town the area digits of its region and land, Læsø and Bornholm included', () => {
    for (const region of REGIONS) {
      for (const town of POSTAL_TOWNS[region]) {
        const prefixes = landlinePrefixes(town);
        expect(prefixes.length, town.town).toBeGreaterThan(0);
        for (const p of prefixes) expect(p, `${town.postalCode} ${town.town}`).toMatch(allowed(region, town));
      }
    }
  });

  it('gives the towns of the review their own digits', () => {
    const opts = { seed: 's1', tag: seedTag('s1'), today: TODAY, faker: createDanishFaker() } as const;
    const want: Record<string, RegExp> = { Skagen: /^98/, Holstebro: /^97/, Grenaa: /^86/, 'København K': /^3/ };
    const seen = new Set<string>();
    for (let c = 0; c < 2000 && seen.size < Object.keys(want).length; c++) {
      const { clinic } = generateClinic(opts, c);
      const pattern = want[clinic.address.town];
      if (!pattern) continue;
      expect(clinic.phone, clinic.address.town).toMatch(pattern);
      seen.add(clinic.address.town);
    }
    expect([...seen].sort()).toEqual(Object.keys(want).sort());
  });
});
