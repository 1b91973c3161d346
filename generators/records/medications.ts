/**
 * The patient's medication as the shared medication card (FMK) shows it to the app: long-term
 * treatment for the profile's conditions (started after the diagnosis, some since ended), short
 * courses around episodes (antibiotics, pain relief) and the odd course anyone gets.
 *
 * ATC codes are those of DOMAIN.md plus others from the WHO ATC index that general practice uses
 * daily. Product names are Danish-market style (a brand, or a generic with the firm in quotes as
 * on Danish packs); strengths and dosage texts are written as FMK shows them. Treatment shares
 * per condition are APPROXIMATIONS of Danish practice (guideline first choices dominate), chosen
 * for realism, not taken from prescription statistics.
 */
import type { Medication, RecordContext } from '../context.ts';
import { type DayNumber, dayToIso } from '../day-calendar.ts';
import type { Anticoagulant, ClinicalProfile, Condition, ConditionKey } from './clinical-profile.ts';
import { sortInPlace } from './sort.ts';

interface Drug {
  readonly atc: string;
  /** Drugs of one group are not combined long-term (two beta blockers, an ACE inhibitor with an ARB). */
  readonly group: string;
  readonly name: string;
  readonly ingredient: string;
  readonly strength: string;
  readonly dosage: string;
}

function drug(atc: string, name: string, ingredient: string, strength: string, dosage: string): Drug {
  // The ATC chemical subgroup (5 characters), except that all renin-angiotensin agents are one
  // group: dual blockade is not used.
  const group = atc.startsWith('C09') ? 'C09' : atc.slice(0, 5);
  return Object.freeze({ atc, group, name, ingredient, strength, dosage });
}

const ONE_DAILY = '1 tablet 1 gang daglig';

