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
 *
 * Every product has the age range it is given in (from the Danish product information, or the
 * adult dose its dosage text states), and a plan's products are chosen by the patient's age on
 * the day treatment starts: a child gets a suspension, drops or a children's inhaler, or nothing
 * where no product suits the age (no triptan or semaglutide under 12). Long-term treatment
 * started in childhood moves on to the next product when the child outgrows the first, as a
 * prescription is changed on the medication card.
 *
 * A platelet inhibitor (acetylsalicylic acid, clopidogrel) runs alongside an anticoagulant for a
 * year at most: after a recent coronary or cerebral event, then anticoagulation alone.
 */
import type { Medication, RecordContext } from '../context.ts';
import { type DayNumber, dayToIso, isoToDay } from '../day-calendar.ts';
import type { Anticoagulant, ClinicalProfile, Condition, ConditionKey } from './clinical-profile.ts';
import { sortInPlace } from './sort.ts';

/** A product as the medication card lists it, with the ages it is started at. */
export interface Drug {
  readonly atc: string;
  /** Drugs of one group are not combined long-term (two beta blockers, an ACE inhibitor with an ARB). */
  readonly group: string;
  readonly name: string;
  readonly ingredient: string;
  readonly strength: string;
  readonly dosage: string;
  /** The youngest age, in years, the product is started at. */
  readonly minAge: number;
  /** The range in days of age (day numbers subtract to days): from `fromDays`, outgrown at `untilDays`. */
  readonly fromDays: number;
  readonly untilDays: number;
}

const DAYS_PER_YEAR = 365.25;
// Products without an age range are for adults.
const ADULT = 18;

/**
 * A product. `ages` is the age range in years it is started in: `from` defaults to adults only,
 * `until` (a children's product or dose, outgrown at that age) to never.
 */
function drug(
  atc: string,
  name: string,
  ingredient: string,
  strength: string,
  dosage: string,
  ages: { from?: number; until?: number } = {},
): Drug {
  // The ATC chemical subgroup (5 characters), except that all renin-angiotensin agents are one
  // group: dual blockade is not used.
  const group = atc.startsWith('C09') ? 'C09' : atc.slice(0, 5);
  const minAge = ages.from ?? ADULT;
  const fromDays = Math.ceil(minAge * DAYS_PER_YEAR);
  const untilDays = ages.until === undefined ? Number.POSITIVE_INFINITY : Math.ceil(ages.until * DAYS_PER_YEAR);
  return Object.freeze({ atc, group, name, ingredient, strength, dosage, minAge, fromDays, untilDays });
}

