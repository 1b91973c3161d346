/**
 * Writes population lines to a stream as NDJSON (one JSON object a line) or as one JSON array, in
 * constant memory: lines are serialised one at a time, gathered into chunks of about 256 KiB, and
 * the writer waits for the stream to drain before the next chunk.
 */
import type { Writable } from 'node:stream';
import type { PopulationLine } from './population.ts';

export type OutputFormat = 'ndjson' | 'json';

const CHUNK_BYTES = 256 * 1024;

export interface WriteProgress {
  /** Called after each patient line with the number written so far. */
  onPatient?: (written: number) => void;
}

/** Writes every line; resolves with the number of patient lines once the stream has taken them all. */
export async function writeLines(
  lines: Iterable<PopulationLine>,
  out: Writable,
  format: OutputFormat,
  progress: WriteProgress = {},
): Promise<number> {
  let chunk = format === 'json' ? '[' : '';
  let first = true;
  let patients = 0;
  for (const line of lines) {
    const text = JSON.stringify(line);
    if (format === 'json') {
      chunk += first ? `\n${text}` : `,\n${text}`;
    } else {
      chunk += `${text}\n`;
    }
    first = false;
    if (line.type === 'patient') {
      patients += 1;
      progress.onPatient?.(patients);
    }
    if (chunk.length >= CHUNK_BYTES) {
      await write(out, chunk);
      chunk = '';
    }
  }
  if (format === 'json') chunk += first ? ']\n' : '\n]\n';
  if (chunk) await write(out, chunk);
  return patients;
}

function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    out.once('error', onError);
    const ok = out.write(text, (error) => {
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
  let patients = 0;
  let first = true;
  if (format === 'json') await write(out, '[');
  for await (const chunk of chunks) {
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
  return patients;
}
