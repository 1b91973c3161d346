// Builds the published package: compiles the TypeScript to dist/ and copies the contract
// documents beside the compiled loader, which finds them relative to itself.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
mkdirSync('dist/contracts/types', { recursive: true });
for (const file of readdirSync('contracts')) {
  if (file.endsWith('.yaml')) copyFileSync(`contracts/${file}`, `dist/contracts/${file}`);
}
for (const file of readdirSync('contracts/types'))
  copyFileSync(`contracts/types/${file}`, `dist/contracts/types/${file}`);
chmodSync('dist/cli/bin.js', 0o755);
console.log('built dist/');
