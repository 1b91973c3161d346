// A tester's vitest suite running a scenario file through `minlaege-sandbox/scenarios`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kitFile } from '../../contracts/kit-files.ts';
import { createSandboxHost } from '../../mock-server/sandbox.ts';
import {
  catalogueDefinitions,
  loadScenarioFile,
  loadScenarioText,
  runScenario,
  runScenarioInProcess,
  ScenarioSetupError,
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

  it('says how each answer of a race missed "expect" when none matched', async () => {
    const booked = kitFile('scenarios/catalogue/fully-booked.yaml');
    const text = readFileSync(booked, 'utf8').replace(
      "startsAt: '2026-01-20T09:00:00.000Z'",
      "startsAt: '2026-01-20T10:00:00.000Z'",
    );
    const report = await runScenarioInProcess(loadScenarioText(text, 'edited.yaml'));
    const race = report.results.find((r) => !r.passed);
    expect(race?.differences[0]).toMatch(/race: expected exactly one answer as "expect", got 0/);
    expect(race?.differences.join('\n')).toMatch(/race request \d as "expect": .*startsAt/);
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

describe('runScenario against a shared sandbox', () => {
  it('stops with a setup error when its session is evicted during the run, instead of checking another state', async () => {
    const host = createSandboxHost({ scenarios: catalogueDefinitions(), sessions: 2, log: () => {} });
    const target = (path: string, init: RequestInit) => Promise.resolve(host.app.request(path, init));
    const scenario = loadScenarioFile(file);
    const other = (session: string) =>
      host.app.request('/__sandbox/scenario', { headers: { 'x-sandbox-session': session } });
    const run = runScenario(scenario, target, {
      session: 'mine',
      load: true,
      // After the first expectation, two other jobs open sessions: with room for two, 'mine' goes.
      onResult: async () => {
        await other('job-a');
        await other('job-b');
      },
    });
    await expect(run).rejects.toBeInstanceOf(ScenarioSetupError);
    await expect(run).rejects.toThrow(/stopped holding consent-withdrawn during the run/);
  });
});
