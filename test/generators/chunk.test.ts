// A chunk of NDJSON from a worker thread is written into a buffer the main thread gave back when
// there is one, and must come out byte for byte as it would in a fresh buffer.
import { describe, expect, it } from 'vitest';
import { chunkNdjson } from '../../generators/chunk.ts';
import { createPopulation } from '../../generators/population.ts';

const options = { seed: 'chunk', asOf: '2026-01-15' };

describe('chunkNdjson', () => {
  it('writes into a recycled buffer, over whatever an earlier chunk left there', () => {
    const fresh = chunkNdjson(createPopulation(options), 1, 16, 48);
    const population = createPopulation(options);
    const earlier = chunkNdjson(population, 0, 0, 16);
    const recycled = earlier.bytes.buffer as ArrayBuffer;
    const again = chunkNdjson(population, 1, 16, 48, recycled);
    expect(again.bytes.buffer).toBe(recycled);
    expect(Buffer.from(again.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
    expect(again.patients).toBe(32);
  });

  it('moves to a bigger buffer of its own when the recycled one is too small', () => {
    const fresh = chunkNdjson(createPopulation(options), 0, 0, 32);
    const small = new ArrayBuffer(1024);
    const grown = chunkNdjson(createPopulation(options), 0, 0, 32, small);
    expect(grown.bytes.buffer).not.toBe(small);
    expect(Buffer.from(grown.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
  });
});
