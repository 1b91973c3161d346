/**
 * Referrals the GP has sent, as the journal keeps them: the MedCom standard they went with (REF01
 * for a referral to a specialist, hospital, psychologist or other, XREF02 for imaging, XREF07 for
 * physiotherapy), the kind, a Danish reason, the receiver, a status and the validity (six months,
 * the usual validity of a Danish referral; open-ended for municipal offers and dietitians).
 *
 * Referrals follow the profile: a new atrial fibrillation goes to cardiology, a knee
 * osteoarthrosis to a physiotherapist (GLA:D) or imaging, a depression to a psychologist, a
 * cancer to its hospital department (the Danish "pakkeforløb"). Most are recent, as the app shows
 * current referrals; older ones have run their course. Receivers are real Danish public hospitals
 * of the clinic's region and invented private practitioners; a referral is written on a day the
 * clinic is open. Shares per condition are APPROXIMATIONS chosen for realism.
 */

import type { Region } from '../../domain/regions.ts';
import { openDayOnOrBefore } from '../clinic-calendar.ts';
import type { RecordContext, Referral } from '../context.ts';
import { addMonthsToDay, type DayNumber, dayToIso, isoToDay } from '../day-calendar.ts';
import type { ClinicalProfile, ConditionKey } from './clinical-profile.ts';
import { pickWeighted, type WeightedTable, weightedTable } from './sampling.ts';
import { sortInPlace } from './sort.ts';

type Kind = Referral['kind'];
type Status = Referral['status'];

/** Who receives it. Hospital receivers name the department. */
type ReceiverKind =
  | 'hospital'
  | 'university'
  | 'diabetes-centre'
  | 'imaging'
  | 'physiotherapist'
  | 'psychologist'
  | 'dietitian'
  | 'municipality'
  | 'ophthalmologist'
  | 'dermatologist'
  | 'ent'
  | 'psychiatrist'
  | 'neurologist'
  | 'gynaecologist';

interface Template {
  readonly share: number;
  /** 'onset': issued at diagnosis; 'any': some time since (mostly recently). */
  readonly when: 'onset' | 'any';
  readonly kind: Kind;
  readonly receiver: ReceiverKind;
  readonly department: string | null;
  readonly reasons: readonly string[];
  readonly minAge: number;
  readonly maxAge: number;
}

function t(
  share: number,
  when: 'onset' | 'any',
  kind: Kind,
  receiver: ReceiverKind,
  department: string | null,
  reasons: readonly string[],
  ages: readonly [number, number] = [0, 200],
): Template {
  return Object.freeze({
    share,
    when,
    kind,
    receiver,
    department,
    reasons: Object.freeze([...reasons]),
    minAge: ages[0],
    maxAge: ages[1],
  });
}

const CARDIOLOGY = 'Kardiologisk Afdeling';
const LUNGS = 'Lungemedicinsk Afdeling';
const ENDOCRINOLOGY = 'Endokrinologisk Afdeling';
const RHEUMATOLOGY = 'Reumatologisk Afdeling';
const ORTHOPAEDICS = 'Ortopædkirurgisk Afdeling';
const SURGERY = 'Kirurgisk Afdeling';
const UROLOGY = 'Urologisk Afdeling';
const BREAST = 'Brystkirurgisk Afdeling';
const NEUROLOGY = 'Neurologisk Afdeling';
const VASCULAR = 'Karkirurgisk Afdeling';
const GASTRO = 'Medicinsk Gastroenterologisk Afdeling';
const RADIOLOGY = 'Radiologisk Afdeling';
const PAEDIATRICS = 'Børne- og Ungeafdeling';

