/**
 * The store as JSON and back, for snapshots: every Map, Set and Date is written with a tag
 * (`{"$map": [[k, v], …]}`, `{"$set": […]}`, `{"$date": "…"}`) so the state returns exactly. An
 * import is checked before anything is replaced: the store's fields are all there with the right
 * kinds, every person and clinic has what the sandbox reads from them, and personas point at
 * people who exist. A snapshot that fails a check is refused with every problem named.
 */

import { inSandboxTime } from '../domain/time.ts';
import type { PatientLine } from '../generators/population.ts';
import { documentOf } from './contract-app.ts';
import type { FieldError } from './errors.ts';
import { compiledContract } from './middleware/contract-validation/index.ts';
import type { SandboxStore } from './store.ts';

/** The store's fields and what each holds: a Map (of values, or of Sets), or a plain value. */
const FIELDS = {
  clinics: 'map',
  personas: 'map',
  patients: 'map',
  consents: 'map',
  copies: 'map',
  clinicDoctors: 'map',
  takenSlots: 'map',
  journalConsents: 'map',
  journalStates: 'map',
  feedPositions: 'map',
  videoSessionIds: 'map',
  journalRegistrations: 'map',
  pins: 'map',
} as const satisfies Record<keyof SandboxStore, 'map'>;

const tagged = (_key: string, value: unknown): unknown => {
  if (value instanceof Map) return { $map: [...value.entries()] };
  if (value instanceof Set) return { $set: [...value] };
  return value;
};

/** The store as JSON-ready data. Personas are written as handle → patient id. */
export function exportState(store: SandboxStore): Record<string, unknown> {
  const plain = { ...store, personas: new Map([...store.personas].map(([h, p]) => [h, p.patient.patient.id])) };
  // Dates become {$date} before JSON.stringify would turn them into bare strings.
  return JSON.parse(
    JSON.stringify(plain, function (this: Record<string, unknown>, key, value) {
      const raw = this[key];
      if (raw instanceof Date) return { $date: raw.toISOString() };
      return tagged(key, value);
    }),
  ) as Record<string, unknown>;
}

export class SnapshotError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The snapshot's state is not one this sandbox can load (${errors.length} problem(s))`);
  }
}

/** Deeper than any state the sandbox writes: a guard against a snapshot built to exhaust the stack. */
const MAX_DEPTH = 64;

function revive(value: unknown, pointer: string, errors: FieldError[], depth = 0): unknown {
  if (depth > MAX_DEPTH) {
    if (!errors.some((e) => e.message.startsWith('nests deeper'))) {
      errors.push({ pointer, message: `nests deeper than ${MAX_DEPTH} levels, which no sandbox state does` });
    }
    return undefined;
  }
  if (Array.isArray(value)) return value.map((v, i) => revive(v, `${pointer}/${i}`, errors, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === '$date') {
    const date = typeof obj.$date === 'string' ? new Date(obj.$date) : new Date(Number.NaN);
    const t = date.getTime();
    // The sandbox's calendar (Copenhagen days, offsets, ages) covers 1900–2099, as its clock does.
    if (!inSandboxTime(t)) {
      errors.push({ pointer, message: 'is not a {"$date": ISO instant} in 1900–2099' });
    }
    return date;
  }
  if (keys.length === 1 && keys[0] === '$set') {
    if (!Array.isArray(obj.$set)) {
      errors.push({ pointer, message: '{"$set"} must hold an array' });
      return new Set();
    }
    return new Set(obj.$set.map((v, i) => revive(v, `${pointer}/$set/${i}`, errors, depth + 1)));
  }
  if (keys.length === 1 && keys[0] === '$map') {
    const entries = obj.$map;
    if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && e.length === 2)) {
      errors.push({ pointer, message: '{"$map"} must hold an array of [key, value] pairs' });
      return new Map();
    }
    return new Map(
      entries.map(([k, v], i) => [
        revive(k, `${pointer}/$map/${i}/0`, errors, depth + 1),
        revive(v, `${pointer}/$map/${i}/1`, errors, depth + 1),
      ]),
    );
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    // JSON.parse makes "__proto__" an own key; assigning it would set the prototype instead, and
    // the checks below, which look at own keys, would not see what it carries.
    if (key === '__proto__') {
      errors.push({ pointer: `${pointer}/__proto__`, message: 'is not a key of any sandbox state' });
      continue;
    }
    out[key] = revive(obj[key], `${pointer}/${key}`, errors, depth + 1);
  }
  return out;
}

