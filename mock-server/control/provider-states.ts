/**
 * Pact provider states: the state-change endpoint the Pact verifier calls before and after each
 * interaction. `scenario <name>` loads a scenario into the session; the generic states pick a
 * persona of the current state in a situation (and make the situation when the state has nobody
 * in it: a consent set to lapsed, say), or add a fault. Setup answers the values the
 * interaction's provider-state-injected fields read (patientId, persona, accessToken, …);
 * teardown puts the session back at the loaded scenario's start and removes what the state added.
 */
import type { Context, Hono } from 'hono';
import type { ConsentRecord } from '../../domain/consent.ts';
import { accessUntil } from '../../domain/proxy.ts';
import { addDays, addMonths, copenhagenDate } from '../../domain/time.ts';
import type { PatientLine } from '../../generators/population.ts';
import { SandboxError, ValidationError } from '../errors.ts';
import type { SandboxHost, SandboxSession } from '../host.ts';
import { describePersona, type PersonaDescription } from '../personas.ts';
import { sessionOf } from './api.ts';

type Values = Record<string, string | number | boolean>;

interface GenericState {
  state: string;
  summary: string;
  params: string[];
  setup(session: SandboxSession, params: Record<string, unknown>): Promise<Values>;
}

/** A persona's values: who they are and a ready access token. */
async function valuesOf(session: SandboxSession, p: PersonaDescription): Promise<Values> {
  const issued = await session.sandbox.tokens.issue(p.patientId, session.sandbox.clock.now());
  return { persona: p.handle, patientId: p.patientId, accessToken: issued.accessToken };
}

function personas(session: SandboxSession) {
  const now = session.sandbox.clock.now();
  return [...session.sandbox.store.personas.values()].map((p) => ({
    line: p.patient,
    described: describePersona(session.sandbox.store, p, now),
  }));
}

/** The first adult of 18+ with consent given at a clinic that shares, with or without children. */
function adultWithConsent(session: SandboxSession) {
  return personas(session).find(
    (p) => p.described.age >= 18 && p.described.consent === 'given' && p.described.clinicShares,
  );
}

/** Sets a persona's consent so it is in `state` now (the platform's copies go as the rules say). */
async function makeConsent(session: SandboxSession, line: PatientLine, state: 'lapsed' | 'withdrawn' | 'never-given') {
  const { store, clock } = session.sandbox;
  const now = clock.now();
  const monthsAgo = (n: number) => new Date(`${addMonths(copenhagenDate(now), -n)}T10:00:00Z`);
  const record: ConsentRecord =
    state === 'never-given'
      ? {}
      : state === 'withdrawn'
        ? { givenAt: monthsAgo(6), withdrawnAt: monthsAgo(1), lastActivityAt: monthsAgo(1) }
        : { givenAt: monthsAgo(20), lastActivityAt: monthsAgo(13) };
  store.consents.set(line.patient.id, record);
  store.copies.delete(line.patient.id);
  await session.sandbox.expire();
}

/**
 * The first free slot at the clinic of an adult with consent given, from today to a week later,
 * asked of the platform itself as that adult would (so it is free by the journal's own rules).
 */
