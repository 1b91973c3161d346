// The change feed applied by the platform: what the clinic writes in its journal (an answer to a
// thread, a new lab result) reaches the app's copy without recreating the sandbox; the feed is
// read at most once a second per clinic however many requests come, and at once after the
// platform's own writes; a withdrawn consent still deletes the copy and the feed does not bring it
// back; and the same over HTTP, with the fake journal on a loopback port behind the platform
// (`serve --journal-url`), including a cursor the journal no longer keeps.
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-server/clock.ts';
import { createSandbox } from '../../mock-server/index.ts';
import { fileLabResult, replyAsClinic } from '../../mock-server/journal/clinic-side.ts';
import { createFakeJournal } from '../../mock-server/journal/index.ts';
import { FEED_PULL_INTERVAL_MS } from '../../mock-server/platform/changes.ts';
import { createStore } from '../../mock-server/store.ts';
import { freePort } from '../support/free-port.ts';
import { consentingAdults, session } from './sandbox-people.ts';

const SEED = 'eco-0';
const ANSWER = 'Tak for din besked. Kom ind til en samtale i morgen kl. 9.';
const potassium = {
  npuCode: 'NPU03230',
  name: 'P—Kalium',
  value: 4.1,
  unit: 'mmol/L',
  referenceInterval: { lower: 3.5, upper: 4.6 },
  abnormal: false,
  sampledAt: '2026-01-15T08:40:00+01:00',
};

/** A fake journal with its own store and clock, as a vendor's journal would be, counting feed reads. */
function separateJournal() {
  const store = createStore({ seed: SEED, asOf: '2026-01-15', patients: 120 });
  const clock = createClock(new Date('2026-01-15T11:00:00Z'));
  const clinicId = [...store.clinics.keys()][0] as string;
  const app = createFakeJournal({ store, clock, clinicId, platformToken: 'vendor-token', log: () => {} });
  const reads = { changes: 0 };
  const fetch = (request: Request) => {
    if (new URL(request.url).pathname.endsWith('/changes')) reads.changes += 1;
    return app.fetch(request);
  };
  return { store, clock, app, fetch, reads };
}

describe('the change feed applied by the platform (in process)', () => {
  const sandbox = createSandbox({ population: { seed: SEED, patients: 120 } });
  const { store, clock } = sandbox;
  const { tokenOf, call } = session(sandbox);
  const [me] = consentingAdults(store);
  if (!me) throw new Error('no consenting adult');
  const base = `/patients/${me.patient.id}/e-consultations`;

  it("shows the clinic's answer in the thread list and the thread without a restart", async () => {
    const token = await tokenOf(me);
    const thread = await (
      await call(token, 'POST', base, { subject: 'Hoste', body: 'Jeg har hostet i tre uger.' })
    ).json();
    replyAsClinic(sandbox, me.patient.id, thread.id, { body: ANSWER, author: 'Læge Anne Holm' });
    clock.advance(FEED_PULL_INTERVAL_MS);
    const list = await (await call(token, 'GET', `${base}?limit=100`)).json();
    expect(list.items.find((t: { id: string }) => t.id === thread.id)).toMatchObject({
      status: 'answered',
      lastMessageFrom: 'clinic',
      messageCount: 2,
    });
    const read = await (await call(token, 'GET', `${base}/${thread.id}`)).json();
    expect(read.status).toBe('answered');
    expect(read.messages.at(-1)).toMatchObject({ author: { role: 'clinic', name: 'Læge Anne Holm' }, body: ANSWER });
  });

  it('shows a lab result filed by the clinic', async () => {
    const token = await tokenOf(me);
    const before = await (await call(token, 'GET', `/patients/${me.patient.id}/lab-results?limit=100`)).json();
    const filed = fileLabResult(sandbox, me.patient.id, potassium);
    expect(before.items.map((l: { id: string }) => l.id)).not.toContain(filed.id);
    clock.advance(FEED_PULL_INTERVAL_MS);
    const after = await (await call(token, 'GET', `/patients/${me.patient.id}/lab-results?limit=100`)).json();
    expect(after.items.find((l: { id: string }) => l.id === filed.id)).toMatchObject({
      npuCode: 'NPU03230',
      value: 4.1,
    });
  });

  it('deletes the copy on withdrawal; the feed does not bring it back; consent again fetches it anew', async () => {
    const token = await tokenOf(me);
    const thread = me.journal.eConsultations.at(-1);
    if (!thread) throw new Error('no thread');
    expect(store.copies.has(me.patient.id)).toBe(true);
    expect((await call(token, 'DELETE', '/me/consent')).status).toBe(200);
    expect(store.copies.has(me.patient.id)).toBe(false);
    replyAsClinic(sandbox, me.patient.id, thread.id, { body: 'Husk at booke en tid.' });
    clock.advance(FEED_PULL_INTERVAL_MS);
    const refused = await call(token, 'GET', `${base}/${thread.id}`);
    expect(refused.status).toBe(403);
    expect(store.copies.has(me.patient.id)).toBe(false);

    expect((await call(token, 'PUT', '/me/consent', { accepted: true })).status).toBe(200);
    const read = await (await call(token, 'GET', `${base}/${thread.id}`)).json();
    expect(read.messages.at(-1).body).toBe('Husk at booke en tid.');
  });
});

