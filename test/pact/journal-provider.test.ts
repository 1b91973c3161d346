// Provider verification of the committed platform ↔ journal pact against the journal host (the
// fake journal with its provider-state endpoint) over real HTTP on a free loopback port, the way
// `minlaege-sandbox verify` runs it against a vendor's journal.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJournalHost } from '../../mock-server/journal-host.ts';
import { listen, type RunningServer } from '../../mock-server/node.ts';
import { COMMITTED_DIR, verifyPact } from './support.ts';

const TOKEN = 'journal-host-token';

describe('the journal host honours the journal pact', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const host = createJournalHost({ platformToken: TOKEN, log: () => {} });
    server = await listen(host.app.fetch, { host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server?.close());

  it('verifies every interaction with the provider-state endpoint', async () => {
    const failures = await verifyPact({
      provider: 'journal-system',
      providerBaseUrl: server.url,
      pactUrls: [join(COMMITTED_DIR, 'min-laege-platform-journal-system.json')],
      providerStatesSetupUrl: `${server.url}/__sandbox/provider-states`,
      // The pact's platform token is an example; the journal expects its own.
      customProviderHeaders: [`Authorization: Bearer ${TOKEN}`],
    });
    expect(failures).toEqual([]);
  });
});
