// What the consumer Pact tests share: matchers built from the contracts' conventions (ids by their
// pattern, instants, dates, problems by their URN), where each run writes its pact (a temp folder),
// and the drift check against the committed file in contracts/pacts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MatchersV3, Verifier, type VerifierOptions } from '@pact-foundation/pact';

const { regex, like, integer, boolean, fromProviderState } = MatchersV3;

export { boolean, fromProviderState, integer, like };

export const COMMITTED_DIR = fileURLToPath(new URL('../../contracts/pacts/', import.meta.url));
/** `npm run pacts:update` sets this: the tests then write the committed files instead of comparing. */
export const UPDATING = process.env.PACTS_UPDATE === '1';

/** A fresh folder for this run's pact: Pact merges into an existing file, so never the committed one. */
export function pactOutDir(): string {
  return mkdtempSync(join(tmpdir(), 'minlaege-pacts-'));
}

const ID = (prefix: string) => `^${prefix}_[A-Za-z0-9]{6,40}$`;
/** An opaque id of the contracts (CONVENTIONS.md): `<prefix>_` and 6–40 letters or digits. */
export const id = (prefix: string, example: string) => regex(ID(prefix), example);
const INSTANT = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})';
/** An instant with an offset (RFC 3339). */
export const instant = (example: string) => regex(`^${INSTANT}$`, example);
/** A calendar date. */
export const day = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}$', example);
/** A string that may also be null (Pact's regex matches null as the text "null"). */
export const textOrNull = (example: string | null) => regex('^[\\s\\S]*$', example as string);
/** Any value or null, where the consumer handles both (a nullable number or object). */
export const orNull = (example: unknown) => ({ ...regex('^[\\s\\S]*$', ''), value: example });
export const instantOrNull = (example: string | null) => regex(`^(null|${INSTANT})$`, example as string);
export const dayOrNull = (example: string | null) => regex('^(null|\\d{4}-\\d{2}-\\d{2})$', example as string);
export const cpr = (example: string) => regex('^[0-9]{6}-[0-9]{4}$', example);
export const text = (example: string) => like(example);

/** A problem+json answer of a kind: the type URN exactly, the rest by type. */
export function problem(kind: string, status: number) {
  return {
    type: `urn:minlaege-sandbox:problem:${kind}`,
    title: like('A title'),
    status,
    detail: like('What happened and how to fix it.'),
  };
}

/** The response headers of a problem. */
export const PROBLEM_JSON = { 'Content-Type': regex('^application/problem\\+json', 'application/problem+json') };
export const JSON_TYPE = { 'Content-Type': regex('^application/json', 'application/json') };

/** A pact file with what changes between runs and machines taken out, interactions in a stable order. */
export function normalizePact(pact: Record<string, unknown>): Record<string, unknown> {
  const interactions = [...((pact.interactions as Record<string, unknown>[]) ?? [])].sort((a, b) =>
    `${a.description}`.localeCompare(`${b.description}`),
  );
  const metadata = { ...((pact.metadata as Record<string, unknown>) ?? {}) };
  delete metadata['pact-js'];
  delete metadata.pactRust;
  return sortKeys({ ...pact, interactions, metadata }) as Record<string, unknown>;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as object)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

/**
 * Compares the pact this run wrote with the committed one; with PACTS_UPDATE=1 writes it there.
 * Returns a message naming the differing interactions, or undefined when they agree.
 */
export function checkDrift(outDir: string, file: string): string | undefined {
  const produced = normalizePact(JSON.parse(readFileSync(join(outDir, file), 'utf8')));
  const committedPath = join(COMMITTED_DIR, file);
  if (UPDATING) {
    mkdirSync(COMMITTED_DIR, { recursive: true });
    writeFileSync(committedPath, `${JSON.stringify(produced, null, 2)}\n`);
    return undefined;
  }
  let committed: Record<string, unknown>;
  try {
    committed = normalizePact(JSON.parse(readFileSync(committedPath, 'utf8')));
  } catch {
    return `contracts/pacts/${file} is missing or not JSON; run npm run pacts:update and commit it`;
  }
  if (JSON.stringify(committed) === JSON.stringify(produced)) return undefined;
  const byName = (p: Record<string, unknown>) =>
    new Map((p.interactions as Record<string, unknown>[]).map((i) => [String(i.description), JSON.stringify(i)]));
  const a = byName(committed);
  const b = byName(produced);
  const names = [...new Set([...a.keys(), ...b.keys()])].filter((n) => a.get(n) !== b.get(n));
  return `contracts/pacts/${file} differs from what the consumer tests produce (${
    names.length > 0 ? `interactions: ${names.join('; ')}` : 'metadata'
  }); run npm run pacts:update and commit the result`;
}

/**
 * Runs Pact's verifier and returns the failures, one line per failing interaction with its
 * mismatches (the verifier's own error is the whole report as JSON, too long to read in a test).
 */
export async function verifyPact(options: VerifierOptions): Promise<string[]> {
  try {
    await new Verifier({ logLevel: 'error', providerStatesSetupTeardown: true, ...options }).verifyProvider();
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    try {
      const report = JSON.parse(message) as {
        errors?: {
          interaction: string;
          mismatch?: { mismatches?: { path?: string; mismatch?: string }[]; message?: string };
        }[];
      };
      return (report.errors ?? []).map(
        (e) =>
          `${e.interaction}: ${(e.mismatch?.mismatches ?? []).map((m) => `${m.path ?? ''} ${m.mismatch ?? ''}`).join('; ') || (e.mismatch?.message ?? '')}`,
      );
    } catch {
      return [message];
    }
  }
}
