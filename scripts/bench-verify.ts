// npm run bench:verify: the time of a full verification (every group, the shipped pact included)
// against the kit's journal served over HTTP on loopback, as a vendor's CI runs it, measured in
// this run: the time to start the journal, then three verifications of a fresh journal each
// (the first also loads the verifier's code), reporting each and the median. Target: under 15 s.
import { createJournalHost } from '../mock-server/journal-host.ts';
import { listen } from '../mock-server/node.ts';
import { verifyJournal } from '../verify/index.ts';
import { PROVIDER_STATES_PATH, withConformanceStates } from '../verify/journal-states.ts';

const TOKEN = 'bench-verify-platform-token';
const RUNS = 3;
const TARGET_S = 15;

console.log(`Node ${process.version}; ${RUNS} full verifications of the kit's journal over HTTP (loopback)`);
const times: number[] = [];
for (let i = 1; i <= RUNS; i++) {
  const started = performance.now();
  const host = createJournalHost({
    population: { seed: 'bench-verify', asOf: '2026-03-02', patients: 200 },
    platformToken: TOKEN,
    log: () => {},
  });
  const server = await listen(withConformanceStates(host), { host: '127.0.0.1', port: 0 });
  const ready = performance.now();
  try {
    const report = await verifyJournal({
      journalUrl: server.url,
      token: TOKEN,
      providerStatesUrl: `${server.url}${PROVIDER_STATES_PATH}`,
    });
    const seconds = (performance.now() - ready) / 1000;
    times.push(seconds);
    const groups = report.groups.map((g) => `${g.id} ${(g.durationMs / 1000).toFixed(2)} s`).join(', ');
    console.log(
      `run ${i}: journal up in ${((ready - started) / 1000).toFixed(2)} s; verification ${seconds.toFixed(2)} s, ` +
        `${report.totals.passed}/${report.totals.checks} checks passed${report.ok ? '' : ' (FAILED)'} — ${groups}`,
    );
    if (!report.ok) process.exitCode = 1;
  } finally {
    await server.close();
  }
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
console.log(
  `full verification: median ${median.toFixed(2)} s, slowest ${Math.max(...times).toFixed(2)} s (target < ${TARGET_S} s): ${Math.max(...times) < TARGET_S ? 'met' : 'NOT met'}`,
);
