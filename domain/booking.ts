/**
 * Booking windows: free slots are asked for by Copenhagen calendar days, `from` to `to` (both
 * inclusive). Both contracts refuse a window that runs backwards or spans more than 31 days after
 * `from`; the platform checks it before asking the journal, the journal checks it again.
 */
import { daysBetween, type IsoDate } from './time.ts';

/** The most days `to` may lie after `from`. */
export const MAX_SLOT_WINDOW_DAYS = 31;

/** Whether `from`–`to` is a window slots may be asked for. */
export function isSlotWindow(from: IsoDate, to: IsoDate): boolean {
  const days = daysBetween(from, to);
  return days >= 0 && days <= MAX_SLOT_WINDOW_DAYS;
}
