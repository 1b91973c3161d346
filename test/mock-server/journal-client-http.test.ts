// The JournalClient over HTTP: the fake journal served by @hono/node-server on a free loopback
// port, reached with the global fetch exactly as a vendor's journal would be; and a journal that
// does not answer (the server stopped) is journal-unavailable, never a crash.
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemIds } from '../../generators/expected-view.ts';
import { createClock } from '../../mock-server/clock.ts';
import { SandboxError } from '../../mock-server/errors.ts';
import { createFakeJournal } from '../../mock-server/journal/index.ts';
import { createJournalClient } from '../../mock-server/journal-client.ts';
import { createStore } from '../../mock-server/store.ts';
import { freePort } from '../support/free-port.ts';

const TOKEN = 'http-platform-token';
const store = createStore({ seed: 'http-journal', asOf: '2026-01-15', patients: 60 });
const clinicId = [...store.clinics.keys()][0] as string;
const journal = createFakeJournal({
  store,
  clock: createClock(new Date('2026-01-15T11:00:00Z')),
  clinicId,
  platformToken: TOKEN,
  log: () => {},
});
let server: ReturnType<typeof serve> | undefined;
let baseUrl = '';

beforeAll(async () => {
  const port = await freePort();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: journal.fetch, hostname: '127.0.0.1', port }, () => resolve());
  });
  baseUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('JournalClient over HTTP', () => {
  it('looks up a patient, registers consent and fetches the record the sharing table allows', async () => {
    const client = createJournalClient((request) => fetch(request), baseUrl, TOKEN);
    const line = [...store.patients.values()].find((p) => p.expected.app.self !== null);
    if (!line) throw new Error('no adult');
    const id = await client.lookupPatient(line.patient.cpr);
    expect(id).toBe(line.patient.id);
    await client.registerConsent(id, {
      givenAt: '2026-01-15T10:00:00+01:00',
      givenBy: { role: 'patient', cpr: line.patient.cpr },
    });
    const record = await client.getRecord(id, '2026-01-15');
    expect(record.diagnoses.map((d) => d.id)).toEqual((line.expected.extract as ItemIds).diagnoses);
  });

  it("passes on the journal's refusals as the same problems", async () => {
    const client = createJournalClient((request) => fetch(request), baseUrl, TOKEN);
    await expect(client.lookupPatient('010203-4567')).rejects.toMatchObject({ kind: 'not-found' });
    const bad = createJournalClient((request) => fetch(request), baseUrl, 'wrong-token');
    await expect(bad.lookupPatient('010203-4567')).rejects.toMatchObject({ kind: 'journal-unavailable' });
  });

  it('reports a journal that does not answer as journal-unavailable', async () => {
    const port = await freePort(); // nothing listens here
    const client = createJournalClient((request) => fetch(request), `http://127.0.0.1:${port}`, TOKEN);
    const error = await client.lookupPatient('010203-4567').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).kind).toBe('journal-unavailable');
  });
});
