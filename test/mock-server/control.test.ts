// The control API through the host, as testers and CI jobs use it: time travel and what it
// changes, scenarios and reset, personas with ready tokens, Pact provider states, the request log
// with privacy findings, faults on the platform and the journal, snapshots, isolated sessions, and
// the loopback / admin-token rule.
import { afterAll, describe, expect, it } from 'vitest';
import { addDuration } from '../../domain/duration.ts';
import { problemKindOf } from '../../domain/problem-types.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { addDays, copenhagenDate, copenhagenInstant } from '../../domain/time.ts';
import { createSandboxHost, type SandboxHost } from '../../mock-server/host.ts';
import { createJournalHost } from '../../mock-server/journal-host.ts';
import { listen, type RunningServer } from '../../mock-server/node.ts';
import { consentingAdults, parentWithChild } from './sandbox-people.ts';

const POPULATION = { seed: 'control-test', patients: 120, asOf: '2026-01-15' };

function client(host: SandboxHost, session?: string) {
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await host.app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(session ? { 'x-sandbox-session': session } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text === '' ? undefined : JSON.parse(text),
      type: res.headers.get('content-type'),
    };
  };
  const signIn = async (handle: string) =>
    (await call('POST', '/auth/sign-in/eid', { persona: handle })).body.accessToken as string;
  return { call, signIn };
}

/** Sandbox time runs on in real time: compare instants to the second. */
const sec = (iso: string) => iso.replace(/\.\d{3}(?=[+Z-])/, '');

const handleOf = (host: SandboxHost, patientId: string, session?: string) =>
  [...host.session(session).sandbox.store.personas.values()].find((p) => p.patient.patient.id === patientId)?.handle ??
  '';

describe('clock', () => {
  const host = createSandboxHost({ population: POPULATION });
  const { call } = client(host);

  it('reads, sets and advances sandbox time on the Copenhagen calendar', async () => {
    const clock = await call('GET', '/__sandbox/clock');
    expect(sec(clock.body.now)).toBe('2026-01-15T12:00:00+01:00');
    expect(clock.body).toMatchObject({
      timeZone: 'Europe/Copenhagen',
      scenarioStart: '2026-01-15T12:00:00.000+01:00',
      pendingEvents: 0,
    });
    const set = await call('PUT', '/__sandbox/clock', { now: '2026-01-31T09:00:00+01:00' });
    expect(sec(set.body.now)).toBe('2026-01-31T09:00:00+01:00');
    const month = await call('POST', '/__sandbox/clock/advance', { by: 'P1M' });
    expect(month.body.now).toMatch(/^2026-02-28T09:00:00\.\d{3}\+01:00$/);
    expect(month.body.fired).toEqual([]);
  });

  it('refuses a body nested deeper than any contract allows, without a 500', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const res = await call('POST', '/__sandbox/faults', {
      target: 'platform',
      match: { path: '/me' },
      effect: { kind: 'error', status: 503, problem: { type: 'about:blank', title: 'Down', extra: deep } },
    }).catch(async () => {
      // JSON.stringify of the test's own body may itself give up; build the text by hand.
      const text = `{"target":"platform","match":{"path":"/me"},"effect":{"kind":"error","status":503,"problem":{"type":"about:blank","title":"Down","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`;
      const r = await host.app.request('/__sandbox/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
      return { status: r.status, body: await r.json() };
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/nests deeper than 64 levels/);
  });

  it('keeps sandbox time within 1900–2099', async () => {
    for (const now of ['1800-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
      const res = await call('PUT', '/__sandbox/clock', { now });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].pointer).toBe('/body/now');
    }
    const far = await call('POST', '/__sandbox/clock/advance', { by: 'P99999Y' });
    expect(far.status).toBe(400);
    expect(far.body.errors[0].pointer).toBe('/body/by');
  });

  it('refuses a duration that is not ISO 8601 or not positive, naming the field', async () => {
    for (const by of ['1 day', 'P0D', 'P']) {
      const res = await call('POST', '/__sandbox/clock/advance', { by });
      expect(res.status).toBe(400);
      expect(problemKindOf(res.body.type)).toBe('validation-failed');
      expect(res.body.errors[0].pointer).toMatch(/by/);
    }
  });
});

