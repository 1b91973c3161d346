// npm run bench:generate [-- --count N]: complete synthetic patients per second and peak memory for
// N patients (default one million) streamed to a file by the built CLI, beside a baseline measured
// in the same run: N bare Faker persons. Each runs in its own process, so peak RSS is its own. Two
// more runs write the same patients through the page cache (`--page-cache`; by default `generate`
// writes a file around it) and to /dev/null: what storing ~8 GB costs the machine either way (on
// the development VM, first-touch memory for the page cache is costly). Each run prints its kernel
// CPU time too.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultThreads } from '../cli/generate.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' } } });
const count = Number(values.count);
const dir = mkdtempSync(join(tmpdir(), 'minlaege-bench-'));
const threads = defaultThreads(count);

// Reports the child's peak resident memory on exit, without changing what it runs.
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nBENCH_MAX_RSS_KB='+u.maxRSS+' BENCH_SYSTEM_US='+u.systemCPUTime+'\\n')})`;

interface Measured {
  seconds: number;
  maxRssMb: number;
  bytes: number;
  /** CPU seconds the kernel spent for the process (system time). */
  kernelSeconds: number;
}

function measure(args: string[], file: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', RSS_HOOK, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const usage = /BENCH_MAX_RSS_KB=(\d+) BENCH_SYSTEM_US=(\d+)/.exec(stderr);
      if (code !== 0 || !usage) return reject(new Error(`${args.join(' ')} failed (${code}):\n${stderr}`));
      const bytes = statSync(file).isFile() ? statSync(file).size : Number.NaN;
      resolve({ seconds, maxRssMb: Number(usage[1]) / 1024, bytes, kernelSeconds: Number(usage[2]) / 1e6 });
    });
  });
}

function row(name: string, m: Measured): string {
  const rate = Math.round(count / m.seconds).toLocaleString('en-US');
  return `${name.padEnd(50)} ${m.seconds.toFixed(1).padStart(7)} s ${rate.padStart(10)} /s ${m.maxRssMb.toFixed(0).padStart(6)} MB peak ${m.kernelSeconds.toFixed(1).padStart(6)} s kernel ${Number.isNaN(m.bytes) ? '' : `${(m.bytes / 1e6).toFixed(0).padStart(7)} MB file`}`;
}

try {
  console.log(
    `Node ${process.version}; ${count.toLocaleString('en-US')} patients; generate's default of ${threads} thread(s) here; building dist/ first`,
  );
  await new Promise<void>((resolve, reject) => {
    spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'inherit' }).on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error('build failed')),
    );
  });
  const baselineFile = join(dir, 'faker.ndjson');
  const baseline = await measure(['scripts/bench/faker-persons.mjs', String(count), baselineFile], baselineFile);
  const generate = (out: string, extra: string[] = []) =>
    measure(
      [
        'dist/cli/bin.js',
        'generate',
        '--count',
        String(count),
        '--seed',
        'bench',
        '--as-of',
        '2026-01-15',
        '--out',
        out,
        ...extra,
      ],
      out,
    );
  const oursFile = join(dir, 'population.ndjson');
  const ours = await generate(oursFile);
  rmSync(oursFile);
  // The same run through the page cache, and with nothing stored: what storing costs this machine.
  const cached = await generate(oursFile, ['--page-cache']);
  rmSync(oursFile);
  const discarded = await generate('/dev/null');
  console.log(row('baseline: bare Faker persons', baseline));
  const label = `complete patients (${threads} thread${threads === 1 ? '' : 's'})`;
  console.log(row(label, ours));
  console.log(row(`${label}, --page-cache`, cached));
  console.log(row(`${label}, to /dev/null`, discarded));
  console.log(
    `complete patients per second: ${Math.round(count / ours.seconds).toLocaleString('en-US')} (target ≥ 20,000); ` +
      `${(baseline.seconds / ours.seconds).toFixed(2)}× the bare Faker persons' rate; ` +
      `peak memory ${ours.maxRssMb.toFixed(0)} MB (target < 250 MB)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
