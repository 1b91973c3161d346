/**
 * `minlaege-sandbox proxy`: Prism's validation proxy with one of the kit's contracts, between a
 * real client and a real server (a platform and a journal system, or the app and a platform).
 * Every request and answer is checked against the contract; with Prism's `--errors` a violation
 * is refused as a problem+json answer instead of passed on, and Prism logs what is wrong.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type ContractName, contractPath } from '../contracts/index.ts';
import { UsageError } from './errors.ts';
import { parseHttpUrl } from './options.ts';
import { startPrism } from './prism.ts';
import type { CliIo } from './program.ts';

export const DEFAULT_PROXY_PORT = 4030;
const PROXY_CONTRACTS = ['platform-journal', 'app-platform'] as const satisfies readonly ContractName[];

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError(
      'expected a port number from 1 to 65535 (0 is not allowed: Prism needs a fixed one)',
    );
  }
  return port;
}

/** Resolves on SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export function registerProxy(program: Command, io: CliIo): void {
  program
    .command('proxy')
    .description("Run Prism's validation proxy: forward to --upstream and refuse traffic that breaks the contract")
    .addOption(
      new Option('--upstream <url>', 'where requests go (a journal system or a platform)').argParser(parseHttpUrl),
    )
    .addOption(new Option('--contract <name>', 'the contract the traffic must honour').choices([...PROXY_CONTRACTS]))
    .addOption(new Option('--port <port>', 'port to listen on').default(DEFAULT_PROXY_PORT).argParser(parsePort))
    .addOption(new Option('--host <host>', 'address to bind').default('127.0.0.1'))
    .action(async (opts: { upstream?: string; contract?: ContractName; port: number; host: string }) => {
      if (!opts.upstream) throw new UsageError('proxy needs --upstream URL');
      if (!opts.contract) throw new UsageError(`proxy needs --contract (${PROXY_CONTRACTS.join(' or ')})`);
      if (opts.port === 0) throw new UsageError('--port must be 1–65535');
      const prism = await startPrism({
        mode: 'proxy',
        document: contractPath(opts.contract),
        host: opts.host,
        port: opts.port,
        upstream: opts.upstream,
        // After start, Prism's own log is what the user watches: each violation is a line.
        onOutput: (text) => io.err(text),
      });
      io.out(
        `minlaege-sandbox: ${opts.contract} validation proxy (Prism) listening on ${prism.baseUrl}, forwarding to ${opts.upstream} (Ctrl-C to stop)\n`,
      );
      const stopped = untilSignal().then(() => prism.stop());
      const code = await Promise.race([prism.exited, stopped.then(() => prism.exited)]);
      if (code !== 0 && code !== null) throw new Error(`the proxy stopped with exit code ${code}`);
    });
}
