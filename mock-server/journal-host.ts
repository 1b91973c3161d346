/**
 * The journal host: one clinic's fake journal served on its own (the platform ↔ journal contract),
 * plus a Pact provider-state endpoint `POST /__sandbox/provider-states` with the control contract's
 * request and response shapes. It is the reference implementation of that endpoint for journal
 * systems: `minlaege-sandbox verify --provider-states-url` calls a vendor's endpoint the same way,
 * with the states listed below (and in contracts/pacts/README.md). Setup puts the journal into a
 * situation and answers the values the journal pact injects (patientId, cpr, slotId, …); teardown
 * puts the whole journal back at its start, so no interaction sees another's writes.
 */
import { type Context, Hono } from 'hono';
import { loadContract } from '../contracts/index.ts';
import type { components } from '../contracts/types/platform-journal.d.ts';
import { addDays, copenhagenDate, copenhagenInstant } from '../domain/time.ts';
import type { PatientLine } from '../generators/population.ts';
import { createClock, type SandboxClock } from './clock.ts';
import { SandboxError, sandboxBugResponse, ValidationError } from './errors.ts';
import { DEFAULT_AS_OF, DEFAULT_PATIENTS, DEFAULT_SEED } from './host.ts';
import { createFakeJournal } from './journal/index.ts';
import { compiledContract, type ValidationMode } from './middleware/contract-validation/index.ts';
import { createStore, type SandboxStore } from './store.ts';

export interface JournalHostOptions {
  /** The population whose clinic this journal serves (default: seed 'minlaege', 200 patients, 2026-01-15). */
  population?: { seed?: string; asOf?: string; patients?: number };
  /** Which clinic of the population (default: its first). */
  clinicId?: string;
  /** The token the platform presents (the contract's platformToken scheme). */
  platformToken: string;
  /** Journal time at the start (default: noon Copenhagen on the population's reference date). */
  now?: Date;
  /** A response that breaks the contract: 'strict' fails it (default), 'warn' logs it. */
  validation?: ValidationMode;
  log?: (message: string) => void;
}

export interface JournalHost {
  /** The Hono app: the journal API and the provider-state endpoint. */
  app: Hono;
  readonly clinicId: string;
  /** The journal's current state (replaced on teardown and reset). */
  readonly store: SandboxStore;
  readonly clock: SandboxClock;
  /** Puts the journal back at its start. */
  reset(): void;
}

type Values = Record<string, string | number | boolean>;

interface JournalState {
  state: string;
  summary: string;
  /** The names of the values setup answers. */
  values: string[];
  setup(world: World): Promise<Values>;
}

