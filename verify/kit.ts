/**
 * The shape of a verification run, like a test kit: groups of named checks, each saying what it
 * needs from the journal and, when it fails, why (with the exchanges or items at fault). A group
 * runs its checks in order and may skip the rest when one they need has failed. A check fails by
 * throwing CheckFailed; anything else it throws (a journal that does not answer) fails it too.
 */
import type { ConformancePatient } from './conformance-set.ts';
import type { JournalHttp } from './journal-http.ts';
import type { ProviderStates } from './provider-states.ts';

export const GROUP_IDS = [
  'consent-gate',
  'diagnosis-sharing',
  'booking-conflict',
  'change-feed',
  'problem-json',
  'pact',
] as const;
export type GroupId = (typeof GROUP_IDS)[number];

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  /** Unique within the group, e.g. `record-refused-without-consent`. */
  id: string;
  name: string;
  /** What the check needs from the journal (operations, provider states). */
  needs: string;
  status: CheckStatus;
  /** Why it failed or was skipped. */
  reason?: string;
  /** The items or exchanges at fault, one a line. */
  details: string[];
  durationMs: number;
}

export interface GroupResult {
  id: GroupId;
  title: string;
  /** failed if any check failed; skipped if the group did not run (or all its checks were skipped). */
  status: CheckStatus;
  /** Why the whole group was skipped. */
  reason?: string;
  checks: CheckResult[];
  durationMs: number;
}

export interface VerifyReport {
  tool: 'minlaege-sandbox verify';
  journalUrl: string;
  providerStatesUrl: string | null;
  startedAt: string;
  durationMs: number;
  /** True exactly when no check failed. */
  ok: boolean;
  totals: { checks: number; passed: number; failed: number; skipped: number };
  groups: GroupResult[];
}

/** What every check may use. */
export interface VerifyContext {
  journal: JournalHttp;
  /** The journal's provider-state endpoint, when given. */
  states: ProviderStates | undefined;
  token: string;
  conformance: readonly ConformancePatient[];
  /** The pact file to verify against the journal (undefined: the shipped one). */
  pactFile: string | undefined;
  /** The real time, for `givenAt` and the booking window when no provider state gives a slot. */
  now: () => Date;
}

/** A check's verdict: why, and the items or exchanges at fault. */
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
  constructor(
    readonly reason: string,
    readonly details: string[] = [],
  ) {
    super(reason);
  }
}

export interface CheckSpec {
  id: string;
  name: string;
  needs: string;
}

/** Records a group's checks as they run. */
export interface CheckRecorder {
  /** Runs a check; answers what `fn` returns, or undefined when it failed. */
  run<T>(spec: CheckSpec, fn: () => Promise<T>): Promise<T | undefined>;
  skip(spec: CheckSpec, reason: string): void;
  /** The checks recorded so far. */
  readonly results: readonly CheckResult[];
}

export interface GroupDefinition {
  id: GroupId;
  title: string;
  /** Runs the group's checks; may answer a reason to skip the whole group instead. */
  run(ctx: VerifyContext, checks: CheckRecorder): Promise<undefined | { skip: string }>;
}

export function createRecorder(): CheckRecorder {
  const results: CheckResult[] = [];
  return {
    results,
    async run(spec, fn) {
      const started = performance.now();
      try {
        const value = await fn();
        results.push({ ...spec, status: 'passed', details: [], durationMs: performance.now() - started });
        return value;
      } catch (error) {
        const failed = error instanceof CheckFailed;
        results.push({
          ...spec,
          status: 'failed',
          reason: failed ? error.reason : `${(error as Error).name}: ${(error as Error).message}`,
          details: failed ? error.details : [],
          durationMs: performance.now() - started,
        });
        return undefined;
      }
    },
    skip(spec, reason) {
      results.push({ ...spec, status: 'skipped', reason, details: [], durationMs: 0 });
    },
  };
}

/** Runs the chosen groups in order and totals them. */
export async function runGroups(
  ctx: VerifyContext,
  groups: readonly GroupDefinition[],
  meta: { journalUrl: string; providerStatesUrl: string | null },
): Promise<VerifyReport> {
  const startedAt = new Date();
  const started = performance.now();
  const results: GroupResult[] = [];
  for (const group of groups) {
    const groupStarted = performance.now();
    const checks = createRecorder();
    let skipped: { skip: string } | undefined;
    try {
      skipped = await group.run(ctx, checks);
    } catch (error) {
      // A group's own code failing is reported as a failed check, not a crash of the run.
      checks.skip({ id: 'group', name: `${group.title} could not run`, needs: '' }, String(error));
      (checks.results[checks.results.length - 1] as CheckResult).status = 'failed';
    }
    const list = [...checks.results];
    const status: CheckStatus = list.some((c) => c.status === 'failed')
      ? 'failed'
      : skipped || list.every((c) => c.status === 'skipped')
        ? 'skipped'
        : 'passed';
    results.push({
      id: group.id,
      title: group.title,
      status,
      ...(skipped ? { reason: skipped.skip } : {}),
      checks: list,
      durationMs: performance.now() - groupStarted,
    });
  }
  const all = results.flatMap((g) => g.checks);
  const count = (s: CheckStatus) => all.filter((c) => c.status === s).length;
  return {
    tool: 'minlaege-sandbox verify',
    journalUrl: meta.journalUrl,
    providerStatesUrl: meta.providerStatesUrl,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    // Everything chosen must have run and passed: a check skipped for want of something (a
    // --provider-states-url, a pact file) is not a pass, and neither is a run that checked nothing.
    ok: count('failed') === 0 && count('skipped') === 0 && count('passed') > 0,
    totals: { checks: all.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped') },
    groups: results,
  };
}
