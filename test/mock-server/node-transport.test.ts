import { Agent, request as httpRequest } from 'node:http';
import { setTimeout as realTimeout } from 'node:timers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchedAnswers, listen, type RunningServer } from '../../mock-server/node.ts';

const servers: RunningServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

/** GET over a keep-alive agent: status and body text. */
function get(url: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('batchedAnswers', () => {
  it('holds answers ready in one turn to its end, and releases them together', async () => {
    const handler = batchedAnswers(async (req) => new Response(new URL(req.url).pathname));
    const log: string[] = [];
    const calls = [1, 2, 3].map((i) =>
      Promise.resolve(handler(new Request(`http://sandbox.test/${i}`))).then(async (res) => {
        log.push(await res.text());
      }),
    );
    // Every microtask of this turn runs first: the handler's answers are ready, none is released.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(log).toEqual([]);
    // The batch's immediate was queued as the answers became ready; one queued now runs after it.
    const later = new Promise<void>((resolve) => setImmediate(resolve)).then(() => log.push('next immediate'));
    await Promise.all([...calls, later]);
    expect(log).toEqual(['/1', '/2', '/3', 'next immediate']);
  });

  it('answers while a test has faked the timers, and after', async () => {
    vi.useFakeTimers();
    try {
      const handler = batchedAnswers(async () => new Response('ok'));
      // A real timer (node:timers is not faked) ends the wait if the answer is held.
      const held = new Promise<never>((_, reject) => realTimeout(() => reject(new Error('answer held')), 2000).unref());
      const answer = await Promise.race([handler(new Request('http://sandbox.test/')), held]);
      expect(await answer.text()).toBe('ok');
    } finally {
      vi.useRealTimers();
    }
    const handler = batchedAnswers(async () => new Response('still ok'));
    expect(await (await handler(new Request('http://sandbox.test/'))).text()).toBe('still ok');
  });

  it('starts a new batch for answers finished after the last one was released', async () => {
    const handler = batchedAnswers(async () => new Response('ok'));
    const first = await handler(new Request('http://sandbox.test/a'));
    const second = await handler(new Request('http://sandbox.test/b'));
    expect([await first.text(), await second.text()]).toEqual(['ok', 'ok']);
  });

  it('passes a failing handler’s error on without waiting for the turn', async () => {
    const handler = batchedAnswers(async () => {
      throw new Error('handler failed');
    });
    await expect(handler(new Request('http://sandbox.test/'))).rejects.toThrow('handler failed');
  });
});

describe('listen', () => {
  for (const unbatched of [false, true]) {
    it(`answers 200 concurrent requests on 20 connections, each with its own answer (${unbatched ? 'unbatched' : 'batched'})`, async () => {
      const server = await listen(
        async (req) => {
          const n = new URL(req.url).searchParams.get('n');
          // Some answers take a timer, so answers of different turns interleave.
          if (Number(n) % 7 === 0) await new Promise((r) => setTimeout(r, 2));
          return new Response(`answer ${n}`, { headers: { 'content-type': 'text/plain' } });
        },
        { host: '127.0.0.1', port: 0, unbatched },
      );
      servers.push(server);
      const agent = new Agent({ keepAlive: true, maxSockets: 20 });
      try {
        const answers = await Promise.all(Array.from({ length: 200 }, (_, n) => get(`${server.url}/?n=${n}`, agent)));
        answers.forEach((a, n) => {
          expect(a).toEqual({ status: 200, body: `answer ${n}` });
        });
      } finally {
        agent.destroy();
      }
    });
  }

  it('streams a body that is still being written when the turn ends', async () => {
    const server = await listen(
      () =>
        new Response(
          new ReadableStream({
            async start(controller) {
              controller.enqueue(new TextEncoder().encode('first '));
              await new Promise((r) => setTimeout(r, 20));
              controller.enqueue(new TextEncoder().encode('second'));
              controller.close();
            },
          }),
        ),
      { host: '127.0.0.1', port: 0 },
    );
    servers.push(server);
    const agent = new Agent({ keepAlive: false });
    expect(await get(`${server.url}/`, agent)).toEqual({ status: 200, body: 'first second' });
    agent.destroy();
  });

  it('answers 500 when the handler fails, and goes on serving', async () => {
    const server = await listen(
      async (req) => {
        if (new URL(req.url).pathname === '/fail') throw new Error('handler failed');
        return new Response('fine');
      },
      { host: '127.0.0.1', port: 0 },
    );
    servers.push(server);
    const agent = new Agent({ keepAlive: true });
    try {
      expect((await get(`${server.url}/fail`, agent)).status).toBe(500);
      expect(await get(`${server.url}/`, agent)).toEqual({ status: 200, body: 'fine' });
    } finally {
      agent.destroy();
    }
  });

  it('closes soon after the answers in flight, without waiting out the grace period for keep-alive clients', async () => {
    const server = await listen(
      async (req) => {
        await new Promise((r) => setTimeout(r, 50));
        return new Response(`answer ${new URL(req.url).pathname}`);
      },
      { host: '127.0.0.1', port: 0 },
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const answers = Promise.all([1, 2, 3, 4].map((i) => get(`${server.url}/${i}`, agent)));
      await new Promise((r) => setTimeout(r, 10));
      const started = performance.now();
      await server.close(5_000);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect((await answers).map((a) => a.body)).toEqual(['answer /1', 'answer /2', 'answer /3', 'answer /4']);
    } finally {
      agent.destroy();
    }
  });
});
