/**
 * A scenario person's records: the file's items in the journal contract's shapes, with ids from
 * the person's own id factory (so they never collide with generated ones), put over or beside the
 * generated journal.
 */
import { icpc2TitleOf } from '../domain/sharing.ts';
import type { IdFactory, JournalContent, LabResult } from '../generators/context.ts';
import { JOURNAL_CATEGORIES } from '../generators/expected-view.ts';
import { DANISH_TITLES } from '../generators/records/diagnoses.ts';
import { dateOf, instantOf } from './time.ts';
import type { Category, LabResultSpec, RecordsSpec } from './types.ts';

const CATEGORIES: readonly Category[] = JOURNAL_CATEGORIES;

const REFERRAL_STANDARD = { imaging: 'XREF02', physiotherapy: 'XREF07' } as Record<string, string>;

/** Who a record names: the patient, their clinic and its doctors, and the people who may write for them. */
export interface RecordOwner {
  patientId: string;
  patientName: string;
  clinicName: string;
  doctors: string[];
  nameOf(handle: string): string;
}

/** A lab result of the file (or of a timeline event) without its id. */
export function labResultOf(spec: LabResultSpec, start: Date): Omit<LabResult, 'id'> {
  const hasInterval = spec.lower !== undefined || spec.upper !== undefined;
  const value = spec.value;
  const abnormal =
    typeof value === 'number' &&
    ((spec.lower !== undefined && value < spec.lower) || (spec.upper !== undefined && value > spec.upper));
  return {
    npuCode: spec.npuCode,
    name: spec.name,
    value: typeof value === 'number' ? value : String(value),
    unit: spec.unit ?? null,
    referenceInterval: hasInterval ? { lower: spec.lower ?? null, upper: spec.upper ?? null } : null,
    abnormal,
    sampledAt: instantOf(spec.sampled, start).toISOString(),
  };
}

/**
 * Applies a person's `records` to their journal: drops the generated items of the categories
 * `replace` names, adds the file's, and records each handle's id in `ids`.
 */
export function applyRecords(
  journal: JournalContent,
  spec: RecordsSpec | undefined,
  owner: RecordOwner,
  idFactory: IdFactory,
  start: Date,
  ids: Map<string, string>,
): void {
  if (!spec) return;
  const replaced = spec.replace === 'all' ? CATEGORIES : (spec.replace ?? []);
  for (const category of replaced) journal[category] = [];
  const id = (prefix: string, handle: string) => {
    const value = idFactory.next(prefix);
    ids.set(handle, value);
    return value;
  };
  const date = (text: string) => dateOf(text, start);
  const instant = (text: string) => instantOf(text, start).toISOString();

  for (const d of spec.diagnoses ?? []) {
    journal.diagnoses.push({
      id: id('dia', d.handle),
      icpcCode: d.code,
      title: d.title ?? DANISH_TITLES[d.code]?.[0] ?? icpc2TitleOf(d.code) ?? `ICPC-2 ${d.code}`,
      registeredAt: date(d.registered),
    });
  }
  for (const v of spec.vaccinations ?? []) {
    journal.vaccinations.push({
      id: id('vac', v.handle),
      vaccine: v.vaccine,
      atcCode: v.atcCode ?? null,
      dose: v.dose ?? null,
      givenOn: date(v.given),
      givenBy: owner.clinicName,
    });
  }
  for (const l of spec.labResults ?? []) journal.labResults.push({ id: id('lab', l.handle), ...labResultOf(l, start) });
  for (const m of spec.medications ?? []) {
    journal.medications.push({
      id: id('med', m.handle),
      atcCode: m.atcCode,
      name: m.name,
      activeIngredient: m.name,
      strength: m.strength ?? '1 stk.',
      dosageText: m.dosage ?? 'Efter aftale med lægen',
      startDate: date(m.started),
      endDate: m.ended === undefined ? null : date(m.ended),
    });
  }
  for (const r of spec.referrals ?? []) {
    journal.referrals.push({
      id: id('ref', r.handle),
      standard: REFERRAL_STANDARD[r.kind] ?? 'REF01',
      kind: r.kind,
      reason: r.reason,
      receiver: { name: r.receiver, department: null },
      status: 'sent',
      issuedOn: date(r.issued),
      validUntil: r.validUntil === undefined ? null : date(r.validUntil),
    });
  }
  for (const a of spec.appointments ?? []) {
    const starts = instantOf(a.starts, start);
    journal.appointments.push({
      id: id('apt', a.handle),
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + (a.minutes ?? 15) * 60_000).toISOString(),
      kind: a.kind ?? 'in-person',
      status: starts.getTime() > start.getTime() ? 'booked' : 'completed',
      practitioner: owner.doctors[0] ?? null,
      reason: a.reason ?? null,
      bookedBy: { role: 'clinic', name: owner.clinicName },
      cancelledAt: null,
    });
  }
  for (const e of spec.eConsultations ?? []) {
    const sent = instant(e.sent);
    journal.eConsultations.push({
      id: id('eco', e.handle),
      patientId: owner.patientId,
      subject: e.subject,
      status: 'awaiting-answer',
      createdAt: sent,
      updatedAt: sent,
      messages: [
        {
          id: idFactory.next('msg'),
          author:
            e.writtenBy === undefined
              ? { role: 'patient', name: owner.patientName }
              : { role: 'parent', name: owner.nameOf(e.writtenBy) },
          body: e.body,
          sentAt: sent,
          attachments: [],
        },
      ],
    });
  }
}
