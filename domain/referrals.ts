/**
 * Which referrals the app shows. The app lists "current referrals from the GP" (PLO's feature
 * list): a referral that is still on its way or booked and has not passed its validity date. One
 * that is completed, rejected or expired is history and stays only in the journal.
 */
import type { IsoDate } from './time.ts';

export type ReferralStatus = 'sent' | 'received' | 'booked' | 'completed' | 'rejected' | 'expired';

const CURRENT_STATUSES: ReadonlySet<ReferralStatus> = new Set(['sent', 'received', 'booked']);

/** True when the referral is current on `today` (a validity date is inclusive). */
export function isCurrentReferral(
  referral: { status: ReferralStatus; validUntil: IsoDate | null },
  today: IsoDate,
): boolean {
  if (!CURRENT_STATUSES.has(referral.status)) return false;
  return referral.validUntil === null || referral.validUntil >= today;
}
