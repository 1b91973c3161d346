/**
 * The app's sign-in operations: MitID sign-in as a persona (in the sandbox, the persona handle
 * stands in for the MitID result), PIN set and PIN login with lockout (domain/pin.ts), and token
 * refresh. Every other operation finds the signed-in person with `signedIn`.
 */
import type { Context, Hono } from 'hono';
import { recordActivity } from '../../domain/consent.ts';
import { attemptPin, newPinState } from '../../domain/pin.ts';
import { accessUntil, decideAccess, type RecordCategory } from '../../domain/proxy.ts';
import { copenhagenDate } from '../../domain/time.ts';
import type { PatientLine } from '../../generators/population.ts';
import type { TokenIssuer } from '../auth/tokens.ts';
import type { SandboxClock } from '../clock.ts';
import { SandboxError } from '../errors.ts';
import { bearerToken, exchangeReportOf } from '../exchange.ts';
import type { Persona, SandboxStore } from '../store.ts';

export interface AuthDeps {
  store: SandboxStore;
  tokens: TokenIssuer;
  clock: SandboxClock;
}

/** The signed-in person of a request, or an unauthorized problem. */
export async function signedIn(c: Context, deps: AuthDeps) {
  const token = bearerToken(c.req.header('authorization'));
  const id = await deps.tokens.verify(token, 'access', deps.clock.now());
  const patient = deps.store.patients.get(id);
  const report = exchangeReportOf(c);
  if (report) report.viewerId = id;
  if (!patient)
    throw new SandboxError('unauthorized', 'The person of this token is no longer in the sandbox; sign in again.');
  // Every authenticated use extends retention by 12 months (a lapsed consent stays lapsed).
  const consent = deps.store.consents.get(id);
  if (consent) deps.store.consents.set(id, recordActivity(consent, deps.clock.now()));
  return patient;
}

/** What domain/proxy.ts decides for `viewer` asking for `category` of `subject`'s data. */
export function accessDecision(viewer: PatientLine, subject: PatientLine, category: RecordCategory, now: Date) {
  return decideAccess(
    {
      viewerId: viewer.patient.id,
      subject: { id: subject.patient.id, birthDate: subject.patient.birthDate },
      custodyHolderIds: subject.patient.custodians.flatMap((l) => (l.patientId ? [l.patientId] : [])),
      category,
    },
    now,
  );
}

export function registerAuth(app: Hono, deps: AuthDeps): void {
  const { store, tokens, clock } = deps;
  /** Tokens for a person who signed in; the exchange is theirs in the request log. */
  const tokenPair = async (c: Context, persona: Persona['patient']) => {
    const report = exchangeReportOf(c);
    if (report) report.viewerId = persona.patient.id;
    return { ...(await tokens.issue(persona.patient.id, clock.now())), patientId: persona.patient.id };
  };

  app.post('/auth/sign-in/eid', async (c) => {
    const { persona } = c.get('request').body as { persona: string };
    const found = store.personas.get(persona);
    if (!found) {
      throw new SandboxError(
        'unauthorized',
        `No persona '${persona}' in this sandbox; a persona is a person of the loaded population, named first-last in lower case (like anne-holm).`,
      );
    }
    // A child gets its own MitID, and so the app, from the 15th birthday; until then a parent acts.
    if (copenhagenDate(clock.now()) < accessUntil(found.patient.patient.birthDate)) {
      throw new SandboxError(
        'unauthorized',
        `${persona} is under 15 and cannot sign in; sign in as a parent with custody.`,
      );
    }
    return c.json(await tokenPair(c, found.patient));
  });

  app.post('/auth/refresh', async (c) => {
    const { refreshToken } = c.get('request').body as { refreshToken: string };
    const issued = await tokens.refresh(refreshToken, clock.now());
    const patientId = await tokens.verify(issued.accessToken, 'access', clock.now());
    const report = exchangeReportOf(c);
    if (report) report.viewerId = patientId;
    return c.json({ ...issued, patientId });
  });

  app.put('/auth/pin', async (c) => {
    const patient = await signedIn(c, deps);
    const { deviceId, pin } = c.get('request').body as { deviceId: string; pin: string };
    const setAt = clock.now();
    // One PIN per device: setting it (after MitID) replaces any earlier one and lifts a lock.
    store.pins.set(deviceId, { personId: patient.patient.id, pin, setAt, state: newPinState() });
    return c.json({ deviceId, setAt: setAt.toISOString() });
  });

  app.post('/auth/sign-in/pin', async (c) => {
    const { deviceId, pin } = c.get('request').body as { deviceId: string; pin: string };
    const saved = store.pins.get(deviceId);
    if (!saved) throw new SandboxError('unauthorized', 'No PIN is set on this device; sign in with MitID and set one.');
    const outcome = attemptPin(saved.state, saved.pin === pin);
    store.pins.set(deviceId, { ...saved, state: outcome.state });
    if (outcome.result === 'locked') {
      throw new SandboxError(
        'pin-locked',
        'PIN login is locked after three wrong PINs; sign in with MitID and set a new PIN.',
      );
    }
    if (outcome.result === 'wrong') {
      throw new SandboxError('unauthorized', 'Wrong PIN.', { attemptsRemaining: outcome.attemptsRemaining });
    }
    const patient = store.patients.get(saved.personId);
    if (!patient) throw new SandboxError('unauthorized', 'The person of this PIN is no longer in the sandbox.');
    return c.json(await tokenPair(c, patient));
  });
}
