/**
 * Generates a range of the population on worker threads and yields NDJSON text in patient order.
 * Serialising a complete patient costs as much as generating it, so both are spread over the
 * machine's cores; the main thread only writes. Chunks are whole blocks of patients, handed out
 * round-robin, and at most two are in flight per worker, so memory stays constant however many
 * patients are generated.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BLOCK_SIZE } from './households.ts';
import type { PopulationOptions } from './population.ts';
import type { ChunkReply, ChunkRequest } from './population-worker.ts';

/** Patients per chunk: a multiple of the block size, small enough to keep memory flat. */
export const CHUNK_PATIENTS = 64 * BLOCK_SIZE;

export interface ParallelOptions extends PopulationOptions {
  /** Worker threads; defaults to the machine's available parallelism. */
  workers?: number;
}

/** NDJSON text of patients [from, to), chunk by chunk in order. */
export async function* parallelNdjson(options: ParallelOptions, from: number, to: number): AsyncGenerator<ChunkReply> {
  const chunks: [number, number][] = [];
  // The first chunk ends on a block boundary so later chunks start on one.
  for (let start = from; start < to; ) {
    const end = Math.min(to, (Math.floor(start / CHUNK_PATIENTS) + 1) * CHUNK_PATIENTS);
    chunks.push([start, end]);
    start = end;
  }
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), chunks.length));
  const workers = Array.from({ length: count }, () => spawnWorker({ seed: options.seed, asOf: options.asOf }));
  // Replies arrive per worker in request order; chunk i belongs to worker i % count.
  const pending = new Map<number, { promise: Promise<ChunkReply> }>();
  const request = (i: number) => {
    const chunk = chunks[i];
    const worker = workers[i % count];
    if (!chunk || !worker) return;
    pending.set(i, { promise: worker.ask({ id: i, from: chunk[0], to: chunk[1] }) });
  };
  try {
    for (let i = 0; i < Math.min(chunks.length, 2 * count); i++) request(i);
    for (let i = 0; i < chunks.length; i++) {
      const entry = pending.get(i);
      if (!entry) throw new Error(`chunk ${i} was never requested`);
      const reply = await entry.promise;
      pending.delete(i);
      request(i + 2 * count);
      yield reply;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

interface PopulationWorker {
  ask(request: ChunkRequest): Promise<ChunkReply>;
  terminate(): Promise<number>;
}

function spawnWorker(data: PopulationOptions): PopulationWorker {
  // Run from source (tests, tsx) the worker is TypeScript and needs tsx's loader; built, it is JS.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './population-worker-dev.mjs' : './population-worker.js', import.meta.url);
  const worker = new Worker(url, { workerData: data });
  const waiting: { resolve: (r: ChunkReply) => void; reject: (e: Error) => void }[] = [];
  worker.on('message', (reply: ChunkReply) => waiting.shift()?.resolve(reply));
  const failAll = (error: Error) => {
    for (const w of waiting.splice(0)) w.reject(error);
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    if (code !== 0) failAll(new Error(`population worker stopped with exit code ${code}`));
  });
  return {
    ask(request) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(request);
      });
    },
    terminate: () => worker.terminate(),
  };
}
