/**
 * What a fake journal keeps beyond the generated records, per clinic: its log of writes in order
 * (the change feed is the part of it the platform may see), the content of uploaded attachments,
 * the video sessions, and a counter for new ids. It lives in the store, so a snapshot or a reset
 * covers it, and it is made on first use.
 */
import type { components } from '../../contracts/types/platform-journal.d.ts';
import { base62 } from '../../generators/ids.ts';
import type { SandboxStore } from '../store.ts';

type Schemas = components['schemas'];

/** One write in the journal's log: a record change (as the feed serves it) or a consent event. */
export type LogEntry =
  | { sequence: number; patientId: string; occurredAt: string; change: Schemas['ChangeEntry'] }
  | { sequence: number; patientId: string; occurredAt: string; consent: 'given' | 'withdrawn' };

export interface VideoSessionRecord {
  id: string;
  patientId: string;
  appointmentId: string;
  createdAt: string;
}

export interface JournalState {
  /** The writes still kept, in order; sequences are consecutive from `trimmedThrough + 1`. */
  log: LogEntry[];
  /** The sequence of the latest write (0 before the first). */
  lastSequence: number;
  /** The writes up to this sequence were dropped as older than the feed keeps. */
  trimmedThrough: number;
  /** The sequence at which a patient's current consent was registered; the feed shows only later changes. */
  consentFrom: Map<string, number>;
  /** Uploaded attachments with their content, by id (generated ones are known by their metadata). */
  attachments: Map<string, Schemas['AttachmentContent']>;
  /** The video session of each appointment, by appointment id. */
  videoSessions: Map<string, VideoSessionRecord>;
  /** How many ids this journal has issued. */
  issuedIds: number;
}

/** The journal state of a clinic, made on first use. */
export function journalState(store: SandboxStore, clinicId: string): JournalState {
  let state = store.journalStates.get(clinicId);
  if (!state) {
    state = {
      log: [],
      lastSequence: 0,
      trimmedThrough: 0,
      consentFrom: new Map(),
      attachments: new Map(),
      videoSessions: new Map(),
      issuedIds: 0,
    };
    store.journalStates.set(clinicId, state);
  }
  return state;
}

/**
 * A new id for an item of a patient: the patient's token, 'j' (generated items have 'x') and the
 * journal's counter, so ids are unique and the same requests give the same ids.
 */
export function newId(state: JournalState, prefix: 'eco' | 'msg' | 'att' | 'vid' | 'lab' | 'apt', patientId: string) {
  state.issuedIds += 1;
  return `${prefix}_${patientId.slice(4)}j${base62(state.issuedIds)}`;
}
