/**
 * E-consultations (e-konsultationer) for one patient: threads of the last one to two years, each
 * a question from the patient (or, for a child under 15, from a parent with custody) and usually
 * the doctor's answer, now and then a follow-up. Subjects and bodies are Danish, built from topic
 * templates (rash, mole, prescription renewal, test results, referral, side effects, child fever
 * …) with varying details, greetings and sign-offs. Threads about the patient's medicines, blood
 * tests, blood pressure and referrals follow the journal (generators/records/chart.ts): a renewal
 * or a side effect names a medicine on the card that day, and the doctor says a check-up is over a
 * year ago only when the appointments show it; a question about results follows a sample and names
 * its flags; home blood-pressure readings come from a patient diagnosed with a raised blood
 * pressure, worded by whether they take medicine for it; a patient chases a referral the journal
 * holds, written the weeks before.
 *
 * Rules followed (DOMAIN.md, the journal contract): a thread is `awaiting-answer` after the
 * patient's (or parent's) last message and `answered` after the clinic's; photos are attached only
 * where the clinic allows attachments, on patient messages, at most three; the clinic bills each
 * e-consultation under service code 0105, which the contract carries on the receipt
 * (`EConsultationReceipt`), not on the thread. Figures: use is highest among adults of 30–80 and
 * parents of small children (Sundhedsdatastyrelsen, e-konsultationer per age); clinics answer
 * within a few working days, so answers come 1–3 working days after the question, during clinic
 * hours; patients write at any hour, most in the evening.
 */
import type { components } from '../../contracts/types/platform-journal.d.ts';
import { type EConsultation, ownDoctorOf, type RecordContext, type Referral } from '../context.ts';
import {
  addWorkingDays,
  copenhagenEpochMs,
  copenhagenTimestamp,
  type DayNumber,
  isoToDay,
  weekdayIndex,
} from '../day-calendar.ts';
import type { Rng } from '../rng.ts';
import { lastCheckUpBefore } from './appointments.ts';
import {
  analyteName,
  antihypertensive,
  anyMedicine,
  bloodPressureSince,
  flaggedCount,
  isFasting,
  isHigh,
  isSlight,
  newWithSideEffect,
  pickFlagged,
  pickMedicine,
  recentSampleEnd,
  renewable,
  type SideEffect,
  sampleEndingAt,
  sideEffectOf,
  spokenName,
  type ThreadChart,
  withSideEffect,
} from './chart.ts';
import { chasedReferral, issuedDays, referredTo } from './referrals.ts';
import { poisson } from './sampling.ts';
import { sortInPlace } from './sort.ts';

type Attachment = components['schemas']['Attachment'];
type AttachmentContent = components['schemas']['AttachmentContent'];
type Message = components['schemas']['Message'];
type Party = components['schemas']['Party'];

/** The service code (ydelseskode) under which the clinic bills an e-consultation. */
export const E_CONSULTATION_SERVICE_CODE: components['schemas']['EConsultationReceipt']['serviceCode'] = '0105';

// ── Photos ───────────────────────────────────────────────────────────────────────────────────

type PhotoKind = 'rash' | 'mole' | 'meter';

interface Photo {
  readonly contentType: Attachment['contentType'];
  readonly sizeBytes: number;
  /** Standard base64 of a small, valid image (made with Pillow for this kit; synthetic). */
  readonly data: string;
  readonly fileName: string;
}

// 48×36 JPEG of reddened skin with spots, 494 bytes.
const RASH_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA4KCw0LCQ4NDA0QDw4RFiQXFhQUFiwgIRokNC43NjMuMjI6QVNGOj1OPjIySGJJTlZYXV5dOEVmbWVabFNbXVn/2wBDAQ8QEBYTFioXFypZOzI7WVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVn/wAARCAAkADADASIAAhEBAxEB/8QAGQAAAwEBAQAAAAAAAAAAAAAAAAMEAQUC/8QAJBAAAgICAQMFAQEAAAAAAAAAAQIAAwQREhMhQQUiMVFhkbH/xAAYAQEBAQEBAAAAAAAAAAAAAAAAAQIEBf/EABwRAQADAAIDAAAAAAAAAAAAAAABAhESIRMxYf/aAAwDAQACEQMRAD8A72VeacdrFHIjxFYGYcqolgAwPwJuQnWpZCdbkuDiHGZmZtk9tCcb0oiOP1c2XUtvTLgMfEby7Tk2YBfJ6gb2k7/ZebFrTbHQHmRLVjrD+U3f7OTl+ogIOgwJPmMws4Xjg/Z/9lXxzmn8oconnAtIh3KSeonePreu/wDY3l9SNDZczpcvt8Q1XqdS0Y7Xk8TrUvxsMUuHZttPdNa1DSxpaGr3mfRQMPqEIYaJg+IQgEN9jCED/9k=';
// 48×36 JPEG of skin with a dark mole, 430 bytes.
const MOLE_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA4KCw0LCQ4NDA0QDw4RFiQXFhQUFiwgIRokNC43NjMuMjI6QVNGOj1OPjIySGJJTlZYXV5dOEVmbWVabFNbXVn/2wBDAQ8QEBYTFioXFypZOzI7WVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVn/wAARCAAkADADASIAAhEBAxEB/8QAGgABAQADAQEAAAAAAAAAAAAAAAMBBQYCBP/EACMQAAIBBAMAAgMBAAAAAAAAAAABEQIDBRIEITFBUQYTQnH/xAAXAQEBAQEAAAAAAAAAAAAAAAAAAQQC/8QAFREBAQAAAAAAAAAAAAAAAAAAABH/2gAMAwEAAhEDEQA/AOulMbdk9lA27MrXFJf2Znr01+QyVjH2d7zfb6pXrJ47L8bI7Ky2qqf5q9A2e0j59J7CQJquKRsk/wDSWykbIjpp/wAhxVzn63bDm5StdftHz4DC3uJyP38luh09U0p+nQT2Ni1IpMszsSTEkV4XYAIrEsy/JAAfAbhwAB//2Q==';
// 32×24 PNG of a blood-pressure monitor's display, 166 bytes.
const METER_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAYAgMAAADmPRenAAAADFBMVEX09PQ8PDwqb7DI3Mig0u8dAAAAVUlEQVR42mNgwAkYGUMYGBgYGF4zIYTq//////+vA1yEieFf2LW4MAYGBsbav/fv/kWRwsKI+NYQwcDAwsC0imERwz+EFIpdoaFYtbMwMDCsRhHBAwCmrhZyld7iDwAAAABJRU5ErkJggg==';

