/**
 * The `minlaege-sandbox` command. Each subcommand is a thin layer over the kit's modules; bad
 * arguments end with a one-line message and exit code 2, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ScenarioFileError } from '../scenarios/load.ts';
import { ScenarioSetupError } from '../scenarios/run.ts';
import { registerContracts } from './contracts.ts';
import { UsageError } from './errors.ts';
import { registerGenerate } from './generate.ts';
import { registerProxy } from './proxy.ts';
import { registerScenario } from './scenario.ts';
import { registerServe } from './serve.ts';
import { registerVerify } from './verify.ts';

export const EXIT_USAGE = 2;

/** The kit's version, from its package.json (one folder up from source, two from dist/). */
function kitVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'minlaege-sandbox' && pkg.version) return pkg.version;
    } catch {
      // not at this level; try the next
    }
  }
  return 'unknown';
}

/** Where the command writes; tests pass their own to capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Builds the command tree. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('minlaege-sandbox')
    .description('Contract-test and mock sandbox kit for the Min Læge app, its platform and journal systems')
    .version(kitVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  registerServe(program, io);
  registerGenerate(program, io);
  registerScenario(program, io);
  registerContracts(program, io);
  registerVerify(program, io);
  registerProxy(program, io);
  return program;
}

/** Runs the command line and returns the exit code. */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    // `help <command>` for a command there is not: commander prints the general help and no reason.
    const known = (name: string) =>
      name === 'help' || program.commands.some((c) => c.name() === name || c.aliases().includes(name));
    if (argv[0] === 'help' && argv[1] !== undefined && !known(argv[1])) {
      throw new UsageError(`unknown command '${argv[1]}'; \`minlaege-sandbox help\` lists the commands`);
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end "with an error" in commander's terms; they are successes.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0)
        return 0;
      return EXIT_USAGE;
    }
    io.err(`minlaege-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    // A scenario file's problems (serve --scenario FILE) are the caller's input, as a bad option is,
    // and a sandbox that would not set a scenario up ran nothing: exit 1 means an expectation failed.
    return error instanceof UsageError || error instanceof ScenarioFileError || error instanceof ScenarioSetupError
      ? EXIT_USAGE
      : 1;
  }
}
