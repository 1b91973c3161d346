/**
 * Privacy findings: an independent second check on every platform answer. Given the facts of
 * one exchange (who asked, what, and what came back), it says what the viewer must not see, from
 * the rules of domain/ and the store's own data — never by asking the platform handlers, so a bug
 * in a handler's access logic does not hide itself. The server records the findings with each
 * exchange in the request log; in strict mode a finding fails the request.
 *
 * The rules, per answer:
 * - Every patient-data item (an object whose `id` has a prefix of PATIENT_DATA_PREFIXES), every
 *   patient id (`pat_…` string, anywhere) and every CPR number (any string, any key) belongs to
 *   someone: the item to the patient whose journal or platform copy holds it (ownership.ts), the
 *   id and CPR number to that person.
 * - The viewer may see their own data, and a child's while they hold custody (the child's
 *   `custodians`, as the CPR register has it) and the child is under 15 (domain/proxy.ts
 *   proxyAccess); of a child never a category the children's table withholds (diagnoses,
 *   referrals, lab results, video) → `child-restricted-category`. Anything of anyone else →
 *   `other-patients-data`. A CPR number of nobody in the sandbox counts as someone else's, except
 *   one of the viewer's own `children` links to a child under 15.
 * - A 2xx answer holding any patient-data item while the viewer's consent (domain/consent.ts
 *   consentState at `now`) is withdrawn → `after-consent-withdrawn`, lapsed →
 *   `after-consent-lapsed`, never given → `before-consent` (its own kind: nothing leaves the
 *   journal before consent, and "after withdrawal" would misdescribe it). One finding per answer.
 *   Profile facts (`/me`, `/me/children`), the clinic and out-of-hours answers carry no items and
 *   need no consent.
 * - A CPR number in the URL's path or query (percent-decoded) → `cpr-in-url`.
 * A CPR number the request itself carried (in its URL or body) and the answer echoes, as a
 * problem's `instance` or `detail` does, is the caller's own input, not a disclosure: it is not
 * reported again (a CPR number in the URL is already `cpr-in-url`). Inside an item already
 * flagged, nothing more is reported about the same person (its messages, its `patientId`), so one
 * leaked thread is one finding. Unknown ids (no journal, copy or video session holds them) are no
 * finding: they cannot be attributed. Details never repeat a CPR number.
 */

import { consentState } from '../../domain/consent.ts';
import { accessUntil, proxyAccess, proxyMayAccess } from '../../domain/proxy.ts';
import { copenhagenDate } from '../../domain/time.ts';
import type { SandboxStore } from '../store.ts';
import { findCprs, maskCpr } from './cpr-text.ts';
import { isIdLike, isPatientId, ownershipIndexOf, patientDataCategory } from './ownership.ts';

export type PrivacyFindingKind =
  | 'child-restricted-category'
  | 'after-consent-withdrawn'
  | 'after-consent-lapsed'
  | 'before-consent'
  | 'other-patients-data'
  | 'cpr-in-url'
  | 'cpr-in-log';

export interface PrivacyFinding {
  kind: PrivacyFindingKind;
  /** What was found and why it must not be there (ids, never a CPR number). */
  detail: string;
  /** A JSON pointer (RFC 6901) into the response body; null for a URL or log line. */
  pointer: string | null;
}

/** The facts of one exchange, as the server has them after the handler answered. */
export interface ExchangeFacts {
  store: SandboxStore;
  /** Sandbox time when the answer was given (the sandbox clock, not the real one). */
  now: Date;
  /**
   * The person the request acts as (the access token's subject), or null without a valid token.
   * For a sign-in or refresh answer without one, the person it signs in (its `patientId`) is the
   * viewer: who may sign in is authentication, not disclosure.
   */
  viewerId: string | null;
  method: string;
  /** Path and query, e.g. `/patients/pat_x/lab-results?limit=7` (a full URL works too). */
  url: string;
  /** The contract's operationId, when the route matched one. */
  operationId: string | null;
  status: number;
  /** The parsed JSON body (undefined or null when there was none). */
  body: unknown;
  /** The request's parsed JSON body, if any: CPR numbers the answer merely echoes from it are no finding. */
  requestBody?: unknown;
}

const SIGN_IN_OPERATIONS = new Set(['signInWithEid', 'signInWithPin', 'refreshTokens']);
const SIGN_IN_PATH = /^\/auth\/(sign-in\/|refresh)/;

/**
 * The privacy findings of one answer; empty when it shows the viewer only what they may see.
 * Builds the store's ownership index on first use (ownership.ts); afterwards O(size of body).
 * @example
 * const findings = checkResponse({ store, now: clock.now(), viewerId, method: 'GET',
 *   url: '/patients/pat_x/diagnoses', operationId: 'listDiagnoses', status: 200, body });
 */
