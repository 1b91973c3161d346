/**
 * A patient line as JSON bytes, written by code that knows the line's shape: the keys, in the
 * order the generators create them, are copied in as ready-made bytes and every value is read by
 * name, where a generic serialiser would enumerate keys and dispatch on each value's type. That
 * makes serialising a patient about three times cheaper than `JSON.stringify` and encoding.
 *
 * The bytes are those of `JSON.stringify(line)`. Values are written as JSON.stringify writes them
 * (strings, numbers, null, and anything unexpected through the generic writer); where a value is
 * missing (undefined, which JSON.stringify would leave out with its key) the line is handed back,
 * and the caller writes it generically. What this writer cannot see is a key it does not know: a
 * field added to a generated record must be added here too, or a test comparing this writer with
 * JSON.stringify over thousands of generated lines fails.
 */

import { type AppView, type ExpectedExtract, type ItemIds, JOURNAL_CATEGORIES } from './expected-view.ts';
import { asciiBytes, type JsonBytes } from './json-bytes.ts';
import type { PatientLine, PopulationLine } from './population.ts';

/** Thrown (and caught below) where the line is not of the shape this writer knows. */
class NotThisShape extends Error {}
const NOT_THIS_SHAPE = new NotThisShape('not the known patient line shape');

/** The opening `{"a":` and the separators `,"b":`… of an object with these keys, as bytes. */
function keys<const K extends string>(...names: K[]): Uint8Array[] {
  return names.map((name, i) => asciiBytes(`${i === 0 ? '{' : ','}${JSON.stringify(name)}:`));
}

const NULL = asciiBytes('null');
const TRUE = asciiBytes('true');
const FALSE = asciiBytes('false');
const CLOSE = 0x7d; // }

type Writer<T> = (out: JsonBytes, value: T) => void;

/** Any value, as JSON.stringify writes it; a missing one is not this shape. */
function leaf(out: JsonBytes, value: unknown): void {
  if (typeof value === 'string') out.string(value);
  else if (value === null) out.raw(NULL);
  else if (typeof value === 'number') out.number(value);
  else if (typeof value === 'boolean') out.raw(value ? TRUE : FALSE);
  else if (!out.json(value)) throw NOT_THIS_SHAPE;
}

/** An object of a known shape, or whatever else stands there (null, say) as a leaf. */
function object<T>(out: JsonBytes, value: T, write: Writer<NonNullable<T>>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) write(out, value as NonNullable<T>);
  else leaf(out, value);
}

/** An array of items of a known shape. */
function list<T>(out: JsonBytes, items: readonly T[], write: Writer<T>): void {
  if (!Array.isArray(items)) {
    leaf(out, items);
    return;
  }
  out.byte(0x5b); // [
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.byte(0x2c); // ,
    const item = items[i];
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) write(out, item as T);
    else leaf(out, item);
  }
  out.byte(0x5d); // ]
}

/** An array of strings (ids). */
function strings(out: JsonBytes, items: readonly unknown[]): void {
  list(out, items, leaf);
}

type Patient = PatientLine['patient'];
type Journal = PatientLine['journal'];

