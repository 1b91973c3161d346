// Where generated clinics and patients are (the review of the generators found a Rønne clinic with
// its holiday substitute in Valby, Læsø paired with Skagen, pairs 130 km apart, 28% of patients in
// another town of the region, and substitutes named by clinicId that were not in the output).
import { describe, expect, it } from 'vitest';
import { POSTAL_TOWNS, type PostalTown, REGIONS, regionOfPostalCode } from '../../domain/regions.ts';
import type { IsoDate } from '../../domain/time.ts';
import { generateClinic } from '../../generators/clinics.ts';
import { createDanishFaker } from '../../generators/faker.ts';
import { areaOf, distanceKm, NEIGHBOUR_KM } from '../../generators/geography.ts';
import { planBlock } from '../../generators/households.ts';
import { seedTag } from '../../generators/ids.ts';
import { blockPeople } from '../../generators/people.ts';
import { CLINIC_SIZE, createPopulation, type PopulationLine } from '../../generators/population.ts';

const TODAY: IsoDate = '2026-01-15';
const SEEDS = ['s1', 's2', 'geography'];
const CLINICS = 400; // a seed's 200 pairs reach Bornholm, and every region, several times

const townOf = (a: { postalCode: string; town: string }): PostalTown => ({ postalCode: a.postalCode, town: a.town });
const landOf = (a: { postalCode: string; town: string }) => areaOf(townOf(a)).land;

/** Whether two addresses are neighbours: the same town, or the same region and land, and near (any distance on a ferry island). */
function neighbouring(a: { postalCode: string; town: string }, b: { postalCode: string; town: string }): boolean {
  if (a.postalCode === b.postalCode) return true;
  if (regionOfPostalCode(a.postalCode) !== regionOfPostalCode(b.postalCode) || landOf(a) !== landOf(b)) return false;
  return landOf(a) === 'Bornholm' || landOf(a) === 'Læsø' || distanceKm(townOf(a), townOf(b)) <= NEIGHBOUR_KM;
}

function clinicsOf(seed: string, count: number) {
  const opts = { seed, tag: seedTag(seed), today: TODAY, faker: createDanishFaker() };
  return Array.from({ length: count }, (_, c) => generateClinic(opts, c));
}

describe('postal town geography', () => {
  it('knows every postal town, and neighbours are mutual, of one region and one land', () => {
    for (const region of REGIONS) {
      for (const town of POSTAL_TOWNS[region]) {
        const area = areaOf(town);
        expect(area.region).toBe(region);
        expect(area.sameLand).toContain(town);
        for (const n of area.neighbours) {
          expect(areaOf(n).neighbours, `${town.town} ↔ ${n.town}`).toContain(town);
          expect(neighbouring(town, n), `${town.town} ↔ ${n.town}`).toBe(true);
        }
      }
    }
    // Across the sea is never near: Bornholm's and Læsø's towns neighbour only their own island's.
    expect(areaOf({ postalCode: '3700', town: 'Rønne' }).neighbours.map((t) => t.town)).toEqual(['Nexø']);
    expect(areaOf({ postalCode: '9940', town: 'Læsø' }).neighbours).toEqual([]);
  });
});

