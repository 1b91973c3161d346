/**
 * How updates reach the platform's copies: through each clinic's change feed. Before a patient
 * request is served, the platform reads the feed of the patient's clinic from its last cursor and
 * applies every entry to the copy of its patient: upsert or delete by item id, a deleted patient's
 * copy dropped. Entries at or below a copy's `feedSequence` are already in it, so redelivery is
 * harmless; an entry of a patient without a copy is skipped (a withdrawn or lapsed consent has
 * deleted it, and nothing here makes one). Reading is throttled per clinic to once a second, so a
 * busy server does not call the journal on every request, and simultaneous requests share one
 * read; after its own writes the platform reads at once. A read that fails leaves the copies as
 * they are (reads are answered from the copy); an expired or unknown cursor drops the clinic's
 * copies, to be fetched anew, and starts the feed over. It speaks only JournalClient, so a journal
 * over HTTP is followed the same way.
 */

import type { Hono } from 'hono';
import type { components } from '../../contracts/types/platform-journal.d.ts';
import type { ShareableRecord } from '../../generators/context.ts';
import { isSandboxError, SandboxError } from '../errors.ts';
import { bearerToken } from '../exchange.ts';
import type { JournalClient } from '../journal-client.ts';
import type { SandboxStore } from '../store.ts';
import type { PlatformDeps } from './records.ts';

type ChangeEntry = components['schemas']['ChangeEntry'];

/** The least time between two reads of one clinic's feed (sandbox time). */
export const FEED_PULL_INTERVAL_MS = 1000;
/** How long a read of the patient's data waits for the clinic's feed before answering from the copy. */
export const FEED_WAIT_MS = 1000;
const PAGE_SIZE = 100;

/** The record list each feed category updates. */
const LISTS = {
  diagnosis: 'diagnoses',
  vaccination: 'vaccinations',
  appointment: 'appointments',
  referral: 'referrals',
  'lab-result': 'labResults',
  medication: 'medications',
  'e-consultation': 'eConsultations',
} as const;

// The read in progress per journal connection: connection state, not sandbox state, so it is kept
// beside the client rather than in the store.
const reading = new WeakMap<JournalClient, Promise<void>>();

/** The journal system of a clinic, or journal-unavailable. */
export function journalFor(deps: PlatformDeps, clinicId: string): JournalClient {
  const journal = deps.journals.get(clinicId);
  if (!journal)
    throw new SandboxError('journal-unavailable', "No journal system is connected for the patient's clinic.");
  return journal;
}

function positionOf(store: SandboxStore, clinicId: string) {
  let position = store.feedPositions.get(clinicId);
  if (!position) {
    position = { cursor: null, pulledAt: null };
    store.feedPositions.set(clinicId, position);
  }
  return position;
}

/**
 * Brings the copies of a clinic's patients up to date from its feed: at most once per
 * FEED_PULL_INTERVAL_MS, or at once (after a read in progress) with `force`. Rejects when the
 * journal cannot be read.
 */
export function pullChanges(deps: PlatformDeps, clinicId: string, force = false): Promise<void> {
  return readIfDue(deps, clinicId, force) ?? Promise.resolve();
}

/**
 * The read pullChanges would wait for, or undefined when there is none (no journal, or the feed
 * was read less than FEED_PULL_INTERVAL_MS ago and no read is running): most requests of a busy
 * server, which then need no timer and no race to wait on nothing.
 */
function readIfDue(deps: PlatformDeps, clinicId: string, force: boolean): Promise<void> | undefined {
  const journal = deps.journals.get(clinicId);
  if (!journal) return undefined;
  const running = reading.get(journal);
  const position = positionOf(deps.store, clinicId);
  const now = deps.clock.now().getTime();
  if (!force) {
    if (running) return running;
    // Math.abs: a clock set back does not stop the reads.
    if (position.pulledAt !== null && Math.abs(now - position.pulledAt) < FEED_PULL_INTERVAL_MS) {
      return undefined;
    }
  }
  position.pulledAt = now;
  const read = (running ?? Promise.resolve()).catch(() => {}).then(() => readFeed(deps, clinicId, journal));
  const tracked: Promise<void> = read.finally(() => {
    if (reading.get(journal) === tracked) reading.delete(journal);
  });
  reading.set(journal, tracked);
  return tracked;
}

