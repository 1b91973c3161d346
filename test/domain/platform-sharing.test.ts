import { describe, expect, it } from 'vitest';
import { platformSharingProblem } from '../../domain/platform-sharing.ts';

describe('platformSharingProblem', () => {
  it('refuses every patient-data request of a clinic that objected, and nothing otherwise', () => {
    expect(platformSharingProblem('objected')).toBe('clinic-not-connected');
    expect(platformSharingProblem('enabled')).toBeUndefined();
  });
});
