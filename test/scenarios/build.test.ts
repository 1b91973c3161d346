// What a scenario builds: the file's CPR numbers are kept as given (a generated patient, or a
// person numbered by the build, who would have had one gets another), every person's e-mail
// address is one the contracts accept whatever their name, and the host keeps the name `default`
// for its population.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/index.ts';
import { createSchemaValidator } from '../../contracts/schema-validator.ts';
import { isSynthetic, syntheticCpr } from '../../domain/cpr.ts';
import { createSandboxHost } from '../../mock-server/host.ts';
import { buildScenario, emailLocalPart } from '../../scenarios/build.ts';
import { scenarioDefinition } from '../../scenarios/catalogue.ts';
import { checkScenario } from '../../scenarios/check.ts';
import { runScenarioInProcess } from '../../scenarios/in-process.ts';
import type { PersonSpec, Scenario } from '../../scenarios/types.ts';

const START = '2026-01-15T10:00:00+01:00';

/** A scenario of these people, checked as the loader checks a file. */
function scenarioOf(people: PersonSpec[], population: number): Scenario {
  const value: Scenario = {
    name: 'build-test',
    summary: 'A build test',
    seed: 'build-test',
    start: START,
    population,
    people,
    expectations: [
      { name: 'me', as: people[0]?.handle, request: { method: 'GET', path: '/me' }, expect: { status: 200 } },
    ],
  };
  expect(checkScenario(value)).toEqual([]);
  return value;
}

const cprsOf = (built: ReturnType<typeof buildScenario>) =>
  [...built.store.patients.values()].map((line) => line.patient.cpr);

describe("the file's CPR numbers", () => {
  it('survive when a generated patient of the population has the same one: that patient is renumbered', () => {
    const plain = buildScenario(scenarioOf([{ handle: 'mette', age: 42 }], 20));
    const generated = [...plain.store.patients.values()].filter((l) => l.patient.id !== plain.ids.get('mette'));
    // A generated patient in a family, so the relatives' links are seen to follow the new number.
    const taken = generated.find((l) => l.patient.custodians.length + l.patient.children.length > 0) ?? generated[0];
    if (!taken) throw new Error('the population has no generated patient');
    const { id, cpr, birthDate, sex } = taken.patient;

    const built = buildScenario(scenarioOf([{ handle: 'mette', cpr }], 20));
    const lines = built.store.patients;
    expect(lines.get(built.ids.get('mette') as string)?.patient.cpr).toBe(cpr);
    const renumbered = lines.get(id)?.patient;
    expect(renumbered?.cpr).not.toBe(cpr);
    expect(renumbered?.birthDate).toBe(birthDate);
    expect(renumbered?.sex).toBe(sex);
    const cprs = cprsOf(built);
    expect(cprs.every(isSynthetic)).toBe(true);
    expect(new Set(cprs).size).toBe(cprs.length);
    for (const line of lines.values()) {
      for (const link of [...line.patient.children, ...line.patient.custodians]) {
        expect(link.cpr).toBe(lines.get(link.patientId as string)?.patient.cpr ?? link.cpr);
      }
    }
  });

  it('survive when a person listed before, numbered by the build, would have drawn it', () => {
    const first = syntheticCpr('1985-03-15', 'female', 0);
    const built = buildScenario(
      scenarioOf(
        [
          { handle: 'anna', birthDate: '1985-03-15', sex: 'female' },
          { handle: 'berit', cpr: first },
        ],
        0,
      ),
    );
    const cprOf = (handle: string) => built.store.patients.get(built.ids.get(handle) as string)?.patient.cpr;
    expect(cprOf('berit')).toBe(first);
    expect(cprOf('anna')).toBe(syntheticCpr('1985-03-15', 'female', 1));
  });
});

describe("a person's e-mail address", () => {
  const journal = createSchemaValidator(loadContract('platform-journal'));

  it.each([
    ['王 李', 'wang', 'wang'],
    ['Anna -', 'anna', 'anna'],
    ['- Holm', 'holm', 'holm'],
    ['Søren Ærø', 'soeren', 'soeren.aeroe'],
    ['Anna', 'anna', 'anna.anna'],
    [`${'Å'.repeat(100)} ${'B'.repeat(99)}`, 'long', 'aa'.repeat(32)],
  ])('%s: valid in the profile the app gets and in the journal', async (name, handle, local) => {
    const scenario = scenarioOf([{ handle, name, age: 42 }], 0);
    const built = buildScenario(scenario);
    const line = built.store.patients.get(built.ids.get(handle) as string);
    if (!line) throw new Error(`${handle} is not in the store`);
    expect(line.patient.email).toBe(`${local}@mail.dk`);
    expect(journal.validate(journal.schemaOf('Patient'), line.patient)).toEqual([]);
    // The scenario's one expectation is GET /me as the person, answered with validation strict:
    // an address the contract refuses would be a 500.
    const report = await runScenarioInProcess(scenario);
    expect(report.results.map((r) => r.differences)).toEqual([[]]);
  });

  it('falls back to the handle when no name word folds to ASCII', () => {
    expect(emailLocalPart('王', '李', 'wang-li')).toBe('wang-li');
    expect(emailLocalPart('-', '-', 'dash')).toBe('dash');
  });
});

describe('the name default', () => {
  it('is refused by the host, whose population it names', () => {
    const own = scenarioOf([{ handle: 'mette', age: 42 }], 0);
    const definition = { ...scenarioDefinition(own, 'file'), name: 'default' };
    expect(() => createSandboxHost({ scenarios: [definition], log: () => {} })).toThrow(
      /cannot be named default .*reserved for the generated population/,
    );
  });
});
