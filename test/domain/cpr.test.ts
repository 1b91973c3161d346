import { describe, expect, it } from 'vitest';
import {
  cprBirthDate,
  cprSex,
  formatCpr,
  isSynthetic,
  parseCpr,
  passesModulus11,
  type Sex,
  SYNTHETIC_CPR_SCHEME,
  syntheticCpr,
  syntheticCprCount,
} from '../../domain/cpr.ts';
import { addDays, isIsoDate } from '../../domain/time.ts';

const SEXES: readonly Sex[] = ['male', 'female'];

describe('parseCpr', () => {
  it.each([
    ['070761-4285', { digits: '0707614285', birthDate: '1961-07-07', sex: 'male' }],
    ['0707614285', { digits: '0707614285', birthDate: '1961-07-07', sex: 'male' }],
    ['211062-5629', { digits: '2110625629', birthDate: '1862-10-21', sex: 'male' }],
    ['290200-4000', { digits: '2902004000', birthDate: '2000-02-29', sex: 'female' }],
    ['311299-9998', { digits: '3112999998', birthDate: '1999-12-31', sex: 'female' }],
  ])('parses %s', (input, expected) => {
    expect(parseCpr(input)).toEqual(expected);
  });

  it.each([
    ['', /expected DDMMYY-SSSS/],
    ['070761 4285', /expected DDMMYY-SSSS/],
    ['07076-14285', /expected DDMMYY-SSSS/],
    ['070761--4285', /expected DDMMYY-SSSS/],
    ['070761-42850', /expected DDMMYY-SSSS/],
    ['0707614285x', /expected DDMMYY-SSSS/],
    [' 070761-4285', /expected DDMMYY-SSSS/],
    ['abcdef-ghij', /expected DDMMYY-SSSS/],
    ['000161-1234', /not a real date/],
    ['011361-1234', /not a real date/],
    ['310461-1234', /1961-04-31, not a real date/],
    // 1900 was not a leap year, 2000 was: the century decides whether 29 February exists.
    ['290200-1234', /1900-02-29, not a real date/],
    ['290201-4234', /2001-02-29, not a real date/],
    ['670761-4285', /replacement number/],
  ])('rejects %j with a RangeError', (input, message) => {
    expect(() => parseCpr(input)).toThrow(RangeError);
    expect(() => parseCpr(input)).toThrow(message);
  });
});

describe('the century table (7th digit × YY)', () => {
  // Every cell of DOMAIN.md's table, at both edges of each YY range.
  const cells: [digits: number[], yys: number[], century: number][] = [
    [[0, 1, 2, 3], [0, 36], 1900],
    [[0, 1, 2, 3], [37, 57], 1900],
    [[0, 1, 2, 3], [58, 99], 1900],
    [[4, 9], [0, 36], 2000],
    [[4, 9], [37, 57], 1900],
    [[4, 9], [58, 99], 1900],
    [[5, 6, 7, 8], [0, 36], 2000],
    [[5, 6, 7, 8], [37, 57], 2000],
    [[5, 6, 7, 8], [58, 99], 1800],
  ];
  const cases = cells.flatMap(([digits, yys, century]) =>
    digits.flatMap((digit) => yys.map((yy) => ({ digit, yy, year: century + yy }))),
  );

  it.each(cases)('7th digit $digit with YY $yy → $year', ({ digit, yy, year }) => {
    const cpr = `1503${String(yy).padStart(2, '0')}-${digit}123`;
    expect(cprBirthDate(cpr)).toBe(`${year}-03-15`);
  });

  it('covers all ten digits', () => {
    expect(new Set(cases.map((c) => c.digit)).size).toBe(10);
  });
});

describe('cprSex', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('last digit %i', (last) => {
    expect(cprSex(`070761-428${last}`)).toBe(last % 2 === 1 ? 'male' : 'female');
  });
});

