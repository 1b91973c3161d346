// The conformance set vendors import: synthetic patients whose diagnoses sit on the sharing
// table's edges, exported as NDJSON by `verify --export-patients`, with expected extracts that the
// domain rules agree with; and the Pact group skips, saying why, when there is no pact file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, run } from '../../cli/program.ts';
import { isSynthetic } from '../../domain/cpr.ts';
import { isShared } from '../../domain/sharing.ts';
import { copenhagenInstant, daysBetween } from '../../domain/time.ts';
import { pactVerification } from '../../verify/checks/pact.ts';
import { CONFORMANCE_AS_OF, type ConformancePatient, conformancePatients } from '../../verify/conformance-set.ts';
import { createRecorder, type VerifyContext } from '../../verify/kit.ts';

describe('the conformance set', () => {
  const set = conformancePatients();

  it('covers rule A at 364, 365 and 366 days, rule B old, cancer codes, codes outside the table and later dates', () => {
    const diagnoses = set.flatMap((p) => p.diagnoses);
    const ruleAAt = (days: number) =>
      diagnoses.filter((d) => d.rule === 'A' && daysBetween(d.registeredAt, CONFORMANCE_AS_OF) === days);
    expect(ruleAAt(364).every((d) => d.shared)).toBe(true);
    expect(ruleAAt(365).every((d) => d.shared)).toBe(true);
    expect(ruleAAt(366).every((d) => !d.shared)).toBe(true);
    expect([364, 365, 366].every((days) => ruleAAt(days).length > 0)).toBe(true);
    expect(diagnoses.some((d) => d.rule === 'B' && d.shared && d.registeredAt < '2010-01-01')).toBe(true);
    expect(
      diagnoses.filter((d) => ['S77', 'D75', 'R84', 'F74', 'U77', 'K72'].includes(d.icpcCode)).every((d) => d.shared),
    ).toBe(true);
    expect(diagnoses.filter((d) => d.rule === null)).toHaveLength(6);
    expect(diagnoses.filter((d) => d.rule === null).every((d) => !d.shared)).toBe(true);
    expect(diagnoses.some((d) => d.registeredAt > CONFORMANCE_AS_OF && !d.shared)).toBe(true);
  });

  it('agrees with the domain rules, item by item, and is synthetic with unique ids and CPR numbers', () => {
    const at = copenhagenInstant(CONFORMANCE_AS_OF, 12, 0);
    for (const p of set) {
      expect(p.synthetic).toBe(true);
      expect(isSynthetic(p.patient.cpr)).toBe(true);
      expect(p.expected.extract.diagnoses).toEqual(
        p.journal.diagnoses.filter((d) => isShared(d.icpcCode, d.registeredAt, at)).map((d) => d.id),
      );
      expect(p.expected.extract.labResults).toEqual(p.journal.labResults.map((l) => l.id));
    }
    expect(new Set(set.map((p) => p.patient.id)).size).toBe(set.length);
    expect(new Set(set.map((p) => p.patient.cpr)).size).toBe(set.length);
    expect(new Set(set.flatMap((p) => p.diagnoses.map((d) => d.id))).size).toBe(set.flatMap((p) => p.diagnoses).length);
  });

  it('is exported as NDJSON by verify --export-patients, the same lines every time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minlaege-conformance-'));
    try {
      const err: string[] = [];
      const io: CliIo = { out: () => {}, err: (s) => void err.push(s) };
      const file = join(dir, 'patients.ndjson');
      expect(await run(['verify', '--export-patients', file], io)).toBe(0);
      expect(err.join('')).toContain(`wrote the conformance patients to ${file}`);
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      const parsed = lines.map((l) => JSON.parse(l) as ConformancePatient);
      expect(parsed).toEqual(JSON.parse(JSON.stringify(set)));
      expect(parsed.map((p) => [p.type, p.n, p.asOf])).toEqual(
        set.map((p) => ['conformance-patient', p.n, CONFORMANCE_AS_OF]),
      );
      const out: string[] = [];
      expect(await run(['verify', '--export-patients', '-'], { out: (s) => void out.push(s), err: () => {} })).toBe(0);
      expect(out.join('')).toBe(readFileSync(file, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the Pact group', () => {
  it('skips with the reason "no pact file" when there is none', async () => {
    const ctx = { pactFile: '/no/such/dir/pact.json' } as VerifyContext;
    expect(await pactVerification.run(ctx, createRecorder())).toEqual({
      skip: 'no pact file (/no/such/dir/pact.json)',
    });
  });
});
