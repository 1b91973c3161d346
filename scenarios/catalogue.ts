/**
 * The kit's catalogue of scenarios (`scenarios/catalogue/*.yaml`) and the step from a scenario to
 * what the sandbox host loads: a ScenarioDefinition whose build makes the store afresh each time
 * (a session's load or reset), so no session sees another's writes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { kitFile } from '../contracts/kit-files.ts';
import type { ScenarioDefinition } from '../mock-server/host.ts';
import { buildScenario } from './build.ts';
import { loadScenarioFile } from './load.ts';
import type { Scenario } from './types.ts';

/** The catalogue folder, from the kit's root (the repository, or dist/ where the build copies it). */
export function catalogueDir(): string {
  const dir = kitFile('scenarios/catalogue/');
  if (!existsSync(dir)) throw new Error('scenarios/catalogue is missing from this installation');
  return dir;
}

/** The catalogue's files, by name. */
export function catalogueFiles(): string[] {
  const dir = catalogueDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every catalogue scenario, loaded and checked (a broken file throws with its line and column). */
export function loadCatalogue(): { file: string; scenario: Scenario }[] {
  return catalogueFiles().map((file) => ({ file, scenario: loadScenarioFile(file) }));
}

/**
 * What tells two scenario files apart: the SHA-256 (hex) of the file's bytes. A sandbox lists it
 * beside each scenario it loaded from a file, so `scenario run --base-url FILE` can tell whether
 * the sandbox's scenario of that name is this very file.
 */
export function scenarioDigest(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A scenario as the host loads it; `digest` is its file's (scenarioDigest). */
export function scenarioDefinition(
  scenario: Scenario,
  source: 'catalogue' | 'file',
  digest?: string,
): ScenarioDefinition {
  return {
    name: scenario.name,
    summary: scenario.summary,
    source,
    ...(digest === undefined ? {} : { digest }),
    build() {
      const built = buildScenario(scenario);
      return {
        seed: scenario.seed,
        asOf: built.asOf,
        patients: built.patients,
        start: built.start,
        store: built.store,
        timeline: built.timeline,
        people: scenario.people.map((person) => person.handle),
      };
    },
  };
}

/**
 * The whole catalogue as host definitions, cheaply: the name is the file's (a test keeps them
 * equal) and the summary its `summary:` line, and the file is parsed and checked on first load.
 * Parsing and checking every file would cost a sandbox's start several hundred milliseconds.
 */
export function catalogueDefinitions(): ScenarioDefinition[] {
  return catalogueFiles().map((file) => {
    const bytes = readFileSync(file);
    const summary = /^summary:\s*(.+)$/m.exec(bytes.toString('utf8'))?.[1]?.trim() ?? '';
    let loaded: ScenarioDefinition | undefined;
    return {
      name: basename(file, '.yaml'),
      summary,
      source: 'catalogue',
      digest: scenarioDigest(bytes),
      build(overrides) {
        loaded ??= scenarioDefinition(loadScenarioFile(file), 'catalogue');
        return loaded.build(overrides);
      },
    };
  });
}
