/**
 * The typed client's error family: one base class, a subclass for an RFC 9457 problem answer, and
 * type guards that also work across two copies of this module (instanceof does not). The client's
 * plain calls never throw on an HTTP error (openapi-fetch returns `{ data, error }`); these are for
 * the conveniences and for `unwrap`, which turn an error answer into an exception.
 */

import type { components } from '../contracts/types/app-platform.d.ts';
import { type ProblemKind, problemKindOf } from '../domain/problem-types.ts';

/** An RFC 9457 problem as the app ↔ platform contract defines it (`application/problem+json`). */
export type Problem = components['schemas']['Problem'];

/** Any failed call of the typed client: what was asked (method and URL) and what came back. */
export class AppClientError extends Error {
  override readonly name: string = 'AppClientError';
  /** Marks instances for the cross-copy type guard. */
  readonly isAppClientError = true;

  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    /** The HTTP status, or 0 when no response arrived. */
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The platform refused with a problem+json answer; match on `kind` (or `problem.type`), not on text. */
export class ProblemError extends AppClientError {
  override readonly name = 'ProblemError';
  /** The problem's kind from the catalogue (`consent-required`, …), undefined for a type outside it. */
  readonly kind: ProblemKind | undefined;

  constructor(
    method: string,
    url: string,
    readonly problem: Problem,
  ) {
    const kind = problemKindOf(problem.type);
    super(
      `${method} ${url} was refused with ${problem.status} ${kind ?? problem.type}: ${problem.detail ?? problem.title}`,
      method,
      url,
      problem.status,
    );
    this.kind = kind;
  }
}

/** True for an AppClientError (a ProblemError included) from any copy of this module. */
export function isAppClientError(value: unknown): value is AppClientError {
  return (
    value instanceof AppClientError ||
    (value instanceof Error && (value as Partial<AppClientError>).isAppClientError === true)
  );
}

/** True for a ProblemError from any copy of this module; with `kind`, only a problem of that kind. */
export function isProblemError(value: unknown, kind?: ProblemKind): value is ProblemError {
  if (!isAppClientError(value) || !('problem' in value) || !isProblem(value.problem)) return false;
  return kind === undefined || (value as ProblemError).kind === kind;
}

/** True for a value shaped like a problem+json body (`type`, `title` and a numeric `status`). */
export function isProblem(value: unknown): value is Problem {
  if (value === null || typeof value !== 'object') return false;
  const { type, title, status } = value as Record<string, unknown>;
  return typeof type === 'string' && typeof title === 'string' && typeof status === 'number';
}