const PHOTOS: Readonly<Record<PhotoKind, Photo>> = Object.freeze({
  rash: { contentType: 'image/jpeg', sizeBytes: 494, data: RASH_JPEG, fileName: 'udslaet.jpg' },
  mole: { contentType: 'image/jpeg', sizeBytes: 430, data: MOLE_JPEG, fileName: 'modermaerke.jpg' },
  meter: { contentType: 'image/png', sizeBytes: 166, data: METER_PNG, fileName: 'blodtryk.png' },
});

/**
 * The content of a generated attachment, for serving `getAttachment`: each generated attachment
 * is one of a few small images, known by its content type and size. Undefined for any other.
 */
export function attachmentContent(attachment: Attachment): AttachmentContent | undefined {
  for (const photo of Object.values(PHOTOS)) {
    if (photo.contentType === attachment.contentType && photo.sizeBytes === attachment.sizeBytes) {
      return { ...attachment, data: photo.data };
    }
  }
  return undefined;
}

// ── Topics ───────────────────────────────────────────────────────────────────────────────────

/** What a topic's template knows about the thread it writes. */
interface Scene {
  /** The day of the first message, for "since Sunday". */
  readonly day: DayNumber;
  /** The reference date. */
  readonly today: DayNumber;
  readonly female: boolean;
  /** For child topics: the child's first name, age ('8 måneder', '7 år') and pronouns. */
  readonly child: string;
  readonly age: string;
  /** Under two: age in months, and baby symptoms. */
  readonly infant: boolean;
  /** 'Hun' / 'Han' and 'hun' / 'han'. */
  readonly She: string;
  readonly she: string;
  /** The patient's journal as far as threads follow it (medicines, samples, appointments …). */
  readonly chart: ThreadChart;
  /** The day a raised blood pressure was diagnosed (+Infinity: never); worked out once a patient. */
  readonly bloodPressureSince: number;
  /** The days the referrals were written (`issuedDays`); worked out once a patient. */
  readonly referralDays: readonly DayNumber[];
}

interface Texts {
  subject: string;
  question: string;
  answer: string;
  /** A patient's follow-up and the doctor's reply, where one fits the answer. */
  followUp?: readonly [string, string];
}

interface Topic {
  readonly weight: number;
  /** Age span in years on the day of the question (children's topics: the child's); and sex, if only one. */
  readonly minAge: number;
  readonly maxAge: number;
  readonly sex?: 'female' | 'male';
  readonly photo?: PhotoKind;
  /** Share of first messages with a photo, where the clinic allows attachments. */
  readonly photoShare?: number;
  /** What the patient's chart must hold on the scene's day for the topic (NEEDS_*; default: nothing). */
  readonly needs?: number;
  write(rng: Rng, s: Scene): Texts;
}

// What a topic needs in the chart: a tag that `holds` reads, so that `pickTopic`, which asks it for
// every topic of every thread, calls one function rather than one per topic.
const NEEDS_RENEWABLE = 1;
const NEEDS_SAMPLE = 2;
const NEEDS_SIDE_EFFECT = 3;
const NEEDS_BLOOD_PRESSURE = 4;
const NEEDS_REFERRAL = 5;

/** Whether the chart holds what a topic needs on the scene's day. */
function holds(needs: number, s: Scene): boolean {
  switch (needs) {
    case NEEDS_RENEWABLE:
      return anyMedicine(s.chart, s.day, renewable);
    case NEEDS_SAMPLE:
      return recentSampleEnd(s.chart, s.day) >= 0;
    case NEEDS_SIDE_EFFECT:
      return anyMedicine(s.chart, s.day, withSideEffect);
    case NEEDS_BLOOD_PRESSURE:
      return s.bloodPressureSince < s.day;
    case NEEDS_REFERRAL:
      return s.referralDays.length > 0 && chasedReferral(s.chart.referrals, s.referralDays, s.day) !== undefined;
    default:
      return true;
  }
}

const WEEKDAY_NAMES = Object.freeze(['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'] as const);

/** When something began, `days` before the scene's day, for "siden søndag": 'i går', a weekday, 'sidste uge'. */
function since(s: Scene, days: number): string {
  if (days <= 1) return 'i går';
  return days < 7 ? (WEEKDAY_NAMES[weekdayIndex(s.day - days)] ?? 'mandag') : 'sidste uge';
}

function genitive(name: string): string {
  const last = name[name.length - 1];
  return last === 's' || last === 'x' || last === 'z' ? `${name}'` : `${name}s`;
}