const LINE = keys('type', 'index', 'synthetic', 'clinicId', 'household', 'patient', 'consent', 'journal', 'expected');
const HOUSEHOLD = keys('block', 'kind');
const PATIENT = keys(
  'id',
  'cpr',
  'name',
  'birthDate',
  'sex',
  'address',
  'addressProtected',
  'phone',
  'email',
  'children',
  'custodians',
);
const ADDRESS = keys('street', 'postalCode', 'town');
const RELATIVE = keys('patientId', 'cpr', 'name', 'birthDate', 'custody');
const CONSENT = keys('state', 'givenAt', 'withdrawnAt', 'lastActivityAt');
const CATEGORIES = keys(...JOURNAL_CATEGORIES);
const DIAGNOSIS = keys('id', 'icpcCode', 'title', 'registeredAt');
const VACCINATION = keys('id', 'vaccine', 'atcCode', 'dose', 'givenOn', 'givenBy');
const APPOINTMENT = keys(
  'id',
  'startsAt',
  'endsAt',
  'kind',
  'status',
  'practitioner',
  'reason',
  'bookedBy',
  'cancelledAt',
);
const ROLE_NAME = keys('role', 'name');
const REFERRAL = keys('id', 'standard', 'kind', 'reason', 'receiver', 'status', 'issuedOn', 'validUntil');
const RECEIVER = keys('name', 'department');
const LAB_RESULT = keys('id', 'npuCode', 'name', 'value', 'unit', 'referenceInterval', 'abnormal', 'sampledAt');
const INTERVAL = keys('lower', 'upper');
const MEDICATION = keys('id', 'atcCode', 'name', 'activeIngredient', 'strength', 'dosageText', 'startDate', 'endDate');
const E_CONSULTATION = keys('id', 'patientId', 'subject', 'status', 'createdAt', 'updatedAt', 'messages');
const MESSAGE = keys('id', 'author', 'body', 'sentAt', 'attachments');
const ATTACHMENT = keys('id', 'fileName', 'contentType', 'sizeBytes');
const EXPECTED = keys('extract', 'app');
const APP = keys('self', 'proxies');
const PROXY = keys('viewerId', 'view');
const VIEW = keys('categories');

/**
 * Appends the JSON of a patient line (the bytes of `JSON.stringify(line)`); false, with nothing
 * appended, if the line is not of the shape this writer knows.
 */
export function writePatientLine(out: JsonBytes, line: PatientLine): boolean {
  const start = out.length;
  try {
    patientLine(out, line);
    return true;
  } catch (error) {
    if (error !== NOT_THIS_SHAPE) throw error;
    out.length = start;
    return false;
  }
}

/** Appends the JSON of any population line: patients by shape, anything else generically. */
export function writeLine(out: JsonBytes, line: PopulationLine): void {
  if (line.type === 'patient' && writePatientLine(out, line)) return;
  out.json(line);
}

function patientLine(out: JsonBytes, line: PatientLine): void {
  const k = LINE;
  out.raw(k[0] as Uint8Array);
  leaf(out, line.type);
  out.raw(k[1] as Uint8Array);
  leaf(out, line.index);
  out.raw(k[2] as Uint8Array);
  leaf(out, line.synthetic);
  out.raw(k[3] as Uint8Array);
  leaf(out, line.clinicId);
  out.raw(k[4] as Uint8Array);
  object(out, line.household, household);
  out.raw(k[5] as Uint8Array);
  object(out, line.patient, patient);
  out.raw(k[6] as Uint8Array);
  object(out, line.consent, consent);
  out.raw(k[7] as Uint8Array);
  object(out, line.journal, journal);
  out.raw(k[8] as Uint8Array);
  object(out, line.expected, expected);
  out.byte(CLOSE);
}

/** Writes each fragment (`{"a":`, `,"b":`…) followed by its value as a leaf, then closes the object. */
function flat(out: JsonBytes, fragments: Uint8Array[], values: readonly unknown[]): void {
  for (let i = 0; i < fragments.length; i++) {
    out.raw(fragments[i] as Uint8Array);
    leaf(out, values[i]);
  }
  out.byte(CLOSE);
}

function household(out: JsonBytes, h: PatientLine['household']): void {
  out.raw(HOUSEHOLD[0] as Uint8Array);
  leaf(out, h.block);
  out.raw(HOUSEHOLD[1] as Uint8Array);
  leaf(out, h.kind);
  out.byte(CLOSE);
}

