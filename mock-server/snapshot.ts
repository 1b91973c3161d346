/**
 * The store as JSON and back, for snapshots: every Map, Set and Date is written with a tag
 * (`{"$map": [[k, v], …]}`, `{"$set": […]}`, `{"$date": "…"}`) so the state returns exactly. An
 * import is checked before anything is replaced: the store's fields are all there with the right
 * kinds, every person and clinic has what the sandbox reads from them, and personas point at
 * people who exist. A snapshot that fails a check is refused with every problem named.
 */
import type { PatientLine } from '../generators/population.ts';
import type { FieldError } from './errors.ts';
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

function revive(value: unknown, pointer: string, errors: FieldError[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => revive(v, `${pointer}/${i}`, errors));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === '$date') {
    const date = typeof obj.$date === 'string' ? new Date(obj.$date) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) errors.push({ pointer, message: 'is not a valid {"$date": ISO instant}' });
    return date;
  }
  if (keys.length === 1 && keys[0] === '$set') {
    if (!Array.isArray(obj.$set)) {
      errors.push({ pointer, message: '{"$set"} must hold an array' });
      return new Set();
    }
    return new Set(obj.$set.map((v, i) => revive(v, `${pointer}/$set/${i}`, errors)));
  }
  if (keys.length === 1 && keys[0] === '$map') {
    const entries = obj.$map;
    if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && e.length === 2)) {
      errors.push({ pointer, message: '{"$map"} must hold an array of [key, value] pairs' });
      return new Map();
    }
    return new Map(
      entries.map(([k, v], i) => [
        revive(k, `${pointer}/$map/${i}/0`, errors),
        revive(v, `${pointer}/$map/${i}/1`, errors),
      ]),
    );
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = revive(obj[key], `${pointer}/${key}`, errors);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What the sandbox reads from every person: checked so a bad snapshot fails here, not in a request. */
function checkPatient(id: unknown, line: unknown, pointer: string, errors: FieldError[]): void {
  if (!isObject(line) || line.type !== 'patient' || !isObject(line.patient) || !isObject(line.journal)) {
    errors.push({ pointer, message: 'is not a person of the population (type, patient, journal)' });
    return;
  }
  const p = line.patient;
  if (p.id !== id) errors.push({ pointer: `${pointer}/patient/id`, message: 'must equal the key it is stored under' });
  for (const field of ['cpr', 'name', 'birthDate'] as const) {
    if (typeof p[field] !== 'string')
      errors.push({ pointer: `${pointer}/patient/${field}`, message: 'must be a string' });
  }
  for (const field of ['children', 'custodians'] as const) {
    if (!Array.isArray(p[field])) errors.push({ pointer: `${pointer}/patient/${field}`, message: 'must be an array' });
  }
  if (typeof line.clinicId !== 'string') errors.push({ pointer: `${pointer}/clinicId`, message: 'must be a string' });
  for (const [key, list] of Object.entries(line.journal)) {
    if (!Array.isArray(list)) errors.push({ pointer: `${pointer}/journal/${key}`, message: 'must be an array' });
  }
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
    if (!isObject(clinic) || clinic.id !== id || !isObject(clinic.capabilities)) {
      errors.push({ pointer: `/state/clinics/${String(id)}`, message: 'is not a clinic (id, capabilities)' });
    }
  }
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
    personas.set(handle, { handle, patient: line as PatientLine });
  }
  if (errors.length > 0) throw new SnapshotError(errors.slice(0, 50));
  return { ...(revived as unknown as SandboxStore), personas };
}
