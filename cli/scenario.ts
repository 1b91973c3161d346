/**
 * `minlaege-sandbox scenario list | show | validate | run`: the scenario catalogue and scenario
 * files from the command line. `run` loads a scenario into a sandbox (in process by default, or a
 * running sandbox at --base-url through its control API), walks its timeline and checks its
 * expectations, printing each as pass or fail with the difference; the exit code is 1 when any
 * fails (2 for a mistake in the call). A running sandbox loads only scenarios it knows (its catalogue, and files given to it
 * with `serve --scenario FILE`): a file it does not know is refused with the way to give it one,
 * since a file's timeline runs inside the sandbox that holds it, and so is a name it has from
 * another source (catalogue, file, population) than the local scenario's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import type { ScenarioDefinition } from '../mock-server/host.ts';
import {
  catalogueDefinitions,
  catalogueFiles,
  loadCatalogue,
  scenarioDefinition,
  scenarioDigest,
} from '../scenarios/catalogue.ts';
import { runScenarioInProcess } from '../scenarios/in-process.ts';
import { formatIssue, loadScenarioFile, ScenarioFileError } from '../scenarios/load.ts';
import { type ExpectationResult, type RunTarget, runScenario } from '../scenarios/run.ts';
import type { Scenario } from '../scenarios/types.ts';
import { UsageError } from './errors.ts';
import { parseHttpUrl } from './options.ts';
import type { CliIo } from './program.ts';

/** Whether an argument names a file rather than a catalogue scenario. */
const isFile = (arg: string) => /\.ya?ml$/i.test(arg) || arg.includes('/') || arg.includes('\\');

/** A scenario by catalogue name or file, with where it came from; a bad file is a ScenarioFileError. */
export function resolveScenario(arg: string): { scenario: Scenario; source: 'catalogue' | 'file'; file: string } {
  if (isFile(arg)) {
    if (!existsSync(arg)) throw new UsageError(`no scenario file ${arg}`);
    return { scenario: loadScenarioFile(arg), source: 'file', file: arg };
  }
  // Catalogue files are named after their scenario (a test keeps them so).
  const file = catalogueFiles().find((f) => basename(f, '.yaml') === arg);
  if (!file) {
    const names = catalogueFiles().map((f) => basename(f, '.yaml'));
    throw new UsageError(
      `no scenario named ${arg} in the catalogue (it has ${names.join(', ')}); give a file path for your own`,
    );
  }
  return { scenario: loadScenarioFile(file), source: 'catalogue', file };
}

/** The host definitions for `serve --scenario`: the whole catalogue, plus the file if one is given. */
export function scenariosForServe(arg: string | undefined): { scenarios: ScenarioDefinition[]; scenario?: string } {
  const scenarios = catalogueDefinitions();
  if (arg === undefined) return { scenarios };
  const { scenario, source } = resolveScenario(arg);
  if (source === 'file') scenarios.push(scenarioDefinition(scenario, 'file', scenarioDigest(readFileSync(arg))));
  return { scenarios, scenario: scenario.name };
}

const parseBaseUrl = (value: string) => parseHttpUrl(value).replace(/\/+$/, '');

/** How long `scenario run --base-url` waits for one answer of the sandbox. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Reports a file's problems as file:line:column lines and fails the command with exit 2, a usage
 * error: `scenario run` keeps exit 1 for an expectation that failed, so CI can tell them apart.
 */
function explainFileError(error: unknown, io: CliIo): never {
  if (error instanceof ScenarioFileError) {
    for (const issue of error.issues) io.err(`${formatIssue(issue)}\n`);
    const file = error.issues[0]?.file ?? 'the file';
    throw new UsageError(`${file} is not a valid scenario (${error.issues.length} problem(s))`);
  }
  throw error;
}

/** What a listed source means, for the message that refuses to run against it. */
const SOURCE_WORDS: Record<string, string> = {
  catalogue: "the kit's catalogue scenario",
  file: 'a scenario file it was started with (`serve --scenario`)',
  population: 'its generated population',
};

/**
 * Refuses `run --base-url` when the sandbox has the scenario's name from another source than the
 * local one; an unchanged copy of a catalogue file may run against the catalogue's.
 */
/** The local scenario, and what the sandbox at `base` lists under its name. */
interface Mismatch {
  arg: string;
  scenario: Scenario;
  local: 'catalogue' | 'file';
  listedAs: string;
  base: string;
}

