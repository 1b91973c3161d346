/**
 * Who may see and do what on behalf of someone else. The source (DOMAIN.md) lets a parent
 * registered with custody (forældremyndighed) act for a child until the child turns 15, when the
 * child can get its own MitID, and shows that parent only selected parts of the child's record.
 * Protected addresses are never shown to anyone but the person, parents included.
 *
 * The server calls decideAccess for every request about a person; the smaller rules are exported
 * for the generators and the verifier, so nobody re-implements them.
 */

import type { ProblemKind } from './problem-types.ts';
import type { IsoDate } from './time.ts';
import { addYears, copenhagenDate, formatDate, isLeapYear, parseIsoDate } from './time.ts';

/** The age at which a parent's access ends. */
export const PROXY_AGE_LIMIT = 15;

export type ProxyRefusalReason = 'not-own-child' | 'no-custody' | 'child-15-or-older';

export type ProxyDecision = { allowed: true } | { allowed: false; reason: ProxyRefusalReason };

export interface ProxyChild {
  id: string;
  birthDate: IsoDate;
  /**
   * The child's registered parents, when known. They only refine the refusal: a parent without
   * custody gets 'no-custody' instead of 'not-own-child'. Access itself follows custody alone.
   */
  parentIds?: readonly string[];
}

export interface ProxyRequest {
  parentId: string;
  child: ProxyChild;
  /** Who holds custody of the child (from the CPR register). */
  custodyHolderIds: readonly string[];
}

/**
 * The child's 15th birthday, the first day a parent no longer has access. A 29 February birthday
 * in a year without one gives 1 March, not 28 February: an age is reached once the full year has
 * passed, and on 28 February it has not. addYears would clamp to 28 February, so that case is
 * handled here explicitly.
 */
export function accessUntil(childBirthDate: IsoDate): IsoDate {
  const { year, month, day } = parseIsoDate(childBirthDate);
  const target = year + PROXY_AGE_LIMIT;
  if (month === 2 && day === 29 && !isLeapYear(target)) return formatDate(target, 3, 1);
  return addYears(childBirthDate, PROXY_AGE_LIMIT);
}

/**
 * Whether `parentId` may act for the child at `now`. Custody is checked first, then age: access
 * ends at the start of the 15th birthday, Copenhagen date.
 */
export function proxyAccess(request: ProxyRequest, now: Date): ProxyDecision {
  const { parentId, child, custodyHolderIds } = request;
  if (!custodyHolderIds.includes(parentId)) {
    return { allowed: false, reason: child.parentIds?.includes(parentId) ? 'no-custody' : 'not-own-child' };
  }
  // YYYY-MM-DD strings compare as dates.
  if (copenhagenDate(now) >= accessUntil(child.birthDate)) return { allowed: false, reason: 'child-15-or-older' };
  return { allowed: true };
}

/** Every proxy refusal is the same problem to the client; the reason goes in the detail. */
export function proxyRefusalProblem(_reason: ProxyRefusalReason): Extract<ProblemKind, 'proxy-access-denied'> {
  return 'proxy-access-denied';
}

export type RecordCategory =
  | 'profile'
  | 'clinic'
  | 'out-of-hours'
  | 'e-consultations'
  | 'appointments'
  | 'booking'
  | 'vaccinations'
  | 'medication'
  | 'referrals'
  | 'diagnoses'
  | 'lab-results'
  | 'video-consultation';

export type ProxyAction = 'read' | 'write' | 'book' | 'cancel';

export interface ChildCategoryRule {
  /** Whether a parent with custody sees this part of the child's record. */
  readonly shownToParent: boolean;
  /** What the parent may do there; empty when not shown. */
  readonly actions: readonly ProxyAction[];
  /** Why, in one line. */
  readonly basis: string;
}

