// A scenario's timeline in the host: events fire in order as sandbox time passes them (the file's
// order for events at the same moment), each exactly once, and what they do is what the app sees.
import { describe, expect, it } from 'vitest';
import { createSandboxHost } from '../../mock-server/host.ts';
import { scenario } from '../../scenarios/builder.ts';
import { scenarioDefinition } from '../../scenarios/catalogue.ts';
import { scenarioIds } from '../../scenarios/run.ts';

const s = scenario('timeline-order', 'Events in order', { seed: 'timeline', start: '2026-01-15T10:00:00+01:00' })
  .person('mette', {
    age: 42,
    consent: 'given',
    records: { eConsultations: [{ handle: 'question', subject: 'Hoste', body: 'Jeg hoster.', sent: '-PT1H' }] },
  })
  .at('P2D', { event: 'journal-up' })
  .at('P1D', { event: 'doctor-replies', patient: 'mette', eConsultation: 'question', body: 'Kom ind i morgen.' })
  .at('P1D', {
    event: 'lab-result',
    patient: 'mette',
    result: {
      handle: 'new-crp',
      npuCode: 'NPU19748',
      name: 'P—C-reaktivt protein',
      value: 42,
      unit: 'mg/L',
      upper: 8,
      sampled: 'P1D',
    },
  })
  .at('P1DT1H', { event: 'journal-down' })
  .expect({ name: 'n', as: 'mette', request: { method: 'GET', path: '/me' }, expect: { status: 200 } })
  .build();

async function call(
  host: ReturnType<typeof createSandboxHost>,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) {
  const res = await host.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('timeline events', () => {
  it('fire in order, once, as the clock passes them, and change what the app sees', async () => {
    const host = createSandboxHost({ scenarios: [scenarioDefinition(s, 'file')], scenario: s.name, log: () => {} });
    const ids = scenarioIds(s);
    const token = async () =>
      (await call(host, 'POST', '/auth/sign-in/eid', { persona: 'mette' })).body.accessToken as string;
    const thread = `/patients/${ids.get('mette')}/e-consultations/${ids.get('question')}`;
    expect((await call(host, 'GET', thread, undefined, await token())).body.status).toBe('awaiting-answer');
    expect((await call(host, 'GET', '/__sandbox/clock')).body.pendingEvents).toBe(4);

    const first = await call(host, 'POST', '/__sandbox/clock/advance', { by: 'P1DT30M' });
    expect((first.body.fired as { kind: string }[]).map((e) => e.kind)).toEqual(['doctor-replies', 'lab-result']);
    expect((await call(host, 'GET', thread, undefined, await token())).body.status).toBe('answered');
    const labs = await call(
      host,
      'GET',
      `/patients/${ids.get('mette')}/lab-results?limit=100`,
      undefined,
      await token(),
    );
    expect((labs.body.items as { id: string }[]).map((l) => l.id)).toContain(ids.get('new-crp'));

    const second = await call(host, 'POST', '/__sandbox/clock/advance', { by: 'P1D' });
    expect((second.body.fired as { kind: string }[]).map((e) => e.kind)).toEqual(['journal-down', 'journal-up']);
    expect((await call(host, 'GET', '/__sandbox/faults')).body.items).toEqual([]);
    const third = await call(host, 'POST', '/__sandbox/clock/advance', { by: 'P10D' });
    expect(third.body.fired).toEqual([]);
  });

  it('a journal outage lasts from journal-down to journal-up', async () => {
    const host = createSandboxHost({ scenarios: [scenarioDefinition(s, 'file')], scenario: s.name, log: () => {} });
    await call(host, 'PUT', '/__sandbox/clock', { now: '2026-01-16T11:30:00+01:00' });
    const faults = (await call(host, 'GET', '/__sandbox/faults')).body.items as { effect: { kind: string } }[];
    expect(faults.map((f) => f.effect.kind)).toEqual(['outage']);
  });
});
