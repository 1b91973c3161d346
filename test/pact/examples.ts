// Example bodies of the journal contract for the pact tests, shaped by matchers: ids by their
// pattern, instants and dates by format, everything else by type, except the values the platform
// acts on (states, kinds, the service code), which are exact. The examples are the reference
// journal's own answers for its provider states, so the pact reads like real traffic.
import { MatchersV3 } from '@pact-foundation/pact';
import { cpr, day, id, instant, instantOrNull, integer, like, orNull, text, textOrNull } from './support.ts';

const { boolean } = MatchersV3;
/** A list of any length whose items each look like the template. */
export const listOf = <T>(template: T) => like([template]);

export const PATIENT_ID = 'pat_1OdQ0000';
export const CPR = '060992-9998';

export const address = { street: text('Slotsvej 93'), postalCode: like('6800'), town: text('Varde') };

export const clinic = {
  id: id('cln', 'cln_1OdQ0000'),
  name: text('Lægerne i Varde'),
  address: { street: text('Munkevej 82'), postalCode: like('6800'), town: text('Varde') },
  phone: text('46 39 60 02'),
  email: text('klinik@laegerneivarde.example'),
  openingHours: {
    weekly: listOf({ day: text('monday'), opens: like('08:30'), closes: like('16:00') }),
    closedDays: listOf({ date: day('2026-04-02'), reason: text('Skærtorsdag') }),
    holidays: listOf({
      from: day('2026-07-06'),
      to: day('2026-07-24'),
      substitute: {
        name: text('Læge Helle Pallesen'),
        address: { street: text('Østervang 13'), postalCode: like('6000'), town: text('Kolding') },
        phone: text('89 45 34 42'),
      },
    }),
  },
  capabilities: { attachments: boolean(false), videoConsultation: boolean(true), onlineBooking: boolean(true) },
  platformSharing: 'enabled',
};

export const custodyLink = {
  patientId: textOrNull('pat_1OdQ0001'),
  cpr: cpr('050414-9999'),
  name: text('Aksel Blom'),
  birthDate: day('2014-04-05'),
  custody: text('sole'),
};

export const patient = {
  id: id('pat', PATIENT_ID),
  cpr: cpr(CPR),
  name: text('Lillian Blom'),
  birthDate: day('1992-09-06'),
  sex: text('female'),
  addressProtected: boolean(false),
  phone: textOrNull('61 85 33 22'),
  email: textOrNull('lillian52@live.dk'),
  children: listOf(custodyLink),
  custodians: listOf(custodyLink),
};

export const consentGiven = {
  patientId: id('pat', PATIENT_ID),
  state: 'given',
  givenAt: instant('2025-06-02T09:12:00.000Z'),
  givenBy: { role: text('patient'), name: text('Lillian Blom') },
  withdrawnAt: null,
};

export const party = (role: string, name: string) => ({ role: text(role), name: text(name) });

export const appointment = (over: Record<string, unknown> = {}) => ({
  id: id('apt', 'apt_2026011512151OdQ0000'),
  startsAt: instant('2026-01-15T11:15:00.000Z'),
  endsAt: instant('2026-01-15T11:30:00.000Z'),
  kind: text('in-person'),
  status: text('completed'),
  practitioner: textOrNull('Læge Gry Bisgaard'),
  reason: textOrNull('Kontrol af blodtryk'),
  bookedBy: party('patient', 'Lillian Blom'),
  cancelledAt: instantOrNull(null),
  ...over,
});

export const attachmentMeta = {
  id: id('att', 'att_1OdQ0000j3'),
  fileName: text('udslaet.jpg'),
  contentType: text('image/jpeg'),
  sizeBytes: integer(125),
};

export const message = (over: Record<string, unknown> = {}) => ({
  id: id('msg', 'msg_1OdQ0000j1'),
  author: party('patient', 'Lillian Blom'),
  body: text('Jeg har hostet i tre uger og er træt. Skal jeg komme ind?'),
  sentAt: instant('2026-01-15T11:00:00.000Z'),
  attachments: listOf(attachmentMeta),
  ...over,
});

export const thread = (over: Record<string, unknown> = {}) => ({
  id: id('eco', 'eco_1OdQ0000j2'),
  patientId: id('pat', PATIENT_ID),
  subject: text('Hoste i tre uger'),
  status: text('awaiting-answer'),
  createdAt: instant('2026-01-15T11:00:00.000Z'),
  updatedAt: instant('2026-01-15T11:00:00.000Z'),
  messages: listOf(message()),
  ...over,
});

export const record = {
  patientId: id('pat', PATIENT_ID),
  asOf: '2026-01-15',
  feedSequence: integer(0),
  generatedAt: instant('2026-01-15T11:00:00.000Z'),
  diagnoses: listOf({
    id: id('dia', 'dia_1OdQ0000x0'),
    icpcCode: text('K86'),
    title: text('Forhøjet blodtryk uden organpåvirkning'),
    registeredAt: day('2019-03-11'),
    rule: text('B'),
  }),
  vaccinations: listOf({
    id: id('vac', 'vac_1OdQ0000x0'),
    vaccine: text('Comirnaty'),
    atcCode: textOrNull('J07BN01'),
    dose: orNull(1),
    givenOn: day('2021-07-31'),
    givenBy: textOrNull('Regionalt vaccinationscenter'),
  }),
  appointments: listOf(appointment()),
  referrals: listOf({
    id: id('ref', 'ref_1OdQ0000x0'),
    standard: text('REF01'),
    kind: text('specialist'),
    reason: text('Vedvarende knæsmerter'),
    receiver: { name: text('Ortopædkirurgisk Ambulatorium'), department: textOrNull('Sydvestjysk Sygehus') },
    status: text('sent'),
    issuedOn: day('2025-11-03'),
    validUntil: textOrNull('2026-05-03'),
  }),
  labResults: listOf({
    id: id('lab', 'lab_1OdQ0000x0'),
    npuCode: text('NPU27300'),
    name: text('HbA1c'),
    value: like(41),
    unit: textOrNull('mmol/mol'),
    referenceInterval: orNull({ lower: 20, upper: 48 }),
    abnormal: boolean(false),
    sampledAt: instant('2025-12-01T08:30:00.000Z'),
  }),
  medications: listOf({
    id: id('med', 'med_1OdQ0000x0'),
    atcCode: text('A10BJ06'),
    name: text('Wegovy'),
    activeIngredient: text('semaglutid'),
    strength: text('2,4 mg'),
    dosageText: text('2,4 mg under huden 1 gang ugentligt'),
    startDate: day('2025-11-14'),
    endDate: textOrNull(null),
  }),
  eConsultations: listOf(thread({ status: text('answered') })),
};
