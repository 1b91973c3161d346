// A tester's vitest suite running a scenario file through `minlaege-sandbox/scenarios`.
import { describe, expect, it } from 'vitest';
import { kitFile } from '../../contracts/kit-files.ts';
import { createSandboxHost } from '../../mock-server/sandbox.ts';
import {
  catalogueDefinitions,
  loadScenarioFile,
  loadScenarioText,
  runScenarioInProcess,
} from '../../scenarios/index.ts';

const file = kitFile('scenarios/catalogue/consent-withdrawn.yaml');

describe('runScenarioInProcess', () => {
  it('plays a scenario file and reports every expectation as it goes', async () => {
    const seen: string[] = [];
    const fired: string[] = [];
    const report = await runScenarioInProcess(loadScenarioFile(file), {
      onResult: (r) => seen.push(r.name),
      onFired: (line) => fired.push(line),
    });
    expect(report.passed).toBe(true);
    expect(seen).toEqual(report.results.map((r) => r.name));
    expect(fired.length).toBe(1); // the withdrawal at P1D
  });

  it('fails the report, naming what differed, when an expectation does not hold', async () => {
    const text = (await import('node:fs'))
      .readFileSync(file, 'utf8')
      .replace('body: { state: withdrawn }', 'body: { state: given }');
    const report = await runScenarioInProcess(loadScenarioText(text, 'edited.yaml'));
    expect(report.passed).toBe(false);
    const failed = report.results.filter((r) => !r.passed);
    expect(failed.map((r) => r.name)).toEqual(['after withdrawing, his consent reads withdrawn']);
    expect(failed[0]?.differences.join('\n')).toMatch(/state/);
  });
});

describe('createSandboxHost from minlaege-sandbox/sandbox', () => {
  it('hosts the catalogue and loads a scenario into a session', async () => {
    const host = createSandboxHost({ scenarios: catalogueDefinitions(), log: () => {} });
    const res = await host.app.request('/__sandbox/scenario', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'consent-withdrawn' }),
    });
    expect(res.status).toBe(200);
    expect(host.session().sandbox.store.personas.has('jonas')).toBe(true);
  });
});