function refuseOtherSource({ arg, scenario, local, listedAs, base }: Mismatch): void {
  if (local === 'file' && listedAs === 'catalogue') {
    const own = catalogueFiles().find((f) => basename(f, '.yaml') === scenario.name);
    if (own && JSON.stringify(loadScenarioFile(own)) === JSON.stringify(scenario)) return;
    throw new UsageError(
      `${arg} is named ${scenario.name} like a scenario of the catalogue but differs from it; the sandbox at ${base} would run the catalogue's: rename the file's scenario, or start the sandbox with \`minlaege-sandbox serve --scenario ${arg}\``,
    );
  }
  const here = local === 'catalogue' ? "the kit's catalogue scenario" : `the file ${arg}`;
  const fix =
    local === 'catalogue'
      ? `run the file the sandbox was started with, or start a sandbox without \`--scenario\` for the catalogue's`
      : `rename the file's scenario, or start the sandbox with \`minlaege-sandbox serve --scenario ${arg}\``;
  throw new UsageError(
    `the sandbox at ${base} has ${scenario.name} as ${SOURCE_WORDS[listedAs] ?? `a ${listedAs} scenario`}, not as ${here}, so the expectations would be checked against another scenario: ${fix}`,
  );
}

/**
 * Refuses `run --base-url` when the sandbox's scenario of the name is another file than the local
 * one (by digest), but for an unchanged copy of a catalogue file, which may differ in its bytes.
 */
function refuseOtherContent(mismatch: Mismatch): void {
  const { arg, scenario, local, listedAs, base } = mismatch;
  if (listedAs === 'catalogue' && local === 'catalogue') {
    throw new UsageError(
      `the sandbox at ${base} has another version of the catalogue scenario ${scenario.name} than this kit's, so the expectations would be checked against another scenario: run the scenario with the sandbox's own version of minlaege-sandbox`,
    );
  }
  if (listedAs !== 'file') {
    refuseOtherSource(mismatch);
    return;
  }
  const here = local === 'catalogue' ? "the kit's catalogue scenario" : `the file ${arg}`;
  throw new UsageError(
    `the sandbox at ${base} has ${scenario.name} from a scenario file it was started with whose content differs from ${here}, so the expectations would be checked against another scenario: run the file the sandbox was started with, or start the sandbox with \`minlaege-sandbox serve --scenario ${arg}\``,
  );
}

function printResult(io: CliIo, r: ExpectationResult): void {
  const at = r.at === 'P0D' ? '' : ` [${r.at}]`;
  io.out(`  ${r.passed ? 'pass' : 'FAIL'}  ${r.name}${at}\n`);
  for (const d of r.differences) io.out(`          ${d}\n`);
}

