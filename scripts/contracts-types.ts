// Writes contracts/types/*.d.ts from the OpenAPI documents (npm run contracts:types).
import { writeFileSync } from 'node:fs';
import { CONTRACT_NAMES } from '../contracts/index.ts';
import { generateTypes, typesPath } from '../contracts/types-generate.ts';

for (const name of CONTRACT_NAMES) {
  writeFileSync(typesPath(name), await generateTypes(name));
  console.log(`wrote ${typesPath(name)}`);
}
