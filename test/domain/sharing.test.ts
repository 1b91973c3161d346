import { describe, expect, it } from 'vitest';
import {
  ICPC2_TITLES,
  icpc2TitleOf,
  isShared,
  normaliseIcpc2,
  SHARED_CODES,
  SHARED_DIAGNOSES,
  sharedDiagnosisOf,
  sharingRuleOf,
} from '../../domain/sharing.ts';
import { daysBetween } from '../../domain/time.ts';

// DOMAIN.md's table written out code by code, independently of the module's data.
const EXPECTED_RULES: Record<string, 'A' | 'B'> = {
  K74: 'A',
  K76: 'A',
  K77: 'B',
  K78: 'A',
  K85: 'A',
  K86: 'B',
  K87: 'B',
  L88: 'B',
  L89: 'B',
  L90: 'B',
  L91: 'B',
  L95: 'A',
  P74: 'A',
  P76: 'A',
  R95: 'B',
  R96: 'A',
  T89: 'A',
  T90: 'A',
  D74: 'B',
  D75: 'B',
  D76: 'B',
  D77: 'B',
  F74: 'B',
  H75: 'B',
  K72: 'B',
  L71: 'B',
  N74: 'B',
  R84: 'B',
  R85: 'B',
  S77: 'B',
  U75: 'B',
  U76: 'B',
  U77: 'B',
  W72: 'B',
  X75: 'B',
  X76: 'B',
  X77: 'B',
  Y77: 'B',
  Y78: 'B',
  T85: 'A',
  T86: 'A',
};

// A time of day well inside the Copenhagen date, so these tests are about dates only.
const at = (date: string): Date => new Date(`${date}T10:00:00Z`);

describe('the sharing table', () => {
  it.each(Object.entries(EXPECTED_RULES))('%s has rule %s', (code, rule) => {
    expect(sharingRuleOf(code)).toBe(rule);
  });

  it('holds exactly the codes of DOMAIN.md, each once', () => {
    expect([...SHARED_CODES].sort()).toEqual(Object.keys(EXPECTED_RULES).sort());
    expect(new Set(SHARED_CODES).size).toBe(SHARED_CODES.length);
  });

  it('has an ICPC-2 title for every shared code and for nothing else', () => {
    expect(Object.keys(ICPC2_TITLES).sort()).toEqual([...SHARED_CODES].sort());
    for (const code of SHARED_CODES) expect(icpc2TitleOf(code)).toMatch(/\S/);
  });

  it.each([
    ['D74', 'stomach'],
    ['D75', 'colon/rectum'],
    ['D76', 'pancreas'],
    ['D77', 'digestive other'],
    ['F74', 'eye'],
    ['H75', 'ear'],
    ['K72', 'cardiovascular'],
    ['L71', 'musculoskeletal'],
    ['N74', 'nervous system'],
    ['R84', 'bronchus/lung'],
    ['R85', 'respiratory other'],
    ['S77', 'skin'],
    ['U75', 'kidney'],
    ['U76', 'bladder'],
    ['U77', 'urinary other'],
    ['W72', 'related to pregnancy'],
    ['X75', 'cervix'],
    ['X76', 'breast (female)'],
    ['X77', 'genital female other'],
    ['Y77', 'prostate'],
    ['Y78', 'genital male other'],
  ])('cancer code %s is titled by organ (%s) and listed as Cancer', (code, organ) => {
    expect(icpc2TitleOf(code)).toContain(organ);
    expect(sharedDiagnosisOf(code)?.diagnosis).toBe('Cancer');
  });

  it('names the source diagnosis of an entry', () => {
    expect(sharedDiagnosisOf('K78')).toEqual({ codes: ['K78'], diagnosis: 'Atrial fibrillation/flutter', rule: 'A' });
    expect(SHARED_DIAGNOSES).toHaveLength(21);
  });
});

describe('codes outside the table', () => {
  const explicit = ['D73', 'D78', 'R83', 'R86', 'Y79', 'K73', 'K75', 'K79', 'T84', 'T87', 'T88', 'T91', 'A01', 'Z29'];
  // Every ±1 neighbour of a shared code that is not itself shared.
  const neighbours = SHARED_CODES.flatMap((code) => {
    const n = Number(code.slice(1));
    return [n - 1, n + 1].map((m) => `${code[0]}${String(m).padStart(2, '0')}`);
  }).filter((code) => !(code in EXPECTED_RULES));

  it.each([...new Set([...explicit, ...neighbours])])('%s is never shared', (code) => {
    expect(sharingRuleOf(code)).toBeUndefined();
    expect(icpc2TitleOf(code)).toBeUndefined();
    expect(isShared(code, '2025-06-15', at('2025-06-15'))).toBe(false);
  });
});

