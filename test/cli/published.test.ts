// The command as it is published: `npm run build` compiles the kit file by file and bundles the
// `minlaege-sandbox` command into one file. The bundle must find what the kit reads from its root
// (contracts, scenario catalogue, shipped pacts, worker scripts) and answer as the sources do.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, run as runFromSource } from '../../cli/program.ts';
import { buildKit } from '../../scripts/build.ts';
import { freePort } from '../support/free-port.ts';

const run = promisify(execFile);
// Laid out as the installed package (package.json beside dist/), inside node_modules/ so that the
// built command resolves the kit's dependencies as an installed one does.
const root = resolve('node_modules', '.cache', `minlaege-sandbox-published-test-${process.pid}`);
const dist = join(root, 'dist');
const bin = join(dist, 'cli', 'bin.js');

beforeAll(async () => {
  await buildKit(dist);
  writeFileSync(join(root, 'package.json'), readFileSync('package.json'));
}, 180_000);
// A project that installed the kit: imports go through the package's exports map.
const consumer = resolve('node_modules', '.cache', `minlaege-sandbox-consumer-test-${process.pid}`);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(consumer, { recursive: true, force: true });
});

const cli = (...args: string[]) => run(process.execPath, [bin, ...args], { maxBuffer: 64 * 1024 * 1024 });

describe('the published command (npm run build)', () => {
  it('is one bundled file that still finds every file the kit reads from its root', () => {
    // Bundled: the kit's own modules are inside bin.js, not imported from beside it.
    expect(readFileSync(bin, 'utf8')).not.toMatch(/from ["']\.\.?\//);
    for (const file of [
      'contracts/app-platform.openapi.yaml',
      'contracts/platform-journal.openapi.yaml',
      'contracts/sandbox-control.openapi.yaml',
      'contracts/scenario.schema.json',
      'contracts/pacts/min-laege-platform-journal-system.json',
      'scenarios/catalogue/parent-with-children.yaml',
      'generators/population-worker.js',
      'verify/pact/worker.js',
    ]) {
      expect(existsSync(join(dist, file)), file).toBe(true);
    }
  });

  it('prints its version and generates the bytes the sources generate, on one thread and on two', async () => {
    expect((await cli('--version')).stdout.trim()).toBe(
      JSON.parse(readFileSync('package.json', 'utf8')).version as string,
    );
    const one = join(dist, 'one.ndjson');
    const two = join(dist, 'two.ndjson');
    const args = ['generate', '--count', '5000', '--seed', 'published', '--as-of', '2026-03-15'];
    await cli(...args, '--out', one);
    await cli(...args, '--threads', '2', '--out', two);
    const source = join(dist, 'source.ndjson');
    const quiet: CliIo = { out: () => {}, err: () => {} };
    expect(await runFromSource([...args, '--out', source], quiet)).toBe(0);
    expect(readFileSync(one).equals(readFileSync(source))).toBe(true);
    expect(readFileSync(two).equals(readFileSync(one))).toBe(true);
  }, 120_000);

  it('lists the scenario catalogue and checks the shipped pacts', async () => {
    const list = (await cli('scenario', 'list')).stdout;
    expect(list).toMatch(/parent-with-children/);
    expect(list).toMatch(/consent-never-given/);
    const check = await cli('contracts', 'check');
    expect(check.stdout).toMatch(/min-laege-platform-journal-system\.json/);
  }, 60_000);

  it('serves the sandbox and answers a sign-in', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--host', '127.0.0.1', '--port', String(port), '--as-of', '2026-03-15', '--patients', '40'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let output = '';
      await new Promise<void>((resolveStart, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('personas:') && output.endsWith('\n')) {
            clearTimeout(timer);
            resolveStart();
          }
        });
        child.stderr.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        child.once('exit', () => reject(new Error(`exited before listening:\n${output}`)));
      });
      const persona = /^\s{4}([a-z]+(?:-[a-z]+)+)\s/m.exec(output)?.[1];
      expect(persona, output).toBeDefined();
      const res = await fetch(`http://127.0.0.1:${port}/auth/sign-in/eid`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { accessToken: string }).accessToken).toBeTruthy();
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  it('exports what its documentation names, and runs a scenario file in process from the scenarios entry', async () => {
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    symlinkSync(root, join(consumer, 'node_modules', 'minlaege-sandbox'), 'dir');
    const script = `
      const names = {};
      for (const entry of ['sandbox', 'scenarios', 'msw', 'client', 'contracts', 'domain']) {
        names[entry] = Object.keys(await import('minlaege-sandbox/' + entry)).sort();
      }
      const { loadScenarioFile, runScenarioInProcess } = await import('minlaege-sandbox/scenarios');
      const scenario = loadScenarioFile(${JSON.stringify(join(dist, 'scenarios', 'catalogue', 'consent-withdrawn.yaml'))});
      const report = await runScenarioInProcess(scenario);
      console.log(JSON.stringify({ names, passed: report.passed, results: report.results.length }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
    const { names, passed, results } = JSON.parse(stdout) as {
      names: Record<string, string[]>;
      passed: boolean;
      results: number;
    };
    expect(names.sandbox).toEqual(expect.arrayContaining(['createSandbox', 'createSandboxHost']));
    expect(names.scenarios).toEqual(
      expect.arrayContaining(['catalogueDefinitions', 'loadScenarioFile', 'runScenario', 'runScenarioInProcess']),
    );
    expect(names.msw).toContain('sandboxHandlers');
    expect(names.client).toContain('createAppClient');
    expect(names.contracts).toContain('loadContract');
    expect(results).toBeGreaterThan(0);
    expect(passed).toBe(true);
  }, 60_000);
});