const BODY_PARTS = Object.freeze([
  'underarmen',
  'halsen',
  'maven',
  'ryggen',
  'skinnebenet',
  'hånden',
  'brystet',
  'låret',
] as const);
/** Specialist and the complaint that leads a patient to ask for the referral. */
const REFERRALS: readonly (readonly [string, string])[] = Object.freeze([
  ['fysioterapeut', 'ondt i lænden'],
  ['fysioterapeut', 'ondt i skulderen'],
  ['psykolog', 'det psykisk svært efter et dødsfald i familien'],
  ['hudlæge', 'et eksem, der ikke vil gå væk'],
  ['ortopædkirurg', 'ondt i knæet, også når jeg hviler'],
]);
const DESTINATIONS = Object.freeze(['Thailand', 'Vietnam', 'Kenya', 'Indien', 'Mexico', 'Tanzania', 'Peru'] as const);

const PAST_WEEKDAYS = Object.freeze([
  'mandags',
  'tirsdags',
  'onsdags',
  'torsdags',
  'fredags',
  'lørdags',
  'søndags',
] as const);

/** When a sample was taken, `days` before the scene's day: 'i går', 'i forgårs', 'i mandags', 'i sidste uge' … */
function sampledWhen(s: Scene, days: number): string {
  if (days <= 1) return 'i går';
  if (days === 2) return 'i forgårs';
  if (days < 7) return `i ${PAST_WEEKDAYS[weekdayIndex(s.day - days)] ?? 'mandags'}`;
  if (days < 14) return 'i sidste uge';
  return days < 28 ? 'for et par uger siden' : 'for en måneds tid siden';
}