async function freeSlotOf(session: SandboxSession) {
  const adult = adultWithConsent(session);
  if (!adult) throw new SandboxError('not-found', 'The loaded scenario has no adult with consent given.');
  const clinicId = adult.line.clinicId;
  const clinic = session.sandbox.store.clinics.get(clinicId);
  if (clinic) clinic.capabilities.onlineBooking = true;
  const from = copenhagenDate(session.sandbox.clock.now());
  const to = addDays(from, 7);
  const { accessToken } = await valuesOf(session, adult.described);
  const answer = await session.sandbox.app.fetch(
    new Request(`http://sandbox.local/patients/${adult.described.patientId}/booking-slots?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    }),
  );
  const slot = answer.ok ? ((await answer.json()) as { items: { id: string }[] }).items[0] : undefined;
  if (!slot) throw new SandboxError('not-found', `The clinic has no free slot from ${from} to ${to}.`);
  return { slotId: slot.id, from, to, clinicId };
}

const GENERIC: GenericState[] = [
  {
    state: 'a persona with consent given',
    summary: 'Picks a persona of 18 or over whose consent is given and whose clinic shares.',
    params: [],
    async setup(session) {
      const found = adultWithConsent(session);
      if (!found) throw new SandboxError('not-found', 'The loaded scenario has no adult with consent given.');
      return valuesOf(session, found.described);
    },
  },
  ...(['never-given', 'withdrawn', 'lapsed'] as const).map(
    (state): GenericState => ({
      state: `a persona whose consent ${state === 'never-given' ? 'was never given' : state === 'withdrawn' ? 'was withdrawn' : 'lapsed'}`,
      summary: `Picks an adult whose consent is ${state} (making one so, from an adult with consent given, if there is none).`,
      params: [],
      async setup(session) {
        let found = personas(session).find(
          (p) => p.described.age >= 18 && p.described.consent === state && p.described.clinicShares,
        );
        if (!found) {
          const adult = adultWithConsent(session);
          if (!adult) throw new SandboxError('not-found', 'The loaded scenario has no adult to put in that state.');
          await makeConsent(session, adult.line, state);
          found = personas(session).find((p) => p.line === adult.line);
        }
        if (!found) throw new SandboxError('not-found', 'No persona in that state.');
        return valuesOf(session, found.described);
      },
    }),
  ),
  {
    state: 'a parent with a child under 15',
    summary: "Picks a persona with consent given who may act for a child; returns the child's patientId as childId.",
    params: [],
    async setup(session) {
      const found = personas(session).find(
        (p) =>
          p.described.consent === 'given' &&
          p.described.clinicShares &&
          p.described.children.some((c) => c.parentMayAct),
      );
      const child = found?.described.children.find((c) => c.parentMayAct);
      if (!found || !child)
        throw new SandboxError('not-found', 'The loaded scenario has no parent of a child under 15.');
      return { ...(await valuesOf(session, found.described)), childId: child.patientId };
    },
  },
  {
    state: 'a parent with a child of 15 or older',
    summary: "Picks a persona with consent given whose child is 15 or older; returns the child's patientId as childId.",
    params: [],
    async setup(session) {
      const today = copenhagenDate(session.sandbox.clock.now());
      for (const p of personas(session)) {
        if (p.described.consent !== 'given' || !p.described.clinicShares) continue;
        const child = p.line.patient.children.find((l) => l.patientId && today >= accessUntil(l.birthDate));
        if (child?.patientId) return { ...(await valuesOf(session, p.described)), childId: child.patientId };
      }
      throw new SandboxError('not-found', 'The loaded scenario has no parent of a child of 15 or older.');
    },
  },
  {
    state: 'a free slot',
    summary:
      'Switches online booking on at the clinic of an adult with consent given and picks its first free slot from today to a week later (slotId, from, to).',
    params: [],
    async setup(session) {
      return freeSlotOf(session);
    },
  },
  {
    state: 'a taken slot',
    summary: 'As a free slot, then marks the slot as booked by someone else (slotId).',
    params: [],
    async setup(session) {
      const { slotId, clinicId } = await freeSlotOf(session);
      const { store } = session.sandbox;
      let taken = store.takenSlots.get(clinicId);
      if (!taken) {
        taken = new Set();
        store.takenSlots.set(clinicId, taken);
      }
      taken.add(slotId);
      return { slotId };
    },
  },
  ...(
    [
      ['allows', true],
      ['does not allow', false],
    ] as const
  ).map(
    ([verb, on]): GenericState => ({
      state: `the clinic ${verb} attachments`,
      summary: `Switches attachments to e-consultations ${on ? 'on' : 'off'} at every clinic of the session until teardown.`,
      params: [],
      async setup(session) {
        for (const clinic of session.sandbox.store.clinics.values()) clinic.capabilities.attachments = on;
        return {};
      },
    }),
  ),
  {
    state: 'the journal is unavailable',
    summary: 'Adds a journal outage fault to the session until teardown.',
    params: [],
    async setup(session) {
      session.faults.add({ target: 'journal', match: { path: '/**' }, effect: { kind: 'outage' } });
      return {};
    },
  },
];

const SCENARIO_PREFIX = 'scenario ';

/**
 * What `scenario <name>` answers: the patient id of each person the scenario names, by handle,
 * and with `as` (a handle) that persona's own `patientId`, `persona` and a ready `accessToken`.
 */
async function scenarioValues(session: SandboxSession, name: string, as: string | undefined): Promise<Values> {
  const { store } = session.sandbox;
  const values: Values = { scenario: name };
  for (const handle of session.people) {
    const id = store.personas.get(handle)?.patient.patient.id;
    if (id) values[handle] = id;
  }
  if (as !== undefined) {
    const persona = store.personas.get(as);
    if (!persona) {
      throw new ValidationError(`The scenario has no persona ${as}.`, [
        { pointer: '/body/params/as', message: `is not a persona of ${name}` },
      ]);
    }
    const described = describePersona(store, persona, session.sandbox.clock.now());
    if (!described.canSignIn) {
      throw new ValidationError(`${as} is under 15 and cannot sign in.`, [
        { pointer: '/body/params/as', message: 'must be a persona who can sign in' },
      ]);
    }
    Object.assign(values, await valuesOf(session, described));
  }
  return values;
}

export function registerProviderStates(app: Hono, host: SandboxHost): void {
  app.get('/__sandbox/provider-states', (c) =>
    c.json({
      items: [
        ...[...host.scenarios.values()].map((s) => ({
          state: `${SCENARIO_PREFIX}${s.name}`,
          summary: `Loads ${s.name}: ${s.summary}`,
          params: s.source === 'population' ? ['seed', 'asOf', 'patients', 'as'] : ['as'],
        })),
        ...GENERIC.map(({ state, summary, params }) => ({ state, summary, params })),
      ],
    }),
  );

  app.post('/__sandbox/provider-states', async (c: Context) => {
    const session = sessionOf(c);
    const {
      state,
      params = {},
      action = 'setup',
    } = c.get('request').body as {
      state: string;
      params?: Record<string, unknown>;
      action?: 'setup' | 'teardown';
    };
    const generic = GENERIC.find((g) => g.state === state);
    const scenario = state.startsWith(SCENARIO_PREFIX)
      ? host.scenarios.get(state.slice(SCENARIO_PREFIX.length))
      : undefined;
    if (!generic && !scenario) {
      throw new SandboxError('not-found', `No provider state "${state}"; GET /__sandbox/provider-states lists them.`);
    }
    if (action === 'teardown') {
      const { name, seed, asOf, patients } = session.scenario;
      host.load(session, name, { seed, asOf, patients });
      session.faults.clear();
      return c.json({});
    }
    if (scenario) {
      const known = scenario.source === 'population' ? ['seed', 'asOf', 'patients', 'as'] : ['as'];
      const errors = Object.keys(params)
        .filter((k) => !known.includes(k))
        .map((k) => ({ pointer: `/body/params/${k}`, message: `is not a parameter of ${state}` }));
      const typed = params as { seed?: unknown; asOf?: unknown; patients?: unknown; as?: unknown };
      if (typed.as !== undefined && typeof typed.as !== 'string') {
        errors.push({ pointer: '/body/params/as', message: 'must be a persona handle' });
      }
      if (typed.seed !== undefined && typeof typed.seed !== 'string')
        errors.push({ pointer: '/body/params/seed', message: 'must be a string' });
      if (typed.asOf !== undefined && typeof typed.asOf !== 'string') {
        errors.push({ pointer: '/body/params/asOf', message: 'must be a date YYYY-MM-DD' });
      }
      if (
        typed.patients !== undefined &&
        !(Number.isInteger(typed.patients) && (typed.patients as number) >= 1 && (typed.patients as number) <= 5000)
      ) {
        errors.push({ pointer: '/body/params/patients', message: 'must be a whole number from 1 to 5000' });
      }
      if (errors.length > 0) throw new ValidationError(`Unknown or ill-typed params for ${state}.`, errors);
      const { as, ...overrides } = params as { seed?: string; asOf?: string; patients?: number; as?: string };
      // A refused setup leaves the session as it was.
      const before = { ...session };
      host.load(session, scenario.name, overrides);
      try {
        return c.json(await scenarioValues(session, scenario.name, as));
      } catch (error) {
        Object.assign(session, before);
        throw error;
      }
    }
    if (Object.keys(params).length > 0) {
      throw new ValidationError(
        `${state} takes no params.`,
        Object.keys(params).map((k) => ({ pointer: `/body/params/${k}`, message: 'is not a parameter of this state' })),
      );
    }
    return c.json(await (generic as GenericState).setup(session, params));
  });
}