/** A whole number from 0 to 2^53 − 1: counters and sequence numbers. */
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** One entry of a journal's change log, as state.ts's LogEntry has it. */
function isLogEntry(v: unknown): boolean {
  if (!isObject(v) || !isCount(v.sequence) || typeof v.patientId !== 'string' || typeof v.occurredAt !== 'string') {
    return false;
  }
  if (Number.isNaN(Date.parse(v.occurredAt))) return false;
  return v.consent === 'given' || v.consent === 'withdrawn' || isObject(v.change);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The journal contract's schema of each journal category's items (diagnoses: any ICPC-2 code). */
const ITEM_SCHEMAS: Record<string, string | undefined> = {
  vaccinations: 'Vaccination',
  appointments: 'Appointment',
  referrals: 'Referral',
  labResults: 'LabResult',
  medications: 'Medication',
  eConsultations: 'EConsultation',
  diagnoses: undefined,
};

/** Problems of a value against a schema of a contract (by default the journal's), at most three. */
function schemaErrors(
  name: string,
  value: unknown,
  pointer: string,
  errors: FieldError[],
  contract: 'platform-journal' | 'sandbox-control' = 'platform-journal',
): void {
  const { schemas } = compiledContract(documentOf(contract));
  for (const issue of schemas.validate(schemas.schemaOf(name), value).slice(0, 3)) {
    errors.push({ pointer: `${pointer}${issue.pointer}`, message: issue.message });
  }
}

/** What the sandbox reads from every person, checked against the journal contract where it has a schema. */
function checkPatient(id: unknown, line: unknown, pointer: string, errors: FieldError[]): void {
  if (!isObject(line) || line.type !== 'patient' || !isObject(line.patient) || !isObject(line.journal)) {
    errors.push({ pointer, message: 'is not a person of the population (type, patient, journal)' });
    return;
  }
  if (line.patient.id !== id) {
    errors.push({ pointer: `${pointer}/patient/id`, message: 'must equal the key it is stored under' });
  }
  schemaErrors('Patient', line.patient, `${pointer}/patient`, errors);
  if (typeof line.clinicId !== 'string') errors.push({ pointer: `${pointer}/clinicId`, message: 'must be a string' });
  for (const [category, schema] of Object.entries(ITEM_SCHEMAS)) {
    const list = line.journal[category];
    const at = `${pointer}/journal/${category}`;
    if (!Array.isArray(list)) {
      errors.push({ pointer: at, message: 'must be an array' });
      continue;
    }
    list.forEach((item, k) => {
      if (schema) schemaErrors(schema, item, `${at}/${k}`, errors);
      else if (
        !isObject(item) ||
        !['id', 'icpcCode', 'title', 'registeredAt'].every((f) => typeof item[f] === 'string')
      ) {
        errors.push({ pointer: `${at}/${k}`, message: 'must be a diagnosis (id, icpcCode, title, registeredAt)' });
      }
    });
  }
}

/** A Map whose every value passes `ok`, else one error naming the first that does not. */
function checkValues(
  map: Map<unknown, unknown>,
  pointer: string,
  what: string,
  ok: (v: unknown) => boolean,
  errors: FieldError[],
): void {
  for (const [key, value] of map) {
    if (!ok(value)) {
      errors.push({ pointer: `${pointer}/${String(key)}`, message: `must be ${what}` });
      return;
    }
  }
}

const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';
const isNumberOrNull = (v: unknown) => v === null || typeof v === 'number';

/** The shapes of the platform's and the fake journals' own state. */
function checkState(revived: Record<string, unknown>, errors: FieldError[]): void {
  const map = (key: string) => revived[key] as Map<unknown, unknown>;
  for (const [id, record] of map('copies'))
    schemaErrors('ShareableRecord', record, `/state/copies/${String(id)}`, errors);
  checkValues(
    map('takenSlots'),
    '/state/takenSlots',
    'a {"$set"} of slot ids',
    (v) => v instanceof Set && [...v].every((x) => typeof x === 'string'),
    errors,
  );
  checkValues(
    map('clinicDoctors'),
    '/state/clinicDoctors',
    'an array of names',
    (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
    errors,
  );
  checkValues(
    map('journalRegistrations'),
    '/state/journalRegistrations',
    "the journal's patient id",
    (v) => typeof v === 'string',
    errors,
  );
  checkValues(
    map('videoSessionIds'),
    '/state/videoSessionIds',
    'a video session id',
    (v) => typeof v === 'string',
    errors,
  );
  checkValues(
    map('feedPositions'),
    '/state/feedPositions',
    '{cursor, pulledAt}',
    (v) => isObject(v) && isStringOrNull(v.cursor) && isNumberOrNull(v.pulledAt),
    errors,
  );
  checkValues(
    map('journalConsents'),
    '/state/journalConsents',
    'a journal consent (state never-given, given or withdrawn)',
    (v) =>
      isObject(v) &&
      ['never-given', 'given', 'withdrawn'].includes(String(v.state)) &&
      isStringOrNull(v.givenAt) &&
      isStringOrNull(v.withdrawnAt),
    errors,
  );
  checkValues(
    map('pins'),
    '/state/pins',
    '{personId, pin, setAt, state: {failures}}',
    (v) =>
      isObject(v) &&
      typeof v.personId === 'string' &&
      typeof v.pin === 'string' &&
      v.setAt instanceof Date &&
      isObject(v.state) &&
      isCount(v.state.failures),
    errors,
  );
  checkValues(
    map('journalStates'),
    '/state/journalStates',
    "a journal's state (log entries numbered trimmedThrough + 1 … lastSequence, whole-number consentFrom and issuedIds)",
    (v) =>
      isObject(v) &&
      Array.isArray(v.log) &&
      v.log.every(isLogEntry) &&
      isCount(v.lastSequence) &&
      isCount(v.trimmedThrough) &&
      // The feed reads entry n at log[n - trimmedThrough - 1]: sequences consecutive, none missing.
      v.log.length === v.lastSequence - v.trimmedThrough &&
      v.log.every((e, i) => (e as { sequence: number }).sequence === (v.trimmedThrough as number) + 1 + i) &&
      v.consentFrom instanceof Map &&
      [...v.consentFrom.values()].every(isCount) &&
      v.attachments instanceof Map &&
      v.videoSessions instanceof Map &&
      isCount(v.issuedIds),
    errors,
  );
}

/** A store from exported state, or a SnapshotError naming every problem (nothing is changed). */
export function importState(state: unknown): SandboxStore {
  const errors: FieldError[] = [];
  if (!isObject(state)) throw new SnapshotError([{ pointer: '/state', message: 'must be an object' }]);
  const revived = revive(state, '/state', errors) as Record<string, unknown>;
  for (const key of Object.keys(revived)) {
    if (!(key in FIELDS)) errors.push({ pointer: `/state/${key}`, message: 'is not part of the sandbox state' });
  }
  for (const key of Object.keys(FIELDS)) {
    if (!(revived[key] instanceof Map)) errors.push({ pointer: `/state/${key}`, message: 'must be a {"$map"}' });
  }
  if (errors.length > 0) throw new SnapshotError(errors);

  const patients = revived.patients as Map<unknown, unknown>;
  for (const [id, line] of patients) checkPatient(id, line, `/state/patients/${String(id)}`, errors);
  const clinics = revived.clinics as Map<unknown, unknown>;
  for (const [id, clinic] of clinics) {
    if (!isObject(clinic) || clinic.id !== id) {
      errors.push({ pointer: `/state/clinics/${String(id)}`, message: 'is not a clinic stored under its id' });
    } else schemaErrors('Clinic', clinic, `/state/clinics/${String(id)}`, errors);
  }
  // Family links point at people in the state (or at nobody: a parent outside the population).
  for (const [id, line] of patients) {
    const links = isObject(line) && isObject(line.patient) ? [line.patient.children, line.patient.custodians] : [];
    for (const link of links.flat()) {
      const other = isObject(link) ? link.patientId : undefined;
      if (other !== null && other !== undefined && !patients.has(other)) {
        errors.push({
          pointer: `/state/patients/${String(id)}/patient`,
          message: `links ${String(other)}, who is not in the state`,
        });
      }
    }
  }
  checkState(revived, errors);
  for (const [id, line] of patients) {
    if (isObject(line) && typeof line.clinicId === 'string' && !clinics.has(line.clinicId)) {
      errors.push({ pointer: `/state/patients/${String(id)}/clinicId`, message: 'names a clinic not in the state' });
    }
  }
  for (const [id, record] of revived.consents as Map<unknown, unknown>) {
    const ok =
      isObject(record) &&
      Object.entries(record).every(
        ([k, v]) => ['givenAt', 'withdrawnAt', 'lastActivityAt'].includes(k) && (v === undefined || v instanceof Date),
      );
    if (!ok) {
      errors.push({
        pointer: `/state/consents/${String(id)}`,
        message: 'must hold only givenAt, withdrawnAt and lastActivityAt as {"$date"}',
      });
    }
  }
  const personas = new Map<string, { handle: string; patient: PatientLine }>();
  for (const [handle, id] of revived.personas as Map<unknown, unknown>) {
    const line = patients.get(id);
    if (typeof handle !== 'string' || !line) {
      errors.push({ pointer: `/state/personas/${String(handle)}`, message: 'must name a person in the state' });
      continue;
    }
    const before = errors.length;
    schemaErrors('PersonaHandle', handle, `/state/personas/${handle}`, errors, 'sandbox-control');
    if (errors.length > before) continue;
    personas.set(handle, { handle, patient: line as PatientLine });
  }
  if (errors.length > 0) throw new SnapshotError(errors.slice(0, 50));
  return { ...(revived as unknown as SandboxStore), personas };
}
