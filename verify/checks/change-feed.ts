/**
 * Change-feed continuity: the feed is read to its end; then a patient with consent books a slot,
 * cancels it and starts an e-consultation. Those writes must appear after the old end in the
 * order they were made, sequences must increase strictly, and reading one entry a page must give
 * exactly the entries one big page gives (cursors continue without gaps or duplicates). A cursor
 * the journal never gave out is refused with validation-failed.
 */
import type { Exchange } from '../journal-http.ts';
import { CheckFailed, type GroupDefinition, type VerifyContext } from '../kit.ts';
import {
  conformancePatient,
  exchangeDetails,
  expectProblem,
  expectStatus,
  findFreeSlot,
  patientPath,
  preparePatient,
  registerConsent,
  withdrawConsent,
} from './support.ts';

const N = 5;
const MAX_PAGES = 1000;
// base64url of "not-a-cursor-of-this-feed": well-formed for the contract, never given out.
const UNKNOWN_CURSOR = Buffer.from('not-a-cursor-of-this-feed').toString('base64url');

interface Entry {
  sequence: number;
  patientId: string;
  category: string;
  kind: string;
  itemId: string;
  item?: { status?: string };
}

/** Reads the feed from `cursor` until `hasMore` is false; answers the entries and the last cursor. */
async function readToEnd(ctx: VerifyContext, cursor: string | undefined, limit: number) {
  const entries: Entry[] = [];
  let next = cursor;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (next !== undefined) query.set('cursor', next);
    const e = expectStatus(await ctx.journal.call('GET', `/changes?${query}`), 200, 'listChanges');
    const body = e.body as { items: Entry[]; nextCursor: string; hasMore: boolean };
    if (body.items.length > limit) {
      throw new CheckFailed(`listChanges answered ${body.items.length} entries for limit ${limit}`, exchangeDetails(e));
    }
    entries.push(...body.items);
    next = body.nextCursor;
    if (!body.hasMore) return { entries, cursor: next };
  }
  throw new CheckFailed(`the feed did not end within ${MAX_PAGES} pages of ${limit}`);
}

/** Lines naming sequences that do not increase strictly. */
function orderFaults(entries: Entry[]): string[] {
  const faults: string[] = [];
  for (let i = 1; i < entries.length; i++) {
    const before = entries[i - 1] as Entry;
    const now = entries[i] as Entry;
    if (now.sequence <= before.sequence) {
      faults.push(`sequence ${now.sequence} (${now.itemId}) follows ${before.sequence} (${before.itemId})`);
    }
  }
  return faults;
}

export const changeFeed: GroupDefinition = {
  id: 'change-feed',
  title: 'Change-feed continuity',
  async run(ctx, checks) {
    const p = conformancePatient(ctx, N);
    const toEnd = {
      id: 'read-to-end',
      name: 'the feed reads to its end page by page, sequences strictly increasing',
      needs: 'listChanges',
    };
    const inOrder = {
      id: 'writes-appear-in-order',
      name: 'a booking, its cancellation and a new e-consultation appear after the old end, in order',
      needs: `${ctx.states ? `provider states "conformance patient ${N}", "a free slot"` : 'the imported conformance patients, listSlots'}, registerConsent, bookAppointment, cancelAppointment, createEConsultation, listChanges`,
    };
    const continues = {
      id: 'cursors-continue',
      name: 'reading one entry a page gives exactly the entries of one big page: no gaps, no duplicates',
      needs: 'listChanges with cursor and limit',
    };
    const unknown = {
      id: 'unknown-cursor-refused',
      name: 'a cursor the journal never gave out is refused with validation-failed',
      needs: 'listChanges',
    };

    const start = await checks.run(toEnd, async () => {
      const read = await readToEnd(ctx, undefined, 100);
      const faults = orderFaults(read.entries);
      if (faults.length > 0) throw new CheckFailed('sequences do not increase strictly', faults.slice(0, 20));
      return read.cursor;
    });

    let patientId: string | undefined;
    let written: Entry[] | undefined;
    if (start === undefined) checks.skip(inOrder, `needs "${toEnd.name}", which failed`);
    else
      written = await checks.run(inOrder, async () => {
        patientId = await preparePatient(ctx, N);
        await registerConsent(ctx, patientId, p.patient.cpr);
        const slotId = await findFreeSlot(ctx);
        const actor = { role: 'patient', cpr: p.patient.cpr };
        const booked = expectStatus(
          await ctx.journal.call('POST', `${patientPath(patientId)}/appointments`, {
            body: { slotId, bookedBy: actor, reason: 'Conformance check: change feed' },
          }),
          201,
          'bookAppointment',
        );
        const appointmentId = String((booked.body as { id: string }).id);
        expectStatus(
          await ctx.journal.call(
            'POST',
            `${patientPath(patientId)}/appointments/${encodeURIComponent(appointmentId)}/cancel`,
            {
              body: { cancelledBy: actor },
            },
          ),
          200,
          'cancelAppointment',
        );
        const thread = expectStatus(
          await ctx.journal.call('POST', `${patientPath(patientId)}/e-consultations`, {
            body: {
              writtenBy: actor,
              subject: 'Conformance check',
              body: 'A message for the change feed.',
              attachments: [],
            },
          }),
          201,
          'createEConsultation',
        );
        const threadId = String((thread.body as { eConsultation: { id: string } }).eConsultation.id);
        const read = await readToEnd(ctx, start, 100);
        const mine = read.entries.filter((e) => e.patientId === patientId);
        const got = mine.map((e) => `${e.category} ${e.itemId}${e.item?.status ? ` ${e.item.status}` : ''}`);
        const want = [
          `appointment ${appointmentId} booked`,
          `appointment ${appointmentId} cancelled`,
          `e-consultation ${threadId} awaiting-answer`,
        ];
        // At least once: a journal may repeat an entry, but the writes must come in this order.
        const deduped = got.filter((g, i) => g !== got[i - 1]);
        if (deduped.join('\n') !== want.join('\n')) {
          throw new CheckFailed("the patient's entries after the old end are not the three writes in order", [
            `expected: ${want.join(' → ')}`,
            `got:      ${got.join(' → ') || '(none)'}`,
          ]);
        }
        const faults = orderFaults(read.entries);
        if (faults.length > 0) throw new CheckFailed('sequences do not increase strictly', faults.slice(0, 20));
        return read.entries;
      });

    if (start === undefined || written === undefined) {
      checks.skip(continues, `needs "${inOrder.name}", which ${start === undefined ? 'was skipped' : 'failed'}`);
    } else {
      await checks.run(continues, async () => {
        const paged = await readToEnd(ctx, start, 1);
        const big = written.map((e) => e.sequence);
        const small = paged.entries.map((e) => e.sequence);
        const missing = big.filter((s) => !small.includes(s));
        const extra = small.filter((s, i) => !big.includes(s) || small.indexOf(s) !== i);
        if (missing.length > 0 || extra.length > 0) {
          throw new CheckFailed('paging by one entry does not give the same entries', [
            ...(missing.length > 0 ? [`left out: sequence ${missing.join(', ')}`] : []),
            ...(extra.length > 0 ? [`duplicated or unexpected: sequence ${extra.join(', ')}`] : []),
          ]);
        }
      });
    }

    await checks.run(unknown, async () => {
      expectProblem(
        (await ctx.journal.call('GET', `/changes?cursor=${UNKNOWN_CURSOR}`)) as Exchange,
        'validation-failed',
        'listChanges with a cursor never given out',
      );
    });
    if (patientId) await withdrawConsent(ctx, patientId).catch(() => undefined);
    return undefined;
  },
};
