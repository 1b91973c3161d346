/**
 * `minlaege-sandbox contracts check [--pact FILE…] [--contract NAME]`: checks Pact files against
 * the provider's OpenAPI document, interaction by interaction (contracts/pact-check.ts). Without
 * --pact it checks the pacts the kit ships. Exit 0 when every interaction is allowed, 1 when one
 * is not, 2 when a file cannot be checked at all (unreadable, not a pact, unknown provider).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { CONTRACT_NAMES, type ContractName } from '../contracts/index.ts';
import { kitFile } from '../contracts/kit-files.ts';
import { checkPactFile, formatPactCheck, PactFileError } from '../contracts/pact-check.ts';
import { UsageError } from './errors.ts';
import type { CliIo } from './program.ts';

/** The pacts the kit ships (contracts/pacts, beside the contracts in source and in dist). */
export function shippedPacts(): string[] {
  const dir = kitFile('contracts/pacts/');
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Thrown to end the command with exit code 1 after the report was written. */
export class ContractCheckFailed extends Error {
  override readonly name = 'ContractCheckFailed';
}

export function registerContracts(program: Command, io: CliIo): void {
  const contracts = program.command('contracts').description('Work with the interface contracts');
  contracts
    .command('check')
    .description("Check Pact files against the provider's OpenAPI contract, interaction by interaction")
    .addOption(new Option('--pact <file...>', 'pact files to check (default: the pacts the kit ships)'))
    .addOption(
      new Option('--contract <name>', "the contract to check against (default: from the pact's provider name)").choices(
        [...CONTRACT_NAMES],
      ),
    )
    .action((opts: { pact?: string[]; contract?: ContractName }) => {
      // The shipped pacts each name their provider; one contract for all of them would fail most.
      if (opts.contract !== undefined && opts.pact === undefined) {
        throw new UsageError('--contract names the contract of the --pact files given; without --pact, leave it out');
      }
      const files = opts.pact ?? shippedPacts();
      if (files.length === 0) throw new UsageError('no pact files to check; name them with --pact FILE');
      let failed = 0;
      for (const file of files) {
        let result: ReturnType<typeof checkPactFile>;
        try {
          result = checkPactFile(file, opts.contract);
        } catch (error) {
          if (error instanceof PactFileError) throw new UsageError(error.message);
          throw error;
        }
        io.out(formatPactCheck(result));
        failed += result.interactions.filter((i) => i.problems.length > 0).length;
      }
      if (failed > 0) {
        throw new ContractCheckFailed(
          `${failed} interaction(s) break their contract; each is marked FAIL above with what the contract forbids`,
        );
      }
    });
}
