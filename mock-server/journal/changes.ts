/**
 * The fake journal's change feed. Every write in the journal (consent registered or withdrawn, an
 * appointment booked or cancelled, an e-consultation started or answered, the clinic's own writes)
 * is appended to the clinic's log in order with the next sequence. `GET /changes` serves the part
 * the platform may see: record changes of patients whose current consent was registered before
 * the change. So a change made without consent is never replayed later, and nothing of a patient
 * is served after a withdrawal (no deletion entries: the platform deletes its copy itself).
 * The cursor is the last sequence served (opaque to the platform); the log keeps 7 days, and a
 * cursor from before that is expired (validation-failed: fetch the records again).
 */
import type { Hono } from 'hono';
import type { components } from '../../contracts/types/platform-journal.d.ts';
import { SandboxError } from '../errors.ts';
import type { SandboxStore } from '../store.ts';
import type { JournalDeps } from './deps.ts';
import { type JournalState, journalState, type LogEntry } from './state.ts';

type ChangeEntry = components['schemas']['ChangeEntry'];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A change as a write describes it; the log adds sequence, patient and time. */
export type Change = DistributiveOmit<ChangeEntry, 'sequence' | 'patientId' | 'occurredAt'>;

/** How long the log keeps a write (the contract: at least 7 days). */
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

function append(
  store: SandboxStore,
  now: Date,
  clinicId: string,
  entry: (sequence: number, occurredAt: string) => LogEntry,
): LogEntry {
  const state = journalState(store, clinicId);
  trim(state, now);
  state.lastSequence += 1;
  const added = entry(state.lastSequence, now.toISOString());
  state.log.push(added);
  return added;
}

/** Drops the writes older than the log keeps. */
function trim(state: JournalState, now: Date): void {
  const oldest = now.getTime() - KEEP_MS;
  let drop = 0;
  while (drop < state.log.length && Date.parse((state.log[drop] as LogEntry).occurredAt) < oldest) drop++;
  if (drop === 0) return;
  state.trimmedThrough = (state.log[drop - 1] as LogEntry).sequence;
  state.log.splice(0, drop);
}

/** Appends a record change of a patient; the item is copied, so later writes do not alter it. */
export function appendChange(store: SandboxStore, now: Date, clinicId: string, patientId: string, change: Change) {
  append(store, now, clinicId, (sequence, occurredAt) => ({
    sequence,
    patientId,
    occurredAt,
    change: { ...structuredClone(change), sequence, patientId, occurredAt } as ChangeEntry,
  }));
}

/**
 * Appends a consent event. A registration after none (or after a withdrawal) starts the patient's
 * part of the feed anew; registering again while consent stands changes nothing there.
 */
export function appendConsent(
  store: SandboxStore,
  now: Date,
  clinicId: string,
  patientId: string,
  consent: 'given' | 'withdrawn',
  wasGiven: boolean,
) {
  const entry = append(store, now, clinicId, (sequence, occurredAt) => ({ sequence, patientId, occurredAt, consent }));
  if (consent === 'given' && !wasGiven) journalState(store, clinicId).consentFrom.set(patientId, entry.sequence);
}

/** The sequence of the clinic's latest write: a record read now reflects every change up to it. */
export function feedSequence(store: SandboxStore, clinicId: string): number {
  return journalState(store, clinicId).lastSequence;
}

const encodeCursor = (sequence: number) => Buffer.from(`seq:${sequence}`).toString('base64url');

function cursorProblem(message: string, detail: string): SandboxError {
  return new SandboxError('validation-failed', detail, { errors: [{ pointer: '/query/cursor', message }] });
}

/** The sequence a cursor stands for, or validation-failed for an unknown, malformed or expired one. */
function decodeCursor(cursor: string, state: JournalState): number {
  const match = /^seq:(0|[1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const sequence = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(sequence) || sequence > state.lastSequence) {
    throw cursorProblem(
      'is not a cursor of this feed',
      'The cursor is not one this journal gave out; read the feed without a cursor.',
    );
  }
  if (sequence < state.trimmedThrough) {
    throw cursorProblem(
      'cursor expired',
      'The cursor points before the oldest entry the journal keeps (7 days). Fetch the records again and read the feed without a cursor.',
    );
  }
  return sequence;
}

export function registerChanges(app: Hono, deps: JournalDeps): void {
  const { store, clinicId } = deps;
  /** Whether the platform may see a logged write now (see the module comment). */
  const served = (state: JournalState, entry: LogEntry): entry is Extract<LogEntry, { change: unknown }> =>
    'change' in entry &&
    store.journalConsents.get(entry.patientId)?.state === 'given' &&
    entry.sequence > (state.consentFrom.get(entry.patientId) ?? 0);

  app.get('/changes', (c) => {
    const { cursor, limit = 20 } = c.get('request').query as { cursor?: string; limit?: number };
    const state = journalState(store, clinicId);
    trim(state, deps.clock.now());
    const after = cursor === undefined ? state.trimmedThrough : decodeCursor(cursor, state);
    const items: ChangeEntry[] = [];
    let position = after;
    let hasMore = false;
    // Sequences are consecutive in the log, so the entry after `after` is at a known index.
    for (let i = after - state.trimmedThrough; i < state.log.length; i++) {
      const entry = state.log[i] as LogEntry;
      if (!served(state, entry)) {
        if (items.length < limit) position = entry.sequence; // never served later either: skip it for good
        continue;
      }
      if (items.length === limit) {
        hasMore = true;
        break;
      }
      items.push(entry.change);
      position = entry.sequence;
    }
    return c.json({ items, nextCursor: encodeCursor(position), hasMore });
  });
}
