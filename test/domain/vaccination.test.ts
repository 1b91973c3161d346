import { describe, expect, it } from 'vitest';
import type { Sex } from '../../domain/cpr.ts';
import { addMonths } from '../../domain/time.ts';
import {
  CHILD_INFLUENZA_FIRST_SEASON,
  CHILDHOOD_PROGRAMME,
  childInfluenzaOffer,
  dosesDue,
  dosesOverdue,
  HPV_BOYS_BORN_FROM,
  HPV_GIRLS_BORN_FROM,
  MMR2_AT_FOUR_BORN_FROM,
} from '../../domain/vaccination.ts';

const idsAndDates = (birthDate: string, sex: Sex, asOf?: string): [string, string][] =>
  dosesDue(birthDate, sex, asOf).map((d) => [d.id, d.dueDate]);

describe('CHILDHOOD_PROGRAMME', () => {
  it('is the programme of DOMAIN.md, in due order', () => {
    expect(CHILDHOOD_PROGRAMME.map((d) => [d.label, d.dueAgeMonths])).toEqual([
      ['DiTeKiPol/Hib 1', 3],
      ['PCV 1', 3],
      ['DiTeKiPol/Hib 2', 5],
      ['PCV 2', 5],
      ['DiTeKiPol/Hib 3', 12],
      ['PCV 3', 12],
      ['MMR 1', 15],
      ['MMR 2', 48],
      ['DiTeKiPol booster', 60],
      ['HPV 1', 144],
      ['HPV 2', 150],
    ]);
  });

  it('has unique, stable ids', () => {
    const ids = CHILDHOOD_PROGRAMME.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
  });

  it('numbers the doses of each vaccine', () => {
    const byVaccine = (vaccine: string) => CHILDHOOD_PROGRAMME.filter((d) => d.vaccine === vaccine).map((d) => d.dose);
    expect(byVaccine('DiTeKiPol/Hib')).toEqual([1, 2, 3]);
    expect(byVaccine('PCV')).toEqual([1, 2, 3]);
    expect(byVaccine('MMR')).toEqual([1, 2]);
    expect(byVaccine('DiTeKiPol')).toEqual([4]);
    expect(byVaccine('HPV')).toEqual([1, 2]);
  });

  it('spaces the HPV doses at least 5 months apart', () => {
    const [first, second] = CHILDHOOD_PROGRAMME.filter((d) => d.vaccine === 'HPV');
    expect((second?.dueAgeMonths ?? 0) - (first?.dueAgeMonths ?? 0)).toBeGreaterThanOrEqual(5);
  });
});

describe('dosesDue: due dates', () => {
  it('clamps to the month end for a child born 31 January', () => {
    expect(idsAndDates('2024-01-31', 'female')).toEqual([
      ['ditekipol-hib-1', '2024-04-30'],
      ['pcv-1', '2024-04-30'],
      ['ditekipol-hib-2', '2024-06-30'],
      ['pcv-2', '2024-06-30'],
      ['ditekipol-hib-3', '2025-01-31'],
      ['pcv-3', '2025-01-31'],
      ['mmr-1', '2025-04-30'],
      ['mmr-2', '2028-01-31'],
      ['ditekipol-booster', '2029-01-31'],
      ['hpv-1', '2036-01-31'],
      ['hpv-2', '2036-07-31'],
    ]);
  });

  it('clamps 29 February to 28 February in common years', () => {
    expect(idsAndDates('2024-02-29', 'male')).toEqual([
      ['ditekipol-hib-1', '2024-05-29'],
      ['pcv-1', '2024-05-29'],
      ['ditekipol-hib-2', '2024-07-29'],
      ['pcv-2', '2024-07-29'],
      ['ditekipol-hib-3', '2025-02-28'],
      ['pcv-3', '2025-02-28'],
      ['mmr-1', '2025-05-29'],
      ['mmr-2', '2028-02-29'],
      ['ditekipol-booster', '2029-02-28'],
      ['hpv-1', '2036-02-29'],
      ['hpv-2', '2036-08-29'],
    ]);
  });

  it('lands on 29 February when the target month has one', () => {
    expect(dosesDue('2023-11-30', 'female').find((d) => d.id === 'pcv-1')?.dueDate).toBe('2024-02-29');
  });

  it('counts every due date from the birth date, not from the previous dose', () => {
    for (const d of dosesDue('2015-08-31', 'female')) expect(d.dueDate).toBe(addMonths('2015-08-31', d.dueAgeMonths));
  });
});

describe('dosesDue: HPV by sex and birth cohort', () => {
  const hpv = (birthDate: string, sex: Sex) => idsAndDates(birthDate, sex).filter(([id]) => id.startsWith('hpv'));

  it('uses the documented cut-off dates', () => {
    expect(HPV_BOYS_BORN_FROM).toBe('2007-07-01');
    expect(HPV_GIRLS_BORN_FROM).toBe('1996-01-01');
  });

  it.each<[string, Sex, [string, string][]]>([
    [
      '2007-06-30',
      'female',
      [
        ['hpv-1', '2019-06-30'],
        ['hpv-2', '2019-12-30'],
      ],
    ],
    ['2007-06-30', 'male', []],
    [
      '2007-07-01',
      'female',
      [
        ['hpv-1', '2019-07-01'],
        ['hpv-2', '2020-01-01'],
      ],
    ],
    [
      '2007-07-01',
      'male',
      [
        ['hpv-1', '2019-07-01'],
        ['hpv-2', '2020-01-01'],
      ],
    ],
    ['1995-12-31', 'female', []],
    [
      '1996-01-01',
      'female',
      [
        ['hpv-1', '2008-01-01'],
        ['hpv-2', '2008-07-01'],
      ],
    ],
  ])('born %s, %s → %j', (birthDate, sex, expected) => {
    expect(hpv(birthDate, sex)).toEqual(expected);
  });

  it('gives boys and girls the same doses apart from HPV', () => {
    const withoutHpv = (sex: Sex) => idsAndDates('2005-03-15', sex).filter(([id]) => !id.startsWith('hpv'));
    expect(withoutHpv('male')).toEqual(withoutHpv('female'));
  });
});