describe('what time travel changes', () => {
  it('12 months and a day after the last activity the platform copy is gone (checked in the store), and the person is told the consent lapsed', async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const { store } = host.session().sandbox;
    const [adult] = consentingAdults(store);
    if (!adult) throw new Error('no consenting adult');
    const id = adult.patient.id;
    const token = await signIn(handleOf(host, id));
    expect((await call('GET', `/patients/${id}/vaccinations`, undefined, token)).status).toBe(200);
    expect(store.copies.has(id)).toBe(true);
    const last = store.consents.get(id)?.lastActivityAt as Date;

    const justBefore = new Date(addDuration(last, 'P12M').getTime() - 60_000);
    await call('PUT', '/__sandbox/clock', { now: justBefore.toISOString() });
    expect(store.copies.has(id)).toBe(true); // not yet: a minute before 12 months
    await call('POST', '/__sandbox/clock/advance', { by: 'P1D' });
    expect(store.copies.has(id)).toBe(false); // deleted by the clock move, before any request
    expect(store.journalConsents.get(id)?.state).toBe('withdrawn');
    expect(host.session().sandbox.clock.now().getTime()).toBeGreaterThan(last.getTime() + 365 * 86_400_000);

    const again = await signIn(handleOf(host, id));
    const res = await call('GET', `/patients/${id}/vaccinations`, undefined, again);
    expect(res.status).toBe(403);
    expect(problemKindOf(res.body.type)).toBe('consent-lapsed');
  });

  it("a child's 15th birthday ends the parent's access at midnight", async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const { store, clock } = host.session().sandbox;
    const today = copenhagenDate(clock.now());
    const { parent, child } = parentWithChild(store, consentingAdults(store), today, true);
    const birthday = accessUntil(child.patient.birthDate);
    await call('PUT', '/__sandbox/clock', { now: copenhagenInstant(addDays(birthday, -1), 23, 58).toISOString() });
    // Years may have passed: the parent consents again (a lapse is another test's subject).
    const parentToken = await signIn(handleOf(host, parent.patient.id));
    expect((await call('PUT', '/me/consent', { accepted: true }, parentToken)).status).toBe(200);
    await call('PUT', '/__sandbox/clock', { now: copenhagenInstant(addDays(birthday, -1), 23, 59).toISOString() });
    const before = await call(
      'GET',
      `/patients/${child.patient.id}/vaccinations`,
      undefined,
      await signIn(handleOf(host, parent.patient.id)),
    );
    expect(before.status).toBe(200);
    await call('POST', '/__sandbox/clock/advance', { by: 'PT1M' });
    const after = await call(
      'GET',
      `/patients/${child.patient.id}/vaccinations`,
      undefined,
      await signIn(handleOf(host, parent.patient.id)),
    );
    expect(after.status).toBe(403);
    expect(problemKindOf(after.body.type)).toBe('proxy-access-denied');
    // The copy fetched under the parent's consent is not kept: nothing covers it now.
    expect(store.consents.get(child.patient.id)?.givenAt).toBeUndefined();
    expect(store.copies.has(child.patient.id)).toBe(false);
  });

  it('an upcoming appointment becomes past when its time has passed', async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const { store, clock } = host.session().sandbox;
    const now = clock.now().getTime();
    const adult = consentingAdults(store).find((a) =>
      a.journal.appointments.some((x) => Date.parse(x.startsAt) > now && x.status === 'booked'),
    );
    if (!adult) throw new Error('no consenting adult with an upcoming appointment');
    const next = adult.journal.appointments
      .filter((x) => Date.parse(x.startsAt) > now)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
    // Signed in afresh each time: an access token expires in sandbox time too.
    const ids = async (when: string) => {
      const token = await signIn(handleOf(host, adult.patient.id));
      const res = await call(
        'GET',
        `/patients/${adult.patient.id}/appointments?when=${when}&limit=100`,
        undefined,
        token,
      );
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).map((i) => i.id);
    };
    expect(await ids('upcoming')).toContain(next?.id);
    await call('PUT', '/__sandbox/clock', { now: new Date(Date.parse(next?.startsAt ?? '') + 60_000).toISOString() });
    expect(await ids('upcoming')).not.toContain(next?.id);
    expect(await ids('past')).toContain(next?.id);
  });

  it('fires scheduled timeline events in order as time passes', async () => {
    const applied: string[] = [];
    const host = createSandboxHost({
      population: POPULATION,
      scenarios: [
        {
          name: 'with-timeline',
          summary: 'Two events a day apart',
          source: 'catalogue',
          build: () => ({
            ...POPULATION,
            start: copenhagenInstant('2026-01-15', 12, 0),
            timeline: [
              {
                at: copenhagenInstant('2026-01-17', 9, 0),
                kind: 'doctor-replied',
                summary: 'second',
                apply: () => void applied.push('second'),
              },
              {
                at: copenhagenInstant('2026-01-16', 9, 0),
                kind: 'lab-result-added',
                summary: 'first',
                apply: () => void applied.push('first'),
              },
            ],
          }),
        },
      ],
    });
    const { call } = client(host);
    expect((await call('PUT', '/__sandbox/scenario', { name: 'with-timeline' })).status).toBe(200);
    expect((await call('GET', '/__sandbox/clock')).body.pendingEvents).toBe(2);
    const moved = await call('POST', '/__sandbox/clock/advance', { by: 'P3D' });
    expect(moved.body.fired.map((e: { summary: string }) => e.summary)).toEqual(['first', 'second']);
    expect(applied).toEqual(['first', 'second']);
    expect(moved.body.pendingEvents).toBe(0);
    // A reset puts them back.
    await call('POST', '/__sandbox/reset');
    expect((await call('GET', '/__sandbox/clock')).body.pendingEvents).toBe(2);
  });
});

describe('faults a timeline switched on', () => {
  it("end with a reset; a tester's own faults stay", async () => {
    const outage = { target: 'journal' as const, match: { path: '/**' }, effect: { kind: 'outage' as const } };
    const host = createSandboxHost({
      population: POPULATION,
      scenarios: [
        {
          name: 'goes-down',
          summary: 'The journal goes down after a day',
          source: 'catalogue',
          build: () => ({
            ...POPULATION,
            start: copenhagenInstant('2026-01-15', 12, 0),
            timeline: [
              {
                at: copenhagenInstant('2026-01-16', 12, 0),
                kind: 'journal-down',
                summary: 'the journal stops answering',
                apply: (_sandbox, session) => void session.faults.add(outage, 'timeline'),
              },
            ],
          }),
        },
      ],
    });
    const { call } = client(host);
    await call('PUT', '/__sandbox/scenario', { name: 'goes-down' });
    await call('POST', '/__sandbox/faults', { ...outage, match: { path: '/slots' } });
    await call('POST', '/__sandbox/clock/advance', { by: 'P2D' });
    expect((await call('GET', '/__sandbox/faults')).body.items).toHaveLength(2);
    await call('POST', '/__sandbox/reset');
    const left = (await call('GET', '/__sandbox/faults')).body.items;
    expect(left).toEqual([expect.objectContaining({ match: { path: '/slots' } })]);
  });
});

