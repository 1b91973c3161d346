/**
 * Runs a scenario's expectations against a sandbox: in process (a host holding the scenario) or a
 * running sandbox at a URL, through the same HTTP calls either way. It loads the scenario through
 * the control API, walks the timeline by setting the session's clock to each expectation's moment
 * (which fires the events due), signs in as each persona with MitID as the app would, sends the
 * request and compares the answer with what the scenario expects, naming every difference.
 */
import { isDeepStrictEqual } from 'node:util';
import { problemTypeUri } from '../domain/problem-types.ts';
import { copenhagenIso } from '../domain/time.ts';
import { buildScenario } from './build.ts';
import { offsetFrom } from './time.ts';
import type { AnswerSpec, RequestSpec, Scenario } from './types.ts';

/** Something that answers HTTP requests by path: a host's `app.request`, or fetch at a base URL. */
export type RunTarget = (path: string, init: RequestInit) => Promise<Response>;

/**
 * The sandbox would not set the scenario up (a refused load or clock move, another scenario in the
 * session): the run could not check anything, as distinct from an expectation that failed.
 */
export class ScenarioSetupError extends Error {
  override readonly name = 'ScenarioSetupError';
}

export interface ExpectationResult {
  name: string;
  /** The moment on the timeline (`P0D` when not given). */
  at: string;
  passed: boolean;
  /** What differed, one line each (empty when passed). */
  differences: string[];
}

export interface RunReport {
  scenario: string;
  results: ExpectationResult[];
  /** Timeline events that fired, in order: `<at> <summary>`. */
  fired: string[];
  passed: boolean;
}

export interface RunOptions {
  /** The session to run in (a running sandbox is shared: use one of your own). */
  session?: string;
  /** Load the scenario by name first (PUT /__sandbox/scenario); a host started with it need not. */
  load?: boolean;
  /** Called as each expectation finishes (for printing as it goes). */
  onResult?: (result: ExpectationResult) => void;
  onFired?: (line: string) => void;
}

/**
 * Each handle's id. The ids do not depend on the generated patients around the scenario's people,
 * so a build without them gives the same ids at a fraction of the cost (large-clinic).
 */
export function scenarioIds(scenario: Scenario): Map<string, string> {
  return buildScenario({ ...scenario, population: 0 }).ids;
}

/** Replaces `{handle}` in every string of a value with the handle's id. */
export function substitute(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/\{([a-z0-9][a-z0-9-]{1,62})\}/g, (m, h) => ids.get(h) ?? m);
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  }
  return value;
}