describe('dosesDue: MMR 2 by birth cohort', () => {
  it('is due at 4 years from the cohort that turned 4 on 1 April 2008', () => {
    expect(MMR2_AT_FOUR_BORN_FROM).toBe('2004-04-01');
    const mmr2 = dosesDue('2004-04-01', 'male').find((d) => d.id === 'mmr-2');
    expect(mmr2).toMatchObject({ dueDate: '2008-04-01', dueAgeMonths: 48 });
  });

  it('stays at 12 years for children older than 4 on 1 April 2008', () => {
    const doses = dosesDue('2004-03-31', 'male');
    expect(doses.find((d) => d.id === 'mmr-2')).toMatchObject({ dueDate: '2016-03-31', dueAgeMonths: 144 });
    // and is listed in due order, after the 5-year booster
    expect(doses.map((d) => d.id).slice(-2)).toEqual(['ditekipol-booster', 'mmr-2']);
  });
});

describe('dosesDue: asOf', () => {
  it.each<[string | undefined, string[]]>([
    ['2024-01-30', []], // before birth
    ['2024-04-29', []],
    ['2024-04-30', ['ditekipol-hib-1', 'pcv-1']], // due on the day counts
    ['2024-06-29', ['ditekipol-hib-1', 'pcv-1']],
    ['2024-06-30', ['ditekipol-hib-1', 'pcv-1', 'ditekipol-hib-2', 'pcv-2']],
    [
      '2028-01-31',
      ['ditekipol-hib-1', 'pcv-1', 'ditekipol-hib-2', 'pcv-2', 'ditekipol-hib-3', 'pcv-3', 'mmr-1', 'mmr-2'],
    ],
  ])('asOf %s → %j', (asOf, ids) => {
    expect(dosesDue('2024-01-31', 'female', asOf).map((d) => d.id)).toEqual(ids);
  });

  it('returns the whole programme without asOf', () => {
    expect(dosesDue('2024-01-31', 'female')).toHaveLength(11);
    expect(dosesDue('2024-01-31', 'male')).toHaveLength(11);
    expect(dosesDue('2007-06-30', 'male')).toHaveLength(9);
  });

  it.each([
    ['2024-02-30', 'female', undefined],
    ['2024-01-31', 'female', '2024-13-01'],
    ['2024-01-31', 'girl', undefined],
  ])('rejects birth %s, sex %s, asOf %s', (birthDate, sex, asOf) => {
    expect(() => dosesDue(birthDate, sex as Sex, asOf)).toThrow(RangeError);
  });
});

describe('dosesOverdue', () => {
  it('lists doses due before asOf and not given', () => {
    const overdue = dosesOverdue('2024-01-31', 'female', ['ditekipol-hib-1', 'pcv-1'], '2024-07-01');
    expect(overdue.map((d) => d.id)).toEqual(['ditekipol-hib-2', 'pcv-2']);
  });

  it('does not count a dose due today as overdue', () => {
    expect(dosesOverdue('2024-01-31', 'female', ['ditekipol-hib-1', 'pcv-1'], '2024-06-30')).toEqual([]);
  });

  it('is empty when everything due has been given', () => {
    const given = dosesDue('2010-05-10', 'male', '2025-01-01').map((d) => d.id);
    expect(dosesOverdue('2010-05-10', 'male', given, '2025-01-01')).toEqual([]);
  });

  it('rejects an unknown dose id', () => {
    expect(() => dosesOverdue('2024-01-31', 'female', ['mmr-3'], '2025-01-01')).toThrow(/Unknown programme dose id/);
  });
});

describe('childInfluenzaOffer (seasonal, not part of the programme)', () => {
  it('starts with the 2021/22 season', () => {
    expect(CHILD_INFLUENZA_FIRST_SEASON).toBe(2021);
    expect(childInfluenzaOffer('2016-06-01', '2020-10-15')).toBeUndefined();
  });

  it.each<[string, string, string | undefined]>([
    ['2019-10-15', '2021-10-14', undefined], // not yet 2
    ['2019-10-15', '2021-10-15', '2021/22'], // 2nd birthday
    ['2019-10-15', '2022-01-15', '2021/22'], // last day of the season
    ['2019-10-15', '2022-01-16', undefined], // after the season
    ['2019-10-15', '2022-09-30', undefined], // before the next season
    ['2019-10-15', '2022-10-01', '2022/23'],
    ['2018-11-01', '2025-10-31', '2025/26'], // still 6
    ['2018-11-01', '2025-11-01', undefined], // 7th birthday
    ['2020-02-29', '2022-10-01', '2022/23'],
  ])('born %s, on %s → %s', (birthDate, asOf, season) => {
    expect(childInfluenzaOffer(birthDate, asOf)?.season).toBe(season);
  });

  it('describes the offer window and vaccine', () => {
    expect(childInfluenzaOffer('2021-03-01', '2024-12-01')).toEqual({
      season: '2024/25',
      offeredFrom: '2024-10-01',
      offeredUntil: '2025-01-15',
      vaccine: 'Influenza, live attenuated nasal spray (LAIV)',
    });
  });
});