export function registerScenario(program: Command, io: CliIo): void {
  const command = program
    .command('scenario')
    .description('Scenario files: seeded edge cases with timelines and expectations (list, show, validate, run)');

  command
    .command('list')
    .description("The kit's scenario catalogue")
    .action(() => {
      const all = loadCatalogue();
      const width = Math.max(...all.map((c) => c.scenario.name.length));
      for (const { scenario } of all) io.out(`${scenario.name.padEnd(width)}  ${scenario.summary}\n`);
    });

  command
    .command('show')
    .argument('<scenario>', 'a catalogue name or a scenario file')
    .description('What a scenario sets up, what happens on its timeline and what it expects')
    .action((arg: string) => {
      let resolved: ReturnType<typeof resolveScenario>;
      try {
        resolved = resolveScenario(arg);
      } catch (error) {
        explainFileError(error, io);
      }
      const s = resolved.scenario;
      const lines = [
        `${s.name}: ${s.summary}`,
        `  file: ${resolved.file}`,
        `  seed ${s.seed}, start ${s.start}, ${s.population ?? 8} generated patients beside the people below`,
        `  people: ${s.people.map((p) => p.handle).join(', ')}`,
        ...(s.links ?? []).map((l) => `  link: ${l.parent} → ${l.child} (custody ${l.custody})`),
        ...(s.timeline ?? []).map((e) => `  at ${e.at}: ${e.event}`),
        ...s.expectations.map((x) => `  expect${x.at ? ` at ${x.at}` : ''}: ${x.name}`),
      ];
      io.out(`${lines.join('\n')}\n`);
    });

  command
    .command('validate')
    .argument('<file>', 'a scenario file')
    .description('Checks a scenario file; every problem with file:line:column')
    .action((file: string) => {
      try {
        const s = loadScenarioFile(file);
        io.out(`${file}: ok (${s.name}, ${s.people.length} people, ${s.expectations.length} expectations)\n`);
      } catch (error) {
        explainFileError(error, io);
      }
    });

  command
    .command('run')
    .argument('<scenario>', 'a catalogue name or a scenario file')
    .description(
      'Loads a scenario into a sandbox, walks its timeline and checks its expectations (exit 1 on a failure)',
    )
    .addOption(
      new Option(
        '--base-url <url>',
        'a running sandbox to run against (default: a sandbox in this process); it must know the scenario',
      ).argParser(parseBaseUrl),
    )
    .addOption(
      new Option('--admin-token <token>', "the running sandbox's control API token, if it has one").env(
        'MINLAEGE_ADMIN_TOKEN',
      ),
    )
    .action(async (arg: string, opts: { baseUrl?: string; adminToken?: string }) => {
      let resolved: ReturnType<typeof resolveScenario>;
      try {
        resolved = resolveScenario(arg);
      } catch (error) {
        explainFileError(error, io);
      }
      const { scenario } = resolved;
      let target: RunTarget | undefined;
      let session: string | undefined;
      let cleanup = async () => {};
      if (opts.baseUrl) {
        const base = opts.baseUrl;
        const admin = opts.adminToken;
        const remote: RunTarget = (path, init) => {
          const headers = new Headers(init.headers);
          if (admin && path.startsWith('/__sandbox')) headers.set('authorization', `Bearer ${admin}`);
          // A sandbox answers in milliseconds; a server that never does must not hold the run forever.
          return fetch(`${base}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...init, headers });
        };
        target = remote;
        let known: { name: string; source?: string; digest?: string }[];
        try {
          const listed = await remote('/__sandbox/scenarios', { method: 'GET' });
          if (listed.status === 401) {
            throw new Error('it answered 401: it needs its admin token, given with --admin-token');
          }
          if (!listed.ok) throw new Error(`GET /__sandbox/scenarios answered ${listed.status}`);
          const items = ((await listed.json()) as { items?: unknown } | null)?.items;
          if (!Array.isArray(items) || !items.every((k) => typeof (k as { name?: unknown })?.name === 'string')) {
            throw new Error('GET /__sandbox/scenarios did not answer a list of scenarios: is it a minlaege-sandbox?');
          }
          known = items as typeof known;
        } catch (error) {
          const reason =
            (error as Error).name === 'TimeoutError'
              ? `no answer within ${REQUEST_TIMEOUT_MS} ms`
              : (error as Error).message;
          throw new UsageError(`cannot use the sandbox control API at ${base}: ${reason}`);
        }
        if (!known.some((k) => k.name === scenario.name)) {
          throw new UsageError(
            `the sandbox at ${base} does not know the scenario ${scenario.name}; a running sandbox loads only its catalogue and the files it was started with: start it with \`minlaege-sandbox serve --scenario ${arg}\``,
          );
        }
        // The sandbox runs the scenario it has under the name. It lists the digest of each file
        // it loaded: the same bytes as the local file, it is this scenario. Otherwise (another
        // file of the name, the catalogue's, its population; or a sandbox that lists no digest
        // and has the name from another source) the expectations would be checked against
        // another scenario: refused, but for an unchanged copy of a catalogue file.
        const listed = known.find((k) => k.name === scenario.name);
        const digest = typeof listed?.digest === 'string' ? listed.digest : undefined;
        if (digest !== undefined && digest !== scenarioDigest(readFileSync(resolved.file))) {
          refuseOtherContent({ arg, scenario, local: resolved.source, listedAs: listed?.source ?? 'file', base });
        } else if (digest === undefined && listed?.source !== undefined && listed.source !== resolved.source) {
          refuseOtherSource({ arg, scenario, local: resolved.source, listedAs: listed.source, base });
        }
        session = `scenario-run-${process.pid}-${Date.now().toString(36)}`;
        cleanup = async () => {
          await remote(`/__sandbox/sessions/${session}`, { method: 'DELETE' }).catch(() => undefined);
        };
      }
      io.out(
        `scenario ${scenario.name}: ${scenario.summary}\n  (${opts.baseUrl ? `against ${opts.baseUrl}` : 'in process'})\n`,
      );
      try {
        const printing = {
          onResult: (r: ExpectationResult) => printResult(io, r),
          onFired: (line: string) => io.out(`  ·     ${line}\n`),
        };
        const report = target
          ? await runScenario(scenario, target, { ...(session ? { session, load: true } : {}), ...printing })
          : await runScenarioInProcess(scenario, {
              source: resolved.source,
              log: (message) => io.err(`minlaege-sandbox: ${message}\n`),
              ...printing,
            });
        const failed = report.results.filter((r) => !r.passed).length;
        io.out(`${report.results.length - failed} passed, ${failed} failed\n`);
        if (failed > 0) throw new Error(`${failed} expectation(s) of ${scenario.name} failed`);
      } finally {
        await cleanup();
      }
    });
}
