/**
 * Pact provider verification of the shipped platform → journal pact against the journal under
 * test, each interaction a check. Pact's verifier replays every interaction, first setting up its
 * provider states at the journal's provider-state endpoint, and sends the platform token with
 * every request. It runs in a child process (verify/pact/worker.ts); its JSON results name each
 * interaction and its mismatches. Without a pact file the group is skipped.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSource, kitFile } from '../../contracts/kit-files.ts';
import { CheckFailed, type GroupDefinition } from '../kit.ts';

export const SHIPPED_PACT = 'contracts/pacts/min-laege-platform-journal-system.json';

/** The shipped pact, from the kit's root (the repository, or dist/ where the build copies it). */
export function shippedPactFile(): string | undefined {
  const file = kitFile(SHIPPED_PACT);
  return existsSync(file) ? file : undefined;
}

interface PactInteraction {
  description: string;
  providerStates?: { name: string }[];
  providerState?: string;
}

interface PactResults {
  result?: boolean;
  interactionResults?: { description: string; result: string }[];
  errors?: {
    interaction: string;
    mismatch?: { mismatches?: { mismatch?: string; path?: string }[]; message?: string };
  }[];
}

const PACT_TIMEOUT_MS = 120_000;

/** Runs the verifier in a child process; answers its JSON results (or throws with its output). */
async function runVerifier(options: Record<string, unknown>): Promise<PactResults> {
  const worker = kitFile(fromSource ? 'verify/pact/worker-dev.mjs' : 'verify/pact/worker.js');
  const dir = mkdtempSync(join(tmpdir(), 'minlaege-verify-pact-'));
  const resultFile = join(dir, 'results.json');
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [worker, resultFile], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, MINLAEGE_PACT_OPTIONS: JSON.stringify(options) },
      });
      let text = '';
      const collect = (chunk: Buffer) => {
        text += chunk.toString();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      const timer = setTimeout(() => child.kill('SIGKILL'), PACT_TIMEOUT_MS);
      child.once('error', reject);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    const text = existsSync(resultFile) ? readFileSync(resultFile, 'utf8') : '';
    try {
      return JSON.parse(text) as PactResults;
    } catch {
      throw new Error(`the Pact verifier did not report: ${verifierFailure(text || output)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Why the verifier stopped without a report, in a line for the report: the journal's connection
 * trouble named as such, else the error the verifier died of, without its stack, its source lines
 * or colour codes.
 */
export function verifierFailure(output: string): string {
  if (/socket hang up|ECONNRESET|ECONNREFUSED|EPIPE/.test(output)) {
    return 'the journal closed or refused the connection while the interactions were replayed';
  }
  const lines = stripColour(output)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(at |node:|Node\.js v|throw |\^+$)|\.[cm]?js:\d+$/.test(line));
  const error = lines.find((line) => /^[A-Za-z]*Error\b/.test(line));
  const said = error ?? lines.slice(-2).join(' ');
  return said.length > 300 ? `${said.slice(0, 300)}…` : said || '(no output)';
}

// Terminal colour codes (ESC [ … m) in the verifier's mismatch texts.
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripColour = (s: string) => s.replace(COLOUR, '');

export const pactVerification: GroupDefinition = {
  id: 'pact',
  title: 'Pact provider verification',
  async run(ctx, checks) {
    const file = ctx.pactFile ?? shippedPactFile();
    if (!file || !existsSync(file)) return { skip: `no pact file (${ctx.pactFile ?? SHIPPED_PACT})` };
    const pact = JSON.parse(readFileSync(file, 'utf8')) as { interactions?: PactInteraction[] };
    const interactions = pact.interactions ?? [];
    const statesOf = (i: PactInteraction) =>
      i.providerStates?.map((s) => s.name) ?? (i.providerState ? [i.providerState] : []);
    const specOf = (i: PactInteraction, k: number) => ({
      id: `interaction-${k + 1}`,
      name: i.description,
      needs:
        statesOf(i).length > 0
          ? `provider state ${statesOf(i)
              .map((s) => `"${s}"`)
              .join(', ')}`
          : 'no provider state',
    });
    if (!ctx.states && interactions.some((i) => statesOf(i).length > 0)) {
      for (const [k, i] of interactions.entries()) {
        if (statesOf(i).length > 0)
          checks.skip(specOf(i, k), 'needs --provider-states-url: the interaction has provider states');
      }
      if (interactions.every((i) => statesOf(i).length > 0)) return undefined;
    }
    const results = await runVerifier({
      providerBaseUrl: ctx.journal.baseUrl,
      pactUrls: [file],
      ...(ctx.states ? { providerStatesSetupUrl: ctx.states.url } : {}),
      customProviderHeaders: [`Authorization: Bearer ${ctx.token}`],
      logLevel: 'error',
    });
    for (const [k, i] of interactions.entries()) {
      const spec = specOf(i, k);
      if (!ctx.states && statesOf(i).length > 0) continue; // skipped above
      await checks.run(spec, async () => {
        // The verifier reports by description. Interactions that share one (told apart by their
        // provider states) share its verdicts: each passes only if all of them passed, so a twin's
        // pass never covers a failure.
        const verdicts = results.interactionResults?.filter((r) => r.description === i.description) ?? [];
        const verdict = verdicts.find((r) => r.result?.toUpperCase() !== 'OK') ?? verdicts[0];
        const errors = (results.errors ?? []).filter(
          (e) => e.interaction === i.description || e.interaction.endsWith(` - ${i.description}`),
        );
        // Only the verifier's own verdict passes an interaction: one it did not report on was not checked.
        if (verdicts.length > 0 && verdicts.every((r) => r.result?.toUpperCase() === 'OK') && errors.length === 0)
          return;
        // One line per mismatch, cut short: a mismatch can quote a whole answer (a list of slots).
        const short = (text: string) =>
          text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text;
        const details = errors.flatMap(
          (e) =>
            e.mismatch?.mismatches?.map((m) =>
              short(stripColour(`${m.path ? `${m.path}: ` : ''}${m.mismatch ?? ''}`)),
            ) ?? [short(stripColour(e.mismatch?.message ?? JSON.stringify(e.mismatch)))],
        );
        const twins = interactions.filter((x) => x.description === i.description).length;
        throw new CheckFailed(
          `${
            verdict
              ? `the journal's answer does not match the pact (${verdict.result})`
              : 'the verifier has no result for this interaction'
          }${twins > 1 ? `; ${twins} interactions share this description, and the verifier reports them together` : ''}`,
          details,
        );
      });
    }
    return undefined;
  },
};
