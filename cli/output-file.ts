/**
 * Files the CLI writes whole or not at all (`generate --out`, `verify --junit/--json/
 * --export-patients`): the bytes go to a partial file beside the target, which is renamed over the
 * target only once everything is written, so a failed or interrupted write never leaves a
 * truncated file under the target's name, and an earlier file there stays as it was.
 *
 * - A target that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is
 *   written to directly: renaming a file over it would replace the device.
 * - A symbolic link is followed: the file it points to is replaced and the link stays, as a
 *   direct write through the link would leave it.
 * - A stream to a new partial file goes around the page cache where the file system allows
 *   (cli/direct-file.ts), unless the caller asks for the page cache.
 */
import { existsSync, lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { openDirectFile } from './direct-file.ts';

/** Where the bytes for `path` go, and the file that is renamed into place (none when written directly). */
export interface OutputPlan {
  /** The file opened for writing. */
  writeTo: string;
  /** The file it is renamed to once complete; undefined for a direct write. */
  renameTo: string | undefined;
}

/**
 * The plan for writing `path`. Throws the file system's error for a directory or a dangling link
 * whose directory is missing, as writing would.
 */
export function outputPlan(path: string): OutputPlan {
  const existing = existsSync(path) ? statSync(path) : undefined; // follows links
  if (existing?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
  if (existing && !existing.isFile()) return { writeTo: path, renameTo: undefined };
  const isLink = lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  const target = isLink && existing ? realpathSync(path) : path;
  return { writeTo: `${target}.partial-${process.pid}`, renameTo: target };
}

/** Writes `text` to `path` whole or not at all (see the module's comment); throws the file system's error. */
export function writeWhole(path: string, text: string): void {
  const plan = outputPlan(path);
  try {
    writeFileSync(plan.writeTo, text);
    if (plan.renameTo !== undefined) renameSync(plan.writeTo, plan.renameTo);
  } catch (error) {
    if (plan.renameTo !== undefined) rmSync(plan.writeTo, { force: true });
    throw error;
  }
}

export interface OutputStream {
  /** A file WriteStream, or a DirectFileWriter; either is done with a chunk once its callback runs. */
  stream: Writable;
  /** Closes the file and moves it into place. */
  commit(): Promise<void>;
  /**
   * Closes and deletes the partial file, leaving whatever was at the path untouched; at once, so
   * that a process about to exit on a signal can call it too.
   */
  abandon(): void;
}

/**
 * Opens `path` for a stream written whole or not at all (see the module's comment). A failed write
 * is reported through the write that failed; the stream's own 'error' event has a listener, so
 * Node does not also crash with a stack trace.
 */
export async function openOutputStream(
  path: string,
  highWaterMark: number,
  { pageCache = false }: { pageCache?: boolean } = {},
): Promise<OutputStream> {
  const plan = outputPlan(path);
  // Only a new partial file: a device or pipe written in place keeps its usual writes.
  const direct = !pageCache && plan.renameTo !== undefined ? await openDirectFile(plan.writeTo) : undefined;
  const stream: Writable = (direct ?? (await open(plan.writeTo, 'w')).createWriteStream({ highWaterMark })).on(
    'error',
    () => {},
  );
  const close = () =>
    new Promise<void>((resolve, reject) => {
      stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  return {
    stream,
    async commit() {
      await close();
      if (plan.renameTo !== undefined) await rename(plan.writeTo, plan.renameTo);
    },
    abandon() {
      stream.destroy();
      if (plan.renameTo !== undefined) rmSync(plan.writeTo, { force: true });
    },
  };
}