/** The differences between what a value must hold (a subset; `null` for nothing there) and what it holds. */
export function subsetDifferences(expected: unknown, actual: unknown, path = ''): string[] {
  const here = path || '(the body)';
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [`${here}: expected an object, got ${JSON.stringify(actual)}`];
    }
    return Object.entries(expected).flatMap(([k, v]) =>
      subsetDifferences(v, (actual as Record<string, unknown>)[k], `${path}/${k}`),
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${here}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) {
      return [`${here}: expected ${expected.length} item(s), got ${actual.length}`];
    }
    return expected.flatMap((v, i) => subsetDifferences(v, actual[i], `${path}/${i}`));
  }
  // `null` expects nothing there: the field absent, or null (e.g. a protected address).
  if (expected === null) {
    return actual === undefined || actual === null ? [] : [`${here}: expected nothing, got ${JSON.stringify(actual)}`];
  }
  return isDeepStrictEqual(expected, actual)
    ? []
    : [`${here}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** The ids an answer holds: every `id` and `patientId` in its items (or in the body). */
function idsIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) idsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'id' || k === 'patientId') && typeof v === 'string') out.add(v);
      else idsIn(v, out);
    }
  }
  return out;
}

interface Answer {
  status: number;
  body: unknown;
  /** Every item of a list, every page followed. */
  items: unknown[] | undefined;
}

function problemLine(body: unknown): string {
  const b = body as { type?: string; detail?: string } | undefined;
  return b?.type ? ` (${b.type}${b.detail ? `: ${b.detail}` : ''})` : '';
}

/** What differs between an answer and what it must be. */
export function answerDifferences(expect: AnswerSpec, answer: Answer, ids: Map<string, string>): string[] {
  const out: string[] = [];
  if (expect.status !== undefined && answer.status !== expect.status) {
    out.push(`status: expected ${expect.status}, got ${answer.status}${problemLine(answer.body)}`);
  }
  if (expect.problem !== undefined) {
    const type = (answer.body as { type?: unknown } | undefined)?.type;
    if (type !== problemTypeUri(expect.problem)) {
      out.push(
        `problem: expected ${problemTypeUri(expect.problem)}, got ${type === undefined ? 'none' : String(type)}`,
      );
    }
  }
  const held = idsIn(answer.items ?? answer.body, new Set());
  const name = (h: string) => (ids.has(h) ? `${h} (${ids.get(h)})` : h);
  for (const h of expect.present ?? []) {
    if (!held.has(ids.get(h) ?? h)) out.push(`present: expected ${name(h)} in the answer, it is not there`);
  }
  for (const h of expect.absent ?? []) {
    if (held.has(ids.get(h) ?? h)) out.push(`absent: expected no ${name(h)} in the answer, it is there`);
  }
  if (expect.count !== undefined && (answer.items?.length ?? -1) !== expect.count) {
    out.push(
      `count: expected ${expect.count} item(s), got ${answer.items === undefined ? 'no list' : answer.items.length}`,
    );
  }
  if (expect.body !== undefined) out.push(...subsetDifferences(substitute(expect.body, ids), answer.body));
  return out;
}

/** Runs a scenario's expectations against a target; the target must have the scenario (by name) or load it. */
export async function runScenario(scenario: Scenario, target: RunTarget, options: RunOptions = {}): Promise<RunReport> {
  const ids = scenarioIds(scenario);
  const headers = (token?: string): Record<string, string> => ({
    'content-type': 'application/json',
    ...(options.session ? { 'x-sandbox-session': options.session } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await target(path, {
      method,
      headers: headers(token),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text for the difference
    }
    return { status: response.status, body: parsed };
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, body);
    if (answer.status >= 300) {
      throw new ScenarioSetupError(`${method} ${path} answered ${answer.status}${problemLine(answer.body)}`);
    }
    return answer.body as Record<string, unknown>;
  };

  if (options.load) await control('PUT', '/__sandbox/scenario', { name: scenario.name });
  const loaded = await control('GET', '/__sandbox/scenario');
  if (loaded.name !== scenario.name) {
    throw new ScenarioSetupError(`the sandbox session holds the scenario ${String(loaded.name)}, not ${scenario.name}`);
  }
  const start = new Date(String(loaded.start));
  // A session the sandbox evicted (too many at once), reset or loaded anew meanwhile would answer
  // from another state: checked after every clock move and at the end, so results never come from one.
  const stillLoaded = async () => {
    const now = await control('GET', '/__sandbox/scenario');
    if (now.name !== loaded.name || now.loadedAt !== loaded.loadedAt) {
      throw new ScenarioSetupError(
        `the sandbox session stopped holding ${scenario.name} during the run (now ${String(now.name)}, loaded at ${String(now.loadedAt)}): it was evicted by other sessions, reset or loaded again; run fewer sessions at once or start the sandbox with more --sessions`,
      );
    }
  };

  const signIn = async (handle: string | undefined): Promise<{ token?: string; failure?: string }> => {
    if (handle === undefined) return {};
    const answer = await call('POST', '/auth/sign-in/eid', { persona: handle });
    if (answer.status !== 200)
      return { failure: `could not sign in as ${handle}: ${answer.status}${problemLine(answer.body)}` };
    return { token: (answer.body as { accessToken: string }).accessToken };
  };
  const send = async (request: RequestSpec, token?: string): Promise<Answer> => {
    const path = substitute(request.path, ids) as string;
    const first = await call(request.method, path, substitute(request.body, ids), token);
    const body = first.body as { items?: unknown; nextCursor?: unknown } | undefined;
    if (!body || typeof body !== 'object' || !Array.isArray(body.items)) return { ...first, items: undefined };
    const items = [...body.items];
    let cursor = body.nextCursor;
    // A list is judged whole: follow the pages (GET only; bounded so a broken cursor cannot loop).
    for (let pages = 0; request.method === 'GET' && typeof cursor === 'string' && pages < 100; pages++) {
      const next = await call(
        'GET',
        `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
        undefined,
        token,
      );
      const page = next.body as { items?: unknown[]; nextCursor?: unknown };
      if (next.status !== 200 || !Array.isArray(page.items)) break;
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    return { ...first, items };
  };

  const results: ExpectationResult[] = [];
  const fired: string[] = [];
  // In time order; the file's order among expectations at the same moment (a PIN lockout's steps).
  const ordered = scenario.expectations
    .map((x, i) => ({ x, i, when: offsetFrom(start, x.at ?? 'P0D').getTime() }))
    .sort((a, b) => a.when - b.when || a.i - b.i);
  let clockAt: number | undefined;
  for (const { x, when } of ordered) {
    if (when !== clockAt) {
      const moved = await control('PUT', '/__sandbox/clock', { now: copenhagenIso(new Date(when)) });
      for (const e of (moved.fired ?? []) as { at: string; summary: string }[]) {
        const line = `${e.at} ${e.summary}`;
        fired.push(line);
        options.onFired?.(line);
      }
      clockAt = when;
      await stillLoaded();
    }
    const differences: string[] = [];
    if ('race' in x) {
      const signedIn = await Promise.all(x.race.map((r) => signIn(r.as)));
      const failures = signedIn.flatMap((s) => (s.failure ? [s.failure] : []));
      if (failures.length > 0) differences.push(...failures);
      else {
        const answers = await Promise.all(x.race.map((r, j) => send(r.request, signedIn[j]?.token)));
        const winners = answers.filter((a) => answerDifferences(x.expect, a, ids).length === 0);
        if (winners.length !== 1) {
          differences.push(
            `race: expected exactly one answer as "expect", got ${winners.length} (statuses ${answers.map((a) => a.status).join(', ')})`,
          );
          // With no winner, how each answer missed "expect" is the useful part.
          if (winners.length === 0) {
            answers.forEach((a, j) => {
              for (const d of answerDifferences(x.expect, a, ids))
                differences.push(`race request ${j + 1} as "expect": ${d}`);
            });
          }
        }
        const winner = winners[0];
        answers.forEach((a, j) => {
          if (a === winner) return;
          for (const d of answerDifferences(x.others, a, ids)) differences.push(`race request ${j + 1}: ${d}`);
        });
      }
    } else {
      const { token, failure } = await signIn(x.as);
      if (failure) differences.push(failure);
      else differences.push(...answerDifferences(x.expect, await send(x.request, token), ids));
    }
    const result = { name: x.name, at: x.at ?? 'P0D', passed: differences.length === 0, differences };
    results.push(result);
    options.onResult?.(result);
  }
  await stillLoaded();
  return { scenario: scenario.name, results, fired, passed: results.every((r) => r.passed) };
}
