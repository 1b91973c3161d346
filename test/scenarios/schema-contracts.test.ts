// The scenario schema copies the bounds of the fields it hands to the fake journal and the app
// (string lengths, patterns, enums, number ranges) from the contracts. A field looser than its
// contract passes `scenario validate` and then fails at run time as the journal breaking its own
// contract (a lab result value of '' answered 503 journal-unavailable); this keeps them equal.
import { describe, expect, it } from 'vitest';
import { type ContractName, deref, loadContract, type OpenApiDocument } from '../../contracts/index.ts';
import { PROBLEM_KINDS } from '../../domain/problem-types.ts';
import { scenarioSchema } from '../../scenarios/check.ts';

type Schema = Record<string, unknown>;

const KEYS = ['minLength', 'maxLength', 'minimum', 'maximum', 'pattern'] as const;

/**
 * What a schema allows, as comparable bounds: its types without null (a contract's nullable field
 * is one the scenario may leave out), the keywords above, and its enum; the branches of a
 * oneOf or anyOf (`AtcCode | null`, `number | string`) merged.
 */
function boundsOf(doc: Schema, at: unknown): Schema {
  const schema = deref(doc as OpenApiDocument, at);
  const branches = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  const parts = branches ? branches.map((b) => deref(doc as OpenApiDocument, b)) : [schema];
  const out: Schema = {};
  const types = new Set<string>();
  for (const part of parts) {
    for (const type of [part.type ?? []].flat() as string[]) if (type !== 'null') types.add(type);
    for (const key of KEYS) if (part[key] !== undefined) out[key] = part[key];
    if (Array.isArray(part.enum)) out.enum = [...part.enum].filter((v) => v !== null).sort();
  }
  out.types = [...types].sort();
  return out;
}

const schemaAt = (doc: Schema, pointer: string): unknown => {
  let current: unknown = doc;
  for (const segment of pointer.split('/').slice(1)) current = (current as Schema)[segment];
  if (current === undefined) throw new Error(`nothing at ${pointer}`);
  return current;
};

const RECORDS = '/$defs/Records/properties';
const J = '/components/schemas';