export function checkResponse(facts: ExchangeFacts): PrivacyFinding[] {
  const findings = checkUrl(facts.method, facts.url, facts.now);
  const echoes = new Set<string>();
  if (findings.length > 0) for (const m of findCprs(decodeUrl(facts.url), facts.now)) echoes.add(m.digits);
  if (facts.requestBody !== undefined) collectCprs(facts.requestBody, facts.now, echoes);
  new BodyCheck(facts, viewerOf(facts), findings, echoes).run();
  return findings;
}

/** `cpr-in-url` for each CPR number in the path or query (percent-decoded first). */
export function checkUrl(method: string, url: string, now?: Date): PrivacyFinding[] {
  const decoded = decodeUrl(url);
  const found = findCprs(decoded, now);
  if (found.length === 0) return [];
  const where = decoded.indexOf('?');
  return found.map((m) => ({
    kind: 'cpr-in-url' as const,
    detail: `${method} ${maskCpr(decoded)} has a CPR number in its ${where >= 0 && m.index > where ? 'query' : 'path'}; identify patients by their opaque patientId`,
    pointer: null,
  }));
}

/** `cpr-in-log` for each CPR number in a log line (mask it with maskCpr before writing it). */
export function checkLogLine(line: string, now?: Date): PrivacyFinding[] {
  return findCprs(line, now).map((m) => ({
    kind: 'cpr-in-log' as const,
    detail: `A log line has a CPR number at character ${m.index}: ${maskCpr(line).slice(0, 200)}`,
    pointer: null,
  }));
}

function decodeUrl(url: string): string {
  // Nothing to decode (most URLs the app sends): the same text, without making it again.
  if (!url.includes('%') && !url.includes('+')) return url;
  try {
    return decodeURIComponent(url.replaceAll('+', ' '));
  } catch {
    return url; // a malformed escape: look at the URL as it is
  }
}

/** Adds the CPR numbers of every string in a JSON value to `into`. */
function collectCprs(value: unknown, now: Date, into: Set<string>): void {
  if (typeof value === 'string') {
    for (const m of findCprs(value, now)) into.add(m.digits);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) collectCprs(item, now, into);
  }
}

function viewerOf(facts: ExchangeFacts): string | null {
  if (facts.viewerId !== null) return facts.viewerId;
  const signIn =
    facts.operationId !== null
      ? SIGN_IN_OPERATIONS.has(facts.operationId)
      : SIGN_IN_PATH.test(facts.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''));
  const body = facts.body as { patientId?: unknown } | null;
  const ok = facts.status >= 200 && facts.status < 300;
  return signIn && ok && typeof body?.patientId === 'string' ? body.patientId : null;
}

/** How the viewer stands to a person: themself, a child they may act for, or anyone else. */
type Relation = { kind: 'self' } | { kind: 'child' } | { kind: 'other'; why: string };

/** One walk over one body; holds the path to the current node and the per-answer caches. */
class BodyCheck {
  private readonly index;
  private readonly path: (string | number)[] = [];
  private readonly relations = new Map<string, Relation>();
  private refreshed = false;
  private suppressed: string | null = null;
  private items = 0;
  private firstItem: string | null = null;

  constructor(
    private readonly facts: ExchangeFacts,
    private readonly viewerId: string | null,
    private readonly findings: PrivacyFinding[],
    private readonly echoes: ReadonlySet<string>,
  ) {
    this.index = ownershipIndexOf(facts.store);
  }

  run(): void {
    this.visit(this.facts.body);
    if (this.items > 0 && this.facts.status >= 200 && this.facts.status < 300) this.checkConsent();
  }