describe('scenarios, personas and provider states', () => {
  const host = createSandboxHost({ population: POPULATION });
  const { call } = client(host);

  it('lists, loads (replacing all state) and resets', async () => {
    expect((await call('GET', '/__sandbox/scenarios')).body.items).toEqual([
      expect.objectContaining({ name: 'default', source: 'population' }),
    ]);
    const loaded = await call('PUT', '/__sandbox/scenario', { name: 'default', patients: 40 });
    expect(loaded.body).toMatchObject({ name: 'default', seed: 'control-test', patients: 40 });
    expect(loaded.body.summary).toBe(
      `The generated population: seed control-test, 40 patients as of ${loaded.body.asOf}`,
    );
    expect(host.session().sandbox.store.patients.size).toBe(40);
    const { store } = host.session().sandbox;
    const [adult] = consentingAdults(store);
    store.consents.set(adult?.patient.id ?? '', {});
    await call('POST', '/__sandbox/clock/advance', { by: 'P1D' });
    const reset = await call('POST', '/__sandbox/reset');
    expect(reset.body.patients).toBe(40);
    expect(host.session().sandbox.store.consents.get(adult?.patient.id ?? '')?.givenAt).toBeDefined();
    expect(sec((await call('GET', '/__sandbox/clock')).body.now)).toBe('2026-01-15T12:00:00+01:00');
    const unknown = await call('PUT', '/__sandbox/scenario', { name: 'no-such-scenario' });
    expect(unknown.status).toBe(404);
  });

  it('refuses a reference date the generators cannot serve, and a persona a state does not have, keeping the state', async () => {
    expect((await call('PUT', '/__sandbox/scenario', { name: 'default', patients: 30 })).status).toBe(200);
    for (const asOf of ['1850-01-01', '2099-12-31']) {
      const res = await call('PUT', '/__sandbox/scenario', { name: 'default', asOf });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].pointer).toBe('/body/asOf');
      const state = await call('POST', '/__sandbox/provider-states', { state: 'scenario default', params: { asOf } });
      expect(state.status).toBe(400);
    }
    const nobody = await call('POST', '/__sandbox/provider-states', {
      state: 'scenario default',
      params: { patients: 10, as: 'nobody-here' },
    });
    expect(nobody.status).toBe(400);
    expect((await call('GET', '/__sandbox/scenario')).body.patients).toBe(30); // kept
    expect(host.session().sandbox.store.patients.size).toBe(30);
  });

  it('lists personas with what they are and a ready token that works', async () => {
    const res = await call('GET', '/__sandbox/personas?canSignIn=true&consent=given');
    expect(res.status).toBe(200);
    const persona = res.body.items.find((p: { children: unknown[] }) => p.children.length > 0) ?? res.body.items[0];
    expect(persona.summary).toMatch(/years, consent given/);
    const me = await call('GET', '/me', undefined, persona.tokens.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.patientId).toBe(persona.patientId);
    const young = await call('GET', '/__sandbox/personas?canSignIn=false');
    expect(young.body.items.every((p: { tokens: unknown; age: number }) => p.tokens === null && p.age < 15)).toBe(true);
  });

  it('sets up Pact provider states with values, refuses unknown ones, and tears down to the start', async () => {
    const list = await call('GET', '/__sandbox/provider-states');
    expect(list.body.items.map((s: { state: string }) => s.state)).toContain('scenario default');
    const lapsed = await call('POST', '/__sandbox/provider-states', {
      state: 'a persona whose consent lapsed',
      action: 'setup',
    });
    expect(lapsed.status).toBe(200);
    const data = await call('GET', `/patients/${lapsed.body.patientId}/diagnoses`, undefined, lapsed.body.accessToken);
    expect(problemKindOf(data.body.type)).toBe('consent-lapsed');
    const parent = await call('POST', '/__sandbox/provider-states', { state: 'a parent with a child under 15' });
    expect(parent.body.childId).toMatch(/^pat_/);
    const child = await call(
      'GET',
      `/patients/${parent.body.childId}/vaccinations`,
      undefined,
      parent.body.accessToken,
    );
    expect(child.status).toBe(200);
    expect((await call('POST', '/__sandbox/provider-states', { state: 'no such state' })).status).toBe(404);
    expect(
      (await call('POST', '/__sandbox/provider-states', { state: 'scenario default', params: { colour: 'red' } }))
        .status,
    ).toBe(400);
    const down = await call('POST', '/__sandbox/provider-states', {
      state: 'a persona whose consent lapsed',
      action: 'teardown',
    });
    expect(down.body).toEqual({});
    const after = host.session().sandbox.store.consents.get(lapsed.body.patientId);
    expect(after?.lastActivityAt?.getTime()).not.toBe(
      new Date(`${'2024-12-15'}T10:00:00Z`).getTime(), // back to the scenario's own record
    );
  });
});

