// The scenario file format: its JSON Schema is a valid 2020-12 schema that every catalogue file
// meets, and the loader reports each kind of mistake with file, line and column and what was
// expected (YAML syntax, the schema, and what only the loader knows: handles, CPR numbers, dates).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { catalogueDefinitions, catalogueFiles } from '../../scenarios/catalogue.ts';
import { scenarioSchema } from '../../scenarios/check.ts';
import { loadScenarioText, ScenarioFileError } from '../../scenarios/load.ts';

const BASE = `name: t-scenario
summary: A test
seed: t
start: 2026-01-15T10:00:00+01:00
people:
  - handle: mette
    age: 42
    consent: given
  - handle: ida
    age: 4
links:
  - { parent: mette, child: ida, custody: sole }
expectations:
  - name: she sees it
    as: mette
    request: { method: GET, path: '/patients/{ida}/vaccinations' }
    expect: { status: 200 }
`;

/** The issues the loader reports for a text, as `line:column message`. */
function issuesOf(text: string): string[] {
  try {
    loadScenarioText(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ScenarioFileError) return error.issues.map((i) => `${i.line}:${i.column} ${i.message}`);
    throw error;
  }
  return [];
}

describe('the scenario schema', () => {
  it('is a valid JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false });
    const schema = scenarioSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
  });

  it.each(catalogueFiles().map((f) => [basename(f), f]))('%s validates and is named after its scenario', (_, file) => {
    expect(issuesOf(readFileSync(file, 'utf8'))).toEqual([]);
    const definition = catalogueDefinitions().find((d) => d.name === basename(file, '.yaml'));
    const scenario = loadScenarioText(readFileSync(file, 'utf8'), file);
    expect(scenario.name).toBe(basename(file, '.yaml'));
    expect(definition?.summary).toBe(scenario.summary);
    expect(scenario.expectations.length).toBeGreaterThan(0);
  });

  it('accepts the base file', () => {
    expect(issuesOf(BASE)).toEqual([]);
  });
});

