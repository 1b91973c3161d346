import { describe, expect, it } from 'vitest';
import { isCurrentReferral, type ReferralStatus } from '../../domain/referrals.ts';

describe('isCurrentReferral', () => {
  it.each([
    ['sent', '2025-06-30', '2025-06-01', true],
    ['received', null, '2025-06-01', true],
    ['booked', '2025-06-01', '2025-06-01', true], // the validity date itself is inclusive
    ['booked', '2025-05-31', '2025-06-01', false], // the day after it has expired
    ['completed', '2025-12-31', '2025-06-01', false],
    ['rejected', '2025-12-31', '2025-06-01', false],
    ['expired', null, '2025-06-01', false],
  ] as const)('%s valid until %s is current on %s: %s', (status, validUntil, today, expected) => {
    expect(isCurrentReferral({ status: status as ReferralStatus, validUntil }, today)).toBe(expected);
  });
});