const ONE_DAILY = '1 tablet 1 gang daglig';
// Age ranges shared by many products: adolescents take the adult dose from 12; children's
// suspensions and doses until then.
const FROM_12 = Object.freeze({ from: 12 });
const UNDER_12 = Object.freeze({ from: 0, until: 12 });
const ANY_AGE = Object.freeze({ from: 0 });

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
  // Metformin and the SGLT2 inhibitors are approved for type 2 diabetes from 10 years; GLP-1
  // analogues for diabetes and DPP-4 inhibitors for adults only, Wegovy from 12.
  metformin500: drug('A10BA02', 'Metformin "Teva"', 'metformin', '500 mg', '1 tablet 2 gange daglig til måltid', { from: 10 }),
  metformin850: drug('A10BA02', 'Metformin "Sandoz"', 'metformin', '850 mg', '1 tablet 2 gange daglig til måltid', { from: 10 }),
  metformin1000: drug('A10BA02', 'Glucophage', 'metformin', '1000 mg', '1 tablet 2 gange daglig til måltid', { from: 10 }),
  empagliflozin: drug('A10BK03', 'Jardiance', 'empagliflozin', '10 mg', '1 tablet om morgenen', { from: 10 }),
  dapagliflozin: drug('A10BK01', 'Forxiga', 'dapagliflozin', '10 mg', ONE_DAILY, { from: 10 }),
  semaglutide05: drug('A10BJ06', 'Ozempic', 'semaglutid', '0,5 mg', '0,5 mg under huden 1 gang ugentligt'),
  semaglutide1: drug('A10BJ06', 'Ozempic', 'semaglutid', '1 mg', '1 mg under huden 1 gang ugentligt'),
  semaglutideObesity: drug('A10BJ06', 'Wegovy', 'semaglutid', '2,4 mg', '2,4 mg under huden 1 gang ugentligt', FROM_12),
  sitagliptin: drug('A10BH01', 'Januvia', 'sitagliptin', '100 mg', ONE_DAILY),
  // Insulin: a child's doses are set by the children's outpatient clinic (Lantus from 2 years,
  // Tresiba and NovoRapid from 1 year); adolescents dose as adults.
  glargine: drug('A10AE04', 'Lantus', 'insulin glargin', '100 enheder/ml', 'Efter aftale, ca. 20 enheder under huden til aften', FROM_12),
  glargineChild: drug('A10AE04', 'Lantus', 'insulin glargin', '100 enheder/ml', 'Efter aftale med børneambulatoriet, under huden 1 gang daglig til aften', { from: 2, until: 12 }),
  degludec: drug('A10AE06', 'Tresiba', 'insulin degludec', '100 enheder/ml', 'Efter aftale, ca. 18 enheder under huden 1 gang daglig', FROM_12),
  degludecChild: drug('A10AE06', 'Tresiba', 'insulin degludec', '100 enheder/ml', 'Efter aftale med børneambulatoriet, under huden 1 gang daglig', { from: 1, until: 12 }),
  aspart: drug('A10AB05', 'NovoRapid', 'insulin aspart', '100 enheder/ml', 'Efter blodsukker, 4-10 enheder under huden til måltiderne', FROM_12),
  aspartChild: drug('A10AB05', 'NovoRapid', 'insulin aspart', '100 enheder/ml', 'Efter blodsukker og måltid, under huden efter plan fra børneambulatoriet', { from: 1, until: 12 }),
  // Asthma: a spray through a spacer at any age; a powder inhaler from school age.
  salbutamol: drug('R03AC02', 'Ventoline', 'salbutamol', '100 mikrogram/dosis', '2 pust ved behov, højst 8 pust i døgnet', FROM_12),
  salbutamolAutohaler: drug('R03AC02', 'Airomir', 'salbutamol', '100 mikrogram/dosis', '1-2 pust ved behov, højst 8 pust i døgnet', FROM_12),
  salbutamolChild: drug('R03AC02', 'Airomir', 'salbutamol', '100 mikrogram/dosis', '2 pust gennem inhalationskammer ved behov, højst 4 gange i døgnet', UNDER_12),
  symbicort: drug('R03AK07', 'Symbicort Turbuhaler', 'budesonid og formoterol', '160 mikrogram/4,5 mikrogram/dosis', '1 inhalation 2 gange daglig og ved behov, højst 8 inhalationer i døgnet', FROM_12),
  symbicortCopd: drug('R03AK07', 'Symbicort Turbuhaler', 'budesonid og formoterol', '320 mikrogram/9 mikrogram/dosis', '1 inhalation 2 gange daglig'),
  fluticasoneChild: drug('R03BA05', 'Flixotide', 'fluticason', '50 mikrogram/dosis', '2 pust gennem inhalationskammer 2 gange daglig', { from: 1, until: 6 }),
  budesonideChild: drug('R03BA02', 'Pulmicort Turbuhaler', 'budesonid', '100 mikrogram/dosis', '1 inhalation 2 gange daglig', { from: 6, until: 12 }),
  budesonide: drug('R03BA02', 'Pulmicort Turbuhaler', 'budesonid', '200 mikrogram/dosis', '1 inhalation 2 gange daglig', FROM_12),
  // Singulair by age: granules from 6 months, 4 mg chewable tablets from 2, 5 mg from 6, 10 mg from 15.
  montelukastGranules: drug('R03DC03', 'Singulair', 'montelukast', '4 mg', '1 brev granulat til aften, blandet i lidt kold mad', { from: 0.5, until: 2 }),
  montelukast4: drug('R03DC03', 'Singulair', 'montelukast', '4 mg', '1 tyggetablet til aften', { from: 2, until: 6 }),
  montelukast5: drug('R03DC03', 'Singulair', 'montelukast', '5 mg', '1 tyggetablet til aften', { from: 6, until: 15 }),
  montelukast10: drug('R03DC03', 'Singulair', 'montelukast', '10 mg', '1 tablet til aften', { from: 15 }),
  tiotropium: drug('R03BB04', 'Spiriva Respimat', 'tiotropium', '2,5 mikrogram/dosis', '2 pust 1 gang daglig'),
  prednisoloneCourse: drug('H02AB06', 'Prednisolon "DAK"', 'prednisolon', '25 mg', '1½ tablet 1 gang daglig i 5 dage', FROM_12),
  prednisolone5: drug('H02AB06', 'Prednisolon "DAK"', 'prednisolon', '5 mg', '1 tablet om morgenen', FROM_12),
  paracetamolRegular: drug('N02BE01', 'Panodil', 'paracetamol', '500 mg', '2 tabletter 3 gange daglig', FROM_12),
  paracetamol: drug('N02BE01', 'Pinex', 'paracetamol', '500 mg', '2 tabletter ved behov, højst 4 gange i døgnet', FROM_12),
  paracetamolChild: drug('N02BE01', 'Paracetamol "Orifarm"', 'paracetamol', '24 mg/ml', 'Efter vægt, ved behov, højst 4 gange i døgnet', UNDER_12),
  ibuprofen: drug('M01AE01', 'Ibuprofen "Teva"', 'ibuprofen', '400 mg', '1 tablet 3 gange daglig ved behov i højst 14 dage', FROM_12),
  // Ibuprofen suspension from 3 months (5 kg).
  ibuprofenChild: drug('M01AE01', 'Ibuprofen "Orifarm"', 'ibuprofen', '20 mg/ml', 'Efter vægt, ved behov, højst 3 gange i døgnet', { from: 0.25, until: 12 }),
  tramadol: drug('N02AX02', 'Tramadol "Actavis"', 'tramadol', '50 mg', '1 kapsel ved behov, højst 4 gange i døgnet'),
  alendronate: drug('M05BA04', 'Alendronat "Teva"', 'alendronsyre', '70 mg', '1 tablet 1 gang ugentligt, fastende med et glas vand'),
  denosumab: drug('M05BX04', 'Prolia', 'denosumab', '60 mg', '60 mg under huden hver 6. måned'),
  methotrexate: drug('L04AX03', 'Methotrexat "Accord"', 'methotrexat', '2,5 mg', '6 tabletter 1 gang ugentligt, samme ugedag', FROM_12),
  folicAcid: drug('B03BB01', 'Folsyre "Orifarm"', 'folsyre', '5 mg', '1 tablet 1 gang ugentligt, dagen efter methotrexat', FROM_12),
  levothyroxine50: drug('H03AA01', 'Eltroxin', 'levothyroxin', '50 mikrogram', '1 tablet om morgenen, fastende', ANY_AGE),
  levothyroxine100: drug('H03AA01', 'Eltroxin', 'levothyroxin', '100 mikrogram', '1 tablet om morgenen, fastende', ANY_AGE),
  levothyroxine75: drug('H03AA01', 'Euthyrox', 'levothyroxin', '75 mikrogram', '1 tablet om morgenen, fastende', ANY_AGE),
  thiamazole: drug('H03BB02', 'Thycapzol', 'thiamazol', '5 mg', '2 tabletter 2 gange daglig', FROM_12),
  // Of the antidepressants only sertraline is approved under 18 (from 13 at this dose); the
  // others, and hypnotics, are for adults.
  sertraline: drug('N06AB06', 'Sertralin "Accord"', 'sertralin', '50 mg', ONE_DAILY, { from: 13 }),
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
  // Triptans: Imigran nasal spray 10 mg is approved for 12–17-year-olds, the tablets for adults;
  // a younger child with migraine takes ibuprofen for the attacks.
  sumatriptan: drug('N02CC01', 'Imigran', 'sumatriptan', '50 mg', '1 tablet ved migræneanfald, kan gentages efter 2 timer, højst 4 tabletter i døgnet'),
  sumatriptanNasal: drug('N02CC01', 'Imigran', 'sumatriptan', '10 mg/dosis', '1 pust i det ene næsebor ved migræneanfald, kan gentages efter 2 timer, højst 2 pust i døgnet', { from: 12, until: 18 }),
  pantoprazole20: drug('A02BC02', 'Pantoprazol "Teva"', 'pantoprazol', '20 mg', '1 tablet 1 gang daglig før morgenmad', FROM_12),
  pantoprazole40: drug('A02BC02', 'Pantoprazol "Teva"', 'pantoprazol', '40 mg', '1 tablet 1 gang daglig før morgenmad', FROM_12),
  omeprazole: drug('A02BC01', 'Losec', 'omeprazol', '20 mg', '1 enterokapsel 1 gang daglig før morgenmad', FROM_12),
  // Allergy: cetirizine tablets from 6 (half a tablet twice a day until 12), desloratadine as
  // oral solution from 1 year, Nasonex from 3 (one puff a nostril until 12).
  cetirizine: drug('R06AE07', 'Cetirizin "Sandoz"', 'cetirizin', '10 mg', '1 tablet 1 gang daglig i pollensæsonen', FROM_12),
  cetirizineChild: drug('R06AE07', 'Cetirizin "Sandoz"', 'cetirizin', '10 mg', '½ tablet 2 gange daglig i pollensæsonen', { from: 6, until: 12 }),
  desloratadine: drug('R06AX27', 'Aerius', 'desloratadin', '5 mg', '1 tablet 1 gang daglig ved behov', FROM_12),
  desloratadineSolution: drug('R06AX27', 'Aerius', 'desloratadin', '0,5 mg/ml', '5 ml 1 gang daglig ved behov', { from: 6, until: 12 }),
  desloratadineSolutionSmall: drug('R06AX27', 'Aerius', 'desloratadin', '0,5 mg/ml', '2,5 ml 1 gang daglig ved behov', { from: 1, until: 6 }),
  mometasone: drug('R01AD09', 'Nasonex', 'mometason', '50 mikrogram/dosis', '2 pust i hvert næsebor 1 gang daglig', FROM_12),
  mometasoneChild: drug('R01AD09', 'Nasonex', 'mometason', '50 mikrogram/dosis', '1 pust i hvert næsebor 1 gang daglig', { from: 3, until: 12 }),
  // A potent steroid (group III) from 12; a child's psoriasis gets a medium one (group II).
  betamethasone: drug('D07AC01', 'Betnovat', 'betamethason', '1 mg/g', 'Smøres tyndt på 1 gang daglig i højst 2 uger', FROM_12),
  hydrocortisoneButyrate: drug('D07AB02', 'Locoid', 'hydrocortisonbutyrat', '0,1 %', 'Smøres tyndt på 1 gang daglig i højst 2 uger', UNDER_12),
  hydrocortisone: drug('D07AA02', 'Mildison Lipocream', 'hydrocortison', '1 %', 'Smøres tyndt på 1-2 gange daglig i højst 2 uger', ANY_AGE),
  adapalene: drug('D10AD53', 'Epiduo', 'adapalen og benzoylperoxid', '0,1 % + 2,5 %', 'Smøres tyndt på de angrebne områder om aftenen', { from: 9 }),
  allopurinol: drug('M04AA01', 'Allopurinol "Accord"', 'allopurinol', '100 mg', ONE_DAILY),
  allopurinol300: drug('M04AA01', 'Allopurinol "Accord"', 'allopurinol', '300 mg', ONE_DAILY),
  colchicine: drug('M04AC01', 'Colrefuz', 'colchicin', '0,5 mg', '1 tablet 2 gange daglig i 7 dage'),
  penicillin: drug('J01CE02', 'Vepicombin', 'phenoxymethylpenicillin', '1 mio. IE', '1 tablet 4 gange daglig i 7 dage', FROM_12),
  penicillinChild: drug('J01CE02', 'Phenoxymethylpenicillin "Orifarm"', 'phenoxymethylpenicillin', '50 mg/ml', 'Efter vægt, 3 gange daglig i 5 dage', UNDER_12),
  amoxicillin: drug('J01CA04', 'Imadrax', 'amoxicillin', '500 mg', '1 tablet 3 gange daglig i 7 dage', FROM_12),
  amoxicillinChild: drug('J01CA04', 'Imadrax', 'amoxicillin', '50 mg/ml', 'Efter vægt, 3 gange daglig i 5 dage', UNDER_12),
  dicloxacillin: drug('J01CF01', 'Diclocil', 'dicloxacillin', '500 mg', '1 kapsel 3 gange daglig i 7 dage', FROM_12),
  pivmecillinam: drug('J01CA08', 'Selexid', 'pivmecillinam', '400 mg', '1 tablet 3 gange daglig i 3 dage', FROM_12),
  sulfamethizole: drug('J01EB02', 'Lucosil', 'sulfamethizol', '1 g', '1 tablet 2 gange daglig i 3 dage', FROM_12),
  nitrofurantoin: drug('J01XE01', 'Furadantin', 'nitrofurantoin', '50 mg', '1 tablet 3 gange daglig i 5 dage', FROM_12),
  chloramphenicol: drug('S01AA01', 'Kloramfenikol "DAK"', 'chloramphenicol', '5 mg/ml', '1 dråbe i begge øjne 4 gange daglig i 5 dage', ANY_AGE),
  // Iron depot tablets are not for children (too large a dose to swallow whole); drops are.
  iron: drug('B03AA07', 'Ferro Duretter', 'ferrosulfat', '100 mg Fe', '1 depottablet 1 gang daglig', FROM_12),
  ironDrops: drug('B03AA01', 'Niferex', 'ferroglycinsulfat', '30 mg Fe/ml', 'Efter vægt, 1 gang daglig mellem måltiderne', UNDER_12),
  contraceptive: drug('G03AA07', 'Microgyn', 'levonorgestrel og ethinylestradiol', '150 mikrogram + 30 mikrogram', '1 tablet dagligt i 21 dage, derefter 7 dages pause', FROM_12),
  estradiolVaginal: drug('G03CA03', 'Vagifem', 'estradiol', '10 mikrogram', '1 vaginaltablet 2 gange ugentligt'),
});

