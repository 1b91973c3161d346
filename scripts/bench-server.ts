// npm run bench:server [-- --duration 10 --warmup 2 --connections 50 --start-runs 5 | --quick] [-- --host-node-flags="FLAGS"]:
// the sandbox's throughput and latency on one authenticated read (a persona's own diagnoses, with
// auth, consent and proxy checks and contract validation on, as `serve` runs it) beside, in the
// same run, a bare node:http server answering the same bytes, a Hono app doing nothing else, and
// Prism's static mock of the app contract; then start to first answer, in process and as the CLI.
// Every server runs in its own child process (scripts/bench-server-target.ts) and is loaded, alone,
// by autocannon in this one; everything started is stopped however the run ends.
// BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS and BENCH_START_RUNS override the defaults; --host-node-flags
// adds a row: the host started with those Node/V8 flags (--host-node-flags="--max-semi-space-size=64").
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type RunningPrism, startPrism } from '../cli/prism.ts';
import { contractPath } from '../contracts/index.ts';
import { freePort } from '../test/support/free-port.ts';
import { buildKit } from './build.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '2' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '50' },
    'start-runs': { type: 'string', default: process.env.BENCH_START_RUNS ?? '5' },
    quick: { type: 'boolean', default: false },
    // Node/V8 flags for an extra row: the host started with them (e.g. "--max-semi-space-size=64").
    'host-node-flags': { type: 'string' },
  },
});
const duration = values.quick ? 2 : Number(values.duration);
const warmup = values.quick ? 1 : Number(values.warmup);
const connections = Number(values.connections);
const startRuns = values.quick ? 3 : Number(values['start-runs']);
const HOST = '127.0.0.1';
const AS_OF = '2026-01-15'; // the population the target script loads, so persona handles agree
const TARGET = ['--import', 'tsx', 'scripts/bench-server-target.ts'];
const BARE = 'bare node:http';
const HONO = 'Hono + 1 no-op middleware';
const PRISM = 'Prism mock (contract example)';
const HOST_ROW = 'sandbox host as serve, warn';
const FLAGGED_ROW = 'host, --host-node-flags';
const UNBATCHED_ROW = 'host, answers not batched';

// Everything started here is stopped here: on success, on error and on Ctrl-C.
const children = new Set<ChildProcess>();
let prism: RunningPrism | undefined;
const workDir = mkdtempSync(join(tmpdir(), 'minlaege-bench-server-'));
// Inside node_modules so the build resolves the kit's dependencies; never the real dist/.
const buildDir = join('node_modules', '.cache', `minlaege-sandbox-bench-server-${process.pid}`);
function cleanUp() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
  rmSync(buildDir, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void prism?.stop();
    cleanUp();
    process.exit(130);
  });
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Starts a target and resolves with the JSON line it prints once it is ready. */
function startTarget<T>(args: string[], env: NodeJS.ProcessEnv = process.env, nodeFlags: string[] = []) {
  return new Promise<{ child: ChildProcess; info: T }>((resolve, reject) => {
    const child = track(
      spawn(process.execPath, [...nodeFlags, ...TARGET, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env }),
    );
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) resolve({ child, info: JSON.parse(out.slice(0, end)) as T });
    });
    child.once('exit', (code) => reject(new Error(`target ${args.join(' ')} exited with ${code}:\n${err}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** CPU time (user and system, ms) and minor page faults of a process so far; Linux only, else undefined. */
function procStat(pid: number | undefined): { userMs: number; sysMs: number; minorFaults: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Clock ticks at USER_HZ 100; fields counted from the state, as proc(5) numbers them minus 3.
    return { userMs: Number(fields[11]) * 10, sysMs: Number(fields[12]) * 10, minorFaults: Number(fields[7]) };
  } catch {
    return undefined;
  }
}

/** The pid of the Prism process (startPrism does not say): our child whose command line names prism. */
function prismPid(): number | undefined {
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const parent = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];
      if (Number(parent) === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('prism'))
        return Number(entry);
    } catch {
      // gone already, or not ours to read
    }
  }
  return undefined;
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU per answered request, µs: robust where other work shares the machine. */
  cpuUs: number | undefined;
  /** The part of it spent in the kernel, µs. */
  sysUs: number | undefined;
  /** Minor page faults of the server per answered request. */
  faults: number | undefined;
  failures: number;
}

async function load(url: string, headers: Record<string, string>, pid: number | undefined): Promise<Load> {
  const run = (seconds: number) => autocannon({ url, headers, connections, duration: seconds });
  await run(warmup);
  const before = procStat(pid);
  const r = await run(duration);
  const after = procStat(pid);
  const per = (f: (s: NonNullable<typeof before>) => number, scale = 1) =>
    before && after ? ((f(after) - f(before)) * scale) / r.requests.total : undefined;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuUs: per((s) => s.userMs + s.sysMs, 1000),
    sysUs: per((s) => s.sysMs, 1000),
    faults: per((s) => s.minorFaults),
    failures: r.non2xx + r.errors,
  };
}

/** One plain request (no keep-alive): status, content type and body bytes. */
function send(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; type: string; body: Buffer }>((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Spawns a CLI `serve` and resolves with ms from spawn to its first 200 answer to a sign-in. */
async function cliStart(command: string[], persona: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = track(spawn(process.execPath, [...command, '--port', String(port)], { stdio: 'ignore' }));
  const body = JSON.stringify({ persona });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
      const url = `http://${HOST}:${port}/auth/sign-in/eid`;
      const res = await send(url, { 'content-type': 'application/json' }, 'POST', body).catch(() => undefined);
      if (res?.status === 200) return performance.now() - started;
      if (res) throw new Error(`sign-in as ${persona} answered ${res.status}: ${res.body}`);
      if (performance.now() - started > 30_000) throw new Error(`${command.join(' ')} did not answer in 30 s`);
      await new Promise((r) => setTimeout(r, 2)); // not listening yet
    }
  } finally {
    await stop(child);
  }
}