describe('passesModulus11', () => {
  it.each([
    ['070761-4285', true],
    ['0707614285', true],
    ['211062-5629', true],
    ['070761-4286', false],
    ['070761-4284', false],
    ['211062-5628', false],
  ])('%s → %s', (cpr, passes) => {
    expect(passesModulus11(cpr)).toBe(passes);
  });

  it('is a fact, not validity: a number failing modulus-11 still parses', () => {
    expect(passesModulus11('070761-4286')).toBe(false);
    expect(parseCpr('070761-4286')).toEqual({ digits: '0707614286', birthDate: '1961-07-07', sex: 'female' });
    expect(cprBirthDate('070761-4286')).toBe('1961-07-07');
  });

  it('checks only the shape, so a replacement number can be tested too', () => {
    expect(typeof passesModulus11('670761-4285')).toBe('boolean');
    expect(() => passesModulus11('0707-614285')).toThrow(RangeError);
  });
});

describe('formatCpr', () => {
  it.each([
    ['0707614285', '070761-4285'],
    ['070761-4285', '070761-4285'],
  ])('%s → %s', (input, formatted) => {
    expect(formatCpr(input)).toBe(formatted);
  });

  it('rejects what parseCpr rejects', () => {
    expect(() => formatCpr('310461-1234')).toThrow(RangeError);
  });
});

describe('syntheticCpr', () => {
  // Every 97th day from 1858 to 2036 plus the edges of each 7th-digit range and leap days.
  const dates: string[] = [];
  for (let d = '1858-01-02'; d <= '2036-12-31'; d = addDays(d, 97)) if (!d.endsWith('-01-01')) dates.push(d);
  dates.push(
    '1858-01-02',
    '1864-02-29',
    '1896-02-29',
    '1899-12-31',
    '1900-01-02',
    '1904-02-29',
    '1936-12-31',
    '1937-01-02',
    '1957-12-31',
    '1958-01-02',
    '1999-12-31',
    '2000-01-02',
    '2000-02-29',
    '2024-02-29',
    '2036-02-29',
    '2036-12-31',
    '2037-01-02',
    '2057-12-31',
  );
  const seventhDigit = (year: number): number => {
    if (year < 1900) return 8;
    if (year < 2000) return year % 100 <= 36 ? 3 : 9;
    return year % 100 <= 36 ? 9 : 8;
  };

  it('tests hundreds of dates', () => {
    expect(dates.length).toBeGreaterThan(600);
  });

  it.each(dates)('round-trips %s for both sexes and several indexes', (date) => {
    for (const sex of SEXES) {
      const count = syntheticCprCount(date, sex);
      for (const index of [0, 1, 17, count - 1]) {
        const cpr = syntheticCpr(date, sex, index);
        expect(cpr).toMatch(/^\d{6}-\d{4}$/);
        expect(parseCpr(cpr)).toMatchObject({ birthDate: date, sex });
        expect(passesModulus11(cpr)).toBe(false);
        expect(isSynthetic(cpr)).toBe(true);
        expect(Number(cpr[7])).toBe(seventhDigit(Number(date.slice(0, 4))));
      }
    }
  });

  it('is deterministic', () => {
    expect(syntheticCpr('1985-06-15', 'female', 0)).toBe('150685-9998');
    expect(syntheticCpr('1985-06-15', 'male', 0)).toBe('150685-9999');
    expect(syntheticCpr('1985-06-15', 'male', 5)).toBe(syntheticCpr('1985-06-15', 'male', 5));
  });

  it.each(['1985-06-15', '1862-10-21', '2024-02-29', '1930-07-04'])(
    'gives distinct numbers for every index of %s, highest serial first',
    (date) => {
      const all: string[] = [];
      for (const sex of SEXES) {
        const count = syntheticCprCount(date, sex);
        expect(count === 454 || count === 455).toBe(true);
        const numbers = Array.from({ length: count }, (_, i) => syntheticCpr(date, sex, i));
        expect(new Set(numbers).size).toBe(count);
        expect([...numbers].sort().reverse()).toEqual(numbers);
        all.push(...numbers);
      }
      expect(new Set(all).size).toBe(all.length);
    },
  );

  it('throws past the last candidate and says how many exist', () => {
    const count = syntheticCprCount('1985-06-15', 'female');
    expect(() => syntheticCpr('1985-06-15', 'female', count - 1)).not.toThrow();
    expect(() => syntheticCpr('1985-06-15', 'female', count)).toThrow(RangeError);
    expect(() => syntheticCpr('1985-06-15', 'female', count)).toThrow(`Only ${count} synthetic CPR numbers`);
  });

  it.each(['1985-01-01', '1900-01-01', '2000-01-01', '2024-01-01', '1860-01-01'])('refuses 1 January: %s', (date) => {
    expect(() => syntheticCpr(date, 'male', 0)).toThrow(RangeError);
    expect(() => syntheticCpr(date, 'female', 0)).toThrow(/1 January/);
    expect(syntheticCprCount(date, 'male')).toBe(0);
  });

  it.each(['1857-12-31', '2058-01-02', '1700-06-01'])('refuses a year a CPR cannot encode: %s', (date) => {
    expect(() => syntheticCpr(date, 'male', 0)).toThrow(/1858–2057/);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses index %s', (index) => {
    expect(() => syntheticCpr('1985-06-15', 'male', index)).toThrow(RangeError);
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => syntheticCpr('2023-02-29', 'male', 0)).toThrow(RangeError);
  });
});