/** Every product the generator prescribes, with the ages it is started at (for tests). */
export const MEDICATION_PRODUCTS: readonly Drug[] = Object.freeze(Object.values(D));

/**
 * A plan's products by the patient's age when treatment starts: band i covers the ages in days
 * [from[i], from[i + 1]) and holds the products started at those ages (empty: none).
 */
interface AgeBands {
  readonly from: readonly number[];
  readonly drugs: readonly (readonly Drug[])[];
}

function byAge(drugs: readonly Drug[]): AgeBands {
  const cuts = [0];
  for (const d of drugs) cuts.push(d.fromDays, d.untilDays);
  const from = [...new Set(cuts)].filter(Number.isFinite).sort((a, b) => a - b);
  return Object.freeze({
    from: Object.freeze(from),
    drugs: Object.freeze(from.map((age) => Object.freeze(drugs.filter((d) => d.fromDays <= age && age < d.untilDays)))),
  });
}

/** The band of an age in days (a few comparisons: plans have at most a handful of bands). */
function bandOf(bands: AgeBands, ageDays: number): number {
  const { from } = bands;
  let i = 0;
  while (i + 1 < from.length && (from[i + 1] as number) <= ageDays) i++;
  return i;
}

/**
 * How a condition is treated: one plan, one drug, picked uniformly (repeat a drug to weight it)
 * among the plan's drugs for the patient's age when treatment starts.
 */
