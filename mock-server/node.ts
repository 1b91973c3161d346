/**
 * The Node transport: any fetch handler (the sandbox's Hono app, a fake journal) on a host and
 * port through @hono/node-server, with a graceful close that lets requests in flight finish and
 * then ends idle keep-alive connections, so `serve` stops promptly on SIGINT/SIGTERM.
 *
 * Answers are written in batches: an answer ready during a turn of the event loop is written at
 * the end of that turn (its check phase), together with every other answer of the turn, instead
 * of the moment it is ready. Under load a turn handles every request that arrived while the last
 * one ran, so the process computes them back to back and then writes them back to back, and a
 * client waiting on several connections is woken once a batch rather than once an answer. On the
 * 2-vCPU development machine this took the sandbox app from ~10,000 to ~18,000 req/s at 50
 * connections and from ~105 to ~62 µs of CPU a request (`npm run bench:server` shows the host
 * both ways); with one request at a time it changes nothing, as the turn holds only that one.
 */
import type { AddressInfo } from 'node:net';
import { setImmediate } from 'node:timers';
import { createAdaptorServer, type Http2Bindings, type HttpBindings } from '@hono/node-server';

/** A fetch handler as @hono/node-server calls it: the request and Node's request and response. */
export type FetchHandler = (request: Request, env?: HttpBindings | Http2Bindings) => Response | Promise<Response>;

export interface ListenOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Write each answer the moment it is ready instead of at the end of its event-loop turn (default false). */
  unbatched?: boolean;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  /**
   * Stops accepting connections, waits for requests in flight (at most `graceMs`, then cuts
   * what is left), and resolves when the server is closed.
   */
  close(graceMs?: number): Promise<void>;
}

export class ListenError extends Error {}

/** Why a server could not listen, in words for whoever chose the host and port (`code`: Node's error code). */
export function listenFailure(code: string | undefined, host: string, port: number, detail = ''): string {
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE') return `port ${port} is in use on ${host}; choose another with --port`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot bind ${where}: no such address on this machine`;
  if (code === 'EACCES') return `not allowed to bind ${where}; ports under 1024 need privileges`;
  return `cannot listen on ${where}${detail ? `: ${detail}` : ''}`;
}

/**
 * The handler with its answers held to the end of the turn they are ready in (see the module's
 * comment). Each handler keeps its own batch, and takes setImmediate from node:timers, which test
 * frameworks' fake timers leave alone: a faked global one would hold every answer until the fake
 * clock ran, and for good once real timers were back.
 */
export function batchedAnswers(fetch: FetchHandler): FetchHandler {
  let turnEnd: Promise<void> | undefined;
  /** Settles in the check phase of the current event-loop turn; every answer of one turn shares it. */
  const endOfTurn = () => {
    turnEnd ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        turnEnd = undefined; // answers finished by what runs next belong to the next turn
        resolve();
      }),
    );
    return turnEnd;
  };
  return async (request, env) => {
    const response = await fetch(request, env);
    await endOfTurn();
    return response;
  };
}

export async function listen(fetch: FetchHandler, options: ListenOptions): Promise<RunningServer> {
  const server = createAdaptorServer({
    fetch: options.unbatched ? fetch : batchedAnswers(fetch),
    hostname: options.host,
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(new ListenError(listenFailure(error.code, options.host, options.port, error.message)));
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close(graceMs = 5_000) {
      closing ??= new Promise<void>((resolve) => {
        const http = server as import('node:http').Server;
        const force = setTimeout(() => http.closeAllConnections?.(), graceMs);
        force.unref();
        // A keep-alive connection busy when the close began goes idle once its answer is out; end
        // it then, rather than waiting out the grace period for the client to hang up.
        const sweep = setInterval(() => http.closeIdleConnections?.(), 20);
        sweep.unref();
        http.close(() => {
          clearTimeout(force);
          clearInterval(sweep);
          resolve();
        });
        http.closeIdleConnections?.();
      });
      return closing;
    },
  };
}