describe('request log and privacy findings', () => {
  it('logs a sandbox bug (a 500) as a contract violation, its answer free of internals', async () => {
    const logged: string[] = [];
    const host = createSandboxHost({ population: POPULATION, log: (m) => logged.push(m) });
    const { call, signIn } = client(host);
    const [adult] = consentingAdults(host.session().sandbox.store);
    const token = await signIn(handleOf(host, adult?.patient.id ?? ''));
    const { store } = host.session().sandbox;
    store.clinics.get = () => {
      throw new TypeError('a broken store');
    };
    const res = await call('GET', `/patients/${adult?.patient.id}/diagnoses`, undefined, token);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/broken store|TypeError/);
    expect(logged.some((m) => m.includes('TypeError: a broken store'))).toBe(true);
    const [entry] = (await call('GET', '/__sandbox/requests?limit=1')).body.items;
    expect(entry).toMatchObject({ status: 500, verdict: 'contract-violation' });
    expect(entry.contractErrors[0].pointer).toBe('/response/status');
  });

  it('logs each exchange with operation, persona, status, verdict; filters; keeps a bounded ring', async () => {
    const host = createSandboxHost({ population: POPULATION, requestLog: 5 });
    const { call, signIn } = client(host);
    const [adult] = consentingAdults(host.session().sandbox.store);
    const id = adult?.patient.id ?? '';
    const handle = handleOf(host, id);
    const token = await signIn(handle);
    await call('GET', `/patients/${id}/diagnoses`, undefined, token);
    await call('GET', '/patients/pat_doesnotexist1/diagnoses', undefined, token);
    await call('GET', '/patients/0101901234/diagnoses', undefined, token); // a CPR in the URL
    const log = await call('GET', '/__sandbox/requests');
    expect(log.body.capacity).toBe(5);
    const [cpr, refused, ok, signInEntry] = log.body.items;
    expect(signInEntry).toMatchObject({ operationId: 'signInWithEid', status: 200, verdict: 'ok', persona: handle });
    expect(ok).toMatchObject({
      operationId: 'listDiagnoses',
      persona: handle,
      status: 200,
      verdict: 'ok',
      findings: [],
    });
    expect(refused).toMatchObject({ status: 403, verdict: 'rejected', persona: handle });
    // The app's mistake, not the sandbox's: logged as a finding, answered as the contract says.
    expect(cpr).toMatchObject({ path: '/patients/******-****/diagnoses', status: 400, verdict: 'privacy-finding' });
    expect(cpr.findings).toEqual([expect.objectContaining({ kind: 'cpr-in-url', pointer: null })]);
    expect(cpr.contractErrors[0].pointer).toBe('/request/path/patientId');
    // The answer's instance does not repeat it.
    const answered = await call('GET', '/patients/0101901234/diagnoses', undefined, token);
    expect(answered.body.instance).toBe('/patients/******-****/diagnoses');
    // A CPR number in a header is a finding too (access logs keep headers).
    const header = await host.app.request('/me', {
      headers: { authorization: `Bearer ${token}`, 'x-patient': '0101901234' },
    });
    expect(header.status).toBe(200);
    const logged = (await call('GET', '/__sandbox/requests?limit=1')).body.items[0];
    expect(logged.findings).toEqual([expect.objectContaining({ kind: 'cpr-in-log', pointer: null })]);
    const byOp = await call('GET', '/__sandbox/requests?operationId=listDiagnoses&verdict=ok');
    expect(byOp.body.items).toHaveLength(1);
    for (let i = 0; i < 4; i++) await call('GET', '/me', undefined, token);
    const full = await call('GET', '/__sandbox/requests');
    expect(full.body.items).toHaveLength(5);
    expect(full.body.dropped).toBe(5); // 10 exchanges, 5 kept
    expect((await call('DELETE', '/__sandbox/requests')).status).toBe(204);
    expect((await call('GET', '/__sandbox/requests')).body.items).toEqual([]);
  });

  it("catches a planted leak (a child's diagnosis in the parent's own copy): strict fails it, the log names it", async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const { store, clock } = host.session().sandbox;
    const { parent, child } = parentWithChild(store, consentingAdults(store), copenhagenDate(clock.now()), true);
    const token = await signIn(handleOf(host, parent.patient.id));
    expect((await call('GET', `/patients/${parent.patient.id}/diagnoses`, undefined, token)).status).toBe(200);
    // The bug: the platform's copy of the parent's record picks up the child's diagnosis.
    const leaked = {
      id: 'dia_plantedleak01',
      icpcCode: 'K86' as const,
      title: 'Forhøjet blodtryk',
      registeredAt: '2025-06-01',
      rule: 'B' as const,
    };
    child.journal.diagnoses.push({
      id: leaked.id,
      icpcCode: leaked.icpcCode,
      title: leaked.title,
      registeredAt: leaked.registeredAt,
    });
    store.copies.get(parent.patient.id)?.diagnoses.push(leaked);
    const res = await call('GET', `/patients/${parent.patient.id}/diagnoses`, undefined, token);
    expect(res.status).toBe(500);
    expect(res.body.findings).toEqual([expect.objectContaining({ kind: 'child-restricted-category' })]);
    const flagged = await call('GET', '/__sandbox/requests?verdict=privacy-finding');
    expect(flagged.body.items).toHaveLength(1);
    expect(flagged.body.items[0].findings[0].pointer).toMatch(/^\/items\/\d+$/);
  });
});

