/**
 * Where the kit's own files are. The contracts, the scenario schema and catalogue, the shipped pacts
 * and the worker scripts sit at the same paths under the kit's root: the repository when the kit
 * runs from source, dist/ when it is built. Modules find them from that root rather than from
 * their own location, so the same code works compiled file by file (the library exports) and
 * bundled into the one file the `minlaege-sandbox` command starts from.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file every installation has at the root: what tells the root apart from the folders under it. */
const MARKER = 'contracts/app-platform.openapi.yaml';

let root: string | undefined;

/** The kit's root: this module's folder or one of the two above it (contracts/, dist/cli/…). */
export function kitRoot(): string {
  if (root === undefined) {
    const here = dirname(fileURLToPath(import.meta.url));
    const found = [here, join(here, '..'), join(here, '..', '..')].find((dir) => existsSync(join(dir, MARKER)));
    if (found === undefined) throw new Error(`${MARKER} is missing from this installation (looked from ${here})`);
    root = found;
  }
  return root;
}

/** The absolute path of a kit file given from the root (`scenarios/catalogue/`, `contracts/pacts/x.json`). */
export function kitFile(path: string): string {
  return join(kitRoot(), path);
}

/** True when the kit runs from its TypeScript sources (tests, tsx), false when built. */
export const fromSource = import.meta.url.endsWith('.ts');
