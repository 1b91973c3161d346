// Writes the scenario catalogue table and the guide to writing a scenario into README.md, between
// the scenarios markers (npm run scenarios:readme); test/scenarios/readme.test.ts keeps it in step.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCatalogue } from '../scenarios/catalogue.ts';
import { renderScenarioSection, withScenarioSection } from '../scenarios/readme.ts';

const path = new URL('../README.md', import.meta.url);
const section = renderScenarioSection(loadCatalogue().map((c) => c.scenario));
writeFileSync(path, withScenarioSection(readFileSync(path, 'utf8'), section));
console.log('README.md: scenario section written');
