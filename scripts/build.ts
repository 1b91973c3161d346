// Builds the published package: compiles the TypeScript to dist/ and copies the data files
// beside the compiled code, which finds them relative to itself.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { copyDataFiles } from './data-files.ts';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
copyDataFiles('dist');
chmodSync('dist/cli/bin.js', 0o755);
console.log('built dist/');