describe('loader errors name file, line and column', () => {
  it('a YAML syntax error', () => {
    const issues = issuesOf(BASE.replace('  - handle: ida\n', '  - handle: ida\n   bad: [\n'));
    expect(issues[0]).toMatch(/^\d+:\d+ YAML: /);
  });

  it('the whole message carries the file name', () => {
    expect(() => loadScenarioText(BASE.replace('age: 42', 'age: old'), 'dir/my.yaml')).toThrow(/^dir\/my\.yaml:7:10: /);
  });

  it('an unknown property, at its key, with the allowed ones', () => {
    expect(issuesOf(BASE.replace('    age: 42\n', '    age: 42\n    colour: blue\n'))).toEqual([
      expect.stringMatching(/^8:5 unknown property "colour"; expected one of: handle, name, age, birthDate/),
    ]);
  });

  it('a missing required property, at its object', () => {
    expect(issuesOf(BASE.replace('seed: t\n', ''))).toEqual(['1:1 missing "seed"']);
  });

  it('a wrong type', () => {
    expect(issuesOf(BASE.replace('expect: { status: 200 }', "expect: { status: '200' }"))).toEqual([
      expect.stringMatching(/^17:23 expected integer, got "200"/),
    ]);
  });

  it('a value outside an enum', () => {
    expect(issuesOf(BASE.replace('custody: sole', 'custody: half'))).toEqual([
      expect.stringMatching(/^12:43 expected one of: sole, joint, none, got "half"/),
    ]);
  });

  it('a malformed handle, saying what a handle is', () => {
    expect(issuesOf(BASE.replace('handle: ida', 'handle: Ida'))).toEqual([
      expect.stringMatching(/^9:13 expected lower-case letters, digits and hyphens/),
    ]);
  });

  it('a malformed offset', () => {
    expect(issuesOf(BASE.replace('    as: mette\n', '    at: 1 day\n    as: mette\n'))).toEqual([
      expect.stringMatching(/^15:9 expected an ISO 8601 duration from the scenario's start, not negative/),
    ]);
  });

  it('an unknown handle in a link', () => {
    expect(issuesOf(BASE.replace('child: ida', 'child: idaa'))).toEqual([
      expect.stringMatching(/^12:29 unknown person "idaa"; expected one of: mette, ida/),
    ]);
  });

  it('an unknown handle in a request path', () => {
    expect(issuesOf(BASE.replace('{ida}/vaccinations', '{emil}/vaccinations'))).toEqual([
      expect.stringMatching(/^16:35 unknown handle \{emil\}/),
    ]);
  });

  it('an unknown persona and an unknown handle in present', () => {
    const text = BASE.replace('as: mette', 'as: hanne').replace(
      '{ status: 200 }',
      '{ status: 200, present: [nobody] }',
    );
    expect(issuesOf(text)).toEqual([
      expect.stringMatching(/^15:9 unknown person "hanne"/),
      expect.stringMatching(/^17:38 unknown handle "nobody"/),
    ]);
  });

  it('a handle used twice', () => {
    expect(issuesOf(BASE.replace('handle: ida', 'handle: mette'))).toEqual([
      expect.stringMatching(/^9:13 the handle "mette" is already used/),
      expect.stringMatching(/unknown person "ida"/),
      expect.stringMatching(/unknown handle \{ida\}/),
    ]);
  });

  it('a real-looking CPR number', () => {
    // 070761-4285 is not from the synthetic scheme: it could be a real person's.
    expect(issuesOf(BASE.replace('    age: 42\n', '    cpr: 070761-4285\n'))).toEqual([
      expect.stringMatching(/^7:10 expected a CPR number from the synthetic scheme/),
    ]);
  });

  it('a 1 January birth date (no synthetic CPR)', () => {
    expect(issuesOf(BASE.replace('    age: 4\n', '    birthDate: 2021-01-01\n'))).toEqual([
      expect.stringMatching(/^10:16 a birth date of 1 January/),
    ]);
  });

  it('a birth year no synthetic CPR number can encode', () => {
    expect(issuesOf(BASE.replace('    age: 4\n', '    birthDate: 1850-05-05\n'))).toEqual([
      expect.stringMatching(/^10:16 a birth year from 1858 to 2057 .*got 1850/),
    ]);
    expect(issuesOf(BASE.replace('    age: 42\n', '    age: P170Y\n'))).toEqual([
      expect.stringMatching(/^7:10 a birth year from 1858 to 2057/),
    ]);
  });

  it('age and birth date both', () => {
    expect(issuesOf(BASE.replace('    age: 4\n', '    age: 4\n    birthDate: 2021-03-01\n'))).toEqual([
      expect.stringMatching(/^9:5 give "age" or "birthDate", not both/),
    ]);
  });

  it('an event that names the wrong kind of record', () => {
    const text = BASE.replace(
      'expectations:',
      'timeline:\n  - { at: P1D, event: doctor-replies, patient: mette, eConsultation: ida, body: Svar }\nexpectations:',
    );
    expect(issuesOf(text)).toEqual([expect.stringMatching(/^14:70 expected the handle of an e-consultation of mette/)]);
  });

  it('an event with a property of another kind of event', () => {
    const text = BASE.replace(
      'expectations:',
      'timeline:\n  - { at: P1D, event: journal-down, person: mette }\nexpectations:',
    );
    expect(issuesOf(text)).toEqual([
      expect.stringMatching(/^14:37 unknown property "person"; expected one of: at, event/),
    ]);
  });

  it('an expectation with neither a request nor a race', () => {
    expect(issuesOf(BASE.replace("    request: { method: GET, path: '/patients/{ida}/vaccinations' }\n", ''))).toEqual([
      expect.stringMatching(/^14:5 expected either "request" \(with "as"\) or "race" with "others"/),
    ]);
  });
});

// What validate used to pass and the run then crashed on, or quietly did otherwise than the file says.
describe('the loader refuses what the run cannot do as written', () => {
  const at1960 = (text: string) => text.replace('start: 2026-01-15T10:00:00+01:00', 'start: 1960-06-15T10:00:00+01:00');

  it('a GET request with a body, at the body (a race request too)', () => {
    expect(issuesOf(BASE.replace("vaccinations' }", "vaccinations', body: { x: 1 } }"))).toEqual([
      '16:73 no body on a GET request (fetch refuses to send one); remove "body", or use PUT or POST (at expectations.0.request.body)',
    ]);
    const race = BASE.replace(
      "    as: mette\n    request: { method: GET, path: '/patients/{ida}/vaccinations' }\n    expect: { status: 200 }\n",
      [
        '    race:',
        "      - { as: mette, request: { method: GET, path: '/me', body: [] } }",
        "      - { as: mette, request: { method: POST, path: '/me', body: {} } }",
        '    expect: { status: 200 }',
        '    others: { status: 405 }',
        '',
      ].join('\n'),
    );
    expect(issuesOf(race)).toEqual([
      expect.stringMatching(/^16:65 no body on a GET request .*\(at expectations\.0\.race\.0\.request\.body\)$/),
    ]);
    // HEAD is no method a scenario sends; DELETE may carry a body.
    expect(issuesOf(BASE.replace('method: GET', 'method: HEAD'))).toEqual([
      expect.stringMatching(/^16:24 expected one of: GET, PUT, POST, DELETE, got "HEAD"/),
    ]);
    expect(
      issuesOf(
        BASE.replace(
          "method: GET, path: '/patients/{ida}/vaccinations' }",
          'method: DELETE, path: /me/consent, body: {} }',
        ),
      ),
    ).toEqual([]);
  });

  it('an integer age whose birth year no synthetic CPR number can encode, the year before the birthday included', () => {
    expect(issuesOf(at1960(BASE.replace('age: 42', 'age: 110')))).toEqual([
      '7:10 a birth year from 1858 to 2057 (what a synthetic CPR number can encode), got 1849 or 1850 for age 110 at the start (at people.0.age)',
    ]);
    // 102 on 15 June 1960: born between 16 June 1857 and 15 June 1858.
    expect(issuesOf(at1960(BASE.replace('age: 42', 'age: 102')))).toEqual([
      expect.stringMatching(/^7:10 a birth year from 1858 to 2057 .*got 1857 or 1858 for age 102/),
    ]);
    expect(issuesOf(at1960(BASE.replace('age: 42', 'age: 101')))).toEqual([]);
    // 102 on 31 December 1960: born in 1858 whatever the day.
    const newYearsEve = BASE.replace('start: 2026-01-15T10:00:00+01:00', 'start: 1960-12-31T10:00:00+01:00');
    expect(issuesOf(newYearsEve.replace('age: 42', 'age: 102'))).toEqual([]);
  });

  it('an integer age the CPR number does not give at the start, and a CPR number born after it', () => {
    expect(issuesOf(BASE.replace('    age: 42\n', "    cpr: '150385-9998'\n    age: 10\n"))).toEqual([
      '7:10 the CPR number encodes 1985-03-15, 40 years old at the start, not 10 (at people.0.cpr)',
    ]);
    expect(issuesOf(BASE.replace('    age: 42\n', "    cpr: '150385-9998'\n    age: 40\n"))).toEqual([]);
    expect(issuesOf(BASE.replace('    age: 42\n', "    cpr: '050530-9998'\n"))).toEqual([
      '7:10 the CPR number encodes 2030-05-05, after the start (at people.0.cpr)',
    ]);
  });

  it('two people with one CPR number, at the second', () => {
    const text = BASE.replace('    age: 42\n', "    cpr: '150385-9998'\n").replace(
      '    age: 4\n',
      "    cpr: '150385-9998'\n",
    );
    expect(issuesOf(text)).toEqual([
      "10:10 the CPR number 150385-9998 is already mette's; every person needs their own (at people.1.cpr)",
    ]);
  });

  it('a lab result value the journal contract refuses (empty, or over 50 characters)', () => {
    const lab = (value: string) =>
      BASE.replace(
        '    consent: given\n',
        `    consent: given\n    records:\n      labResults:\n        - { handle: hb, npuCode: NPU02319, name: Hb, value: ${value}, sampled: -P1D }\n`,
      );
    expect(issuesOf(lab("''"))).toEqual([
      '11:61 expected at least 1 character(s), got "" (at people.0.records.labResults.0.value)',
    ]);
    expect(issuesOf(lab(`'${'x'.repeat(51)}'`))).toEqual([
      '11:61 expected at most 50 characters, got 51 (at people.0.records.labResults.0.value)',
    ]);
    for (const fine of [`'${'x'.repeat(50)}'`, "'<4'", '8.1', '0']) expect(issuesOf(lab(fine))).toEqual([]);
  });

  it('the name default, which is the sandbox population', () => {
    expect(issuesOf(BASE.replace('name: t-scenario', 'name: default'))).toEqual([
      '1:7 the name "default" is reserved for the generated population every sandbox offers; choose another name (at name)',
    ]);
  });

  it('accepts method-not-allowed as an expected problem', () => {
    expect(issuesOf(BASE.replace('{ status: 200 }', '{ status: 405, problem: method-not-allowed }'))).toEqual([]);
  });
});