// biome-ignore format: one product per line reads as a formulary
const D = Object.freeze({
  amlodipine5: drug('C08CA01', 'Amlodipin "Krka"', 'amlodipin', '5 mg', ONE_DAILY),
  amlodipine10: drug('C08CA01', 'Norvasc', 'amlodipin', '10 mg', ONE_DAILY),
  losartan50: drug('C09CA01', 'Losartan "Krka"', 'losartan', '50 mg', ONE_DAILY),
  losartan100: drug('C09CA01', 'Cozaar', 'losartan', '100 mg', ONE_DAILY),
  ramipril5: drug('C09AA05', 'Ramipril "Actavis"', 'ramipril', '5 mg', ONE_DAILY),
  ramipril10: drug('C09AA05', 'Triatec', 'ramipril', '10 mg', ONE_DAILY),
  enalapril10: drug('C09AA02', 'Enalapril "Actavis"', 'enalapril', '10 mg', '1 tablet 2 gange daglig'),
  candesartan8: drug('C09CA06', 'Candesartan "Krka"', 'candesartan', '8 mg', ONE_DAILY),
  bendroflumethiazide: drug('C03AB01', 'Centyl mite med kaliumklorid', 'bendroflumethiazid og kaliumklorid', '1,25 mg + 573 mg', '1 tablet om morgenen'),
  furosemide40: drug('C03CA01', 'Furix', 'furosemid', '40 mg', '1 tablet om morgenen'),
  spironolactone25: drug('C03DA01', 'Spiron', 'spironolacton', '25 mg', ONE_DAILY),
  metoprolol50: drug('C07AB02', 'Selo-Zok', 'metoprolol', '50 mg', '1 depottablet 1 gang daglig'),
  metoprolol100: drug('C07AB02', 'Selo-Zok', 'metoprolol', '100 mg', '1 depottablet 1 gang daglig'),
  bisoprolol2: drug('C07AB07', 'Emconcor', 'bisoprolol', '2,5 mg', ONE_DAILY),
  bisoprolol5: drug('C07AB07', 'Emconcor', 'bisoprolol', '5 mg', ONE_DAILY),
  digoxin: drug('C01AA05', 'Lanoxin', 'digoxin', '62,5 mikrogram', ONE_DAILY),
  nitroglycerin: drug('C01DA02', 'Nitroglycerin "DAK"', 'glyceryltrinitrat', '0,5 mg', '1 resoriblet under tungen ved brystsmerter, kan gentages efter 5 minutter'),
  isosorbide: drug('C01DA14', 'Imdur', 'isosorbidmononitrat', '60 mg', '1 depottablet om morgenen'),
  aspirin: drug('B01AC06', 'Hjertemagnyl', 'acetylsalicylsyre', '75 mg', ONE_DAILY),
  clopidogrel: drug('B01AC04', 'Clopidogrel "Krka"', 'clopidogrel', '75 mg', ONE_DAILY),
  apixaban5: drug('B01AF02', 'Eliquis', 'apixaban', '5 mg', '1 tablet 2 gange daglig'),
  apixaban2: drug('B01AF02', 'Eliquis', 'apixaban', '2,5 mg', '1 tablet 2 gange daglig'),
  rivaroxaban: drug('B01AF01', 'Xarelto', 'rivaroxaban', '20 mg', '1 tablet 1 gang daglig til aftensmaden'),
  warfarin: drug('B01AA03', 'Marevan', 'warfarin', '2,5 mg', 'Dosering efter INR, jf. doseringskort'),
  atorvastatin20: drug('C10AA05', 'Atorvastatin "Krka"', 'atorvastatin', '20 mg', ONE_DAILY),
  atorvastatin40: drug('C10AA05', 'Atorvastatin "Krka"', 'atorvastatin', '40 mg', ONE_DAILY),
  atorvastatin80: drug('C10AA05', 'Lipitor', 'atorvastatin', '80 mg', ONE_DAILY),
  simvastatin40: drug('C10AA01', 'Simvastatin "Actavis"', 'simvastatin', '40 mg', '1 tablet til natten'),
  rosuvastatin10: drug('C10AA07', 'Crestor', 'rosuvastatin', '10 mg', ONE_DAILY),
  metformin500: drug('A10BA02', 'Metformin "Teva"', 'metformin', '500 mg', '1 tablet 2 gange daglig til måltid'),
  metformin850: drug('A10BA02', 'Metformin "Sandoz"', 'metformin', '850 mg', '1 tablet 2 gange daglig til måltid'),
  metformin1000: drug('A10BA02', 'Glucophage', 'metformin', '1000 mg', '1 tablet 2 gange daglig til måltid'),
  empagliflozin: drug('A10BK03', 'Jardiance', 'empagliflozin', '10 mg', '1 tablet om morgenen'),
  dapagliflozin: drug('A10BK01', 'Forxiga', 'dapagliflozin', '10 mg', ONE_DAILY),
  semaglutide05: drug('A10BJ06', 'Ozempic', 'semaglutid', '0,5 mg', '0,5 mg under huden 1 gang ugentligt'),
  semaglutide1: drug('A10BJ06', 'Ozempic', 'semaglutid', '1 mg', '1 mg under huden 1 gang ugentligt'),
  semaglutideObesity: drug('A10BJ06', 'Wegovy', 'semaglutid', '2,4 mg', '2,4 mg under huden 1 gang ugentligt'),
  sitagliptin: drug('A10BH01', 'Januvia', 'sitagliptin', '100 mg', ONE_DAILY),
  glargine: drug('A10AE04', 'Lantus', 'insulin glargin', '100 enheder/ml', 'Efter aftale, ca. 20 enheder under huden til aften'),
  degludec: drug('A10AE06', 'Tresiba', 'insulin degludec', '100 enheder/ml', 'Efter aftale, ca. 18 enheder under huden 1 gang daglig'),
  aspart: drug('A10AB05', 'NovoRapid', 'insulin aspart', '100 enheder/ml', 'Efter blodsukker, 4-10 enheder under huden til måltiderne'),
  salbutamol: drug('R03AC02', 'Ventoline', 'salbutamol', '100 mikrogram/dosis', '2 pust ved behov, højst 8 pust i døgnet'),
  salbutamolAutohaler: drug('R03AC02', 'Airomir', 'salbutamol', '100 mikrogram/dosis', '1-2 pust ved behov, højst 8 pust i døgnet'),
  salbutamolChild: drug('R03AC02', 'Airomir', 'salbutamol', '100 mikrogram/dosis', '2 pust gennem inhalationskammer ved behov, højst 4 gange i døgnet'),
  symbicort: drug('R03AK07', 'Symbicort Turbuhaler', 'budesonid og formoterol', '160 mikrogram/4,5 mikrogram/dosis', '1 inhalation 2 gange daglig og ved behov, højst 8 inhalationer i døgnet'),
  symbicortCopd: drug('R03AK07', 'Symbicort Turbuhaler', 'budesonid og formoterol', '320 mikrogram/9 mikrogram/dosis', '1 inhalation 2 gange daglig'),
  budesonideChild: drug('R03BA02', 'Pulmicort Turbuhaler', 'budesonid', '100 mikrogram/dosis', '1 inhalation 2 gange daglig'),
  budesonide: drug('R03BA02', 'Pulmicort Turbuhaler', 'budesonid', '200 mikrogram/dosis', '1 inhalation 2 gange daglig'),
  montelukast10: drug('R03DC03', 'Singulair', 'montelukast', '10 mg', '1 tablet til aften'),
  montelukast5: drug('R03DC03', 'Singulair', 'montelukast', '5 mg', '1 tyggetablet til aften'),
  tiotropium: drug('R03BB04', 'Spiriva Respimat', 'tiotropium', '2,5 mikrogram/dosis', '2 pust 1 gang daglig'),
  prednisoloneCourse: drug('H02AB06', 'Prednisolon "DAK"', 'prednisolon', '25 mg', '1½ tablet 1 gang daglig i 5 dage'),
  prednisolone5: drug('H02AB06', 'Prednisolon "DAK"', 'prednisolon', '5 mg', '1 tablet om morgenen'),
  paracetamolRegular: drug('N02BE01', 'Panodil', 'paracetamol', '500 mg', '2 tabletter 3 gange daglig'),
  paracetamol: drug('N02BE01', 'Pinex', 'paracetamol', '500 mg', '2 tabletter ved behov, højst 4 gange i døgnet'),
  paracetamolChild: drug('N02BE01', 'Paracetamol "Orifarm"', 'paracetamol', '24 mg/ml', 'Efter vægt, ved behov, højst 4 gange i døgnet'),
  ibuprofen: drug('M01AE01', 'Ibuprofen "Teva"', 'ibuprofen', '400 mg', '1 tablet 3 gange daglig ved behov i højst 14 dage'),
  ibuprofenChild: drug('M01AE01', 'Ibuprofen "Orifarm"', 'ibuprofen', '20 mg/ml', 'Efter vægt, ved behov, højst 3 gange i døgnet'),
  tramadol: drug('N02AX02', 'Tramadol "Actavis"', 'tramadol', '50 mg', '1 kapsel ved behov, højst 4 gange i døgnet'),
  alendronate: drug('M05BA04', 'Alendronat "Teva"', 'alendronsyre', '70 mg', '1 tablet 1 gang ugentligt, fastende med et glas vand'),
  denosumab: drug('M05BX04', 'Prolia', 'denosumab', '60 mg', '60 mg under huden hver 6. måned'),
  methotrexate: drug('L04AX03', 'Methotrexat "Accord"', 'methotrexat', '2,5 mg', '6 tabletter 1 gang ugentligt, samme ugedag'),
  folicAcid: drug('B03BB01', 'Folsyre "Orifarm"', 'folsyre', '5 mg', '1 tablet 1 gang ugentligt, dagen efter methotrexat'),
  levothyroxine50: drug('H03AA01', 'Eltroxin', 'levothyroxin', '50 mikrogram', '1 tablet om morgenen, fastende'),
  levothyroxine100: drug('H03AA01', 'Eltroxin', 'levothyroxin', '100 mikrogram', '1 tablet om morgenen, fastende'),
  levothyroxine75: drug('H03AA01', 'Euthyrox', 'levothyroxin', '75 mikrogram', '1 tablet om morgenen, fastende'),
  thiamazole: drug('H03BB02', 'Thycapzol', 'thiamazol', '5 mg', '2 tabletter 2 gange daglig'),
  sertraline: drug('N06AB06', 'Sertralin "Accord"', 'sertralin', '50 mg', ONE_DAILY),
  escitalopram: drug('N06AB10', 'Cipralex', 'escitalopram', '10 mg', ONE_DAILY),
  citalopram: drug('N06AB04', 'Citalopram "Teva"', 'citalopram', '20 mg', ONE_DAILY),
  mirtazapine: drug('N06AX11', 'Mirtazapin "Krka"', 'mirtazapin', '15 mg', '1 tablet til natten'),
  zopiclone: drug('N05CF01', 'Imovane', 'zopiclon', '7,5 mg', '1 tablet til natten ved behov'),
  melatonin: drug('N05CH01', 'Circadin', 'melatonin', '2 mg', '1 depottablet 1-2 timer før sengetid'),
  tamoxifen: drug('L02BA01', 'Tamoxifen "Mylan"', 'tamoxifen', '20 mg', ONE_DAILY),
  letrozole: drug('L02BG04', 'Letrozol "Accord"', 'letrozol', '2,5 mg', ONE_DAILY),
  anastrozole: drug('L02BG03', 'Anastrozol "Accord"', 'anastrozol', '1 mg', ONE_DAILY),
  bicalutamide: drug('L02BB03', 'Bicalutamid "Accord"', 'bicalutamid', '150 mg', ONE_DAILY),
  tamsulosin: drug('G04CA02', 'Tamsulosin "Sandoz"', 'tamsulosin', '0,4 mg', '1 depotkapsel 1 gang daglig'),
  finasteride: drug('G04CB01', 'Finasterid "Teva"', 'finasterid', '5 mg', ONE_DAILY),
  sumatriptan: drug('N02CC01', 'Imigran', 'sumatriptan', '50 mg', '1 tablet ved migræneanfald, kan gentages efter 2 timer, højst 4 tabletter i døgnet'),
  pantoprazole20: drug('A02BC02', 'Pantoprazol "Teva"', 'pantoprazol', '20 mg', '1 tablet 1 gang daglig før morgenmad'),
  pantoprazole40: drug('A02BC02', 'Pantoprazol "Teva"', 'pantoprazol', '40 mg', '1 tablet 1 gang daglig før morgenmad'),
  omeprazole: drug('A02BC01', 'Losec', 'omeprazol', '20 mg', '1 enterokapsel 1 gang daglig før morgenmad'),
  cetirizine: drug('R06AE07', 'Cetirizin "Sandoz"', 'cetirizin', '10 mg', '1 tablet 1 gang daglig i pollensæsonen'),
  desloratadine: drug('R06AX27', 'Aerius', 'desloratadin', '5 mg', '1 tablet 1 gang daglig ved behov'),
  mometasone: drug('R01AD09', 'Nasonex', 'mometason', '50 mikrogram/dosis', '2 pust i hvert næsebor 1 gang daglig'),
  betamethasone: drug('D07AC01', 'Betnovat', 'betamethason', '1 mg/g', 'Smøres tyndt på 1 gang daglig i højst 2 uger'),
  hydrocortisone: drug('D07AA02', 'Mildison Lipocream', 'hydrocortison', '1 %', 'Smøres tyndt på 1-2 gange daglig i højst 2 uger'),
  adapalene: drug('D10AD53', 'Epiduo', 'adapalen og benzoylperoxid', '0,1 % + 2,5 %', 'Smøres tyndt på de angrebne områder om aftenen'),
  allopurinol: drug('M04AA01', 'Allopurinol "Accord"', 'allopurinol', '100 mg', ONE_DAILY),
  allopurinol300: drug('M04AA01', 'Allopurinol "Accord"', 'allopurinol', '300 mg', ONE_DAILY),
  colchicine: drug('M04AC01', 'Colrefuz', 'colchicin', '0,5 mg', '1 tablet 2 gange daglig i 7 dage'),
  penicillin: drug('J01CE02', 'Vepicombin', 'phenoxymethylpenicillin', '1 mio. IE', '1 tablet 4 gange daglig i 7 dage'),
  penicillinChild: drug('J01CE02', 'Phenoxymethylpenicillin "Orifarm"', 'phenoxymethylpenicillin', '50 mg/ml', 'Efter vægt, 3 gange daglig i 5 dage'),
  amoxicillin: drug('J01CA04', 'Imadrax', 'amoxicillin', '500 mg', '1 tablet 3 gange daglig i 7 dage'),
  amoxicillinChild: drug('J01CA04', 'Imadrax', 'amoxicillin', '50 mg/ml', 'Efter vægt, 3 gange daglig i 5 dage'),
  dicloxacillin: drug('J01CF01', 'Diclocil', 'dicloxacillin', '500 mg', '1 kapsel 3 gange daglig i 7 dage'),
  pivmecillinam: drug('J01CA08', 'Selexid', 'pivmecillinam', '400 mg', '1 tablet 3 gange daglig i 3 dage'),
  sulfamethizole: drug('J01EB02', 'Lucosil', 'sulfamethizol', '1 g', '1 tablet 2 gange daglig i 3 dage'),
  nitrofurantoin: drug('J01XE01', 'Furadantin', 'nitrofurantoin', '50 mg', '1 tablet 3 gange daglig i 5 dage'),
  chloramphenicol: drug('S01AA01', 'Kloramfenikol "DAK"', 'chloramphenicol', '5 mg/ml', '1 dråbe i begge øjne 4 gange daglig i 5 dage'),
  iron: drug('B03AA07', 'Ferro Duretter', 'ferrosulfat', '100 mg Fe', '1 depottablet 1 gang daglig'),
  contraceptive: drug('G03AA07', 'Microgyn', 'levonorgestrel og ethinylestradiol', '150 mikrogram + 30 mikrogram', '1 tablet dagligt i 21 dage, derefter 7 dages pause'),
  estradiolVaginal: drug('G03CA03', 'Vagifem', 'estradiol', '10 mikrogram', '1 vaginaltablet 2 gange ugentligt'),
});