async function readFeed(deps: PlatformDeps, clinicId: string, journal: JournalClient): Promise<void> {
  const position = positionOf(deps.store, clinicId);
  for (;;) {
    let page: components['schemas']['ChangePage'];
    try {
      page = await journal.listChanges(position.cursor ?? undefined, PAGE_SIZE);
    } catch (error) {
      if (!isSandboxError(error) || error.kind !== 'validation-failed' || position.cursor === null) throw error;
      // The journal no longer knows the cursor: the copies may have missed changes.
      for (const [id] of deps.store.copies) {
        if (deps.store.patients.get(id)?.clinicId === clinicId) deps.store.copies.delete(id);
      }
      position.cursor = null;
      continue;
    }
    applyChanges(deps.store, clinicId, page.items);
    position.cursor = page.nextCursor;
    if (!page.hasMore || page.items.length === 0) return;
  }
}

function applyChanges(store: SandboxStore, clinicId: string, entries: ChangeEntry[]): void {
  if (entries.length === 0) return;
  // A copy is kept under the platform's patient id and carries the journal's (`patientId`).
  const copyIds = new Map<string, string>();
  for (const [id, copy] of store.copies) {
    if (store.patients.get(id)?.clinicId === clinicId) copyIds.set(copy.patientId, id);
  }
  for (const entry of entries) {
    const id = copyIds.get(entry.patientId);
    const copy = id === undefined ? undefined : store.copies.get(id);
    if (id === undefined || !copy || entry.sequence <= copy.feedSequence) continue;
    if (entry.category === 'patient') {
      // Demographics are not copied; a patient who left the clinic takes the whole copy along.
      if (entry.kind === 'deleted') store.copies.delete(id);
    } else {
      const list: { id: string }[] = copy[LISTS[entry.category]];
      const index = list.findIndex((item) => item.id === entry.itemId);
      if (entry.kind === 'deleted') {
        if (index >= 0) list.splice(index, 1);
      } else if (index >= 0) list[index] = entry.item;
      else list.push(entry.item);
    }
    copy.feedSequence = entry.sequence;
  }
}

/**
 * Puts a thread from a write's answer into the copy at once. A thread only grows, so a longer one
 * already there (the clinic answered, and the feed brought it first) is kept.
 */
export function upsertThread(copy: ShareableRecord, thread: ShareableRecord['eConsultations'][number]): void {
  const index = copy.eConsultations.findIndex((t) => t.id === thread.id);
  if (index < 0) copy.eConsultations.push(thread);
  else if ((copy.eConsultations[index]?.messages.length ?? 0) <= thread.messages.length) {
    copy.eConsultations[index] = thread;
  }
}

/** Reads the feed at once after a write of the platform's own; a failed read waits for the next request. */
export async function pullAfterWrite(deps: PlatformDeps, clinicId: string): Promise<void> {
  await pullChanges(deps, clinicId, true).catch(() => {});
}

const yes = () => true;
const no = () => false;

/**
 * Registers the read before every patient request. Register it before the routes it serves: a
 * route that answers ends the chain.
 */
export function registerChanges(app: Hono, deps: PlatformDeps): void {
  app.use('/patients/:patientId/*', async (c, next) => {
    // Only for a signed-in request: one without a valid token is refused anyway, and must not
    // make the platform call a journal.
    const token = bearerToken(c.req.header('authorization'));
    const signedIn = await deps.tokens.verify(token, 'access', deps.clock.now()).then(yes, no);
    const subject = signedIn ? deps.store.patients.get(c.req.param('patientId') ?? '') : undefined;
    // A failed read is not the request's failure: it is answered from the copy as it is. Nor
    // does a slow journal hold the answer up for long: past FEED_WAIT_MS the read goes on behind.
    const read = subject ? readIfDue(deps, subject.clinicId, false) : undefined;
    if (read) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, FEED_WAIT_MS);
      });
      await Promise.race([read.catch(() => {}), waited]);
      clearTimeout(timer);
    }
    await next();
  });
}