// biome-ignore format: a table
const TEMPLATES: Readonly<Partial<Record<ConditionKey, readonly Template[]>>> = Object.freeze({
  osteoarthrosisKnee: [
    t(0.35, 'any', 'physiotherapy', 'physiotherapist', null, ['Knæartrose, ønskes GLA:D-forløb', 'Knæsmerter ved artrose, træning og vejledning']),
    t(0.2, 'onset', 'imaging', 'imaging', RADIOLOGY, ['Røntgen af knæ, mistanke om artrose']),
    t(0.08, 'any', 'hospital', 'hospital', ORTHOPAEDICS, ['Svær knæartrose trods træning, vurdering mhp. knæalloplastik'], [55, 200]),
  ],
  osteoarthrosisHip: [
    t(0.35, 'any', 'physiotherapy', 'physiotherapist', null, ['Hofteartrose, ønskes GLA:D-forløb', 'Hoftesmerter ved artrose, træning']),
    t(0.2, 'onset', 'imaging', 'imaging', RADIOLOGY, ['Røntgen af hofte, mistanke om artrose']),
    t(0.1, 'any', 'hospital', 'hospital', ORTHOPAEDICS, ['Svær hofteartrose, vurdering mhp. hoftealloplastik'], [55, 200]),
  ],
  osteoarthrosisOther: [
    t(0.15, 'any', 'physiotherapy', 'physiotherapist', null, ['Artrose i hænderne, træning og vejledning']),
  ],
  lowBackComplaint: [
    t(0.3, 'onset', 'physiotherapy', 'physiotherapist', null, ['Lændesmerter, træning og vejledning', 'Akutte lændesmerter, behandling']),
    t(0.05, 'onset', 'imaging', 'imaging', RADIOLOGY, ['MR-scanning af lænderyg, udstrålende smerter til benet'], [18, 200]),
  ],
  shoulderSyndrome: [
    t(0.35, 'onset', 'physiotherapy', 'physiotherapist', null, ['Skuldersmerter, træning', 'Impingement i skulderen, genoptræning']),
    t(0.1, 'onset', 'imaging', 'imaging', RADIOLOGY, ['Ultralydsscanning af skulder, mistanke om impingement']),
  ],
  atrialFibrillation: [
    t(0.6, 'onset', 'hospital', 'hospital', CARDIOLOGY, ['Nyopdaget atrieflimren, ønskes vurderet mhp. ekkokardiografi og behandling']),
  ],
  heartFailure: [
    t(0.7, 'onset', 'hospital', 'hospital', CARDIOLOGY, ['Mistanke om hjertesvigt, forhøjet NT-proBNP, ønskes ekkokardiografi']),
  ],
  ischaemicHeartDisease: [
    t(0.6, 'onset', 'hospital', 'hospital', CARDIOLOGY, ['Brystsmerter ved anstrengelse, mistanke om angina pectoris']),
  ],
  transientIschaemicAttack: [
    t(0.6, 'onset', 'hospital', 'hospital', NEUROLOGY, ['Forbigående lammelse af venstre arm, mistanke om TCI, ønskes akut udredning']),
  ],
  diabetesType2: [
    t(0.4, 'any', 'specialist', 'ophthalmologist', null, ['Type 2-diabetes, øjenscreening']),
    t(0.15, 'onset', 'other', 'dietitian', null, ['Nydiagnosticeret type 2-diabetes, kostvejledning']),
    t(0.1, 'onset', 'hospital', 'diabetes-centre', null, ['Nydiagnosticeret type 2-diabetes, ønskes vurderet']),
  ],
  diabetesType1: [
    t(0.5, 'onset', 'hospital', 'diabetes-centre', null, ['Nyopdaget type 1-diabetes, ønskes vurderet og behandlet']),
    t(0.3, 'any', 'specialist', 'ophthalmologist', null, ['Type 1-diabetes, øjenscreening'], [12, 200]),
  ],
  copd: [
    t(0.3, 'onset', 'hospital', 'hospital', LUNGS, ['Mistanke om KOL, ønskes lungefunktionsundersøgelse og vurdering']),
    t(0.3, 'onset', 'imaging', 'imaging', RADIOLOGY, ['Røntgen af thorax, langvarig hoste hos ryger']),
    t(0.25, 'any', 'other', 'municipality', 'Rehabilitering', ['KOL, henvises til rehabiliteringsforløb']),
  ],
  asthma: [
    t(0.1, 'onset', 'hospital', 'hospital', LUNGS, ['Astma, ønskes allergiudredning', 'Astma trods behandling, ønskes vurdering']),
  ],
  depression: [
    t(0.35, 'any', 'psychologist', 'psychologist', null, ['Let til moderat depression, henvises til psykologbehandling']),
    t(0.08, 'onset', 'specialist', 'psychiatrist', null, ['Depression uden effekt af behandling, ønskes psykiatrisk vurdering'], [18, 200]),
  ],
  anxiety: [
    t(0.35, 'any', 'psychologist', 'psychologist', null, ['Angst, henvises til psykologbehandling', 'Panikangst, henvises til psykolog']),
  ],
  rheumatoidArthritis: [
    t(0.7, 'onset', 'hospital', 'hospital', RHEUMATOLOGY, ['Mistanke om leddegigt, hævede fingerled og forhøjet CRP']),
  ],
  osteoporosis: [
    t(0.6, 'onset', 'imaging', 'imaging', 'Osteoporoseklinik', ['DXA-skanning, mistanke om osteoporose', 'Lavenergibrud, ønskes DXA-skanning']),
  ],
  thyrotoxicosis: [
    t(0.6, 'onset', 'hospital', 'hospital', ENDOCRINOLOGY, ['Thyreotoksikose, ønskes udredning og behandling']),
  ],
  cancerBreast: [
    t(0.9, 'onset', 'hospital', 'university', BREAST, ['Knude i brystet, henvises til pakkeforløb for brystkræft']),
  ],
  cancerProstate: [
    t(0.9, 'onset', 'hospital', 'hospital', UROLOGY, ['Forhøjet PSA, mistanke om prostatakræft, pakkeforløb']),
  ],
  cancerColorectal: [
    t(0.9, 'onset', 'hospital', 'hospital', SURGERY, ['Blod i afføringen og jernmangelanæmi, pakkeforløb for kræft i tyk- og endetarm']),
  ],
  cancerLung: [
    t(0.9, 'onset', 'hospital', 'university', LUNGS, ['Mistanke om lungekræft, pakkeforløb']),
  ],
  cancerBladder: [
    t(0.8, 'onset', 'hospital', 'hospital', UROLOGY, ['Synligt blod i urinen, pakkeforløb for blærekræft']),
  ],
  cancerSkin: [
    t(0.7, 'onset', 'specialist', 'dermatologist', null, ['Pigmenteret hudforandring, mistanke om modermærkekræft', 'Sår der ikke heler, mistanke om basalcellekarcinom']),
  ],
  prostaticHyperplasia: [
    t(0.15, 'any', 'hospital', 'hospital', UROLOGY, ['Vandladningsgener, prostataforstørrelse, ønskes vurdering']),
  ],
  varicoseVeins: [
    t(0.15, 'any', 'hospital', 'hospital', VASCULAR, ['Åreknuder med gener, ønskes vurdering mhp. behandling']),
  ],
  benignNeoplasmDigestive: [
    t(0.5, 'onset', 'hospital', 'hospital', SURGERY, ['Kontrolkoloskopi efter fjernelse af polyp']),
  ],
  oesophagusDisease: [
    t(0.05, 'any', 'hospital', 'hospital', GASTRO, ['Refluks trods behandling, ønskes gastroskopi'], [18, 200]),
  ],
  dermatitis: [
    t(0.06, 'any', 'specialist', 'dermatologist', null, ['Atopisk eksem, behandlingskrævende trods creme']),
  ],
  psoriasis: [
    t(0.25, 'any', 'specialist', 'dermatologist', null, ['Psoriasis, ønskes vurdering mhp. behandling']),
  ],
  acne: [
    t(0.1, 'any', 'specialist', 'dermatologist', null, ['Svær akne, ønskes vurdering mhp. behandling']),
  ],
  otitisMedia: [
    t(0.15, 'onset', 'specialist', 'ent', null, ['Gentagne mellemørebetændelser, ønskes vurdering mhp. dræn'], [0, 10]),
  ],
  tonsillitis: [
    t(0.08, 'onset', 'specialist', 'ent', null, ['Gentagne halsbetændelser, ønskes vurdering mhp. tonsillektomi']),
  ],
  sinusitis: [
    t(0.05, 'onset', 'specialist', 'ent', null, ['Langvarig bihulebetændelse, ønskes vurdering']),
  ],
  migraine: [
    t(0.05, 'any', 'specialist', 'neurologist', null, ['Hyppig migræne trods forebyggende behandling, ønskes neurologisk vurdering'], [15, 200]),
  ],
  obesity: [
    t(0.1, 'any', 'other', 'dietitian', null, ['Overvægt, ønskes kostvejledning']),
  ],
  menopausalComplaint: [
    t(0.1, 'any', 'specialist', 'gynaecologist', null, ['Klimakterielle gener, ønskes vurdering mhp. behandling']),
  ],
  tobaccoAbuse: [
    t(0.3, 'any', 'other', 'municipality', 'Rygestop', ['Ønsker rygestop, henvises til rygestopforløb']),
  ],
});

