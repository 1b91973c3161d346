/**
 * `minlaege-sandbox verify`: checks a journal system at a URL against the platform ↔ journal
 * contract and the sharing rules (consent gate, diagnosis sharing, booking conflict, change feed,
 * problem+json, Pact), prints a summary, writes JUnit XML and JSON reports, and exits 0 only when
 * no check failed (1 when one did, 2 for a usage error). `--export-patients FILE` writes the
 * conformance patients as NDJSON for a vendor to import into a test system, and exits.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import {
  conformanceNdjson,
  formatJson,
  formatJunit,
  formatSummary,
  GROUP_IDS,
  type GroupId,
  verifyJournal,
} from '../verify/index.ts';
import { UsageError } from './errors.ts';
import { parseHttpUrl } from './options.ts';
import { writeWhole } from './output-file.ts';
import type { CliIo } from './program.ts';

/** Some check failed: exit code 1, after the reports are written. */
export class VerificationFailed extends Error {
  override readonly name = 'VerificationFailed';
}

/** Writes a report whole or not at all (cli/output-file.ts), a failure as a usage error. */
function write(file: string, text: string, what: string): void {
  try {
    writeWhole(file, text);
  } catch (error) {
    throw new UsageError(`cannot write the ${what} to ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

function checkWritable(file: string, what: string): void {
  const reason =
    file === ''
      ? 'no file name'
      : existsSync(file) && statSync(file).isDirectory()
        ? 'it is a directory'
        : !existsSync(dirname(resolve(file)))
          ? 'its directory does not exist'
          : undefined;
  if (reason) throw new UsageError(`cannot write the ${what} to ${JSON.stringify(file)}: ${reason}`);
}

/** What makes a pact's interactions unverifiable, or undefined: each needs a description, a request and a response. */
function interactionsProblem(interactions: unknown[]): string | undefined {
  if (interactions.length === 0) return 'the pact has no interactions to verify';
  for (const [k, raw] of interactions.entries()) {
    const i = raw as {
      description?: unknown;
      request?: { method?: unknown; path?: unknown };
      response?: { status?: unknown };
    };
    if (!i || typeof i !== 'object') return `interaction ${k} is not an object`;
    if (typeof i.description !== 'string' || i.description === '') return `interaction ${k} has no description`;
    if (typeof i.request?.method !== 'string' || typeof i.request?.path !== 'string') {
      return `interaction "${i.description}" has no request method and path`;
    }
    if (typeof i.response?.status !== 'number') return `interaction "${i.description}" has no response status`;
  }
  return undefined;
}

interface VerifyOpts {
  journalUrl?: string;
  token?: string;
  providerStatesUrl?: string;
  junit?: string;
  json?: string;
  only?: GroupId[];
  skip?: GroupId[];
  pact?: string;
  exportPatients?: string;
}

export function registerVerify(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description(
      'Verify a journal system: consent gate, diagnosis sharing, booking conflict, change feed, problem+json and the shipped pact; exit 0 only if every check passed',
    )
    .addOption(
      new Option('--journal-url <url>', "the journal's base URL (contract paths are appended)").argParser(parseHttpUrl),
    )
    .addOption(new Option('--token <token>', 'the platform token the journal expects').env('MINLAEGE_JOURNAL_TOKEN'))
    .addOption(
      new Option(
        '--provider-states-url <url>',
        "the journal's provider-state endpoint (Pact's protocol); without it the conformance patients must be imported",
      ).argParser(parseHttpUrl),
    )
    .addOption(new Option('--junit <file>', 'write a JUnit XML report'))
    .addOption(new Option('--json <file>', 'write the report as JSON'))
    .addOption(new Option('--only <group...>', 'run only these groups').choices([...GROUP_IDS]))
    .addOption(new Option('--skip <group...>', 'leave these groups out').choices([...GROUP_IDS]))
    .addOption(new Option('--pact <file>', 'verify this pact file instead of the shipped one'))
    .addOption(
      new Option(
        '--export-patients <file>',
        "write the conformance patients (records and expected extracts) as NDJSON ('-' for stdout) and exit",
      ),
    )
    .action(async (opts: VerifyOpts) => {
      if (opts.exportPatients !== undefined) {
        if (opts.exportPatients === '-') io.out(conformanceNdjson());
        else {
          checkWritable(opts.exportPatients, 'conformance patients');
          write(opts.exportPatients, conformanceNdjson(), 'conformance patients');
          io.err(`minlaege-sandbox: wrote the conformance patients to ${opts.exportPatients}\n`);
        }
        return;
      }
      if (opts.journalUrl === undefined) throw new UsageError('verify needs --journal-url (or --export-patients FILE)');
      if (opts.token === undefined) {
        throw new UsageError(
          'verify needs --token (or MINLAEGE_JOURNAL_TOKEN): the platform token the journal expects',
        );
      }
      if (opts.pact !== undefined) {
        if (!existsSync(opts.pact)) throw new UsageError(`no pact file at ${opts.pact}`);
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(opts.pact, 'utf8'));
        } catch (error) {
          throw new UsageError(`${opts.pact}: not JSON (${(error as Error).message})`);
        }
        if (!Array.isArray((parsed as { interactions?: unknown } | null)?.interactions)) {
          throw new UsageError(`${opts.pact}: not a pact file (no interactions array)`);
        }
        const problem = interactionsProblem((parsed as { interactions: unknown[] }).interactions);
        if (problem) throw new UsageError(`${opts.pact}: ${problem}`);
      }
      // Where the reports go is checked before the run, not found unwritable after it.
      for (const [file, what] of [
        [opts.junit, 'JUnit report'],
        [opts.json, 'JSON report'],
      ] as const) {
        if (file !== undefined) checkWritable(file, what);
      }
      const report = await verifyJournal({
        journalUrl: opts.journalUrl,
        token: opts.token,
        ...(opts.providerStatesUrl ? { providerStatesUrl: opts.providerStatesUrl } : {}),
        ...(opts.only ? { only: opts.only } : {}),
        ...(opts.skip ? { skip: opts.skip } : {}),
        ...(opts.pact ? { pactFile: opts.pact } : {}),
      });
      io.out(formatSummary(report));
      if (opts.junit) write(opts.junit, formatJunit(report), 'JUnit report');
      if (opts.json) write(opts.json, formatJson(report), 'JSON report');
      if (!report.ok) {
        const { failed, skipped, checks } = report.totals;
        throw new VerificationFailed(
          failed > 0
            ? `${failed} of ${checks} checks failed`
            : checks === 0
              ? 'no check ran'
              : `${skipped} of ${checks} checks could not run (see why above); leave their group out with --skip to accept that`,
        );
      }
    });
}