/** How a condition is treated: one plan, one drug (picked uniformly; repeat a drug to weight it). */
interface Plan {
  /** Share of patients with the condition who get it. */
  readonly share: number;
  readonly drugs: readonly Drug[];
  /** Used instead of `drugs` under 12 years (suspensions, children's inhalers); empty: none. */
  readonly childDrugs: readonly Drug[];
  /** 'onset': started at diagnosis; 'later': added some time after it. */
  readonly start: 'onset' | 'later';
  /** Long-term: share since stopped. */
  readonly ended: number;
  /** A course of this many days (0: long-term). */
  readonly courseDays: number;
  /** Only for this code of the condition (K74 angina gets nitroglycerin, K76 does not). */
  readonly code: string | null;
}

function plan(
  share: number,
  drugs: readonly Drug[],
  options: { child?: readonly Drug[]; start?: 'onset' | 'later'; ended?: number; course?: number; code?: string } = {},
): Plan {
  return Object.freeze({
    share,
    drugs: Object.freeze([...drugs]),
    childDrugs: Object.freeze([...(options.child ?? drugs)]),
    start: options.start ?? 'onset',
    ended: options.ended ?? 0,
    courseDays: options.course ?? 0,
    code: options.code ?? null,
  });
}

const ANTIDEPRESSANTS = Object.freeze([
  D.sertraline,
  D.sertraline,
  D.escitalopram,
  D.escitalopram,
  D.citalopram,
  D.mirtazapine,
]);
const OA_PLANS = Object.freeze([
  plan(0.45, [D.paracetamolRegular], { start: 'later', ended: 0.3 }),
  plan(0.25, [D.ibuprofen], { start: 'later', course: 14 }),
  plan(0.05, [D.tramadol], { start: 'later', ended: 0.5 }),
]);

