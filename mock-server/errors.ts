/**
 * The sandbox's error family. Every failure the sandbox reports is a SandboxError that knows its
 * problem kind (domain/problem-types.ts) and renders itself as RFC 9457 problem+json, so handlers
 * throw and one place turns it into a response.
 */

import { MAX_SLOT_WINDOW_DAYS } from '../domain/booking.ts';
import { PROBLEM_TYPES, type ProblemKind, problemTypeUri } from '../domain/problem-types.ts';
import { maskCpr } from './privacy/cpr-text.ts';

/** One failed field of a request, as the `errors` member of validation-failed lists them. */
export interface FieldError {
  /** JSON pointer into the request: `/body/subject`, `/query/limit`, `/path/patientId`. */
  pointer: string;
  message: string;
}

/** The body of a problem+json response. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class SandboxError extends Error {
  override readonly name: string = 'SandboxError';
  readonly status: number;

  constructor(
    readonly kind: ProblemKind,
    /** What happened and how to fix it, for the person reading the response. */
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    status?: number,
  ) {
    super(`${kind}: ${detail}`);
    this.status = status ?? PROBLEM_TYPES[kind].status;
  }

  toProblem(instance?: string): ProblemBody {
    return {
      type: problemTypeUri(this.kind),
      title: PROBLEM_TYPES[this.kind].title,
      status: this.status,
      detail: maskCpr(this.detail),
      // The instance is the request's path: a CPR number a client put there is not repeated.
      ...(instance ? { instance: maskCpr(instance) } : {}),
      ...this.extensions,
    };
  }

  toResponse(instance?: string): Response {
    return problemResponse(this.toProblem(instance));
  }
}

/**
 * The answer to an error no part of the sandbox meant to raise (a sandbox bug): logged in full,
 * answered as a 500 problem that says so and where to look, without the error's own message or
 * stack (they can carry internals, or data of the request).
 */
export function sandboxBugResponse(
  error: unknown,
  request: { method: string; path: string },
  log: (message: string) => void,
): Response {
  const path = maskCpr(request.path);
  log(maskCpr(`minlaege-sandbox: ${request.method} ${path} failed: ${(error as Error)?.stack ?? String(error)}`));
  return problemResponse({
    type: 'about:blank',
    title: 'Sandbox bug',
    status: 500,
    detail: `The sandbox failed on ${request.method} ${path}; its log has the details. Please report it.`,
  });
}

/** The request broke the contract; `errors` names each failing field. */
export class ValidationError extends SandboxError {
  override readonly name = 'ValidationError';

  constructor(
    detail: string,
    readonly errors: FieldError[],
  ) {
    super('validation-failed', detail, { errors });
  }
}

// The text of each problem response made here, so the contract check need not read it back.
const problemTexts = new WeakMap<Response, string>();

/** A problem+json response. */
export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, {
    status: body.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
  problemTexts.set(response, text);
  return response;
}

/** The body text of a response made by problemResponse, unread; undefined for any other response. */
export function sentProblemText(response: Response): string | undefined {
  return problemTexts.get(response);
}

/** True for a SandboxError from any copy of this module (instanceof fails across copies). */
export function isSandboxError(value: unknown): value is SandboxError {
  return value instanceof SandboxError || (value instanceof Error && 'kind' in value && 'toProblem' in value);
}

/** A slot window (`from`–`to`) that runs backwards or is too long, as both contracts refuse it. */
export function slotWindowError(): ValidationError {
  return new ValidationError(`from–to must span 0–${MAX_SLOT_WINDOW_DAYS} days.`, [
    { pointer: '/query/to', message: `must be on or after from and at most ${MAX_SLOT_WINDOW_DAYS} days later` },
  ]);
}
