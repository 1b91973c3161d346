/**
 * `minlaege-sandbox serve`: the stateful sandbox (the platform API over a generated population,
 * each clinic's fake journal in process, or any journal at --journal-url) on @hono/node-server.
 * `minlaege-sandbox journal`: one clinic's fake journal alone over HTTP, for a platform (this
 * kit's, with --journal-url, or a real one) to talk to. `minlaege-sandbox mock`: Prism's static
 * mock of a contract, answering from its examples. All stop gracefully on SIGINT and SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CONTRACT_NAMES, type ContractName, contractPath, populationBounds } from '../contracts/index.ts';
import { copenhagenDate, copenhagenInstant } from '../domain/time.ts';
import { createSandboxHost, DEFAULT_PATIENTS, DEFAULT_SEED } from '../mock-server/host.ts';
import { createJournalHost } from '../mock-server/journal-host.ts';
import type { ValidationMode } from '../mock-server/middleware/contract-validation/index.ts';
import { ListenError, listen, type RunningServer } from '../mock-server/node.ts';
import { featuredPersonas } from '../mock-server/personas.ts';
import { createStore, type SandboxStore } from '../mock-server/store.ts';
import { withConformanceStates } from '../verify/journal-states.ts';
import { UsageError } from './errors.ts';
import { checkAsOf, parseCount } from './generate.ts';
import { parseHttpUrl } from './options.ts';
import { startPrism } from './prism.ts';
import type { CliIo } from './program.ts';
import { scenariosForServe } from './scenario.ts';

export const DEFAULT_PORT = 4010;

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('expected a port number from 1 to 65535 (0 picks a free one)');
  }
  return port;
}

const yesNo = (on: boolean) => (on ? 'yes' : 'no');

/** An http(s) origin as a browser sends it: scheme, host and port only (no path, query or wildcard). */
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text && !url.host.includes('*');
  } catch {
    return false;
  }
}

interface PopulationOpts {
  seed: string;
  patients: string;
  asOf?: string;
}

/** The population's reference date and the sandbox's start time: today and now unless --as-of. */
function populationOf(opts: PopulationOpts) {
  // The control contract's bounds, so that what serve loads its own control API can describe.
  const bounds = populationBounds();
  const patients = parseCount(opts.patients, '--patients', { min: 1, max: bounds.maxPatients });
  const seedLength = [...opts.seed].length;
  if (seedLength < bounds.seedLength.min || seedLength > bounds.seedLength.max) {
    throw new UsageError(
      `--seed must be ${bounds.seedLength.min} to ${bounds.seedLength.max} characters, got ${seedLength}`,
    );
  }
  if (opts.asOf !== undefined) checkAsOf(opts.asOf);
  const asOf = opts.asOf ?? copenhagenDate(new Date());
  const now = opts.asOf === undefined ? new Date() : copenhagenInstant(asOf, 12, 0);
  return { population: { seed: opts.seed, asOf, patients }, now };
}

const populationOptions = (command: Command) =>
  command
    .addOption(new Option('--seed <seed>', 'seed of the generated population').default(DEFAULT_SEED))
    .addOption(
      new Option('--patients <n>', 'how many patients of the population to load').default(String(DEFAULT_PATIENTS)),
    )
    .addOption(
      new Option(
        '--as-of <date>',
        "the population's reference date YYYY-MM-DD; sandbox time starts at noon that day",
      ).default(undefined, 'today, and sandbox time starts now'),
    );

const listenOptions = (command: Command) =>
  command
    .addOption(new Option('--port <port>', 'port to listen on').default(DEFAULT_PORT).argParser(parsePort))
    .addOption(new Option('--host <host>', 'address to bind').default('127.0.0.1'));

/** Resolves when SIGINT or SIGTERM arrives; a second signal while stopping exits at once. */
function untilSignal(io: CliIo): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const again = () => {
        io.err('minlaege-sandbox: stopping now\n');
        process.exit(130);
      };
      process.once('SIGINT', again);
      process.once('SIGTERM', again);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

async function runUntilSignal(server: RunningServer, io: CliIo): Promise<void> {
  const signal = await untilSignal(io);
  io.err(`minlaege-sandbox: ${signal}, finishing requests in flight and stopping\n`);
  await server.close();
}

async function listenOrExplain(fetch: (request: Request) => Response | Promise<Response>, port: number, host: string) {
  try {
    return await listen(fetch, { host, port });
  } catch (error) {
    if (error instanceof ListenError) throw new UsageError(error.message);
    throw error;
  }
}

