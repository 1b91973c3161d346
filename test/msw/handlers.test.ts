// The MSW handlers as an app developer uses them: `setupServer(...sandboxHandlers(...))` in Node,
// then the app's ordinary `fetch` (or the typed client) at the sandbox's base URL. Checks that the
// stateful sandbox answers in process (sign-in, consent, data), that an unknown path under the base
// URL gets the sandbox's own not-found problem, and that a request outside the base URL is left to
// the next handler (MSW's handler order), never intercepted by the sandbox. No port is opened.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppClient } from '../../client/index.ts';
import { createSandbox } from '../../mock-server/index.ts';
import { sandboxHandlers } from '../../msw/index.ts';

const BASE = 'https://sandbox.test/api';
const handlers = sandboxHandlers({ population: { seed: 'msw-test', patients: 60 } }, { baseUrl: BASE });
const { sandbox } = handlers;
// After the sandbox's handlers, a catch-all for the host: it answers only what they let pass.
const server = setupServer(
  ...handlers,
  http.all('https://sandbox.test/*', () => HttpResponse.text('not the sandbox')),
);
// Made before server.listen() patches fetch, as an app module would be: it must still be served.
const earlyClient = createAppClient({ baseUrl: BASE });
/** Requests MSW saw that no handler took. */
const unhandled: string[] = [];

beforeAll(() => {
  // Outside the base URL nothing is ours: record it, and let it through quietly.
  server.listen({ onUnhandledRequest: (request) => void unhandled.push(`${request.method} ${request.url}`) });
});
afterAll(() => server.close());

/** An adult with consent never given, so the test changes state it can see. */
const persona = [...sandbox.store.personas.values()].find(
  (p) => p.patient.expected.app.self !== null && p.patient.consent.state === 'never-given',
);
if (!persona) throw new Error('no adult persona without consent in the test population');
const me = persona.patient.patient.id;

