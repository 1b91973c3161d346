// `minlaege-sandbox verify` against journals over HTTP on free loopback ports: the kit's journal
// passes every group (the shipped pact included); journals broken on one route (one over-shares a
// rule A diagnosis older than a year, one answers an extract without consent, one double-books)
// fail exactly the checks that catch them, naming the item; the JUnit and JSON reports are valid
// and say what the summary says; exit codes are 0, 1 and 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, run } from '../../cli/program.ts';
import { problemTypeUri } from '../../domain/problem-types.ts';
import { copenhagenInstant } from '../../domain/time.ts';
import { toShareableRecord } from '../../generators/expected-view.ts';
import { conformancePatients } from '../../verify/conformance-set.ts';
import type { VerifyReport } from '../../verify/kit.ts';
import { type Misbehaviour, startJournal, TOKEN } from './journal-under-test.ts';
import { parseXml, type XmlElement } from './xml.ts';

const dir = mkdtempSync(join(tmpdir(), 'minlaege-verify-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pact file with this content, in the test's directory. */
function pactFile(content: unknown): string {
  const file = join(dir, `pact-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s) };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

interface Verified {
  code: number;
  out: string;
  err: string;
  report: VerifyReport;
  junit: XmlElement;
}

let runs = 0;
/** Runs `verify` through the CLI against a journal (misbehaving or not) and reads both reports. */
async function verify(misbehave?: Misbehaviour, extra: string[] = []): Promise<Verified> {
  const journal = await startJournal(misbehave);
  runs += 1;
  const junitFile = join(dir, `junit-${runs}.xml`);
  const jsonFile = join(dir, `report-${runs}.json`);
  const { io, out, err } = capture();
  try {
    const code = await run(
      [
        'verify',
        '--journal-url',
        journal.url,
        '--token',
        TOKEN,
        '--provider-states-url',
        journal.statesUrl,
        '--junit',
        junitFile,
        '--json',
        jsonFile,
        ...extra,
      ],
      io,
    );
    return {
      code,
      out: out(),
      err: err(),
      report: JSON.parse(readFileSync(jsonFile, 'utf8')) as VerifyReport,
      junit: parseXml(readFileSync(junitFile, 'utf8')),
    };
  } finally {
    await journal.close();
  }
}

const failedChecks = (report: VerifyReport) =>
  report.groups.flatMap((g) => g.checks.filter((c) => c.status === 'failed').map((c) => ({ group: g.id, ...c })));

/** The JUnit report's cases, with their failure or skip. */
function junitCases(root: XmlElement) {
  return root.children.flatMap((suite) =>
    suite.children.map((tc) => ({
      suite: suite.attributes.id,
      name: tc.attributes.name,
      failure: tc.children.find((c) => c.name === 'failure'),
      skipped: tc.children.find((c) => c.name === 'skipped'),
    })),
  );
}

/** The JUnit report says what the JSON report says: the same cases, failures and counts. */
function expectSameStory(v: Verified): void {
  expect(v.junit.name).toBe('testsuites');
  const cases = junitCases(v.junit);
  const checks = v.report.groups.flatMap((g) => g.checks.map((c) => ({ group: g.id, ...c })));
  expect(cases.map((c) => `${c.suite}: ${c.name}`)).toEqual(checks.map((c) => `${c.group}: ${c.name}`));
  expect(Number(v.junit.attributes.tests)).toBe(v.report.totals.checks);
  expect(Number(v.junit.attributes.failures)).toBe(v.report.totals.failed);
  expect(Number(v.junit.attributes.skipped)).toBe(v.report.totals.skipped);
  for (const [i, check] of checks.entries()) {
    const c = cases[i];
    expect(Boolean(c?.failure), check.name).toBe(check.status === 'failed');
    expect(Boolean(c?.skipped), check.name).toBe(check.status === 'skipped');
    if (check.status === 'failed') {
      expect(c?.failure?.attributes.message).toBe(check.reason);
      for (const d of check.details) expect(c?.failure?.text).toContain(d);
      expect(v.out).toContain(`FAIL ${check.name}`);
    }
  }
}

/** A misbehaviour on one route: `match` picks the requests, `answer` replaces the journal's answer. */
function onRoute(
  method: string,
  path: RegExp,
  answer: (request: Request, forward: () => Promise<Response>, parts: Parameters<Misbehaviour>[2]) => Promise<Response>,
): Misbehaviour {
  return (request, forward, parts) => {
    const { pathname } = new URL(request.url);
    if (request.method !== method || !path.test(pathname)) return Promise.resolve(forward(request));
    return answer(request, () => Promise.resolve(forward(request)), parts);
  };
}

const RECORD = /^\/patients\/([^/]+)\/record$/;
const patientOfPath = (request: Request) => decodeURIComponent(RECORD.exec(new URL(request.url).pathname)?.[1] ?? '');

describe('minlaege-sandbox verify', () => {
  it('passes against the fake journal served over HTTP, every group, with valid reports (exit 0)', async () => {
    const v = await verify();
    expect(failedChecks(v.report)).toEqual([]);
    expect(v.code).toBe(0);
    expect(v.report.ok).toBe(true);
    expect(v.report.groups.map((g) => [g.id, g.status])).toEqual([
      ['consent-gate', 'passed'],
      ['diagnosis-sharing', 'passed'],
      ['booking-conflict', 'passed'],
      ['change-feed', 'passed'],
      ['problem-json', 'passed'],
      ['pact', 'passed'],
    ]);
    expect(v.report.totals.checks).toBeGreaterThan(40);
    expect(v.out).toMatch(/^PASSED: (\d+) of \1 checks passed, 0 failed, 0 skipped/m);
    expectSameStory(v);
  });

  it('fails a journal that over-shares a rule A diagnosis older than a year, naming exactly that item (exit 1)', async () => {
    // The fault: K85 (elevated blood pressure, rule A) shared whatever its age, as if it were rule B.
    const v = await verify(
      onRoute('GET', RECORD, async (request, forward, parts) => {
        const res = await forward();
        if (res.status !== 200) return res;
        const record = (await res.json()) as { diagnoses: unknown[] };
        const line = parts.store.patients.get(patientOfPath(request));
        for (const d of line?.journal.diagnoses ?? []) {
          if (d.icpcCode === 'K85' && !record.diagnoses.some((x) => (x as { id: string }).id === d.id)) {
            record.diagnoses.push({ ...d, rule: 'A' });
          }
        }
        return Response.json(record);
      }),
      ['--skip', 'pact'],
    );
    const k85 = conformancePatients()
      .flatMap((p) => p.diagnoses.map((d) => ({ n: p.n, d })))
      .filter(({ d }) => d.icpcCode === 'K85');
    expect(k85).toHaveLength(1);
    const { n, d } = k85[0] as (typeof k85)[number];
    expect(d.shared).toBe(false);
    expect(failedChecks(v.report).map((c) => [c.group, c.id, c.details])).toEqual([
      [
        'diagnosis-sharing',
        `patient-${n}-diagnoses`,
        [`over-shared: ${d.id} K85 registered ${d.registeredAt} (${d.why})`],
      ],
    ]);
    expect(v.out).toContain(`over-shared: ${d.id} K85`);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/1 of \d+ checks failed/);
    expectSameStory(v);
  });

  it('fails a journal that answers an extract without consent, naming the consent checks (exit 1)', async () => {
    const v = await verify(
      onRoute('GET', RECORD, async (request, forward, parts) => {
        const res = await forward();
        const body = (await res.clone().json()) as { type?: string };
        if (res.status !== 403 || body.type !== problemTypeUri('consent-required')) return res;
        const line = parts.store.patients.get(patientOfPath(request));
        const asOf = new URL(request.url).searchParams.get('asOf') ?? '2025-06-16';
        return Response.json(
          toShareableRecord(line?.patient.id ?? '', line?.journal ?? ({} as never), copenhagenInstant(asOf, 12, 0)),
        );
      }),
      ['--skip', 'pact'],
    );
    expect(failedChecks(v.report).map((c) => [c.group, c.id, c.reason])).toEqual([
      [
        'consent-gate',
        'record-refused-without-consent',
        'getRecord without consent: expected 403 consent-required, the journal answered 200',
      ],
      [
        'consent-gate',
        'record-refused-after-withdrawal',
        'getRecord after withdrawal: expected 403 consent-required, the journal answered 200',
      ],
    ]);
    expect(v.code).toBe(1);
    expectSameStory(v);
  });

  it('fails a journal that double-books a slot, naming the slot (exit 1)', async () => {
    // The fault: the slot is forgotten as taken just before every booking, so every booking wins.
    const v = await verify(
      onRoute('POST', /^\/patients\/[^/]+\/appointments$/, async (request, forward, parts) => {
        const { slotId } = (await request.clone().json()) as { slotId: string };
        parts.store.takenSlots.get(parts.clinicId)?.delete(slotId);
        return forward();
      }),
      ['--skip', 'pact'],
    );
    const failed = failedChecks(v.report);
    expect(failed.map((c) => [c.group, c.id])).toEqual([['booking-conflict', 'one-booking-wins']]);
    expect(failed[0]?.reason).toMatch(/^slot slt_\w+: 2 of 2 simultaneous bookings won, exactly 1 must$/);
    expect(v.report.groups.find((g) => g.id === 'booking-conflict')?.checks.map((c) => c.status)).toEqual([
      'passed',
      'failed',
      'skipped',
    ]);
    expect(v.code).toBe(1);
    expectSameStory(v);
  });

  it('fails both of two interactions that share a description when one of them fails', async () => {
    const shipped = JSON.parse(readFileSync('contracts/pacts/min-laege-platform-journal-system.json', 'utf8'));
    const [free, taken] = shipped.interactions;
    // The taken-slot interaction under the free-slot one's description: Pact allows it (the provider
    // states tell them apart); it expects 201, which a taken slot never gives.
    const twin = { ...taken, description: free.description, response: { ...taken.response, status: 201 } };
    const file = pactFile({ ...shipped, interactions: [free, twin] });
    const v = await verify(undefined, ['--only', 'pact', '--pact', file]);
    expect(v.code).toBe(1);
    const pact = v.report.groups.find((g) => g.id === 'pact');
    expect(pact?.checks.map((c) => c.status)).toEqual(['failed', 'failed']);
    expect(v.out).toMatch(/2 interactions share this description/);
  });

  it('runs only the groups asked for with --only, and leaves out --skip', async () => {
    const v = await verify(undefined, ['--only', 'consent-gate', 'problem-json', '--skip', 'problem-json']);
    expect(v.report.groups.map((g) => g.id)).toEqual(['consent-gate']);
    expect(v.code).toBe(0);
    expectSameStory(v);
  });

  it('without --provider-states-url, finds the imported conformance patients by CPR', async () => {
    const journal = await startJournal();
    try {
      // "Import" the set: here through the state endpoint, as a vendor's import script would.
      for (const p of conformancePatients()) {
        const res = await fetch(journal.statesUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ state: `conformance patient ${p.n}`, params: { n: p.n }, action: 'setup' }),
        });
        expect(await res.json()).toEqual({ patientId: p.patient.id });
      }
      const missing = await fetch(journal.statesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'conformance patient 99', action: 'setup' }),
      });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/problem+json');
      const { io, out } = capture();
      const code = await run(
        [
          'verify',
          '--journal-url',
          journal.url,
          '--token',
          TOKEN,
          '--only',
          'consent-gate',
          'diagnosis-sharing',
          'pact',
        ],
        io,
      );
      expect(out()).toMatch(/SKIP .*\n +why: needs --provider-states-url/);
      expect(out()).toMatch(/^PASS Consent gate/m);
      expect(out()).toMatch(/^PASS Diagnosis sharing/m);
      expect(out()).not.toMatch(/^\s*FAIL /m); // no check failed…
      // …but the pact interactions that need states could not run, so the run is not a pass.
      expect(out()).toMatch(/^FAILED: \d+ of \d+ checks passed, 0 failed, [1-9]\d* skipped/m);
      expect(code).toBe(1);
      const again = capture();
      const only = await run(
        ['verify', '--journal-url', journal.url, '--token', TOKEN, '--only', 'consent-gate', 'diagnosis-sharing'],
        again.io,
      );
      expect(again.out()).toMatch(/^PASSED: (\d+) of \1 checks passed/m);
      expect(only).toBe(0);
    } finally {
      await journal.close();
    }
  });

  it.each([
    [['verify', '--token', 't'], /verify needs --journal-url/],
    [['verify', '--journal-url', 'ftp://x'], /expected an http\(s\) URL/],
    [['verify', '--journal-url', 'http://127.0.0.1:9', '--only', 'nope'], /Allowed choices are consent-gate/],
    [['verify', '--journal-url', 'http://127.0.0.1:9', '--token', 't', '--pact', '/no/such/pact.json'], /no pact file/],
    [['verify', '--journal-url', 'http://127.0.0.1:9', '--token', 't', '--pact', 'package.json'], /not a pact file/],
    [['verify', '--journal-url', 'http://127.0.0.1:9', '--token', 't', '--pact', 'README.md'], /not JSON/],
    // Pacts the verifier cannot check used to pass unchecked (exit 0).
    [
      [
        'verify',
        '--journal-url',
        'http://127.0.0.1:9',
        '--token',
        't',
        '--pact',
        pactFile({ interactions: [{ description: 'anything' }] }),
      ],
      /interaction "anything" has no request method and path/,
    ],
    [
      ['verify', '--journal-url', 'http://127.0.0.1:9', '--token', 't', '--pact', pactFile({ interactions: ['x'] })],
      /interaction 0 is not an object/,
    ],
    [
      ['verify', '--journal-url', 'http://127.0.0.1:9', '--token', 't', '--pact', pactFile({ interactions: [] })],
      /no interactions/,
    ],
    [
      ['verify', '--journal-url', 'http://127.0.0.1:9', '--token', 't', '--junit', join(dir, 'no-dir', 'j.xml')],
      /JUnit report .*directory does not exist/,
    ],
    [['verify', '--journal-url', 'http://127.0.0.1:9', '--token', 't', '--json', dir], /JSON report .*is a directory/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const saved = process.env.MINLAEGE_JOURNAL_TOKEN;
    delete process.env.MINLAEGE_JOURNAL_TOKEN;
    try {
      const { io, err } = capture();
      expect(await run(argv, io)).toBe(2);
      expect(err()).toMatch(message);
    } finally {
      if (saved !== undefined) process.env.MINLAEGE_JOURNAL_TOKEN = saved;
    }
  });

  it('writes --export-patients whole or not at all: a failed write keeps the earlier file', () => {
    const earlier = join(dir, 'earlier.ndjson');
    writeFileSync(earlier, 'an earlier export\n');
    const r = spawnSync(
      'bash',
      ['-c', 'ulimit -f 1; exec "$0" --import tsx cli/bin.ts verify --export-patients "$1"', process.execPath, earlier],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/cannot write the conformance patients to .*EFBIG/);
    expect(readFileSync(earlier, 'utf8')).toBe('an earlier export\n');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('needs the token when verifying (exit 2)', async () => {
    const saved = process.env.MINLAEGE_JOURNAL_TOKEN;
    delete process.env.MINLAEGE_JOURNAL_TOKEN;
    try {
      const { io, err } = capture();
      expect(await run(['verify', '--journal-url', 'http://127.0.0.1:9'], io)).toBe(2);
      expect(err()).toMatch(/verify needs --token/);
    } finally {
      if (saved !== undefined) process.env.MINLAEGE_JOURNAL_TOKEN = saved;
    }
  });

  it('fails every check with the reason when the journal does not answer (exit 1)', async () => {
    const { io, out } = capture();
    const code = await run(
      ['verify', '--journal-url', 'http://127.0.0.1:9', '--token', 't', '--only', 'problem-json'],
      io,
    );
    expect(code).toBe(1);
    expect(out()).toMatch(/why: JournalUnreachableError: GET http:\/\/127\.0\.0\.1:9\/clinic got no answer/);
    // With no refusal seen, 'every refusal is a problem' has nothing to check: it fails, not passes.
    expect(out()).toMatch(/why: the journal gave no refusal in this run to check/);
  });
});
