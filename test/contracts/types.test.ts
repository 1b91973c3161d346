// The committed TypeScript types are exactly what the contracts generate.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_NAMES } from '../../contracts/index.ts';
import { generateTypes, typesPath } from '../../contracts/types-generate.ts';

describe.each(CONTRACT_NAMES)('types of %s', (name) => {
  it('are in step with the contract (run `npm run contracts:types` after changing it)', async () => {
    const committed = readFileSync(typesPath(name), 'utf8');
    expect(committed === (await generateTypes(name)), `contracts/types/${name}.d.ts is out of date`).toBe(true);
  });
});
