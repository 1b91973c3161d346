/**
 * The provider state verify needs that the journal host (mock-server/journal-host.ts) does not
 * have, for the kit's own fake journal: a host mounts it in front of its own states with
 * `registerConformanceStates(app, deps)`. `conformance patient <n>` installs patient n of the
 * conformance set in the journal's clinic, exactly as exported and without consent (setting it up
 * again resets it, freeing the slots its earlier copy booked). `a free slot` is the host's own
 * (it answers `slotId` as verify needs). Other states fall through
 * to the next handler on the same route, so the host's own states keep working: mount these first.
 * `deps` is read at each request, so a host that replaces its store (a teardown) passes getters.
 *
 * @example
 * registerConformanceStates(app, { get store() { return host.store; }, get clock() { return host.clock; }, clinicId });
 * // POST /__sandbox/provider-states {"state":"conformance patient 1","action":"setup"} → {"patientId":"pat_…"}
 */
import { type Context, Hono } from 'hono';
import type { PatientLine } from '../generators/population.ts';
import type { SandboxClock } from '../mock-server/clock.ts';
import { SandboxError } from '../mock-server/errors.ts';
import { journalState } from '../mock-server/journal/state.ts';
import type { SandboxStore } from '../mock-server/store.ts';
import { conformancePatients } from './conformance-set.ts';
import { conformancePatientNumber } from './provider-states.ts';

export const PROVIDER_STATES_PATH = '/__sandbox/provider-states';

export interface ConformanceStateDeps {
  store: SandboxStore;
  clock: SandboxClock;
  /** The clinic the journal serves; conformance patients are installed there. */
  clinicId: string;
}

/** Installs (or resets) conformance patient n in the clinic; returns its id. */
export function installConformancePatient(deps: ConformanceStateDeps, n: number): string {
  const source = conformancePatients()[n - 1];
  if (!source) throw new RangeError(`There is no conformance patient ${n} (1–${conformancePatients().length})`);
  const { store, clinicId } = deps;
  const id = source.patient.id;
  const taken = store.takenSlots.get(clinicId);
  // Slots the earlier copy booked online (their appointment ids begin with the slot's start) are free again.
  for (const a of store.patients.get(id)?.journal.appointments ?? []) {
    if (a.status === 'booked' && /^apt_\d{12}/.test(a.id)) taken?.delete(`slt_${a.id.slice(4, 16)}`);
  }
  const line: PatientLine = {
    type: 'patient',
    index: -n,
    synthetic: true,
    clinicId,
    household: { block: -1, kind: 'single' },
    patient: structuredClone(source.patient),
    consent: { state: 'never-given', givenAt: null, withdrawnAt: null, lastActivityAt: null },
    journal: structuredClone(source.journal),
    expected: { extract: structuredClone(source.expected.extract), app: { self: null, proxies: [] } },
  };
  store.patients.set(id, line);
  store.journalConsents.set(id, { state: 'never-given', givenAt: null, givenBy: null, withdrawnAt: null });
  journalState(store, clinicId).consentFrom.delete(id);
  return id;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function registerConformanceStates(app: Hono, deps: ConformanceStateDeps): void {
  app.post(PROVIDER_STATES_PATH, async (c: Context, next) => {
    // Like the host's own states: only on loopback (the Node server passes the socket as env).
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
      ?.remoteAddress;
    if (remote !== undefined && !LOOPBACK.test(remote)) {
      return new SandboxError('unauthorized', 'The provider-state endpoint answers only on loopback.').toResponse(
        PROVIDER_STATES_PATH,
      );
    }
    let body: { state?: unknown; action?: unknown };
    try {
      // A clone, so that the next handler (the host's own states) can still read the body.
      body = (await c.req.raw.clone().json()) as typeof body;
    } catch {
      return next();
    }
    const state = typeof body.state === 'string' ? body.state : '';
    const n = conformancePatientNumber(state);
    if (n === undefined) return next();
    // Setup resets what a state needs, so there is nothing to undo.
    if (body.action === 'teardown') return c.json({});
    if (n > conformancePatients().length) {
      const detail = `There is no conformance patient ${n} (1–${conformancePatients().length}).`;
      return new SandboxError('not-found', detail).toResponse(PROVIDER_STATES_PATH);
    }
    return c.json({ patientId: installConformancePatient(deps, n) });
  });
}

/** What `withConformanceStates` needs of a journal host (mock-server/journal-host.ts has it all). */
export interface HostLike {
  app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> };
  readonly store: SandboxStore;
  readonly clock: SandboxClock;
  readonly clinicId: string;
}

/**
 * A journal host's fetch handler with the conformance states in front of its own: what `verify`
 * needs of the kit's journal, for tests, the benchmark, and a `journal` command that serves it.
 * @example listen(withConformanceStates(createJournalHost({ platformToken })), { host, port })
 */
export function withConformanceStates(
  host: HostLike,
): (request: Request, env?: unknown) => Response | Promise<Response> {
  const app = new Hono();
  registerConformanceStates(app, {
    get store() {
      return host.store;
    },
    get clock() {
      return host.clock;
    },
    clinicId: host.clinicId,
  });
  // The Node server's env (the socket) passes through, so the host still sees who is calling.
  app.all('*', (c) => host.app.fetch(c.req.raw, c.env));
  return (request, env) => app.fetch(request, env);
}