interface RegionHospitals {
  readonly university: string;
  readonly hospitals: readonly string[];
  readonly diabetesCentre: string;
}

// biome-ignore format: a table
export const HOSPITALS: Readonly<Record<Region, RegionHospitals>> = Object.freeze({
  hovedstaden: { university: 'Rigshospitalet', hospitals: ['Herlev og Gentofte Hospital', 'Bispebjerg og Frederiksberg Hospitaler', 'Amager og Hvidovre Hospital', 'Nordsjællands Hospital'], diabetesCentre: 'Steno Diabetes Center Copenhagen' },
  sjaelland: { university: 'Sjællands Universitetshospital', hospitals: ['Holbæk Sygehus', 'Slagelse Sygehus', 'Næstved Sygehus', 'Nykøbing F. Sygehus'], diabetesCentre: 'Steno Diabetes Center Sjælland' },
  syddanmark: { university: 'Odense Universitetshospital', hospitals: ['Sygehus Lillebælt, Vejle', 'Sygehus Lillebælt, Kolding', 'Sydvestjysk Sygehus, Esbjerg', 'Sygehus Sønderjylland, Aabenraa'], diabetesCentre: 'Steno Diabetes Center Odense' },
  midtjylland: { university: 'Aarhus Universitetshospital', hospitals: ['Regionshospitalet Gødstrup', 'Regionshospitalet Randers', 'Regionshospitalet Viborg', 'Regionshospitalet Horsens'], diabetesCentre: 'Steno Diabetes Center Aarhus' },
  nordjylland: { university: 'Aalborg Universitetshospital', hospitals: ['Regionshospital Nordjylland, Hjørring', 'Aalborg Universitetshospital, Thisted'], diabetesCentre: 'Steno Diabetes Center Nordjylland' },
});

