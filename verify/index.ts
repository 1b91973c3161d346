/**
 * `verifyJournal(options)`: the conformance checks and the Pact provider verification of a
 * journal system at a URL, grouped like a test kit, as one report (verify/report.ts formats it).
 *
 * @example
 * const report = await verifyJournal({ journalUrl: 'http://127.0.0.1:4020', token, providerStatesUrl });
 * process.exitCode = report.ok ? 0 : 1;
 */
import { bookingConflict } from './checks/booking-conflict.ts';
import { changeFeed } from './checks/change-feed.ts';
import { consentGate } from './checks/consent-gate.ts';
import { diagnosisSharing } from './checks/diagnosis-sharing.ts';
import { pactVerification } from './checks/pact.ts';
import { problemJson } from './checks/problem-json.ts';
import { conformancePatients } from './conformance-set.ts';
import { createJournalHttp } from './journal-http.ts';
import { GROUP_IDS, type GroupDefinition, type GroupId, runGroups, type VerifyReport } from './kit.ts';
import { createProviderStates } from './provider-states.ts';

export { conformanceNdjson, conformancePatients } from './conformance-set.ts';
export { GROUP_IDS, type GroupId, type VerifyReport } from './kit.ts';
export { formatJson, formatJunit, formatSummary } from './report.ts';

/** Every group, in the order they run (problem-json reads back the refusals of those before it). */
export const GROUPS: readonly GroupDefinition[] = [
  consentGate,
  diagnosisSharing,
  bookingConflict,
  changeFeed,
  problemJson,
  pactVerification,
];

export interface VerifyOptions {
  /** The journal's base URL (contract paths are appended). */
  journalUrl: string;
  /** The platform token the journal expects. */
  token: string;
  /** The journal's Pact-style provider-state endpoint (see verify/provider-states.ts). */
  providerStatesUrl?: string;
  /** Run only these groups (default: all). */
  only?: readonly GroupId[];
  /** Leave these groups out. */
  skip?: readonly GroupId[];
  /** A pact file instead of the shipped one. */
  pactFile?: string;
  /** How long to wait for each answer (default 10 s). */
  timeoutMs?: number;
}

export function isGroupId(value: string): value is GroupId {
  return (GROUP_IDS as readonly string[]).includes(value);
}

export async function verifyJournal(options: VerifyOptions): Promise<VerifyReport> {
  const groups = GROUPS.filter(
    (g) => (!options.only || options.only.includes(g.id)) && !(options.skip ?? []).includes(g.id),
  );
  const ctx = {
    journal: createJournalHttp({
      baseUrl: options.journalUrl,
      token: options.token,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    }),
    states: options.providerStatesUrl
      ? createProviderStates(options.providerStatesUrl, options.token, options.timeoutMs)
      : undefined,
    token: options.token,
    conformance: conformancePatients(),
    pactFile: options.pactFile,
    now: () => new Date(),
  };
  return runGroups(ctx, groups, {
    journalUrl: options.journalUrl,
    providerStatesUrl: options.providerStatesUrl ?? null,
  });
}
