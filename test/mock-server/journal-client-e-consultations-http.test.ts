// The JournalClient's e-consultation, attachment, video and change-feed methods over HTTP: the
// fake journal served by @hono/node-server on a free loopback port, reached with the global fetch
// as a vendor's journal would be. The journal's refusals arrive as the same problems; an expired
// or unknown feed cursor and a video request for the wrong appointment arrive as validation-failed
// (the contract's own answers), not as an unavailable journal.
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-server/clock.ts';
import { bookAsClinic } from '../../mock-server/journal/clinic-side.ts';
import { createFakeJournal } from '../../mock-server/journal/index.ts';
import { createJournalClient, type JournalClient } from '../../mock-server/journal-client.ts';
import { createStore } from '../../mock-server/store.ts';
import { freePort } from '../support/free-port.ts';
import { JPEG } from './sandbox-people.ts';

const TOKEN = 'http-platform-token';
// video-0: attachments and video consultation offered.
const store = createStore({ seed: 'video-0', asOf: '2026-01-15', patients: 120 });
const clock = createClock(new Date('2026-01-15T11:00:00Z'));
const clinicId = [...store.clinics.keys()][0] as string;
const journal = createFakeJournal({ store, clock, clinicId, platformToken: TOKEN, log: () => {} });
const me = [...store.patients.values()].find(
  (p) => store.journalConsents.get(p.patient.id)?.state === 'given' && p.expected.app.self !== null,
);
if (!me) throw new Error('no consenting adult');
const writtenBy = { role: 'patient' as const, cpr: me.patient.cpr };
let server: ReturnType<typeof serve> | undefined;
let client: JournalClient;

beforeAll(async () => {
  const port = await freePort();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: journal.fetch, hostname: '127.0.0.1', port }, () => resolve());
  });
  client = createJournalClient((request) => fetch(request), `http://127.0.0.1:${port}`, TOKEN);
});
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('JournalClient e-consultations, video and changes over HTTP', () => {
  it('starts a thread, replies (both billed 0105), reads it and fetches the photo', async () => {
    const start = await client.listChanges();
    const created = await client.createEConsultation(me.patient.id, {
      writtenBy,
      subject: 'Modermærke',
      body: 'Et modermærke har ændret farve.',
      attachments: [{ fileName: 'mm.jpg', contentType: 'image/jpeg', data: JPEG }],
    });
    expect(created.serviceCode).toBe('0105');
    const threadId = created.eConsultation.id;
    const reply = await client.replyToEConsultation(me.patient.id, threadId, {
      writtenBy,
      body: 'Det klør også.',
      attachments: [],
    });
    expect(reply.serviceCode).toBe('0105');
    expect(reply.eConsultation.messages.map((m) => m.id)).toEqual([created.messageId, reply.messageId]);
    expect(await client.getEConsultation(me.patient.id, threadId)).toEqual(reply.eConsultation);
    const attachment = created.eConsultation.messages[0]?.attachments[0];
    const content = await client.getAttachment(me.patient.id, threadId, attachment?.id ?? '');
    expect(content.data).toBe(JPEG);

    const feed = await client.listChanges(start.nextCursor, 1);
    expect(feed.items).toHaveLength(1);
    expect(feed.hasMore).toBe(true);
    const rest = await client.listChanges(feed.nextCursor);
    expect([...feed.items, ...rest.items].map((e) => e.itemId)).toEqual([threadId, threadId]);
    expect(rest.hasMore).toBe(false);
  });

  it("passes on the journal's refusals, and validation-failed where it is the contract's answer", async () => {
    await expect(client.getEConsultation(me.patient.id, 'eco_unknown001')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(client.listChanges('bm90LWEtY3Vyc29y')).rejects.toMatchObject({ kind: 'validation-failed' });
    const inPerson = bookAsClinic({ store, clock }, me.patient.id, {
      startsAt: '2026-01-16T09:00:00+01:00',
      endsAt: '2026-01-16T09:15:00+01:00',
      kind: 'in-person',
    });
    await expect(
      client.createVideoSession(me.patient.id, { requestedBy: writtenBy, appointmentId: inPerson.id }),
    ).rejects.toMatchObject({ kind: 'validation-failed' });
    const video = bookAsClinic({ store, clock }, me.patient.id, {
      startsAt: '2026-01-16T10:00:00+01:00',
      endsAt: '2026-01-16T10:15:00+01:00',
      kind: 'video',
    });
    const session = await client.createVideoSession(me.patient.id, { requestedBy: writtenBy, appointmentId: video.id });
    expect(session).toMatchObject({ patientId: me.patient.id, appointmentId: video.id });
    // A body the journal's contract refuses is the platform's fault: the journal is not usable.
    await expect(
      client.createEConsultation(me.patient.id, { writtenBy, subject: '', body: 'x', attachments: [] }),
    ).rejects.toMatchObject({ kind: 'journal-unavailable' });
  });
});
