/**
 * The Node transport: any fetch handler (the sandbox's Hono app, a fake journal) on a host and
 * port through @hono/node-server, with a graceful close that lets requests in flight finish and
 * then ends idle keep-alive connections, so `serve` stops promptly on SIGINT/SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface ListenOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
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

export async function listen(fetch: FetchHandler, options: ListenOptions): Promise<RunningServer> {
  const server = createAdaptorServer({ fetch, hostname: options.host });
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
        http.close(() => {
          clearTimeout(force);
          resolve();
        });
        http.closeIdleConnections?.();
      });
      return closing;
    },
  };
}