function patient(out: JsonBytes, p: Patient): void {
  const k = PATIENT;
  out.raw(k[0] as Uint8Array);
  leaf(out, p.id);
  out.raw(k[1] as Uint8Array);
  leaf(out, p.cpr);
  out.raw(k[2] as Uint8Array);
  leaf(out, p.name);
  out.raw(k[3] as Uint8Array);
  leaf(out, p.birthDate);
  out.raw(k[4] as Uint8Array);
  leaf(out, p.sex);
  out.raw(k[5] as Uint8Array);
  object(out, p.address, address);
  out.raw(k[6] as Uint8Array);
  leaf(out, p.addressProtected);
  out.raw(k[7] as Uint8Array);
  leaf(out, p.phone);
  out.raw(k[8] as Uint8Array);
  leaf(out, p.email);
  out.raw(k[9] as Uint8Array);
  list(out, p.children, relative);
  out.raw(k[10] as Uint8Array);
  list(out, p.custodians, relative);
  out.byte(CLOSE);
}

function address(out: JsonBytes, a: NonNullable<Patient['address']>): void {
  out.raw(ADDRESS[0] as Uint8Array);
  leaf(out, a.street);
  out.raw(ADDRESS[1] as Uint8Array);
  leaf(out, a.postalCode);
  out.raw(ADDRESS[2] as Uint8Array);
  leaf(out, a.town);
  out.byte(CLOSE);
}

function relative(out: JsonBytes, r: Patient['children'][number]): void {
  out.raw(RELATIVE[0] as Uint8Array);
  leaf(out, r.patientId);
  out.raw(RELATIVE[1] as Uint8Array);
  leaf(out, r.cpr);
  out.raw(RELATIVE[2] as Uint8Array);
  leaf(out, r.name);
  out.raw(RELATIVE[3] as Uint8Array);
  leaf(out, r.birthDate);
  out.raw(RELATIVE[4] as Uint8Array);
  leaf(out, r.custody);
  out.byte(CLOSE);
}

function consent(out: JsonBytes, c: PatientLine['consent']): void {
  out.raw(CONSENT[0] as Uint8Array);
  leaf(out, c.state);
  out.raw(CONSENT[1] as Uint8Array);
  leaf(out, c.givenAt);
  out.raw(CONSENT[2] as Uint8Array);
  leaf(out, c.withdrawnAt);
  out.raw(CONSENT[3] as Uint8Array);
  leaf(out, c.lastActivityAt);
  out.byte(CLOSE);
}

function journal(out: JsonBytes, j: Journal): void {
  const k = CATEGORIES;
  out.raw(k[0] as Uint8Array);
  list(out, j.diagnoses, diagnosis);
  out.raw(k[1] as Uint8Array);
  list(out, j.vaccinations, vaccination);
  out.raw(k[2] as Uint8Array);
  list(out, j.appointments, appointment);
  out.raw(k[3] as Uint8Array);
  list(out, j.referrals, referral);
  out.raw(k[4] as Uint8Array);
  list(out, j.labResults, labResult);
  out.raw(k[5] as Uint8Array);
  list(out, j.medications, medication);
  out.raw(k[6] as Uint8Array);
  list(out, j.eConsultations, eConsultation);
  out.byte(CLOSE);
}

function diagnosis(out: JsonBytes, d: Journal['diagnoses'][number]): void {
  out.raw(DIAGNOSIS[0] as Uint8Array);
  leaf(out, d.id);
  out.raw(DIAGNOSIS[1] as Uint8Array);
  leaf(out, d.icpcCode);
  out.raw(DIAGNOSIS[2] as Uint8Array);
  leaf(out, d.title);
  out.raw(DIAGNOSIS[3] as Uint8Array);
  leaf(out, d.registeredAt);
  out.byte(CLOSE);
}

function vaccination(out: JsonBytes, v: Journal['vaccinations'][number]): void {
  flat(out, VACCINATION, [v.id, v.vaccine, v.atcCode, v.dose, v.givenOn, v.givenBy]);
}

