import { describe, expect, it } from 'vitest';
import {
  type AccessDecision,
  accessUntil,
  CHILD_CATEGORY_RULES,
  categoryAccessForProxy,
  decideAccess,
  type ProxyRefusalReason,
  type ProxyRequest,
  proxyAccess,
  proxyMayAccess,
  proxyRefusalProblem,
  RECORD_CATEGORIES,
  type RecordCategory,
  visibleAddress,
} from '../../domain/proxy.ts';
import { addYears } from '../../domain/time.ts';

const PARENT = 'parent-1';
const OTHER_PARENT = 'parent-2';
const STRANGER = 'stranger';

const request = (birthDate: string, overrides: Partial<ProxyRequest> = {}): ProxyRequest => ({
  parentId: PARENT,
  child: { id: 'child-1', birthDate, parentIds: [PARENT, OTHER_PARENT] },
  custodyHolderIds: [PARENT],
  ...overrides,
});

describe('accessUntil: the 15th birthday', () => {
  it.each([
    ['2010-06-15', '2025-06-15'],
    ['2010-01-01', '2025-01-01'],
    ['2010-12-31', '2025-12-31'],
    ['2009-02-28', '2024-02-28'],
    ['2009-03-01', '2024-03-01'],
    // Born 29 February: 15 years later is never a leap year, so the birthday is 1 March.
    ['2012-02-29', '2027-03-01'],
    ['2016-02-29', '2031-03-01'],
    ['2000-02-29', '2015-03-01'],
  ])('born %s → %s', (birthDate, until) => {
    expect(accessUntil(birthDate)).toBe(until);
  });

  it('does not follow the addYears clamp for 29 February', () => {
    expect(addYears('2012-02-29', 15)).toBe('2027-02-28');
    expect(accessUntil('2012-02-29')).toBe('2027-03-01');
  });

  it('throws for a date that is not a calendar date', () => {
    expect(() => accessUntil('2011-02-29')).toThrow(RangeError);
  });
});

describe('proxyAccess around the 15th birthday (Copenhagen dates)', () => {
  it.each([
    // Born 15 June 2010: access ends on 15 June 2025 (summer time, UTC+2).
    ['2010-06-15', '2025-06-14T12:00:00Z', true, 'the day before'],
    ['2010-06-15', '2025-06-14T21:59:59Z', true, '23:59:59 the day before'],
    ['2010-06-15', '2025-06-14T22:00:00Z', false, 'midnight of the birthday'],
    ['2010-06-15', '2025-06-14T23:30:00Z', false, '23:30 UTC the evening before = 01:30 on the birthday'],
    ['2010-06-15', '2025-06-15T12:00:00Z', false, 'the birthday'],
    ['2010-06-15', '2025-06-16T12:00:00Z', false, 'the day after'],
    ['2010-06-15', '2030-01-01T12:00:00Z', false, 'years after'],
    // Born 10 January 2010: winter time, UTC+1.
    ['2010-01-10', '2025-01-09T22:59:59Z', true, '23:59:59 the day before'],
    ['2010-01-10', '2025-01-09T23:30:00Z', false, '23:30 UTC the evening before = 00:30 on the birthday'],
    // Born 29 February 2012: the 28th is still 14, the 1st of March is 15.
    ['2012-02-29', '2027-02-28T12:00:00Z', true, '28 February'],
    ['2012-02-29', '2027-02-28T22:59:59Z', true, '23:59:59 on 28 February'],
    ['2012-02-29', '2027-02-28T23:30:00Z', false, '00:30 on 1 March'],
    ['2012-02-29', '2027-03-01T12:00:00Z', false, '1 March'],
    // A baby and a child at 14.
    ['2025-06-01', '2025-06-14T12:00:00Z', true, 'two weeks old'],
    ['2010-06-15', '2024-06-15T12:00:00Z', true, 'the 14th birthday'],
  ])('born %s, at %s → allowed %s (%s)', (birthDate, now, allowed) => {
    const decision = proxyAccess(request(birthDate), new Date(now));
    expect(decision).toEqual(allowed ? { allowed: true } : { allowed: false, reason: 'child-15-or-older' });
  });
});

describe('proxyAccess: custody', () => {
  const now = new Date('2025-06-01T12:00:00Z');

  it.each([
    ['a parent with custody', request('2015-05-05'), { allowed: true }],
    [
      'both parents with custody',
      request('2015-05-05', { custodyHolderIds: [OTHER_PARENT, PARENT] }),
      { allowed: true },
    ],
    [
      'a parent without custody',
      request('2015-05-05', { custodyHolderIds: [OTHER_PARENT] }),
      { allowed: false, reason: 'no-custody' },
    ],
    [
      "someone else's child",
      request('2015-05-05', { parentId: STRANGER, custodyHolderIds: [PARENT] }),
      { allowed: false, reason: 'not-own-child' },
    ],
    [
      'unknown parents and no custody',
      request('2015-05-05', { child: { id: 'child-1', birthDate: '2015-05-05' }, custodyHolderIds: [OTHER_PARENT] }),
      { allowed: false, reason: 'not-own-child' },
    ],
    [
      'a custody holder who is not a registered parent (custody decides)',
      request('2015-05-05', { parentId: STRANGER, custodyHolderIds: [STRANGER] }),
      { allowed: true },
    ],
    [
      'no custody holder at all',
      request('2015-05-05', { custodyHolderIds: [] }),
      { allowed: false, reason: 'no-custody' },
    ],
    [
      'no custody and over 15: custody is reported first',
      request('2005-05-05', { custodyHolderIds: [OTHER_PARENT] }),
      { allowed: false, reason: 'no-custody' },
    ],
  ] as [string, ProxyRequest, ReturnType<typeof proxyAccess>][])('%s', (_label, req, decision) => {
    expect(proxyAccess(req, now)).toEqual(decision);
  });

  it.each(['not-own-child', 'no-custody', 'child-15-or-older'] as ProxyRefusalReason[])(
    'refusal %s is a proxy-access-denied problem',
    (reason) => {
      expect(proxyRefusalProblem(reason)).toBe('proxy-access-denied');
    },
  );
});