describe('faults', () => {
  it('adds latency, answers an error, counts times, and lists and removes faults', async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const [adult] = consentingAdults(host.session().sandbox.store);
    const token = await signIn(handleOf(host, adult?.patient.id ?? ''));
    const slow = await call('POST', '/__sandbox/faults', {
      target: 'platform',
      match: { method: 'GET', path: '/me' },
      effect: { kind: 'latency', ms: 120 },
      times: 1,
    });
    expect(slow.status).toBe(201);
    expect(slow.body).toMatchObject({ id: expect.stringMatching(/^flt_/), remaining: 1, hits: 0 });
    let t = performance.now();
    expect((await call('GET', '/me', undefined, token)).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(110);
    t = performance.now();
    await call('GET', '/me', undefined, token);
    expect(performance.now() - t).toBeLessThan(100);

    const error = await call('POST', '/__sandbox/faults', {
      target: 'platform',
      match: { path: '/patients/*/diagnoses' },
      effect: {
        kind: 'error',
        status: 503,
        problem: { type: 'urn:minlaege-sandbox:problem:journal-unavailable', title: 'Down' },
      },
    });
    const res = await call('GET', `/patients/${adult?.patient.id}/diagnoses`, undefined, token);
    expect(res.status).toBe(503);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'urn:minlaege-sandbox:problem:journal-unavailable', status: 503 });
    expect((await call('GET', '/__sandbox/faults')).body.items).toEqual([
      expect.objectContaining({ id: error.body.id, hits: 1 }),
    ]);
    expect((await call('DELETE', `/__sandbox/faults/${error.body.id}`)).status).toBe(204);
    expect((await call('DELETE', `/__sandbox/faults/${error.body.id}`)).status).toBe(404);
    expect((await call('GET', `/patients/${adult?.patient.id}/diagnoses`, undefined, token)).status).toBe(200);
    const bad = await call('POST', '/__sandbox/faults', {
      target: 'platform',
      match: { path: '/x' },
      effect: { kind: 'outage' },
    });
    expect(bad.status).toBe(400);
  });

  it('takes a journal refusal at its word only under the status of its kind, from an operation that declares it', async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const adults = consentingAdults(host.session().sandbox.store);
    const refusals = [
      [503, 'not-found'], // a 5xx is the journal failing, whatever its type says
      [500, 'consent-required'],
      [409, 'pin-locked'], // a kind under another kind's status
      [405, 'method-not-allowed'], // a kind getRecord does not declare
      [409, 'slot-taken'], // getRecord's 409 is clinic-not-connected, not this
    ] as const;
    for (const [i, [status, kind]] of refusals.entries()) {
      const person = adults[i];
      if (!person) throw new Error('need five consenting adults');
      await call('POST', '/__sandbox/faults', {
        target: 'journal',
        match: { path: '/patients/*/record' },
        effect: { kind: 'error', status, problem: { type: `urn:minlaege-sandbox:problem:${kind}`, title: 'x' } },
        times: 1,
      });
      const token = await signIn(handleOf(host, person.patient.id));
      const res = await call('GET', `/patients/${person.patient.id}/medication`, undefined, token);
      expect(res.status, `${status} ${kind}`).toBe(503);
      expect(problemKindOf(res.body.type)).toBe('journal-unavailable');
    }
  });

  it('survives journal faults with journal-unavailable, and loses no write', async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const { store } = host.session().sandbox;
    const adults = consentingAdults(store).filter((a) => store.clinics.get(a.clinicId)?.capabilities.onlineBooking);
    const [first, second, third] = adults;
    if (!first || !second || !third) throw new Error('need three consenting adults at a booking clinic');
    const problem = { type: 'about:blank', title: 'Internal error' };
    for (const effect of [{ kind: 'outage' }, { kind: 'malformed' }, { kind: 'error', status: 500, problem }]) {
      await call('POST', '/__sandbox/faults', {
        target: 'journal',
        match: { path: '/patients/*/record' },
        effect,
        times: 1,
      });
    }
    for (const person of [first, second, third]) {
      const token = await signIn(handleOf(host, person.patient.id));
      const res = await call('GET', `/patients/${person.patient.id}/medication`, undefined, token);
      expect(res.status).toBe(503);
      expect(problemKindOf(res.body.type)).toBe('journal-unavailable');
      expect(store.copies.has(person.patient.id)).toBe(false);
    }
    // The faults are used up: the next read fetches.
    const token = await signIn(handleOf(host, first.patient.id));
    expect((await call('GET', `/patients/${first.patient.id}/medication`, undefined, token)).status).toBe(200);

    // A booking while the journal is down is refused and not recorded anywhere.
    const slots = await call('GET', `/patients/${first.patient.id}/booking-slots`, undefined, token);
    const slotId = slots.body.items[0].slotId ?? slots.body.items[0].id;
    const taken = new Set(store.takenSlots.get(first.clinicId));
    await call('POST', '/__sandbox/faults', {
      target: 'journal',
      match: { method: 'POST', path: '/patients/*/appointments' },
      effect: { kind: 'outage' },
    });
    const booked = await call('POST', `/patients/${first.patient.id}/appointments`, { slotId }, token);
    expect(booked.status).toBe(503);
    expect(new Set(store.takenSlots.get(first.clinicId))).toEqual(taken);
    await call('DELETE', '/__sandbox/faults');
    expect((await call('POST', `/patients/${first.patient.id}/appointments`, { slotId }, token)).status).toBe(201);
  });

  it('a journal too slow to answer a booking leaves no half-made booking on either side', async () => {
    const host = createSandboxHost({ population: POPULATION, journalTimeoutMs: 300 });
    const { call, signIn } = client(host);
    const { store } = host.session().sandbox;
    const person = consentingAdults(store).find((a) => store.clinics.get(a.clinicId)?.capabilities.onlineBooking);
    if (!person) throw new Error('no consenting adult at a booking clinic');
    const id = person.patient.id;
    const token = await signIn(handleOf(host, id));
    const slots = await call('GET', `/patients/${id}/booking-slots`, undefined, token);
    const slotId = slots.body.items[0].id;
    const journalBefore = person.journal.appointments.length;
    const copyBefore = store.copies.get(id)?.appointments.length;
    const takenBefore = new Set(store.takenSlots.get(person.clinicId));
    await call('POST', '/__sandbox/faults', {
      target: 'journal',
      match: { method: 'POST', path: '/patients/*/appointments' },
      effect: { kind: 'latency', ms: 600 },
      times: 1,
    });
    const booked = await call('POST', `/patients/${id}/appointments`, { slotId }, token);
    expect(booked.status).toBe(503);
    expect(problemKindOf(booked.body.type)).toBe('journal-unavailable');
    await new Promise((resolve) => setTimeout(resolve, 500)); // past the delayed request
    expect(person.journal.appointments).toHaveLength(journalBefore); // not in the journal
    expect(new Set(store.takenSlots.get(person.clinicId))).toEqual(takenBefore);
    expect(store.copies.get(id)?.appointments.length).toBe(copyBefore); // not in the platform's copy
    const retried = await call('POST', `/patients/${id}/appointments`, { slotId }, token);
    expect(retried.status).toBe(201);
  });

  it("answers from the copy within a second while the journal's feed is slow", async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const [adult] = consentingAdults(host.session().sandbox.store);
    const id = adult?.patient.id ?? '';
    const token = await signIn(handleOf(host, id));
    expect((await call('GET', `/patients/${id}/medication`, undefined, token)).status).toBe(200); // the copy
    await call('POST', '/__sandbox/faults', {
      target: 'journal',
      match: { path: '/changes' },
      effect: { kind: 'latency', ms: 4000 },
    });
    await call('POST', '/__sandbox/clock/advance', { by: 'PT2S' }); // the feed is due again
    const t = performance.now();
    const res = await call('GET', `/patients/${id}/medication`, undefined, token);
    expect(res.status).toBe(200);
    expect(performance.now() - t).toBeLessThan(1900);
    expect((await call('GET', '/__sandbox/faults')).body.items[0].hits).toBe(1); // the feed was being read
  });

  it('matches journal faults on contract paths behind a --journal-url with a base path', async () => {
    const journal = createJournalHost({ population: POPULATION, platformToken: 'base-path-token', log: () => {} });
    // The vendor's journal lives under /platform/v1 on its host.
    const fetchJournal = (request: Request) => {
      const url = new URL(request.url);
      url.pathname = url.pathname.replace(/^\/platform\/v1/, '');
      return journal.app.fetch(new Request(url, request));
    };
    const host = createSandboxHost({
      population: POPULATION,
      journal: { url: 'http://journal.test/platform/v1', token: 'base-path-token', fetch: fetchJournal },
    });
    const { call, signIn } = client(host);
    const adults = consentingAdults(host.session().sandbox.store);
    const [first, second] = adults;
    expect(
      (
        await call(
          'GET',
          `/patients/${first?.patient.id}/medication`,
          undefined,
          await signIn(handleOf(host, first?.patient.id ?? '')),
        )
      ).status,
    ).toBe(200);
    await call('POST', '/__sandbox/faults', {
      target: 'journal',
      match: { path: '/patients/*/record' },
      effect: { kind: 'outage' },
    });
    const res = await call(
      'GET',
      `/patients/${second?.patient.id}/medication`,
      undefined,
      await signIn(handleOf(host, second?.patient.id ?? '')),
    );
    expect(res.status).toBe(503);
  });

  it('calls no journal for a request without a valid token', async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call } = client(host);
    const [adult] = consentingAdults(host.session().sandbox.store);
    await call('POST', '/__sandbox/faults', {
      target: 'journal',
      match: { path: '/**' },
      effect: { kind: 'latency', ms: 1 },
    });
    for (const token of [undefined, 'forged.token.value']) {
      const res = await call('GET', `/patients/${adult?.patient.id}/diagnoses`, undefined, token);
      expect(res.status).toBe(401);
    }
    expect((await call('GET', '/__sandbox/faults')).body.items[0].hits).toBe(0);
  });

  it('times out a slow journal', async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const [adult] = consentingAdults(host.session().sandbox.store);
    await call('POST', '/__sandbox/faults', {
      target: 'journal',
      match: { path: '/patients/**' }, // the feed stays quick; the first fetch is slow
      effect: { kind: 'latency', ms: 6000 },
    });
    const token = await signIn(handleOf(host, adult?.patient.id ?? ''));
    const t = performance.now();
    const res = await call('GET', `/patients/${adult?.patient.id}/medication`, undefined, token);
    expect(res.status).toBe(503);
    expect(res.body.detail).toMatch(/no answer within 5000 ms/);
    expect(performance.now() - t).toBeLessThan(5900);
  }, 10_000);
});

