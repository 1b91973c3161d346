// A journal that stops answering costs the first few requests their timeout, not every request of
// the run: after three in a row got no answer, the rest fail at once, naming why.
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createJournalHttp, JournalUnreachableError } from '../../verify/journal-http.ts';

describe('createJournalHttp', () => {
  it('stops sending after three requests in a row got no answer, and says so', async () => {
    const hanging = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const port = (hanging.address() as { port: number }).port;
    try {
      const journal = createJournalHttp({ baseUrl: `http://127.0.0.1:${port}`, token: 't', timeoutMs: 200 });
      const errors: Error[] = [];
      for (let i = 0; i < 6; i++) {
        await journal.call('GET', '/clinic').catch((error: Error) => errors.push(error));
      }
      expect(errors).toHaveLength(6);
      expect(errors.every((e) => e instanceof JournalUnreachableError)).toBe(true);
      expect(errors.slice(0, 3).every((e) => /got no answer/.test(e.message))).toBe(true);
      expect(errors[3]?.message).toMatch(/not sent: the journal gave no answer to the last 3 requests/);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});