describe('normalising codes', () => {
  it.each([
    ['k86', 'K86'],
    [' K86 ', 'K86'],
    ['\tr95\n', 'R95'],
  ])('%j → %s', (input, code) => {
    expect(normaliseIcpc2(input)).toBe(code);
    expect(sharingRuleOf(input)).toBe('B');
  });

  it.each(['K8', 'K860', 'K86.1', '86K', 'KK6', 'K 86', '', '   ', 'Ø86'])('%j is malformed: not shared', (input) => {
    expect(normaliseIcpc2(input)).toBeUndefined();
    expect(sharingRuleOf(input)).toBeUndefined();
    expect(isShared(input, '2025-06-15', at('2025-06-15'))).toBe(false);
  });
});

describe('isShared, rule A: registered within the last year', () => {
  it.each([
    // asOf 2025-06-15; no 29 February in between, so one year back is 365 days.
    ['2024-06-16', 364, true],
    ['2024-06-15', 365, true],
    ['2024-06-14', 366, false],
    ['2025-06-15', 0, true],
  ])('registered %s, %i days before 2025-06-15 → %s', (registeredAt, days, shared) => {
    expect(daysBetween(registeredAt, '2025-06-15')).toBe(days);
    expect(isShared('K78', registeredAt, at('2025-06-15'))).toBe(shared);
  });

  it.each([
    // From 2025-02-28 one year back is 2024-02-28, so 29 February 2024 is inside.
    ['2024-02-29', '2025-02-28', true],
    // From 2025-03-01 one year back is 2024-03-01.
    ['2024-02-29', '2025-03-01', false],
    // 366 days, but exactly one calendar year: shared.
    ['2023-03-01', '2024-03-01', true],
    ['2023-02-28', '2024-03-01', false],
    // From 29 February one year back clamps to 28 February (addYears).
    ['2023-02-28', '2024-02-29', true],
    ['2023-02-27', '2024-02-29', false],
  ])('across a leap day: registered %s, asOf %s → %s', (registeredAt, asOf, shared) => {
    expect(isShared('T90', registeredAt, at(asOf))).toBe(shared);
  });

  it('decides on the Copenhagen date of asOf, not the UTC date', () => {
    const summerEvening = new Date('2025-06-14T22:30:00Z'); // 00:30 on 15 June in Copenhagen
    expect(isShared('K78', '2024-06-14', summerEvening)).toBe(false);
    expect(isShared('K78', '2024-06-15', summerEvening)).toBe(true);
    expect(isShared('K78', '2025-06-15', summerEvening)).toBe(true);
    const winterEvening = new Date('2025-01-14T23:30:00Z'); // 00:30 on 15 January in Copenhagen
    expect(isShared('K78', '2024-01-14', winterEvening)).toBe(false);
    expect(isShared('K78', '2025-01-15', winterEvening)).toBe(true);
    // One hour earlier it is still the 14th in Copenhagen.
    expect(isShared('K78', '2024-01-14', new Date('2025-01-14T22:30:00Z'))).toBe(true);
  });

  it('does not share a registration dated in the future', () => {
    expect(isShared('K78', '2025-06-16', at('2025-06-15'))).toBe(false);
    expect(isShared('K78', '2026-06-15', at('2025-06-15'))).toBe(false);
  });
});

describe('isShared, rule B: whatever the registration date', () => {
  it.each([
    ['K86', '1975-03-01'],
    ['R95', '1999-12-31'],
    ['D75', '1988-05-05'],
    ['L89', '2024-06-14'],
    ['Y77', '2025-06-15'],
  ])('%s registered %s is shared in 2025', (code, registeredAt) => {
    expect(isShared(code, registeredAt, at('2025-06-15'))).toBe(true);
  });

  it('does not share a registration dated in the future', () => {
    expect(isShared('K86', '2025-06-16', at('2025-06-15'))).toBe(false);
  });

  it('accepts a normalised code', () => {
    expect(isShared(' k86', '1975-03-01', at('2025-06-15'))).toBe(true);
  });
});

describe('isShared input checks', () => {
  it.each(['2024-13-01', '2023-02-29', '15-06-2024', ''])('throws a RangeError for registeredAt %j', (date) => {
    expect(() => isShared('K86', date, at('2025-06-15'))).toThrow(RangeError);
  });

  it('throws for an invalid asOf', () => {
    expect(() => isShared('K86', '2024-06-15', new Date(Number.NaN))).toThrow(RangeError);
  });
});
