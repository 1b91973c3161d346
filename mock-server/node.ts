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

export async function listen(fetch: FetchHandler, options: ListenOptions): Promise<RunningServer> {
  const server = createAdaptorServer({ fetch, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      reject(
        new ListenError(
          error.code === 'EADDRINUSE'
            ? `port ${options.port} is in use on ${options.host}; choose another with --port`
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? `cannot bind ${where}: no such address on this machine`
              : error.code === 'EACCES'
                ? `not allowed to bind ${where}; ports under 1024 need privileges`
                : `cannot listen on ${where}: ${error.message}`,
        ),
      );
    };
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
