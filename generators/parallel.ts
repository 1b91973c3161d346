/**
 * Generates a range of the population on several threads and yields NDJSON bytes in patient order.
 * Serialising a complete patient costs as much as generating it, so both are spread over the
 * machine's cores: chunks of whole blocks go round-robin to worker threads, at most two in flight
 * per worker, so memory stays flat however many patients are generated. The main thread only
 * writes and never loads the generators, and each worker's heap is capped, since every thread that
 * loads them costs ~90 MB at speed. On the 2-vCPU development machine two threads gave 1.3–1.5×
 * one thread's rate writing to a file (see the README), so `generate` uses two by default.
 */
import { Worker } from 'node:worker_threads';
import { fromSource, kitFile } from '../contracts/kit-files.ts';
import type { ChunkReply } from './chunk.ts';
import { BLOCK_SIZE } from './households.ts';
import type { PopulationOptions } from './population.ts';
import type { ChunkRequest, Recycle } from './population-worker.ts';

/** Patients per chunk: a multiple of the block size, small enough to keep memory flat. */
export const CHUNK_PATIENTS = 32 * BLOCK_SIZE;

export interface ParallelOptions extends PopulationOptions {
  /** Worker threads that generate (at least one). */
  threads: number;
}

/** A chunk's bytes, on loan from the worker that wrote them. */
export interface LentChunk extends ChunkReply {
  /**
   * Gives the bytes' memory back to their worker, to write a later chunk into; call it once they
   * are written (or copied), since the bytes are unusable after. Without it the main thread takes a
   * new ~2 MB buffer a chunk, and the growing pile of them makes it collect garbage every ~100 ms.
   */
  release(): void;
}

/** NDJSON bytes of patients [from, to), chunk by chunk in order. */
export async function* parallelNdjson(options: ParallelOptions, from: number, to: number): AsyncGenerator<LentChunk> {
  const chunks: [number, number][] = [];
  // The first chunk ends on a block boundary so later chunks start on one.
  for (let start = from; start < to; ) {
    const end = Math.min(to, (Math.floor(start / CHUNK_PATIENTS) + 1) * CHUNK_PATIENTS);
    chunks.push([start, end]);
    start = end;
  }
  const population = { seed: options.seed, asOf: options.asOf };
  const lanes = Math.max(1, Math.min(options.threads, chunks.length));
  const workers = Array.from({ length: lanes }, () => spawnWorker(population));
  const pending = new Map<number, Promise<ChunkReply>>();
  const request = (i: number) => {
    const chunk = chunks[i];
    const worker = workers[i % lanes];
    if (!chunk || !worker) return; // past the end
    const promise = worker.ask({ id: i, from: chunk[0], to: chunk[1] });
    // Awaited in order below; this only keeps a failure of a later chunk from going unhandled meanwhile.
    promise.catch(() => {});
    pending.set(i, promise);
  };
  try {
    for (let i = 0; i < Math.min(chunks.length, 2 * lanes); i++) request(i);
    for (let i = 0; i < chunks.length; i++) {
      const promise = pending.get(i);
      if (!promise) throw new Error(`chunk ${i} was never requested`);
      const reply = await promise;
      pending.delete(i);
      request(i + 2 * lanes);
      const worker = workers[i % lanes] as PopulationWorker;
      yield { ...reply, release: () => worker.recycle(reply.bytes.buffer as ArrayBuffer) };
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

// A worker keeps ~11 MB alive between chunks. Capping its heap bounds the memory of a run; caps
// much below these made the workers collect garbage so often that they ran slower than one thread.
// A 16 MB young generation ran as fast as 32 MB or faster, in ~20 MB less (300,000 patients: 18.5 s
// and 209 MB against 21.9 s and 212 MB; 8 MB: 20.8 s, 191 MB).
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

interface PopulationWorker {
  ask(request: ChunkRequest): Promise<ChunkReply>;
  /** Hands a written chunk's memory back (moved, not copied); dropped once the worker is stopped. */
  recycle(buffer: ArrayBuffer): void;
  terminate(): Promise<number>;
}

function spawnWorker(data: PopulationOptions): PopulationWorker {
  // Run from source (tests, tsx) the worker is TypeScript and needs tsx's loader; built, it is JS.
  const url = kitFile(fromSource ? 'generators/population-worker-dev.mjs' : 'generators/population-worker.js');
  const worker = new Worker(url, { workerData: data, resourceLimits: WORKER_LIMITS });
  const waiting: { resolve: (r: ChunkReply) => void; reject: (e: Error) => void }[] = [];
  let stopped = false;
  worker.on('message', (reply: ChunkReply) => waiting.shift()?.resolve(reply));
  const failAll = (error: Error) => {
    for (const w of waiting.splice(0)) w.reject(error);
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    stopped = true;
    if (code !== 0) failAll(new Error(`population worker stopped with exit code ${code}`));
  });
  return {
    ask(request) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(request);
      });
    },
    recycle(buffer) {
      if (stopped) return;
      const message: Recycle = { recycle: buffer };
      worker.postMessage(message, [buffer]);
    },
    terminate() {
      stopped = true;
      return worker.terminate();
    },
  };
}