// Anticoagulants, statins and methotrexate are in the profile (lab results depend on them).
const PLANS: Readonly<Partial<Record<ConditionKey, readonly Plan[]>>> = Object.freeze({
  hypertension: [
    plan(0.55, [D.amlodipine5, D.amlodipine5, D.amlodipine10], { ended: 0.05 }),
    plan(0.65, [D.losartan50, D.losartan50, D.losartan100, D.ramipril5, D.ramipril10], { ended: 0.05 }),
    plan(0.2, [D.bendroflumethiazide], { start: 'later', ended: 0.1 }),
    plan(0.25, [D.aspirin], { start: 'later', code: 'K87' }),
  ],
  diabetesType2: [
    plan(0.88, [D.metformin500, D.metformin850, D.metformin1000], { ended: 0.05 }),
    plan(0.3, [D.empagliflozin], { start: 'later' }),
    plan(0.08, [D.dapagliflozin], { start: 'later' }),
    plan(0.2, [D.semaglutide05, D.semaglutide1], { start: 'later' }),
    plan(0.05, [D.sitagliptin], { start: 'later' }),
    plan(0.1, [D.glargine], { start: 'later' }),
  ],
  diabetesType1: [plan(1, [D.glargine, D.degludec]), plan(1, [D.aspart])],
  asthma: [
    plan(0.9, [D.salbutamol, D.salbutamolAutohaler], { child: [D.salbutamolChild] }),
    plan(0.6, [D.symbicort, D.symbicort, D.budesonide], { child: [D.budesonideChild] }),
    plan(0.08, [D.montelukast10], { child: [D.montelukast5], start: 'later' }),
  ],
  copd: [
    plan(0.6, [D.tiotropium]),
    plan(0.7, [D.salbutamol]),
    plan(0.35, [D.symbicortCopd], { start: 'later' }),
    plan(0.3, [D.prednisoloneCourse], { start: 'later', course: 5 }),
  ],
  atrialFibrillation: [
    plan(0.6, [D.metoprolol50, D.metoprolol100, D.bisoprolol5]),
    plan(0.08, [D.digoxin], { start: 'later' }),
  ],
  heartFailure: [
    plan(0.7, [D.furosemide40]),
    plan(0.7, [D.ramipril5, D.enalapril10, D.candesartan8]),
    plan(0.7, [D.bisoprolol2, D.metoprolol50]),
    plan(0.4, [D.spironolactone25], { start: 'later' }),
    plan(0.4, [D.dapagliflozin, D.empagliflozin], { start: 'later' }),
  ],
  ischaemicHeartDisease: [
    plan(0.9, [D.aspirin, D.aspirin, D.aspirin, D.aspirin, D.clopidogrel]),
    plan(0.5, [D.metoprolol50, D.bisoprolol5]),
    plan(0.8, [D.nitroglycerin], { code: 'K74' }),
    plan(0.15, [D.isosorbide], { start: 'later', code: 'K74' }),
  ],
  // A year of clopidogrel on top of aspirin after an infarction.
  myocardialInfarction: [plan(0.6, [D.clopidogrel], { course: 365 })],
  stroke: [plan(0.8, [D.clopidogrel])],
  transientIschaemicAttack: [plan(0.8, [D.clopidogrel])],
  obesity: [plan(0.04, [D.semaglutideObesity], { start: 'later' })],
  gout: [plan(0.5, [D.allopurinol, D.allopurinol300], { start: 'later' }), plan(0.5, [D.colchicine], { course: 7 })],
  osteoarthrosisHip: OA_PLANS,
  osteoarthrosisKnee: OA_PLANS,
  osteoarthrosisOther: OA_PLANS,
  osteoporosis: [plan(0.8, [D.alendronate, D.alendronate, D.alendronate, D.alendronate, D.denosumab], { ended: 0.15 })],
  rheumatoidArthritis: [plan(0.2, [D.prednisolone5], { start: 'later', ended: 0.5 })],
  hypothyroidism: [plan(0.97, [D.levothyroxine50, D.levothyroxine75, D.levothyroxine100])],
  // Antithyroid treatment usually runs 12–18 months.
  thyrotoxicosis: [plan(0.85, [D.thiamazole], { ended: 0.85 })],
  anxiety: [plan(0.45, [D.sertraline, D.escitalopram], { ended: 0.4 })],
  depression: [plan(0.6, ANTIDEPRESSANTS, { ended: 0.4 })],
  // Adjuvant endocrine treatment runs 5–10 years, so many have stopped.
  cancerBreast: [plan(0.6, [D.tamoxifen, D.letrozole, D.letrozole, D.anastrozole], { ended: 0.3 })],
  cancerProstate: [plan(0.15, [D.bicalutamide])],
  prostaticHyperplasia: [plan(0.6, [D.tamsulosin]), plan(0.2, [D.finasteride], { start: 'later' })],
  migraine: [plan(0.6, [D.sumatriptan])],
  oesophagusDisease: [plan(0.75, [D.pantoprazole20, D.pantoprazole40, D.omeprazole], { ended: 0.3 })],
  sleepDisturbance: [plan(0.4, [D.zopiclone, D.melatonin], { course: 30 })],
  allergicRhinitis: [
    plan(0.6, [D.cetirizine, D.desloratadine], { start: 'later', ended: 0.5 }),
    plan(0.3, [D.mometasone], { start: 'later', ended: 0.5 }),
  ],
  psoriasis: [plan(0.5, [D.betamethasone], { course: 14 })],
  dermatitis: [plan(0.5, [D.hydrocortisone], { course: 14 })],
  acne: [plan(0.4, [D.adapalene], { course: 90, child: [] })],
  cystitis: [
    plan(0.85, [D.pivmecillinam, D.pivmecillinam, D.sulfamethizole, D.nitrofurantoin], { course: 3, child: [] }),
  ],
  otitisMedia: [
    plan(0.5, [D.penicillin], { child: [D.penicillinChild, D.penicillinChild, D.amoxicillinChild], course: 5 }),
  ],
  tonsillitis: [plan(0.6, [D.penicillin], { child: [D.penicillinChild], course: 7 })],
  sinusitis: [plan(0.3, [D.penicillin], { child: [D.penicillinChild], course: 7 })],
  pneumonia: [plan(0.85, [D.penicillin, D.penicillin, D.amoxicillin], { child: [D.amoxicillinChild], course: 7 })],
  conjunctivitis: [plan(0.5, [D.chloramphenicol], { course: 5 })],
  ironDeficiencyAnaemia: [plan(0.8, [D.iron], { course: 90 })],
  oralContraception: [plan(1, [D.contraceptive], { ended: 0.3, child: [] })],
  menopausalComplaint: [plan(0.3, [D.estradiolVaginal], { start: 'later' })],
  lowBackComplaint: [
    plan(0.3, [D.ibuprofen], { course: 14, child: [] }),
    plan(0.2, [D.paracetamol], { course: 30, child: [] }),
  ],
  shoulderSyndrome: [plan(0.3, [D.ibuprofen], { course: 14 })],
});