const ADULT_TOPICS: readonly Topic[] = Object.freeze([
  {
    weight: 10,
    minAge: 15,
    maxAge: 120,
    photo: 'rash',
    photoShare: 0.6,
    write(rng, s) {
      const part = rng.pick(BODY_PARTS);
      const days = rng.int(3, 14);
      return {
        subject: rng.pick([`Udslæt på ${part}`, 'Kløende udslæt', `Rødt udslæt på ${part}`]),
        question: rng.pick([
          `Jeg har i ${days} dage haft et rødt, kløende udslæt på ${part}. Det bliver ikke bedre af fugtighedscreme. Hvad kan det være?`,
          `Der er kommet små røde prikker på ${part}, som klør mest om aftenen. Jeg har ikke skiftet vaskepulver eller creme. Skal jeg gøre noget ved det?`,
          `Siden ${since(s, rng.int(2, 6))} har jeg haft et udslæt på ${part}, der breder sig lidt. Det klør og er varmt at røre ved. Skal jeg komme ind?`,
        ]),
        answer: rng.pick([
          'Det lyder som et eksem. Køb hydrokortisoncreme 1 % på apoteket, og smør et tyndt lag 1-2 gange dagligt i op til en uge. Er det ikke bedre om en uge, så bestil en tid.',
          'Det er svært at vurdere på afstand. Bestil venligst en tid i konsultationen, så jeg kan se på det.',
          'Det lyder ikke alvorligt. Hold huden fugtet med en creme uden parfume, og undgå at kradse. Skriv igen, hvis det breder sig, eller du får feber.',
        ]),
        followUp: [
          'Tak. Må jeg også bruge cremen i ansigtet, hvis det kommer der?',
          'Ja, men kun i få dage ad gangen, da huden i ansigtet er tynd. Kontakt mig, hvis det ikke hjælper.',
        ],
      };
    },
  },
  {
    weight: 5,
    minAge: 18,
    maxAge: 120,
    photo: 'mole',
    photoShare: 0.7,
    write(rng) {
      const part = rng.pick(BODY_PARTS);
      return {
        subject: rng.pick(['Modermærke der har ændret sig', 'Spørgsmål om et modermærke']),
        question: `Jeg har et modermærke på ${part}, som er blevet ${rng.pick(['mørkere', 'større', 'mere uregelmæssigt'])} de sidste måneder. Det klør ind imellem. Skal det undersøges?`,
        answer: rng.pick([
          'Modermærker, der ændrer sig, skal ses. Bestil en tid inden for de næste par uger, så undersøger jeg det og vurderer, om du skal henvises til hudlæge.',
          'Jeg vil gerne se modermærket. Bestil en tid, gerne i denne eller næste uge.',
        ]),
      };
    },
  },
  {
    // Only for a medicine the patient takes; for those who take one, the commonest errand.
    weight: 24,
    minAge: 18,
    maxAge: 120,
    needs: NEEDS_RENEWABLE,
    write(rng, s) {
      const medicine = spokenName(pickMedicine(rng, s.chart, s.day, renewable));
      const subject = rng.pick(['Fornyelse af recept', `Recept på ${medicine}`, 'Receptfornyelse']);
      const question = rng.pick([
        `Jeg skal have fornyet min recept på ${medicine}. Jeg har til ca. ${rng.int(5, 14)} dage endnu.`,
        `Kan jeg få fornyet recepten på ${medicine}? Apoteket siger, at den er udløbet.`,
      ]);
      const answers = [
        `Recepten på ${medicine} er fornyet og ligger klar på apoteket.`,
        `Jeg har fornyet din recept på ${medicine} for et år. Husk at bestille tid til årskontrol i løbet af de næste måneder.`,
      ];
      // Only where the appointments show no check-up in the year before: the thread is within the
      // last year, so the appointments (two years or more) reach a year behind it.
      if (s.day > s.today - YEAR_DAYS && lastCheckUpBefore(s.chart.appointments, s.day) < s.day - YEAR_DAYS) {
        answers.push(
          'Det er over et år siden, du sidst var til kontrol. Jeg har fornyet recepten til 3 måneder, men bestil venligst en tid til kontrol og blodprøver.',
        );
      }
      return { subject, question, answer: rng.pick(answers) };
    },
  },
  {
    // Only after a blood sample, about its results; in the weeks after one, the commonest question.
    weight: 30,
    minAge: 25,
    maxAge: 120,
    needs: NEEDS_SAMPLE,
    write(rng, s) {
      const sample = sampleEndingAt(s.chart, recentSampleEnd(s.chart, s.day));
      const abnormal = flaggedCount(s.chart, sample);
      // The result the thread is about: one flagged, if any.
      const about = pickFlagged(rng, s.chart, sample, abnormal);
      const when = sampledWhen(s, s.day - sample.day);
      const texts: Texts = {
        subject: rng.pick(['Svar på blodprøver', 'Spørgsmål til mine blodprøvesvar', 'Blodprøvesvar']),
        question: `Jeg fik taget blodprøver ${when}. Jeg kan se svarene på sundhed.dk, men forstår ikke alle tallene. Er der noget, jeg skal være opmærksom på?`,
        answer: 'Dine blodprøver er fine, og der er ikke noget, du skal gøre.',
      };
      if (about === undefined) return texts;
      const value = analyteName(about) as string;
      const high = isHigh(about);
      // A patient who sees the flag asks about it; the answer is about it either way.
      if (rng.chance(0.6)) {
        texts.question = `Jeg fik taget blodprøver ${when}. Værdien for ${value} er markeret som for ${high ? 'høj' : 'lav'} på sundhed.dk. Hvad betyder det, og skal jeg gøre noget?`;
      }
      if (isSlight(about) && rng.chance(0.7)) {
        texts.answer = `Værdien for ${value} er ${high ? 'lidt forhøjet' : 'lidt lav'}, men ikke så meget, at det kræver behandling nu. Vi tager en ny prøve om 3 måneder; bestil tid til blodprøve hos sygeplejersken.`;
        texts.followUp = isFasting(about)
          ? [
              'Tak for svaret. Skal jeg være fastende til den nye blodprøve?',
              'Ja, mød fastende: ingen mad efter kl. 22 aftenen før. Du må gerne drikke vand.',
            ]
          : [
              'Tak for svaret. Skal jeg være fastende til den nye blodprøve?',
              'Nej, til den prøve behøver du ikke at være fastende.',
            ];
      } else {
        texts.answer =
          abnormal > 1
            ? 'Der er et par tal, jeg gerne vil tale med dig om. Bestil en telefonkonsultation i næste uge.'
            : `Jeg vil gerne tale med dig om værdien for ${value}. Bestil en telefonkonsultation i næste uge.`;
      }
      return texts;
    },
  },
  {
    // Asking for a referral: the doctor sees the patient first, so the thread names none sent.
    weight: 5,
    minAge: 18,
    maxAge: 120,
    write(rng, s) {
      const [specialist, complaint] =
        s.female && rng.chance(0.15) ? ['gynækolog', 'uregelmæssige blødninger'] : rng.pick(REFERRALS);
      return {
        subject: rng.pick([`Henvisning til ${specialist}`, 'Spørgsmål om henvisning']),
        question: `Jeg har i nogle uger haft ${complaint}. Kan jeg få en henvisning til ${specialist}?`,
        answer: rng.pick([
          'For at jeg kan henvise dig, skal jeg først se dig. Bestil en tid, så taler vi om det.',
          'Bestil en tid, så ser vi på det sammen og vurderer, om en henvisning er det rigtige.',
        ]),
      };
    },
  },
  {
    // Chasing a referral the journal holds, written two to ten weeks before: in those weeks a
    // common errand.
    weight: 20,
    minAge: 18,
    maxAge: 120,
    needs: NEEDS_REFERRAL,
    write(rng, s) {
      const referral = chasedReferral(s.chart.referrals, s.referralDays, s.day) as Referral;
      const where = referredTo(referral);
      const weeks = Math.floor((s.day - isoToDay(referral.issuedOn)) / 7);
      return {
        subject: rng.pick([`Henvisning til ${where}`, 'Spørgsmål om henvisning']),
        question: `Jeg blev henvist til ${where} for ${weeks} uger siden, men har ikke hørt noget. Kan I se, om henvisningen er sendt?`,
        answer:
          referral.status === 'rejected'
            ? 'Henvisningen er desværre blevet afvist af modtageren. Bestil en tid, så vi kan tale om, hvad vi gør i stedet.'
            : rng.pick([
                'Henvisningen er sendt og modtaget. Ventetiden er desværre lang; du kan ringe til dem og høre, hvornår du kan forvente en tid.',
                'Henvisningen er modtaget. De kontakter dig, når de har en tid til dig; du kan også selv ringe og spørge.',
              ]),
      };
    },
  },
  {
    weight: 6,
    minAge: 18,
    maxAge: 120,
    // Only about a medicine on the card with a known side effect; a new one is the likelier.
    needs: NEEDS_SIDE_EFFECT,
    write(rng, s) {
      const isNew = anyMedicine(s.chart, s.day, newWithSideEffect);
      const taken = pickMedicine(rng, s.chart, s.day, isNew ? newWithSideEffect : withSideEffect);
      const { effect, Effect } = sideEffectOf(taken) as SideEffect;
      const medicine = spokenName(taken);
      const weeks = Math.floor((s.day - isoToDay(taken.startDate)) / 7);
      const subject = rng.pick([`Bivirkninger af ${medicine}`, 'Mulig bivirkning']);
      const changeIt = `Det kan godt være en bivirkning af ${medicine}. Fortsæt indtil videre, og bestil en tid, så vi kan tale om at skifte til et andet præparat.`;
      if (!isNew) {
        return {
          subject,
          question: `Jeg har taget ${medicine} i længere tid, men har den seneste tid haft ${effect}. Kan det skyldes medicinen?`,
          answer: changeIt,
        };
      }
      return {
        subject,
        question: `Jeg startede på ${medicine} for ${weeks} uger siden og har siden haft ${effect}. Kan det være en bivirkning? Skal jeg stoppe med medicinen?`,
        answer: rng.pick([
          changeIt,
          `${Effect} er en kendt bivirkning, som ofte aftager efter de første uger. Er det ikke bedre om 14 dage, så skriv igen eller bestil en tid.`,
        ]),
      };
    },
  },
  {
    weight: 6,
    minAge: 18,
    maxAge: 90,
    sex: 'female',
    write(rng, s) {
      return {
        subject: rng.pick(['Svie ved vandladning', 'Mulig blærebetændelse']),
        question: `Siden ${since(s, rng.int(1, 3))} har jeg haft svie, når jeg tisser, og skal tisse hele tiden. Jeg har ikke feber. Kan jeg få noget for blærebetændelse?`,
        answer: rng.pick([
          'Aflever venligst en urinprøve i klinikken i morgen formiddag, gerne morgenurin i et rent glas. Vi undersøger den og ringer til dig med svar.',
          'Det lyder som blærebetændelse. Aflever en urinprøve i klinikken, så kan du starte behandling samme dag, hvis prøven bekræfter det.',
        ]),
      };
    },
  },
  {
    weight: 4,
    minAge: 18,
    maxAge: 75,
    write(rng) {
      const destination = rng.pick(DESTINATIONS);
      return {
        subject: `Vaccination før rejse til ${destination}`,
        question: `Jeg skal til ${destination} om ${rng.int(3, 10)} uger. Hvilke vaccinationer skal jeg have, og kan jeg få dem hos jer?`,
        answer: `Til ${destination} anbefales som minimum vaccination mod hepatitis A, og din stivkrampevaccination skal være opdateret. Bestil tid hos sygeplejersken. Rejsevaccinationer er for egen regning.`,
      };
    },
  },
  {
    // Home readings from a patient diagnosed with a raised blood pressure, on medicine for it or not.
    weight: 8,
    minAge: 18,
    maxAge: 120,
    photo: 'meter',
    photoShare: 0.4,
    needs: NEEDS_BLOOD_PRESSURE,
    write(rng, s) {
      const subject = rng.pick(['Blodtryk målt hjemme', 'Mine blodtryksmålinger']);
      const reading = rng.pick(['145/92', '152/95', '148/90', '158/97']);
      if (anyMedicine(s.chart, s.day, antihypertensive)) {
        const medicine = spokenName(pickMedicine(rng, s.chart, s.day, antihypertensive));
        return {
          subject,
          question: `Jeg har målt mit blodtryk hjemme morgen og aften i en uge. Selvom jeg tager ${medicine}, ligger det omkring ${reading}. Skal jeg gøre noget?`,
          answer: rng.pick([
            'Tak for målingerne. Blodtrykket er lidt for højt trods medicinen. Bestil en tid til kontrol, så vi kan se på din behandling.',
            `Det er for højt til, at vi kan lade det være. Bestil en tid til kontrol, så vi kan øge dosis af ${medicine} eller lægge et præparat til.`,
          ]),
        };
      }
      return {
        subject,
        question: `Jeg har målt mit blodtryk hjemme morgen og aften i en uge, som vi aftalte. Det ligger omkring ${reading}. Skal jeg gøre noget?`,
        answer: rng.pick([
          'Tak for målingerne. Blodtrykket er lidt for højt. Fortsæt med at måle i en uge mere, og bestil en tid til kontrol, når du har målingerne.',
          'Det er for højt til, at vi kan lade det være. Bestil en tid, så vi kan tale om at starte behandling med blodtryksmedicin.',
        ]),
      };
    },
  },
  {
    weight: 6,
    minAge: 15,
    maxAge: 120,
    write(rng) {
      return {
        subject: rng.pick(['Hoste der ikke går over', 'Langvarig hoste']),
        question: `Jeg har haft hoste i ${rng.int(3, 6)} uger efter en forkølelse. Jeg har ikke feber, men hoster meget om natten. Skal jeg ses?`,
        answer:
          'Hoste kan vare flere uger efter en forkølelse. Får du feber eller åndenød, eller hoster du blod op, så ring til os. Ellers bestil en tid, hvis det ikke er bedre om en uge.',
      };
    },
  },
  {
    weight: 3,
    minAge: 18,
    maxAge: 120,
    write() {
      return {
        subject: 'Søvnproblemer',
        question: 'Jeg har i flere måneder sovet dårligt og vågner tidligt hver nat. Kan jeg få noget at sove på?',
        answer:
          'Sovemedicin er kun til kortvarig brug, og jeg vil gerne tale med dig, før vi beslutter noget. Bestil en samtale, gerne en dobbelttid.',
      };
    },
  },
]);