/** Builds the kit as it is published (scripts/build.ts: tsc, the data files, the bundled command) into buildDir. */
async function buildPublished(): Promise<boolean> {
  try {
    await buildKit(buildDir);
  } catch (error) {
    console.log(`  CLI as published: not measured, the build failed: ${String(error).split('\n')[0]}`);
    return false;
  }
  writeFileSync(join(buildDir, 'package.json'), '{"type":"module"}\n');
  return true;
}

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const yes = (ok: boolean) => (ok ? 'yes' : 'NO');

interface SandboxInfo {
  url: string;
  persona: string;
  path: string;
  token: string;
  contentType: string;
  items: number;
  body: string;
}

interface StartInfo {
  firstAnswerMs: number;
  createMs: number;
  secondCreateMs: number;
}

async function startInProcess(persona: string, env: NodeJS.ProcessEnv): Promise<StartInfo[]> {
  const runs: StartInfo[] = [];
  for (let i = 0; i < startRuns; i++) {
    const run = await startTarget<StartInfo>(['start', persona], env);
    runs.push(run.info);
    await stop(run.child);
  }
  return runs;
}

try {
  console.log(
    `Node ${process.version}, ${cpus().length} cores; ${connections} connections, ${warmup} s warm-up then ${duration} s ` +
      'per target; each server alone in its own process, autocannon in this one',
  );

  // The sandbox's answer, captured once: the bare server and the Hono app send exactly these bytes.
  const probe = await startTarget<SandboxInfo>(['sandbox', 'warn', String(await freePort())]);
  await stop(probe.child);
  const { path, persona, contentType } = probe.info;
  const bytes = Buffer.from(probe.info.body, 'base64');
  const bodyFile = join(workDir, 'body');
  writeFileSync(bodyFile, bytes);
  const headers = { authorization: `Bearer ${probe.info.token}` };
  console.log(
    `endpoint: GET ${path.replace(/\/patients\/[^/]+/, '/patients/{patientId}')} as ${persona} (own record, consent ` +
      `given, the platform's copy fetched in the warm-up): ${probe.info.items} diagnoses, ${bytes.byteLength} bytes of ${contentType}`,
  );

  const results = new Map<string, Load>();
  const measure = async (name: string, url: string, h: Record<string, string>, pid: number | undefined) => {
    const check = await send(url, h);
    if (check.status !== 200) throw new Error(`${name} answered ${check.status}: ${check.body}`);
    if (name !== PRISM && (!check.body.equals(bytes) || check.type !== contentType)) {
      throw new Error(`${name} did not answer the sandbox's bytes and content type`);
    }
    process.stdout.write(`  loading ${name}…\n`);
    results.set(name, await load(url, h, pid));
    return check;
  };

  for (const [name, kind] of [
    [BARE, 'bare'],
    [HONO, 'hono'],
  ] as const) {
    const target = await startTarget<{ url: string }>([kind, String(await freePort()), bodyFile, contentType]);
    await measure(name, `${target.info.url}${path}`, headers, target.child.pid);
    await stop(target.child);
  }
  for (const mode of ['warn', 'strict'] as const) {
    // A fresh sandbox of the same population: the same persona and answer, its own token.
    const target = await startTarget<SandboxInfo>(['sandbox', mode, String(await freePort())]);
    const auth = { authorization: `Bearer ${target.info.token}` };
    await measure(`sandbox, validation ${mode}`, `${target.info.url}${target.info.path}`, auth, target.child.pid);
    await stop(target.child);
  }
  try {
    const target = await startTarget<SandboxInfo>(['host', 'warn', String(await freePort())]);
    const auth = { authorization: `Bearer ${target.info.token}` };
    await measure(HOST_ROW, `${target.info.url}${target.info.path}`, auth, target.child.pid).finally(() =>
      stop(target.child),
    );
  } catch (error) {
    // The host is newer than the rest; a bench that cannot start it still measures the others.
    console.log(`  (${HOST_ROW} not measured: ${String(error).split('\n')[0]})`);
  }
  {
    // The same host writing each answer the moment it is ready (mock-server/node.ts batches them).
    const target = await startTarget<SandboxInfo>(['host', 'warn', String(await freePort()), 'unbatched']);
    const auth = { authorization: `Bearer ${target.info.token}` };
    await measure(UNBATCHED_ROW, `${target.info.url}${target.info.path}`, auth, target.child.pid).finally(() =>
      stop(target.child),
    );
  }
  if (values['host-node-flags']) {
    const flags = values['host-node-flags'].split(/\s+/).filter(Boolean);
    const target = await startTarget<SandboxInfo>(['host', 'warn', String(await freePort())], process.env, flags);
    const auth = { authorization: `Bearer ${target.info.token}` };
    await measure(FLAGGED_ROW, `${target.info.url}${target.info.path}`, auth, target.child.pid).finally(() =>
      stop(target.child),
    );
  }
  prism = await startPrism({
    mode: 'mock',
    document: contractPath('app-platform'),
    host: HOST,
    port: await freePort(),
  });
  const prismAnswer = await measure(PRISM, `${prism.baseUrl}${path}`, headers, prismPid());
  await prism.stop();
  prism = undefined;

  const bare = results.get(BARE)?.rps ?? Number.NaN;
  const mock = results.get(PRISM)?.rps ?? Number.NaN;
  console.log('');
  console.log(
    `${'target'.padEnd(30)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'CPU µs/req'.padStart(12)}` +
      `${'of it sys'.padStart(11)}${'faults/req'.padStart(12)}` +
      `${'vs bare'.padStart(9)}${'vs Prism'.padStart(10)}  targets: ≥60% of bare, ≥10× Prism, p99 < 10 ms`,
  );
  for (const [name, r] of results) {
    const verdict =
      name.startsWith('sandbox') || name.startsWith('host')
        ? `${yes(r.rps / bare >= 0.6)}, ${yes(r.rps / mock >= 10)}, ${yes(r.p99 < 10)}`
        : '';
    console.log(
      `${name.padEnd(30)}${num(r.rps).padStart(8)}${num(r.p50).padStart(8)}${num(r.p99).padStart(8)}` +
        `${(r.cpuUs === undefined ? '–' : num(r.cpuUs)).padStart(12)}${(r.sysUs === undefined ? '–' : num(r.sysUs)).padStart(11)}` +
        `${(r.faults === undefined ? '–' : num(r.faults, 2)).padStart(12)}${`${num((100 * r.rps) / bare)}%`.padStart(9)}` +
        `${`${num(r.rps / mock, 1)}×`.padStart(10)}  ${verdict}${r.failures > 0 ? `  (${r.failures} failed requests)` : ''}`,
    );
  }
  console.log(
    `Prism answers the contract's example (${prismAnswer.body.byteLength} bytes of ${prismAnswer.type}), not the persona's ` +
      "record. CPU µs/req is the server process's user + system time over the measured run per answered request; " +
      'faults/req its minor page faults (memory touched for the first time) per request. ' +
      `The ${UNBATCHED_ROW} row writes each answer when it is ready; the Hono and other sandbox rows write the answers ` +
      'of one event-loop turn together at its end, as the Node transport does (mock-server/node.ts).' +
      (values['host-node-flags'] ? ` The ${FLAGGED_ROW} row ran node ${values['host-node-flags']}.` : ''),
  );

  console.log('');
  console.log(`start to first answer (a 200 to POST /auth/sign-in/eid as ${persona}), median of ${startRuns} runs:`);
  const warm = await startInProcess(persona, process.env);
  const cold = await startInProcess(persona, { ...process.env, MINLAEGE_SANDBOX_CACHE: 'off' });
  const first = median(warm.map((r) => r.firstAnswerMs));
  console.log(
    `  in process, from createSandbox() (modules imported) to the answer: ${num(first)} ms, target < 300 ms: ${yes(first < 300)}` +
      ` (createSandbox ${num(median(warm.map((r) => r.createMs)))} ms; without the parsed-contract cache ` +
      `${num(median(cold.map((r) => r.firstAnswerMs)))} ms; a second createSandbox in the same process ` +
      `${num(median(warm.map((r) => r.secondCreateMs)))} ms)`,
  );
  const serve = ['serve', '--host', HOST, '--as-of', AS_OF];
  const fromSource: number[] = [];
  for (let i = 0; i < startRuns; i++)
    fromSource.push(await cliStart(['--import', 'tsx', 'cli/bin.ts', ...serve], persona));
  console.log(
    `  CLI from source, from spawning node --import tsx cli/bin.ts serve: ${num(median(fromSource))} ms, ` +
      `target < 300 ms: ${yes(median(fromSource) < 300)}`,
  );
  if (await buildPublished()) {
    const built: number[] = [];
    for (let i = 0; i < startRuns; i++) built.push(await cliStart([join(buildDir, 'cli/bin.js'), ...serve], persona));
    console.log(
      `  CLI as published (npm run build), from spawning node cli/bin.js serve: ${num(median(built))} ms, ` +
        `target < 300 ms: ${yes(median(built) < 300)}`,
    );
  }
} finally {
  await prism?.stop();
  for (const child of children) await stop(child);
  cleanUp();
}
