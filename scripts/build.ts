// Builds the published package: compiles the TypeScript to dist/ file by file (the library's
// exports, the worker scripts), copies the data files beside the compiled code, which finds them
// from the kit's root (contracts/kit-files.ts), then bundles the `minlaege-sandbox` command into
// one file. Node loads an ES module graph file by file: the command's ~390 files (the kit's and its
// dependencies') cost about half of `serve`'s start to first answer; one file takes a fraction.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { copyDataFiles } from './data-files.ts';

/** Packages the command loads only for some subcommands, from their own installed files: Pact's
 * native core (a worker process of `verify`) and Prism's CLI (a child process of `mock`). */
const EXTERNAL = ['@pact-foundation/pact', '@stoplight/prism-cli'];

/** Builds the kit into outDir (the published layout: dist/). */
export async function buildKit(outDir: string): Promise<void> {
  const require = createRequire(import.meta.url);
  rmSync(outDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
    {
      stdio: 'inherit',
    },
  );
  copyDataFiles(outDir);
  const bin = join(outDir, 'cli/bin.js');
  await build({
    entryPoints: ['cli/bin.ts'],
    outfile: bin,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    external: EXTERNAL,
    // Whitespace and syntax only, names kept (stack traces stay readable): the command's start is
    // mostly V8 compiling this one file, and 2.1 MB → 1.6 MB saved ~15 ms of ~300 ms to the first
    // answer of `serve` (median of 7, the published command).
    minifyWhitespace: true,
    minifySyntax: true,
    // The bundled CommonJS dependencies (ajv, commander) call require; an ES module has none.
    banner: {
      js: "import { createRequire as __kitRequire } from 'node:module';\nconst require = __kitRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  chmodSync(bin, 0o755);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildKit('dist');
  console.log('built dist/');
}