describe('snapshots', () => {
  it('exports the state, imports it back, and refuses a bad snapshot keeping the current state', async () => {
    const host = createSandboxHost({ population: POPULATION });
    const { call, signIn } = client(host);
    const [adult] = consentingAdults(host.session().sandbox.store);
    const id = adult?.patient.id ?? '';
    const token = await signIn(handleOf(host, id));
    await call('GET', `/patients/${id}/medication`, undefined, token);
    const saved = await call('GET', '/__sandbox/snapshot');
    expect(saved.body).toMatchObject({
      format: 'minlaege-sandbox-snapshot',
      version: 1,
      scenario: { name: 'default' },
    });

    await call('DELETE', '/me/consent', undefined, token);
    await call('POST', '/__sandbox/clock/advance', { by: 'P2D' });
    expect(host.session().sandbox.store.copies.has(id)).toBe(false);

    const restored = await call('PUT', '/__sandbox/snapshot', saved.body);
    expect(restored.status).toBe(200);
    const { sandbox } = host.session();
    expect(sandbox.store.copies.has(id)).toBe(true);
    expect(Math.abs(sandbox.clock.now().getTime() - Date.parse(saved.body.clock.now))).toBeLessThan(1000);
    const again = await signIn(handleOf(host, id));
    expect((await call('GET', `/patients/${id}/medication`, undefined, again)).status).toBe(200);

    const broken = structuredClone(saved.body);
    broken.state.consents = { $map: [[id, { givenAt: 'yesterday' }]] };
    const refused = await call('PUT', '/__sandbox/snapshot', broken);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].pointer).toMatch(/^\/body\/state\/consents/);
    expect(host.session().sandbox.store.copies.has(id)).toBe(true); // kept
    const wrongFormat = await call('PUT', '/__sandbox/snapshot', { ...saved.body, version: 2 });
    expect(wrongFormat.status).toBe(400);

    // States that would break requests later are refused now, naming where.
    const clinicId = [...host.session().sandbox.store.clinics.keys()][0] as string;
    let deep: unknown = 'x';
    for (let i = 0; i < 500; i++) deep = [deep];
    const entries = (key: string) => saved.body.state[key].$map as [string, Record<string, unknown>][];
    const patientsWith = (change: (v: Record<string, unknown>) => Record<string, unknown>) => ({
      $map: entries('patients').map(([k, v]) => [k, k === id ? change(v) : v]),
    });
    const stranger = {
      patientId: 'pat_nobodyhere1',
      cpr: '0101019999',
      name: 'X',
      birthDate: '2001-01-01',
      custody: 'sole',
    };
    // [where the error must point, the state key replaced, its new value]
    const mutations: [string, string, unknown][] = [
      ['/body/state/copies', 'copies', { $map: [[id, 5]] }],
      ['/body/state/takenSlots', 'takenSlots', { $map: [[clinicId, 5]] }],
      ['/body/state/patients', 'patients', patientsWith((v) => ({ ...v, journal: {} }))],
      [
        '/body/state/clinics',
        'clinics',
        { $map: entries('clinics').map(([k, v]) => [k, { ...v, openingHours: undefined }]) },
      ],
      ['/body/state/journalStates', 'journalStates', { $map: [[clinicId, {}]] }],
      ['/body/state/pins', 'pins', { $map: [['device-1', { personId: id, pin: '1234' }]] }],
      [
        '/body/state/patients',
        'patients',
        patientsWith((v) => ({ ...v, patient: { ...(v.patient as object), children: [stranger] } })),
      ],
      ['/body', 'consents', { $map: [[id, deep]] }], // refused as too deep before it is read
      // What an adversarial review found imported with 200 and failed later with a 5xx:
      ['/body/state/consents', 'consents', { $map: [[id, { ['__proto__']: { givenAt: 'not-a-date' } }]] }],
      ['/body/state/consents', 'consents', { $map: [[id, { givenAt: { $date: '+275760-09-13T00:00:00.000Z' } }]] }],
      [
        '/body/state/pins',
        'pins',
        { $map: [['d', { personId: id, pin: '1234', setAt: { $date: saved.body.clock.now }, state: {} }]] },
      ],
      [
        '/body/state/journalStates',
        'journalStates',
        {
          $map: entries('journalStates').map(([k, v]) => [k, { ...v, issuedIds: 1e300 }]),
        },
      ],
      [
        '/body/state/journalStates',
        'journalStates',
        { $map: entries('journalStates').map(([k, v]) => [k, { ...v, lastSequence: -7.5 }]) },
      ],
      [
        '/body/state/journalStates',
        'journalStates',
        { $map: entries('journalStates').map(([k, v]) => [k, { ...v, log: [1, 'x', null] }]) },
      ],
      ['/body/state/personas', 'personas', { $map: [['UPPER CASE!!', id]] }],
      [
        '/body/state/journalStates',
        'journalStates',
        { $map: entries('journalStates').map(([k, v]) => [k, { ...v, lastSequence: (v.lastSequence as number) + 5 }]) },
      ],
    ];
    for (const [pointer, key, value] of mutations) {
      const bad = structuredClone(saved.body);
      bad.state[key] = value;
      const res = await call('PUT', '/__sandbox/snapshot', bad);
      expect(res.status, pointer).toBe(400);
      expect(res.body.errors[0].pointer.startsWith(pointer), `${pointer} vs ${res.body.errors[0].pointer}`).toBe(true);
    }
    expect(host.session().sandbox.store.copies.has(id)).toBe(true); // still kept

    // The contract's body limits: 1 MiB for control requests, 50 MiB for a snapshot import.
    const raw = (method: string, path: string, text: string) =>
      host.app.request(path, { method, headers: { 'content-type': 'application/json' }, body: text });
    const padded = `${JSON.stringify(saved.body)}${' '.repeat(30 * 1024 * 1024)}`; // over 22 MiB, under 50
    expect((await raw('PUT', '/__sandbox/snapshot', padded)).status).toBe(200);
    const fault = { target: 'platform', match: { path: '/me' }, effect: { kind: 'latency', ms: 1 } };
    const bigFault = await raw('POST', '/__sandbox/faults', `${JSON.stringify(fault)}${' '.repeat(1024 * 1024)}`);
    expect(bigFault.status).toBe(413);
    expect((await bigFault.json()).type).toBe('urn:minlaege-sandbox:problem:payload-too-large');

    // The clock and the scenario's dates are checked as PUT /__sandbox/clock and a load check them.
    const clockBefore = (await call('GET', '/__sandbox/clock')).body.now;
    const stateBefore = JSON.stringify((await call('GET', '/__sandbox/snapshot')).body.state);
    const dated: [string, (b: typeof saved.body) => void][] = [
      ['/body/clock/now', (b) => (b.clock.now = '2016-12-31T23:59:60Z')], // a leap second: no Date has it
      ['/body/clock/now', (b) => (b.clock.now = '9999-12-31T23:00:00Z')],
      ['/body/clock/now', (b) => (b.clock.now = '0001-01-01T00:00:00Z')],
      ['/body/scenario/start', (b) => (b.scenario.start = '2016-12-31T23:59:60Z')],
      ['/body/scenario/asOf', (b) => (b.scenario.asOf = '1800-01-01')],
    ];
    for (const [pointer, change] of dated) {
      const bad = structuredClone(saved.body);
      bad.state.consents = { $map: [] }; // would show if the state were swapped in before the refusal
      change(bad);
      const res = await call('PUT', '/__sandbox/snapshot', bad);
      expect(res.status, pointer).toBe(400);
      expect(res.body.errors[0].pointer).toBe(pointer);
    }
    expect(JSON.stringify((await call('GET', '/__sandbox/snapshot')).body.state)).toBe(stateBefore);
    // The clock is where it was, not at any of the refused instants (years away from it).
    expect((await call('GET', '/__sandbox/clock')).body.now.slice(0, 4)).toBe(clockBefore.slice(0, 4));
  });
});

