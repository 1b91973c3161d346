/**
 * A worker thread of the parallel population writer: it generates and serialises the chunks of
 * patients it is asked for, in the order asked, and posts back each chunk's NDJSON bytes. It keeps
 * one population, so the CPR numbering scan only ever moves forward, and the buffers the main
 * thread hands back once it has written them, so a run reuses a few buffers instead of allocating
 * one per chunk.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { chunkNdjson } from './chunk.ts';
import { createPopulation, type PopulationOptions } from './population.ts';

export interface ChunkRequest {
  id: number;
  from: number;
  to: number;
}

/** A written chunk's memory, given back to be written into again. */
export interface Recycle {
  recycle: ArrayBuffer;
}

/** Buffers kept for reuse: as many as there can be chunks of this worker in flight, and one more. */
const SPARE_BUFFERS = 3;

const port = parentPort;
if (!port) throw new Error('population-worker runs only as a worker thread');
const population = createPopulation(workerData as PopulationOptions);
const spare: ArrayBuffer[] = [];

port.on('message', (message: ChunkRequest | Recycle) => {
  if ('recycle' in message) {
    if (spare.length < SPARE_BUFFERS) spare.push(message.recycle);
    return;
  }
  const reply = chunkNdjson(population, message.id, message.from, message.to, spare.pop());
  // The bytes own their memory (a buffer of their own, never Node's shared pool): move it, no copy.
  port.postMessage(reply, [reply.bytes.buffer as ArrayBuffer]);
});
