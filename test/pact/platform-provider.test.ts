// Provider verification of the committed app ↔ platform pact against the sandbox platform
// (createSandboxHost) over real HTTP on a free loopback port, with the control API's provider-state
// endpoint setting up each interaction's states (scenarios of the catalogue, generic states) and
// tearing them down.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxHost } from '../../mock-server/host.ts';
import { listen, type RunningServer } from '../../mock-server/node.ts';
import { catalogueDefinitions } from '../../scenarios/catalogue.ts';
import { COMMITTED_DIR, verifyPact } from './support.ts';

describe('the sandbox platform honours the app pact', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // As `serve` runs it: the catalogue's scenarios loadable as provider states.
    const host = createSandboxHost({ scenarios: catalogueDefinitions(), log: () => {} });
    server = await listen(host.app.fetch, { host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server?.close());

  it('verifies every interaction with the control API as provider-state endpoint', async () => {
    const failures = await verifyPact({
      provider: 'min-laege-platform',
      providerBaseUrl: server.url,
      pactUrls: [join(COMMITTED_DIR, 'min-laege-app-min-laege-platform.json')],
      providerStatesSetupUrl: `${server.url}/__sandbox/provider-states`,
    });
    expect(failures).toEqual([]);
  });
});
