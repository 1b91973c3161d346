// Clinics' closed days (kursusdage, personaledage): on working days only, never in the clinic's
// own holidays, and never on a day the clinic stands in for its partner on holiday (the review of
// the generators found Kursusdag on 25 December and substitutes closed during the partner's holiday).
import { describe, expect, it } from 'vitest';
import { isPublicHoliday } from '../../domain/public-holidays.ts';
import { type IsoDate, weekdayOf } from '../../domain/time.ts';
import { type GeneratedClinic, generateClinic, substituteOf } from '../../generators/clinics.ts';
import { createDanishFaker } from '../../generators/faker.ts';
import { seedTag } from '../../generators/ids.ts';

const CLINICS = 1000;

function clinicsOf(seed: string, today: IsoDate): GeneratedClinic[] {
  const opts = { seed, tag: seedTag(seed), today, faker: createDanishFaker() };
  return Array.from({ length: CLINICS }, (_, c) => generateClinic(opts, c));
}

const populations = [
  { seed: 's1', today: '2026-01-15', clinics: clinicsOf('s1', '2026-01-15') },
  // Summer holidays and Whitsun fall inside the window of closed days.
  { seed: 'closed-days', today: '2025-05-20', clinics: clinicsOf('closed-days', '2025-05-20') },
];

describe('clinic closed days', () => {
  it('fall on weekdays that are no public holiday (customary ones included)', () => {
    const wrong: string[] = [];
    let count = 0;
    for (const { seed, clinics } of populations) {
      for (const [c, { clinic }] of clinics.entries()) {
        for (const { date, reason } of clinic.openingHours.closedDays) {
          count++;
          const weekday = weekdayOf(date);
          if (weekday === 'saturday' || weekday === 'sunday' || isPublicHoliday(date, { includeUnofficial: true })) {
            wrong.push(`${seed} clinic ${c}: ${reason} ${date} (${weekday})`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(count).toBeGreaterThan(CLINICS); // about 1.5 a clinic: the check is not vacuous
  });

  it('fall outside the clinic’s own holidays', () => {
    const wrong: string[] = [];
    for (const { seed, clinics } of populations) {
      for (const [c, { clinic }] of clinics.entries()) {
        const { closedDays, holidays } = clinic.openingHours;
        for (const d of closedDays) {
          for (const h of holidays)
            if (h.from <= d.date && d.date <= h.to) wrong.push(`${seed} clinic ${c}: ${d.date}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('never close the substitute while its partner is on holiday', () => {
    const wrong: string[] = [];
    let holidays = 0;
    for (const { seed, clinics } of populations) {
      for (const [c, { clinic }] of clinics.entries()) {
        const partner = (clinics[substituteOf(c)] as GeneratedClinic).clinic;
        for (const h of clinic.openingHours.holidays) {
          holidays++;
          expect(h.substitute.clinicId).toBe(partner.id);
          for (const d of partner.openingHours.closedDays) {
            if (h.from <= d.date && d.date <= h.to) {
              wrong.push(`${seed} clinic ${c} away ${h.from}..${h.to}, substitute ${partner.id} closed ${d.date}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(holidays).toBeGreaterThan(CLINICS);
  });
});
