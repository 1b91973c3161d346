/**
 * Runs Stoplight Prism on one of the kit's contracts, as a child process on a chosen host and
 * port: `mock` answers from the contract's examples, `proxy` forwards to an upstream and checks
 * the traffic against the contract. Prism is the general tool; the kit hands it our documents.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

/** Starts Prism and resolves once it listens; rejects with its output if it does not. */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const { mode, document, host, port, upstream, onOutput, timeoutMs = 45_000 } = options;
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
      onOutput?.(text);
      if (listening) return;
      output += text;
      if (output.includes('Prism is listening')) {
        listening = true;
        clearTimeout(timer);
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
      if (!listening) fail(new Error(`Prism exited with ${code} before listening:\n${output}`));
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