/** DOMAIN.md's table of a child's data shown to a parent with custody, as data. */
export const CHILD_CATEGORY_RULES: Readonly<Record<RecordCategory, ChildCategoryRule>> = {
  profile: { shownToParent: true, actions: ['read'], basis: 'Name, address and CPR number are shown' },
  // The clinic and out-of-hours information are the child's own clinic and region: the parent
  // needs them to write and book for the child.
  clinic: { shownToParent: true, actions: ['read'], basis: 'Needed to write and book for the child' },
  'out-of-hours': { shownToParent: true, actions: ['read'], basis: 'Needed to contact a doctor for the child' },
  'e-consultations': {
    shownToParent: true,
    actions: ['read', 'write'],
    basis: "The parent writes on the child's behalf and reads the answers",
  },
  appointments: {
    shownToParent: true,
    actions: ['read', 'book', 'cancel'],
    basis: 'Shown with their time; the parent can book for the child',
  },
  booking: { shownToParent: true, actions: ['read', 'book', 'cancel'], basis: 'The parent can book for the child' },
  vaccinations: { shownToParent: true, actions: ['read'], basis: 'Shown' },
  medication: { shownToParent: true, actions: ['read'], basis: 'Shown through the shared medication card' },
  referrals: { shownToParent: false, actions: [], basis: 'Not shown to parents' },
  diagnoses: { shownToParent: false, actions: [], basis: 'Not shown to parents' },
  'lab-results': { shownToParent: false, actions: [], basis: 'Not shown to parents' },
  // Not in the source's table of children's data: what is not listed is not shown, and a video
  // consultation is the child's own conversation with the doctor.
  'video-consultation': { shownToParent: false, actions: [], basis: "Not in the source's list for children" },
};

export const RECORD_CATEGORIES = Object.keys(CHILD_CATEGORY_RULES) as RecordCategory[];

export type CategoryDecision = { allowed: true } | { allowed: false; reason: 'not-available-for-child' };

/** Whether a parent with custody may see this part of a child's record. */
export function proxyMayAccess(category: RecordCategory): boolean {
  return CHILD_CATEGORY_RULES[category].shownToParent;
}

/** proxyMayAccess as a decision with a reason. */
export function categoryAccessForProxy(category: RecordCategory): CategoryDecision {
  return proxyMayAccess(category) ? { allowed: true } : { allowed: false, reason: 'not-available-for-child' };
}

/**
 * The address a viewer may see: a protected address (navne- og adressebeskyttelse) is shown only
 * to the person themself — never to anyone else, not even a parent with custody.
 */
export function visibleAddress<A>(
  subject: { id: string; addressProtected: boolean; address: A },
  viewerId: string,
): A | undefined {
  return !subject.addressProtected || subject.id === viewerId ? subject.address : undefined;
}

export type AccessRefusalReason = ProxyRefusalReason | 'not-available-for-child';

export type AccessDecision =
  | { allowed: true }
  | {
      allowed: false;
      reason: AccessRefusalReason;
      problem: Extract<ProblemKind, 'proxy-access-denied' | 'not-available-for-child'>;
    };

export interface AccessRequest {
  viewerId: string;
  /** The person whose data is asked for: the viewer themself or their child. */
  subject: ProxyChild;
  /** Who holds custody of the subject. */
  custodyHolderIds: readonly string[];
  category: RecordCategory;
}

/**
 * The one decision the server asks for: may `viewerId` use `category` of `subject`'s data at `now`?
 * A person's own data is always allowed as far as proxy rules go (consent is decided elsewhere).
 * For anyone else: the proxy rule, then the category table. Addresses: see visibleAddress.
 */
export function decideAccess(request: AccessRequest, now: Date): AccessDecision {
  const { viewerId, subject, custodyHolderIds, category } = request;
  if (viewerId === subject.id) return { allowed: true };
  const proxy = proxyAccess({ parentId: viewerId, child: subject, custodyHolderIds }, now);
  if (!proxy.allowed) return { allowed: false, reason: proxy.reason, problem: proxyRefusalProblem(proxy.reason) };
  const forChild = categoryAccessForProxy(category);
  if (!forChild.allowed) return { allowed: false, reason: forChild.reason, problem: 'not-available-for-child' };
  return { allowed: true };
}
