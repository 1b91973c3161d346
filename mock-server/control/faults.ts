/**
 * Faults a tester switches on through the control API, per session: on the platform's own routes
 * (added latency, an error answer, a dropped connection) and on the journal the platform calls
 * (latency, an error answer, an outage, a malformed answer). Each fault matches a method and a
 * route pattern and lasts for a number of matching requests, a span of real time, or until
 * removed. The first live fault that matches a request applies.
 */
import type { ProblemBody } from '../errors.ts';
import { compileRoutePattern, type RouteMatcher } from './route-pattern.ts';

export type FaultEffect =
  | { kind: 'latency'; ms: number }
  | { kind: 'latency'; minMs: number; maxMs: number }
  | { kind: 'error'; status: number; problem: Partial<ProblemBody> }
  | { kind: 'drop' }
  | { kind: 'outage' }
  | { kind: 'malformed' };

export interface FaultRequest {
  target: 'platform' | 'journal';
  match: { method?: string; path: string };
  effect: FaultEffect;
  /** For this many matching requests (absent: no limit). */
  times?: number;
  /** For this long in real time (absent: no limit). */
  forMs?: number;
}

export interface Fault extends FaultRequest {
  id: string;
  createdAt: string;
  remaining: number | null;
  expiresAt: string | null;
  hits: number;
}

interface LiveFault {
  fault: Fault;
  matches: RouteMatcher;
  expiresAtMs: number;
  /** Who added it: a tester through the control API, or a scenario's timeline (cleared on reset). */
  origin: FaultOrigin;
}

export type FaultOrigin = 'control' | 'timeline';

export class FaultSet {
  #faults: LiveFault[] = [];
  #next = 1;

  /** `now` is the real time (faults last real milliseconds, not sandbox time). */
  constructor(
    private readonly realNow: () => number = Date.now,
    private readonly stamp: () => string = () => new Date().toISOString(),
  ) {}

  add(request: FaultRequest, origin: FaultOrigin = 'control'): Fault {
    const matches = compileRoutePattern(request.match.path);
    const now = this.realNow();
    const fault: Fault = {
      ...request,
      match: { ...request.match, ...(request.match.method ? { method: request.match.method.toUpperCase() } : {}) },
      id: `flt_${String(this.#next++).padStart(6, '0')}`,
      createdAt: this.stamp(),
      remaining: request.times ?? null,
      expiresAt: request.forMs === undefined ? null : new Date(now + request.forMs).toISOString(),
      hits: 0,
    };
    this.#faults.push({
      fault,
      matches,
      expiresAtMs: request.forMs === undefined ? Infinity : now + request.forMs,
      origin,
    });
    return fault;
  }

  list(): Fault[] {
    this.#prune();
    return this.#faults.map((f) => ({ ...f.fault }));
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => f.fault.id !== id);
    return this.#faults.length < before;
  }

  /** Removes every fault, or only those of one origin (and, optionally, one kind of effect). */
  clear(origin?: FaultOrigin, kind?: FaultEffect['kind']): void {
    this.#faults =
      origin === undefined
        ? []
        : this.#faults.filter((f) => f.origin !== origin || (kind !== undefined && f.fault.effect.kind !== kind));
  }

  /** The effect to apply to this request, counting the hit; undefined when no fault matches. */
  take(target: Fault['target'], method: string, path: string): FaultEffect | undefined {
    if (this.#faults.length === 0) return undefined;
    this.#prune();
    const upper = method.toUpperCase();
    for (const live of this.#faults) {
      const { fault } = live;
      if (fault.target !== target) continue;
      if (fault.match.method && fault.match.method !== upper) continue;
      if (!live.matches(path)) continue;
      fault.hits++;
      if (fault.remaining !== null) fault.remaining--;
      if (fault.remaining === 0) this.remove(fault.id);
      return fault.effect;
    }
    return undefined;
  }

  #prune(): void {
    const now = this.realNow();
    if (this.#faults.some((f) => f.expiresAtMs <= now)) {
      this.#faults = this.#faults.filter((f) => f.expiresAtMs > now);
    }
  }
}

/** The delay of a latency effect (random within bounds for a range). */
export function latencyOf(effect: Extract<FaultEffect, { kind: 'latency' }>, random = Math.random): number {
  return 'ms' in effect ? effect.ms : effect.minMs + Math.floor(random() * (effect.maxMs - effect.minMs + 1));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
