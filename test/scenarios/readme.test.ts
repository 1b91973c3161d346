// The README's scenario section is generated from the catalogue (npm run scenarios:readme) and
// must stay in step with the files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../scenarios/catalogue.ts';
import { currentScenarioSection, normaliseMarkdown, renderScenarioSection } from '../../scenarios/readme.ts';

describe('README scenario section', () => {
  it('is in step with the catalogue (run npm run scenarios:readme after changing a scenario)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const expected = renderScenarioSection(loadCatalogue().map((c) => c.scenario));
    expect(normaliseMarkdown(currentScenarioSection(readme))).toBe(normaliseMarkdown(expected));
  });
});