describe('clinic geography', () => {
  it('pairs every clinic with a holiday substitute in its own region, in a neighbouring town on the same land', () => {
    const wrong: string[] = [];
    let substitutes = 0;
    let bornholm = 0;
    for (const seed of SEEDS) {
      for (const [c, { clinic, region }] of clinicsOf(seed, CLINICS).entries()) {
        expect(regionOfPostalCode(clinic.address.postalCode)).toBe(region);
        if (landOf(clinic.address) === 'Bornholm') bornholm++;
        for (const { substitute } of clinic.openingHours.holidays) {
          substitutes++;
          if (!neighbouring(clinic.address, substitute.address)) {
            const km = distanceKm(townOf(clinic.address), townOf(substitute.address)).toFixed(0);
            wrong.push(
              `${seed} clinic ${c} in ${clinic.address.town}: substitute in ${substitute.address.town} (${km} km)`,
            );
          }
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(substitutes).toBeGreaterThan(SEEDS.length * CLINICS);
    expect(bornholm).toBeGreaterThan(0); // the island case is exercised
  });

  it('gives the two clinics of a pair different names', () => {
    for (const seed of SEEDS) {
      const clinics = clinicsOf(seed, CLINICS);
      for (let c = 0; c < CLINICS; c += 2) {
        expect(clinics[c]?.clinic.name, `${seed} pair ${c}`).not.toBe(clinics[c + 1]?.clinic.name);
      }
    }
  });
});

describe('patient geography', () => {
  it('lets most people live in or near their clinic’s town, and nobody across the sea from it', () => {
    // blockPeople straight from each clinic: many clinics for few people (no journals).
    const BLOCKS_PER_CLINIC = 4;
    let people = 0;
    let near = 0;
    const acrossTheSea: string[] = [];
    for (const seed of SEEDS) {
      const faker = createDanishFaker();
      for (const [c, home] of clinicsOf(seed, CLINICS).entries()) {
        for (let i = 0; i < BLOCKS_PER_CLINIC; i++) {
          const block = (c * CLINIC_SIZE) / 8 + i;
          const plans = planBlock(seed, block, TODAY);
          const ids = plans.map((p) => `pat_${block}_${p.slot}`);
          const setting = { seed, block, today: TODAY, area: home.area, faker };
          for (const { patient } of blockPeople(setting, plans, ids, ids)) {
            const { address } = patient;
            if (!address) throw new Error(`${seed} ${patient.id} has no address`); // generated people all have one
            people++;
            expect(regionOfPostalCode(address.postalCode)).toBe(home.region);
            if (neighbouring(address, home.clinic.address)) near++;
            if (landOf(address) !== landOf(home.clinic.address)) {
              acrossTheSea.push(`${seed} clinic ${c} in ${home.clinic.address.town}: patient in ${address.town}`);
            }
          }
        }
      }
    }
    expect(acrossTheSea.slice(0, 10)).toEqual([]);
    expect(people).toBe(SEEDS.length * CLINICS * BLOCKS_PER_CLINIC * 8);
    // 75% in the clinic's town, 20% in a neighbouring one, 5% anywhere on the region's land.
    expect(near / people).toBeGreaterThan(0.9);
  });
});

describe('clinic lines of an output', () => {
  const linesOf = (from: number, to: number): PopulationLine[] => [
    ...createPopulation({ seed: 's1', asOf: TODAY }).lines(from, to),
  ];
  // Three clinics' worth of patients (an odd number: the third clinic's partner has no patients).
  const whole = linesOf(0, 4001);

  it('include every clinic named as a holiday substitute or a patient’s clinic, whatever the count', () => {
    // 1 patient: clinics 0 and 1 (clinic 0 alone before); 4,001: clinics 0 to 3 (0 to 2 before).
    for (const [count, clinics] of [
      [1, [0, 1]],
      [2001, [0, 1]],
      [4001, [0, 1, 2, 3]],
    ] as const) {
      const lines = count === 4001 ? whole : linesOf(0, count);
      const ids = new Set<string>();
      const indexes: number[] = [];
      for (const line of lines) {
        if (line.type !== 'clinic') continue;
        ids.add(line.clinic.id);
        indexes.push(line.index);
      }
      for (const line of lines) {
        if (line.type === 'clinic') {
          for (const h of line.clinic.openingHours.holidays) {
            expect(ids.has(h.substitute.clinicId ?? ''), `count ${count}: ${h.substitute.clinicId}`).toBe(true);
          }
        } else expect(ids.has(line.clinicId), `count ${count}: #${line.index}`).toBe(true);
      }
      expect(indexes, `count ${count}`).toEqual(clinics);
      expect(lines.filter((l) => l.type === 'patient')).toHaveLength(count);
    }
  });

  it('put both clinics of a pair before the pair’s first patient, so shards still concatenate to the whole', () => {
    expect(whole.slice(0, 3).map((l) => l.type)).toEqual(['clinic', 'clinic', 'patient']);
    const pairStart = whole.findIndex((l) => l.type === 'patient' && l.index === 2 * CLINIC_SIZE);
    expect(whole.slice(pairStart - 2, pairStart).map((l) => (l.type === 'clinic' ? l.index : -1))).toEqual([2, 3]);
    const shards = [linesOf(0, 1999), linesOf(1999, 4000), linesOf(4000, 4001)];
    expect(shards[1]?.some((l) => l.type === 'clinic')).toBe(false);
    expect(JSON.stringify(shards.flat())).toBe(JSON.stringify(whole));
  });
});
