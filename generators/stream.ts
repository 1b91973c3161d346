/**
 * Writes population lines to a stream as NDJSON (one JSON object a line) or as one JSON array, in
 * constant memory: each line is serialised and UTF-8 encoded straight into a 1 MiB buffer, and a
 * full buffer is handed to the stream, which may hold a few of them (its high-water mark) while the
 * disk catches up, so generating and writing overlap.
 */
import type { Writable } from 'node:stream';
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
 * Gathers text into UTF-8 buffers. Encoding each flat JSON string into place avoids building a long
 * concatenated string that the stream would have to flatten and encode again.
 */
class Utf8Batcher {
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;

  constructor(private readonly out: Writable) {}

  /**
   * Copies the text and a newline in if they surely fit, synchronously (no promise: the common
   * case); false if a flush must come first.
   */
  tryPushLine(text: string): boolean {
    // A UTF-16 code unit never takes more than three UTF-8 bytes.
    if (this.used + text.length * 3 + 1 > this.buffer.length) return false;
    this.used += this.buffer.write(text, this.used, 'utf8');
    this.buffer[this.used++] = 0x0a;
    return true;
  }

  async push(text: string): Promise<void> {
    // A UTF-16 code unit never takes more than three UTF-8 bytes.
    if (this.used + text.length * 3 > this.buffer.length) {
      await this.flush();
      if (text.length * 3 > this.buffer.length) {
        await write(this.out, Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    // The stream keeps the buffer until it is written, so the next batch gets a fresh one.
    this.buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    this.used = 0;
    await write(this.out, full);
  }
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
  const batch = new Utf8Batcher(out);
  let first = true;
  let patients = 0;
  if (format === 'json') await batch.push('[');
  for (const line of lines) {
    check();
    if (format === 'ndjson') {
      // No promise per line unless a flush is due: awaiting one costs a microtask turn.
      const text = JSON.stringify(line);
      if (!batch.tryPushLine(text)) {
        await batch.push(text);
        await batch.push('\n');
      }
    } else {
      await batch.push(first ? '\n' : ',\n');
      await batch.push(JSON.stringify(line));
    }
    first = false;
    if (line.type === 'patient') {
      patients += 1;
      progress.onPatient?.(patients);
    }
  }
  if (format === 'json') await batch.push(first ? ']\n' : '\n]\n');
  await batch.flush();
  check();
  return patients;
}

function write(out: Writable, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    out.once('error', onError);
    const ok = out.write(data, (error) => {
      if (error) reject(error);
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
 * Writes chunks of NDJSON text (from `parallelNdjson`) as NDJSON or as one JSON array; resolves
 * with the number of patients written.
 */
export async function writeNdjsonChunks(
  chunks: AsyncIterable<{ text: string; patients: number }>,
  out: Writable,
  format: OutputFormat,
  progress: WriteProgress = {},
): Promise<number> {
  const errors = watchErrors(out);
  let patients = 0;
  let first = true;
  try {
    if (format === 'json') await write(out, '[');
    for await (const chunk of chunks) {
      errors.check();
      if (chunk.text) {
        if (format === 'json') {
          // A serialised line never holds a raw newline, so line ends are exactly the separators.
          const body = chunk.text.slice(0, -1).replaceAll('\n', ',\n');
          await write(out, `${first ? '\n' : ',\n'}${body}`);
        } else {
          await write(out, chunk.text);
        }
        first = false;
      }
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
