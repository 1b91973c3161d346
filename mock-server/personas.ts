/**
 * The people one can sign in as, described the way a tester looks for them: age, consent state,
 * children and whether the parent may act for each, protected address, a clinic that objected to
 * sharing. `serve` prints a selection at start; the control API lists them all.
 */
import { type ConsentState, consentState } from '../domain/consent.ts';
import { platformSharingProblem } from '../domain/platform-sharing.ts';
import { accessUntil } from '../domain/proxy.ts';
import { copenhagenDate } from '../domain/time.ts';
import { ageOn } from '../generators/people.ts';
import type { Persona, SandboxStore } from './store.ts';

export interface PersonaChild {
  patientId: string;
  name: string;
  age: number;
  /** A parent with custody acts for a child until the day before the 15th birthday. */
  parentMayAct: boolean;
}

export interface PersonaDescription {
  handle: string;
  patientId: string;
  name: string;
  age: number;
  /** Under 15 there is no own MitID: a parent with custody acts instead. */
  canSignIn: boolean;
  consent: ConsentState;
  addressProtected: boolean;
  clinicId: string;
  clinicShares: boolean;
  children: PersonaChild[];
  /** One line for a person looking for someone to sign in as. */
  summary: string;
}

export function describePersona(store: SandboxStore, persona: Persona, now: Date): PersonaDescription {
  const today = copenhagenDate(now);
  const { patient, clinicId } = persona.patient;
  const consent = consentState(store.consents.get(patient.id) ?? {}, now);
  const clinic = store.clinics.get(clinicId);
  const clinicShares = clinic !== undefined && platformSharingProblem(clinic.platformSharing) === undefined;
  const children = patient.children.flatMap((link): PersonaChild[] =>
    link.patientId && store.patients.has(link.patientId)
      ? [
          {
            patientId: link.patientId,
            name: link.name,
            age: ageOn(link.birthDate, today),
            parentMayAct: today < accessUntil(link.birthDate),
          },
        ]
      : [],
  );
  const age = ageOn(patient.birthDate, today);
  const traits = [`${age} years`, `consent ${consent}`];
  if (children.length > 0) {
    traits.push(
      `children ${children.map((c) => `${c.name.split(' ')[0]} ${c.age}${c.parentMayAct ? '' : ' (no parent access)'}`).join(', ')}`,
    );
  }
  if (patient.addressProtected) traits.push('protected address');
  if (!clinicShares) traits.push('clinic does not share through the platform');
  return {
    handle: persona.handle,
    patientId: patient.id,
    name: patient.name,
    age,
    canSignIn: today >= accessUntil(patient.birthDate),
    consent,
    addressProtected: patient.addressProtected,
    clinicId,
    clinicShares,
    children,
    summary: traits.join(', '),
  };
}

export function describePersonas(store: SandboxStore, now: Date): PersonaDescription[] {
  return [...store.personas.values()].map((p) => describePersona(store, p, now));
}

/**
 * A few personas covering the situations testers start from, the first match of each: a parent
 * acting for a child under 15, a teenager of 15+ with their own MitID, consent never given,
 * withdrawn and lapsed, a protected address, and a patient of a clinic that does not share.
 */
export function featuredPersonas(store: SandboxStore, now: Date): PersonaDescription[] {
  const all = describePersonas(store, now).filter((p) => p.canSignIn);
  const wanted: ((p: PersonaDescription) => boolean)[] = [
    (p) => p.consent === 'given' && p.clinicShares && p.children.some((c) => c.parentMayAct),
    (p) => p.consent === 'given' && p.clinicShares && p.age < 18,
    (p) => p.consent === 'given' && p.clinicShares && p.children.length === 0,
    (p) => p.consent === 'never-given',
    (p) => p.consent === 'withdrawn',
    (p) => p.consent === 'lapsed',
    (p) => p.addressProtected,
    (p) => !p.clinicShares,
  ];
  const chosen: PersonaDescription[] = [];
  for (const matches of wanted) {
    const found = all.find((p) => matches(p) && !chosen.includes(p));
    if (found) chosen.push(found);
  }
  return chosen;
}