// The card shows recent courses; older ones have dropped out of view.
const COURSE_HISTORY_DAYS = 730;
const CHILD_AGE = 12;
// Anyone may have had a short course for something never coded (a sprain, a skin infection).
const STRAY_COURSES: readonly Drug[] = Object.freeze([
  D.penicillin,
  D.penicillin,
  D.ibuprofen,
  D.ibuprofen,
  D.paracetamol,
  D.amoxicillin,
  D.dicloxacillin,
]);
const STRAY_COURSES_CHILD: readonly Drug[] = Object.freeze([
  D.paracetamolChild,
  D.paracetamolChild,
  D.ibuprofenChild,
  D.penicillinChild,
]);
const STRAY_COURSE_DAYS = 7;

/**
 * The medication list, sorted by start date (ties in generation order).
 * @example generateMedications(ctx, profile) // [{ atcCode: 'C08CA01', name: 'Amlodipin "Krka"', strength: '5 mg', … }]
 */
export function generateMedications(ctx: RecordContext, profile: ClinicalProfile): Medication[] {
  const { rng } = ctx;
  const { todayDay } = profile;
  const child = ctx.patient.ageYears < CHILD_AGE;
  const out: Medication[] = [];

  for (const condition of profile.conditions) {
    const plans = PLANS[condition.key];
    if (plans === undefined) continue;
    for (const p of plans) {
      if (p.code !== null && p.code !== condition.icpcCode) continue;
      const drugs = child ? p.childDrugs : p.drugs;
      if (drugs.length === 0 || !rng.chance(p.share)) continue;
      const chosen = rng.pick(drugs);
      if (p.courseDays > 0) {
        if (condition.onsetDay < todayDay - COURSE_HISTORY_DAYS) continue;
        // A long course (a year of clopidogrel) is pointless on top of the same long-term drug.
        if (p.courseDays >= 30 && hasAtc(out, chosen.atc)) continue;
        addCourse(ctx, out, chosen, condition.onsetDay + rng.int(0, 1), p.courseDays, todayDay);
        continue;
      }
      // Long-term treatment is listed once however many conditions call for it.
      if (hasGroup(out, chosen.group)) continue;
      const start = startDay(ctx, condition, p.start, todayDay);
      const end = todayDay - start > 120 && rng.chance(p.ended) ? start + rng.int(60, todayDay - start - 1) : null;
      out.push(item(ctx, chosen, start, end));
    }
  }

  if (profile.anticoagulant !== null) {
    out.push(
      item(ctx, anticoagulantDrug(profile.anticoagulant, ctx.patient.ageYears), profile.anticoagulantFromDay, null),
    );
  }
  if (profile.statinFromDay !== null) {
    out.push(item(ctx, rng.weighted(STATINS), profile.statinFromDay, null));
  }
  if (profile.methotrexateFromDay !== null) {
    out.push(item(ctx, D.methotrexate, profile.methotrexateFromDay, null));
    out.push(item(ctx, D.folicAcid, profile.methotrexateFromDay, null));
  }

  // No medication for the first three months of life beyond what a condition calls for.
  if (todayDay - profile.birthDay > 90) {
    const courses = rng.chance(0.3) ? (rng.chance(0.25) ? 2 : 1) : 0;
    const earliest = Math.max(profile.birthDay + 90, todayDay - COURSE_HISTORY_DAYS);
    for (let i = 0; i < courses; i++) {
      const chosen = rng.pick(child ? STRAY_COURSES_CHILD : STRAY_COURSES);
      addCourse(ctx, out, chosen, rng.int(earliest, todayDay), STRAY_COURSE_DAYS, todayDay);
    }
  }

  sortInPlace(out, byStart);
  return out;
}