// Invented practitioners: common Danish first names and surnames, never a real register.
const FIRST_NAMES: readonly string[] = Object.freeze([
  'Anne',
  'Mette',
  'Hanne',
  'Susanne',
  'Lene',
  'Marianne',
  'Camilla',
  'Louise',
  'Maria',
  'Sofie',
  'Peter',
  'Jens',
  'Lars',
  'Michael',
  'Henrik',
  'Søren',
  'Thomas',
  'Morten',
  'Jesper',
  'Anders',
]);
const SURNAMES: readonly string[] = Object.freeze([
  'Holm',
  'Lund',
  'Kjær',
  'Bach',
  'Dam',
  'Krog',
  'Frost',
  'Berg',
  'Vestergaard',
  'Bruun',
  'Nørgaard',
  'Mikkelsen',
  'Dahl',
  'Winther',
  'Lauridsen',
  'Skov',
  'Juhl',
  'Toft',
  'Bech',
  'Mølgaard',
]);
const PHYSIOTHERAPY_CLINICS: readonly string[] = Object.freeze([
  'Fysioterapien ved Torvet',
  'Fysio & Træning',
  'Klinik for Fysioterapi og Træning',
  'Fysioterapeuterne i Centrum',
]);
const SPECIALIST_TITLES: Readonly<Record<string, string>> = Object.freeze({
  ophthalmologist: 'Øjenlæge',
  dermatologist: 'Hudlæge',
  ent: 'Øre-næse-halslæge',
  psychiatrist: 'Psykiater',
  neurologist: 'Neurolog',
  gynaecologist: 'Gynækolog',
  psychologist: 'Psykolog',
  dietitian: 'Klinisk diætist',
  physiotherapist: 'Fysioterapeut',
});

const ONSET_WINDOW_DAYS = 730;
const ANY_WINDOW_DAYS = 540;
const CHILD_AGE = 15;
// Referrals for no coded condition (a mole, poor eyesight), for adults.
const STRAY_SHARE = 0.05;
const STRAY: readonly Template[] = Object.freeze([
  t(1, 'any', 'specialist', 'dermatologist', null, ['Modermærke i forandring, ønskes vurdering']),
  t(1, 'any', 'specialist', 'ophthalmologist', null, ['Tiltagende synsnedsættelse, ønskes vurdering']),
  t(1, 'any', 'imaging', 'imaging', RADIOLOGY, ['Ultralydsscanning af abdomen, smerter under højre kurvatur']),
  t(1, 'any', 'specialist', 'ent', null, ['Nedsat hørelse, ønskes høreprøve og vurdering']),
]);

