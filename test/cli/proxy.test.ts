// `minlaege-sandbox proxy`: Prism's validation proxy between a client and the kit's fake journal
// (served over HTTP). Traffic that honours the contract passes through unchanged; with Prism 5's
// --errors an answer that breaks the contract becomes a 500 problem+json of type
// https://stoplight.io/prism/errors#VIOLATIONS listing each violation (also in the sl-violations
// header and Prism's log), and a request that breaks it is refused (422 UNPROCESSABLE_ENTITY, or 401
// without the token) without reaching the upstream.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, run } from '../../cli/program.ts';
import { createJournalHost } from '../../mock-server/journal-host.ts';
import { listen, type RunningServer } from '../../mock-server/node.ts';
import { freePort } from '../support/free-port.ts';

const bin = fileURLToPath(new URL('../../cli/bin.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const TOKEN = 'proxy-test-platform-token';
const PRISM_VIOLATIONS = 'https://stoplight.io/prism/errors#VIOLATIONS';

let upstream: RunningServer;
let child: ChildProcessWithoutNullStreams;
let exited: Promise<number | null>;
let output = '';
let base = '';
/** When set, the upstream answers GET /clinic with a body the contract forbids. */
let broken = false;
const seen: string[] = [];

beforeAll(async () => {
  const host = createJournalHost({
    population: { seed: 'proxy-test', asOf: '2026-03-02', patients: 20 },
    platformToken: TOKEN,
    log: () => {},
  });
  upstream = await listen(
    (request) => {
      const { pathname } = new URL(request.url);
      seen.push(`${request.method} ${pathname}`);
      if (broken && pathname === '/clinic') return Response.json({ name: 42, platformSharing: 'maybe' });
      return host.app.fetch(request);
    },
    { host: '127.0.0.1', port: 0 },
  );
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(
    process.execPath,
    [tsx, bin, 'proxy', '--upstream', upstream.url, '--contract', 'platform-journal', '--port', String(port)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the proxy did not start:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('(Ctrl-C to stop)')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`the proxy exited before listening:\n${output}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await upstream?.close();
});

const auth = { authorization: `Bearer ${TOKEN}` };

describe('minlaege-sandbox proxy', () => {
  it('says where it listens and where it forwards', () => {
    expect(output).toContain(
      `platform-journal validation proxy (Prism) listening on ${base}, forwarding to ${upstream.url}`,
    );
  });

  it('passes traffic that honours the contract through unchanged', async () => {
    const direct = await fetch(`${upstream.url}/clinic`, { headers: auth });
    const proxied = await fetch(`${base}/clinic`, { headers: auth });
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('sl-violations')).toBeNull();
    expect(await proxied.json()).toEqual(await direct.json());

    // A refusal the contract declares passes too.
    const unknown = await fetch(`${base}/patients/pat_NoSuchPatient0`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { type: string }).type).toBe('urn:minlaege-sandbox:problem:not-found');
  });

  it('turns an answer that breaks the contract into a 500 VIOLATIONS problem naming each violation', async () => {
    broken = true;
    try {
      const res = await fetch(`${base}/clinic`, { headers: auth });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const problem = (await res.json()) as {
        type: string;
        validation: { location: string[]; severity: string; message: string }[];
      };
      expect(problem.type).toBe(PRISM_VIOLATIONS);
      const where = problem.validation.map((v) => v.location.join('.'));
      expect(where).toContain('response.body.name');
      expect(where).toContain('response.body.platformSharing');
      expect(problem.validation.every((v) => v.severity === 'Error')).toBe(true);
      expect(problem.validation.some((v) => /required property 'openingHours'/.test(v.message))).toBe(true);
      expect(JSON.parse(res.headers.get('sl-violations') ?? '[]')).toHaveLength(problem.validation.length);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(output).toMatch(/get \/clinic .*errors#VIOLATIONS/);
    } finally {
      broken = false;
    }
  });

  it('refuses a request that breaks the contract without reaching the upstream', async () => {
    const before = seen.length;
    const res = await fetch(`${base}/patients/lookup`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ cpr: 'not-a-cpr' }),
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { type: string; validation: { location: string[] }[] };
    expect(problem.type).toBe('https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY');
    expect(problem.validation.map((v) => v.location.join('.'))).toContain('body.cpr');
    expect(seen.slice(before)).toEqual([]);

    const noToken = await fetch(`${base}/clinic`);
    expect(noToken.status).toBe(401);
    expect(seen.slice(before)).toEqual([]);
  });

  it('stops on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('minlaege-sandbox proxy arguments', () => {
  it.each([
    [['proxy', '--contract', 'platform-journal'], /proxy needs --upstream/],
    [['proxy', '--upstream', 'http://127.0.0.1:9'], /proxy needs --contract/],
    [
      ['proxy', '--upstream', 'http://127.0.0.1:9', '--contract', 'sandbox-control'],
      /Allowed choices are platform-journal, app-platform/,
    ],
    [['proxy', '--upstream', 'file:///etc', '--contract', 'app-platform'], /expected an http\(s\) URL/],
    [
      ['proxy', '--upstream', 'http://127.0.0.1:9', '--contract', 'app-platform', '--port', 'x'],
      /expected a port number/,
    ],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const err: string[] = [];
    const io: CliIo = { out: () => {}, err: (s) => void err.push(s) };
    expect(await run(argv, io)).toBe(2);
    expect(err.join('')).toMatch(message);
  });
});
