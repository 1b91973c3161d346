// The TypeScript builder makes the same structure as a scenario file, and checks it the same way;
// the compiler checks that the person handles it uses were defined.
import { describe, expect, it } from 'vitest';
import { ScenarioBuildError, scenario } from '../../scenarios/builder.ts';
import { loadScenarioText } from '../../scenarios/load.ts';

const YAML = `name: builder-equivalence
summary: A mother, her son, a reply on the timeline
seed: builder
start: 2026-01-15T10:00:00+01:00
clinic:
  capabilities: { videoConsultation: false }
people:
  - handle: mette
    age: 42
    sex: female
    consent: given
    records:
      eConsultations:
        - { handle: question, subject: Hoste, body: Jeg hoster., sent: -PT2H }
  - handle: emil
    age: P14Y11M
    livesWith: mette
links:
  - { parent: mette, child: emil, custody: joint }
timeline:
  - { at: P1D, event: doctor-replies, patient: mette, eConsultation: question, body: Kom ind. }
  - { at: P2D, event: journal-down }
expectations:
  - name: answered
    at: P1DT1H
    as: mette
    request: { method: GET, path: '/patients/{mette}/e-consultations/{question}' }
    expect: { status: 200, body: { status: answered } }
`;

const built = () =>
  scenario('builder-equivalence', 'A mother, her son, a reply on the timeline', {
    seed: 'builder',
    start: '2026-01-15T10:00:00+01:00',
  })
    .clinic({ capabilities: { videoConsultation: false } })
    .person('mette', {
      age: 42,
      sex: 'female',
      consent: 'given',
      records: { eConsultations: [{ handle: 'question', subject: 'Hoste', body: 'Jeg hoster.', sent: '-PT2H' }] },
    })
    .person('emil', { age: 'P14Y11M', livesWith: 'mette' })
    .link('mette', 'emil', 'joint')
    .at('P1D', { event: 'doctor-replies', patient: 'mette', eConsultation: 'question', body: 'Kom ind.' })
    .at('P2D', { event: 'journal-down' })
    .expect({
      name: 'answered',
      at: 'P1DT1H',
      as: 'mette',
      request: { method: 'GET', path: '/patients/{mette}/e-consultations/{question}' },
      expect: { status: 200, body: { status: 'answered' } },
    });

describe('the scenario builder', () => {
  it('makes the same structure as the YAML file', () => {
    expect(built().build()).toEqual(loadScenarioText(YAML, 'builder.yaml'));
  });

  it('checks the result as the loader does, naming each path', () => {
    const bad = scenario('bad-one', 'x', { seed: 'x', start: '2026-01-15T10:00:00+01:00' })
      .person('anna', { age: 30 })
      .expect({
        name: 'n',
        as: 'anna',
        request: { method: 'GET', path: '/patients/{nobody}/x' },
        expect: { status: 200 },
      });
    expect(() => bad.build()).toThrow(ScenarioBuildError);
    expect(() => bad.build()).toThrow(/expectations\.0\.request\.path: unknown handle \{nobody\}/);
  });

  it('lets the compiler check person handles', () => {
    const b = scenario('typed', 'x', { seed: 'x', start: '2026-01-15T10:00:00+01:00' }).person('anna', { age: 30 });
    // @ts-expect-error: 'bent' is not a person of this scenario
    b.link('anna', 'bent', 'sole');
    // @ts-expect-error: 'bent' cannot sign in; no such persona
    b.expect({ name: 'n', as: 'bent', request: { method: 'GET', path: '/me' }, expect: { status: 200 } });
    // @ts-expect-error: a consent event names a person
    b.at('P1D', { event: 'consent-withdrawn', person: 'bent' });
    expect(true).toBe(true);
  });
});
