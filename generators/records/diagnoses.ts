/**
 * The diagnoses a GP has registered in the journal: one per condition of the clinical profile,
 * with the ICPC-2 code, a Danish title as GPs write them (several wordings per code, because
 * journals are not uniform), and the registration date, which is the condition's onset. Shared
 * codes (the sharing table of DOMAIN.md) and unshared ones are mixed as in a real journal; the
 * sharing rules are applied later, by the platform, from `domain/sharing.ts`.
 *
 * The titles are ordinary Danish clinical wording (sundhed.dk, the Danish ICPC-2 translation),
 * not an official code list.
 */
import type { JournalDiagnosis, RecordContext } from '../context.ts';
import type { ClinicalProfile } from './clinical-profile.ts';

/** Danish titles by ICPC-2 code; the first is the most common wording. */
export const DANISH_TITLES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  // Sharing table, rule A and B.
  K74: ['Iskæmisk hjertesygdom med angina pectoris', 'Angina pectoris', 'Stabil angina pectoris'],
  K76: ['Iskæmisk hjertesygdom uden angina', 'Kronisk iskæmisk hjertesygdom'],
  K77: ['Hjertesvigt', 'Hjerteinsufficiens', 'Kronisk hjertesvigt'],
  K78: ['Atrieflimren/-flagren', 'Atrieflimren', 'Paroksystisk atrieflimren'],
  K85: ['Forhøjet blodtryk', 'Forhøjet blodtryk uden hypertension'],
  K86: ['Hypertension, ukompliceret', 'Essentiel hypertension', 'Forhøjet blodtryk (hypertension)'],
  K87: ['Hypertension, kompliceret', 'Hypertension med organpåvirkning'],
  L88: ['Reumatoid artritis', 'Leddegigt'],
  L89: ['Hofteartrose', 'Artrose i hoften', 'Slidgigt i hoften'],
  L90: ['Knæartrose', 'Artrose i knæet', 'Slidgigt i knæet'],
  L91: ['Artrose, anden lokalisation', 'Håndartrose', 'Slidgigt'],
  L95: ['Osteoporose', 'Knogleskørhed'],
  P74: ['Angsttilstand', 'Generaliseret angst', 'Panikangst'],
  P76: ['Depression', 'Depressiv enkeltepisode', 'Let depression', 'Moderat depression'],
  R95: ['KOL', 'Kronisk obstruktiv lungesygdom'],
  R96: ['Astma', 'Astma bronkiale'],
  T85: ['Thyreotoksikose', 'Hyperthyreose', 'Graves sygdom'],
  T86: ['Myksødem', 'Hypothyreose', 'Lavt stofskifte'],
  T89: ['Type 1-diabetes', 'Diabetes mellitus type 1', 'Insulinkrævende diabetes'],
  T90: ['Type 2-diabetes', 'Diabetes mellitus type 2', 'Diabetes type 2'],
  D74: ['Kræft i mavesækken', 'Ventrikelcancer'],
  D75: ['Tyktarmskræft', 'Endetarmskræft', 'Kolorektal cancer'],
  D76: ['Kræft i bugspytkirtlen', 'Pancreascancer'],
  D77: ['Kræft i spiserøret', 'Leverkræft', 'Kræft i fordøjelsesorganer, anden'],
  F74: ['Tumor i øjet', 'Malignt melanom i øjet'],
  H75: ['Tumor i øret', 'Akustikusneurinom'],
  K72: ['Tumor i hjerte/kar', 'Hjertetumor'],
  L71: ['Knoglekræft', 'Sarkom'],
  N74: ['Hjernetumor', 'Kræft i nervesystemet'],
  R84: ['Lungekræft', 'Lungecancer'],
  R85: ['Strubekræft', 'Kræft i luftvejene, anden'],
  S77: ['Basalcellekarcinom', 'Modermærkekræft', 'Hudkræft', 'Planocellulært karcinom i huden'],
  U75: ['Nyrekræft', 'Nyrecancer'],
  U76: ['Blærekræft', 'Blæretumor, malign'],
  U77: ['Kræft i urinvejene, anden', 'Kræft i nyrebækken'],
  W72: ['Trofoblastsygdom, malign', 'Kræft i forbindelse med graviditet'],
  X75: ['Livmoderhalskræft', 'Cervixcancer'],
  X76: ['Brystkræft', 'Cancer mammae'],
  X77: ['Livmoderkræft', 'Æggestokkræft', 'Kræft i kvindelige kønsorganer, anden'],
  Y77: ['Prostatakræft', 'Prostatacancer'],
  Y78: ['Testikelkræft', 'Kræft i mandlige kønsorganer, anden'],
  // Outside the table.
  A04: ['Træthed', 'Træthed/svaghed'],
  B72: ['Lymfekræft', 'Lymfom'],
  B73: ['Leukæmi'],
  B80: ['Jernmangelanæmi', 'Blodmangel (jernmangel)'],
  D73: ['Gastroenteritis', 'Maveinfektion'],
  D78: ['Polyp i tyktarmen', 'Benign tumor i fordøjelseskanalen'],
  D84: ['Gastroøsofageal refluks', 'Refluks'],
  F70: ['Infektiøs konjunktivitis', 'Øjenbetændelse'],
  H71: ['Akut mellemørebetændelse', 'Akut otitis media'],
  K75: ['Akut myokardieinfarkt', 'Blodprop i hjertet'],
  K89: ['Transitorisk cerebral iskæmi (TCI)', 'TCI'],
  K90: ['Apopleksi', 'Blodprop i hjernen'],
  K95: ['Åreknuder', 'Varicer på underekstremiteterne'],
  L03: ['Lændesmerter', 'Smerter i lænden'],
  L92: ['Skuldersyndrom', 'Impingement i skulderen'],
  N01: ['Hovedpine'],
  N89: ['Migræne', 'Migræne uden aura'],
  P06: ['Søvnbesvær', 'Søvnløshed'],
  P17: ['Rygning', 'Tobaksforbrug'],
  R74: ['Akut øvre luftvejsinfektion', 'Forkølelse'],
  R75: ['Bihulebetændelse', 'Akut sinuitis'],
  R76: ['Halsbetændelse', 'Akut tonsillitis'],
  R78: ['Akut bronkitis'],
  R81: ['Lungebetændelse', 'Pneumoni'],
  R83: ['Luftvejsinfektion, anden'],
  R86: ['Benign tumor i luftvejene'],
  R97: ['Høfeber', 'Allergisk rhinitis'],
  S03: ['Vorter', 'Fodvorter'],
  S87: ['Atopisk eksem', 'Eksem', 'Atopisk dermatitis'],
  S91: ['Psoriasis'],
  S96: ['Akne', 'Acne vulgaris'],
  T82: ['Fedme', 'Overvægt (BMI over 30)'],
  T92: ['Urinsyregigt', 'Podagra'],
  T93: ['Forhøjet kolesterol', 'Hyperkolesterolæmi', 'Lipidforstyrrelse'],
  U71: ['Blærebetændelse', 'Cystitis'],
  W11: ['P-piller', 'Prævention, p-piller'],
  X11: ['Klimakterielle gener', 'Gener i overgangsalderen'],
  Y79: ['Benign tumor i mandlige kønsorganer', 'Cyste på bitestiklen'],
  Y85: ['Godartet prostataforstørrelse', 'Benign prostatahyperplasi'],
});

// Most GPs pick the standard wording; the others appear now and then.
const FIRST_TITLE_SHARE = 0.7;

/**
 * The patient's registered diagnoses, sorted by `registeredAt`.
 * @example generateDiagnoses(ctx, chronicConditions(profileCtx)) // [{ icpcCode: 'K86', title: 'Hypertension, ukompliceret', … }]
 */
export function generateDiagnoses(ctx: RecordContext, profile: ClinicalProfile): JournalDiagnosis[] {
  const { rng } = ctx;
  const out: JournalDiagnosis[] = [];
  // The profile is sorted by onset, so the output is sorted by registration date.
  for (const c of profile.conditions) {
    const titles = DANISH_TITLES[c.icpcCode];
    let title = c.icpcCode;
    if (titles !== undefined && titles.length > 0) {
      title = (titles.length === 1 || rng.chance(FIRST_TITLE_SHARE) ? titles[0] : rng.pick(titles)) ?? c.icpcCode;
    }
    out.push({ id: ctx.ids.next('dia'), icpcCode: c.icpcCode, title, registeredAt: c.onset });
  }
  return out;
}
