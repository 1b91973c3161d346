/**
 * One chunk of the population as NDJSON text: what a worker thread posts back, and what the main
 * thread makes itself when it takes a share of the work.
 */
import type { Population } from './population.ts';

export interface ChunkReply {
  id: number;
  text: string;
  patients: number;
}

/** The NDJSON lines of patients [from, to) (with the clinic lines that fall among them). */
export function chunkNdjson(population: Population, id: number, from: number, to: number): ChunkReply {
  let text = '';
  let patients = 0;
  for (const line of population.lines(from, to)) {
    text += `${JSON.stringify(line)}\n`;
    if (line.type === 'patient') patients += 1;
  }
  return { id, text, patients };
}
