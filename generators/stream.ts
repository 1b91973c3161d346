/**
 * Writes population lines to a stream as NDJSON (one JSON object a line) or as one JSON array, in
 * constant memory: each line is serialised straight to UTF-8 bytes in a 1 MiB buffer (json-bytes.ts,
 * patient-json.ts: no string is built and encoded on the way), and a full buffer is handed to the stream, which may hold a few of them (its high-water mark) while the
 * disk catches up, so generating and writing overlap.
 */
import { WriteStream } from 'node:fs';
import { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { JsonBytes } from './json-bytes.ts';
import { writeLine } from './patient-json.ts';
import type { PopulationLine } from './population.ts';

export type OutputFormat = 'ndjson' | 'json';

const BUFFER_BYTES = 1024 * 1024;

/** The high-water mark to open output files with: a few buffers, so writing never stalls generating. */
export const OUTPUT_HIGH_WATER_MARK = 4 * BUFFER_BYTES;

export interface WriteProgress {
  /** Called after each patient line with the number written so far. */
  onPatient?: (written: number) => void;
}

/**
 * Records the first error a stream emits for the whole run. A write that the stream accepted can
 * still fail later (a full disk, a closed pipe); without a listener Node would crash on it.
 */
function watchErrors(out: Writable): { check(): void; dispose(): void } {
  let failed: Error | undefined;
  const onError = (error: Error) => {
    failed ??= error;
  };
  out.on('error', onError);
  return {
    check() {
      if (failed) throw failed;
    },
    dispose() {
      out.off('error', onError);
    },
  };
}

/** Writes every line; resolves with the number of patient lines once the stream has taken them all. */
export async function writeLines(
  lines: Iterable<PopulationLine>,
  out: Writable,
  format: OutputFormat,
  progress: WriteProgress = {},
): Promise<number> {
  const errors = watchErrors(out);
  try {
    return await writeAllLines(lines, out, format, progress, errors.check);
  } finally {
    errors.dispose();
  }
}

async function writeAllLines(
  lines: Iterable<PopulationLine>,
  out: Writable,
  format: OutputFormat,
  progress: WriteProgress,
  check: () => void,
): Promise<number> {
  // Room for a full batch and the line that overflows it, so a buffer rarely has to grow.
  const capacity = BUFFER_BYTES + 256 * 1024;
  const bytes = new JsonBytes(capacity);
  let first = true;
  let patients = 0;
  if (format === 'json') bytes.byte(0x5b); // [
  for (const line of lines) {
    check();
    if (format === 'json') bytes.ascii(first ? '\n' : ',\n');
    writeLine(bytes, line);
    if (format === 'ndjson') bytes.byte(0x0a);
    first = false;
    if (line.type === 'patient') {
      patients += 1;
      progress.onPatient?.(patients);
    }
    // No promise per line unless a batch is full: awaiting one costs a microtask turn.
    if (bytes.length >= BUFFER_BYTES) await write(out, bytes.take(capacity));
  }
  if (format === 'json') bytes.ascii(first ? ']\n' : '\n]\n');
  if (bytes.length > 0) await write(out, bytes.take(0));
  check();
  return patients;
}

/**
 * Whether the stream is done with a chunk's memory when its write callback runs: a file stream, a
 * socket or pipe (stdout, a terminal), or the process's own stdout and stderr (written at once when
 * they are files), or a stream that says it copies its chunks. Any other Writable (a PassThrough, a
 * collecting sink) may still hold the chunk after its callback, so its chunks are not handed back to
 * be written over.
 */
function doneWithChunkOnCallback(out: Writable): boolean {
  return (
    out instanceof WriteStream ||
    out instanceof Socket ||
    out === process.stdout ||
    out === process.stderr ||
    (out as Partial<ChunkCopier>).copiesChunks === true
  );
}

/** A Writable that copies each chunk before calling its write callback (cli/direct-file.ts). */
export interface ChunkCopier {
  readonly copiesChunks: true;
}

/**
 * Resolves once the stream has taken `data` (at once unless its buffer is full); `written` is
 * called later, once the data has reached the stream's destination and its memory is free again.
 */
function write(out: Writable, data: string | Uint8Array, written?: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    out.once('error', onError);
    const ok = out.write(data, (error) => {
      if (error) reject(error);
      else written?.();
    });
    const done = () => {
      out.off('error', onError);
      resolve();
    };
    if (ok) done();
    else out.once('drain', done);
  });
}

/**
 * Writes chunks of NDJSON bytes (from `parallelNdjson`) as NDJSON or as one JSON array, releasing
 * each chunk's memory once written; resolves with the number of patients written.
 */
export async function writeNdjsonChunks(
  chunks: AsyncIterable<{ bytes: Uint8Array; patients: number; release?: () => void }>,
  out: Writable,
  format: OutputFormat,
  progress: WriteProgress = {},
): Promise<number> {
  const errors = watchErrors(out);
  const releases = doneWithChunkOnCallback(out);
  let patients = 0;
  let first = true;
  try {
    if (format === 'json') await write(out, '[');
    for await (const chunk of chunks) {
      errors.check();
      if (chunk.bytes.length > 0) {
        if (format === 'json') {
          // A serialised line never holds a raw newline, so line ends are exactly the separators.
          const text = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.length).toString('utf8');
          const body = text.slice(0, -1).replaceAll('\n', ',\n');
          chunk.release?.();
          await write(out, `${first ? '\n' : ',\n'}${body}`);
        } else {
          await write(out, chunk.bytes, releases ? chunk.release : undefined);
        }
        first = false;
      } else chunk.release?.();
      patients += chunk.patients;
      progress.onPatient?.(patients);
    }
    if (format === 'json') await write(out, first ? ']\n' : '\n]\n');
    errors.check();
    return patients;
  } finally {
    errors.dispose();
  }
}
