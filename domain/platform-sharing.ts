/**
 * A clinic may object to sharing through the platform at all (the GP is the data controller). Then
 * nothing of its patients reaches the platform, whatever their consent, and the app is told why.
 */
import type { ProblemKind } from './problem-types.ts';

export type PlatformSharing = 'enabled' | 'objected';

/** The problem every patient-data request of a clinic's patient gets, or undefined when it shares. */
export function platformSharingProblem(sharing: PlatformSharing): ProblemKind | undefined {
  return sharing === 'objected' ? 'clinic-not-connected' : undefined;
}
