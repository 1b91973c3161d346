// The 12-month retention boundary in the generated population (the review of the generators found
// every given consent used at most 330 days and every lapsed one at least 380 days before the
// reference date, so a tester found no one about to lapse or just lapsed). The expectations are
// the domain's: consentState, and retainedUntil for when storage ends.
import { describe, expect, it } from 'vitest';
import { type ConsentRecord, consentState, retainedUntil } from '../../domain/consent.ts';
import { addDays, copenhagenDate, type IsoDate } from '../../domain/time.ts';
import { createPopulation, type PatientLine } from '../../generators/population.ts';

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 10;
const PATIENTS = 5000;

const recordOf = (c: PatientLine['consent']): ConsentRecord => ({
  ...(c.givenAt ? { givenAt: new Date(c.givenAt) } : {}),
  ...(c.withdrawnAt ? { withdrawnAt: new Date(c.withdrawnAt) } : {}),
  ...(c.lastActivityAt ? { lastActivityAt: new Date(c.lastActivityAt) } : {}),
});

const generated = new Map<string, ReturnType<typeof generate>>();
function consentsOf(seed: string, asOf: IsoDate) {
  const key = `${seed} ${asOf}`;
  const cached = generated.get(key) ?? generate(seed, asOf);
  generated.set(key, cached);
  return cached;
}

function generate(seed: string, asOf: IsoDate) {
  const population = createPopulation({ seed, asOf });
  const out: { index: number; consent: PatientLine['consent']; record: ConsentRecord }[] = [];
  for (const line of population.lines(0, PATIENTS)) {
    if (line.type === 'patient') out.push({ index: line.index, consent: line.consent, record: recordOf(line.consent) });
  }
  return { now: population.asOf, consents: out };
}

// 2025-02-28: 12 months back reach into 2024, a leap year (a use on 29 February 2024 is stored
// until 28 February 2025). 2028-03-01: the 12 months back span 29 February 2028 and are 366 days.
const CASES = [
  ['boundary', '2025-02-28'],
  ['boundary', '2028-03-01'],
  ['s1', '2026-01-15'],
] as const;

describe('the 12-month retention boundary in the generated population', () => {
  for (const [seed, asOf] of CASES) {
    it(`has given consents about to lapse and lapsed ones just lapsed, as the domain says (${seed}, ${asOf})`, () => {
      const { now, consents } = consentsOf(seed, asOf);
      const later = new Date(now.getTime() + WINDOW_DAYS * DAY_MS);
      const earlier = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
      let given = 0;
      let lapsed = 0;
      const aboutToLapse: number[] = [];
      const justLapsed: number[] = [];
      for (const { index, consent, record } of consents) {
        expect(consent.state, `#${index}`).toBe(consentState(record, now));
        if (consent.state === 'given') {
          given++;
          // Moving the sandbox clock forward by ten days deletes their data.
          if (consentState(record, later) === 'lapsed') aboutToLapse.push(index);
        } else if (consent.state === 'lapsed') {
          lapsed++;
          // Ten days ago their data was still stored.
          if (consentState(record, earlier) === 'given') justLapsed.push(index);
        }
      }
      expect(aboutToLapse.length).toBeGreaterThan(0);
      expect(justLapsed.length).toBeGreaterThan(0);
      // A small share of each, not the population.
      expect(aboutToLapse.length).toBeLessThan(given * 0.1);
      expect(justLapsed.length).toBeLessThan(lapsed * 0.2);
    });
  }

  it('counts 12 months as calendar months: a use on 29 February 2024 lapsed on 28 February 2025', () => {
    const { now, consents } = consentsOf('boundary', '2025-02-28');
    const leapDay = consents.filter(({ record }) => {
      const last = record.lastActivityAt ?? record.givenAt;
      return last !== undefined && copenhagenDate(last) === '2024-02-29';
    });
    expect(leapDay.length).toBeGreaterThan(0);
    for (const { index, consent, record } of leapDay) {
      const until = retainedUntil(record.lastActivityAt ?? (record.givenAt as Date));
      expect(copenhagenDate(until), `#${index}`).toBe('2025-02-28');
      expect(consent.state, `#${index}`).toBe('lapsed');
    }
    // And a use on 1 March 2024, 364 days before, is still stored: it lapses tomorrow.
    const firstOfMarch = consents.filter(
      ({ record, consent }) =>
        consent.state === 'given' && copenhagenDate(record.lastActivityAt as Date) === '2024-03-01',
    );
    expect(firstOfMarch.length).toBeGreaterThan(0);
    for (const { record } of firstOfMarch) {
      expect(consentState(record, new Date(now.getTime() + DAY_MS))).toBe('lapsed');
    }
  });

  it('keeps data used 365 days before 1 March 2028: 12 months back from then are 366 days', () => {
    const { consents } = consentsOf('boundary', '2028-03-01');
    const yearAgo = addDays('2028-03-01', -365); // 2027-03-02
    const used = consents.filter(
      ({ record }) => record.lastActivityAt && copenhagenDate(record.lastActivityAt) === yearAgo,
    );
    expect(used.length).toBeGreaterThan(0);
    for (const { index, consent } of used) expect(consent.state, `#${index}`).toBe('given');
  });
});
