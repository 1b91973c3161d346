// The typed client when no answer arrives at all: an AppClientError with status 0, naming the
// request, the same as a dropped answer in process; a cancel by the caller's own signal stays an AbortError.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AppClientError, createAppClient, isAppClientError } from '../../client/index.ts';

/** A port on loopback that nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createAppClient without an answer', () => {
  it('throws an AppClientError with status 0 and the cause when the connection is refused', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const client = createAppClient({ baseUrl });
    const failure = await client.GET('/me').catch((error: unknown) => error);
    expect(isAppClientError(failure)).toBe(true);
    expect(failure).toBeInstanceOf(AppClientError);
    expect(failure).toMatchObject({ status: 0, method: 'GET', url: `${baseUrl}/me` });
    expect((failure as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/me got no answer/);
    expect((failure as Error).cause).toBeInstanceOf(TypeError);
    await expect(client.unwrap(client.GET('/me'))).rejects.toMatchObject({ status: 0 });
  });

  it("passes the caller's own cancel on as it was", async () => {
    const client = createAppClient({
      baseUrl: 'http://cancel.test',
      fetch: (request) =>
        new Promise((_, reject) => {
          const cancelled = () => reject(request.signal.reason);
          if (request.signal.aborted) cancelled();
          else request.signal.addEventListener('abort', cancelled);
        }),
    });
    const controller = new AbortController();
    const call = client.GET('/me', { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });
});
