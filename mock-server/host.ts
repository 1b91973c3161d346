/**
 * The sandbox host: the one fetch handler every transport serves (the Node server, MSW handlers,
 * `app.request` in tests). It keeps isolated sessions (the `X-Sandbox-Session` header picks one;
 * each is a whole sandbox with its own state and clock, started from the loaded scenario), applies
 * the session's faults, fires its timeline as sandbox time passes, checks every answer for privacy
 * findings, logs every exchange, and answers the control API under `/__sandbox`.
 */
import { timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { REFERENCE_YEARS } from '../domain/cpr.ts';
import { copenhagenInstant, isIsoDate } from '../domain/time.ts';
import type { TokenOptions } from './auth/tokens.ts';
import { createContractApp } from './contract-app.ts';
import { registerControl } from './control/api.ts';
import { FaultSet, latencyOf, sleep } from './control/faults.ts';
import { type Exchange, RequestLog, type Verdict } from './control/request-log.ts';
import { DEFAULT_SESSION, SESSION_HEADER, SESSION_ID, SessionPool } from './control/sessions.ts';
import { problemResponse, SandboxError, sandboxBugResponse, ValidationError } from './errors.ts';
import { bearerToken, type ExchangeReport, requestUrl } from './exchange.ts';
import { createSandbox, type Sandbox } from './index.ts';
import type { FetchLike } from './journal-client.ts';
import type { ValidationMode } from './middleware/contract-validation/index.ts';
import { checkResponse, containsCpr, maskCpr, type PrivacyFinding } from './privacy/index.ts';
import type { SandboxStore } from './store.ts';

/** Something that happens at a moment of sandbox time (a scenario's timeline). */
export interface TimelineEvent {
  at: Date;
  kind: string;
  summary: string;
  /** Changes the session's sandbox; the session too for what lives beside it (a journal outage is a fault). */
  apply(sandbox: Sandbox, session: SandboxSession): void | Promise<void>;
}

/** A state a session can be loaded with. */
export interface ScenarioDefinition {
  name: string;
  summary: string;
  source: 'population' | 'catalogue' | 'file';
  /** For a scenario from a file (the catalogue's or one given at start): the SHA-256 of its bytes. */
  digest?: string;
  /** The population, the start of sandbox time, and the timeline; `overrides` only for populations. */
  build(overrides?: { seed?: string; asOf?: string; patients?: number }): {
    seed: string;
    asOf: string;
    patients: number;
    start: Date;
    store?: SandboxStore;
    timeline?: TimelineEvent[];
    /** The handles of the people the scenario names (its personas), for provider states. */
    people?: string[];
  };
}

export interface LoadedScenario {
  name: string;
  summary: string;
  seed: string;
  asOf: string;
  patients: number;
  start: Date;
  loadedAt: Date;
}

export interface SandboxSession {
  id: string;
  sandbox: Sandbox;
  scenario: LoadedScenario;
  faults: FaultSet;
  requests: RequestLog;
  /** Events not yet fired, in order. */
  timeline: TimelineEvent[];
  /**
   * Events fired since the control API last reported them (a clock move's `fired`): those that came
   * due before any move, such as a scenario's events at its start, are reported by the next move.
   */
  unreported: TimelineEvent[];
  /** Persona handle of each patient id (for the request log). */
  handles: Map<string, string>;
  /** The people the loaded scenario names, by handle. */
  people: string[];
}

export interface HostOptions {
  /** The population of the `default` scenario (default: seed 'minlaege', 200 patients, 2026-01-15). */
  population?: { seed?: string; asOf?: string; patients?: number };
  /** Sandbox time at the start of `default` (default: noon Copenhagen on its reference date). */
  now?: Date;
  /** More scenarios to offer (the catalogue); `default` is always there, and no other may take its name. */
  scenarios?: ScenarioDefinition[];
  /** The scenario sessions start from (default: `default`). */
  scenario?: string;
  /** A response that breaks the contract: 'strict' fails it (default), 'warn' logs it. */
  validation?: ValidationMode;
  /** A privacy finding: 'strict' fails the request, 'warn' only logs it (default: as `validation`). */
  privacy?: ValidationMode;
  /** How many sessions live at once (default 32). */
  sessions?: number;
  /** How many exchanges each session's request log keeps (default 1000). */
  requestLog?: number;
  /** With a token, the control API answers from anywhere and requires it; without, loopback only. */
  adminToken?: string;
  /** Browser origins allowed to call the sandbox (app developers' dev servers). */
  corsOrigins?: string[];
  journal?: { url: string; token: string; fetch?: FetchLike };
  /** How long the platform waits for a journal's answer (default 5 s). */
  journalTimeoutMs?: number;
  tokens?: TokenOptions;
  log?: (message: string) => void;
}

export interface SandboxHost {
  /** The Hono app: `app.fetch` for any transport. */
  app: Hono;
  /** A session, created from the starting scenario on first use. */
  session(id?: string): SandboxSession;
  readonly sessions: SessionPool<SandboxSession>;
  readonly scenarios: Map<string, ScenarioDefinition>;
  /** The scenario new sessions start from. */
  readonly startingScenario: string;
  /** Replaces a session's state with a scenario (or the same again: a reset). */
  load(session: SandboxSession, name: string, overrides?: { seed?: string; asOf?: string; patients?: number }): void;
  /** Replaces a session's state with a store at a time (a snapshot). */
  restore(session: SandboxSession, scenario: LoadedScenario, store: SandboxStore, now: Date): void;
  /**
   * Fires the session's timeline events that are due, in order; with `sweep` (after a move of the
   * clock) also deletes what may no longer be kept.
   */
  catchUp(session: SandboxSession, options?: { sweep?: boolean }): Promise<TimelineEvent[]>;
}

export const DEFAULT_SEED = 'minlaege';
export const DEFAULT_AS_OF = '2026-01-15';
export const DEFAULT_PATIENTS = 200;
const populationSummary = (p: { seed: string; patients: number; asOf: string }) =>
  `The generated population: seed ${p.seed}, ${p.patients} patients as of ${p.asOf}`;

function defaultScenario(options: HostOptions): ScenarioDefinition {
  const base = {
    seed: options.population?.seed ?? DEFAULT_SEED,
    asOf: options.population?.asOf ?? DEFAULT_AS_OF,
    patients: options.population?.patients ?? DEFAULT_PATIENTS,
  };
  return {
    name: 'default',
    summary: populationSummary(base),
    source: 'population',
    build(overrides = {}) {
      const chosen = { ...base, ...overrides };
      const unchanged = chosen.seed === base.seed && chosen.asOf === base.asOf;
      const start = unchanged && options.now ? options.now : copenhagenInstant(chosen.asOf, 12, 0);
      return { ...chosen, start };
    },
  };
}

/**
 * `cpr-in-log`: a CPR number where an access or error log would keep it: a request header, or a
 * problem's `detail` or `instance` (the sandbox masks its own; a journal's problem may not).
 */
function logFindings(
  headers: Headers,
  response: Response,
  body: unknown,
  rawHeaders: readonly string[] | undefined,
): PrivacyFinding[] {
  const findings: PrivacyFinding[] = [];
  // Under the Node transport the header lines the request was made from are at hand as received
  // (`rawHeaders` of the env's incoming message; other transports pass none). A CPR number needs six
  // digits in a row, which joining or trimming values cannot make: when no line has them (nearly
  // every request), the request's Headers need not be built just to be searched.
  const mayHoldCpr = rawHeaders === undefined || rawHeaders.some((line) => SIX_DIGITS.test(line));
  for (const [name, value] of mayHoldCpr ? headers : []) {
    if (containsCpr(value)) {
      findings.push({
        kind: 'cpr-in-log',
        detail: `The request header ${name} carries a CPR number, which access logs keep; send it in a body if at all`,
        pointer: null,
      });
    }
  }
  if (response.headers.get('content-type')?.includes('problem+json') && body && typeof body === 'object') {
    for (const key of ['detail', 'instance'] as const) {
      const text = (body as Record<string, unknown>)[key];
      if (typeof text === 'string' && containsCpr(text)) {
        findings.push({
          kind: 'cpr-in-log',
          detail: `The problem's ${key} carries a CPR number, which error logs keep`,
          pointer: `/${key}`,
        });
      }
    }
  }
  return findings;
}

const MIB = 1024 * 1024;

/**
 * A population's reference date: a real date in the years for which everyone (ages 0–99) has a
 * birth year the synthetic CPR scheme can encode.
 */
export function checkAsOf(asOf: string, pointer = '/body/asOf'): void {
  const { from, to } = REFERENCE_YEARS;
  const year = Number(asOf.slice(0, 4));
  if (!isIsoDate(asOf) || year < from || year > to) {
    throw new ValidationError(`asOf must be a date YYYY-MM-DD in ${from}–${to}.`, [
      {
        pointer,
        message: `must be a real date in ${from}–${to} (synthetic CPR birth years), got ${asOf}`,
      },
    ]);
  }
}

const SIX_DIGITS = /\d{6}/;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function createSandboxHost(options: HostOptions = {}): SandboxHost {
  const log = options.log ?? ((m: string) => console.warn(m));
  const privacyMode = options.privacy ?? options.validation ?? 'strict';
  const scenarios = new Map<string, ScenarioDefinition>();
  scenarios.set('default', defaultScenario(options));
  for (const s of options.scenarios ?? []) {
    // `default` is the population (shaped by `population` and `now`): a scenario under that name
    // would silently replace it, and `scenario run --base-url` would take one for the other.
    if (s.name === 'default') {
      throw new Error(
        `A scenario cannot be named default (${s.source} scenario "${s.summary}"): the name is reserved for the generated population; rename the scenario`,
      );
    }
    scenarios.set(s.name, s);
  }
  const startingScenario = options.scenario ?? 'default';
  if (!scenarios.has(startingScenario)) throw new Error(`No scenario named ${startingScenario}`);

  // Each session's sandbox sends its journal calls through the session's journal faults.
  const sandboxOf = (
    session: SandboxSession,
    seed: { seed: string; asOf: string; patients: number },
    start: Date,
    store?: SandboxStore,
  ) =>
    createSandbox({
      population: seed,
      now: start,
      ...(store ? { store } : {}),
      ...(options.validation ? { validation: options.validation } : {}),
      ...(options.tokens ? { tokens: options.tokens } : {}),
      ...(options.journal ? { journal: options.journal } : {}),
      ...(options.journalTimeoutMs !== undefined ? { journalTimeoutMs: options.journalTimeoutMs } : {}),
      interceptJournal: (_clinicId, request, forward) => journalFault(session, request, forward),
      log,
    });

  const handlesOf = (store: SandboxStore) => new Map([...store.personas].map(([h, p]) => [p.patient.patient.id, h]));

  const fill = (
    session: SandboxSession,
    name: string,
    overrides?: { seed?: string; asOf?: string; patients?: number },
  ) => {
    const definition = scenarios.get(name);
    if (!definition)
      throw new SandboxError('not-found', `No scenario named ${name}; GET /__sandbox/scenarios lists them.`);
    if (overrides?.asOf !== undefined) checkAsOf(overrides.asOf);
    const built = definition.build(overrides);
    session.sandbox = sandboxOf(session, built, built.start, built.store);
    session.scenario = {
      name,
      // A population loaded with other parameters is described by them, not by its defaults.
      summary: definition.source === 'population' ? populationSummary(built) : definition.summary,
      seed: built.seed,
      asOf: built.asOf,
      patients: built.patients,
      start: built.start,
      loadedAt: new Date(),
    };
    session.timeline = [...(built.timeline ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
    session.unreported = [];
    session.people = built.people ?? [];
    session.faults.clear('timeline'); // what the old timeline switched on does not outlive it
    session.handles = handlesOf(session.sandbox.store);
  };

  const newSession = (id: string): SandboxSession => {
    const session = {
      id,
      faults: new FaultSet(),
      requests: new RequestLog(options.requestLog ?? 1000),
    } as SandboxSession;
    fill(session, startingScenario);
    return session;
  };
  const sessions = new SessionPool<SandboxSession>(options.sessions ?? 32, newSession);
  sessions.use(DEFAULT_SESSION);

  const journalBase = options.journal ? new URL(options.journal.url).pathname.replace(/\/+$/, '') : '';
  async function journalFault(session: SandboxSession, request: Request, forward: FetchLike): Promise<Response> {
    // Paths as in the journal contract: relative to a --journal-url's own base path.
    const path = new URL(request.url).pathname;
    const relative = journalBase && path.startsWith(journalBase) ? path.slice(journalBase.length) || '/' : path;
    const effect = session.faults.take('journal', request.method, relative);
    if (!effect) return forward(request);
    switch (effect.kind) {
      case 'latency':
        await sleep(latencyOf(effect));
        // A platform that gave up meanwhile aborted the request: the journal never receives it.
        if (request.signal.aborted) throw new TypeError('the request was aborted before the journal received it');
        return forward(request);
      case 'outage':
      case 'drop':
        throw new TypeError('fetch failed: the journal system does not answer (a sandbox fault)');
      case 'malformed':
        // Well-formed JSON that breaks the contract: the platform must check, not just parse.
        return new Response('{"malformed":true}', { status: 200, headers: { 'content-type': 'application/json' } });
      case 'error':
        return problemResponse({
          type: 'about:blank',
          title: 'Journal error (a sandbox fault)',
          ...effect.problem,
          status: effect.status,
        });
    }
  }
  // Whether a timeline event of the session is due: most sessions have no timeline, or none yet
  // due, and then a request need not wait on catchUp at all.
  const due = (session: SandboxSession): boolean =>
    session.timeline.length > 0 &&
    (session.timeline[0] as TimelineEvent).at.getTime() <= session.sandbox.clock.now().getTime();
  const catchUp = async (session: SandboxSession, { sweep = false } = {}): Promise<TimelineEvent[]> => {
    const now = session.sandbox.clock.now().getTime();
    const fired: TimelineEvent[] = [];
    while (session.timeline.length > 0 && (session.timeline[0] as TimelineEvent).at.getTime() <= now) {
      const event = session.timeline.shift() as TimelineEvent;
      await event.apply(session.sandbox, session);
      fired.push(event);
      session.unreported.push(event);
    }
    // Deleting lapsed copies is for moves of the clock; as time runs on by itself, a request finds
    // its own viewer's lapse (and deletes then), so a busy server does not sweep on every request.
    if (sweep || fired.length > 0) await session.sandbox.expire();
    return fired;
  };

  const host: SandboxHost = {
    app: new Hono(),
    session: (id = DEFAULT_SESSION) => sessions.use(id),
    sessions,
    scenarios,
    startingScenario,
    load: fill,
    restore(session, scenario, store, now) {
      const definition = scenarios.get(scenario.name);
      session.sandbox = sandboxOf(session, scenario, now, store);
      session.scenario = { ...scenario, loadedAt: new Date() };
      // The scenario's timeline and named people, from its definition; the store is the snapshot's.
      session.faults.clear('timeline');
      const built = definition?.build(scenario);
      session.people = built?.people ?? [];
      const pending = built?.timeline ?? [];
      session.timeline = pending
        .filter((e) => e.at.getTime() > now.getTime())
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      session.unreported = [];
      session.handles = handlesOf(store);
    },
    catchUp,
  };

  const app = host.app;
  app.onError((error, c) => {
    if (error instanceof SandboxError) return error.toResponse(maskCpr(c.req.path));
    return sandboxBugResponse(error, c.req, log);
  });
  if (options.corsOrigins && options.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: options.corsOrigins,
        allowHeaders: ['authorization', 'content-type', SESSION_HEADER],
        allowMethods: ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
        maxAge: 600,
      }),
    );
  }

  const sessionOf = (c: Context): SandboxSession => {
    const id = c.req.header(SESSION_HEADER) ?? DEFAULT_SESSION;
    if (!SESSION_ID.test(id)) {
      throw new ValidationError('The X-Sandbox-Session header must be 1–64 letters, digits, _ or -.', [
        { pointer: '/header/x-sandbox-session', message: 'must match ^[A-Za-z0-9_-]{1,64}$' },
      ]);
    }
    return sessions.use(id);
  };

  // The control API: loopback only, or anywhere with the admin token.
  const control = createContractApp('sandbox-control', {
    ...(options.validation ? { validation: options.validation } : {}),
    log,
    // The control contract's limits: 1 MiB a body, 50 MiB for a snapshot import.
    maxBodyBytes: (operationId) => (operationId === 'importSnapshot' ? 50 * MIB : MIB),
  });
  registerControl(control, host, { log });
  app.all('/__sandbox/*', async (c) => {
    if (options.adminToken !== undefined) {
      const given = bearerToken(c.req.header('authorization')) ?? '';
      const a = Buffer.from(given);
      const b = Buffer.from(options.adminToken);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        throw new SandboxError('unauthorized', 'The control API needs the admin token: Authorization: Bearer <token>.');
      }
    } else {
      const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
        ?.remoteAddress;
      // In process (MSW, app.request) there is no remote address: the caller owns the process.
      if (remote !== undefined && !LOOPBACK.test(remote)) {
        throw new SandboxError(
          'unauthorized',
          'The control API answers only on loopback; start the sandbox with an admin token to reach it from elsewhere.',
        );
      }
    }
    const session = sessionOf(c);
    await catchUp(session);
    return control.fetch(c.req.raw, { ...(c.env as object), session });
  });

  app.all('*', async (c) => {
    const session = sessionOf(c);
    if (due(session)) await catchUp(session);
    const started = performance.now();
    const url = requestUrl(c.req.url);
    const method = c.req.method;
    const entry = (
      status: number | null,
      verdict: Verdict,
      report: ExchangeReport,
      findings: ReturnType<typeof checkResponse>,
    ) =>
      session.requests.record(session.sandbox.clock.now().getTime(), {
        session: session.id,
        method: method as Exchange['method'],
        path: maskCpr(url.pathname + url.search),
        operationId: report.operationId ?? null,
        persona: (report.viewerId && session.handles.get(report.viewerId)) ?? null,
        status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        verdict,
        contractErrors: report.contractErrors ?? [],
        findings,
      });

    const effect = session.faults.take('platform', method, url.pathname);
    if (effect?.kind === 'latency') await sleep(latencyOf(effect));
    if (effect?.kind === 'error') {
      const answer = problemResponse({
        type: 'about:blank',
        title: 'Injected fault',
        ...effect.problem,
        status: effect.status,
      } as Parameters<typeof problemResponse>[0]);
      entry(effect.status, 'rejected', {}, []);
      return answer;
    }
    if (effect?.kind === 'drop') {
      entry(null, 'rejected', {}, []);
      const outgoing = (c.env as { outgoing?: { destroy(): void } } | undefined)?.outgoing;
      if (outgoing) {
        outgoing.destroy();
        return new Response(null, { status: 204 });
      }
      return Response.error();
    }

    const report: ExchangeReport = {};
    const response = await session.sandbox.app.fetch(c.req.raw, { ...(c.env as object), exchange: report });
    let body = report.body;
    if (body === undefined && /json/.test(response.headers.get('content-type') ?? '')) {
      body = await response
        .clone()
        .json()
        .catch(() => undefined);
    }
    const incoming = (c.env as { incoming?: { rawHeaders?: unknown } } | undefined)?.incoming;
    const rawHeaders = Array.isArray(incoming?.rawHeaders) ? (incoming.rawHeaders as string[]) : undefined;
    const findings = logFindings(c.req.raw.headers, response, body, rawHeaders);
    findings.push(
      ...checkResponse({
        store: session.sandbox.store,
        now: session.sandbox.clock.now(),
        viewerId: report.viewerId ?? null,
        method,
        url: url.pathname + url.search,
        operationId: report.operationId ?? null,
        status: response.status,
        body,
      }),
    );
    // A 500 is a sandbox bug, an answer no operation declares: logged as breaking the contract,
    // so a CI filter on contract-violation finds it, not as an ordinary refusal.
    if (response.status === 500 && (report.contractErrors?.length ?? 0) === 0) {
      report.contractErrors = [
        { pointer: '/response/status', message: '500 (a sandbox bug) is not an answer of the contract' },
      ];
    }
    const contractBroken = (report.contractErrors?.length ?? 0) > 0;
    const verdict: Verdict =
      findings.length > 0
        ? 'privacy-finding'
        : contractBroken
          ? 'contract-violation'
          : response.status >= 400
            ? 'rejected'
            : 'ok';
    entry(response.status, verdict, report, findings);
    // What the answer shows is the sandbox's doing; a CPR number the caller put in the URL or a
    // header is the caller's mistake: logged as a finding, answered as the contract says.
    const leaks = findings.length === 0 ? findings : findings.filter((f) => f.pointer !== null);
    if (leaks.length > 0) {
      const summary = leaks.map((f) => `${f.kind}${f.pointer ? ` at ${f.pointer}` : ''}`).join('; ');
      if (privacyMode === 'warn') {
        log(`minlaege-sandbox: privacy finding on ${method} ${maskCpr(url.pathname)}: ${summary}`);
      } else {
        return problemResponse({
          type: 'about:blank',
          title: 'Sandbox bug: the answer shows data this persona must not see',
          status: 500,
          detail: `The sandbox's privacy check stopped the answer: ${summary}.`,
          findings: leaks,
        });
      }
    }
    return response;
  });

  return host;
}