describe('reading the feed: throttled, and at once after a write', () => {
  const journal = separateJournal();
  const sandbox = createSandbox({
    population: { seed: SEED, patients: 120 },
    journal: { url: 'http://journal.test', token: 'vendor-token', fetch: journal.fetch },
  });
  const { tokenOf, call } = session(sandbox);
  const [me] = consentingAdults(sandbox.store);
  if (!me) throw new Error('no consenting adult');

  it('reads the feed at most once per interval however many requests come', async () => {
    const token = await tokenOf(me);
    await call(token, 'GET', `/patients/${me.patient.id}/e-consultations`);
    const start = journal.reads.changes;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call(token, 'GET', `/patients/${me.patient.id}/vaccinations`)),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    for (let i = 0; i < 20; i++) await call(token, 'GET', `/patients/${me.patient.id}/medication`);
    // 40 requests; at most one more read when a second boundary happens to pass in between.
    expect(journal.reads.changes - start).toBeLessThanOrEqual(1);
    sandbox.clock.advance(FEED_PULL_INTERVAL_MS);
    const due = journal.reads.changes;
    await call(token, 'GET', `/patients/${me.patient.id}/medication`);
    expect(journal.reads.changes).toBe(due + 1);
  });

  it("reads at once after the platform's own write, so its cursor passes the write", async () => {
    const token = await tokenOf(me);
    const before = journal.reads.changes;
    const res = await call(token, 'POST', `/patients/${me.patient.id}/e-consultations`, {
      subject: 'Recept',
      body: 'Kan min recept fornyes?',
    });
    expect(res.status).toBe(201);
    expect(journal.reads.changes).toBeGreaterThan(before);
    const position = sandbox.store.feedPositions.get(me.clinicId);
    expect(position?.cursor).not.toBeNull();
    const page = await (
      await journal.app.request(`/changes?cursor=${position?.cursor}`, {
        headers: { authorization: 'Bearer vendor-token' },
      })
    ).json();
    expect(page.items).toEqual([]); // nothing written since is unread
  });
});

describe('the change feed over HTTP (a journal behind --journal-url)', () => {
  const journal = separateJournal();
  let server: ReturnType<typeof serve> | undefined;
  let url = '';
  beforeAll(async () => {
    const port = await freePort();
    await new Promise<void>((resolve) => {
      server = serve({ fetch: journal.app.fetch, hostname: '127.0.0.1', port }, () => resolve());
    });
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("writes through the journal and shows the clinic's answer, also after the journal forgot the cursor", async () => {
    const records = { fetched: 0 };
    const overHttp = (request: Request) => {
      if (new URL(request.url).pathname.endsWith('/record')) records.fetched += 1;
      return globalThis.fetch(request);
    };
    const sandbox = createSandbox({
      population: { seed: SEED, patients: 120 },
      journal: { url, token: 'vendor-token', fetch: overHttp },
    });
    const { tokenOf, call } = session(sandbox);
    const [me] = consentingAdults(sandbox.store);
    if (!me) throw new Error('no consenting adult');
    const base = `/patients/${me.patient.id}/e-consultations`;
    const token = await tokenOf(me);
    const created = await call(token, 'POST', base, { subject: 'Knæsmerter', body: 'Mit knæ gør ondt.' });
    expect(created.status).toBe(201);
    const thread = await created.json();
    // The thread lives in the journal's own store, not the sandbox's.
    const inJournal = journal.store.patients.get(me.patient.id);
    expect(inJournal?.journal.eConsultations.map((t) => t.id)).toContain(thread.id);
    expect(me.journal.eConsultations.map((t) => t.id)).not.toContain(thread.id);

    replyAsClinic(journal, me.patient.id, thread.id, { body: ANSWER });
    sandbox.clock.advance(FEED_PULL_INTERVAL_MS);
    const read = await (await call(token, 'GET', `${base}/${thread.id}`)).json();
    expect(read).toMatchObject({ status: 'answered', messages: [{}, { author: { role: 'clinic' }, body: ANSWER }] });

    // A result the platform has not read yet; a week and a day later the journal has dropped it from
    // its feed, and the platform's cursor with it. The platform fetches the record anew and reads on.
    const unread = fileLabResult(journal, me.patient.id, potassium);
    journal.clock.advance(8 * 24 * 3600_000);
    const filed = fileLabResult(journal, me.patient.id, { ...potassium, sampledAt: '2026-01-23T08:40:00+01:00' });
    sandbox.clock.advance(FEED_PULL_INTERVAL_MS);
    const fetchedBefore = records.fetched;
    const labs = await (await call(token, 'GET', `/patients/${me.patient.id}/lab-results?limit=100`)).json();
    expect(records.fetched).toBe(fetchedBefore + 1);
    const ids = labs.items.map((l: { id: string }) => l.id);
    expect(ids).toContain(unread.id);
    expect(ids).toContain(filed.id);
    expect(ids.filter((id: string) => id === filed.id)).toHaveLength(1);
    const again = await (await call(token, 'GET', `${base}/${thread.id}`)).json();
    expect(again.messages).toHaveLength(2);
  });
});
