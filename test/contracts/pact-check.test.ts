// The pact cross-check: every interaction of every committed pact is allowed by its provider's
// OpenAPI document, and a pact the document forbids (an unknown response field, an undeclared
// status, a bad request, an unknown operation) fails naming the interaction; the same through
// `minlaege-sandbox contracts check` with its exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedPacts } from '../../cli/contracts.ts';
import { run } from '../../cli/program.ts';
import { checkPact, checkPactFile, PactFileError } from '../../contracts/pact-check.ts';

const JOURNAL_PACT = shippedPacts().find((f) => f.endsWith('min-laege-platform-journal-system.json')) as string;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

// biome-ignore lint/suspicious/noExplicitAny: pact JSON, edited freely by the tests below
type Json = any;
type Pact = { interactions: Record<string, Json>[] } & Record<string, unknown>;

/** The journal pact with one interaction edited. */
function broken(description: string, edit: (interaction: Record<string, Json>) => void): Pact {
  const pact = JSON.parse(readFileSync(JOURNAL_PACT, 'utf8')) as Pact;
  const interaction = pact.interactions.find((i) => i.description === description);
  if (!interaction) throw new Error(`no interaction ${description}`);
  edit(interaction);
  return pact;
}

describe('the committed pacts', () => {
  it('ships both pacts', () => {
    expect(shippedPacts().map((f) => f.split('/').pop())).toEqual([
      'min-laege-app-min-laege-platform.json',
      'min-laege-platform-journal-system.json',
    ]);
  });

  for (const file of shippedPacts()) {
    it(`every interaction of ${file.split('/').pop()} is allowed by its contract`, () => {
      const result = checkPactFile(file);
      const failing = result.interactions.filter((i) => i.problems.length > 0);
      expect(failing.map((i) => `${i.description}: ${i.problems.join('; ')}`)).toEqual([]);
      expect(result.interactions.every((i) => i.operationId)).toBe(true);
    });
  }

  it('the journal pact covers every journal operation', () => {
    const result = checkPactFile(JOURNAL_PACT);
    expect(new Set(result.interactions.map((i) => i.operationId)).size).toBe(16);
  });
});

describe('a pact the contract forbids', () => {
  it('fails on a response field the schema does not allow, naming the interaction', () => {
    const pact = broken('a request for the patient', (i) => {
      i.response.body.content.diagnosisText = 'Hypertension';
    });
    const result = checkPact(pact);
    expect(result.ok).toBe(false);
    const bad = result.interactions.filter((i) => i.problems.length > 0);
    expect(bad.map((i) => i.description)).toEqual(['a request for the patient']);
    expect(bad[0]?.problems.join()).toMatch(/response body has an unknown property 'diagnosisText'/);
  });

  it('fails on an undeclared status', () => {
    const result = checkPact(
      broken('a request for the clinic', (i) => {
        i.response.status = 418;
      }),
    );
    expect(result.interactions.find((i) => i.description === 'a request for the clinic')?.problems.join()).toMatch(
      /response status 418 is not declared for getClinic/,
    );
  });

  it('fails on a request the contract refuses and on an unknown operation', () => {
    const badBody = checkPact(
      broken('a booking of a free slot', (i) => {
        i.request.body.content.slotId = '2026-01-15 12:15';
      }),
    );
    expect(badBody.interactions.find((i) => !!i.problems.length)?.problems.join()).toMatch(
      /request body\/slotId must match pattern/,
    );
    const unknown = checkPact(
      broken('a request for the clinic', (i) => {
        i.request.path = '/clinics';
      }),
    );
    expect(unknown.interactions.find((i) => !!i.problems.length)?.problems).toEqual([
      'GET /clinics is not an operation of platform-journal',
    ]);
  });

  it('refuses what is not a pact, or a provider it does not know', () => {
    expect(() => checkPact({ nope: true })).toThrow(PactFileError);
    expect(() => checkPact({ provider: { name: 'someone' }, interactions: [] })).toThrow(/--contract/);
  });
});

describe('minlaege-sandbox contracts check', () => {
  it('checks the shipped pacts and exits 0', async () => {
    const { io, out } = capture();
    expect(await run(['contracts', 'check'], io)).toBe(0);
    expect(out.join('')).toMatch(/19 interaction\(s\), all allowed by platform-journal/);
    expect(out.join('')).toMatch(/ok {3}a MitID sign-in/);
  });

  it('exits 1 on a broken pact, naming the interaction and what is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-check-'));
    const file = join(dir, 'vendor.json');
    writeFileSync(
      file,
      JSON.stringify(
        broken('a request for the patient', (i) => {
          i.response.body.content.diagnosisText = 'x';
        }),
      ),
    );
    const { io, out, err } = capture();
    expect(await run(['contracts', 'check', '--pact', file], io)).toBe(1);
    expect(out.join('')).toMatch(
      /FAIL a request for the patient .*\n\s+response body has an unknown property 'diagnosisText'/,
    );
    expect(err.join('')).toMatch(/1 interaction\(s\) break their contract/);
  });

  it('exits 2 with a clear message for a file that is not a pact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-check-'));
    const file = join(dir, 'not-a-pact.json');
    writeFileSync(file, '{"hello": ');
    const { io, err } = capture();
    expect(await run(['contracts', 'check', '--pact', file], io)).toBe(2);
    expect(err.join('')).toMatch(/not-a-pact\.json: not JSON/);
    expect(await run(['contracts', 'check', '--pact', join(dir, 'missing.json')], capture().io)).toBe(2);
    const nulls = join(dir, 'null-interaction.json');
    writeFileSync(nulls, '{"provider":{"name":"x"},"interactions":[null]}');
    const refused = capture();
    expect(await run(['contracts', 'check', '--pact', nulls, '--contract', 'platform-journal'], refused.io)).toBe(2);
    expect(refused.err.join('')).toMatch(/null-interaction\.json: interaction 0 is not an object/);
    // --contract applies to the files given; for the shipped pacts (each its own provider) it is refused.
    const alone = capture();
    expect(await run(['contracts', 'check', '--contract', 'platform-journal'], alone.io)).toBe(2);
    expect(alone.err.join('')).toMatch(/without --pact, leave it out/);
  });
});
