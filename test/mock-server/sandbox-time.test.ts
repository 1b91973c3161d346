// What sandbox time changes without any new data: a rule A diagnosis ages out of the app a year
// after registration, though the platform's copy was fetched while it was shared.
import { describe, expect, it } from 'vitest';
import { sharingRuleOf } from '../../domain/sharing.ts';
import { addYears, copenhagenInstant } from '../../domain/time.ts';
import { createSandbox } from '../../mock-server/index.ts';
import { consentingAdults, session } from './sandbox-people.ts';

describe('sandbox time', () => {
  it('ages a rule A diagnosis out of the app on the day a year after its registration', async () => {
    const sandbox = createSandbox({ population: { seed: 'time-test', patients: 200 } });
    const { tokenOf, call } = session(sandbox);
    const found = consentingAdults(sandbox.store)
      .flatMap((line) => line.journal.diagnoses.map((d) => ({ line, d })))
      .find(
        ({ line, d }) =>
          sharingRuleOf(d.icpcCode) === 'A' &&
          'categories' in (line.expected.app.self ?? {}) &&
          (line.expected.app.self as { categories: { diagnoses: string[] } }).categories.diagnoses.includes(d.id),
      );
    if (!found) throw new Error('no consenting adult with a shared rule A diagnosis');
    const { line, d } = found;
    const ids = async () => {
      const res = await call(await tokenOf(line), 'GET', `/patients/${line.patient.id}/diagnoses`);
      expect(res.status).toBe(200);
      return ((await res.json()).items as { id: string }[]).map((i) => i.id);
    };
    expect(await ids()).toContain(d.id);
    const lastDay = addYears(d.registeredAt, 1);
    sandbox.clock.set(copenhagenInstant(lastDay, 23, 59));
    expect(await ids()).toContain(d.id);
    sandbox.clock.set(copenhagenInstant(lastDay, 23, 59));
    sandbox.clock.advance(60_000);
    expect(await ids()).not.toContain(d.id);
  });
});