/** What a state's setup works on: the current store, clock and journal app. */
interface World {
  store: SandboxStore;
  clock: SandboxClock;
  clinicId: string;
  /** Calls the journal in process, as the platform would. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

// A small valid JPEG (1×1), for the attachment a state uploads.
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

const ageOn = (line: PatientLine, today: string) => {
  const born = line.patient.birthDate;
  const years = Number(today.slice(0, 4)) - Number(born.slice(0, 4));
  return today.slice(5) < born.slice(5) ? years - 1 : years;
};

/** The clinic's adults (18+) whose consent the journal has in `state`, those with diagnoses first. */
function adults(world: World, state: 'given' | 'never-given' | 'withdrawn'): PatientLine[] {
  const today = copenhagenDate(world.clock.now());
  return [...world.store.patients.values()]
    .filter(
      (l) =>
        l.clinicId === world.clinicId &&
        ageOn(l, today) >= 18 &&
        (world.store.journalConsents.get(l.patient.id)?.state ?? 'never-given') === state,
    )
    .sort((a, b) => Number(b.journal.diagnoses.length > 0) - Number(a.journal.diagnoses.length > 0));
}

function patientWithConsent(world: World): PatientLine {
  const found = adults(world, 'given')[0];
  if (!found) throw new SandboxError('not-found', 'The population has no adult with consent registered.');
  return found;
}

const who = (line: PatientLine): Values => ({ patientId: line.patient.id, cpr: line.patient.cpr });
const asPatient = (line: PatientLine) => ({ role: 'patient', cpr: line.patient.cpr });

/** A patient in a consent state, made so from a consenting adult when nobody is in it. */
function patientIn(world: World, state: 'never-given' | 'withdrawn'): PatientLine {
  const found = adults(world, state)[0];
  if (found) return found;
  const line = patientWithConsent(world);
  world.store.journalConsents.set(line.patient.id, {
    state,
    givenAt: state === 'withdrawn' ? (world.store.journalConsents.get(line.patient.id)?.givenAt ?? null) : null,
    givenBy: null,
    withdrawnAt: state === 'withdrawn' ? world.clock.now().toISOString() : null,
  });
  return line;
}

async function ok(world: World, method: string, path: string, body?: unknown) {
  const answer = await world.call(method, path, body);
  if (answer.status >= 300) {
    throw new Error(`The provider state's ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body as Record<string, unknown>;
}

/** The range a state's slots are looked for in: today and the week after. */
function slotRange(world: World) {
  const from = copenhagenDate(world.clock.now());
  return { from, to: addDays(from, 7) };
}

async function freeSlot(world: World): Promise<string> {
  const clinic = world.store.clinics.get(world.clinicId);
  if (clinic) clinic.capabilities.onlineBooking = true;
  const { from, to } = slotRange(world);
  const list = await ok(world, 'GET', `/slots?from=${from}&to=${to}`);
  const first = (list.items as { id: string }[])[0];
  if (!first) throw new SandboxError('not-found', `The clinic has no free slot from ${from} to ${to}.`);
  return first.id;
}

async function bookedAppointment(world: World): Promise<Values> {
  const line = patientWithConsent(world);
  const slotId = await freeSlot(world);
  const appointment = await ok(world, 'POST', `/patients/${line.patient.id}/appointments`, {
    slotId,
    bookedBy: asPatient(line),
    reason: 'Kontrol af blodtryk',
  });
  return { ...who(line), appointmentId: String(appointment.id) };
}

type Receipt = components['schemas']['EConsultationReceipt'];

async function newThread(world: World, attachments: unknown[]): Promise<{ line: PatientLine; receipt: Receipt }> {
  const line = patientWithConsent(world);
  const receipt = (await ok(world, 'POST', `/patients/${line.patient.id}/e-consultations`, {
    writtenBy: asPatient(line),
    subject: 'Hoste i tre uger',
    body: 'Jeg har hostet i tre uger og er træt. Skal jeg komme ind?',
    attachments,
  })) as unknown as Receipt;
  return { line, receipt };
}

const STATES: JournalState[] = [
  {
    state: 'a patient with consent registered',
    summary: 'Picks an adult patient of the clinic whose consent is registered (one with diagnoses if there is one).',
    values: ['patientId', 'cpr'],
    async setup(world) {
      return who(patientWithConsent(world));
    },
  },
  {
    state: 'a patient without consent',
    summary: 'Picks an adult patient whose consent was never registered (making one so if there is none).',
    values: ['patientId', 'cpr'],
    async setup(world) {
      return who(patientIn(world, 'never-given'));
    },
  },
  {
    state: 'a patient whose consent was withdrawn',
    summary: 'Picks an adult patient whose consent was withdrawn (making one so if there is none).',
    values: ['patientId', 'cpr'],
    async setup(world) {
      return who(patientIn(world, 'withdrawn'));
    },
  },
  {
    state: 'a free slot',
    summary:
      'Switches online booking on and picks the first free slot from today to a week later; from and to are that range.',
    values: ['slotId', 'from', 'to'],
    async setup(world) {
      return { slotId: await freeSlot(world), ...slotRange(world) };
    },
  },
  {
    state: 'a taken slot',
    summary: 'Switches online booking on and marks the first free slot as booked by someone else.',
    values: ['slotId'],
    async setup(world) {
      const slotId = await freeSlot(world);
      let taken = world.store.takenSlots.get(world.clinicId);
      if (!taken) {
        taken = new Set();
        world.store.takenSlots.set(world.clinicId, taken);
      }
      taken.add(slotId);
      return { slotId };
    },
  },
  {
    state: 'a booked appointment',
    summary: 'Books the first free slot for a patient with consent registered; the appointment can be cancelled.',
    values: ['patientId', 'cpr', 'appointmentId'],
    setup: bookedAppointment,
  },
  {
    state: 'a change in the feed',
    summary:
      'Books an appointment for a patient with consent registered; `cursor` reads the feed from just before it, so the first entry after it is that appointment.',
    values: ['patientId', 'cpr', 'appointmentId', 'cursor'],
    async setup(world) {
      // The feed's end before the booking: reading from it gives exactly the booking's change,
      // however much the journal held already.
      let cursor: string | undefined;
      for (;;) {
        const page = await ok(world, 'GET', `/changes?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        cursor = String(page.nextCursor);
        if (!page.hasMore) break;
      }
      return { ...(await bookedAppointment(world)), cursor };
    },
  },
  {
    state: 'a booked video appointment',
    summary:
      'Switches video consultation on and gives a patient with consent registered a booked video appointment later today.',
    values: ['patientId', 'cpr', 'appointmentId'],
    async setup(world) {
      const clinic = world.store.clinics.get(world.clinicId);
      if (clinic) clinic.capabilities.videoConsultation = true;
      const line = patientWithConsent(world);
      const startsAt = new Date(world.clock.now().getTime() + 60 * 60_000);
      const appointment = {
        id: `apt_video${line.patient.id.slice(4)}`,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString(),
        kind: 'video' as const,
        status: 'booked' as const,
        practitioner: null,
        reason: 'Opfølgning på blodprøver',
        bookedBy: { role: 'clinic' as const, name: clinic?.name ?? 'Klinikken' },
        cancelledAt: null,
      };
      line.journal.appointments.push(appointment);
      return { ...who(line), appointmentId: appointment.id };
    },
  },
  {
    state: 'a thread awaiting an answer',
    summary: 'Starts an e-consultation for a patient with consent registered; it awaits the clinic’s answer.',
    values: ['patientId', 'cpr', 'eConsultationId'],
    async setup(world) {
      const { line, receipt } = await newThread(world, []);
      return { ...who(line), eConsultationId: String(receipt.eConsultation.id) };
    },
  },
  {
    state: 'a thread with an attachment',
    summary:
      'Switches attachments on and starts an e-consultation with one photo for a patient with consent registered.',
    values: ['patientId', 'cpr', 'eConsultationId', 'attachmentId'],
    async setup(world) {
      const clinic = world.store.clinics.get(world.clinicId);
      if (clinic) clinic.capabilities.attachments = true;
      const { line, receipt } = await newThread(world, [
        { fileName: 'udslaet.jpg', contentType: 'image/jpeg', data: TINY_JPEG },
      ]);
      const attachment = receipt.eConsultation.messages[0]?.attachments[0];
      if (!attachment) throw new Error('The journal kept no attachment of the new e-consultation');
      return { ...who(line), eConsultationId: receipt.eConsultation.id, attachmentId: attachment.id };
    },
  },
  {
    state: 'the clinic allows attachments',
    summary: 'Switches attachments to e-consultations on for the clinic.',
    values: [],
    async setup(world) {
      const clinic = world.store.clinics.get(world.clinicId);
      if (clinic) clinic.capabilities.attachments = true;
      return {};
    },
  },
  {
    state: 'the clinic does not allow attachments',
    summary: 'Switches attachments to e-consultations off for the clinic.',
    values: [],
    async setup(world) {
      const clinic = world.store.clinics.get(world.clinicId);
      if (clinic) clinic.capabilities.attachments = false;
      return {};
    },
  },
  {
    state: 'the clinic objected to sharing',
    summary:
      'The clinic objects to sharing through the platform: every operation but getClinic is clinic-not-connected.',
    values: [],
    async setup(world) {
      const clinic = world.store.clinics.get(world.clinicId);
      if (clinic) clinic.platformSharing = 'objected';
      return {};
    },
  },
];

