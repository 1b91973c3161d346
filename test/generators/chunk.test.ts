// A chunk of NDJSON from a worker thread is written into a buffer the main thread gave back when
// there is one, and must come out byte for byte as it would in a fresh buffer.
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chunkNdjson } from '../../generators/chunk.ts';
import { createPopulation } from '../../generators/population.ts';
import { writeNdjsonChunks } from '../../generators/stream.ts';

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

describe('writeNdjsonChunks', () => {
  // Chunks as the parallel writer lends them: release() marks the memory free to be written over.
  async function* lent(released: number[]) {
    const population = createPopulation(options);
    for (let i = 0; i < 3; i++) {
      const chunk = chunkNdjson(population, i, i * 16, (i + 1) * 16);
      yield { ...chunk, release: () => released.push(i) };
    }
  }

  it('hands chunks back once a file stream has written them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chunks-'));
    try {
      const released: number[] = [];
      const out = createWriteStream(join(dir, 'out.ndjson'));
      await writeNdjsonChunks(lent(released), out, 'ndjson');
      await new Promise<void>((resolve) => out.end(resolve));
      expect(released).toEqual([0, 1, 2]);
      expect(readFileSync(join(dir, 'out.ndjson'), 'utf8').trimEnd().split('\n').length).toBeGreaterThan(48);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps them for a stream that may still hold a chunk after its callback', async () => {
    const released: number[] = [];
    const out = new PassThrough();
    const read: Buffer[] = [];
    out.on('data', (b: Buffer) => read.push(b));
    await writeNdjsonChunks(lent(released), out, 'ndjson');
    out.end();
    expect(released).toEqual([]);
  });
});
