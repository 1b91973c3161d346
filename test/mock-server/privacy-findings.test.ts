// Privacy findings, the independent second check on every platform answer. (a) Every answer of
// the real sandbox — every category for every person who can sign in and every parent of every
// child, allowed answers and refusals — has no finding. (b) Planted leaks, made by tampering with
// real answers or by a leaking handler in front of the sandbox, are caught with the right kind
// and pointer. (c) CPR numbers in URLs and log lines are found, and near misses are not.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { retainedUntil } from '../../domain/consent.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { copenhagenInstant } from '../../domain/time.ts';
import type { LabResult } from '../../generators/context.ts';
import { toShareableRecord } from '../../generators/expected-view.ts';
import type { PatientLine } from '../../generators/population.ts';
import { createSandbox, type Sandbox } from '../../mock-server/index.ts';
import {
  CPR_MASK,
  checkLogLine,
  checkResponse,
  checkUrl,
  createOwnershipIndex,
  type ExchangeFacts,
  findCprs,
  maskCpr,
} from '../../mock-server/privacy/index.ts';
import { createStore } from '../../mock-server/store.ts';

const ROUTES = [
  'diagnoses',
  'vaccinations',
  'lab-results',
  'medication',
  'referrals',
  'appointments?when=upcoming&limit=100',
  'appointments?when=past&limit=100',
  'e-consultations?limit=100',
  'clinic',
  'out-of-hours',
  'booking-slots',
];

