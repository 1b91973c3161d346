/**
 * `minlaege-sandbox generate`: streams a synthetic population as NDJSON (or one JSON array) to a
 * file or stdout, with a progress bar on stderr when stderr is a terminal. A shard `i/n` is the
 * i-th of n contiguous ranges of patients, so the shards' outputs, concatenated in order, are the
 * unsharded output byte for byte.
 */
import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { REFERENCE_YEARS, SYNTHETIC_BIRTH_YEARS } from '../domain/cpr.ts';
import { copenhagenDate, isIsoDate } from '../domain/time.ts';
import { parallelNdjson } from '../generators/parallel.ts';
import { OUTPUT_HIGH_WATER_MARK, type OutputFormat, writeLines, writeNdjsonChunks } from '../generators/stream.ts';
import { UsageError } from './errors.ts';
import { type OutputStream, openOutputStream } from './output-file.ts';
import type { CliIo } from './program.ts';

/** Below this many patients, starting worker threads costs more than it saves. */
export const PARALLEL_FROM = 5_000;

/**
 * Worker threads when --threads is not given: two where the machine has two cores or more. Two
 * threads gave 1.3–1.5× one thread's rate on the 2-vCPU development machine, writing to a file,
 * at about 210 MB peak for a million patients; each further thread adds ~90 MB, so more are
 * only on request.
 */
export function defaultThreads(count: number): number {
  return count >= PARALLEL_FROM ? Math.min(2, availableParallelism()) : 1;
}

export interface GenerateOptions {
  threads?: number;
  count: string;
  seed: string;
  asOf?: string;
  shard?: string;
  format: OutputFormat;
  out?: string;
  pageCache?: boolean;
}

/** The patients [from, to) of shard `i/n` (1-based) of `count`. */
export function shardRange(count: number, shard: string | undefined): { from: number; to: number } {
  if (shard === undefined) return { from: 0, to: count };
  const m = /^(\d+)\/(\d+)$/.exec(shard);
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || i < 1 || i > n) {
    throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got ${JSON.stringify(shard)}`);
  }
  return { from: Math.floor(((i - 1) * count) / n), to: Math.floor((i * count) / n) };
}

/** A whole-number option (`--count` unless `name` says otherwise), within [min, max]. */
export function parseCount(value: string, name = '--count', { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  const n = Number(value);
  if (n < min) throw new UsageError(`${name} must be at least ${min}, got ${value}`);
  if (n > max) throw new UsageError(`${name} must be at most ${max.toLocaleString('en-US')}, got ${value}`);
  return n;
}

function parseThreads(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64) {
    throw new UsageError(`--threads must be a whole number from 1 to 64, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

export function registerGenerate(program: Command, io: CliIo): void {
  program
    .command('generate')
    .description(
      'Generate synthetic Danish patients, families, clinics and journal records with their expected app view',
    )
    .requiredOption('--count <n>', 'number of patients (before sharding)')
    .requiredOption('--seed <seed>', 'any string; the same seed, date and version give the same bytes')
    .option('--as-of <date>', 'reference date YYYY-MM-DD (default: today in Copenhagen)')
    .option('--shard <i/n>', 'generate only the i-th of n contiguous parts')
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson', 'json']).default('ndjson'))
    .option('--out <file>', 'write to a file instead of stdout')
    .option(
      '--page-cache',
      "write --out through the system's page cache (default: around it where the file system allows, which costs the kernel far less for a large file)",
    )
    .addOption(
      new Option(
        '--threads <n>',
        'worker threads that generate (default: 2 from 5,000 patients on a machine with 2 cores or more, else 1, in this thread)',
      ).argParser(parseThreads),
    )
    .action(async (opts: GenerateOptions) => {
      await generate(opts, io);
    });
}

/** Refuses a reference date that is malformed or outside the years the synthetic CPR scheme serves. */
export function checkAsOf(asOf: string): void {
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const year = Number(asOf.slice(0, 4));
  if (year < REFERENCE_YEARS.from || year > REFERENCE_YEARS.to) {
    throw new UsageError(
      `--as-of must lie in ${REFERENCE_YEARS.from}–${REFERENCE_YEARS.to}: synthetic CPR numbers encode birth years ${SYNTHETIC_BIRTH_YEARS.from}–${SYNTHETIC_BIRTH_YEARS.to}, got ${asOf}`,
    );
  }
}

async function generate(opts: GenerateOptions, io: CliIo): Promise<void> {
  const count = parseCount(opts.count);
  const { from, to } = shardRange(count, opts.shard);
  let asOf = opts.asOf;
  if (asOf === undefined) {
    asOf = copenhagenDate(new Date());
    io.err(`minlaege-sandbox: --as-of not given, using ${asOf}; pass --as-of ${asOf} to reproduce this output\n`);
  }
  checkAsOf(asOf);
  const target = opts.out === undefined ? undefined : await openOutput(opts.out, opts.pageCache === true);
  const out = target?.stream ?? process.stdout;
  // The bar goes to stderr when it is a terminal, unless the records themselves go to that terminal.
  const showBar = process.stderr.isTTY && (opts.out !== undefined || !process.stdout.isTTY);
  const bar = showBar ? new SingleBar({ etaBuffer: 200, fps: 5 }) : undefined;
  bar?.start(to - from, 0);
  // Ctrl-C or a kill mid-run: the partial file goes too, so an interrupted run leaves nothing behind.
  const onSignal = (signal: NodeJS.Signals) => {
    bar?.stop();
    target?.abandon();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  if (target) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    const onPatient = bar ? (n: number) => bar.update(n) : undefined;
    const threads = opts.threads ?? defaultThreads(to - from);
    if (threads > 1 && to - from >= PARALLEL_FROM) {
      const chunks = parallelNdjson({ seed: opts.seed, asOf, threads }, from, to);
      await writeNdjsonChunks(chunks, out, opts.format, { onPatient });
    } else {
      // Loaded only here: on the threaded path the main thread just writes, and every thread that
      // loads the generators costs tens of megabytes.
      const { createPopulation } = await import('../generators/population.ts');
      const population = createPopulation({ seed: opts.seed, asOf });
      await writeLines(population.lines(from, to), out, opts.format, {
        onPatient: onPatient && ((n) => n % 1000 === 0 && onPatient(n)),
      });
    }
    bar?.update(to - from);
    await target?.commit();
  } catch (error) {
    target?.abandon();
    // `generate … | head` closes the pipe early: that is the reader's choice, not a failure.
    if (!target && (error as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    bar?.stop();
  }
}

/**
 * Opens the output whole or not at all (cli/output-file.ts); "cannot write there" is a usage error
 * found before any work.
 */
async function openOutput(path: string, pageCache: boolean): Promise<OutputStream> {
  if (path === '') throw new UsageError('--out needs a file name');
  try {
    return await openOutputStream(path, OUTPUT_HIGH_WATER_MARK, { pageCache });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot write --out ${path} (${reason})`);
  }
}
