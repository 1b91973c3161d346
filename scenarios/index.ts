/**
 * `minlaege-sandbox/scenarios`: scenario files and the catalogue for the kit's users: load and
 * check a file (errors with file, line and column), build one in TypeScript, and hand scenarios
 * to a sandbox host (`createSandboxHost({ scenarios: catalogueDefinitions() })`).
 */
export * from './builder.ts';
export { catalogueDefinitions, catalogueFiles, loadCatalogue, scenarioDefinition } from './catalogue.ts';
export { loadScenarioFile, loadScenarioText, ScenarioFileError } from './load.ts';
export type * from './types.ts';
