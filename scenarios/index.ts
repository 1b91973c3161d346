/**
 * `minlaege-sandbox/scenarios`: scenario files and the catalogue for the kit's users: load and
 * check a file (errors with file, line and column), build one in TypeScript, run one's timeline
 * and expectations in process (`runScenarioInProcess`, e.g. from vitest) or against any sandbox
 * (`runScenario` with a fetch of your own), and hand scenarios to a sandbox host
 * (`createSandboxHost({ scenarios: catalogueDefinitions() })` from `minlaege-sandbox/sandbox`).
 */
export * from './builder.ts';
export { catalogueDefinitions, catalogueFiles, loadCatalogue, scenarioDefinition } from './catalogue.ts';
export { type InProcessRunOptions, runScenarioInProcess } from './in-process.ts';
export { loadScenarioFile, loadScenarioText, ScenarioFileError } from './load.ts';
export {
  type ExpectationResult,
  type RunOptions,
  type RunReport,
  type RunTarget,
  runScenario,
  ScenarioSetupError,
} from './run.ts';
export type * from './types.ts';
