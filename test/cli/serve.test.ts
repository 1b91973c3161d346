// The serving commands: `serve` starts the stateful sandbox on loopback, prints personas one can
// sign in as, answers, and stops cleanly on SIGTERM and SIGINT; `journal` serves a clinic's fake
// journal over HTTP, and `serve --journal-url` puts it behind the platform; `mock` is Prism's
// static mock. Bad arguments end with exit code 2 and a one-line message.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, run } from '../../cli/program.ts';
import { createSandbox } from '../../mock-server/index.ts';
import { freePort } from '../support/free-port.ts';

const bin = fileURLToPath(new URL('../../cli/bin.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const POPULATION = ['--seed', 'serve-test', '--patients', '120', '--as-of', '2026-03-02'];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s) };
  return { io, out, err };
}

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

const started: Started[] = [];
afterAll(() => {
  for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
});

/** Spawns the CLI and resolves once it prints that it listens. */
async function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [tsx, bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const s: Started = { child, output: () => output, exited };
  started.push(s);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 45_000);
    // Each command prints its start-up lines in one write; wait for them, then a moment more.
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('(Ctrl-C to stop)') && output.endsWith('\n')) {
        clearTimeout(timer);
        setTimeout(resolve, 100);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', () => reject(new Error(`exited before listening:\n${output}`)));
  });
  return s;
}

