// A child's programme vaccinations and its vaccination visits tell one story: a completed
// vaccination appointment is on a day the clinic gave programme doses and names them, every such
// day in the appointment window has exactly that one appointment, and a family that declined the
// programme has no vaccination visits. (Before, the two were drawn apart: for s1 as of 2026-01-15,
// 4,389 of 4,589 completed vaccination visits had no dose given that day.)
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../domain/time.ts';
import { CHILDHOOD_PROGRAMME } from '../../domain/vaccination.ts';
import type { Appointment, Vaccination } from '../../generators/context.ts';
import { createPopulation } from '../../generators/population.ts';
import { PROGRAMME_VACCINE } from '../support/programme.ts';

const PATIENTS = 3_000;

/** The programme label of a registered dose ('PCV 2'), or undefined if it is not a programme dose. */
function programmeLabel(v: Vaccination): string | undefined {
  const vaccine = PROGRAMME_VACCINE[v.vaccine];
  return CHILDHOOD_PROGRAMME.find((d) => d.vaccine === vaccine && d.dose === v.dose)?.label;
}

// 'Vaccination (MMR 1)' or 'Børneundersøgelse 1 år og vaccination (DiTeKiPol/Hib 3 og PCV 3)'.
const VISIT = /^(?:Vaccination|Børneundersøgelse .+ og vaccination) \((.+)\)$/;

/** The doses a vaccination appointment names, sorted; undefined if it is no vaccination visit. */
function namedDoses(a: Appointment): string | undefined {
  const match = a.reason === null ? null : VISIT.exec(a.reason);
  return match?.[1]?.split(' og ').sort().join(', ');
}

const localDate = (instant: string): IsoDate => instant.slice(0, 10); // written in Copenhagen time

describe('childhood programme visits and doses', () => {
  it('put every completed vaccination visit on a day its doses were given, and every dose day at one visit', () => {
    // s2 as of 2026-07-10: summer, with clinics on holiday around the reference date.
    const problems: string[] = [];
    let visits = 0;
    let doseDays = 0;
    let withExamination = 0;
    let booked = 0;
    let declined = 0;
    for (const [seed, asOf] of [
      ['s1', '2026-01-15'],
      ['s2', '2026-07-10'],
    ] as const) {
      for (const line of createPopulation({ seed, asOf }).lines(0, PATIENTS)) {
        if (line.type !== 'patient') continue;
        const { appointments, vaccinations } = line.journal;
        const where = `${seed} #${line.index}`;
        // Programme doses given at the clinic, by day.
        const given = new Map<IsoDate, string[]>();
        for (const v of vaccinations) {
          const label = programmeLabel(v);
          if (label !== undefined) given.set(v.givenOn, [...(given.get(v.givenOn) ?? []), label]);
        }
        for (const a of appointments) {
          const named = namedDoses(a);
          if (a.reason?.toLowerCase().includes('vaccination') && named === undefined) {
            problems.push(`${where} ${a.startsAt} names no doses: ${a.reason}`);
          }
          if (named === undefined) continue;
          if (a.status === 'booked') booked++;
          if (a.status !== 'completed') continue;
          visits++;
          if (a.reason?.startsWith('Børneundersøgelse')) withExamination++;
          const day = localDate(a.startsAt);
          const doses = given.get(day)?.sort().join(', ');
          if (doses !== named) problems.push(`${where} ${a.reason} on ${day}; given that day: ${doses ?? 'nothing'}`);
        }
        // The appointments cover at least the last two years, and everything from the first on.
        const windowFrom = [addDays(asOf, -730), ...appointments.map((a) => localDate(a.startsAt))].sort()[0] ?? asOf;
        for (const [day, labels] of given) {
          if (day < windowFrom) continue;
          doseDays++;
          const thatDay = appointments.filter((a) => localDate(a.startsAt) === day);
          const [visit] = thatDay;
          if (thatDay.length !== 1 || visit?.status !== 'completed' || namedDoses(visit) !== labels.sort().join(', ')) {
            problems.push(`${where} ${labels.join(' + ')} given ${day}; that day: ${thatDay.map((a) => a.reason)}`);
          }
        }
        // A child over two with no programme dose at all is of a family that declined it.
        if (line.patient.birthDate >= '2008-01-01' && line.patient.birthDate <= addDays(asOf, -730)) {
          if (given.size === 0) {
            declined++;
            for (const a of appointments) {
              if (namedDoses(a) !== undefined) problems.push(`${where} declined, yet ${a.status}: ${a.reason}`);
            }
          }
        }
      }
    }
    expect(problems.slice(0, 10), `${problems.length} problems`).toEqual([]);
    expect(visits).toBeGreaterThan(1_000);
    expect(doseDays).toBeGreaterThan(1_000);
    expect(withExamination).toBeGreaterThan(100);
    expect(booked).toBeGreaterThan(10);
    expect(declined).toBeGreaterThan(0);
  });
});
