// Prism's mock on a contract, on loopback and a free port, for the contract tests.
import { type RunningPrism, startPrism } from '../../cli/prism.ts';
import { freePort } from './free-port.ts';

export type { RunningPrism };

export async function startPrismMock(document: string): Promise<RunningPrism> {
  return startPrism({ mode: 'mock', document, host: '127.0.0.1', port: await freePort() });
}
