/**
 * Diagnosis sharing: each patient of the conformance set is set up, given consent and read with
 * `getRecord?asOf=<the set's date>`; its diagnoses are compared item by item with the expected
 * extract, naming every over-shared and every missing diagnosis with its code, date and the rule
 * that decides it. A diagnosis id the set does not know is matched by code and date, so a journal
 * that gave imported items ids of its own is still judged by what it shared. The other categories
 * must be shared in full.
 */
import { JOURNAL_CATEGORIES, type JournalCategory } from '../../generators/expected-view.ts';
import type { ConformanceDiagnosis, ConformancePatient } from '../conformance-set.ts';
import type { Exchange } from '../journal-http.ts';
import { CheckFailed, type GroupDefinition, type VerifyContext } from '../kit.ts';
import { expectStatus, getRecord, preparePatient, registerConsent, withdrawConsent } from './support.ts';

interface SharedDiagnosis {
  id: string;
  icpcCode: string;
  registeredAt: string;
  rule?: string;
}

const describe = (d: ConformanceDiagnosis) => `${d.id} ${d.icpcCode} registered ${d.registeredAt} (${d.why})`;

/** Compares the shared diagnoses with the set's; answers the lines at fault. */
export function compareDiagnoses(p: ConformancePatient, shared: SharedDiagnosis[]): string[] {
  const byId = new Map(p.diagnoses.map((d) => [d.id, d]));
  const byCodeAndDate = new Map(p.diagnoses.map((d) => [`${d.icpcCode}@${d.registeredAt}`, d]));
  const seen = new Set<string>();
  const faults: string[] = [];
  for (const item of shared) {
    const known = byId.get(item.id) ?? byCodeAndDate.get(`${item.icpcCode}@${item.registeredAt}`);
    if (!known) {
      faults.push(
        `over-shared: ${item.id} ${item.icpcCode} registered ${item.registeredAt} is not in the patient's journal`,
      );
      continue;
    }
    if (seen.has(known.id)) {
      faults.push(`duplicated: ${describe(known)} is shared more than once`);
      continue;
    }
    seen.add(known.id);
    if (!known.shared) faults.push(`over-shared: ${describe(known)}`);
    else if (item.rule !== known.rule)
      faults.push(`wrong rule: ${known.id} ${known.icpcCode} is rule ${known.rule}, shared as ${String(item.rule)}`);
  }
  for (const d of p.diagnoses) if (d.shared && !seen.has(d.id)) faults.push(`missing: ${describe(d)}`);
  return faults;
}

const OTHER_CATEGORIES = JOURNAL_CATEGORIES.filter((c) => c !== 'diagnoses');

/** Compares every category but diagnoses with the set's, by id. */
function compareOthers(p: ConformancePatient, record: Record<string, unknown>): string[] {
  const faults: string[] = [];
  for (const category of OTHER_CATEGORIES) {
    const got = ((record[category] as { id: string }[] | undefined) ?? []).map((i) => i.id);
    const expected = p.expected.extract[category as JournalCategory];
    const missing = expected.filter((id) => !got.includes(id));
    const extra = got.filter((id) => !expected.includes(id));
    if (missing.length > 0) faults.push(`missing ${category}: ${missing.join(', ')}`);
    if (extra.length > 0) faults.push(`over-shared ${category} (not in the journal): ${extra.join(', ')}`);
  }
  return faults;
}

async function checkPatient(ctx: VerifyContext, p: ConformancePatient, checks: Parameters<GroupDefinition['run']>[1]) {
  const needs = `${ctx.states ? `provider state "conformance patient ${p.n}"` : 'the imported conformance patients'}, registerConsent, getRecord?asOf=${p.asOf}`;
  const diagnoses = {
    id: `patient-${p.n}-diagnoses`,
    name: `conformance patient ${p.n}, ${p.title}: diagnoses shared as the table says`,
    needs,
  };
  const others = {
    id: `patient-${p.n}-other-categories`,
    name: `conformance patient ${p.n}: every other category shared in full, as the contract shapes it`,
    needs,
  };
  let patientId: string | undefined;
  // Kept when the diagnoses are wrong too, so the other categories are still judged.
  let record: Exchange | undefined;
  await checks.run(diagnoses, async () => {
    patientId = await preparePatient(ctx, p.n);
    await registerConsent(ctx, patientId, p.patient.cpr);
    const e = await getRecord(ctx, patientId, p.asOf);
    if (e.status !== 200) expectStatus(e, 200, 'getRecord with consent');
    record = e;
    const body = e.body as Record<string, unknown>;
    const shared = Array.isArray(body.diagnoses) ? (body.diagnoses as SharedDiagnosis[]) : [];
    const faults = compareDiagnoses(p, shared);
    if (faults.length > 0) {
      const kinds = ['over-shared', 'missing', 'wrong rule', 'duplicated'].filter((k) =>
        faults.some((f) => f.startsWith(k)),
      );
      throw new CheckFailed(`${faults.length} diagnosis item(s) ${kinds.join(' and ')}`, faults);
    }
  });
  if (!record) {
    checks.skip(others, `needs "${diagnoses.name}" to read the record`);
  } else {
    const read = record;
    await checks.run(others, async () => {
      if (read.contractIssues.length > 0) {
        throw new CheckFailed('the record breaks the contract', read.contractIssues.slice(0, 10));
      }
      const faults = compareOthers(p, read.body as Record<string, unknown>);
      if (faults.length > 0) throw new CheckFailed('the record does not carry the journal in full', faults);
    });
  }
  // Leave the patient as found: without consent.
  if (patientId) await withdrawConsent(ctx, patientId).catch(() => undefined);
}

export const diagnosisSharing: GroupDefinition = {
  id: 'diagnosis-sharing',
  title: 'Diagnosis sharing',
  async run(ctx, checks) {
    for (const p of ctx.conformance) await checkPatient(ctx, p, checks);
    return undefined;
  },
};
