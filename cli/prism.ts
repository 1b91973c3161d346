/**
 * Runs Stoplight Prism on one of the kit's contracts, as a child process on a chosen host and
 * port: `mock` answers from the contract's examples, `proxy` forwards to an upstream and checks
 * the traffic against the contract. Prism is the general tool; the kit hands it our documents.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { listenFailure } from '../mock-server/node.ts';
import { UsageError } from './errors.ts';

export interface PrismOptions {
  mode: 'mock' | 'proxy';
  document: string;
  host: string;
  port: number;
  /** For `proxy`: where requests go. */
  upstream?: string;
  /** Print Prism's own log lines as they come. */
  onOutput?: (text: string) => void;
  timeoutMs?: number;
}

export interface RunningPrism {
  baseUrl: string;
  /** Resolves when the process ends (with its exit code). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The Prism CLI entry point of the installed @stoplight/prism-cli. */
function prismBin(): string {
  const pkg = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require(pkg) as { bin: Record<string, string> };
  return join(dirname(pkg), bin.prism ?? 'dist/index.js');
}

/** A port free on `host` now, for a caller that asked for port 0 (Prism cannot, nor say which it took). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Prism's reason for not starting, in the words `serve` uses; the last lines of its output otherwise. */
function whyNotListening(output: string, host: string, port: number, code: number | null): Error {
  const errno = /\b(EADDRINUSE|EADDRNOTAVAIL|ENOTFOUND|EACCES)\b/.exec(output)?.[1];
  if (errno) return new UsageError(listenFailure(errno, host, port));
  const tail = output.trim().split('\n').slice(-5).join('\n');
  return new Error(`Prism exited with ${code} before listening:\n${tail}`);
}

/**
 * Starts Prism and resolves once it listens; rejects with the reason if it does not (a usage error
 * for a port in use or a host that is not this machine's). Port 0 picks a free port first.
 */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const { mode, document, host, upstream, onOutput, timeoutMs = 45_000 } = options;
  let port = options.port;
  if (port === 0) {
    try {
      port = await freePort(host);
    } catch (error) {
      throw new UsageError(listenFailure((error as NodeJS.ErrnoException).code, host, 0));
    }
  }
  const args = [prismBin(), mode, '-h', host, '-p', String(port)];
  if (mode === 'proxy') {
    if (!upstream) throw new Error('Prism proxy needs an upstream URL');
    args.push('--errors', document, upstream);
  } else {
    args.push(document);
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    let listening = false;
    const timer = setTimeout(() => fail(new Error(`Prism did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      // Prism's log once it listens; what it says before is the reason it did not, reported once.
      if (listening) {
        onOutput?.(text);
        return;
      }
      output += text;
      if (output.includes('Prism is listening')) {
        listening = true;
        clearTimeout(timer);
        onOutput?.(output);
        resolve();
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      if (!listening) fail(whyNotListening(output, host, port, code));
    });
  });
  return { baseUrl: `http://${host}:${port}`, exited, stop: () => stop(child, exited) };
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}
