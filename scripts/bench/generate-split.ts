// node --import tsx scripts/bench/generate-split.ts [--count 60000]: where one thread's time per
// complete patient goes, generating the line (generators/population.ts) against serialising it to
// NDJSON bytes (generators/patient-json.ts), in one process without writing anything anywhere.
// Timed per patient with performance.now() around each step, after a warm-up of 3,000 patients;
// `npm run bench:generate` is the end-to-end figure (a million, to a file, on generate's threads).
import { parseArgs } from 'node:util';
import { JsonBytes } from '../../generators/json-bytes.ts';
import { writeLine } from '../../generators/patient-json.ts';
import { createPopulation } from '../../generators/population.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '60000' } } });
const count = Number(values.count);
const population = createPopulation({ seed: 'bench', asOf: '2026-01-15' });
const out = new JsonBytes(2 * 1024 * 1024);

function run(from: number, to: number) {
  let generating = 0;
  let serialising = 0;
  let patients = 0;
  const lines = population.lines(from, to);
  const cpu = process.cpuUsage();
  for (;;) {
    const a = performance.now();
    const next = lines.next();
    const b = performance.now();
    if (next.done) break;
    writeLine(out, next.value);
    out.byte(0x0a);
    if (out.length > 1024 * 1024) out.length = 0; // the bytes are dropped: only the work is measured
    generating += b - a;
    serialising += performance.now() - b;
    if (next.value.type === 'patient') patients += 1;
  }
  const used = process.cpuUsage(cpu);
  return { generating, serialising, patients, cpuUs: used.user + used.system };
}

run(0, 3000); // warm-up
const r = run(3000, 3000 + count);
const per = (ms: number) => ((ms * 1000) / r.patients).toFixed(1);
console.log(
  `Node ${process.version}; ${r.patients.toLocaleString('en-US')} patients in one thread: ` +
    `generating ${per(r.generating)} µs, serialising ${per(r.serialising)} µs a patient ` +
    `(process CPU ${(r.cpuUs / r.patients).toFixed(1)} µs a patient, garbage collection included)`,
);
