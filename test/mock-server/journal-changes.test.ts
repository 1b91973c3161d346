// The fake journal's change feed, in process: every write (booking, e-consultation, the clinic's
// own) appears once and in order; reading page by page from each page's cursor gives exactly the
// whole feed, also when written to between pages; a patient's changes are left out without
// consent and never replayed after; the record's feedSequence marks what it already holds; and a
// malformed, unknown or expired cursor is validation-failed.
import { describe, expect, it } from 'vitest';
import { problemKindOf } from '../../domain/problem-types.ts';
import { fileLabResult, replyAsClinic } from '../../mock-server/journal/clinic-side.ts';
import { fakeJournal } from '../support/fake-journal.ts';

function journal(seed = 'feed-0') {
  const { store, clock, call, consenting, never } = fakeJournal(seed);
  const changes = async (query = '') => {
    const res = await call('GET', `/changes${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as {
      items: { sequence: number; patientId: string; category: string; kind: string; itemId: string; item?: unknown }[];
      nextCursor: string;
      hasMore: boolean;
    };
  };
  return { store, clock, call, consenting, never, changes };
}

const lab = (sampledAt: string) => ({
  npuCode: 'NPU03230',
  name: 'P—Kalium',
  value: 4.1,
  unit: 'mmol/L',
  referenceInterval: { lower: 3.5, upper: 4.6 },
  abnormal: false,
  sampledAt,
});

describe('fake journal change feed', () => {
  it('serves every write in order, once, page by page from each cursor, also when written to between pages', async () => {
    const j = journal();
    const empty = await j.changes();
    expect(empty).toMatchObject({ items: [], hasMore: false });
    let cursor = empty.nextCursor;

    const written: string[] = [];
    for (const [i, p] of j.consenting.slice(0, 3).entries()) {
      written.push(fileLabResult(j, p.patient.id, lab(`2026-01-1${i}T08:00:00+01:00`)).id);
      const res = await j.call('POST', `/patients/${p.patient.id}/e-consultations`, {
        writtenBy: { role: 'patient', cpr: p.patient.cpr },
        subject: `Spørgsmål ${i}`,
        body: 'Hej.',
        attachments: [],
      });
      written.push((await res.json()).eConsultation.id);
    }
    const seen: { sequence: number; itemId: string }[] = [];
    let more = true;
    let extra = false;
    while (more) {
      const page = await j.changes(`?cursor=${cursor}&limit=2`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      more = page.hasMore;
      if (!extra) {
        // A write between pages is read after the others, not lost.
        extra = true;
        const thread = j.consenting[0]?.journal.eConsultations.at(-1);
        replyAsClinic(j, j.consenting[0]?.patient.id ?? '', thread?.id ?? '', { body: 'Svar.' });
        written.push(thread?.id ?? '');
        more = true;
      }
    }
    expect(seen.map((e) => e.itemId)).toEqual(written);
    const sequences = seen.map((e) => e.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    // The last answer carries the whole thread, answered.
    expect(seen.at(-1)).toMatchObject({ category: 'e-consultation', kind: 'upserted', item: { status: 'answered' } });
    // Read to the end: nothing more, and the cursor stays where it is.
    const after = await j.changes(`?cursor=${cursor}`);
    expect(after).toEqual({ items: [], nextCursor: cursor, hasMore: false });
    // Without a cursor the feed starts from the oldest entry kept.
    expect((await j.changes('?limit=100')).items.map((e) => e.itemId)).toEqual(written);
  });

  it('puts bookings and cancellations in the feed with the appointment as it was then', async () => {
    const j = journal('booking-0');
    const me = j.consenting[0];
    if (!me) throw new Error('no patient');
    const slots = await (await j.call('GET', '/slots?from=2026-01-19&to=2026-01-19')).json();
    const booked = await (
      await j.call('POST', `/patients/${me.patient.id}/appointments`, {
        slotId: slots.items[0].id,
        bookedBy: { role: 'patient', cpr: me.patient.cpr },
      })
    ).json();
    await j.call('POST', `/patients/${me.patient.id}/appointments/${booked.id}/cancel`, {
      cancelledBy: { role: 'patient', cpr: me.patient.cpr },
    });
    const feed = await j.changes();
    expect(feed.items.map((e) => [e.itemId, (e.item as { status: string }).status])).toEqual([
      [booked.id, 'booked'],
      [booked.id, 'cancelled'],
    ]);
  });

  it("leaves out a patient's changes without consent, never replays them, and stops at a withdrawal", async () => {
    const j = journal();
    const { never } = j;
    const [me] = j.consenting;
    if (!me) throw new Error('no patient');
    fileLabResult(j, never.patient.id, lab('2026-01-14T08:00:00+01:00'));
    const mine = fileLabResult(j, me.patient.id, lab('2026-01-14T08:00:00+01:00'));
    await j.call('PUT', `/patients/${never.patient.id}/consent`, {
      givenAt: '2026-01-15T10:00:00+01:00',
      givenBy: { role: 'patient', cpr: never.patient.cpr },
    });
    const record = await (await j.call('GET', `/patients/${never.patient.id}/record?asOf=2026-01-15`)).json();
    const afterConsent = fileLabResult(j, never.patient.id, lab('2026-01-15T08:00:00+01:00'));
    const feed = await j.changes();
    expect(feed.items.map((e) => e.itemId)).toEqual([mine.id, afterConsent.id]);
    // The record holds what came before its feedSequence; the feed brings what came after.
    expect(record.labResults.map((l: { id: string }) => l.id)).not.toContain(afterConsent.id);
    expect(feed.items.find((e) => e.itemId === afterConsent.id)?.sequence).toBeGreaterThan(record.feedSequence);
    expect(feed.items.find((e) => e.itemId === mine.id)?.sequence).toBeLessThanOrEqual(record.feedSequence);

    await j.call('DELETE', `/patients/${me.patient.id}/consent`);
    fileLabResult(j, me.patient.id, lab('2026-01-15T09:00:00+01:00'));
    const after = await j.changes(`?cursor=${feed.nextCursor}`);
    expect(after.items).toEqual([]);
    expect((await j.changes()).items.map((e) => e.itemId)).toEqual([afterConsent.id]);
  });

  it('refuses a malformed, unknown or expired cursor with validation-failed', async () => {
    const j = journal();
    const me = j.consenting[0];
    if (!me) throw new Error('no patient');
    fileLabResult(j, me.patient.id, lab('2026-01-14T08:00:00+01:00'));
    const { nextCursor } = await j.changes();
    for (const cursor of ['not-a-cursor', Buffer.from('seq:99').toString('base64url')]) {
      const res = await j.call('GET', `/changes?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(problemKindOf((await res.json()).type)).toBe('validation-failed');
    }
    expect((await j.call('GET', '/changes?limit=101')).status).toBe(400);
    // Eight days on, the week-old entries are gone and a cursor from before them has expired.
    j.clock.advance(8 * 24 * 3600_000);
    const fresh = fileLabResult(j, me.patient.id, lab('2026-01-23T08:00:00+01:00'));
    const expired = await j.call('GET', `/changes?cursor=${Buffer.from('seq:0').toString('base64url')}`);
    expect(expired.status).toBe(400);
    expect((await expired.json()).errors).toEqual([{ pointer: '/query/cursor', message: 'cursor expired' }]);
    expect((await j.changes(`?cursor=${nextCursor}`)).items.map((e) => e.itemId)).toEqual([fresh.id]);
    expect((await j.changes()).items.map((e) => e.itemId)).toEqual([fresh.id]);
  });
});
