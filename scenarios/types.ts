/**
 * The shape of a scenario, as a file holds it once parsed (and as the builder makes it). The JSON
 * Schema `contracts/scenario.schema.json` is the rule for files; these types mirror it for code.
 * Handles name people and records; dates and instants are absolute or ISO 8601 offsets from
 * `start` (`P2D`, `-P365D`).
 */
import type { ProblemKind } from '../domain/problem-types.ts';
import type { Region } from '../domain/regions.ts';
import type { Weekday } from '../domain/time.ts';

/** `YYYY-MM-DD`, or an ISO 8601 duration from the start (`-P1Y`). */
export type DateOrOffset = string;
/** An ISO 8601 instant with its offset, or a duration from the start. */
export type InstantOrOffset = string;

export interface AddressSpec {
  street: string;
  postalCode: string;
  town: string;
}

export interface SubstituteSpec {
  name: string;
  address: AddressSpec;
  phone: string;
}

export interface HolidaySpec {
  from: DateOrOffset;
  to: DateOrOffset;
  /** Without one, the clinic's paired clinic stands in (as generated). */
  substitute?: SubstituteSpec;
}

export interface ClinicSpec {
  name?: string;
  capabilities?: { attachments?: boolean; videoConsultation?: boolean; onlineBooking?: boolean };
  platformSharing?: 'enabled' | 'objected';
  hours?: { day: Weekday; opens: string; closes: string }[];
  closedDays?: { date: DateOrOffset; reason?: string }[];
  holidays?: HolidaySpec[];
  /** Every slot from the start for `days` days is taken, but those in `except` (local `YYYY-MM-DDTHH:MM`). */
  fullyBooked?: { days: number; except?: string[] };
}

export type ConsentSpec =
  | 'never'
  | 'given'
  | { given: InstantOrOffset; withdrawn?: InstantOrOffset; lastActivity?: InstantOrOffset };

export type Category =
  | 'diagnoses'
  | 'vaccinations'
  | 'appointments'
  | 'referrals'
  | 'labResults'
  | 'medications'
  | 'eConsultations';

export interface LabResultSpec {
  handle: string;
  npuCode: string;
  name: string;
  value: number | string;
  unit?: string;
  lower?: number;
  upper?: number;
  sampled: InstantOrOffset;
}

export interface RecordsSpec {
  /** Drop the generated records of these categories (or all) before adding the file's. */
  replace?: 'all' | Category[];
  diagnoses?: { handle: string; code: string; title?: string; registered: DateOrOffset }[];
  vaccinations?: { handle: string; vaccine: string; atcCode?: string; dose?: number; given: DateOrOffset }[];
  labResults?: LabResultSpec[];
  medications?: {
    handle: string;
    atcCode: string;
    name: string;
    strength?: string;
    dosage?: string;
    started: DateOrOffset;
    ended?: DateOrOffset;
  }[];
  referrals?: {
    handle: string;
    kind: 'specialist' | 'hospital' | 'physiotherapy' | 'psychologist' | 'imaging' | 'other';
    reason: string;
    receiver: string;
    issued: DateOrOffset;
    validUntil?: DateOrOffset;
  }[];
  appointments?: {
    handle: string;
    starts: InstantOrOffset;
    minutes?: number;
    kind?: 'in-person' | 'phone' | 'video';
    reason?: string;
  }[];
  eConsultations?: { handle: string; subject: string; body: string; sent: InstantOrOffset; writtenBy?: string }[];
}

export interface PersonSpec {
  handle: string;
  name?: string;
  /** Whole years, or an exact age as a duration (`P14Y11M`). */
  age?: number | string;
  birthDate?: string;
  sex?: 'female' | 'male';
  region?: Region;
  /** Must be from the synthetic scheme (domain/cpr.ts); generated when absent. */
  cpr?: string;
  address?: AddressSpec;
  livesWith?: string;
  addressProtected?: boolean;
  consent?: ConsentSpec;
  records?: RecordsSpec;
}

export interface LinkSpec {
  parent: string;
  child: string;
  /** `none`: a parent without custody (sees nothing of the child). */
  custody: 'sole' | 'joint' | 'none';
}

export type EventSpec =
  | { at: string; event: 'doctor-replies'; patient: string; eConsultation: string; body: string; author?: string }
  | { at: string; event: 'lab-result'; patient: string; result: LabResultSpec }
  | { at: string; event: 'consent-withdrawn' | 'consent-given'; person: string }
  | { at: string; event: 'clinic-holiday'; from: DateOrOffset; to: DateOrOffset; substitute?: SubstituteSpec }
  | { at: string; event: 'journal-down' | 'journal-up' };

export type EventKind = EventSpec['event'];

export interface RequestSpec {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** `{handle}` stands for a person's patient id or a record's id. */
  path: string;
  body?: unknown;
}

export interface AnswerSpec {
  status?: number;
  problem?: ProblemKind;
  /** Handles or ids that must be in the answer (every page of a list). */
  present?: string[];
  absent?: string[];
  count?: number;
  /** Values the answer must hold: a subset of its JSON. */
  body?: unknown;
}

export type ExpectationSpec =
  | { name: string; at?: string; as?: string; request: RequestSpec; expect: AnswerSpec }
  | {
      name: string;
      at?: string;
      race: { as?: string; request: RequestSpec }[];
      /** Exactly one request answers so… */
      expect: AnswerSpec;
      /** …and every other one so. */
      others: AnswerSpec;
    };

export interface Scenario {
  name: string;
  summary: string;
  seed: string;
  start: string;
  /** Generated patients of the seed sharing the clinic (default 8). */
  population?: number;
  clinic?: ClinicSpec;
  people: PersonSpec[];
  links?: LinkSpec[];
  timeline?: EventSpec[];
  expectations: ExpectationSpec[];
}

export const DEFAULT_POPULATION = 8;