const STATINS: readonly (readonly [Drug, number])[] = Object.freeze([
  [D.atorvastatin20, 0.25],
  [D.atorvastatin40, 0.3],
  [D.atorvastatin80, 0.15],
  [D.simvastatin40, 0.2],
  [D.rosuvastatin10, 0.1],
]);

function anticoagulantDrug(anticoagulant: Anticoagulant, age: number): Drug {
  if (anticoagulant === 'warfarin') return D.warfarin;
  if (anticoagulant === 'rivaroxaban') return D.rivaroxaban;
  // The reduced apixaban dose is for the old (and the light or renally impaired).
  return age >= 80 ? D.apixaban2 : D.apixaban5;
}

function startDay(ctx: RecordContext, condition: Condition, start: 'onset' | 'later', todayDay: DayNumber): DayNumber {
  const span = todayDay - condition.onsetDay;
  const offset = start === 'onset' ? ctx.rng.int(0, 21) : ctx.rng.int(0, span);
  return offset > span ? todayDay : condition.onsetDay + offset;
}

/** A course; one that has not finished by the reference date is listed as ongoing (no end date). */
function addCourse(
  ctx: RecordContext,
  out: Medication[],
  chosen: Drug,
  start: DayNumber,
  days: number,
  todayDay: DayNumber,
): void {
  const from = start > todayDay ? todayDay : start;
  const end = from + days - 1;
  out.push(item(ctx, chosen, from, end > todayDay ? null : end));
}

function item(ctx: RecordContext, d: Drug, start: DayNumber, end: DayNumber | null): Medication {
  return {
    id: ctx.ids.next('med'),
    atcCode: d.atc,
    name: d.name,
    activeIngredient: d.ingredient,
    strength: d.strength,
    dosageText: d.dosage,
    startDate: dayToIso(start),
    endDate: end === null ? null : dayToIso(end),
  };
}

function hasAtc(items: readonly Medication[], atc: string): boolean {
  for (const m of items) if (m.atcCode === atc) return true;
  return false;
}

function hasGroup(items: readonly Medication[], group: string): boolean {
  for (const m of items) if (m.atcCode.startsWith(group)) return true;
  return false;
}

// ISO dates compare as strings.
function byStart(a: Medication, b: Medication): number {
  return a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0;
}
