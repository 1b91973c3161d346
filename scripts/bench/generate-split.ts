// node --import tsx scripts/bench/generate-split.ts [--count 60000] [--rounds 1] [--compare DIR]:
// where one thread's time per complete patient goes, generating the line (generators/population.ts)
// against serialising it to NDJSON bytes (generators/patient-json.ts), in one process without
// writing anything anywhere. Timed per patient with performance.now() around each step, after a
// warm-up of 3,000 patients; `npm run bench:generate` is the end-to-end figure (a million, to a
// file, on generate's threads). With --compare DIR (another copy of the kit, e.g. an earlier
// commit's tree with a node_modules link), that copy's generators run too, round by round with
// these in the same process and on the same patients, and each round prints both: on a busy or
// noisy machine a change of a few per cent shows there and not between separate runs. Each copy
// must give the same bytes, or the comparison stops.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { JsonBytes } from '../../generators/json-bytes.ts';
import * as patientJson from '../../generators/patient-json.ts';
import * as populations from '../../generators/population.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '60000' },
    rounds: { type: 'string' },
    compare: { type: 'string' },
  },
});
const count = Number(values.count);
const rounds = Number(values.rounds ?? (values.compare ? 3 : 1));

interface Kit {
  name: string;
  population: populations.Population;
  writeLine: typeof patientJson.writeLine;
  out: JsonBytes;
}

function kit(name: string, p: typeof populations, j: typeof patientJson, Bytes: typeof JsonBytes): Kit {
  return {
    name,
    population: p.createPopulation({ seed: 'bench', asOf: '2026-01-15' }),
    writeLine: j.writeLine,
    out: new Bytes(2 * 1024 * 1024),
  };
}

const kits = [kit('this', populations, patientJson, JsonBytes)];
if (values.compare) {
  const load = (path: string) => import(pathToFileURL(resolve(values.compare as string, path)).href);
  const [p, j, b] = await Promise.all([
    load('generators/population.ts'),
    load('generators/patient-json.ts'),
    load('generators/json-bytes.ts'),
  ]);
  kits.push(kit('compared', p, j, b.JsonBytes));
}

// Hashing the bytes (to check that the copies agree) costs CPU too, so it is done only when there
// is another copy to check against: the CPU figure of a single copy is the generators' alone.
const HASHING = kits.length > 1;

function run({ population, writeLine, out }: Kit, from: number, to: number) {
  let generating = 0;
  let serialising = 0;
  let patients = 0;
  const hash = HASHING ? createHash('sha256') : undefined;
  const lines = population.lines(from, to);
  const cpu = process.cpuUsage();
  for (;;) {
    const a = performance.now();
    const next = lines.next();
    const b = performance.now();
    if (next.done) break;
    writeLine(out, next.value);
    out.byte(0x0a);
    generating += b - a;
    serialising += performance.now() - b;
    if (out.length > 1024 * 1024) {
      hash?.update(out.buffer.subarray(0, out.length));
      out.length = 0;
    }
    if (next.value.type === 'patient') patients += 1;
  }
  hash?.update(out.buffer.subarray(0, out.length));
  out.length = 0;
  const used = process.cpuUsage(cpu);
  return { generating, serialising, patients, cpuUs: used.user + used.system, digest: hash?.digest('hex') ?? '' };
}

for (const k of kits) run(k, 0, 3000); // warm-up
// Copies take turns on slices of this many patients (the first copy alternating), so that the
// machine's drift over a round falls on both alike.
const SLICE = kits.length > 1 ? 1000 : count;
console.log(`Node ${process.version}; ${count.toLocaleString('en-US')} patients a round in one thread`);
const means: number[][] = kits.map(() => []);
for (let round = 1; round <= rounds; round++) {
  const from = 3000 + (round - 1) * count; // a new stretch of patients each round, the same for every copy
  const sums = kits.map(() => ({ generating: 0, serialising: 0, patients: 0, cpuUs: 0 }));
  for (let at = from, turn = 0; at < from + count; at += SLICE, turn++) {
    const end = Math.min(from + count, at + SLICE);
    const digests = new Set<string>();
    for (let n = 0; n < kits.length; n++) {
      const i = (n + turn) % kits.length;
      const r = run(kits[i] as Kit, at, end);
      digests.add(r.digest);
      const sum = sums[i] as (typeof sums)[number];
      sum.generating += r.generating;
      sum.serialising += r.serialising;
      sum.patients += r.patients;
      sum.cpuUs += r.cpuUs;
    }
    if (digests.size > 1) throw new Error(`${values.compare} writes other bytes for patients ${at}…${end}`);
  }
  kits.forEach((k, i) => {
    const r = sums[i] as (typeof sums)[number];
    const per = (ms: number) => ((ms * 1000) / r.patients).toFixed(1);
    const cpu = r.cpuUs / r.patients;
    means[i]?.push(cpu);
    console.log(
      `round ${round} ${k.name.padEnd(8)} generating ${per(r.generating)} µs, serialising ${per(r.serialising)} µs ` +
        `a patient (process CPU ${cpu.toFixed(1)} µs a patient, garbage collection included)`,
    );
  });
}
if (kits.length > 1) {
  const [mine, theirs] = means.map((m) => m.reduce((a, b) => a + b, 0) / m.length) as [number, number];
  console.log(
    `mean process CPU a patient: this ${mine.toFixed(1)} µs, compared ${theirs.toFixed(1)} µs ` +
      `(this = ${(mine / theirs).toFixed(3)}× compared)`,
  );
}