describe('isSynthetic', () => {
  it('is true exactly for the numbers syntheticCpr produces (all 10 000 serials of a few DDMMYY)', () => {
    for (const prefix of ['150685', '211062', '290224', '150620', '150645']) {
      // One DDMMYY is up to three birth dates (1800s, 1900s, 2000s); the scheme may use each.
      const dates = [1800, 1900, 2000]
        .map((century) => `${century + Number(prefix.slice(4))}-${prefix.slice(2, 4)}-${prefix.slice(0, 2)}`)
        .filter((date) => isIsoDate(date) && date >= '1858' && date < '2058');
      const produced = new Set(
        dates.flatMap((date) =>
          SEXES.flatMap((sex) =>
            Array.from({ length: syntheticCprCount(date, sex) }, (_, i) => syntheticCpr(date, sex, i)),
          ),
        ),
      );
      for (let serial = 0; serial <= 9999; serial += 1) {
        const cpr = `${prefix}-${String(serial).padStart(4, '0')}`;
        expect(isSynthetic(cpr), cpr).toBe(produced.has(cpr));
      }
    }
  });

  it.each([
    // Modulus-11-valid numbers, including one with the scheme's 7th digit.
    ['070761-4285', 'passes modulus-11'],
    ['211062-5629', 'passes modulus-11'],
    ['150685-9995', 'passes modulus-11'],
    // 1 January numbers that fail modulus-11 with the scheme's 7th digit: real people have these.
    ['010165-9999', '1 January'],
    ['010190-9998', '1 January'],
    // Fails modulus-11 but a lower 7th digit than the scheme uses.
    ['150685-4999', 'not the highest 7th digit'],
    ['150685-3999', 'not the highest 7th digit'],
    // Not CPR numbers at all.
    ['750685-9999', 'replacement number'],
    ['nonsense', 'malformed'],
    ['', 'malformed'],
  ])('is false for %s (%s)', (cpr) => {
    expect(isSynthetic(cpr)).toBe(false);
  });

  it('accepts both spellings', () => {
    expect(isSynthetic('1506859999')).toBe(true);
    expect(isSynthetic('150685-9999')).toBe(true);
  });

  it('confirms the fixtures above', () => {
    expect(passesModulus11('150685-9995')).toBe(true);
    expect(passesModulus11('010165-9999')).toBe(false);
    expect(passesModulus11('010190-9998')).toBe(false);
    expect(passesModulus11('150685-4999')).toBe(false);
    expect(passesModulus11('150685-3999')).toBe(false);
  });
});

describe('SYNTHETIC_CPR_SCHEME', () => {
  it.each(['modulus-11', 'MedCom', '1 January', '1 October 2007', 'Replacement numbers', '454 or 455'])(
    'documents %s',
    (phrase) => {
      expect(SYNTHETIC_CPR_SCHEME).toContain(phrase);
    },
  );
});