function appointment(out: JsonBytes, a: Journal['appointments'][number]): void {
  const k = APPOINTMENT;
  out.raw(k[0] as Uint8Array);
  leaf(out, a.id);
  out.raw(k[1] as Uint8Array);
  leaf(out, a.startsAt);
  out.raw(k[2] as Uint8Array);
  leaf(out, a.endsAt);
  out.raw(k[3] as Uint8Array);
  leaf(out, a.kind);
  out.raw(k[4] as Uint8Array);
  leaf(out, a.status);
  out.raw(k[5] as Uint8Array);
  leaf(out, a.practitioner);
  out.raw(k[6] as Uint8Array);
  leaf(out, a.reason);
  out.raw(k[7] as Uint8Array);
  object(out, a.bookedBy, roleName);
  out.raw(k[8] as Uint8Array);
  leaf(out, a.cancelledAt);
  out.byte(CLOSE);
}

function roleName(out: JsonBytes, r: { role: unknown; name: unknown }): void {
  out.raw(ROLE_NAME[0] as Uint8Array);
  leaf(out, r.role);
  out.raw(ROLE_NAME[1] as Uint8Array);
  leaf(out, r.name);
  out.byte(CLOSE);
}

function referral(out: JsonBytes, r: Journal['referrals'][number]): void {
  const k = REFERRAL;
  out.raw(k[0] as Uint8Array);
  leaf(out, r.id);
  out.raw(k[1] as Uint8Array);
  leaf(out, r.standard);
  out.raw(k[2] as Uint8Array);
  leaf(out, r.kind);
  out.raw(k[3] as Uint8Array);
  leaf(out, r.reason);
  out.raw(k[4] as Uint8Array);
  object(out, r.receiver, receiver);
  out.raw(k[5] as Uint8Array);
  leaf(out, r.status);
  out.raw(k[6] as Uint8Array);
  leaf(out, r.issuedOn);
  out.raw(k[7] as Uint8Array);
  leaf(out, r.validUntil);
  out.byte(CLOSE);
}

function receiver(out: JsonBytes, r: Journal['referrals'][number]['receiver']): void {
  out.raw(RECEIVER[0] as Uint8Array);
  leaf(out, r.name);
  out.raw(RECEIVER[1] as Uint8Array);
  leaf(out, r.department);
  out.byte(CLOSE);
}

function labResult(out: JsonBytes, r: Journal['labResults'][number]): void {
  const k = LAB_RESULT;
  out.raw(k[0] as Uint8Array);
  leaf(out, r.id);
  out.raw(k[1] as Uint8Array);
  leaf(out, r.npuCode);
  out.raw(k[2] as Uint8Array);
  leaf(out, r.name);
  out.raw(k[3] as Uint8Array);
  leaf(out, r.value);
  out.raw(k[4] as Uint8Array);
  leaf(out, r.unit);
  out.raw(k[5] as Uint8Array);
  object(out, r.referenceInterval, interval);
  out.raw(k[6] as Uint8Array);
  leaf(out, r.abnormal);
  out.raw(k[7] as Uint8Array);
  leaf(out, r.sampledAt);
  out.byte(CLOSE);
}

function interval(out: JsonBytes, i: { lower?: unknown; upper?: unknown }): void {
  out.raw(INTERVAL[0] as Uint8Array);
  leaf(out, i.lower);
  out.raw(INTERVAL[1] as Uint8Array);
  leaf(out, i.upper);
  out.byte(CLOSE);
}

function medication(out: JsonBytes, m: Journal['medications'][number]): void {
  flat(out, MEDICATION, [
    m.id,
    m.atcCode,
    m.name,
    m.activeIngredient,
    m.strength,
    m.dosageText,
    m.startDate,
    m.endDate,
  ]);
}

