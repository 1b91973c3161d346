// Every catalogue scenario, run as `scenario run` runs it: loaded into an in-process host (contract
// validation and privacy checks strict), its timeline walked through the control API, each
// expectation checked. Each scenario builds once (large-clinic's 5,000 patients included). The
// built stores are checked for what the platform relies on: synthetic, unique CPR numbers,
// personas under the scenario's handles, journal consents in step with the platform's.
import { describe, expect, it } from 'vitest';
import { isSynthetic } from '../../domain/cpr.ts';
import { createSandboxHost } from '../../mock-server/host.ts';
import { buildScenario } from '../../scenarios/build.ts';
import { loadCatalogue, scenarioDefinition } from '../../scenarios/catalogue.ts';
import { runScenario, scenarioIds } from '../../scenarios/run.ts';

const catalogue = loadCatalogue().map((c) => c.scenario);

const REQUIRED = [
  'parent-with-children',
  'lapsed-consent',
  'consent-never-given',
  'consent-withdrawn',
  'cancer-diagnosis-codes',
  'diagnosis-sharing-boundaries',
  'child-turns-15',
  'clinic-on-holiday-with-substitute',
  'out-of-hours',
  'clinic-without-attachments-video-or-booking',
  'clinic-opted-out',
  'fully-booked',
  'journal-outage',
  'protected-address',
  'twins-and-shared-custody',
  'pin-lockout',
  'large-clinic',
];

describe('the catalogue', () => {
  it('has every scenario the issue names', () => {
    expect(REQUIRED.filter((name) => !catalogue.some((s) => s.name === name))).toEqual([]);
  });

  it.each(catalogue.map((s) => [s.name, s] as const))('%s passes every expectation', async (_, scenario) => {
    const host = createSandboxHost({
      scenarios: [scenarioDefinition(scenario, 'catalogue')],
      scenario: scenario.name,
      validation: 'strict',
      log: () => {},
    });
    const report = await runScenario(scenario, (path, init) => Promise.resolve(host.app.request(path, init)));
    const failures = report.results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.differences.join('; ')}`);
    expect(failures).toEqual([]);
    expect(report.results.length).toBe(scenario.expectations.length);
    expect(report.fired.length).toBe(scenario.timeline?.length ?? 0);

    // The store the host built: the scenario's handles are personas, CPR numbers are synthetic and unique.
    const { store } = host.session().sandbox;
    for (const person of scenario.people) expect(store.personas.get(person.handle)?.patient.patient.id).toBeDefined();
    const cprs = [...store.patients.values()].map((l) => l.patient.cpr);
    expect(cprs.every(isSynthetic)).toBe(true);
    expect(new Set(cprs).size).toBe(cprs.length);
    if (scenario.name === 'large-clinic') {
      expect(store.patients.size).toBe(5000);
      expect(store.clinics.size).toBe(1);
    }
  });

  it("a scenario's ids do not depend on the generated patients around its people", () => {
    const scenario = catalogue.find((s) => s.name === 'consent-withdrawn');
    if (!scenario) throw new Error('missing');
    expect(scenarioIds(scenario)).toEqual(buildScenario(scenario).ids);
  });

  it('builds consistent journal consents and expected views', () => {
    const scenario = catalogue.find((s) => s.name === 'lapsed-consent');
    if (!scenario) throw new Error('missing');
    const { store, ids } = buildScenario(scenario);
    const hanne = ids.get('hanne') as string;
    expect(store.journalConsents.get(hanne)?.state).toBe('withdrawn'); // the platform withdrew it at the lapse
    const line = store.patients.get(hanne);
    if (!line) throw new Error('hanne is not in the store');
    expect(line.consent.state).toBe('lapsed');
    expect(line.expected.app.self).toEqual({ problem: 'consent-lapsed' });
    expect((line.expected.extract as { diagnoses: string[] }).diagnoses).toContain(ids.get('hanne-hypertension'));
  });
});
