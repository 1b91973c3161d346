// `minlaege-sandbox generate`: NDJSON and JSON output, shards that concatenate to the whole, and
// clear one-line errors with exit code 2 for bad arguments.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STAGE_BYTES } from '../../cli/direct-file.ts';
import { defaultThreads, PARALLEL_FROM } from '../../cli/generate.ts';
import { type CliIo, run } from '../../cli/program.ts';

const dir = mkdtempSync(join(tmpdir(), 'minlaege-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s) };
  return { io, out, err };
}

async function generate(args: string[], file: string): Promise<string> {
  const { io, err } = capture();
  const code = await run(['generate', '--seed', 'cli-test', '--as-of', '2026-03-15', '--out', file, ...args], io);
  expect(code, err.join('')).toBe(0);
  return readFileSync(file, 'utf8');
}

describe('minlaege-sandbox generate', () => {
  it('writes NDJSON: a clinic line, then one line per patient, and leaves no partial file', async () => {
    const text = await generate(['--count', '40'], join(dir, 'all.ndjson'));
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].type).toBe('clinic');
    expect(lines.filter((l) => l.type === 'patient')).toHaveLength(40);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('gives shards whose outputs concatenate to the unsharded output, byte for byte', async () => {
    const whole = await generate(['--count', '50'], join(dir, 'whole.ndjson'));
    const parts: string[] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      parts.push(
        await generate(['--count', '50', '--shard', shard], join(dir, `part-${shard.replace('/', '-')}.ndjson`)),
      );
    }
    expect(parts.join('')).toBe(whole);
    expect(parts.every((p) => p.length > 0)).toBe(true);
  });

  it('uses two threads by default for large runs on a machine with two cores or more, one otherwise', () => {
    expect(defaultThreads(PARALLEL_FROM - 1)).toBe(1);
    expect(defaultThreads(1_000_000)).toBe(Math.min(2, availableParallelism()));
  });

  it('writes the same bytes on several threads as on one', async () => {
    expect(PARALLEL_FROM).toBeLessThanOrEqual(5000); // so that --threads 2 below really uses workers
    const inProcess = await generate(['--count', '5000', '--threads', '1'], join(dir, 'one.ndjson'));
    const threaded = await generate(['--count', '5000', '--threads', '2'], join(dir, 'two.ndjson'));
    expect(threaded.length).toBeGreaterThan(1_000_000);
    expect(threaded === inProcess).toBe(true);
    const json = await generate(['--count', '5000', '--threads', '2', '--format', 'json'], join(dir, 'two.json'));
    expect(JSON.parse(json)).toHaveLength(5004); // 5,000 patients and the lines of clinics 0–3 (two pairs of clinics)
  });

  it('writes the same bytes around the page cache (the default) as through it (--page-cache)', async () => {
    const direct = await generate(['--count', '700'], join(dir, 'direct.ndjson'));
    const cached = await generate(['--count', '700', '--page-cache'], join(dir, 'cached.ndjson'));
    expect(direct.length).toBeGreaterThan(STAGE_BYTES); // a full stage of the direct writer and a ragged tail
    expect(direct === cached).toBe(true);
  });

  it('reports a write that fails mid-run in one line, exit 1, with no stack trace, the target kept', () => {
    const kept = join(dir, 'kept.txt');
    writeFileSync(kept, 'an earlier export\n');
    const cli = (out: string, extra = '') =>
      spawnSync(
        'bash',
        [
          '-c',
          `${extra}exec "$0" --import tsx cli/bin.ts generate --seed s --as-of 2026-03-15 --count 50 --out "$1"`,
          process.execPath,
          out,
        ],
        { encoding: 'utf8' },
      );
    // A full disk (a device), and a file over the size limit (the partial file beside the target).
    for (const [out, extra] of [
      ['/dev/full', ''],
      [kept, 'ulimit -f 20; '],
    ] as const) {
      const r = cli(out, extra);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^minlaege-sandbox: (ENOSPC|EFBIG)/);
      expect(r.stderr).not.toMatch(/node:|Unhandled|\n\s+at /);
    }
    expect(readFileSync(kept, 'utf8')).toBe('an earlier export\n');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('writes into a device or a named pipe given as --out, and leaves it a device or a pipe', async () => {
    const { io, err } = capture();
    expect(
      await run(['generate', '--seed', 's', '--as-of', '2026-03-15', '--count', '3', '--out', '/dev/null'], io),
    ).toBe(0);
    expect(err.join('')).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const chunks: Buffer[] = [];
    const reader = new Promise<void>((resolve, reject) => {
      createReadStream(fifo)
        .on('data', (c) => chunks.push(c as Buffer))
        .on('end', resolve)
        .on('error', reject);
    });
    const piped = await run(['generate', '--seed', 's', '--as-of', '2026-03-15', '--count', '3', '--out', fifo], io);
    await reader;
    expect(piped).toBe(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(Buffer.concat(chunks).toString().trimEnd().split('\n')).toHaveLength(5); // a pair of clinics and 3 patients
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'stopped by %s mid-run, leaves neither the file nor a partial one (exit %i)',
    async (signal, code) => {
      const name = `stopped-${signal}.ndjson`;
      const args = ['generate', '--count', '1000000', '--seed', 's', '--as-of', '2026-03-15', '--out', join(dir, name)];
      const child = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', ...args], { stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      const leftovers = () => readdirSync(dir).filter((f) => f.startsWith(name));
      // Signalled once the run is writing: its partial file exists and has bytes in it.
      for (let i = 0; i < 300 && !leftovers().some((f) => statSync(join(dir, f)).size > 0); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(leftovers()).toHaveLength(1);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(leftovers()).toEqual([]);
    },
    30_000,
  );

  it('writes the same records as one JSON array with --format json', async () => {
    const ndjson = await generate(['--count', '12'], join(dir, 'a.ndjson'));
    const json = await generate(['--count', '12', '--format', 'json'], join(dir, 'a.json'));
    expect(JSON.parse(json)).toEqual(
      ndjson
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );
    expect(JSON.parse(await generate(['--count', '0', '--format', 'json'], join(dir, 'empty.json')))).toEqual([]);
  });

  it.each([
    [['--count', '-5', '--seed', 's'], /--count must be a whole number/],
    [['--count', 'ten', '--seed', 's'], /--count must be a whole number/],
    [['--count', '10', '--seed', 's', '--shard', '3/2'], /--shard must be i\/n/],
    [['--count', '10', '--seed', 's', '--shard', 'half'], /--shard must be i\/n/],
    [['--count', '10', '--seed', 's', '--as-of', '2026-13-01'], /--as-of must be a date/],
    [['--count', '10', '--seed', 's', '--out', '/nonexistent-dir/out.ndjson'], /cannot write --out \/nonexistent-dir/],
    [['--count', '10', '--seed', 's', '--format', 'xml'], /Allowed choices are ndjson, json/],
    [['--count', '10'], /required option '--seed <seed>'/],
    [['--count', '10', '--seed', 's', '--as-of', '2070-01-01'], /--as-of must lie in 1958–2057/],
    [['--count', '10', '--seed', 's', '--out', tmpdir()], /cannot write --out .* \(EISDIR\)/],
    [['--count', '10', '--seed', 's', '--threads', '0'], /--threads must be a whole number from 1 to 64/],
    [['--count', '10', '--seed', 's', '--out', ''], /--out needs a file name/],
  ])('refuses %j with exit code 2 and a one-line message', async (args, message) => {
    const { io, err } = capture();
    expect(await run(['generate', ...args], io)).toBe(2);
    expect(err.join('')).toMatch(message);
    expect(err.join('')).not.toMatch(/\n\s+at /);
  });
});
