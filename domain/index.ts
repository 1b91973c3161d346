/**
 * The rules of the Min Læge domain, as pure functions with the time passed in. The platform, the
 * fake journal, the generators and the verifier all call these; nobody re-implements them.
 */
export * from './booking.ts';
export * from './consent.ts';
export * from './cpr.ts';
export * from './duration.ts';
export * from './opening-hours.ts';
export * from './pin.ts';
export * from './platform-sharing.ts';
export * from './problem-types.ts';
export * from './proxy.ts';
export * from './public-holidays.ts';
export * from './referrals.ts';
export * from './regions.ts';
export * from './sharing.ts';
export * from './time.ts';
export * from './vaccination.ts';