describe('sessions', () => {
  it('two sessions change the same patient without seeing each other', async () => {
    const host = createSandboxHost({ population: POPULATION });
    const a = client(host, 'dev-a');
    const b = client(host, 'dev-b');
    const person = consentingAdults(host.session('dev-a').sandbox.store).find(
      (p) => host.session('dev-a').sandbox.store.clinics.get(p.clinicId)?.capabilities.onlineBooking,
    );
    if (!person) throw new Error('no consenting adult at a booking clinic');
    const id = person.patient.id;
    const handle = handleOf(host, id, 'dev-a');
    const tokenA = await a.signIn(handle);
    const tokenB = await b.signIn(handle);
    // Both book the same slot: each session has its own journal, so both succeed.
    const slot = (await a.call('GET', `/patients/${id}/booking-slots`, undefined, tokenA)).body.items[0].id;
    expect((await a.call('POST', `/patients/${id}/appointments`, { slotId: slot }, tokenA)).status).toBe(201);
    expect((await b.call('POST', `/patients/${id}/appointments`, { slotId: slot }, tokenB)).status).toBe(201);
    // A withdraws consent; B's patient still has it, and B's copy is untouched.
    expect((await a.call('DELETE', '/me/consent', undefined, tokenA)).body.state).toBe('withdrawn');
    expect((await b.call('GET', '/me/consent', undefined, tokenB)).body.state).toBe('given');
    expect(host.session('dev-a').sandbox.store.copies.has(id)).toBe(false);
    expect(host.session('dev-b').sandbox.store.copies.has(id)).toBe(true);
    expect((await a.call('GET', `/patients/${id}/diagnoses`, undefined, tokenA)).status).toBe(403);
    expect((await b.call('GET', `/patients/${id}/diagnoses`, undefined, tokenB)).status).toBe(200);
  });

  it('keeps state and clock per session, evicts the least recently used, deletes and resets', async () => {
    const host = createSandboxHost({ population: POPULATION, sessions: 3 });
    const a = client(host, 'ci-a');
    const b = client(host, 'ci-b');
    await a.call('POST', '/__sandbox/clock/advance', { by: 'P10D' });
    expect(sec((await a.call('GET', '/__sandbox/clock')).body.now)).toBe('2026-01-25T12:00:00+01:00');
    expect(sec((await b.call('GET', '/__sandbox/clock')).body.now)).toBe('2026-01-15T12:00:00+01:00');
    // A token of one session is no token in another.
    const [adult] = consentingAdults(host.session('ci-a').sandbox.store);
    const token = await a.signIn(handleOf(host, adult?.patient.id ?? '', 'ci-a'));
    expect((await a.call('GET', '/me', undefined, token)).status).toBe(200);
    expect((await b.call('GET', '/me', undefined, token)).status).toBe(401);

    await client(host, 'ci-c').call('GET', '/__sandbox/clock'); // default, ci-a, ci-b, ci-c: evicts ci-a
    const ids = (await client(host).call('GET', '/__sandbox/sessions')).body.items.map((s: { id: string }) => s.id);
    expect(ids).not.toContain('ci-a');
    expect(ids).toEqual(expect.arrayContaining(['default', 'ci-b', 'ci-c']));
    expect(sec((await a.call('GET', '/__sandbox/clock')).body.now)).toBe('2026-01-15T12:00:00+01:00'); // afresh

    // ci-a came back and evicted ci-b, the least recently used by then.
    expect(host.sessions.has('ci-b')).toBe(false);
    expect((await client(host).call('DELETE', '/__sandbox/sessions/ci-c')).status).toBe(204);
    expect((await client(host).call('DELETE', '/__sandbox/sessions/ci-c')).status).toBe(404);
    // Deleting default resets it instead.
    await client(host).call('POST', '/__sandbox/clock/advance', { by: 'P1D' });
    expect((await client(host).call('DELETE', '/__sandbox/sessions/default')).status).toBe(204);
    expect(sec((await client(host).call('GET', '/__sandbox/clock')).body.now)).toBe('2026-01-15T12:00:00+01:00');
    const bad = await client(host, 'not a session!').call('GET', '/me');
    expect(bad.status).toBe(400);
  });
});