const CHILD_TOPICS: readonly Topic[] = Object.freeze([
  {
    weight: 12,
    minAge: 0.25, // from 3 months: younger babies with fever go straight to Lægevagten
    maxAge: 15,
    write(rng, s) {
      const days = rng.int(1, 4);
      const tenths = rng.int(385, 399);
      const symptom = s.infant
        ? rng.pick(['hoster', 'spiser ikke så godt', 'er meget snottet'])
        : rng.pick(['klager over ondt i halsen', 'hoster meget', 'har ondt i øret', 'spiser ikke så meget']);
      return {
        subject: rng.pick([`${s.child} har feber`, 'Feber hos barn']),
        question: `${s.child} (${s.age}) har haft feber op til ${Math.floor(tenths / 10)},${tenths % 10} siden ${since(s, days)} og ${symptom}. ${s.She} drikker fint. Skal ${s.child} ses?`,
        answer: rng.pick([
          `Feber i et par dage hos et barn, der drikker og er frisk imellem, er sjældent farligt. Giv gerne paracetamol efter vægt. Har ${s.child} stadig feber, så ring og få en tid samme dag.`,
          `Ring venligst til klinikken i telefontiden, så ser vi ${s.child} samme dag.`,
        ]),
        followUp: [
          `Tak. Feberen er væk nu, og ${s.she} er frisk igen.`,
          'Godt at høre. Kontakt os igen, hvis feberen kommer tilbage.',
        ],
      };
    },
  },
  {
    weight: 8,
    minAge: 0,
    maxAge: 15,
    photo: 'rash',
    photoShare: 0.7,
    write(rng, s) {
      const part = s.infant
        ? rng.pick(['numsen', 'kinderne', 'maven'])
        : rng.pick(['armene', 'maven', 'ryggen', 'benene']);
      return {
        subject: rng.pick([`${s.child} har udslæt`, 'Udslæt hos barn']),
        question: `${s.child} (${s.age}) har fået små røde prikker på ${part}. ${s.She} har ikke feber og virker frisk. Er det noget, vi skal være bekymrede for?`,
        answer: rng.pick([
          `Det lyder som et harmløst virusudslæt, som går over af sig selv i løbet af en uge. Får ${s.child} feber eller bliver sløj, så ring til os.`,
          'Jeg vil gerne se udslættet. Bestil en tid, gerne i denne uge.',
        ]),
        followUp: [
          `Tak. Må ${s.she} gerne komme i institution?`,
          `Ja, når ${s.she} er feberfri og frisk, må ${s.she} gerne komme i institution.`,
        ],
      };
    },
  },
  {
    weight: 5,
    minAge: 0,
    maxAge: 13,
    write(rng, s) {
      const days = rng.int(1, 3);
      return {
        subject: 'Reaktion efter vaccination',
        question: `${s.child} (${s.age}) blev vaccineret ${days === 1 ? 'i går' : `for ${days} dage siden`} og har nu let feber og en rød hævelse, hvor stikket blev givet. Er det normalt?`,
        answer: `Let feber og en øm, rød hævelse er almindelige reaktioner de første par døgn efter en vaccination. Giv paracetamol efter vægt ved behov. Kontakt os, hvis ${s.child} bliver sløj, eller hævelsen bliver større.`,
      };
    },
  },
  {
    weight: 5,
    minAge: 1,
    maxAge: 10,
    write(rng, s) {
      return {
        subject: `${s.child} har ondt i øret`,
        question: `${s.child} (${s.age}) har siden ${since(s, rng.int(1, 3))} klaget over ondt i øret og sovet dårligt. ${s.She} har haft lidt feber. Skal ${s.she} ses, eller går det over af sig selv?`,
        answer: `De fleste mellemørebetændelser går over af sig selv i løbet af 2-3 dage. Giv smertestillende efter vægt. Er ${s.child} ikke bedre om to dage, eller løber der noget ud af øret, så bestil en tid.`,
      };
    },
  },
  {
    weight: 4,
    minAge: 1,
    maxAge: 10,
    write(_rng, s) {
      return {
        subject: `${s.child} har hård mave`,
        question: `${s.child} (${s.age}) har i flere uger haft hård mave og har ondt, når ${s.she} skal på toilettet. Hvad kan vi gøre?`,
        answer: `Sørg for, at ${s.child} drikker rigeligt og spiser fiberrigt, fx groft brød, frugt og grønt. Hjælper det ikke inden for 14 dage, så bestil en tid, så vi kan tale om afføringsmiddel.`,
      };
    },
  },
  {
    weight: 4,
    minAge: 0,
    maxAge: 13,
    write(_rng, s) {
      return {
        subject: 'Spørgsmål om vaccination',
        question: `Hvornår skal ${s.child} have sin næste vaccination? Vi har mistet overblikket.`,
        answer: `Du kan se ${genitive(s.child)} vaccinationer i appen under Vaccinationer. Den næste gives ved den næste børneundersøgelse eller vaccinationsalder; bestil gerne tid i god tid.`,
      };
    },
  },
]);

