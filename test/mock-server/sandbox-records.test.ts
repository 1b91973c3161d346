// The platform's record operations against the generators' expected views: for every person who
// can sign in, and every parent of every child, each category answers exactly the expected ids or
// the expected problem. The expected views are computed from domain/ rules in the generators; the
// sandbox computes its answers separately (proxy and consent checks, a copy fetched through the
// JournalClient from the fake journal), so agreement is a real cross-check.
import { describe, expect, it } from 'vitest';
import { problemKindOf } from '../../domain/problem-types.ts';
import type { AppView, JournalCategory } from '../../generators/expected-view.ts';
import type { PatientLine } from '../../generators/population.ts';
import { createSandbox } from '../../mock-server/index.ts';

const sandbox = createSandbox({ population: { seed: 'records-test', patients: 160 } });
const { app, store } = sandbox;

const ROUTES: [JournalCategory, string][] = [
  ['diagnoses', 'diagnoses'],
  ['vaccinations', 'vaccinations'],
  ['labResults', 'lab-results'],
  ['medications', 'medication'],
  ['referrals', 'referrals'],
  ['appointments', 'appointments?when=upcoming'],
  ['appointments', 'appointments?when=past'],
  ['eConsultations', 'e-consultations'],
];

async function tokenFor(personId: string): Promise<string> {
  const persona = [...store.personas.values()].find((p) => p.patient.patient.id === personId);
  const res = await app.request('/auth/sign-in/eid', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: persona?.handle }),
  });
  expect(res.status).toBe(200);
  return (await res.json()).accessToken;
}

/** What the app answers for one category: the ids (all pages), or the problem kind. */
async function answer(token: string, patientId: string, route: string): Promise<string[] | { problem: string }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const paged = /^(vaccinations|lab-results|appointments|e-consultations)/.test(route);
    const sep = route.includes('?') ? '&' : '?';
    const qs = paged ? `${sep}limit=7${cursor ? `&cursor=${cursor}` : ''}` : '';
    const res = await app.request(`/patients/${patientId}/${route}${qs}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await res.json();
    if (res.status !== 200) {
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      return { problem: String(problemKindOf(body.type)) };
    }
    ids.push(...(body.items as { id: string }[]).map((i) => i.id));
    cursor = body.nextCursor ?? null;
  } while (cursor);
  return ids;
}

function expectedFor(
  view: AppView,
  category: JournalCategory,
  route: string,
  child: PatientLine,
): string[] | { problem: string } {
  if ('problem' in view) return { problem: view.problem };
  const ids = view.categories[category];
  if (!Array.isArray(ids)) return ids;
  if (category === 'eConsultations') {
    // Latest message first.
    const last = (t: PatientLine['journal']['eConsultations'][number]) =>
      Date.parse(t.messages.at(-1)?.sentAt ?? t.createdAt);
    return child.journal.eConsultations
      .filter((t) => ids.includes(t.id))
      .sort((a, b) => last(b) - last(a))
      .map((t) => t.id);
  }
  if (category !== 'appointments') return ids;
  // Upcoming soonest first, past latest first.
  const now = sandbox.clock.now().getTime();
  const upcoming = route.endsWith('upcoming');
  return child.journal.appointments
    .filter((a) => ids.includes(a.id) && Date.parse(a.startsAt) > now === upcoming)
    .sort((a, b) => (Date.parse(a.startsAt) - Date.parse(b.startsAt)) * (upcoming ? 1 : -1))
    .map((a) => a.id);
}

describe('platform records against the expected views', () => {
  it('answers every person who can sign in exactly as expected, per category', { timeout: 120_000 }, async () => {
    let checked = 0;
    for (const line of store.patients.values()) {
      if (!line.expected.app.self) continue; // under 15: cannot sign in
      const token = await tokenFor(line.patient.id);
      for (const [category, route] of ROUTES) {
        expect(await answer(token, line.patient.id, route), `${line.patient.id} ${route}`).toEqual(
          expectedFor(line.expected.app.self, category, route, line),
        );
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('answers every parent of every child exactly as expected (custody, under 15, categories)', {
    timeout: 120_000,
  }, async () => {
    const seen = new Set<string>();
    for (const child of store.patients.values()) {
      for (const { viewerId, view } of child.expected.app.proxies) {
        if (!store.patients.has(viewerId) || !store.patients.get(viewerId)?.expected.app.self) continue;
        const token = await tokenFor(viewerId);
        for (const [category, route] of ROUTES) {
          expect(await answer(token, child.patient.id, route), `${viewerId} → ${child.patient.id} ${route}`).toEqual(
            expectedFor(view, category, route, child),
          );
        }
        seen.add('problem' in view ? view.problem : 'categories');
      }
    }
    expect([...seen]).toContain('categories');
    expect([...seen]).toContain('proxy-access-denied');
  });

  it('refuses another patient who is not your child, and one that does not exist, the same way', async () => {
    const adults = [...store.patients.values()].filter((p) => p.expected.app.self && p.consent.state === 'given');
    const [me, other] = adults;
    if (!me || !other) throw new Error('need two adults');
    const token = await tokenFor(me.patient.id);
    expect(await answer(token, other.patient.id, 'diagnoses')).toEqual({ problem: 'proxy-access-denied' });
    expect(await answer(token, 'pat_doesnotexist', 'diagnoses')).toEqual({ problem: 'proxy-access-denied' });
  });

  it('refuses children under 15 at sign-in', async () => {
    const child = [...store.personas.values()].find((p) => !p.patient.expected.app.self);
    const res = await app.request('/auth/sign-in/eid', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: child?.handle }),
    });
    expect(res.status).toBe(401);
  });
});

describe('e-consultation threads', () => {
  it('reads a whole thread with its messages, and answers not-found for one that is not the patient’s', async () => {
    const line = [...store.patients.values()].find(
      (p) => p.expected.app.self && 'categories' in p.expected.app.self && p.journal.eConsultations.length > 0,
    );
    if (!line) throw new Error('no consenting adult with a thread');
    const token = await tokenFor(line.patient.id);
    const thread = line.journal.eConsultations[0];
    const res = await app.request(`/patients/${line.patient.id}/e-consultations/${thread?.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.messages.map((m: { id: string }) => m.id)).toEqual(thread?.messages.map((m) => m.id));
    const missing = await app.request(`/patients/${line.patient.id}/e-consultations/eco_notathread01`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(missing.status).toBe(404);
  });
});