interface Plan {
  /** Share of patients with the condition who get it. */
  readonly share: number;
  readonly bands: AgeBands;
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
  options: { start?: 'onset' | 'later'; ended?: number; course?: number; code?: string } = {},
): Plan {
  return Object.freeze({
    share,
    bands: byAge(drugs),
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
  diabetesType1: [
    plan(1, [D.glargine, D.degludec, D.glargineChild, D.degludecChild]),
    plan(1, [D.aspart, D.aspartChild]),
  ],
  asthma: [
    plan(0.9, [D.salbutamol, D.salbutamolAutohaler, D.salbutamolChild]),
    plan(0.6, [D.symbicort, D.symbicort, D.budesonide, D.budesonideChild, D.fluticasoneChild]),
    plan(0.08, [D.montelukast10, D.montelukast5, D.montelukast4, D.montelukastGranules], { start: 'later' }),
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
  migraine: [plan(0.6, [D.sumatriptan, D.sumatriptanNasal, D.ibuprofenChild])],
  oesophagusDisease: [plan(0.75, [D.pantoprazole20, D.pantoprazole40, D.omeprazole], { ended: 0.3 })],
  sleepDisturbance: [plan(0.4, [D.zopiclone, D.melatonin], { course: 30 })],
  allergicRhinitis: [
    plan(
      0.6,
      [D.cetirizine, D.desloratadine, D.cetirizineChild, D.desloratadineSolution, D.desloratadineSolutionSmall],
      { start: 'later', ended: 0.5 },
    ),
    plan(0.3, [D.mometasone, D.mometasoneChild], { start: 'later', ended: 0.5 }),
  ],
  psoriasis: [plan(0.5, [D.betamethasone, D.hydrocortisoneButyrate], { course: 14 })],
  dermatitis: [plan(0.5, [D.hydrocortisone], { course: 14 })],
  acne: [plan(0.4, [D.adapalene], { course: 90 })],
  cystitis: [plan(0.85, [D.pivmecillinam, D.pivmecillinam, D.sulfamethizole, D.nitrofurantoin], { course: 3 })],
  otitisMedia: [plan(0.5, [D.penicillin, D.penicillinChild, D.penicillinChild, D.amoxicillinChild], { course: 5 })],
  tonsillitis: [plan(0.6, [D.penicillin, D.penicillinChild], { course: 7 })],
  sinusitis: [plan(0.3, [D.penicillin, D.penicillinChild], { course: 7 })],
  pneumonia: [plan(0.85, [D.penicillin, D.penicillin, D.amoxicillin, D.amoxicillinChild], { course: 7 })],
  conjunctivitis: [plan(0.5, [D.chloramphenicol], { course: 5 })],
  ironDeficiencyAnaemia: [plan(0.8, [D.iron, D.ironDrops], { course: 90 })],
  oralContraception: [plan(1, [D.contraceptive], { ended: 0.3 })],
  menopausalComplaint: [plan(0.3, [D.estradiolVaginal], { start: 'later' })],
  lowBackComplaint: [plan(0.3, [D.ibuprofen], { course: 14 }), plan(0.2, [D.paracetamol], { course: 30 })],
  shoulderSyndrome: [plan(0.3, [D.ibuprofen], { course: 14 })],
});

// The card shows recent courses; older ones have dropped out of view.
const COURSE_HISTORY_DAYS = 730;
// Long-term treatment the patient was too young for when it was called for starts within this
// many days of reaching the age of the first product (insulin from one year).
const DEFERRED_START_DAYS = 90;
// Anyone may have had a short course for something never coded (a sprain, a skin infection).
const STRAY_COURSES: AgeBands = byAge([
  D.penicillin,
  D.penicillin,
  D.ibuprofen,
  D.ibuprofen,
  D.paracetamol,
  D.amoxicillin,
  D.dicloxacillin,
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
  const { todayDay, birthDay } = profile;
  const out: Medication[] = [];

  for (const condition of profile.conditions) {
    const plans = PLANS[condition.key];
    if (plans === undefined) continue;
    for (const p of plans) {
      if (p.code !== null && p.code !== condition.icpcCode) continue;
      if (!rng.chance(p.share)) continue;
      const { bands } = p;
      if (p.courseDays > 0) {
        if (condition.onsetDay < todayDay - COURSE_HISTORY_DAYS) continue;
        const start = Math.min(condition.onsetDay + rng.int(0, 1), todayDay);
        const drugs = bands.drugs[bandOf(bands, start - birthDay)] as readonly Drug[];
        if (drugs.length === 0) continue;
        const chosen = rng.pick(drugs);
        // A long course (a year of clopidogrel) is pointless on top of the same long-term drug.
        if (p.courseDays >= 30 && hasAtc(out, chosen.atc)) continue;
        addCourse(ctx, out, chosen, start, p.courseDays, todayDay);
        continue;
      }
      let start = startDay(ctx, condition, p.start, todayDay);
      let band = bandOf(bands, start - birthDay);
      if ((bands.drugs[band] as readonly Drug[]).length === 0) {
        band = firstBandAfter(bands, band);
        if (band < 0) continue;
        start = birthDay + (bands.from[band] as number) + rng.int(0, DEFERRED_START_DAYS);
        if (start > todayDay) continue;
      }
      const chosen = rng.pick(bands.drugs[band] as readonly Drug[]);
      // Long-term treatment is listed once however many conditions call for it.
      if (hasGroup(out, chosen.group)) continue;
      const end = todayDay - start > 120 && rng.chance(p.ended) ? start + rng.int(60, todayDay - start - 1) : null;
      addTreatment(ctx, out, bands, chosen, start, end, birthDay, todayDay);
    }
  }

  if (profile.anticoagulant !== null) {
    out.push(
      item(ctx, anticoagulantDrug(profile.anticoagulant, ctx.patient.ageYears), profile.anticoagulantFromDay, null),
    );
    limitAntiplatelets(ctx, out, profile.anticoagulantFromDay, todayDay);
  }
  if (profile.statinFromDay !== null) {
    out.push(item(ctx, rng.weighted(STATINS), profile.statinFromDay, null));
  }
  if (profile.methotrexateFromDay !== null) {
    out.push(item(ctx, D.methotrexate, profile.methotrexateFromDay, null));
    out.push(item(ctx, D.folicAcid, profile.methotrexateFromDay, null));
  }

  // No medication for the first three months of life beyond what a condition calls for.
  if (todayDay - birthDay > 90) {
    const courses = rng.chance(0.3) ? (rng.chance(0.25) ? 2 : 1) : 0;
    const earliest = Math.max(birthDay + 90, todayDay - COURSE_HISTORY_DAYS);
    for (let i = 0; i < courses; i++) {
      const start = rng.int(earliest, todayDay);
      const drugs = STRAY_COURSES.drugs[bandOf(STRAY_COURSES, start - birthDay)] as readonly Drug[];
      if (drugs.length > 0) addCourse(ctx, out, rng.pick(drugs), start, STRAY_COURSE_DAYS, todayDay);
    }
  }

  sortInPlace(out, byStart);
  return out;
}

/**
 * Long-term treatment from `start` to `end` (null: ongoing). A child who outgrows the product
 * (Singulair 5 mg at 15) is moved on to one the plan has for the new age, the same ingredient
 * where there is one: the old prescription ends the day before, the new one starts that day.
 */
function addTreatment(
  ctx: RecordContext,
  out: Medication[],
  bands: AgeBands,
  first: Drug,
  start: DayNumber,
  end: DayNumber | null,
  birthDay: DayNumber,
  todayDay: DayNumber,
): void {
  const last = end ?? todayDay;
  let d = first;
  let from = start;
  // Each product outgrown leads to one started at an older age: a few rounds at most.
  for (;;) {
    const outgrown = birthDay + d.untilDays;
    if (outgrown > last) {
      out.push(item(ctx, d, from, end));
      return;
    }
    out.push(item(ctx, d, from, outgrown - 1));
    const next = bands.drugs[bandOf(bands, outgrown - birthDay)] as readonly Drug[];
    if (next.length === 0) return;
    d = sameIngredient(next, d) ?? ctx.rng.pick(next);
    from = outgrown;
  }
}

/** The first band after `band` with products, or -1. */
function firstBandAfter(bands: AgeBands, band: number): number {
  for (let i = band + 1; i < bands.drugs.length; i++) if ((bands.drugs[i] as readonly Drug[]).length > 0) return i;
  return -1;
}

function sameIngredient(drugs: readonly Drug[], d: Drug): Drug | undefined {
  for (const other of drugs) if (other.ingredient === d.ingredient) return other;
  return undefined;
}

/** Platelet inhibitors (acetylsalicylic acid, clopidogrel). */
const ANTIPLATELET_ATC = 'B01AC';
/** Days a platelet inhibitor is combined with an anticoagulant after a recent event (stent, infarction). */
const COMBINED_MIN_DAYS = 180;
const COMBINED_MAX_DAYS = 365;

/**
 * An anticoagulated patient takes a platelet inhibitor alongside only for a limited time (the
 * cardiology guidelines: with atrial fibrillation, anticoagulation alone once a coronary event,
 * stented or not, is over a year old). One started while anticoagulated, or in the
 * year before the anticoagulant, runs six to twelve months from its start; an older one stops
 * when the anticoagulant starts. A still-running combination is at most a year old.
 */
function limitAntiplatelets(
  ctx: RecordContext,
  out: Medication[],
  anticoagulantFrom: DayNumber,
  todayDay: DayNumber,
): void {
  for (const m of out) {
    if (!m.atcCode.startsWith(ANTIPLATELET_ATC)) continue;
    const start = isoToDay(m.startDate);
    const end = m.endDate === null ? Number.POSITIVE_INFINITY : isoToDay(m.endDate);
    if (end < anticoagulantFrom) continue;
    const limit =
      start >= anticoagulantFrom - COMBINED_MAX_DAYS
        ? Math.max(start + ctx.rng.int(COMBINED_MIN_DAYS, COMBINED_MAX_DAYS), anticoagulantFrom)
        : anticoagulantFrom - 1;
    if (limit < end && limit < todayDay) m.endDate = dayToIso(limit);
  }
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
