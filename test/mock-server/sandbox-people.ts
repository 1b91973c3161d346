// What the e-consultation, video and change-feed tests share: signing in as a persona, calling the
// sandbox, and finding people with the properties a test needs in the generated population.
import { expect } from 'vitest';
import { problemKindOf } from '../../domain/problem-types.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { copenhagenDate } from '../../domain/time.ts';
import type { PatientLine } from '../../generators/population.ts';
import type { Sandbox } from '../../mock-server/index.ts';
import type { SandboxStore } from '../../mock-server/store.ts';

/** A small JPEG and PNG (the generators' photos begin the same way). */
export const JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';
export const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAF0lEQVR4nGN4sWXFzZ4Ghps9DS+2rAAAO34IUxKnjWoAAAAASUVORK5CYII=';

/** The decoded size of padded base64. */
export const bytesOf = (base64: string) => Buffer.from(base64, 'base64').length;

/** Adults of the store who can sign in and see their own data (consent given, clinic connected). */
export function consentingAdults(store: SandboxStore): PatientLine[] {
  return [...store.personas.values()]
    .map((p) => p.patient)
    .filter((line) => line.expected.app.self !== null && 'categories' in line.expected.app.self);
}

/** A parent among `adults` with custody of a registered child, under 15 or not at `today`. */
export function parentWithChild(store: SandboxStore, adults: PatientLine[], today: string, under15: boolean) {
  for (const parent of adults) {
    for (const link of parent.patient.children) {
      const child = link.patientId ? store.patients.get(link.patientId) : undefined;
      if (!child?.patient.custodians.some((c) => c.patientId === parent.patient.id)) continue;
      if (today < accessUntil(child.patient.birthDate) === under15) return { parent, child };
    }
  }
  throw new Error(`no consenting parent with custody of a child ${under15 ? 'under' : 'of'} 15`);
}

/** Sign-in and calls as personas of a sandbox. */
export function session(sandbox: Sandbox) {
  const today = copenhagenDate(sandbox.clock.now());
  const tokenOf = async (line: PatientLine) => {
    const persona = [...sandbox.store.personas.values()].find((p) => p.patient === line);
    const res = await sandbox.app.request('/auth/sign-in/eid', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: persona?.handle }),
    });
    expect(res.status).toBe(200);
    return (await res.json()).accessToken as string;
  };
  const call = (token: string, method: string, path: string, body?: unknown) =>
    sandbox.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { today, tokenOf, call };
}

/** The problem kind of a refusal, after checking it is problem+json with the status the kind has. */
export async function problemOf(res: Response): Promise<string | undefined> {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = await res.json();
  expect(body.status).toBe(res.status);
  return problemKindOf(body.type);
}
