/**
 * One chunk of the population as NDJSON bytes: what a worker thread posts back (moving the bytes'
 * memory to the main thread rather than copying it), and what the main thread writes as it is.
 * Once written, the memory goes back to the worker for a later chunk (see parallel.ts).
 */
import { JsonBytes } from './json-bytes.ts';
import { writeLine } from './patient-json.ts';
import type { Population } from './population.ts';

export interface ChunkReply {
  id: number;
  /** UTF-8 NDJSON, a newline after every line. */
  bytes: Uint8Array;
  patients: number;
}

/** Bytes to start a chunk's buffer with: a chunk of 256 complete patients is about 2 MB. */
const CHUNK_CAPACITY = 4 * 1024 * 1024;

/**
 * The NDJSON lines of patients [from, to) (with the clinic lines that fall among them), written
 * into `into` when given (a chunk that outgrows it moves to a bigger buffer of its own).
 */
export function chunkNdjson(
  population: Population,
  id: number,
  from: number,
  to: number,
  into?: ArrayBuffer,
): ChunkReply {
  const out = new JsonBytes(CHUNK_CAPACITY, into);
  let patients = 0;
  for (const line of population.lines(from, to)) {
    writeLine(out, line);
    out.byte(0x0a);
    if (line.type === 'patient') patients += 1;
  }
  return { id, bytes: out.take(0), patients };
}
