// Files written around the page cache (cli/direct-file.ts): the bytes and length are exactly what
// was written whatever the chunking, a file system that refuses direct writes gets the same bytes
// written as usual, and a stream torn down mid-run closes its file.
import { constants, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectFileWriter, openDirectFile, STAGE_BYTES } from '../../cli/direct-file.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minlaege-direct-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic bytes that differ at every offset a misplaced stage or padding would show. */
function pattern(length: number, salt: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + salt * 7 + (i >> 12)) & 0xff;
  return bytes;
}

async function writeAll(stream: DirectFileWriter, chunks: Buffer[]): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

/** Chunks of uneven sizes adding up to `total`, some larger than a stage. */
function chunked(total: number): Buffer[] {
  const sizes = [1, 4095, 4097, 65_536, STAGE_BYTES + 13, 3 * STAGE_BYTES - 5, 1_000_003, 7];
  const chunks: Buffer[] = [];
  let written = 0;
  for (let i = 0; written < total; i++) {
    const size = Math.min(sizes[i % sizes.length] as number, total - written);
    chunks.push(pattern(size, i));
    written += size;
  }
  return chunks;
}

const directSupported = (constants as { O_DIRECT?: number }).O_DIRECT !== undefined;

describe.skipIf(!directSupported)('DirectFileWriter', () => {
  it.each([
    ['empty', 0],
    ['under one block', 100],
    ['exactly one stage', STAGE_BYTES],
    ['two stages and a ragged tail', 2 * STAGE_BYTES + 12_345],
    ['many stages', 9 * STAGE_BYTES + 4096 * 3 + 1],
  ])('writes %s (%d bytes) exactly, with no padding left at the end', async (_name, total) => {
    const file = join(dir, 'out.ndjson');
    const stream = await openDirectFile(file);
    expect(stream, 'the development machine’s file systems take O_DIRECT').toBeInstanceOf(DirectFileWriter);
    if (!stream) return;
    const chunks = chunked(total);
    await writeAll(stream, chunks);
    expect(stream.direct).toBe(true);
    expect(statSync(file).size).toBe(total);
    expect(readFileSync(file).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('falls back to ordinary writes when the first direct write is refused, with the same bytes', async () => {
    const file = join(dir, 'fallback.ndjson');
    const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_DIRECT ?? 0));
    // Stages one byte off a page boundary: the kernel refuses direct writes from them (EINVAL).
    const memory = Buffer.alloc(2 * STAGE_BYTES + 2);
    const stream = new DirectFileWriter(file, fd, [
      memory.subarray(1, 1 + STAGE_BYTES),
      memory.subarray(2 + STAGE_BYTES, 2 + 2 * STAGE_BYTES),
    ]);
    const chunks = chunked(3 * STAGE_BYTES + 999);
    await writeAll(stream, chunks);
    expect(stream.direct).toBe(false);
    expect(readFileSync(file).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('closes its file when destroyed with writes in flight', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    const stream = await openDirectFile(join(dir, 'abandoned.ndjson'));
    if (!stream) throw new Error('no direct file');
    stream.write(pattern(3 * STAGE_BYTES, 1));
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.destroy();
    await closed;
    expect(openFiles()).toBe(before);
  });
});