/** The clinic's last open day on or before `day` (within a month; else the day itself). */
function writtenOn(ctx: RecordContext, day: DayNumber): DayNumber {
  return openDayOnOrBefore(ctx.clinic.calendar, day, day - 31) ?? day;
}

/**
 * The patient's referrals, sorted by `issuedOn`.
 * @example generateReferrals(ctx, profile) // [{ standard: 'XREF07', kind: 'physiotherapy', reason: 'Knæartrose, ønskes GLA:D-forløb', … }]
 */
export function generateReferrals(ctx: RecordContext, profile: ClinicalProfile): Referral[] {
  const { rng } = ctx;
  const { todayDay } = profile;
  const age = ctx.patient.ageYears;
  const region = HOSPITALS[ctx.clinic.region];
  const out: Referral[] = [];

  for (const condition of profile.conditions) {
    const templates = TEMPLATES[condition.key];
    if (templates === undefined) continue;
    for (const template of templates) {
      if (age < template.minAge || age > template.maxAge || !rng.chance(template.share)) continue;
      let issued: DayNumber;
      if (template.when === 'onset') {
        issued = condition.onsetDay + rng.int(0, 14);
        if (issued < todayDay - ONSET_WINDOW_DAYS) continue;
      } else {
        // Mostly recent: the square of a uniform number leans towards the reference date.
        const earliest = Math.max(condition.onsetDay, todayDay - ANY_WINDOW_DAYS);
        const u = rng.next();
        issued = todayDay - Math.floor((todayDay - earliest) * u * u);
      }
      if (issued > todayDay) issued = todayDay;
      out.push(referral(ctx, template, region, writtenOn(ctx, issued), todayDay, age));
    }
  }
  if (age >= 18 && rng.chance(STRAY_SHARE)) {
    const u = rng.next();
    const issued = todayDay - Math.floor(ANY_WINDOW_DAYS * u * u);
    out.push(referral(ctx, rng.pick(STRAY), region, writtenOn(ctx, Math.max(issued, profile.birthDay)), todayDay, age));
  }
  sortInPlace(out, byIssued);
  return out;
}

function referral(
  ctx: RecordContext,
  template: Template,
  region: RegionHospitals,
  issuedDay: DayNumber,
  todayDay: DayNumber,
  age: number,
): Referral {
  const { rng } = ctx;
  const openEnded = template.receiver === 'municipality' || template.receiver === 'dietitian';
  // Valid for six calendar months, to the day (clamped to the month's end).
  const validUntilDay = openEnded ? null : addMonthsToDay(issuedDay, 6);
  const reason = template.reasons.length === 1 ? (template.reasons[0] as string) : rng.pick(template.reasons);
  return {
    id: ctx.ids.next('ref'),
    standard: template.kind === 'imaging' ? 'XREF02' : template.kind === 'physiotherapy' ? 'XREF07' : 'REF01',
    kind: template.kind,
    reason,
    receiver: receiverOf(ctx, template, region, age),
    status: statusOf(ctx, todayDay - issuedDay, validUntilDay !== null && validUntilDay < todayDay),
    issuedOn: dayToIso(issuedDay),
    validUntil: validUntilDay === null ? null : dayToIso(validUntilDay),
  };
}

// A patient chases a referral from two to ten weeks after it was written; a fast-track one (a
// cancer pakkeforløb, an acute work-up) is seen within days, so nobody waits weeks to chase it.
const CHASED_FROM_DAYS = 14;
const CHASED_UNTIL_DAYS = 70;
const FAST_TRACK = /pakkeforløb|akut/;

const NO_DAYS: readonly DayNumber[] = Object.freeze([]);

/** The days the referrals were written, as day numbers (for `chasedReferral`). */
export function issuedDays(referrals: readonly Referral[]): readonly DayNumber[] {
  return referrals.length === 0 ? NO_DAYS : referrals.map((r) => isoToDay(r.issuedOn));
}

