/**
 * A file written around the operating system's page cache (`O_DIRECT`), for `generate --out`.
 *
 * Storing a file through the page cache costs the kernel a copy and, for memory it has not touched
 * lately, fresh pages; a million patients is ~8 GB. On the 2-vCPU development VM that cost 2–3 s of
 * kernel CPU a gigabyte (`npm run bench:page-cache`): ~18 s of a million-patient run, taken from the
 * threads that generate, against ~2 s for the whole run written directly (`npm run
 * bench:generate` prints both). The disk there took direct writes at 1.8 GB/s in a one-off `dd`
 * probe, far above the ~200 MB/s the generators produce.
 *
 * Direct writes must come from memory aligned to the device's blocks, in whole blocks, at
 * block-aligned file offsets. The writer copies what it is given into two 4 MiB stages of
 * page-aligned memory and writes one while the other fills; the last stage is padded to a whole
 * block and the file is then cut back to its true length. Where the file system refuses direct I/O
 * (tmpfs, some network file systems, any OS without `O_DIRECT`) the file is opened as usual, and if
 * the first direct write is refused it is reopened as usual and written the same way, so the bytes
 * are the same either way.
 */
import { close, constants, ftruncate, open, openSync, write } from 'node:fs';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import type { ChunkCopier } from '../generators/stream.ts';

/** Block alignment that satisfies every common device (512-byte and 4 KiB logical blocks). */
const BLOCK = 4096;
/** Bytes a stage holds: one direct write. */
export const STAGE_BYTES = 4 * 1024 * 1024;

const openAsync = promisify(open);
const writeAsync = promisify(write);
const ftruncateAsync = promisify(ftruncate);
const closeAsync = promisify(close);

/** Two page-aligned stages; undefined where WebAssembly (whose memory is page-aligned) is missing. */
function alignedStages(): [Buffer, Buffer] | undefined {
  if (typeof WebAssembly === 'undefined') return undefined;
  const memory = new WebAssembly.Memory({ initial: (2 * STAGE_BYTES) / 65_536, maximum: (2 * STAGE_BYTES) / 65_536 });
  return [Buffer.from(memory.buffer, 0, STAGE_BYTES), Buffer.from(memory.buffer, STAGE_BYTES, STAGE_BYTES)];
}

/**
 * Opens `path` (created or truncated) for direct writing; undefined when this system or file
 * system cannot, so that the caller opens it as usual. Other errors (no such directory, no
 * permission) are thrown as the file system gives them.
 */
export async function openDirectFile(path: string): Promise<DirectFileWriter | undefined> {
  const directFlag = (constants as { O_DIRECT?: number }).O_DIRECT;
  if (directFlag === undefined) return undefined;
  const stages = alignedStages();
  if (!stages) return undefined;
  let fd: number;
  try {
    fd = await openAsync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | directFlag, 0o666);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EINVAL') return undefined; // e.g. tmpfs
    throw error;
  }
  return new DirectFileWriter(path, fd, stages);
}

/**
 * A Writable over a file opened with `O_DIRECT` (see the module's comment). A chunk's memory is
 * free once its write callback runs: it has been copied into a stage.
 */
export class DirectFileWriter extends Writable implements ChunkCopier {
  readonly copiesChunks = true;
  readonly #path: string;
  #fd: number;
  #direct = true;
  readonly #stages: [Buffer, Buffer];
  /** The write in flight from each stage, if any. */
  readonly #inFlight: [Promise<void> | undefined, Promise<void> | undefined] = [undefined, undefined];
  #current = 0;
  #filled = 0;
  /** Bytes of the stages handed to the file so far: the file offset of the next stage. */
  #flushed = 0;
  #closed = false;

  constructor(path: string, fd: number, stages: [Buffer, Buffer]) {
    super({ highWaterMark: STAGE_BYTES, decodeStrings: true });
    this.#path = path;
    this.#fd = fd;
    this.#stages = stages;
  }

  /** Whether the file is still written directly (false once the file system refused it). */
  get direct(): boolean {
    return this.#direct;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#take(chunk).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#finish().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Writes in flight use the descriptor; it is closed only once they are done, so that its number
    // is never reused under them.
    Promise.allSettled(this.#inFlight.filter((w) => w !== undefined))
      .then(() => this.#close())
      .then(
        () => callback(error),
        (closeError: Error) => callback(error ?? closeError),
      );
  }

  async #take(chunk: Buffer): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      const stage = this.#stages[this.#current] as Buffer;
      const copied = chunk.copy(stage, this.#filled, offset);
      this.#filled += copied;
      offset += copied;
      if (this.#filled === STAGE_BYTES) await this.#flushStage();
    }
  }

  /** Starts writing the current stage and waits until the other one is free to fill. */
  async #flushStage(): Promise<void> {
    const index = this.#current;
    const length = this.#filled;
    const position = this.#flushed;
    const written = this.#writeStage(this.#stages[index] as Buffer, length, position);
    written.catch(() => {}); // awaited below or at the end; this keeps a failure from going unhandled meanwhile
    this.#inFlight[index] = written;
    this.#flushed += length;
    this.#current = 1 - index;
    this.#filled = 0;
    // The first write shows whether the file system takes direct writes; none overlaps it.
    if (position === 0) await written;
    await this.#inFlight[this.#current];
    this.#inFlight[this.#current] = undefined;
  }

  async #writeStage(stage: Buffer, length: number, position: number): Promise<void> {
    // A direct write goes in whole blocks; the last stage's padding is cut off in #finish.
    const padded = this.#direct ? Math.ceil(length / BLOCK) * BLOCK : length;
    if (padded > length) stage.fill(0, length, padded);
    let done = 0;
    while (done < padded) {
      try {
        const { bytesWritten } = await writeAsync(this.#fd, stage, done, padded - done, position + done);
        if (bytesWritten === 0) throw Object.assign(new Error('no space left to write'), { code: 'ENOSPC' });
        done += bytesWritten;
      } catch (error) {
        if (!(this.#direct && position === 0 && done === 0 && (error as NodeJS.ErrnoException).code === 'EINVAL')) {
          throw error;
        }
        // The file system took the flag but not the write: write this file as usual instead.
        this.#reopenBuffered();
        return this.#writeStage(stage, length, position);
      }
    }
  }

  #reopenBuffered(): void {
    const fd = openSync(this.#path, 'r+');
    close(this.#fd, () => {});
    this.#fd = fd;
    this.#direct = false;
  }

  async #finish(): Promise<void> {
    const length = this.#flushed + this.#filled;
    if (this.#filled > 0) await this.#flushStage();
    await Promise.all(this.#inFlight);
    this.#inFlight[0] = this.#inFlight[1] = undefined;
    await ftruncateAsync(this.#fd, length);
    await this.#close();
  }

  async #close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await closeAsync(this.#fd);
  }
}
