// The first slice of the sandbox platform, in process through app.request(): sign-in as a persona,
// the profile, refresh, and PIN login with lockout — every answer checked by the contract
// validation middleware in strict mode, so a response that broke the contract would fail here.
import { describe, expect, it } from 'vitest';
import { problemTypeUri } from '../../domain/problem-types.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { createSandbox } from '../../mock-server/index.ts';

const sandbox = createSandbox({ population: { seed: 'auth-test', patients: 40 } });
const { app, store } = sandbox;
const adult = [...store.personas.values()].find(
  (p) => p.patient.consent.state === 'given' && p.patient.expected.app.self,
);
if (!adult) throw new Error('no adult persona with consent in the test population');

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const signIn = async (persona = adult.handle) => (await post('/auth/sign-in/eid', { persona })).json();

describe('sandbox sign-in', () => {
  it('signs in as a persona and answers the profile of that person', async () => {
    const tokens = await signIn();
    expect(tokens).toMatchObject({ tokenType: 'Bearer', patientId: adult.patient.patient.id });
    const me = await app.request('/me', { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ patientId: adult.patient.patient.id, cpr: adult.patient.patient.cpr });
  });

  it('refuses an unknown persona, a missing or forged token, and a malformed body', async () => {
    const unknown = await post('/auth/sign-in/eid', { persona: 'nobody-here' });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).type).toBe(problemTypeUri('unauthorized'));
    expect((await app.request('/me')).status).toBe(401);
    const other = createSandbox({ population: { seed: 'auth-test', patients: 8 } }).app;
    const otherSignIn = await other.request('/auth/sign-in/eid', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: [...store.personas.keys()][0] }),
    });
    const forged = await otherSignIn.json(); // signed with the other sandbox's key
    expect((await app.request('/me', { headers: { authorization: `Bearer ${forged.accessToken}` } })).status).toBe(401);
    const malformed = await post('/auth/sign-in/eid', { persona: 'UPPER CASE', extra: 1 });
    expect(malformed.status).toBe(400);
  });

  it('rotates refresh tokens', async () => {
    const first = await signIn();
    const second = await post('/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect((await post('/auth/refresh', { refreshToken: first.refreshToken })).status).toBe(401);
  });

  it('logs in with a PIN, and locks PIN login after three wrong PINs until a new PIN is set', async () => {
    const { accessToken } = await signIn();
    const auth = { authorization: `Bearer ${accessToken}` };
    const deviceId = 'device-0001-test';
    const set = await app.request('/auth/pin', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ deviceId, pin: '4711' }),
    });
    expect(set.status).toBe(200);
    expect((await post('/auth/sign-in/pin', { deviceId, pin: '4711' })).status).toBe(200);
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const wrong = await post('/auth/sign-in/pin', { deviceId, pin: '0000' });
      expect(wrong.status).toBe(401);
      remaining.push((await wrong.json()).attemptsRemaining);
    }
    expect(remaining).toEqual([2, 1, 0]);
    const locked = await post('/auth/sign-in/pin', { deviceId, pin: '4711' });
    expect(locked.status).toBe(423);
    expect((await locked.json()).type).toBe(problemTypeUri('pin-locked'));
    await app.request('/auth/pin', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ deviceId, pin: '1234' }),
    });
    expect((await post('/auth/sign-in/pin', { deviceId, pin: '1234' })).status).toBe(200);
  });

  it('answers an unknown path with a not-found problem', async () => {
    const res = await app.request('/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers a known path asked with a method it has no operation for with 405 and Allow', async () => {
    const { accessToken } = await signIn();
    const auth = { authorization: `Bearer ${accessToken}` };
    const diagnoses = `/patients/${adult.patient.patient.id}/diagnoses`;
    for (const [method, path, allow] of [
      ['DELETE', diagnoses, 'GET, HEAD'],
      ['GET', '/auth/sign-in/eid', 'POST'],
      ['PATCH', '/me', 'GET, HEAD'],
    ] as const) {
      const res = await app.request(path, { method, headers: auth });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({
        type: problemTypeUri('method-not-allowed'),
        status: 405,
        instance: path,
        detail: `${method} is not an operation on ${path}; it has ${allow}.`,
      });
    }
    // A path no operation has stays a 404, whatever the method; so does a known one with a slash added.
    expect((await app.request('/patients/x/nothing-here', { method: 'DELETE', headers: auth })).status).toBe(404);
    const slash = await app.request('/me/', { headers: auth });
    expect(slash.status).toBe(404);
    expect((await slash.json()).type).toBe(problemTypeUri('not-found'));
  });

  it('reads a path with percent-encoded letters as the path itself, validated as ever', async () => {
    const { accessToken } = await signIn();
    const auth = { authorization: `Bearer ${accessToken}` };
    const plain = await app.request(`/patients/${adult.patient.patient.id}/vaccinations`, { headers: auth });
    const encoded = await app.request(`/patients/${adult.patient.patient.id}/%76accinations`, { headers: auth });
    expect(encoded.status).toBe(plain.status);
    expect(await encoded.json()).toEqual(await plain.json());
    // Validated: a bad limit on the encoded path is refused like one on the plain path.
    const bad = await app.request(`/patients/${adult.patient.patient.id}/%76accinations?limit=-1`, { headers: auth });
    expect(bad.status).toBe(400);
    expect((await bad.json()).type).toBe(problemTypeUri('validation-failed'));
    const signInEncoded = await post('/auth/sign-in/%65id', { persona: adult.handle });
    expect(signInEncoded.status).toBe(200);
  });

  it('answers HEAD as GET without the body', async () => {
    const { accessToken } = await signIn();
    const res = await app.request(`/patients/${adult.patient.patient.id}/vaccinations?limit=2`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.text()).toBe('');
    // Validated as the GET it stands for: a bad limit is refused.
    const bad = await app.request(`/patients/${adult.patient.patient.id}/vaccinations?limit=-1`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(bad.status).toBe(400);
  });

  it('masks a CPR number in the problem instance however its characters are encoded', async () => {
    const { accessToken } = await signIn();
    for (const path of ['/patients/010190%2D1234/vaccinations', '/patients/%30%31%30%31%39%30-1234/vaccinations']) {
      const res = await app.request(path, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toMatch(/1234|%2D|%30/);
      expect(JSON.parse(text).instance).toBe('/patients/******-****/vaccinations');
    }
  });
});

describe('sandbox consent', () => {
  it('reads, gives and withdraws consent; use extends retention; 12 months and a day unused lapse it', async () => {
    const local = createSandbox({ population: { seed: 'consent-test', patients: 40 } });
    const persona = [...local.store.personas.values()].find((p) => p.patient.expected.app.self);
    if (!persona) throw new Error('no adult persona');
    const call = async (method: string, path: string, body?: unknown) => {
      const { accessToken } = await (
        await local.app.request('/auth/sign-in/eid', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ persona: persona.handle }),
        })
      ).json();
      const res = await local.app.request(path, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return res.json();
    };
    const given = await call('PUT', '/me/consent', { accepted: true });
    expect(given.state).toBe('given');
    const now = local.clock.now();
    expect(new Date(given.retainedUntil).getUTCFullYear()).toBe(now.getUTCFullYear() + 1);
    // Used eleven months later: retention moves on.
    local.clock.advance(335 * 86_400_000);
    expect((await call('GET', '/me/consent')).state).toBe('given');
    // Twelve months and a day without use: lapsed, and reading it does not revive it.
    local.clock.advance(366 * 86_400_000);
    expect((await call('GET', '/me/consent')).state).toBe('lapsed');
    expect((await call('GET', '/me/consent')).state).toBe('lapsed');
    expect((await call('PUT', '/me/consent', { accepted: true })).state).toBe('given');
    const withdrawn = await call('DELETE', '/me/consent');
    expect(withdrawn).toMatchObject({ state: 'withdrawn', retainedUntil: null });
  });
});