const SCENARIO_DEFAULT = 'scenario default';
const POPULATION_PARAMS = ['seed', 'asOf', 'patients'];
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The provider states the journal host knows, for listings and the docs. */
export function journalProviderStates(): { state: string; summary: string; values: string[]; params: string[] }[] {
  return [
    {
      state: SCENARIO_DEFAULT,
      summary: 'Loads the generated population (params seed, asOf, patients) and starts journal time at its noon.',
      values: [],
      params: POPULATION_PARAMS,
    },
    ...STATES.map(({ state, summary, values }) => ({ state, summary, values, params: [] })),
  ];
}

/**
 * Serves one clinic's fake journal with a provider-state endpoint.
 *
 * @example
 * const host = createJournalHost({ platformToken: 'secret' });
 * const server = await listen(host.app.fetch, { host: '127.0.0.1', port: 0 });
 * // Pact: providerBaseUrl server.url, providerStatesSetupUrl `${server.url}/__sandbox/provider-states`
 */
export function createJournalHost(options: JournalHostOptions): JournalHost {
  const log = options.log ?? ((m: string) => console.warn(m));
  const base = {
    seed: options.population?.seed ?? DEFAULT_SEED,
    asOf: options.population?.asOf ?? DEFAULT_AS_OF,
    patients: options.population?.patients ?? DEFAULT_PATIENTS,
  };
  let loaded = base;
  let pristine: SandboxStore;
  let start: Date;
  let current: { store: SandboxStore; clock: SandboxClock; journal: Hono };
  let clinicId = options.clinicId ?? '';

  const fresh = () => {
    // A copy of the generated store: generating it again costs ten times as much.
    const store = structuredClone(pristine);
    const clock = createClock(start);
    const journal = createFakeJournal({
      store,
      clock,
      clinicId,
      platformToken: options.platformToken,
      ...(options.validation ? { validation: options.validation } : {}),
      log,
    });
    current = { store, clock, journal };
  };
  const load = (population: typeof base) => {
    const store = createStore(population);
    if (!clinicId) clinicId = [...store.clinics.keys()][0] ?? '';
    if (!store.clinics.has(clinicId)) {
      throw new SandboxError(
        'not-found',
        `No clinic ${clinicId} in this population (it has ${[...store.clinics.keys()].join(', ')}).`,
      );
    }
    pristine = store;
    loaded = population;
    const unchanged = population.seed === base.seed && population.asOf === base.asOf;
    start = unchanged && options.now ? options.now : copenhagenInstant(population.asOf, 12, 0);
    fresh();
  };
  load(base);

  const world = (): World => ({
    store: current.store,
    clock: current.clock,
    clinicId,
    async call(method, path, body) {
      const response = await current.journal.fetch(
        new Request(`http://journal.local${path}`, {
          method,
          headers: { authorization: `Bearer ${options.platformToken}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      return { status: response.status, body: await response.json().catch(() => undefined) };
    },
  });

  const control = compiledContract(loadContract('sandbox-control'));
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof SandboxError) return error.toResponse(c.req.path);
    return sandboxBugResponse(error, c.req, (message) =>
      log(message.replace('minlaege-sandbox:', 'minlaege-sandbox: journal host')),
    );
  });

  const loopbackOnly = (c: Context) => {
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
      ?.remoteAddress;
    if (remote !== undefined && !LOOPBACK.test(remote)) {
      throw new SandboxError('unauthorized', 'The provider-state endpoint answers only on loopback.');
    }
  };

  app.get('/__sandbox/provider-states', (c) => {
    loopbackOnly(c);
    return c.json({ items: journalProviderStates().map(({ state, summary, params }) => ({ state, summary, params })) });
  });

  app.post('/__sandbox/provider-states', async (c) => {
    loopbackOnly(c);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ValidationError('The body must be JSON: {"state": "...", "params": {}, "action": "setup"}.', [
        { pointer: '/body', message: 'is not valid JSON' },
      ]);
    }
    const issues = control.schemas.validate(control.schemas.schemaOf('ProviderStateRequest'), body);
    if (issues.length > 0) {
      throw new ValidationError(
        `The provider-state request does not match the contract: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}`,
        issues.map((i) => ({ pointer: `/body${i.pointer}`, message: i.message })),
      );
    }
    const {
      state,
      params = {},
      action = 'setup',
    } = body as {
      state: string;
      params?: Record<string, unknown>;
      action?: 'setup' | 'teardown';
    };
    const known = state === SCENARIO_DEFAULT ? undefined : STATES.find((s) => s.state === state);
    if (state !== SCENARIO_DEFAULT && !known) {
      throw new SandboxError(
        'not-found',
        `No provider state "${state}"; GET /__sandbox/provider-states lists them (see contracts/pacts/README.md).`,
      );
    }
    if (action === 'teardown') {
      fresh();
      return c.json({});
    }
    const allowed = state === SCENARIO_DEFAULT ? POPULATION_PARAMS : [];
    const errors = Object.keys(params)
      .filter((k) => !allowed.includes(k))
      .map((k) => ({ pointer: `/body/params/${k}`, message: `is not a parameter of ${state}` }));
    if (errors.length > 0) throw new ValidationError(`Unknown params for ${state}.`, errors);
    if (state === SCENARIO_DEFAULT) {
      const typed = params as { seed?: unknown; asOf?: unknown; patients?: unknown };
      if (typed.seed !== undefined && typeof typed.seed !== 'string')
        errors.push({ pointer: '/body/params/seed', message: 'must be a string' });
      if (typed.asOf !== undefined && !(typeof typed.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(typed.asOf)))
        errors.push({ pointer: '/body/params/asOf', message: 'must be a date YYYY-MM-DD' });
      if (
        typed.patients !== undefined &&
        !(Number.isInteger(typed.patients) && (typed.patients as number) >= 1 && (typed.patients as number) <= 5000)
      )
        errors.push({ pointer: '/body/params/patients', message: 'must be a whole number from 1 to 5000' });
      if (errors.length > 0) throw new ValidationError(`Ill-typed params for ${state}.`, errors);
      load({ ...loaded, ...(params as Partial<typeof base>) });
      return c.json({});
    }
    return c.json(await (known as JournalState).setup(world()));
  });

  app.all('*', (c) => current.journal.fetch(c.req.raw, c.env));

  return {
    app,
    get clinicId() {
      return clinicId;
    },
    get store() {
      return current.store;
    },
    get clock() {
      return current.clock;
    },
    reset: fresh,
  };
}
