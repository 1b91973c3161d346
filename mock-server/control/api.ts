/**
 * The control API (`contracts/sandbox-control.openapi.yaml`) over a session of the host: its
 * clock, the scenario it holds, personas with ready tokens, Pact provider states, the request log,
 * faults, snapshots, and the list of sessions. Requests arrive validated against the control
 * contract, with the session in the fetch env.
 */
import type { Context, Hono } from 'hono';
import { addDuration, DurationError } from '../../domain/duration.ts';
import { copenhagenIso, inSandboxTime } from '../../domain/time.ts';
import { SandboxError, ValidationError } from '../errors.ts';
import { checkAsOf, type LoadedScenario, type SandboxHost, type SandboxSession, type TimelineEvent } from '../host.ts';
import { describePersonas } from '../personas.ts';
import { exportState, importState, SnapshotError } from '../snapshot.ts';
import type { FaultRequest } from './faults.ts';
import { registerProviderStates } from './provider-states.ts';
import type { Verdict } from './request-log.ts';
import { DEFAULT_SESSION } from './sessions.ts';

const MAX_FAULTS = 100;
export const SNAPSHOT_FORMAT = 'minlaege-sandbox-snapshot';

/** The session the request belongs to (the host resolved it from X-Sandbox-Session). */
export const sessionOf = (c: Context): SandboxSession => (c.env as { session: SandboxSession }).session;

export function scenarioBody(scenario: LoadedScenario) {
  return {
    name: scenario.name,
    summary: scenario.summary,
    seed: scenario.seed,
    asOf: scenario.asOf,
    patients: scenario.patients,
    start: copenhagenIso(scenario.start),
    loadedAt: copenhagenIso(scenario.loadedAt),
  };
}

function clockBody(session: SandboxSession) {
  return {
    now: copenhagenIso(session.sandbox.clock.now()),
    timeZone: 'Europe/Copenhagen' as const,
    scenarioStart: copenhagenIso(session.scenario.start),
    pendingEvents: session.timeline.length,
  };
}

function checkClock(instant: Date, pointer: string): Date {
  const t = instant.getTime();
  if (Number.isNaN(t)) {
    throw new ValidationError('Not an instant the sandbox can keep time at.', [
      { pointer, message: 'is not a representable instant (a leap second, or a date that does not exist)' },
    ]);
  }
  if (!inSandboxTime(t)) {
    throw new ValidationError('Sandbox time runs from 1900 to the end of 2099.', [
      { pointer, message: 'must put sandbox time between 1900-01-01 and 2099-12-31' },
    ]);
  }
  return instant;
}

const eventBody = (e: TimelineEvent) => ({ at: copenhagenIso(e.at), kind: e.kind, summary: e.summary });

