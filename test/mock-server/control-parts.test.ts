// The control API's building blocks on their own: route patterns, the fault set (times, expiry,
// first match wins), the request log's ring buffer, and the session pool's LRU eviction.
import { describe, expect, it } from 'vitest';
import { FaultSet, latencyOf } from '../../mock-server/control/faults.ts';
import { RequestLog } from '../../mock-server/control/request-log.ts';
import { compileRoutePattern, RoutePatternError } from '../../mock-server/control/route-pattern.ts';
import { DEFAULT_SESSION, SessionPool } from '../../mock-server/control/sessions.ts';

describe('route patterns', () => {
  it.each([
    ['/patients/*/diagnoses', '/patients/pat_abc123/diagnoses', true],
    ['/patients/*/diagnoses', '/patients/pat_abc123/diagnoses?x=1', true],
    ['/patients/*/diagnoses', '/patients/pat_abc123/lab-results', false],
    ['/patients/*/diagnoses', '/patients/diagnoses', false],
    ['/patients/:patientId/record', '/patients/pat_1/record', true],
    ['/patients/{patientId}/record', '/patients/pat_1/record', true],
    ['/patients/*', '/patients/pat_1/diagnoses', false],
    ['/patients/**', '/patients/pat_1/diagnoses', true],
    ['/patients/**', '/patients', true],
    ['/**', '/anything/at/all', true],
    ['/me', '/me/', true],
    ['/me', '/me/consent', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(compileRoutePattern(pattern)(path)).toBe(expected);
  });

  it.each(['patients/*', '/patients/**/diagnoses'])('refuses %s', (pattern) => {
    expect(() => compileRoutePattern(pattern)).toThrow(RoutePatternError);
  });
});

describe('FaultSet', () => {
  it('applies a fault for its number of requests, to its target and method only', () => {
    const faults = new FaultSet();
    const fault = faults.add({
      target: 'platform',
      match: { method: 'get', path: '/patients/*/diagnoses' },
      effect: { kind: 'drop' },
      times: 2,
    });
    expect(fault).toMatchObject({ remaining: 2, hits: 0, expiresAt: null, match: { method: 'GET' } });
    expect(faults.take('journal', 'GET', '/patients/p/diagnoses')).toBeUndefined();
    expect(faults.take('platform', 'POST', '/patients/p/diagnoses')).toBeUndefined();
    expect(faults.take('platform', 'GET', '/patients/p/diagnoses')).toEqual({ kind: 'drop' });
    expect(faults.list()[0]).toMatchObject({ remaining: 1, hits: 1 });
    expect(faults.take('platform', 'GET', '/patients/p/diagnoses')).toEqual({ kind: 'drop' });
    expect(faults.take('platform', 'GET', '/patients/p/diagnoses')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('expires a fault after its span of real time; the first live match wins', () => {
    let now = 1_000;
    const faults = new FaultSet(() => now);
    const a = faults.add({ target: 'journal', match: { path: '/**' }, effect: { kind: 'outage' }, forMs: 500 });
    faults.add({ target: 'journal', match: { path: '/**' }, effect: { kind: 'malformed' } });
    expect(a.expiresAt).toBe(new Date(1_500).toISOString());
    expect(faults.take('journal', 'GET', '/clinic')).toEqual({ kind: 'outage' });
    now = 1_500;
    expect(faults.take('journal', 'GET', '/clinic')).toEqual({ kind: 'malformed' });
    expect(faults.list().map((f) => f.effect.kind)).toEqual(['malformed']);
    expect(faults.remove(a.id)).toBe(false);
    faults.clear();
    expect(faults.take('journal', 'GET', '/clinic')).toBeUndefined();
  });

  it('draws random latency within its bounds', () => {
    expect(latencyOf({ kind: 'latency', ms: 40 })).toBe(40);
    expect(latencyOf({ kind: 'latency', minMs: 10, maxMs: 20 }, () => 0)).toBe(10);
    expect(latencyOf({ kind: 'latency', minMs: 10, maxMs: 20 }, () => 0.9999)).toBe(20);
  });
});

describe('RequestLog', () => {
  const entry = (n: number, persona: string | null = null) => ({
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    session: 'default',
    method: 'GET' as const,
    path: `/n/${n}`,
    operationId: n % 2 === 0 ? 'listDiagnoses' : 'getProfile',
    persona,
    status: 200,
    durationMs: 1,
    verdict: 'ok' as const,
    contractErrors: [],
    findings: [],
  });

  it('keeps the newest entries up to its capacity and counts what it dropped', () => {
    const log = new RequestLog(3);
    for (let n = 1; n <= 5; n++) log.add(entry(n, n === 4 ? 'anne-holm' : null));
    expect(log.list().map((e) => e.path)).toEqual(['/n/5', '/n/4', '/n/3']);
    expect(log.dropped).toBe(2);
    expect(log.list({ operationId: 'listDiagnoses' }).map((e) => e.path)).toEqual(['/n/4']);
    expect(log.list({ persona: 'anne-holm' }).map((e) => e.path)).toEqual(['/n/4']);
    expect(log.list({ limit: 1 }).map((e) => e.path)).toEqual(['/n/5']);
    expect(log.list({ since: new Date(Date.UTC(2026, 0, 1, 0, 0, 4)) }).map((e) => e.path)).toEqual(['/n/5', '/n/4']);
    log.clear();
    expect(log.list()).toEqual([]);
  });
});

describe('SessionPool', () => {
  it('creates sessions on first use and evicts the least recently used, never the default', () => {
    const evicted: string[] = [];
    const pool = new SessionPool(
      3,
      (id) => ({ id }),
      (id) => void evicted.push(id),
    );
    pool.use(DEFAULT_SESSION);
    pool.use('a');
    pool.use('b');
    pool.use('a'); // a is now more recent than b
    pool.use(DEFAULT_SESSION);
    pool.use('c'); // evicts b, the least recently used that is not default
    expect(evicted).toEqual(['b']);
    expect(pool.list().map((s) => s.info.id)).toEqual(['a', DEFAULT_SESSION, 'c']);
    pool.use('d'); // evicts a
    expect(evicted).toEqual(['b', 'a']);
    expect(pool.get('a')).toBeUndefined();
    expect(pool.use('c')).toEqual({ id: 'c' });
  });
});