// ── Generator ────────────────────────────────────────────────────────────────────────────────

const GENERIC_FOLLOW_UPS: readonly (readonly [string, string])[] = Object.freeze([
  ['Tak for svaret. Jeg har bestilt en tid.', 'Godt. Vi ses.'],
  ['Tak for svaret, det hjalp.', 'Det var godt at høre. Skriv endelig igen, hvis det bliver værre.'],
]);
const MAX_THREADS = 8;
const YEAR_DAYS = 365;
const MINUTES_A_DAY = 1440;
const RECENT_SHARE = 0.05;
const FOLLOW_UP_SHARE = 0.15;

function threadsPerYear(age: number): number {
  if (age < 2) return 1;
  if (age < 7) return 0.8;
  if (age < 15) return 0.5;
  if (age < 30) return 0.6;
  if (age < 50) return 1.4;
  if (age <= 80) return 1.8;
  return 0.5;
}

function ascending(a: number, b: number): number {
  return a - b;
}

function firstName(name: string): string {
  const space = name.indexOf(' ');
  return space < 0 ? name : name.slice(0, space);
}

/** When a message is sent: day number, minute of the Copenhagen day, and epoch ms to compare. */
interface Sent {
  readonly day: DayNumber;
  readonly minute: number;
  readonly ms: number;
}

