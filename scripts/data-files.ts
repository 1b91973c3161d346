// The data files the compiled kit reads beside itself: the contracts (YAML), the scenario schema,
// the shipped pacts, the generated types, and the scenario catalogue. Used by the build and by
// benchmarks that build the kit as it is published.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DATA = /\.(yaml|json|d\.ts)$/;
const DIRS = ['contracts', 'contracts/types', 'contracts/pacts', 'scenarios/catalogue'];

export function copyDataFiles(outDir: string): void {
  for (const dir of DIRS) {
    if (!existsSync(dir)) continue;
    mkdirSync(join(outDir, dir), { recursive: true });
    for (const file of readdirSync(dir)) {
      if (DATA.test(file) && statSync(join(dir, file)).isFile()) copyFileSync(join(dir, file), join(outDir, dir, file));
    }
  }
}
