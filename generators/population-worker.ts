/**
 * A worker thread of the parallel population writer: it generates and serialises the chunks of
 * patients it is asked for, in the order asked, and posts back each chunk's NDJSON bytes. It keeps
 * one population, so the CPR numbering scan only ever moves forward.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { chunkNdjson } from './chunk.ts';
import { createPopulation, type PopulationOptions } from './population.ts';

export interface ChunkRequest {
  id: number;
  from: number;
  to: number;
}

const port = parentPort;
if (!port) throw new Error('population-worker runs only as a worker thread');
const population = createPopulation(workerData as PopulationOptions);

port.on('message', (request: ChunkRequest) => {
  const reply = chunkNdjson(population, request.id, request.from, request.to);
  // The bytes own their memory (a buffer of their own, never Node's shared pool): move it, no copy.
  port.postMessage(reply, [reply.bytes.buffer as ArrayBuffer]);
});