function sentAt(day: DayNumber, minute: number): Sent {
  return { day, minute, ms: copenhagenEpochMs(day, minute) };
}

/** Patients write at any hour from 07:00 to 23:00, half of them in the evening. */
function writingMinute(rng: Rng): number {
  const r = rng.next();
  return r < 0.15
    ? rng.int(7 * 60, 8 * 60 + 59)
    : r < 0.5
      ? rng.int(9 * 60, 16 * 60 + 59)
      : rng.int(17 * 60, 22 * 60 + 59);
}

/** Doctors answer in clinic hours, 1–3 working days after the message. */
function answerAfter(rng: Rng, day: number): Sent {
  const r = rng.next();
  return sentAt(addWorkingDays(day, r < 0.55 ? 1 : r < 0.85 ? 2 : 3), rng.int(8 * 60, 15 * 60 + 59));
}

/**
 * The patient's e-consultation threads, oldest first. A child under 15 has threads only when a
 * custodian is given (a parent writes them); answers that would come after the reference instant
 * are not there yet, so recent threads await an answer. `chart` is what the threads follow: a
 * prescription renewal or a side effect names a medicine on the card, a question about results
 * follows a blood sample, home blood-pressure readings a diagnosis, a chased referral one the
 * journal holds, and the check-ups the doctor mentions are the appointments'.
 */
export function generateEConsultations(
  ctx: RecordContext,
  chart: ThreadChart,
  ownDoctor: string | null = ownDoctorOf(ctx),
): EConsultation[] {
  const { rng, patient, clinic, custodians } = ctx;
  const today = isoToDay(ctx.today);
  const birth = isoToDay(patient.birthDate);
  const ownUseFrom = isoToDay(patient.ownAppUseFrom);
  const isChild = today < ownUseFrom;
  if (isChild && custodians.length === 0) return [];
  // A child's threads start after birth; an older patient's own from the 15th birthday (own MitID).
  const earliest = isChild ? birth + 14 : ownUseFrom;
  const start = Math.max(earliest, today - rng.int(365, 730));
  if (start > today - 1) return [];
  const count = Math.min(MAX_THREADS, poisson(rng, (threadsPerYear(patient.ageYears) * (today - start)) / 365.25));
  if (count === 0) return [];

  const topics = isChild ? CHILD_TOPICS : ADULT_TOPICS;
  const doctors = clinic.doctors.length > 0 ? clinic.doctors : [clinic.name];
  const answeredBy = ownDoctor ?? clinic.name;
  const attachments = clinic.capabilities.attachments;
  const asOf = ctx.asOf.getTime();
  const female = patient.sex === 'female';
  const bpSince = bloodPressureSince(chart.profile);
  const referralDays = issuedDays(chart.referrals);

  // When each thread's first message is sent, as minutes since 1970 (on the Copenhagen clock), in order.
  const opened: number[] = [];
  for (let i = 0; i < count; i++) opened.push(rng.int(start, today - 1) * MINUTES_A_DAY + writingMinute(rng));
  // Some patients have just written (this morning or the last two days), so that threads awaiting
  // an answer are not as rare as chance alone would make them.
  if (rng.chance(RECENT_SHARE)) {
    const day = Math.max(start, today - rng.int(0, 2));
    opened[0] = day * MINUTES_A_DAY + (day === today ? rng.int(7 * 60, 11 * 60 + 59) : writingMinute(rng));
  }
  sortInPlace(opened, ascending);

  const threads: EConsultation[] = [];
  for (const at of opened) {
    const day = Math.floor(at / MINUTES_A_DAY);
    const ageAtDay = (day - birth) / 365.25;
    const months = Math.max(1, Math.floor((day - birth) / 30.44));
    const scene: Scene = {
      day,
      today,
      female,
      // Only the children's topics name the child and its age.
      child: isChild ? firstName(patient.name) : '',
      age: !isChild
        ? ''
        : months < 24
          ? `${months} ${months === 1 ? 'måned' : 'måneder'}`
          : `${Math.floor(ageAtDay)} år`,
      infant: months < 24,
      She: female ? 'Hun' : 'Han',
      she: female ? 'hun' : 'han',
      chart,
      bloodPressureSince: bpSince,
      referralDays,
    };
    const topic = pickTopic(rng, topics, ageAtDay, patient.sex, scene);
    if (topic === undefined) continue;
    const author: Party = isChild
      ? { role: 'parent', name: rng.pick(custodians).name }
      : { role: 'patient', name: patient.name };
    const doctor = rng.chance(0.8) ? answeredBy : rng.pick(doctors);
    const texts = topic.write(rng, scene);
    const photo = attachments && topic.photo !== undefined && rng.chance(topic.photoShare ?? 0) ? topic.photo : null;

    const question = patientBody(rng, texts.question, author, doctor, photo !== null);
    const messages: Message[] = [message(ctx, author, question, sentAt(day, at - day * MINUTES_A_DAY), photo)];
    const answered = answerAfter(rng, day);
    if (answered.ms <= asOf) {
      const answer = clinicBody(
        rng,
        photo === null ? texts.answer : `Tak for billedet. ${texts.answer}`,
        author,
        doctor,
      );
      messages.push(message(ctx, clinicParty(doctor), answer, answered, null));
      if (rng.chance(FOLLOW_UP_SHARE)) followUp(ctx, texts, author, doctor, answered, asOf, messages);
    }

    const first = messages[0];
    const last = messages[messages.length - 1];
    if (first === undefined || last === undefined) continue;
    threads.push({
      id: ctx.ids.next('eco'),
      patientId: patient.id,
      subject: texts.subject,
      status: last.author.role === 'clinic' ? 'answered' : 'awaiting-answer',
      createdAt: first.sentAt,
      updatedAt: last.sentAt,
      messages,
    });
  }
  return threads;
}

