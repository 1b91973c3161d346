// npm run bench:page-cache [-- GB]: what storing a large file costs this machine's kernel, the part
// of `bench:generate` that `/dev/null` leaves out. Writes GB gigabytes (default 4) of one reused
// 2 MiB buffer to a file in the system temp directory, twice, deleting the file after each pass, and
// prints the kernel CPU time per GB of each pass: the first pass takes page-cache memory the
// system may not have touched for a while, the second the memory the first one just freed. On a
// VM whose host reclaims freed guest memory (a balloon), the first pass costs several times more.
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const gb = Number(process.argv[2] ?? 4);
if (!(gb > 0 && gb <= 64)) throw new Error(`give a size in GB from 1 to 64, got ${process.argv[2]}`);
const chunk = Buffer.alloc(2 * 1024 * 1024, 0x61);
const dir = mkdtempSync(join(tmpdir(), 'minlaege-page-cache-'));
try {
  for (const pass of ['first', 'second']) {
    const file = join(dir, 'fill.bin');
    const fd = openSync(file, 'w');
    const before = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < gb * 512; i++) writeSync(fd, chunk);
    closeSync(fd);
    const used = process.cpuUsage(before);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${pass} pass: ${gb} GB in ${seconds.toFixed(1)} s; kernel CPU ${(used.system / 1e6 / gb).toFixed(2)} s a GB`,
    );
    unlinkSync(file);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