describe('safety', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('answers the control API only on loopback without an admin token', async () => {
    const host = createSandboxHost({ population: { ...POPULATION, patients: 20 } });
    const from = (address: string) =>
      host.app.fetch(new Request('http://sandbox.test/__sandbox/clock'), {
        incoming: { socket: { remoteAddress: address } },
      });
    expect((await from('127.0.0.1')).status).toBe(200);
    expect((await from('::1')).status).toBe(200);
    const remote = await from('192.0.2.10');
    expect(remote.status).toBe(401);
    // Over a real socket on loopback it answers.
    const server = await listen(host.app.fetch, { host: '127.0.0.1', port: 0 });
    servers.push(server);
    expect((await fetch(`${server.url}/__sandbox/clock`)).status).toBe(200);
  });

  it('requires the admin token when started with one, from loopback too', async () => {
    const host = createSandboxHost({ population: { ...POPULATION, patients: 20 }, adminToken: 's3cret-admin-token' });
    expect((await host.app.request('/__sandbox/clock')).status).toBe(401);
    const wrong = await host.app.request('/__sandbox/clock', { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await host.app.request('/__sandbox/clock', {
      headers: { authorization: 'Bearer s3cret-admin-token' },
    });
    expect(right.status).toBe(200);
  });

  it('drops the connection for a drop fault over the Node server', async () => {
    const host = createSandboxHost({ population: { ...POPULATION, patients: 20 } });
    const server = await listen(host.app.fetch, { host: '127.0.0.1', port: 0 });
    servers.push(server);
    await host.app.request('/__sandbox/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'platform', match: { path: '/me' }, effect: { kind: 'drop' }, times: 1 }),
    });
    await expect(fetch(`${server.url}/me`)).rejects.toThrow();
    expect((await fetch(`${server.url}/me`)).status).toBe(401); // the fault is used up
    const log = host.session().requests.list();
    expect(log[1]).toMatchObject({ path: '/me', status: null, verdict: 'rejected' });
  });

  it('allows the configured browser origins (CORS), and no others', async () => {
    const host = createSandboxHost({
      population: { ...POPULATION, patients: 20 },
      corsOrigins: ['http://localhost:5173'],
    });
    const preflight = (origin: string) =>
      host.app.request('/me', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const ok = await preflight('http://localhost:5173');
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('http://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
