/**
 * The catalogue of problem types (RFC 9457) used by both contracts and by every part of the kit.
 * A problem's `type` is a stable URN: it never resolves to anything and never changes meaning,
 * so clients and vendors can match on it. Both OpenAPI documents list exactly these types; a test
 * keeps them in step.
 */

export const PROBLEM_TYPE_PREFIX = 'urn:minlaege-sandbox:problem:';

export interface ProblemTypeInfo {
  /** The usual HTTP status for this kind of failure. */
  readonly status: number;
  /** A short, constant summary (the problem's `title`). */
  readonly title: string;
}

export const PROBLEM_TYPES = {
  'validation-failed': { status: 400, title: 'The request does not match the contract' },
  unauthorized: { status: 401, title: 'Missing, malformed, forged or expired credentials' },
  'pin-locked': { status: 423, title: 'PIN login is locked after repeated failures' },
  'consent-required': { status: 403, title: 'The patient has not given consent to share data' },
  'consent-lapsed': { status: 403, title: 'Consent lapsed after 12 months without use' },
  'proxy-access-denied': { status: 403, title: 'You may not act for this patient' },
  'not-available-for-child': { status: 403, title: "This part of a child's record is not shown to parents" },
  'not-offered-by-clinic': { status: 409, title: 'The clinic does not offer this' },
  'clinic-not-connected': { status: 409, title: 'The clinic does not share data through the platform' },
  'journal-unavailable': { status: 503, title: "The clinic's journal system is unavailable" },
  'slot-taken': { status: 409, title: 'The slot is no longer available' },
  'not-cancellable': { status: 409, title: 'The appointment can no longer be cancelled' },
  'not-found': { status: 404, title: 'No such resource' },
  'method-not-allowed': { status: 405, title: 'The resource does not allow this method' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
} as const satisfies Record<string, ProblemTypeInfo>;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

/**
 * Kinds any path can answer, from the server's routing rather than from an operation: a known
 * path asked with a method it has no operation for gets method-not-allowed (405, with `Allow`).
 * A contract declares them once, under `components/responses`, not in every operation.
 */
export const TRANSPORT_PROBLEM_KINDS = ['method-not-allowed'] as const satisfies readonly ProblemKind[];

export const PROBLEM_KINDS = Object.keys(PROBLEM_TYPES) as ProblemKind[];

/** The `type` URI of a kind of problem, e.g. `urn:minlaege-sandbox:problem:consent-required`. */
export function problemTypeUri(kind: ProblemKind): string {
  return `${PROBLEM_TYPE_PREFIX}${kind}`;
}

/** The kind named by a `type` URI, or undefined for a URI outside the catalogue. */
export function problemKindOf(typeUri: string): ProblemKind | undefined {
  if (!typeUri.startsWith(PROBLEM_TYPE_PREFIX)) return undefined;
  const kind = typeUri.slice(PROBLEM_TYPE_PREFIX.length);
  return Object.hasOwn(PROBLEM_TYPES, kind) ? (kind as ProblemKind) : undefined;
}
