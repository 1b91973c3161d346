// A journal to verify, over HTTP on a free loopback port: the kit's journal host (the fake
// journal with the journal pact's provider states) with the conformance states in front,
// optionally behind a layer that misbehaves on one route (the faulty journals verify must catch).
import type { SandboxClock } from '../../mock-server/clock.ts';
import { createJournalHost } from '../../mock-server/journal-host.ts';
import { type FetchHandler, listen } from '../../mock-server/node.ts';
import type { SandboxStore } from '../../mock-server/store.ts';
import { PROVIDER_STATES_PATH, withConformanceStates } from '../../verify/journal-states.ts';

export const TOKEN = 'verify-test-platform-token';

export interface JournalParts {
  readonly store: SandboxStore;
  readonly clock: SandboxClock;
  readonly clinicId: string;
}

/** Answers a journal request instead of the fake journal, or passes it on with `forward`. */
export type Misbehaviour = (request: Request, forward: FetchHandler, parts: JournalParts) => Promise<Response>;

export interface JournalUnderTest {
  url: string;
  statesUrl: string;
  close(): Promise<void>;
}

export async function startJournal(misbehave?: Misbehaviour): Promise<JournalUnderTest> {
  // The host replaces its store on a teardown, so `parts` reads through it at each request.
  const host = createJournalHost({
    population: { seed: 'verify-test', asOf: '2026-03-02', patients: 40 },
    platformToken: TOKEN,
    validation: 'strict',
    log: () => {},
  });
  const journal = withConformanceStates(host);
  const fetch: FetchHandler = (request) => {
    if (!misbehave || new URL(request.url).pathname.startsWith('/__sandbox/')) return journal(request);
    return misbehave(request, journal, host);
  };
  const server = await listen(fetch, { host: '127.0.0.1', port: 0 });
  return { url: server.url, statesUrl: `${server.url}${PROVIDER_STATES_PATH}`, close: () => server.close() };
}
