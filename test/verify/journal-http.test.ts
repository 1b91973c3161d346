// A journal that stops answering costs the first few requests their timeout, not every request of
// the run: after three timeouts in a row the next requests fail at once, naming why, except a probe
// a timeout's length later; a journal that answers again is used again.
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createJournalHttp, JournalUnreachableError } from '../../verify/journal-http.ts';

describe('createJournalHttp', () => {
  it('holds requests back after three timeouts in a row, and uses the journal again once it answers', async () => {
    let answering = false;
    let received = 0;
    const journal = createServer((_req, res) => {
      received += 1;
      if (answering) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => journal.listen(0, '127.0.0.1', resolve));
    const port = (journal.address() as { port: number }).port;
    try {
      const client = createJournalHttp({ baseUrl: `http://127.0.0.1:${port}`, token: 't', timeoutMs: 200 });
      const errors: Error[] = [];
      for (let i = 0; i < 6; i++) await client.call('GET', '/clinic').catch((error: Error) => errors.push(error));
      expect(errors).toHaveLength(6);
      expect(errors.every((e) => e instanceof JournalUnreachableError)).toBe(true);
      expect(errors.slice(0, 3).every((e) => /got no answer/.test(e.message))).toBe(true);
      expect(errors[3]?.message).toMatch(/not sent: the journal's last 3 requests timed out/);
      expect(received).toBe(3); // the held-back ones never reached it
      // It answers again: after a timeout's length the probe goes through, and then every request.
      answering = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect((await client.call('GET', '/clinic')).status).toBe(200);
      expect((await client.call('GET', '/clinic')).status).toBe(200);
    } finally {
      journal.closeAllConnections();
      journal.close();
    }
  });
});