describe('sandbox children', () => {
  it('lists exactly the children under 15 the person holds custody of, youngest first', async () => {
    const local = createSandbox({ population: { seed: 'children-test', patients: 200 } });
    const today = '2026-01-15';
    let parentsChecked = 0;
    let someOlderLeftOut = false;
    for (const persona of local.store.personas.values()) {
      const me = persona.patient.patient;
      if (me.children.length === 0) continue;
      const signIn = await local.app.request('/auth/sign-in/eid', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona: persona.handle }),
      });
      const { accessToken } = await signIn.json();
      const res = await local.app.request('/me/children', { headers: { authorization: `Bearer ${accessToken}` } });
      expect(res.status).toBe(200);
      const { items } = await res.json();
      const expected = me.children
        .filter((c) => c.patientId && local.store.patients.has(c.patientId) && accessUntil(c.birthDate) > today)
        .sort((a, b) => (a.birthDate < b.birthDate ? 1 : -1))
        .map((c) => c.patientId);
      expect(items.map((i: { patientId: string }) => i.patientId)).toEqual(expected);
      if (expected.length < me.children.length) someOlderLeftOut = true;
      for (const item of items) {
        const child = local.store.patients.get(item.patientId);
        expect('address' in item).toBe(!child?.patient.addressProtected);
      }
      parentsChecked += 1;
    }
    expect(parentsChecked).toBeGreaterThan(10);
    expect(someOlderLeftOut).toBe(true);
  });
});