/** A sandbox with helpers that sign in and turn each exchange into the facts the checker takes. */
function harness(seed: string, patients = 120) {
  const sandbox = createSandbox({ population: { seed, patients }, validation: 'strict' });
  const { app, store, clock } = sandbox;
  const viewers = new Map<string, string>(); // token → person (test-only; the server knows it from the token)

  const exchange = async (token: string | null, method: string, url: string, body?: unknown) => {
    const res = await app.request(url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return factsOf(sandbox, token === null ? null : (viewers.get(token) ?? null), method, url, res.status, text);
  };
  const signIn = async (line: PatientLine) => {
    const handle = [...store.personas.values()].find((p) => p.patient === line)?.handle;
    const facts = await exchange(null, 'POST', '/auth/sign-in/eid', { persona: handle });
    expect(facts.status).toBe(200);
    const token = (facts.body as { accessToken: string }).accessToken;
    viewers.set(token, line.patient.id);
    return { token, facts };
  };
  const signers = [...store.patients.values()].filter((l) => l.expected.app.self !== null);
  const consenting = signers.filter((l) => l.consent.state === 'given');
  return { sandbox, app, store, clock, exchange, signIn, signers, consenting, viewers };
}

function factsOf(
  sandbox: Sandbox,
  viewerId: string | null,
  method: string,
  url: string,
  status: number,
  text: string,
): ExchangeFacts {
  return {
    store: sandbox.store,
    now: sandbox.clock.now(),
    viewerId,
    method,
    url,
    operationId: null,
    status,
    body: text ? JSON.parse(text) : null,
  };
}

/** A custody pair: a consenting parent who can sign in and their child under 15 with data in `want`. */
function parentAndChild(
  h: ReturnType<typeof harness>,
  want: (child: PatientLine) => boolean = () => true,
): { parent: PatientLine; child: PatientLine } {
  for (const parent of h.consenting) {
    for (const link of parent.patient.children) {
      const child = link.patientId ? h.store.patients.get(link.patientId) : undefined;
      if (!child || child.expected.app.self !== null || !want(child)) continue;
      if (child.patient.custodians.some((c) => c.patientId === parent.patient.id)) return { parent, child };
    }
  }
  throw new Error('no consenting parent with a child under 15 as wanted in this population');
}

/** A consenting adult who is neither the child's custodian nor the child. */
function strangerTo(h: ReturnType<typeof harness>, child: PatientLine): PatientLine {
  const custodians = new Set(child.patient.custodians.map((c) => c.patientId));
  const stranger = h.consenting.find((s) => !custodians.has(s.patient.id) && s !== child);
  if (!stranger) throw new Error('no stranger in this population');
  return stranger;
}

const kinds = (facts: ExchangeFacts) => checkResponse(facts).map((f) => f.kind);

/** A 2×2 PNG, base64. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAF0lEQVR4nGN4sWXFzZ4Ghps9DS+2rAAAO34IUxKnjWoAAAAASUVORK5CYII=';

describe('privacy findings on the real sandbox', () => {
  it('finds nothing in any answer for every person who can sign in and every parent of every child', {
    timeout: 120_000,
  }, async () => {
    const h = harness('privacy-real');
    const seen = { exchanges: 0, ok: 0, refused: 0, childItems: 0, items: 0 };
    const expectClean = (facts: ExchangeFacts) => {
      expect(checkResponse(facts), `${facts.viewerId} ${facts.method} ${facts.url} → ${facts.status}`).toEqual([]);
      seen.exchanges += 1;
      if (facts.status === 200) seen.ok += 1;
      else seen.refused += 1;
    };
    const strangerOf = (line: PatientLine) =>
      h.consenting.find((s) => s !== line && !line.patient.children.some((c) => c.patientId === s.patient.id));

    for (const line of h.signers) {
      const me = line.patient.id;
      const { token, facts } = await h.signIn(line);
      expectClean(facts);
      for (const path of ['/me', '/me/children', '/me/consent']) expectClean(await h.exchange(token, 'GET', path));
      // Own data, every child (custody or not, under 15 or not), and a stranger.
      const subjects = new Set([me, ...line.patient.children.flatMap((c) => (c.patientId ? [c.patientId] : []))]);
      for (const child of h.store.patients.values()) {
        if (child.expected.app.proxies.some((p) => p.viewerId === me)) subjects.add(child.patient.id);
      }
      const stranger = strangerOf(line);
      if (stranger) subjects.add(stranger.patient.id);
      for (const subject of subjects) {
        for (const route of ROUTES) {
          const answer = await h.exchange(token, 'GET', `/patients/${subject}/${route}`);
          expectClean(answer);
          if (answer.status !== 200) continue;
          const items = (answer.body as { items?: { id: string }[] }).items ?? [];
          seen.items += items.length;
          if (subject !== me && !route.startsWith('booking')) seen.childItems += items.length;
          if (route.startsWith('e-consultations')) {
            for (const thread of items) {
              expectClean(await h.exchange(token, 'GET', `/patients/${subject}/e-consultations/${thread.id}`));
            }
          }
        }
      }
    }
    expect(h.signers.length).toBeGreaterThan(60);
    expect(seen.refused).toBeGreaterThan(100);
    expect(seen.childItems).toBeGreaterThan(20);
    expect(seen.items).toBeGreaterThan(1000);
  });

  it('finds nothing after writes: a booking for oneself and for a child, listed and cancelled', async () => {
    const h = harness('privacy-booking', 100);
    const { parent, child } = parentAndChild(
      h,
      (c) => h.store.clinics.get(c.clinicId)?.capabilities.onlineBooking === true,
    );
    const { token } = await h.signIn(parent);
    for (const subject of [parent.patient.id, child.patient.id]) {
      const slots = await h.exchange(token, 'GET', `/patients/${subject}/booking-slots`);
      expect(checkResponse(slots)).toEqual([]); // the ownership index exists before the booking
      const slotId = (slots.body as { items: { id: string }[] }).items[subject === child.patient.id ? 1 : 0]?.id;
      const booked = await h.exchange(token, 'POST', `/patients/${subject}/appointments`, { slotId });
      expect(booked.status).toBe(201);
      expect(checkResponse(booked)).toEqual([]);
      const list = await h.exchange(token, 'GET', `/patients/${subject}/appointments?when=upcoming&limit=100`);
      expect(checkResponse(list)).toEqual([]);
      const id = (booked.body as { id: string }).id;
      const cancelled = await h.exchange(token, 'POST', `/patients/${subject}/appointments/${id}/cancel`);
      expect(checkResponse(cancelled)).toEqual([]);
      // The new appointment, created at runtime, is known to be the subject's: shown to a stranger it is a leak.
      expect(kinds({ ...booked, viewerId: strangerTo(h, child).patient.id })).toEqual(['other-patients-data']);
    }
  });

  it('finds nothing after writes: an e-consultation with a photo and a reply, for oneself and for a child', async () => {
    const h = harness('privacy-threads', 100);
    const { parent, child } = parentAndChild(
      h,
      (c) => h.store.clinics.get(c.clinicId)?.capabilities.attachments === true,
    );
    const { token } = await h.signIn(parent);
    const photo = { fileName: 'udslaet.png', contentType: 'image/png', data: PNG };
    for (const subject of [parent.patient.id, child.patient.id]) {
      const base = `/patients/${subject}/e-consultations`;
      const created = await h.exchange(token, 'POST', base, { subject: 'Udslæt', body: 'Hej', attachments: [photo] });
      expect(created.status).toBe(201);
      expect(checkResponse(created)).toEqual([]);
      const id = (created.body as { id: string }).id;
      const reply = await h.exchange(token, 'POST', `${base}/${id}/messages`, { body: 'Tak', attachments: [photo] });
      expect(reply.status).toBe(201);
      expect(checkResponse(reply)).toEqual([]);
      const thread = await h.exchange(token, 'GET', `${base}/${id}`);
      expect(thread.status).toBe(200);
      expect(checkResponse(thread)).toEqual([]);
      expect(checkResponse(await h.exchange(token, 'GET', `${base}?limit=100`))).toEqual([]);
      // The thread, its messages and photos were made at runtime and are known to be the subject's.
      const shown = checkResponse({ ...thread, viewerId: strangerTo(h, child).patient.id });
      expect(shown.map((f) => [f.kind, f.pointer])).toEqual([['other-patients-data', '']]);
      const photoInfo = (reply.body as { attachments: { id: string }[] }).attachments[0];
      expect(kinds({ ...reply, viewerId: strangerTo(h, child).patient.id, body: { items: [photoInfo] } })).toEqual([
        'other-patients-data',
      ]);
    }
  });
});

describe('planted leaks in real answers', () => {
  const h = harness('privacy-leaks');

  it("flags a child's diagnoses, referrals and lab results shown to the parent", async () => {
    const { parent, child } = parentAndChild(h, (c) => c.journal.diagnoses.length > 0);
    const { token } = await h.signIn(parent);
    const refused = await h.exchange(token, 'GET', `/patients/${child.patient.id}/diagnoses`);
    expect(refused.status).toBe(403);
    expect(checkResponse(refused)).toEqual([]);
    // The bug: the child's diagnosis list returned to the parent anyway.
    const items = child.journal.diagnoses.map((d) => ({ ...d, patientId: child.patient.id }));
    const leak = { ...refused, status: 200, body: { items } };
    const findings = checkResponse(leak);
    expect(findings.map((f) => [f.kind, f.pointer])).toEqual(
      items.map((_d, i) => ['child-restricted-category', `/items/${i}`]),
    );
    expect(findings[0]?.detail).toContain(child.journal.diagnoses[0]?.id);

    // The parent's own lab results with the child's lab result, then a stranger's, spliced in.
    const withLabs = parentAndChild(h, (c) => c.journal.labResults.length > 0 || c.journal.referrals.length > 0);
    const own = await h.exchange(
      (await h.signIn(withLabs.parent)).token,
      'GET',
      `/patients/${withLabs.parent.patient.id}/lab-results?limit=100`,
    );
    expect(own.status).toBe(200);
    expect(checkResponse(own)).toEqual([]);
    const stranger = h.consenting.find((s) => s.journal.labResults.length > 0 && s !== withLabs.parent);
    const childItem = withLabs.child.journal.labResults[0] ?? withLabs.child.journal.referrals[0];
    const strangerLab = stranger?.journal.labResults[0];
    const body = structuredClone(own.body) as { items: unknown[] };
    body.items.splice(1, 0, { ...childItem, patientId: withLabs.parent.patient.id });
    body.items.push({ ...strangerLab, patientId: withLabs.parent.patient.id });
    expect(checkResponse({ ...own, body }).map((f) => [f.kind, f.pointer])).toEqual([
      ['child-restricted-category', '/items/1'],
      ['other-patients-data', `/items/${body.items.length - 1}`],
    ]);
  });

  it("flags another person's CPR number or patient id in a profile, but not the viewer's own child's", async () => {
    const { parent, child } = parentAndChild(h);
    const { token } = await h.signIn(parent);
    const me = await h.exchange(token, 'GET', '/me');
    const children = await h.exchange(token, 'GET', '/me/children');
    expect(checkResponse(me)).toEqual([]);
    expect(checkResponse(children)).toEqual([]);
    const stranger = h.consenting.find((s) => s !== parent && s !== child) as PatientLine;

    const profile = me.body as Record<string, unknown>;
    expect(kinds({ ...me, body: { ...profile, note: `Barn: ${child.patient.cpr}` } })).toEqual([]);
    const tampered = checkResponse({ ...me, body: { ...profile, partner: { cpr: stranger.patient.cpr } } });
    expect(tampered.map((f) => [f.kind, f.pointer])).toEqual([['other-patients-data', '/partner/cpr']]);
    expect(tampered[0]?.detail).not.toContain(stranger.patient.cpr);
    // Without the hyphen, inside text, and a valid CPR number of nobody in the sandbox.
    const bare = stranger.patient.cpr.replace('-', '');
    expect(kinds({ ...me, body: { ...profile, note: `ring om ${bare}.` } })).toEqual(['other-patients-data']);
    expect(kinds({ ...me, body: { ...profile, note: '070761-4285' } })).toEqual(['other-patients-data']);
    // A stranger spliced into the children list: their id and CPR number.
    const list = structuredClone(children.body) as { items: Record<string, unknown>[] };
    list.items.push({ ...list.items[0], patientId: stranger.patient.id, cpr: stranger.patient.cpr });
    const last = list.items.length - 1;
    expect(checkResponse({ ...children, body: list }).map((f) => [f.kind, f.pointer])).toEqual([
      ['other-patients-data', `/items/${last}/patientId`],
      ['other-patients-data', `/items/${last}/cpr`],
    ]);
    // The same answer without a signed-in viewer: every person in it is someone else's.
    expect(kinds({ ...children, viewerId: null }).every((k) => k === 'other-patients-data')).toBe(true);
  });

  it("flags a child's data once the child has turned 15", async () => {
    // A child who turns 15 within the year, so the parent's consent is still in force then.
    const { parent, child } = parentAndChild(h, (c) => accessUntil(c.patient.birthDate) < '2027-01-01');
    const { token } = await h.signIn(parent);
    const answer = await h.exchange(token, 'GET', `/patients/${child.patient.id}/vaccinations?limit=100`);
    expect(answer.status).toBe(200);
    expect(checkResponse(answer)).toEqual([]);
    const birthday = copenhagenInstant(accessUntil(child.patient.birthDate), 0, 0);
    const findings = checkResponse({ ...answer, now: birthday });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.kind === 'other-patients-data')).toBe(true);
    expect(findings[0]?.detail).toContain('15th birthday');
  });

  it('flags a 200 answer with data after consent was withdrawn, or lapsed, or before it was given', async () => {
    const local = harness('privacy-consent', 100);
    const [a, b] = local.consenting;
    if (!a || !b) throw new Error('need two consenting adults');

    // Withdrawn: the real answer after withdrawal is a refusal; the old 200 answer now is a leak.
    const ta = (await local.signIn(a)).token;
    const before = await local.exchange(ta, 'GET', `/patients/${a.patient.id}/vaccinations`);
    expect(before.status).toBe(200);
    await local.exchange(ta, 'DELETE', '/me/consent');
    const refused = await local.exchange(ta, 'GET', `/patients/${a.patient.id}/vaccinations`);
    expect(refused.status).toBe(403);
    expect(checkResponse(refused)).toEqual([]);
    const withdrawn = checkResponse({ ...before, now: local.clock.now() });
    expect(withdrawn).toMatchObject([{ kind: 'after-consent-withdrawn', pointer: '/items/0' }]);

    // Lapsed: 12 months and a day after the last use.
    const tb = (await local.signIn(b)).token;
    const used = await local.exchange(tb, 'GET', `/patients/${b.patient.id}/vaccinations`);
    expect(used.status).toBe(200);
    const lastUse = local.store.consents.get(b.patient.id)?.lastActivityAt as Date;
    local.clock.set(new Date(retainedUntil(lastUse).getTime() + 86_400_000));
    expect(checkResponse({ ...used, now: local.clock.now() })).toMatchObject([
      { kind: 'after-consent-lapsed', pointer: '/items/0' },
    ]);
    const again = (await local.signIn(b)).token; // the old token has expired too
    const lapsed = await local.exchange(again, 'GET', `/patients/${b.patient.id}/vaccinations`);
    expect(lapsed.status).toBe(403);
    expect(checkResponse(lapsed)).toEqual([]);

    // Never given: a person's own items served without consent.
    const never = local.signers.find((l) => l.consent.state === 'never-given' && l.journal.vaccinations.length > 0);
    if (!never) throw new Error('no signer without consent');
    const own = { items: never.journal.vaccinations.map((v) => ({ ...v, patientId: never.patient.id })) };
    expect(kinds({ ...used, now: local.clock.now(), viewerId: never.patient.id, body: own })).toEqual([
      'before-consent',
    ]);
    // The clinic and out-of-hours are not patient data: no consent needed.
    const tn = (await local.signIn(never)).token;
    for (const route of ['clinic', 'out-of-hours']) {
      const answer = await local.exchange(tn, 'GET', `/patients/${never.patient.id}/${route}`);
      expect(answer.status).toBe(200);
      expect(checkResponse(answer)).toEqual([]);
    }
  });

  it('reports a CPR number in a URL once, not again where a refusal echoes it back', async () => {
    const [me, stranger] = h.consenting;
    if (!me || !stranger) throw new Error('need two consenting adults');
    const { token } = await h.signIn(me);
    const answer = await h.exchange(token, 'GET', `/patients/${stranger.patient.cpr}/diagnoses`);
    expect(answer.status).toBe(400);
    // The problem's `instance` (the path) does not repeat it: the sandbox masks CPR numbers.
    expect(JSON.stringify(answer.body)).not.toContain(stranger.patient.cpr);
    expect((answer.body as { instance: string }).instance).toContain('******-****');
    expect(kinds(answer)).toEqual(['cpr-in-url']);
    // A CPR number given as a persona handle is masked in the refusal's detail as well.
    const persona = { persona: stranger.patient.cpr };
    const refused = await h.exchange(null, 'POST', '/auth/sign-in/eid', persona);
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain(stranger.patient.cpr);
    expect(kinds({ ...refused, requestBody: persona })).toEqual([]);
    expect(kinds(refused)).toEqual([]);
  });

  it('flags a leaking handler planted in front of the sandbox', async () => {
    const { parent, child } = parentAndChild(h, (c) => c.journal.diagnoses.length > 0);
    const { token } = await h.signIn(parent);
    // The planted bug: for a child's vaccinations this handler answers the child's diagnoses;
    // everything else goes to the real sandbox.
    const leaky = new Hono();
    leaky.get('/patients/:patientId/vaccinations', (c) => {
      const line = h.store.patients.get(c.req.param('patientId'));
      if (!line || line.patient.id === h.viewers.get(token)) return h.app.fetch(c.req.raw);
      return c.json({ items: line.journal.diagnoses.map((d) => ({ ...d, patientId: line.patient.id })) });
    });
    leaky.all('*', (c) => h.app.fetch(c.req.raw));
    const call = async (path: string) => {
      const res = await leaky.request(path, { headers: { authorization: `Bearer ${token}` } });
      return checkResponse(factsOf(h.sandbox, parent.patient.id, 'GET', path, res.status, await res.text()));
    };
    expect(await call(`/patients/${parent.patient.id}/vaccinations`)).toEqual([]);
    expect(await call(`/patients/${child.patient.id}/medication`)).toEqual([]);
    const findings = await call(`/patients/${child.patient.id}/vaccinations`);
    expect(findings.length).toBe(child.journal.diagnoses.length);
    expect(findings[0]).toMatchObject({ kind: 'child-restricted-category', pointer: '/items/0' });
  });
});

describe('the ownership index', () => {
  it('learns items added after it was built: a reply with a photo, a copy from a vendor journal', () => {
    const store = createStore({ seed: 'privacy-index', asOf: '2026-01-15', patients: 40 });
    const index = createOwnershipIndex(store);
    const [a, b] = [...store.patients.values()].filter((l) => l.journal.eConsultations.length > 0);
    const thread = a?.journal.eConsultations[0];
    if (!a || !b || !thread) throw new Error('need two patients with a thread');
    expect(index.itemOwner(thread.id)).toBe(a.patient.id);
    expect(index.cprOwner(b.patient.cpr.replace('-', ''))).toBe(b.patient.id);

    const photo = { id: 'att_newphoto0001', fileName: 'udslæt.jpg', contentType: 'image/jpeg' as const, sizeBytes: 1 };
    thread.messages.push({
      id: 'msg_newreply0001',
      author: { role: 'patient', name: a.patient.name },
      body: 'Her er et billede.',
      sentAt: '2026-01-15T12:00:00+01:00',
      attachments: [photo],
    });
    const vendorLab = { ...(b.journal.labResults[0] ?? {}), id: 'lab_vendor000001' } as LabResult;
    const stolen = a.journal.vaccinations[0];
    const journal = { ...b.journal, labResults: [vendorLab], vaccinations: stolen ? [stolen] : [] };
    store.copies.set(b.patient.id, toShareableRecord(b.patient.id, journal, new Date('2026-01-15T11:00:00Z')));
    expect(index.itemOwner('msg_newreply0001')).toBeUndefined(); // not until refreshed
    index.refresh();
    expect(index.itemOwner('msg_newreply0001')).toBe(a.patient.id);
    expect(index.itemOwner('att_newphoto0001')).toBe(a.patient.id);
    expect(index.itemOwner('lab_vendor000001')).toBe(b.patient.id);
    // A copy holding another patient's item does not make it theirs: the journal's owner wins.
    if (stolen) expect(index.itemOwner(stolen.id)).toBe(a.patient.id);
  });
});

describe('CPR numbers in URLs and log lines', () => {
  const now = new Date('2026-01-15T11:00:00Z');

  it('finds a CPR number in the path or the query, hyphenated, bare or percent-encoded', () => {
    for (const url of [
      '/patients/150685-9998/diagnoses',
      '/patients/1506859998',
      '/patients?cpr=150685-9998',
      '/patients?cpr=150685%2D9998&limit=7',
      'http://localhost:4010/x?q=070761-4285',
    ]) {
      const findings = checkUrl('GET', url, now);
      expect(
        findings.map((f) => f.kind),
        url,
      ).toEqual(['cpr-in-url']);
      expect(findings[0]?.detail).not.toMatch(/150685|070761/);
      expect(findings[0]?.detail).toContain(CPR_MASK);
    }
    expect(checkUrl('GET', '/p/150685-9998/x?cpr=070761-4285', now)).toHaveLength(2);
    expect(checkUrl('GET', '/patients?cpr=150685-9998', now)[0]?.detail).toContain('query');
  });

  it('does not take dates, phone numbers, ids, decimals or 10-digit non-dates for CPR numbers', () => {
    for (const text of [
      '/patients/pat_4ziN0003/lab-results?from=2024-03-15&to=2024-04-15',
      '2025-03-14T09:30:00+01:00',
      '20240315',
      '/x?phone=93929798',
      '/x?phone=%2B4593929798', // +45 and 8 digits: preceded by +, and day 45 is no day
      '/x?phone=004593929798', // 12 digits
      'tel: 45 93 92 97 98',
      '/x/3213451234', // day 32
      '/x/1513451234', // month 13
      '/x/lab_0101901234', // inside an id
      'apt_0101901234x0',
      'value 0.1503241234 mmol/L',
      '1736942400000', // epoch milliseconds, 13 digits
      '010190 1234', // a space instead of the hyphen is not recognised
      '/x/0101309999', // born 2030: after now
    ]) {
      expect(findCprs(text, now), text).toEqual([]);
      expect(checkUrl('GET', text, now), text).toEqual([]);
      expect(checkLogLine(text, now), text).toEqual([]);
    }
  });

  it('finds a CPR number in a log line and masks it', () => {
    const line = 'GET /patients/pat_4ziN0003 lookup cpr=150685-9998 took 3 ms (also 0707614285)';
    const findings = checkLogLine(line, now);
    expect(findings.map((f) => f.kind)).toEqual(['cpr-in-log', 'cpr-in-log']);
    expect(findings.every((f) => !f.detail.includes('150685') && !f.detail.includes('0707614285'))).toBe(true);
    expect(maskCpr(line)).toBe('GET /patients/pat_4ziN0003 lookup cpr=******-**** took 3 ms (also ******-****)');
    expect(maskCpr('/patients/pat_4ziN0003/diagnoses')).toBe('/patients/pat_4ziN0003/diagnoses');
    expect(checkLogLine(maskCpr(line), now)).toEqual([]);
  });

  it('reports a CPR number in the URL of any answer, refusals included', () => {
    const facts: ExchangeFacts = {
      store: createSandbox({ population: { seed: 'privacy-url', patients: 20 } }).store,
      now,
      viewerId: null,
      method: 'GET',
      url: '/patients/150685-9998/diagnoses',
      operationId: 'listDiagnoses',
      status: 403,
      body: { type: 'urn:minlaege-sandbox:problem:proxy-access-denied', title: 'Forbidden', status: 403 },
    };
    expect(kinds(facts)).toEqual(['cpr-in-url']);
  });
});