/** The patient's follow-up 0–3 days after the answer, and the doctor's reply if it has come. */
function followUp(
  ctx: RecordContext,
  texts: Texts,
  author: Party,
  doctor: string,
  answered: Sent,
  asOf: number,
  messages: Message[],
): void {
  const { rng } = ctx;
  const [question, reply] = texts.followUp ?? rng.pick(GENERIC_FOLLOW_UPS);
  const r = rng.next();
  let asked = sentAt(answered.day + (r < 0.4 ? 0 : r < 0.75 ? 1 : r < 0.9 ? 2 : 3), writingMinute(rng));
  if (asked.ms <= answered.ms) asked = sentAt(asked.day + 1, asked.minute);
  if (asked.ms > asOf) return;
  messages.push(message(ctx, author, question, asked, null));
  const replied = answerAfter(rng, asked.day);
  if (replied.ms <= asOf) {
    messages.push(message(ctx, clinicParty(doctor), clinicBody(rng, reply, author, doctor), replied, null));
  }
}

/**
 * A topic by weight among those that fit the patient's age on the day and sex and, where a topic
 * asks, the chart on that day (undefined if none). Which topics fit is worked out once, as a bit
 * mask (the tables have fewer than 32 topics).
 */
function pickTopic(
  rng: Rng,
  topics: readonly Topic[],
  age: number,
  sex: 'female' | 'male',
  scene: Scene,
): Topic | undefined {
  let total = 0;
  let fitting = 0;
  for (let i = 0; i < topics.length; i++) {
    const t = topics[i] as Topic;
    if (!fits(t, age, sex) || (t.needs !== undefined && !holds(t.needs, scene))) continue;
    fitting |= 1 << i;
    total += t.weight;
  }
  let r = rng.next() * total;
  for (let i = 0; i < topics.length; i++) {
    if ((fitting & (1 << i)) === 0) continue;
    const t = topics[i] as Topic;
    r -= t.weight;
    if (r < 0) return t;
  }
  return undefined;
}

function fits(t: Topic, age: number, sex: 'female' | 'male'): boolean {
  return age >= t.minAge && age <= t.maxAge && (t.sex === undefined || t.sex === sex);
}

function clinicParty(doctor: string): Party {
  return { role: 'clinic', name: doctor };
}

/** A greeting to the doctor by first name ('Læge Anne Holm' → 'Hej Anne'), or a plain one. */
function greetDoctor(doctor: string): string {
  return doctor.startsWith('Læge ') ? `Hej ${firstName(doctor.slice(5))}\n\n` : 'Hej\n\n';
}

// Greetings and sign-offs are drawn by thresholds so that only the chosen text is built.
function patientBody(rng: Rng, question: string, author: Party, doctor: string, photo: boolean): string {
  const g = rng.next();
  const greeting = g < 0.33 ? '' : g < 0.66 ? 'Hej\n\n' : g < 0.89 ? greetDoctor(doctor) : 'Kære læge\n\n';
  const photoLine = photo ? (rng.chance(0.5) ? ' Billede vedhæftet.' : ' Jeg har vedhæftet et billede.') : '';
  const e = rng.next();
  const signOff =
    e < 0.3
      ? ''
      : e < 0.5
        ? '\n\nPå forhånd tak'
        : e < 0.8
          ? `\n\nMvh. ${firstName(author.name)}`
          : `\n\nVenlig hilsen\n${author.name}`;
  return `${greeting}${question}${photoLine}${signOff}`;
}

function clinicBody(rng: Rng, answer: string, author: Party, doctor: string): string {
  const g = rng.next();
  const greeting =
    g < 0.43 ? `Kære ${firstName(author.name)}\n\n` : g < 0.86 ? `Hej ${firstName(author.name)}\n\n` : '';
  return `${greeting}${answer}\n\nVenlig hilsen\n${doctor}`;
}

function message(ctx: RecordContext, author: Party, body: string, at: Sent, photo: PhotoKind | null): Message {
  const attachments: Attachment[] = [];
  if (photo !== null) {
    const { rng } = ctx;
    const p = PHOTOS[photo];
    const extension = p.contentType === 'image/png' ? 'png' : 'jpg';
    const r = rng.next();
    const n = r < 0.75 ? 1 : r < 0.95 ? 2 : 3;
    for (let i = 0; i < n; i++) {
      const style = rng.next();
      const fileName =
        i === 0 && style < 0.5
          ? p.fileName
          : style < 0.8
            ? `IMG_${rng.int(1000, 9999)}.${extension}`
            : `billede${i + 1}.${extension}`;
      attachments.push({ id: ctx.ids.next('att'), fileName, contentType: p.contentType, sizeBytes: p.sizeBytes });
    }
  }
  return { id: ctx.ids.next('msg'), author, body, sentAt: copenhagenTimestamp(at.day, at.minute), attachments };
}
