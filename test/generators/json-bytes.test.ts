// The byte writers must give exactly the bytes of JSON.stringify: the generic one for any JSON-able
// value, the patient-line writer for every line the generators make (or hand the line back).
import { describe, expect, it } from 'vitest';
import { JsonBytes } from '../../generators/json-bytes.ts';
import { writeLine, writePatientLine } from '../../generators/patient-json.ts';
import { createPopulation, type PatientLine } from '../../generators/population.ts';
import { createRng, type Rng } from '../../generators/rng.ts';

function generic(value: unknown): string | undefined {
  const out = new JsonBytes(16);
  return out.json(value) ? out.buffer.subarray(0, out.length).toString('utf8') : undefined;
}

function asLine(line: Parameters<typeof writeLine>[1]): Buffer {
  const out = new JsonBytes(64);
  writeLine(out, line);
  return out.buffer.subarray(0, out.length);
}

describe('JsonBytes.json', () => {
  it('writes what JSON.stringify writes for awkward values', () => {
    const values: unknown[] = [
      'plain',
      'quote " backslash \\ slash / tab \t newline \n return \r \b \f \u0000 \u001f \u007f',
      'æøå ÆØÅ µ — € 😀 \u2028 \u2029',
      'lone \ud800 high, lone \udc00 low, reversed \udc00\ud800, at the end \ud83d',
      0,
      -0,
      1.5,
      -1e21,
      1e-7,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      false,
      null,
      [],
      {},
      [undefined, () => 1, Symbol('s'), 1],
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
      { 2: 'two', 1: 'one', b: 'b', a: 'a' },
      { at: new Date(Date.UTC(2026, 0, 15, 12)), nested: { list: [{ x: [null, 'y'] }] } },
      { toJSON: () => ({ replaced: true }) },
      { gone: { toJSON: () => undefined }, kept: 1 },
      [{ toJSON: () => undefined }],
      Object.create(null, { x: { value: 1, enumerable: true }, hidden: { value: 2, enumerable: false } }),
    ];
    for (const value of values) expect(generic(value)).toBe(JSON.stringify(value));
    expect(generic(undefined)).toBeUndefined();
    expect(() => generic({ n: 1n })).toThrow(TypeError);
  });

  it('writes what JSON.stringify writes for random values and strings', () => {
    const rng = createRng('json-bytes test');
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(rng, 3);
      expect(generic(value)).toBe(JSON.stringify(value));
    }
  });

  it('writes numbers as JSON.stringify does, on its digit-by-digit paths and off them', () => {
    const rng = createRng('json-bytes', 'numbers');
    const numbers = [0, -0, 1, 9, 10, 0.1, 0.3, 0.1 + 0.2, 0.05, 1.005, 2.675, 999_999_999, 999_999_999.99, 1e9, 1e-7];
    numbers.push(5e-324, 123_456.78, -1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER);
    for (let i = 0; i < 30_000; i++) {
      const scale = [1, 10, 1000, 1e6, 1e9][i % 5] as number;
      const x = rng.next() * scale;
      numbers.push(Math.round(x), Math.round(x * 10) / 10, Math.round(x * 100) / 100, x);
    }
    const wrong = numbers.filter((n) => {
      const out = new JsonBytes(8);
      out.number(n);
      return out.buffer.subarray(0, out.length).toString('utf8') !== JSON.stringify(n);
    });
    expect(wrong).toEqual([]);
  });

  it('grows its buffer as needed', () => {
    const long = { text: 'ø'.repeat(100_000), list: Array.from({ length: 5000 }, (_, i) => i / 7) };
    expect(generic(long)).toBe(JSON.stringify(long));
  });
});

describe('writeLine', () => {
  it('gives the bytes of JSON.stringify for generated lines of several seeds and dates', () => {
    const cases = [
      { seed: 'golden', asOf: '2026-01-15', from: 0, to: 2500 },
      { seed: 'other', asOf: '2031-06-30', from: 3990, to: 5200 },
      { seed: 'æøå', asOf: '1960-02-29', from: 0, to: 600 },
      { seed: 'late', asOf: '2057-12-31', from: 0, to: 600 },
    ];
    let patients = 0;
    for (const { seed, asOf, from, to } of cases) {
      for (const line of createPopulation({ seed, asOf }).lines(from, to)) {
        if (line.type === 'patient') {
          patients += 1;
          const out = new JsonBytes(64);
          // Every generated patient line is of the shape the writer knows (no generic fallback).
          expect(writePatientLine(out, line)).toBe(true);
        }
        const bytes = asLine(line);
        const expected = Buffer.from(JSON.stringify(line));
        if (!bytes.equals(expected)) expect(bytes.toString('utf8')).toBe(expected.toString('utf8'));
      }
    }
    expect(patients).toBe(4910);
  });

  it('hands back a patient line of another shape, and writeLine then writes it generically', () => {
    const [line] = [...createPopulation({ seed: 'golden', asOf: '2026-01-15' }).lines(0, 1)].filter(
      (l): l is PatientLine => l.type === 'patient',
    );
    if (!line) throw new Error('no patient');
    const odd = { ...line, patient: { ...line.patient, phone: undefined } } as unknown as PatientLine;
    const out = new JsonBytes(64);
    expect(writePatientLine(out, odd)).toBe(false);
    expect(out.length).toBe(0);
    expect(asLine(odd).toString('utf8')).toBe(JSON.stringify(odd));
  });
});

/** Any UTF-16 unit, often ASCII or Danish, sometimes a control character or a (lone) surrogate. */
function randomString(rng: Rng): string {
  const units: number[] = [];
  const n = rng.int(0, 12);
  for (let i = 0; i < n; i++) {
    const kind = rng.int(0, 5);
    if (kind === 0) units.push(rng.int(0, 0x7f));
    else if (kind === 1) units.push(rng.pick([0xe6, 0xf8, 0xe5, 0xb5, 0x2014, 0x20ac, 0x2028]));
    else if (kind === 2) units.push(rng.int(0xd800, 0xdfff));
    else if (kind === 3) units.push(0xd83d, 0xde00);
    else units.push(rng.int(0, 0xffff));
  }
  return String.fromCharCode(...units);
}

function randomValue(rng: Rng, depth: number): unknown {
  const kind = rng.int(0, depth > 0 ? 8 : 5);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.125, Number.NaN, -Number.MAX_VALUE]);
    case 3:
      return rng.normal(0, 1e6);
    case 4:
    case 5:
      return randomString(rng);
    case 6:
      return Array.from({ length: rng.int(0, 4) }, () => randomValue(rng, depth - 1));
    default: {
      const record: Record<string, unknown> = {};
      const n = rng.int(0, 4);
      for (let i = 0; i < n; i++)
        record[rng.chance(0.2) ? String(rng.int(0, 9)) : randomString(rng)] = randomValue(rng, depth - 1);
      return record;
    }
  }
}