  private visit(node: unknown): void {
    if (typeof node === 'string') {
      this.visitString(node);
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        this.path.push(i);
        this.visit(node[i]);
        this.path.pop();
      }
    } else if (node !== null && typeof node === 'object') {
      this.visitObject(node as Record<string, unknown>);
    }
  }

  private visitObject(object: Record<string, unknown>): void {
    const outer = this.suppressed;
    const id = object.id;
    const category = typeof id === 'string' ? patientDataCategory(id) : undefined;
    if (category !== undefined) {
      this.items += 1;
      if (this.firstItem === null) this.firstItem = this.pointer();
      const owner = this.ownerOfItem(id as string);
      if (owner !== undefined && owner !== this.suppressed) {
        const relation = this.relationTo(owner);
        if (relation.kind === 'other') {
          this.report('other-patients-data', `${id} is ${owner}'s (${relation.why})`);
          this.suppressed = owner;
        } else if (relation.kind === 'child' && !proxyMayAccess(category)) {
          this.report(
            'child-restricted-category',
            `${id} is ${category} of ${owner}, a child of the viewer; ${category} of a child are not shown to a parent`,
          );
          this.suppressed = owner;
        }
      }
    }
    for (const key in object) {
      this.path.push(key);
      if (key.length >= 10) this.visitString(key);
      this.visit(object[key]);
      this.path.pop();
    }
    this.suppressed = outer;
  }

  private visitString(value: string): void {
    if (value.length < 10) return;
    if (isIdLike(value)) {
      // An id holds no CPR number (its digits are never standalone); a patient id names a person.
      if (isPatientId(value) && value !== this.suppressed && this.facts.store.patients.has(value)) {
        const relation = this.relationTo(value);
        if (relation.kind === 'other') this.report('other-patients-data', `patient id ${value} (${relation.why})`);
      }
      return;
    }
    for (const m of findCprs(value, this.facts.now)) {
      if (this.echoes.has(m.digits)) continue;
      let owner = this.index.cprOwner(m.digits);
      if (owner === undefined && this.refresh()) owner = this.index.cprOwner(m.digits);
      if (owner !== undefined && owner === this.suppressed) continue;
      if (owner !== undefined) {
        const relation = this.relationTo(owner);
        if (relation.kind !== 'other') continue;
        this.report('other-patients-data', `a CPR number of ${owner} (${relation.why})`);
      } else if (!this.isOwnChildLink(m.digits)) {
        this.report(
          'other-patients-data',
          "a CPR number of nobody the viewer may see (not the viewer's, nor a child's)",
        );
      }
    }
  }

  private checkConsent(): void {
    if (this.viewerId === null) return; // every item is already someone else's
    const state = consentState(this.facts.store.consents.get(this.viewerId) ?? {}, this.facts.now);
    if (state === 'given') return;
    const kind =
      state === 'lapsed'
        ? 'after-consent-lapsed'
        : state === 'withdrawn'
          ? 'after-consent-withdrawn'
          : 'before-consent';
    const what = `${this.items} patient-data item${this.items === 1 ? '' : 's'} in a ${this.facts.status} answer`;
    this.findings.push({
      kind,
      detail: `${what} while ${this.viewerId}'s consent is ${state}; nothing may be served without consent in force`,
      pointer: this.firstItem,
    });
  }

  private ownerOfItem(id: string): string | undefined {
    const owner = this.index.itemOwner(id);
    return owner === undefined && this.refresh() ? this.index.itemOwner(id) : owner;
  }

  /** Extends the ownership index once per answer, for items created since (a booking, a reply). */
  private refresh(): boolean {
    if (this.refreshed) return false;
    this.refreshed = true;
    this.index.refresh();
    return true;
  }

  private relationTo(personId: string): Relation {
    let relation = this.relations.get(personId);
    if (!relation) {
      relation = this.decide(personId);
      this.relations.set(personId, relation);
    }
    return relation;
  }

  private decide(personId: string): Relation {
    const { viewerId } = this;
    if (viewerId === null) return { kind: 'other', why: 'nobody is signed in' };
    if (personId === viewerId) return { kind: 'self' };
    const person = this.facts.store.patients.get(personId);
    if (!person) return { kind: 'other', why: 'not a patient of this sandbox' };
    const custodyHolderIds = person.patient.custodians.flatMap((l) => (l.patientId ? [l.patientId] : []));
    const child = { id: personId, birthDate: person.patient.birthDate };
    const decision = proxyAccess({ parentId: viewerId, child, custodyHolderIds }, this.facts.now);
    if (decision.allowed) return { kind: 'child' };
    const why = {
      'not-own-child': `another patient, not ${viewerId}'s child`,
      'no-custody': `${viewerId} has no custody`,
      'child-15-or-older': `${viewerId}'s access ended on the child's 15th birthday, ${accessUntil(person.patient.birthDate)}`,
    }[decision.reason];
    return { kind: 'other', why };
  }

  /** A CPR number from one of the viewer's own custody links to a child under 15. */
  private isOwnChildLink(digits: string): boolean {
    const viewer = this.viewerId === null ? undefined : this.facts.store.patients.get(this.viewerId);
    const today = copenhagenDate(this.facts.now);
    return (
      viewer?.patient.children.some((l) => l.cpr.replace('-', '') === digits && today < accessUntil(l.birthDate)) ??
      false
    );
  }

  private report(kind: PrivacyFindingKind, detail: string): void {
    this.findings.push({ kind, detail, pointer: this.pointer() });
  }

  /** The JSON pointer (RFC 6901) of the current node. */
  private pointer(): string {
    let out = '';
    for (const part of this.path) out += `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`;
    return out;
  }
}