function eConsultation(out: JsonBytes, e: Journal['eConsultations'][number]): void {
  const k = E_CONSULTATION;
  out.raw(k[0] as Uint8Array);
  leaf(out, e.id);
  out.raw(k[1] as Uint8Array);
  leaf(out, e.patientId);
  out.raw(k[2] as Uint8Array);
  leaf(out, e.subject);
  out.raw(k[3] as Uint8Array);
  leaf(out, e.status);
  out.raw(k[4] as Uint8Array);
  leaf(out, e.createdAt);
  out.raw(k[5] as Uint8Array);
  leaf(out, e.updatedAt);
  out.raw(k[6] as Uint8Array);
  list(out, e.messages, message);
  out.byte(CLOSE);
}

type Message = Journal['eConsultations'][number]['messages'][number];

function message(out: JsonBytes, m: Message): void {
  const k = MESSAGE;
  out.raw(k[0] as Uint8Array);
  leaf(out, m.id);
  out.raw(k[1] as Uint8Array);
  object(out, m.author, roleName);
  out.raw(k[2] as Uint8Array);
  leaf(out, m.body);
  out.raw(k[3] as Uint8Array);
  leaf(out, m.sentAt);
  out.raw(k[4] as Uint8Array);
  list(out, m.attachments, attachment);
  out.byte(CLOSE);
}

function attachment(out: JsonBytes, a: Message['attachments'][number]): void {
  flat(out, ATTACHMENT, [a.id, a.fileName, a.contentType, a.sizeBytes]);
}

function expected(out: JsonBytes, e: PatientLine['expected']): void {
  out.raw(EXPECTED[0] as Uint8Array);
  object(out, e.extract, extract);
  out.raw(EXPECTED[1] as Uint8Array);
  object(out, e.app, app);
  out.byte(CLOSE);
}

/** Ids per category, or a refusal (written generically: it is small and rare). */
function extract(out: JsonBytes, x: ExpectedExtract | Record<string, unknown>): void {
  if ('problem' in x) {
    leaf(out, x);
    return;
  }
  itemIds(out, x as ItemIds);
}

function itemIds(out: JsonBytes, ids: Record<keyof ItemIds, unknown>): void {
  const k = CATEGORIES;
  out.raw(k[0] as Uint8Array);
  idsOrLeaf(out, ids.diagnoses);
  out.raw(k[1] as Uint8Array);
  idsOrLeaf(out, ids.vaccinations);
  out.raw(k[2] as Uint8Array);
  idsOrLeaf(out, ids.appointments);
  out.raw(k[3] as Uint8Array);
  idsOrLeaf(out, ids.referrals);
  out.raw(k[4] as Uint8Array);
  idsOrLeaf(out, ids.labResults);
  out.raw(k[5] as Uint8Array);
  idsOrLeaf(out, ids.medications);
  out.raw(k[6] as Uint8Array);
  idsOrLeaf(out, ids.eConsultations);
  out.byte(CLOSE);
}

/** A list of ids, or a category's refusal (`{ problem }`) as a leaf. */
function idsOrLeaf(out: JsonBytes, value: unknown): void {
  if (Array.isArray(value)) strings(out, value);
  else leaf(out, value);
}

function app(out: JsonBytes, a: PatientLine['expected']['app']): void {
  out.raw(APP[0] as Uint8Array);
  object(out, a.self, view);
  out.raw(APP[1] as Uint8Array);
  list(out, a.proxies, proxy);
  out.byte(CLOSE);
}

function proxy(out: JsonBytes, p: PatientLine['expected']['app']['proxies'][number]): void {
  out.raw(PROXY[0] as Uint8Array);
  leaf(out, p.viewerId);
  out.raw(PROXY[1] as Uint8Array);
  object(out, p.view, view);
  out.byte(CLOSE);
}

function view(out: JsonBytes, v: AppView): void {
  if (!('categories' in v)) {
    leaf(out, v);
    return;
  }
  out.raw(VIEW[0] as Uint8Array);
  object(out, v.categories as Record<keyof ItemIds, unknown>, itemIds);
  out.byte(CLOSE);
}
