/**
 * Whose data is what: an index from every patient-data id (dia_, vac_, lab_, …) and every CPR
 * number in the sandbox to the patient it belongs to. Built from the store's own data — each
 * patient's generated journal and the platform's copies — never from what a handler answers, so
 * the privacy check stays independent of the handlers' logic.
 *
 * The index is built once per store and extended, not rebuilt: `refresh` visits every list of
 * the store but indexes only lists that grew or are new (a booking, a new thread, a reply, a
 * copy fetched from a vendor's journal, a video session), so it costs O(patients + threads +
 * video sessions) when nothing changed.
 * When two patients' lists hold the same id, the journal wins over a copy (the journal is the
 * source of truth; a copy holding another patient's item is exactly the bug to catch).
 */

import type { RecordCategory } from '../../domain/proxy.ts';
import type { SandboxStore } from '../store.ts';

/** The contract's id pattern (contracts/CONVENTIONS.md): `<prefix>_` and 6–40 letters or digits. */
const ID_PATTERN = /^[a-z]{3}_[A-Za-z0-9]{6,40}$/;

/**
 * The id prefixes of patient data, with the part of the record each belongs to (the categories
 * of domain/proxy.ts, so the children's table applies). Messages and attachments belong to their
 * e-consultation. `pat_` is not here: a patient id is a reference to a person, checked as such.
 */
export const PATIENT_DATA_PREFIXES: Readonly<Record<string, RecordCategory>> = {
  dia: 'diagnoses',
  ref: 'referrals',
  lab: 'lab-results',
  vac: 'vaccinations',
  med: 'medication',
  apt: 'appointments',
  eco: 'e-consultations',
  msg: 'e-consultations',
  att: 'e-consultations',
  vid: 'video-consultation',
};

/** The record category of a patient-data id, or undefined for any other string. */
export function patientDataCategory(id: string): RecordCategory | undefined {
  if (id.charCodeAt(3) !== 95 /* _ */) return undefined;
  const category = PATIENT_DATA_PREFIXES[id.slice(0, 3)];
  return category !== undefined && ID_PATTERN.test(id) ? category : undefined;
}

/** Whether a string has the shape of an id of the contract (`<prefix>_…`); no CPR number can stand inside one. */
export function isIdLike(value: string): boolean {
  return value.charCodeAt(3) === 95 /* _ */ && ID_PATTERN.test(value);
}

/** Whether a string is a patient id (`pat_…`). */
export function isPatientId(value: string): boolean {
  return value.startsWith('pat_') && ID_PATTERN.test(value);
}

export interface OwnershipIndex {
  /** The patient whose journal (or platform copy) holds the item, or undefined if not indexed yet. */
  itemOwner(id: string): string | undefined;
  /** The patient with this CPR number (ten digits, no hyphen), or undefined. */
  cprOwner(digits: string): string | undefined;
  /** Indexes what the store gained since the last refresh. Cheap when nothing changed. */
  refresh(): void;
}

const indexes = new WeakMap<SandboxStore, OwnershipIndex>();

/** The index of a store, built on first use and kept for the store's lifetime. */
export function ownershipIndexOf(store: SandboxStore): OwnershipIndex {
  let index = indexes.get(store);
  if (!index) {
    index = createOwnershipIndex(store);
    indexes.set(store, index);
  }
  return index;
}

interface Identified {
  id?: unknown;
}
interface ThreadLike extends Identified {
  messages?: unknown;
}
interface MessageLike extends Identified {
  attachments?: unknown;
}
/** A journal's content or a platform copy: the lists that hold patient data. */
type RecordLike = Partial<Record<(typeof ITEM_LISTS)[number] | 'eConsultations', unknown>>;

const ITEM_LISTS = ['diagnoses', 'vaccinations', 'appointments', 'referrals', 'labResults', 'medications'] as const;

/** A fresh index of a store (ownershipIndexOf keeps one per store; this is for tests and tools). */
export function createOwnershipIndex(store: SandboxStore): OwnershipIndex {
  const items = new Map<string, string>();
  const cprs = new Map<string, string>();
  // Each list's length when it was last indexed; a patient line once its CPR is indexed.
  const indexed = new WeakMap<object, number>();

  const indexList = (list: unknown, owner: string): void => {
    if (!Array.isArray(list) || indexed.get(list) === list.length) return;
    for (const item of list as Identified[]) {
      const id = item?.id;
      if (typeof id === 'string' && !items.has(id)) items.set(id, owner);
    }
    indexed.set(list, list.length);
  };

  const indexRecord = (record: RecordLike | undefined, owner: string): void => {
    if (!record) return;
    for (const key of ITEM_LISTS) indexList(record[key], owner);
    const threads = record.eConsultations;
    if (!Array.isArray(threads)) return;
    indexList(threads, owner);
    // A reply grows a thread's messages without growing the list of threads.
    for (const thread of threads as ThreadLike[]) {
      const messages = thread?.messages;
      if (!Array.isArray(messages) || indexed.get(messages) === messages.length) continue;
      indexList(messages, owner);
      for (const message of messages as MessageLike[]) indexList(message?.attachments, owner);
    }
  };

  const refresh = (): void => {
    // Journals before copies, so a journal's owner wins (see the header).
    for (const [id, line] of store.patients) {
      if (!indexed.has(line)) {
        cprs.set(line.patient.cpr.replace('-', ''), id);
        indexed.set(line, 1);
      }
      indexRecord(line.journal as RecordLike, id);
    }
    for (const [id, copy] of store.copies) indexRecord(copy as RecordLike, id);
    // Video sessions the platform gave out, keyed `patientId appointmentId` (read defensively:
    // the store gained this map recently and may change shape).
    const sessions = (store as { videoSessionIds?: unknown }).videoSessionIds;
    if (sessions instanceof Map) {
      for (const [key, id] of sessions as Map<string, unknown>) {
        if (typeof id === 'string' && !items.has(id)) items.set(id, String(key).split(' ')[0] ?? '');
      }
    }
  };

  refresh();
  return {
    itemOwner: (id) => items.get(id),
    cprOwner: (digits) => cprs.get(digits),
    refresh,
  };
}