export function registerServe(program: Command, io: CliIo): void {
  const serve = program
    .command('serve')
    .description(
      "Serve the stateful sandbox: the platform API over a generated population, with each clinic's fake journal (or --journal-url)",
    );
  listenOptions(serve);
  populationOptions(serve);
  serve
    .addOption(
      new Option(
        '--journal-url <url>',
        "a journal system to put behind the sandbox's platform instead of the fake ones",
      ).argParser(parseHttpUrl),
    )
    .addOption(
      new Option('--journal-token <token>', 'the platform token that journal expects').env('MINLAEGE_JOURNAL_TOKEN'),
    )
    .addOption(
      new Option('--validation <mode>', 'a response that breaks the contract: fail it (strict) or log it (warn)')
        .choices(['strict', 'warn'])
        .default('warn'),
    )
    .addOption(
      new Option(
        '--admin-token <token>',
        'answer the control API from anywhere, with this token (default: loopback only)',
      ).env('MINLAEGE_ADMIN_TOKEN'),
    )
    .addOption(
      new Option(
        '--cors-origin <origin...>',
        'browser origins allowed to call the sandbox (e.g. http://localhost:5173)',
      ),
    )
    .addOption(
      new Option('--sessions <n>', 'isolated sessions kept at once, least recently used evicted').default('32'),
    )
    .addOption(new Option('--request-log <n>', 'exchanges each session keeps in its request log').default('1000'))
    .addOption(
      new Option(
        '--scenario <name|file>',
        'start sessions from a scenario of the catalogue or a scenario file (default: the generated population)',
      ),
    )
    .action(
      async (
        opts: PopulationOpts & {
          port: number;
          host: string;
          journalUrl?: string;
          journalToken?: string;
          validation: ValidationMode;
          adminToken?: string;
          corsOrigin?: string[];
          sessions: string;
          requestLog: string;
          scenario?: string;
        },
      ) => {
        // An empty token is no token: the sandbox would fall back to its fake journal unseen.
        if (opts.journalUrl !== undefined && !opts.journalToken) {
          throw new UsageError(
            '--journal-url needs a non-empty --journal-token (or MINLAEGE_JOURNAL_TOKEN): the platform token',
          );
        }
        if (opts.host === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1 (0.0.0.0 for all)');
        const sessions = parseCount(opts.sessions, '--sessions', { min: 1, max: 10_000 });
        const requestLog = parseCount(opts.requestLog, '--request-log', { min: 1, max: 1_000_000 });
        for (const origin of opts.corsOrigin ?? []) {
          if (!isOrigin(origin)) {
            throw new UsageError(
              `--cors-origin must be an origin like http://localhost:5173, got ${JSON.stringify(origin)}`,
            );
          }
        }
        const { population, now } = populationOf(opts);
        const chosen = scenariosForServe(opts.scenario);
        const host = createSandboxHost({
          population,
          now,
          ...chosen,
          validation: opts.validation,
          sessions,
          requestLog,
          ...(opts.adminToken ? { adminToken: opts.adminToken } : {}),
          ...(opts.corsOrigin ? { corsOrigins: opts.corsOrigin } : {}),
          log: (message) =>
            io.err(`${message.startsWith('minlaege-sandbox: ') ? '' : 'minlaege-sandbox: '}${message}\n`),
          ...(opts.journalUrl !== undefined && opts.journalToken
            ? { journal: { url: opts.journalUrl, token: opts.journalToken } }
            : {}),
        });
        const { sandbox } = host.session();
        const server = await listenOrExplain(host.app.fetch, opts.port, opts.host);
        const lines = [
          `minlaege-sandbox: sandbox listening on ${server.url} (Ctrl-C to stop)`,
          chosen.scenario
            ? `  scenario: ${chosen.scenario}, ${sandbox.store.patients.size} patients, sandbox time from ${sandbox.clock.now().toISOString()}: ${host.session().scenario.summary}`
            : `  population: seed ${population.seed}, ${population.patients} patients as of ${population.asOf}, ${sandbox.store.clinics.size} clinic(s)`,
          ...clinicLines(sandbox.store),
          `  journal: ${opts.journalUrl ? opts.journalUrl : 'fake journal in process'}`,
          `  control: ${server.url}/__sandbox (${opts.adminToken ? 'admin token required' : 'loopback only'}); personas with tokens at GET /__sandbox/personas`,
          `  sign in: POST ${server.url}/auth/sign-in/eid {"persona":"<handle>"}`,
          '  personas:',
          ...featuredPersonas(sandbox.store, sandbox.clock.now()).map((p) => `    ${p.handle.padEnd(24)} ${p.summary}`),
        ];
        io.out(`${lines.join('\n')}\n`);
        await runUntilSignal(server, io);
      },
    );

  const journal = program
    .command('journal')
    .description("Serve one clinic's fake journal over HTTP (the platform ↔ journal contract)");
  listenOptions(journal);
  populationOptions(journal);
  journal
    .addOption(
      new Option('--token <token>', 'the platform token to require (default: a random one, printed)').env(
        'MINLAEGE_JOURNAL_TOKEN',
      ),
    )
    .addOption(new Option('--clinic <id>', "which clinic's journal (default: the population's first)"))
    .action(async (opts: PopulationOpts & { port: number; host: string; token?: string; clinic?: string }) => {
      if (opts.token === '') throw new UsageError('--token must not be empty: no request could authenticate');
      if (opts.host === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1 (0.0.0.0 for all)');
      const { population, now } = populationOf(opts);
      const store = createStore(population);
      const clinicId = opts.clinic ?? [...store.clinics.keys()][0];
      if (clinicId === undefined || !store.clinics.has(clinicId)) {
        throw new UsageError(
          `--clinic ${opts.clinic}: no such clinic in this population (it has ${[...store.clinics.keys()].join(', ')})`,
        );
      }
      const platformToken = opts.token ?? randomBytes(24).toString('base64url');
      // The fake journal with its Pact provider-state endpoint (the reference one for vendors).
      const journalHost = createJournalHost({
        population,
        now,
        clinicId,
        platformToken,
        validation: 'warn',
        log: (message) => io.err(`${message.startsWith('minlaege-sandbox: ') ? '' : 'minlaege-sandbox: '}${message}\n`),
      });
      // Plus the conformance patients `verify` sets up through the same endpoint.
      const server = await listenOrExplain(withConformanceStates(journalHost), opts.port, opts.host);
      io.out(
        [
          `minlaege-sandbox: fake journal of ${store.clinics.get(clinicId)?.name} (${clinicId}) listening on ${server.url} (Ctrl-C to stop)`,
          `  population: seed ${population.seed}, ${population.patients} patients as of ${population.asOf}`,
          opts.token ? '  platform token: as given' : `  platform token: ${platformToken}`,
          `  provider states: ${server.url}/__sandbox/provider-states (loopback only)`,
          '',
        ].join('\n'),
      );
      await runUntilSignal(server, io);
    });

  const mock = program
    .command('mock')
    .description("Serve Prism's static mock of a contract, answering from its examples (stateless)");
  listenOptions(mock);
  mock
    .addOption(
      new Option('--contract <name>', 'which interface to mock').choices([...CONTRACT_NAMES]).default('app-platform'),
    )
    .action(async (opts: { port: number; host: string; contract: ContractName }) => {
      const prism = await startPrism({
        mode: 'mock',
        document: contractPath(opts.contract),
        host: opts.host,
        port: opts.port,
      });
      io.out(`minlaege-sandbox: ${opts.contract} mock (Prism) listening on ${prism.baseUrl} (Ctrl-C to stop)\n`);
      const stopped = untilSignal(io).then(() => prism.stop());
      const code = await Promise.race([prism.exited, stopped.then(() => prism.exited)]);
      if (code !== 0 && code !== null) throw new Error(`the mock stopped with exit code ${code}`);
    });
}

/**
 * A line per clinic: its capabilities and patients. A generated population comes in pairs of
 * clinics that stand in for each other in holidays, so a small one has a substitute without
 * patients of its own.
 */
function clinicLines(store: SandboxStore): string[] {
  const patients = new Map<string, number>();
  for (const line of store.patients.values()) patients.set(line.clinicId, (patients.get(line.clinicId) ?? 0) + 1);
  return [...store.clinics.values()].map((c) => {
    const listed = patients.get(c.id) ?? 0;
    const substituteFor = [...store.clinics.values()].find((other) =>
      other.openingHours.holidays.some((h) => h.substitute?.clinicId === c.id),
    );
    const who =
      listed > 0
        ? `${listed} patients`
        : `no patients; holiday substitute for ${substituteFor?.id ?? 'another clinic'}`;
    return `  clinic ${c.id}: ${c.name}; ${who}; attachments ${yesNo(c.capabilities.attachments)}, video ${yesNo(c.capabilities.videoConsultation)}, online booking ${yesNo(c.capabilities.onlineBooking)}`;
  });
}