export function registerControl(app: Hono, host: SandboxHost, _options: { log: (m: string) => void }): void {
  const body = <T>(c: Context) => c.get('request').body as T;

  // --- clock ---------------------------------------------------------------------------------
  app.get('/__sandbox/clock', (c) => c.json(clockBody(sessionOf(c))));
  // The move's events, and any that came due before it and were not reported yet (a scenario's
  // events at its start fire with the first request after the load, whatever it is).
  const moved = async (c: Context, session: SandboxSession) => {
    await host.catchUp(session, { sweep: true });
    const fired = session.unreported.splice(0);
    return c.json({ ...clockBody(session), fired: fired.map(eventBody) });
  };
  app.put('/__sandbox/clock', async (c) => {
    const session = sessionOf(c);
    session.sandbox.clock.set(checkClock(new Date(body<{ now: string }>(c).now), '/body/now'));
    return moved(c, session);
  });
  app.post('/__sandbox/clock/advance', async (c) => {
    const session = sessionOf(c);
    const { by } = body<{ by: string }>(c);
    let next: Date;
    try {
      next = addDuration(session.sandbox.clock.now(), by);
    } catch (error) {
      if (error instanceof DurationError) {
        throw new ValidationError(error.message, [{ pointer: '/body/by', message: error.message }]);
      }
      throw error;
    }
    session.sandbox.clock.set(checkClock(next, '/body/by'));
    return moved(c, session);
  });

  // --- scenarios -----------------------------------------------------------------------------
  app.get('/__sandbox/scenarios', (c) =>
    c.json({
      items: [...host.scenarios.values()]
        .map((s) => ({
          name: s.name,
          summary: s.summary,
          source: s.source,
          ...(s.digest === undefined ? {} : { digest: s.digest }),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }),
  );
  app.get('/__sandbox/scenario', (c) => c.json(scenarioBody(sessionOf(c).scenario)));
  app.put('/__sandbox/scenario', (c) => {
    const session = sessionOf(c);
    const { name, ...overrides } = body<{ name: string; seed?: string; asOf?: string; patients?: number }>(c);
    host.load(session, name, overrides);
    return c.json(scenarioBody(session.scenario));
  });
  app.post('/__sandbox/reset', (c) => {
    const session = sessionOf(c);
    const { name, seed, asOf, patients } = session.scenario;
    host.load(session, name, { seed, asOf, patients });
    return c.json(scenarioBody(session.scenario));
  });

  // --- personas ------------------------------------------------------------------------------
  app.get('/__sandbox/personas', async (c) => {
    const session = sessionOf(c);
    const { consent, canSignIn } = c.get('request').query as { consent?: string; canSignIn?: boolean };
    const now = session.sandbox.clock.now();
    const chosen = describePersonas(session.sandbox.store, now).filter(
      (p) => (consent === undefined || p.consent === consent) && (canSignIn === undefined || p.canSignIn === canSignIn),
    );
    const items = await Promise.all(
      chosen.map(async (p) => {
        if (!p.canSignIn) return { ...p, tokens: null };
        const issued = await session.sandbox.tokens.issue(p.patientId, now);
        return {
          ...p,
          tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresIn: issued.expiresIn },
        };
      }),
    );
    return c.json({ items });
  });

  registerProviderStates(app, host);

  // --- request log ---------------------------------------------------------------------------
  app.get('/__sandbox/requests', (c) => {
    const { requests } = sessionOf(c);
    const q = c.get('request').query as {
      persona?: string;
      operationId?: string;
      verdict?: Verdict;
      limit?: number;
      since?: string;
    };
    const items = requests.list({
      ...(q.persona !== undefined ? { persona: q.persona } : {}),
      ...(q.operationId !== undefined ? { operationId: q.operationId } : {}),
      ...(q.verdict !== undefined ? { verdict: q.verdict } : {}),
      ...(q.since !== undefined ? { since: new Date(q.since) } : {}),
      limit: q.limit ?? 100,
    });
    return c.json({
      items: items.map((e) => ({ ...e, at: copenhagenIso(new Date(e.at)) })),
      capacity: requests.capacity,
      dropped: requests.dropped,
    });
  });
  app.delete('/__sandbox/requests', (c) => {
    sessionOf(c).requests.clear();
    return c.body(null, 204);
  });

  // --- faults --------------------------------------------------------------------------------
  const faultBody = (f: ReturnType<SandboxSession['faults']['list']>[number]) => ({
    ...f,
    createdAt: copenhagenIso(new Date(f.createdAt)),
    expiresAt: f.expiresAt === null ? null : copenhagenIso(new Date(f.expiresAt)),
  });
  app.get('/__sandbox/faults', (c) => c.json({ items: sessionOf(c).faults.list().map(faultBody) }));
  app.post('/__sandbox/faults', (c) => {
    const { faults } = sessionOf(c);
    if (faults.list().length >= MAX_FAULTS) {
      throw new ValidationError(`A session holds at most ${MAX_FAULTS} faults; remove some first.`, [
        { pointer: '/body', message: `the session already has ${MAX_FAULTS} faults` },
      ]);
    }
    const request = body<FaultRequest>(c);
    if (request.effect.kind === 'latency' && 'minMs' in request.effect && request.effect.minMs > request.effect.maxMs) {
      throw new ValidationError('A latency range needs minMs ≤ maxMs.', [
        { pointer: '/body/effect/minMs', message: 'must not be above maxMs' },
      ]);
    }
    return c.json(faultBody(faults.add(request)), 201);
  });
  app.delete('/__sandbox/faults', (c) => {
    sessionOf(c).faults.clear();
    return c.body(null, 204);
  });
  app.delete('/__sandbox/faults/:faultId', (c) => {
    if (!sessionOf(c).faults.remove(c.req.param('faultId'))) {
      throw new SandboxError('not-found', 'No such fault in this session (it may have run out or expired).');
    }
    return c.body(null, 204);
  });

  // --- snapshots -----------------------------------------------------------------------------
  app.get('/__sandbox/snapshot', async (c) => {
    const session = sessionOf(c);
    await session.sandbox.expire();
    return c.json({
      format: SNAPSHOT_FORMAT,
      version: 1,
      scenario: scenarioBody(session.scenario),
      clock: { now: copenhagenIso(session.sandbox.clock.now()) },
      state: exportState(session.sandbox.store),
    });
  });
  app.put('/__sandbox/snapshot', (c) => {
    const session = sessionOf(c);
    const snapshot = body<{
      scenario: ReturnType<typeof scenarioBody>;
      clock: { now: string };
      state: Record<string, unknown>;
    }>(c);
    if (!host.scenarios.has(snapshot.scenario.name)) {
      throw new ValidationError('The snapshot names a scenario this sandbox does not have.', [
        { pointer: '/body/scenario/name', message: `no scenario named ${snapshot.scenario.name}` },
      ]);
    }
    // Every instant and date is checked as PUT /__sandbox/clock and a scenario load check them,
    // before anything is replaced.
    const now = checkClock(new Date(snapshot.clock.now), '/body/clock/now');
    const start = checkClock(new Date(snapshot.scenario.start), '/body/scenario/start');
    checkAsOf(snapshot.scenario.asOf, '/body/scenario/asOf');
    let store: ReturnType<typeof importState>;
    try {
      store = importState(snapshot.state);
    } catch (error) {
      if (error instanceof SnapshotError) {
        throw new ValidationError(
          'The snapshot state is not one this sandbox can load; the current state is kept.',
          error.errors.map((e) => ({ ...e, pointer: `/body${e.pointer}` })),
        );
      }
      throw error;
    }
    const { scenario } = snapshot;
    host.restore(
      session,
      {
        name: scenario.name,
        summary: scenario.summary,
        seed: scenario.seed,
        asOf: scenario.asOf,
        patients: scenario.patients,
        start,
        loadedAt: new Date(),
      },
      store,
      now,
    );
    return c.json(scenarioBody(session.scenario));
  });

  // --- sessions ------------------------------------------------------------------------------
  app.get('/__sandbox/sessions', (c) =>
    c.json({
      items: host.sessions
        .list()
        .reverse()
        .map(({ session, info }) => ({
          id: info.id,
          createdAt: copenhagenIso(new Date(info.createdAt)),
          lastUsedAt: copenhagenIso(new Date(info.lastUsedAt)),
          now: copenhagenIso(session.sandbox.clock.now()),
          scenario: session.scenario.name,
        })),
      capacity: host.sessions.capacity,
    }),
  );
  app.delete('/__sandbox/sessions/:sessionId', (c) => {
    const id = c.req.param('sessionId');
    const target = host.sessions.get(id);
    if (!target) throw new SandboxError('not-found', `No session ${id} (never used, or evicted).`);
    if (id === DEFAULT_SESSION) {
      host.load(target, host.startingScenario);
      target.faults.clear();
      target.requests.clear();
    } else {
      host.sessions.evict(id);
    }
    return c.body(null, 204);
  });
}