describe("categories of a child's record", () => {
  const expected: [RecordCategory, boolean][] = [
    ['profile', true],
    ['clinic', true],
    ['out-of-hours', true],
    ['e-consultations', true],
    ['appointments', true],
    ['booking', true],
    ['vaccinations', true],
    ['medication', true],
    ['referrals', false],
    ['diagnoses', false],
    ['lab-results', false],
    ['video-consultation', false],
  ];

  it('lists exactly the twelve categories', () => {
    expect([...RECORD_CATEGORIES].sort()).toEqual(expected.map(([c]) => c).sort());
  });

  it.each(expected)('%s shown to a parent: %s', (category, shown) => {
    expect(proxyMayAccess(category)).toBe(shown);
    expect(categoryAccessForProxy(category)).toEqual(
      shown ? { allowed: true } : { allowed: false, reason: 'not-available-for-child' },
    );
    // A parent can act only where they can see.
    expect(CHILD_CATEGORY_RULES[category].actions.length > 0).toBe(shown);
  });

  it('lets the parent write e-consultations and book and cancel appointments', () => {
    expect(CHILD_CATEGORY_RULES['e-consultations'].actions).toEqual(['read', 'write']);
    expect(CHILD_CATEGORY_RULES.appointments.actions).toEqual(['read', 'book', 'cancel']);
    expect(CHILD_CATEGORY_RULES.booking.actions).toEqual(['read', 'book', 'cancel']);
  });
});

describe('visibleAddress', () => {
  const address = { street: 'Nørregade 1', postalCode: '1165' };

  it.each([
    ['unprotected, seen by the person', false, 'p', 'p', true],
    ['unprotected, seen by a parent', false, 'child', 'parent', true],
    ['protected, seen by the person', true, 'p', 'p', true],
    ['protected child, seen by a parent with custody', true, 'child', 'parent', false],
    ['protected parent, seen by their child', true, 'parent', 'child', false],
    ['protected, seen by a stranger', true, 'p', 'stranger', false],
  ])('%s → shown %s', (_label, addressProtected, id, viewerId, shown) => {
    expect(visibleAddress({ id, addressProtected, address }, viewerId)).toBe(shown ? address : undefined);
  });
});

describe('decideAccess', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const child = { id: 'child-1', birthDate: '2015-05-05', parentIds: [PARENT, OTHER_PARENT] };
  const teen = { id: 'teen-1', birthDate: '2010-05-05', parentIds: [PARENT] };
  const adult = { id: PARENT, birthDate: '1985-06-15' };

  it.each(RECORD_CATEGORIES)('own data is allowed: %s (adult and child alike)', (category) => {
    expect(decideAccess({ viewerId: PARENT, subject: adult, custodyHolderIds: [], category }, now)).toEqual({
      allowed: true,
    });
    expect(decideAccess({ viewerId: child.id, subject: child, custodyHolderIds: [PARENT], category }, now)).toEqual({
      allowed: true,
    });
  });

  it.each(RECORD_CATEGORIES)('a parent with custody, child under 15: %s', (category) => {
    const expected: AccessDecision = proxyMayAccess(category)
      ? { allowed: true }
      : { allowed: false, reason: 'not-available-for-child', problem: 'not-available-for-child' };
    expect(decideAccess({ viewerId: PARENT, subject: child, custodyHolderIds: [PARENT], category }, now)).toEqual(
      expected,
    );
  });

  it.each(RECORD_CATEGORIES)('refused whatever the category when the proxy rule refuses: %s', (category) => {
    const denied = (reason: ProxyRefusalReason): AccessDecision => ({
      allowed: false,
      reason,
      problem: 'proxy-access-denied',
    });
    expect(decideAccess({ viewerId: PARENT, subject: teen, custodyHolderIds: [PARENT], category }, now)).toEqual(
      denied('child-15-or-older'),
    );
    expect(decideAccess({ viewerId: OTHER_PARENT, subject: child, custodyHolderIds: [PARENT], category }, now)).toEqual(
      denied('no-custody'),
    );
    expect(decideAccess({ viewerId: STRANGER, subject: child, custodyHolderIds: [PARENT], category }, now)).toEqual(
      denied('not-own-child'),
    );
    // Proxy access runs one way: a child may not act for its parent.
    expect(decideAccess({ viewerId: child.id, subject: adult, custodyHolderIds: [], category }, now)).toEqual(
      denied('not-own-child'),
    );
  });
});