/**
 * The latest referral written two to ten weeks before `day` that a patient would chase, or
 * undefined. `referrals` is sorted by `issuedOn`, as generateReferrals returns them, and `issued`
 * is their `issuedDays`.
 */
export function chasedReferral(
  referrals: readonly Referral[],
  issued: readonly DayNumber[],
  day: DayNumber,
): Referral | undefined {
  for (let i = referrals.length - 1; i >= 0; i--) {
    const on = issued[i] as DayNumber;
    if (on > day - CHASED_FROM_DAYS) continue;
    if (on < day - CHASED_UNTIL_DAYS) return undefined;
    const r = referrals[i] as Referral;
    if (!FAST_TRACK.test(r.reason)) return r;
  }
  return undefined;
}

/**
 * Where a patient says a referral sent them, from the referral as written: 'fysioterapeut',
 * 'hudlæge', 'røntgen på Holbæk Sygehus', 'kardiologisk afdeling på Rigshospitalet'.
 */
export function referredTo(r: Referral): string {
  const { name, department } = r.receiver;
  switch (r.kind) {
    case 'physiotherapy':
      return 'fysioterapeut';
    case 'psychologist':
      return 'psykolog';
    case 'imaging':
      return `${r.reason.startsWith('Røntgen') ? 'røntgen' : 'scanning'} på ${name}`;
    case 'specialist': {
      // 'Hudlæge Anne Holm': the title.
      const space = name.indexOf(' ');
      return (space < 0 ? name : name.slice(0, space)).toLowerCase();
    }
    case 'hospital':
      return department === null ? name : `${department.toLowerCase()} på ${name}`;
    default:
      // A dietitian ('Klinisk diætist …') or the municipality's offer ('Rygestop').
      return department === null ? 'diætist' : `${department.toLowerCase()} i kommunen`;
  }
}

function receiverOf(
  ctx: RecordContext,
  template: Template,
  region: RegionHospitals,
  age: number,
): { name: string; department: string | null } {
  const { rng } = ctx;
  switch (template.receiver) {
    case 'university':
      return { name: region.university, department: age < CHILD_AGE ? PAEDIATRICS : template.department };
    case 'hospital':
    case 'imaging': {
      const name = rng.chance(0.4) ? region.university : rng.pick(region.hospitals);
      const department = template.receiver === 'hospital' && age < CHILD_AGE ? PAEDIATRICS : template.department;
      return { name, department };
    }
    case 'diabetes-centre':
      return { name: region.diabetesCentre, department: null };
    case 'municipality':
      return { name: 'Kommunens Sundhedscenter', department: template.department };
    case 'physiotherapist':
      if (rng.chance(0.5)) return { name: rng.pick(PHYSIOTHERAPY_CLINICS), department: null };
      return { name: personName(ctx, 'physiotherapist'), department: null };
    default:
      return { name: personName(ctx, template.receiver), department: null };
  }
}

function personName(ctx: RecordContext, receiver: ReceiverKind): string {
  return `${SPECIALIST_TITLES[receiver] ?? 'Speciallæge'} ${ctx.rng.pick(FIRST_NAMES)} ${ctx.rng.pick(SURNAMES)}`;
}

/** Where a referral stands after `age` days: on its way, booked, used, or lapsed. */
function statusOf(ctx: RecordContext, ageDays: number, lapsed: boolean): Status {
  const { rng } = ctx;
  if (lapsed) return pickWeighted(rng, LAPSED);
  if (ageDays <= 3) return rng.chance(0.7) ? 'sent' : 'received';
  if (ageDays <= 21) return pickWeighted(rng, FRESH);
  return pickWeighted(rng, UNDER_WAY);
}

const LAPSED: WeightedTable<Status> = weightedTable<Status>([
  ['completed', 0.8],
  ['expired', 0.15],
  ['rejected', 0.05],
]);
const FRESH: WeightedTable<Status> = weightedTable<Status>([
  ['received', 0.55],
  ['booked', 0.4],
  ['rejected', 0.05],
]);
const UNDER_WAY: WeightedTable<Status> = weightedTable<Status>([
  ['booked', 0.45],
  ['completed', 0.45],
  ['received', 0.05],
  ['rejected', 0.05],
]);

// ISO dates compare as strings.
function byIssued(a: Referral, b: Referral): number {
  return a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0;
}