/** Each copied field of the scenario schema, and where each contract has it. */
const COPIED: [scenario: string, contract: ContractName, pointer: string][] = [
  ['/$defs/Address/properties/street', 'platform-journal', `${J}/Address/properties/street`],
  ['/$defs/Address/properties/street', 'app-platform', `${J}/Address/properties/street`],
  ['/$defs/Address/properties/postalCode', 'platform-journal', `${J}/Address/properties/postalCode`],
  ['/$defs/Address/properties/postalCode', 'app-platform', `${J}/Address/properties/postalCode`],
  ['/$defs/Address/properties/town', 'platform-journal', `${J}/Address/properties/town`],
  ['/$defs/Address/properties/town', 'app-platform', `${J}/Address/properties/town`],
  ['/$defs/Region', 'app-platform', `${J}/Region`],
  ['/$defs/LocalTime', 'platform-journal', `${J}/WallClockTime`],
  ['/$defs/LocalTime', 'app-platform', `${J}/WallClockTime`],
  ['/$defs/Substitute/properties/name', 'platform-journal', `${J}/Substitute/properties/name`],
  ['/$defs/Substitute/properties/name', 'app-platform', `${J}/Substitute/properties/name`],
  ['/$defs/Substitute/properties/phone', 'platform-journal', `${J}/Phone`],
  ['/$defs/Substitute/properties/phone', 'app-platform', `${J}/Phone`],
  ['/$defs/Clinic/properties/name', 'platform-journal', `${J}/Clinic/properties/name`],
  ['/$defs/Clinic/properties/name', 'app-platform', `${J}/Clinic/properties/name`],
  ['/$defs/Clinic/properties/platformSharing', 'platform-journal', `${J}/Clinic/properties/platformSharing`],
  ['/$defs/Clinic/properties/hours/items/properties/day', 'platform-journal', `${J}/Weekday`],
  [
    '/$defs/Clinic/properties/closedDays/items/properties/reason',
    'platform-journal',
    `${J}/ClosedDay/properties/reason`,
  ],
  ['/$defs/Clinic/properties/closedDays/items/properties/reason', 'app-platform', `${J}/ClosedDay/properties/reason`],
  ['/$defs/Person/properties/name', 'platform-journal', `${J}/Patient/properties/name`],
  ['/$defs/Person/properties/name', 'app-platform', `${J}/Profile/properties/name`],
  ['/$defs/Person/properties/sex', 'platform-journal', `${J}/Sex`],
  ['/$defs/Person/properties/cpr', 'app-platform', `${J}/Cpr`],
  [`${RECORDS}/diagnoses/items/properties/title`, 'platform-journal', `${J}/Diagnosis/properties/title`],
  [`${RECORDS}/diagnoses/items/properties/title`, 'app-platform', `${J}/Diagnosis/properties/title`],
  [`${RECORDS}/vaccinations/items/properties/vaccine`, 'platform-journal', `${J}/Vaccination/properties/vaccine`],
  [`${RECORDS}/vaccinations/items/properties/vaccine`, 'app-platform', `${J}/Vaccination/properties/vaccine`],
  [`${RECORDS}/vaccinations/items/properties/atcCode`, 'platform-journal', `${J}/Vaccination/properties/atcCode`],
  [`${RECORDS}/vaccinations/items/properties/dose`, 'platform-journal', `${J}/Vaccination/properties/dose`],
  [`${RECORDS}/vaccinations/items/properties/dose`, 'app-platform', `${J}/Vaccination/properties/dose`],
  ['/$defs/LabResult/properties/npuCode', 'platform-journal', `${J}/LabResult/properties/npuCode`],
  ['/$defs/LabResult/properties/npuCode', 'app-platform', `${J}/LabResult/properties/npuCode`],
  ['/$defs/LabResult/properties/name', 'platform-journal', `${J}/LabResult/properties/name`],
  ['/$defs/LabResult/properties/name', 'app-platform', `${J}/LabResult/properties/name`],
  ['/$defs/LabResult/properties/value', 'platform-journal', `${J}/LabResult/properties/value`],
  ['/$defs/LabResult/properties/value', 'app-platform', `${J}/LabResult/properties/value`],
  ['/$defs/LabResult/properties/unit', 'platform-journal', `${J}/LabResult/properties/unit`],
  ['/$defs/LabResult/properties/unit', 'app-platform', `${J}/LabResult/properties/unit`],
  ['/$defs/LabResult/properties/lower', 'platform-journal', `${J}/ReferenceInterval/properties/lower`],
  ['/$defs/LabResult/properties/upper', 'app-platform', `${J}/ReferenceInterval/properties/upper`],
  [`${RECORDS}/medications/items/properties/atcCode`, 'platform-journal', `${J}/AtcCode`],
  [`${RECORDS}/medications/items/properties/name`, 'platform-journal', `${J}/Medication/properties/name`],
  [`${RECORDS}/medications/items/properties/name`, 'platform-journal', `${J}/Medication/properties/activeIngredient`],
  [`${RECORDS}/medications/items/properties/name`, 'app-platform', `${J}/MedicationItem/properties/name`],
  [`${RECORDS}/medications/items/properties/strength`, 'platform-journal', `${J}/Medication/properties/strength`],
  [`${RECORDS}/medications/items/properties/strength`, 'app-platform', `${J}/MedicationItem/properties/strength`],
  [`${RECORDS}/medications/items/properties/dosage`, 'platform-journal', `${J}/Medication/properties/dosageText`],
  [`${RECORDS}/medications/items/properties/dosage`, 'app-platform', `${J}/MedicationItem/properties/dosageText`],
  [`${RECORDS}/referrals/items/properties/kind`, 'platform-journal', `${J}/Referral/properties/kind`],
  [`${RECORDS}/referrals/items/properties/kind`, 'app-platform', `${J}/ReferralKind`],
  [`${RECORDS}/referrals/items/properties/reason`, 'platform-journal', `${J}/Referral/properties/reason`],
  [`${RECORDS}/referrals/items/properties/reason`, 'app-platform', `${J}/Referral/properties/reason`],
  [`${RECORDS}/referrals/items/properties/receiver`, 'platform-journal', `${J}/ReferralReceiver/properties/name`],
  [`${RECORDS}/referrals/items/properties/receiver`, 'app-platform', `${J}/Referral/properties/recipient`],
  [`${RECORDS}/appointments/items/properties/kind`, 'platform-journal', `${J}/AppointmentKind`],
  [`${RECORDS}/appointments/items/properties/kind`, 'app-platform', `${J}/AppointmentKind`],
  [`${RECORDS}/appointments/items/properties/reason`, 'platform-journal', `${J}/Appointment/properties/reason`],
  [`${RECORDS}/eConsultations/items/properties/subject`, 'platform-journal', `${J}/EConsultation/properties/subject`],
  [
    `${RECORDS}/eConsultations/items/properties/subject`,
    'app-platform',
    `${J}/CreateEConsultationRequest/properties/subject`,
  ],
  [`${RECORDS}/eConsultations/items/properties/body`, 'platform-journal', `${J}/Message/properties/body`],
  [`${RECORDS}/eConsultations/items/properties/body`, 'app-platform', `${J}/Message/properties/body`],
  ['/$defs/Event/allOf/0/then/properties/body', 'platform-journal', `${J}/Message/properties/body`],
  ['/$defs/Event/allOf/0/then/properties/author', 'platform-journal', `${J}/Party/properties/name`],
];

describe('the scenario schema against the contracts', () => {
  const scenario = scenarioSchema();
  const contracts = new Map<ContractName, Schema>();
  const contract = (name: ContractName) => {
    if (!contracts.has(name)) contracts.set(name, loadContract(name));
    return contracts.get(name) as Schema;
  };

  it.each(COPIED)('%s has the bounds of %s %s', (own, name, pointer) => {
    const doc = contract(name);
    expect(boundsOf(scenario, schemaAt(scenario, own))).toEqual(boundsOf(doc, schemaAt(doc, pointer)));
  });

  it('a lab result value: a number, or text of 1–50 characters, as both contracts say', () => {
    expect(boundsOf(scenario, schemaAt(scenario, '/$defs/LabResult/properties/value'))).toEqual({
      types: ['number', 'string'],
      minLength: 1,
      maxLength: 50,
    });
  });

  it('an expected problem is any kind of the catalogue both contracts list', () => {
    const problem = schemaAt(scenario, '/$defs/Answer/properties/problem') as { enum: string[] };
    expect([...problem.enum].sort()).toEqual([...PROBLEM_KINDS].sort());
  });
});
