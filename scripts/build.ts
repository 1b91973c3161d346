// Builds the published package: compiles the TypeScript to dist/ and copies the data files
// beside the compiled code, which finds them relative to itself.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
// The data files the compiled code reads beside itself: the contracts (YAML), the scenario
// schema, the shipped pacts, the generated types, and the scenario catalogue.
const DATA = /\.(yaml|json|d\.ts)$/;
for (const dir of ['contracts', 'contracts/types', 'contracts/pacts', 'scenarios/catalogue']) {
  if (!existsSync(dir)) continue;
  mkdirSync(`dist/${dir}`, { recursive: true });
  for (const file of readdirSync(dir)) {
    if (DATA.test(file) && statSync(`${dir}/${file}`).isFile()) copyFileSync(`${dir}/${file}`, `dist/${dir}/${file}`);
  }
}
chmodSync('dist/cli/bin.js', 0o755);
console.log('built dist/');