const json = (method: string, token: string | undefined, body?: unknown): RequestInit => ({
  method,
  headers: {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
  },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

describe('sandboxHandlers under setupServer', () => {
  it('serves sign-in and data to the global fetch, keeping state across requests', async () => {
    const signIn = await fetch(`${BASE}/auth/sign-in/eid`, json('POST', undefined, { persona: persona.handle }));
    expect(signIn.status).toBe(200);
    const { accessToken, patientId } = await signIn.json();
    expect(patientId).toBe(me);

    // No consent yet: the data is refused.
    const before = await fetch(`${BASE}/patients/${me}/vaccinations`, json('GET', accessToken));
    expect(before.status).toBe(403);
    expect(before.headers.get('content-type')).toBe('application/problem+json');
    expect((await before.json()).type).toBe('urn:minlaege-sandbox:problem:consent-required');

    // Give consent in one request; the next one sees it (one sandbox behind every request).
    const given = await fetch(`${BASE}/me/consent`, json('PUT', accessToken, { accepted: true }));
    expect((await given.json()).state).toBe('given');
    const after = await fetch(`${BASE}/patients/${me}/vaccinations?limit=100`, json('GET', accessToken));
    expect(after.status).toBe(200);
    const ids = ((await after.json()).items as { id: string }[]).map((v) => v.id);
    expect(ids.sort()).toEqual(persona.patient.journal.vaccinations.map((v) => v.id).sort());
    // The state is the sandbox's store, reachable from the test.
    expect(sandbox.store.copies.has(me)).toBe(true);
  });

  it('serves the typed client at the base URL, even one made before the server listened', async () => {
    const client = earlyClient;
    const tokens = await client.signInAsPersona(persona.handle);
    expect(tokens.patientId).toBe(me);
    const profile = await client.unwrap(client.GET('/me'));
    expect(profile).toMatchObject({ patientId: me, cpr: persona.patient.patient.cpr });
    const consent = await client.unwrap(client.GET('/me/consent'));
    expect(consent.state).toBe('given'); // given by the previous test, through plain fetch
  });

  it('answers an unknown path under the base URL with the sandbox’s not-found problem', async () => {
    for (const url of [`${BASE}/no/such/thing?x=1`, `${BASE}/`, BASE]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect((await res.json()).type).toBe('urn:minlaege-sandbox:problem:not-found');
    }
    expect(unhandled).toEqual([]);
  });

  it('leaves a request outside the base URL to the next handler (no network)', async () => {
    const outside = 'https://sandbox.test/apis/me'; // a sibling of the base path, not under it
    const res = await fetch(outside);
    expect(await res.text()).toBe('not the sandbox');
    expect(unhandled).toEqual([]);
  });

  it('moves sandbox time through the returned clock', async () => {
    const start = sandbox.clock.now().getTime();
    sandbox.clock.advance(2 * 86_400_000);
    const client = createAppClient({ baseUrl: BASE });
    await client.signInAsPersona(persona.handle);
    const ooh = await client.unwrap(
      client.GET('/patients/{patientId}/out-of-hours', { params: { path: { patientId: me } } }),
    );
    expect(Date.parse(ooh.asOf) - start).toBeGreaterThanOrEqual(2 * 86_400_000);
  });
});

describe('sandboxHandlers with a sandbox of your own', () => {
  it('serves the sandbox it is given, under a base URL written with a trailing slash', async () => {
    const own = createSandbox({ population: { seed: 'msw-own', patients: 10 } });
    const ownHandlers = sandboxHandlers(own, { baseUrl: 'https://own.test/platform/v1/' });
    expect(ownHandlers.sandbox).toBe(own);
    server.use(...ownHandlers);
    const handle = [...own.store.personas.values()].find((p) => p.patient.expected.app.self)?.handle;
    const res = await fetch(
      'https://own.test/platform/v1/auth/sign-in/eid',
      json('POST', undefined, { persona: handle }),
    );
    expect(res.status).toBe(200);
    expect(own.store.patients.has((await res.json()).patientId)).toBe(true);
    server.resetHandlers();
  });
});

describe('sandboxHandlers base URLs', () => {
  const bare = createSandbox({ population: { seed: 'msw-base', patients: 10 } });

  it('refuses a path as base URL where there is no page origin, and anything not a URL or a path', () => {
    expect(() => sandboxHandlers(bare, { baseUrl: '/api' })).toThrow(/no.*plain Node|absolute URL such as/);
    expect(() => sandboxHandlers(bare, { baseUrl: 'sandbox.test' })).toThrow(/absolute URL .* or a path/);
    expect(() => sandboxHandlers(bare, { baseUrl: '//sandbox.test/api' })).toThrow(/absolute URL .* or a path/);
    expect(() => sandboxHandlers(bare, { baseUrl: 'https://' })).toThrow(/is not a URL/);
  });

  it('serves a path as base URL against the page origin of a DOM test environment', async () => {
    vi.stubGlobal('location', new URL('http://localhost:3000/app/'));
    try {
      const pathHandlers = sandboxHandlers(bare, { baseUrl: '/api' });
      server.use(...pathHandlers);
      const res = await fetch('http://localhost:3000/api/no-such-thing');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    } finally {
      server.resetHandlers();
      vi.unstubAllGlobals();
    }
  });

  it('keeps a double slash under the base URL a path of the sandbox, as the Node server does', async () => {
    const seen: string[] = [];
    // A stand-in with a sandbox's shape that records the URL it is handed.
    const recorder = {
      app: {
        fetch: (req: Request) => {
          seen.push(new URL(req.url).href);
          return new Response('seen');
        },
      },
      store: {},
      clock: {},
    } as unknown as Parameters<typeof sandboxHandlers>[0];
    server.use(...sandboxHandlers(recorder, { baseUrl: 'https://recorder.test/api' }));
    try {
      expect(await (await fetch('https://recorder.test/api//me?x=1')).text()).toBe('seen');
      expect(seen).toEqual(['https://recorder.test//me?x=1']);
    } finally {
      server.resetHandlers();
    }
  });
});

describe('the control API through MSW', () => {
  it('moves sandbox time and keeps sessions apart, in process', async () => {
    const json = { 'content-type': 'application/json' };
    const advance = await fetch(`${BASE}/__sandbox/clock/advance`, {
      method: 'POST',
      headers: { ...json, 'x-sandbox-session': 'msw-a' },
      body: JSON.stringify({ by: 'P7D' }),
    });
    expect(advance.status).toBe(200);
    const a = await (await fetch(`${BASE}/__sandbox/clock`, { headers: { 'x-sandbox-session': 'msw-a' } })).json();
    const fresh = await (await fetch(`${BASE}/__sandbox/clock`, { headers: { 'x-sandbox-session': 'msw-b' } })).json();
    expect(Date.parse(a.now) - Date.parse(fresh.now)).toBeGreaterThan(6.9 * 86_400_000);
    expect(handlers.host?.sessions.has('msw-a')).toBe(true);
  });

  it("loads a scenario of the kit's catalogue in a session", async () => {
    const res = await fetch(`${BASE}/__sandbox/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-sandbox-session': 'msw-scenario' },
      body: JSON.stringify({ name: 'parent-with-children' }),
    });
    expect(res.status).toBe(200);
    expect(handlers.host?.session('msw-scenario').sandbox.store.personas.has('mette')).toBe(true);
  });
});