async function signIn(base: string, persona: string): Promise<{ accessToken: string; patientId: string }> {
  const res = await fetch(`${base}/auth/sign-in/eid`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe('minlaege-sandbox CLI arguments', () => {
  it.each([
    [['serve', '--port', 'abc'], /port number from 1 to 65535/],
    [['serve', '--port', '70000'], /port number from 1 to 65535/],
    [['serve', '--as-of', '2026-02-30'], /--as-of must be a date YYYY-MM-DD/],
    [['serve', '--patients', '-3'], /--patients|--count must be a whole number/],
    [['serve', '--journal-url', 'ftp://journal.test'], /expected an http\(s\) URL/],
    [['serve', '--journal-url', 'http://127.0.0.1:9'], /--journal-url needs a non-empty --journal-token/],
    // An empty token used to drop the journal URL silently and serve the fake journal instead.
    [['serve', '--journal-url', 'http://127.0.0.1:9', '--journal-token', ''], /non-empty --journal-token/],
    [['serve', '--patients', '6000'], /--patients must be at most 5,000/],
    [['serve', '--patients', '0'], /--patients must be at least 1/],
    [['serve', '--seed', ''], /--seed must be 1 to 100 characters/],
    [['serve', '--seed', 'x'.repeat(101)], /--seed must be 1 to 100 characters/],
    [['serve', '--request-log', '5000000000'], /--request-log must be at most 1,000,000/],
    [['serve', '--sessions', '1.5'], /--sessions must be a whole number/],
    [['serve', '--host', ''], /--host needs an address/],
    [['journal', '--token', ''], /--token must not be empty/],
    [
      ['serve', '--journal-url', 'http://user:secret@127.0.0.1:9', '--journal-token', 't'],
      /without a user name or password/,
    ],
    [['serve', '--cors-origin', 'http://*'], /--cors-origin must be an origin/],
    [['serve', '--cors-origin', 'http://a?b'], /--cors-origin must be an origin/],
    [['serve', '--cors-origin', 'http://x:99999'], /--cors-origin must be an origin/],
    [['serve', '--cors-origin', 'http://localhost:5173/'], /--cors-origin must be an origin/],
    [['journal', '--clinic', 'no-such-clinic', '--patients', '10', '--as-of', '2026-03-02'], /no such clinic/],
    [['mock', '--contract', 'nope'], /Allowed choices are app-platform, platform-journal/],
    [['bogus'], /unknown command 'bogus'/],
    [['help', 'bogus'], /unknown command 'bogus'/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const { io, err } = capture();
    const saved = process.env.MINLAEGE_JOURNAL_TOKEN;
    delete process.env.MINLAEGE_JOURNAL_TOKEN;
    try {
      expect(await run(argv, io)).toBe(2);
    } finally {
      if (saved !== undefined) process.env.MINLAEGE_JOURNAL_TOKEN = saved;
    }
    expect(err.join('')).toMatch(message);
    expect(err.join('')).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses a port already in use with exit code 2 and says which', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { io, err } = capture();
      expect(await run(['serve', '--port', String(port), '--patients', '5', '--as-of', '2026-03-02'], io)).toBe(2);
      expect(err.join('')).toMatch(new RegExp(`port ${port} is in use on 127.0.0.1`));
    } finally {
      blocker.close();
    }
  });

  it('prints its version and help with exit code 0', async () => {
    const { io, out } = capture();
    expect(await run(['--version'], io)).toBe(0);
    expect(out.join('')).toMatch(/^\d+\.\d+\.\d+/);
    expect(await run(['--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/serve/);
    expect(out.join('')).toMatch(/journal/);
    expect(out.join('')).toMatch(/mock/);
  });
});

describe('minlaege-sandbox serve', () => {
  it('serves the stateful sandbox, prints personas that sign in, and stops on SIGTERM', async () => {
    const port = await freePort();
    const s = await start(['serve', '--port', String(port), ...POPULATION]);
    const base = `http://127.0.0.1:${port}`;
    expect(s.output()).toContain(`sandbox listening on ${base}`);
    expect(s.output()).toMatch(/seed serve-test, 120 patients as of 2026-03-02/);
    // The population's clinic and its holiday substitute, which has no patients of its own.
    expect(s.output()).toMatch(/clinic (cln_\w+): .*; 120 patients; attachments/);
    expect(s.output()).toMatch(/clinic cln_\w+: .*; no patients; holiday substitute for cln_\w+; attachments/);
    const personas = [...s.output().matchAll(/^ {4}(\S+) +(.*)$/gm)].map((m) => ({ handle: m[1], what: m[2] }));
    expect(personas.length).toBeGreaterThanOrEqual(4);
    expect(personas.some((p) => /consent given, children/.test(p.what ?? ''))).toBe(true);

    // Every printed persona signs in; one with consent reads their diagnoses; the same sandbox in
    // process answers the same ids (the population is a function of seed, size and date).
    const given = personas.find((p) => /consent given/.test(p.what ?? '') && !/does not share/.test(p.what ?? ''));
    for (const p of personas) await signIn(base, String(p.handle));
    const { accessToken, patientId } = await signIn(base, String(given?.handle));
    const res = await fetch(`${base}/patients/${patientId}/diagnoses`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
    const served = (await res.json()) as { items: { id: string }[] };
    const local = createSandbox({ population: { seed: 'serve-test', patients: 120, asOf: '2026-03-02' } });
    const line = local.store.patients.get(patientId);
    const expected = line?.expected.app.self;
    expect(expected && 'categories' in expected ? expected.categories.diagnoses : undefined).toEqual(
      served.items.map((d) => d.id),
    );

    const unauthorized = await fetch(`${base}/me`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('content-type')).toMatch(/application\/problem\+json/);

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.output()).toMatch(/SIGTERM, finishing requests in flight and stopping/);
    // The port is free again.
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', resolve);
    });
    again.close();
  });

  it('puts a journal served over HTTP behind the platform with --journal-url', async () => {
    const journalPort = await freePort();
    const token = 'serve-test-platform-token';
    const journal = await start(['journal', '--port', String(journalPort), '--token', token, ...POPULATION]);
    expect(journal.output()).toMatch(/fake journal of .* listening on/);
    const port = await freePort();
    const platform = await start([
      'serve',
      '--port',
      String(port),
      '--journal-url',
      `http://127.0.0.1:${journalPort}`,
      '--journal-token',
      token,
      ...POPULATION,
    ]);
    expect(platform.output()).toContain(`journal: http://127.0.0.1:${journalPort}`);
    const base = `http://127.0.0.1:${port}`;
    const local = createSandbox({ population: { seed: 'serve-test', patients: 120, asOf: '2026-03-02' } });
    const persona = [...local.store.personas.values()].find(
      (p) => p.patient.consent.state === 'given' && p.patient.expected.app.self !== null,
    );
    const { accessToken, patientId } = await signIn(base, String(persona?.handle));
    const res = await fetch(`${base}/patients/${patientId}/lab-results?limit=100`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
    const view = persona?.patient.expected.app.self;
    expect(((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(
      view && 'categories' in view ? view.categories.labResults : undefined,
    );

    // With the journal stopped, the platform answers journal-unavailable for a first fetch.
    journal.child.kill('SIGINT');
    expect(await journal.exited).toBe(0);
    const other = [...local.store.personas.values()].find(
      (p) => p.patient.consent.state === 'given' && p !== persona && p.patient.expected.app.self !== null,
    );
    const second = await signIn(base, String(other?.handle));
    const down = await fetch(`${base}/patients/${second.patientId}/diagnoses`, {
      headers: { authorization: `Bearer ${second.accessToken}` },
    });
    expect(down.status).toBe(503);
    expect(((await down.json()) as { type: string }).type).toBe('urn:minlaege-sandbox:problem:journal-unavailable');
    platform.child.kill('SIGINT');
    expect(await platform.exited).toBe(0);
  });
});

describe('minlaege-sandbox journal and verify', () => {
  it('serves the reference journal that `verify` passes, provider states included', async () => {
    const port = await freePort();
    const token = 'verify-cli-token';
    const journal = await start(['journal', '--port', String(port), '--token', token, ...POPULATION]);
    const base = `http://127.0.0.1:${port}`;
    expect(journal.output()).toContain(`provider states: ${base}/__sandbox/provider-states`);
    const { io, out, err } = capture();
    const code = await run(
      ['verify', '--journal-url', base, '--token', token, '--provider-states-url', `${base}/__sandbox/provider-states`],
      io,
    );
    expect(err.join(''), out.join('')).toBe('');
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/PASSED: (\d+) of \1 checks passed, 0 failed/);
    journal.child.kill('SIGTERM');
    expect(await journal.exited).toBe(0);
  });
});

describe('minlaege-sandbox mock', () => {
  it("serves Prism's mock of the app-platform contract and stops on SIGTERM", async () => {
    const port = await freePort();
    const s = await start(['mock', '--port', String(port)]);
    const res = await fetch(`http://127.0.0.1:${port}/me`, { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('patientId');
    const unauthorized = await fetch(`http://127.0.0.1:${port}/me`);
    expect(unauthorized.status).toBe(401);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('with --port 0 prints the port Prism took; a port in use is exit 2 in one line, as for serve', async () => {
    const s = await start(['mock', '--port', '0']);
    const url = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(s.output());
    expect(Number(url?.[2])).toBeGreaterThan(0);
    expect((await fetch(`${url?.[1]}/me`)).status).toBe(401);
    s.child.kill('SIGTERM');
    await s.exited;

    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const { io, err } = capture();
      expect(await run(['mock', '--port', String(port)], io)).toBe(2);
      expect(err.join('')).toBe(`minlaege-sandbox: port ${port} is in use on 127.0.0.1; choose another with --port\n`);
    } finally {
      busy.close();
    }
  });
});
