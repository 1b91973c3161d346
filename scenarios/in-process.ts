/**
 * A scenario run in the tester's own process, as `minlaege-sandbox scenario run FILE` runs it
 * without `--base-url`: a sandbox host of its own, started from the scenario, with contract
 * validation strict, and the scenario's timeline and expectations played against it through
 * `app.request()`. For a vitest suite:
 *
 * @example
 * import { loadScenarioFile, runScenarioInProcess } from 'minlaege-sandbox/scenarios';
 * it('lapsed consent', async () => {
 *   const report = await runScenarioInProcess(loadScenarioFile('scenarios/my.yaml'));
 *   expect(report.results.filter((r) => !r.passed)).toEqual([]);
 * });
 */
import { createSandboxHost } from '../mock-server/host.ts';
import { scenarioDefinition } from './catalogue.ts';
import { type RunOptions, type RunReport, runScenario } from './run.ts';
import type { Scenario } from './types.ts';

export interface InProcessRunOptions extends Pick<RunOptions, 'onResult' | 'onFired'> {
  /** Where the sandbox reports what it could not do (default: nowhere). */
  log?: (message: string) => void;
  /** Where the scenario comes from, as the host lists it (default 'file'). */
  source?: 'catalogue' | 'file';
}

export async function runScenarioInProcess(scenario: Scenario, options: InProcessRunOptions = {}): Promise<RunReport> {
  const host = createSandboxHost({
    scenarios: [scenarioDefinition(scenario, options.source ?? 'file')],
    scenario: scenario.name,
    validation: 'strict',
    log: options.log ?? (() => {}),
  });
  return runScenario(scenario, (path, init) => Promise.resolve(host.app.request(path, init)), {
    ...(options.onResult ? { onResult: options.onResult } : {}),
    ...(options.onFired ? { onFired: options.onFired } : {}),
  });
}
