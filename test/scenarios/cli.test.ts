// `minlaege-sandbox scenario …` and `serve --scenario`: list, show, validate with file:line:column,
// run with exit code 0 when every expectation passes and 1 (with the difference) when one fails,
// 2 for a mistake in the call; a served sandbox starts with the scenario, lists the catalogue, and
// `run --base-url` runs against it in a session of its own.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, run } from '../../cli/program.ts';
import { catalogueDir, scenarioDigest } from '../../scenarios/catalogue.ts';

const bin = fileURLToPath(new URL('../../cli/bin.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'scenario-cli-'));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s) };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const FAILING = `name: deliberately-failing
summary: Expects data without consent, which the platform refuses
seed: failing
start: 2026-01-15T10:00:00+01:00
people:
  - { handle: ulla, age: 50, consent: never }
expectations:
  - name: the profile needs no consent
    as: ulla
    request: { method: GET, path: /me }
    expect: { status: 200 }
  - name: wrongly expects her vaccinations without consent
    as: ulla
    request: { method: GET, path: '/patients/{ulla}/vaccinations' }
    expect: { status: 200 }
`;

const MINE = `name: my-served-scenario
summary: A file given to serve
seed: served
start: 2026-01-15T10:00:00+01:00
people:
  - { handle: vera, age: 33, consent: given }
timeline:
  - { at: P1D, event: consent-withdrawn, person: vera }
expectations:
  - name: she reads her vaccinations
    as: vera
    request: { method: GET, path: '/patients/{vera}/vaccinations' }
    expect: { status: 200 }
  - name: after withdrawing she is asked for consent
    at: P1DT1H
    as: vera
    request: { method: GET, path: '/patients/{vera}/vaccinations' }
    expect: { status: 403, problem: consent-required }
`;

const failing = join(dir, 'failing.yaml');
const mine = join(dir, 'mine.yaml');
const broken = join(dir, 'broken.yaml');
writeFileSync(failing, FAILING);
writeFileSync(mine, MINE);
writeFileSync(broken, FAILING.replace('age: 50', 'age: fifty'));

describe('minlaege-sandbox scenario', () => {
  it('lists the catalogue and shows a scenario', async () => {
    const listed = capture();
    expect(await run(['scenario', 'list'], listed.io)).toBe(0);
    expect(listed.out()).toMatch(/^fully-booked\s+The clinic is fully booked/m);
    const shown = capture();
    expect(await run(['scenario', 'show', 'child-turns-15'], shown.io)).toBe(0);
    expect(shown.out()).toMatch(/people: louise, magnus/);
  });

  it('validates a file, reporting problems as file:line:column (exit 2, a usage error)', async () => {
    const good = capture();
    expect(await run(['scenario', 'validate', mine], good.io)).toBe(0);
    expect(good.out()).toMatch(/ok \(my-served-scenario, 1 people, 2 expectations\)/);
    const bad = capture();
    expect(await run(['scenario', 'validate', broken], bad.io)).toBe(2);
    expect(bad.err()).toContain(
      `${broken}:6:26: expected whole years (41), or an exact age as a duration (P14Y11M), got "fifty"`,
    );
    // A bad file is exit 2 for run too, so CI tells it from a failing expectation (exit 1).
    expect(await run(['scenario', 'run', broken], capture().io)).toBe(2);
    expect(await run(['scenario', 'validate', join(dir, 'no-such.yaml')], capture().io)).toBe(2);
  });

  it.each([
    // What validate used to pass and run then failed on with an internal message:
    [
      'a start outside the reference years',
      ['start: 2026-01-15T10:00:00+01:00', 'start: 1900-01-01T10:00:00+01:00'],
      /:4:8: expected a start in 1958–2057/,
    ],
    [
      'a start past them',
      ['start: 2026-01-15T10:00:00+01:00', 'start: 9999-01-01T10:00:00+01:00'],
      /:4:8: expected a start in 1958–2057/,
    ],
    ['more patients than the sandbox keeps', ['seed: served', 'seed: served\npopulation: 5000'], /at most 5,000/],
    ['an expectation beyond sandbox time', ['at: P1DT1H', 'at: P9000Y'], /"P9000Y" lands outside sandbox time/],
    ['a duration past any date', ['at: P1D, event', 'at: -P999999Y, event'], /got "-P999999Y"/],
    ['an age past any date', ['age: 33', 'age: P999999Y'], /expected an age such as P14Y11M/],
    [
      'a consent time past any date',
      ['consent: given', 'consent: { given: -P999999Y }'],
      /got "-P999999Y"|lands outside/,
    ],
  ])('refuses %s with file:line (exit 2)', async (_what, [from, to], message) => {
    const file = join(dir, `edge-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, MINE.replace(from as string, to as string));
    const c = capture();
    expect(await run(['scenario', 'validate', file], c.io)).toBe(2);
    expect(c.err()).toMatch(message);
    expect(c.err()).toContain(file);
  });

  it('run --base-url refuses a server that is not a sandbox, or needs the admin token, in one line (exit 2)', async () => {
    const answers: [number, string][] = [
      [200, '{"items":5}'],
      [200, '{}'],
      [401, '{"type":"urn:minlaege-sandbox:problem:unauthorized"}'],
    ];
    const server = createServer((_req, res) => {
      const [status, body] = answers[0] as [number, string];
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      for (const message of [
        /did not answer a list of scenarios/,
        /did not answer a list of scenarios/,
        /needs its admin token/,
      ]) {
        const c = capture();
        expect(await run(['scenario', 'run', 'consent-withdrawn', '--base-url', base], c.io)).toBe(2);
        expect(c.err()).toMatch(message);
        expect(c.err().split('\n').filter(Boolean)).toHaveLength(1);
        answers.shift();
      }
    } finally {
      server.close();
    }
  });

  it('refuses to run a GET request with a body: exit 2 with file:line, not a TypeError and exit 1', async () => {
    const file = join(dir, 'get-body.yaml');
    writeFileSync(file, FAILING.replace('path: /me }', 'path: /me, body: { x: 1 } }'));
    for (const command of [
      ['scenario', 'validate', file],
      ['scenario', 'run', file],
    ]) {
      const c = capture();
      expect(await run(command, c.io)).toBe(2);
      expect(c.err()).toContain(`${file}:10:46: no body on a GET request`);
      expect(c.err()).not.toMatch(/TypeError|\n\s+at /);
    }
  });

  it('run --base-url refuses whenever the sandbox has the name from another source than the local one (exit 2)', async () => {
    // A sandbox started with its own file named lapsed-consent, and another whose my-served-scenario
    // is its population: neither may check the local scenario's expectations.
    const listed = [
      { name: 'default', summary: 'The generated population', source: 'population' },
      { name: 'lapsed-consent', summary: 'My own variant', source: 'file' },
      { name: 'my-served-scenario', summary: 'Not this one', source: 'population' },
    ];
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/__sandbox/scenarios') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: listed }));
      } else res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const catalogued = capture();
      expect(await run(['scenario', 'run', 'lapsed-consent', '--base-url', base], catalogued.io)).toBe(2);
      expect(catalogued.err()).toMatch(
        /has lapsed-consent as a scenario file it was started with .*, not as the kit's catalogue scenario/,
      );
      const file = capture();
      expect(await run(['scenario', 'run', mine, '--base-url', base], file.io)).toBe(2);
      expect(file.err()).toMatch(/has my-served-scenario as its generated population, not as the file /);
      for (const c of [catalogued, file]) expect(c.err().split('\n').filter(Boolean)).toHaveLength(1);
      // A sandbox of another kit version whose catalogue scenario differs from this kit's.
      listed.push({ name: 'pin-lockout', summary: 'Older', source: 'catalogue', digest: '0'.repeat(64) } as never);
      const version = capture();
      expect(await run(['scenario', 'run', 'pin-lockout', '--base-url', base], version.io)).toBe(2);
      expect(version.err()).toMatch(/has another version of the catalogue scenario pin-lockout than this kit's/);
      // A file named default is refused before the sandbox is asked.
      const named = join(dir, 'named-default.yaml');
      writeFileSync(named, MINE.replace('name: my-served-scenario', 'name: default'));
      const reserved = capture();
      expect(await run(['scenario', 'run', named, '--base-url', base], reserved.io)).toBe(2);
      expect(reserved.err()).toContain(`${named}:1:7: the name "default" is reserved`);
    } finally {
      server.close();
    }
  });

  it('run --base-url exits 2, not 1, when the sandbox will not set the scenario up', async () => {
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/__sandbox/scenarios') {
        const items = [{ name: 'lapsed-consent', summary: 'The catalogue scenario', source: 'catalogue' }];
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }));
      } else if (req.method === 'PUT' && req.url === '/__sandbox/scenario') {
        const problem = { type: 'about:blank', title: 'Busy', status: 409, detail: 'another load is under way' };
        res.writeHead(409, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
      } else res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const c = capture();
      expect(await run(['scenario', 'run', 'lapsed-consent', '--base-url', base], c.io)).toBe(2);
      expect(c.err()).toMatch(/PUT \/__sandbox\/scenario answered 409/);
      expect(c.err()).not.toMatch(/\n\s+at /);
    } finally {
      server.close();
    }
  });

  it('refuses a YAML alias bomb with a message naming the file (exit 2)', async () => {
    const file = join(dir, 'laughs.yaml');
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(
        `${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    writeFileSync(file, `${levels.join('\n')}\n`);
    const c = capture();
    expect(await run(['scenario', 'validate', file], c.io)).toBe(2);
    expect(c.err()).toMatch(new RegExp(`${file}:1:1: YAML: `));
  });

  it('runs a catalogue scenario in process with exit code 0', async () => {
    const c = capture();
    expect(await run(['scenario', 'run', 'consent-withdrawn'], c.io)).toBe(0);
    expect(c.out()).toMatch(/pass {2}his own data needs consent again \[P1DT1H\]/);
    expect(c.out()).toMatch(/· {5}2026-01-16T10:00:00\.000\+01:00 jonas withdraws consent in the app/);
    expect(c.out()).toMatch(/6 passed, 0 failed/);
  });

  it('prints the events at the scenario start too, which fire before the first move of the clock', async () => {
    const file = join(dir, 'outage-at-start.yaml');
    const outage = readFileSync(join(catalogueDir(), 'journal-outage.yaml'), 'utf8');
    writeFileSync(
      file,
      outage
        .replace(/^name: journal-outage$/m, 'name: outage-at-start')
        .replace('{ at: P1D, event: journal-down }', '{ at: P0D, event: journal-down }'),
    );
    const c = capture();
    await run(['scenario', 'run', file], c.io);
    const lines = c.out().split('\n');
    const down = lines.findIndex((l) => /^ {2}· {5}\S+ the clinic's journal system stops answering$/.test(l));
    expect(down, c.out()).toBeGreaterThan(0);
    // Printed before the first expectation's result, once.
    expect(down).toBeLessThan(lines.findIndex((l) => /^ {2}(pass|FAIL) /.test(l)));
    expect(lines.filter((l) => l.includes('stops answering'))).toHaveLength(1);
  });

  it('runs a failing file with exit code 1 and prints the difference', async () => {
    const c = capture();
    expect(await run(['scenario', 'run', failing], c.io)).toBe(1);
    expect(c.out()).toMatch(/pass {2}the profile needs no consent/);
    expect(c.out()).toMatch(/FAIL {2}wrongly expects her vaccinations without consent/);
    expect(c.out()).toMatch(
      /status: expected 200, got 403 \(urn:minlaege-sandbox:problem:consent-required: Give consent/,
    );
    expect(c.out()).toMatch(/1 passed, 1 failed/);
    expect(c.err()).toMatch(/1 expectation\(s\) of deliberately-failing failed/);
  });

  it('refuses an unknown scenario name or a missing file with exit code 2', async () => {
    const unknown = capture();
    expect(await run(['scenario', 'run', 'no-such-scenario'], unknown.io)).toBe(2);
    expect(unknown.err()).toMatch(
      /no scenario named no-such-scenario in the catalogue \(it has cancer-diagnosis-codes/,
    );
    const missing = capture();
    expect(await run(['scenario', 'run', join(dir, 'nope.yaml')], missing.io)).toBe(2);
    const url = capture();
    expect(await run(['scenario', 'run', 'pin-lockout', '--base-url', 'ftp://x'], url.io)).toBe(2);
  });
});

describe('serve --scenario', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts with the file, lists the catalogue, and scenario run --base-url runs against it', async () => {
    child = spawn(process.execPath, [tsx, bin, 'serve', '--port', '0', '--scenario', mine], { stdio: 'pipe' });
    const proc = child;
    let output = '';
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 45_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (url && output.includes('personas:')) {
          clearTimeout(timer);
          resolve(url);
        }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
    });
    expect(output).toMatch(/scenario: my-served-scenario, \d+ patients/);

    const loaded = (await (await fetch(`${base}/__sandbox/scenario`)).json()) as { name: string };
    expect(loaded.name).toBe('my-served-scenario');
    const listed = (await (await fetch(`${base}/__sandbox/scenarios`)).json()) as { items: { name: string }[] };
    expect(listed.items.map((s) => s.name)).toEqual(
      expect.arrayContaining(['default', 'fully-booked', 'my-served-scenario']),
    );
    const signIn = await fetch(`${base}/auth/sign-in/eid`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'vera' }),
    });
    expect(signIn.status).toBe(200);

    const remote = capture();
    expect(await run(['scenario', 'run', mine, '--base-url', base], remote.io)).toBe(0);
    expect(remote.out()).toMatch(/against http/);
    expect(remote.out()).toMatch(/2 passed, 0 failed/);
    const catalogued = capture();
    expect(await run(['scenario', 'run', 'pin-lockout', '--base-url', base], catalogued.io)).toBe(0);
    // The run used sessions of its own and removed them; the default session is untouched.
    const sessions = (await (await fetch(`${base}/__sandbox/sessions`)).json()) as { items: { id: string }[] };
    expect(sessions.items.map((s) => s.id)).toEqual(['default']);
    const unknownFile = capture();
    expect(await run(['scenario', 'run', failing, '--base-url', base], unknownFile.io)).toBe(2);
    expect(unknownFile.err()).toMatch(/does not know the scenario deliberately-failing.*serve --scenario/);
    // A changed copy of a catalogue scenario would run as the catalogue's: refused.
    const changed = join(dir, 'pin-lockout-changed.yaml');
    const original = readFileSync(join(catalogueDir(), 'pin-lockout.yaml'), 'utf8');
    writeFileSync(changed, original.replace(/^summary: .*$/m, 'summary: My own pin lockout'));
    const copy = capture();
    expect(await run(['scenario', 'run', changed, '--base-url', base], copy.io)).toBe(2);
    expect(copy.err()).toMatch(/named pin-lockout like a scenario of the catalogue but differs from it/);
    // An unchanged copy runs.
    const same = join(dir, 'pin-lockout-copy.yaml');
    writeFileSync(same, original);
    expect(await run(['scenario', 'run', same, '--base-url', base], capture().io)).toBe(0);
    // Another file of the served file's name is refused; a copy of the served file runs.
    const listedMine = (await (await fetch(`${base}/__sandbox/scenarios`)).json()) as {
      items: { name: string; digest?: string }[];
    };
    expect(listedMine.items.find((s) => s.name === 'my-served-scenario')?.digest).toBe(
      scenarioDigest(readFileSync(mine)),
    );
    expect(listedMine.items.find((s) => s.name === 'default')?.digest).toBeUndefined();
    const variant = join(dir, 'variant', 'mine.yaml');
    mkdirSync(join(dir, 'variant'), { recursive: true });
    writeFileSync(variant, readFileSync(mine, 'utf8').replace(/^summary: .*$/m, 'summary: Another file, same name'));
    const other = capture();
    expect(await run(['scenario', 'run', variant, '--base-url', base], other.io)).toBe(2);
    expect(other.err()).toMatch(
      /has my-served-scenario from a scenario file it was started with whose content differs from the file /,
    );
    const mineCopy = join(dir, 'variant', 'copy.yaml');
    writeFileSync(mineCopy, readFileSync(mine));
    expect(await run(['scenario', 'run', mineCopy, '--base-url', base], capture().io)).toBe(0);

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
