// `minlaege-sandbox serve` starts on loopback, answers, and stops cleanly on SIGTERM; bad
// arguments end with exit code 2 and a one-line message.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CliIo, run } from '../../cli/program.ts';
import { freePort } from '../support/free-port.ts';

const bin = fileURLToPath(new URL('../../cli/bin.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s) };
  return { io, out, err };
}

describe('minlaege-sandbox CLI', () => {
  it.each([
    [['serve', '--port', 'abc'], /port number from 1 to 65535/],
    [['serve', '--port', '70000'], /port number from 1 to 65535/],
    [['serve', '--contract', 'nope'], /Allowed choices are app-platform, platform-journal/],
    [['bogus'], /unknown command 'bogus'/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const { io, err } = capture();
    expect(await run(argv, io)).toBe(2);
    expect(err.join('')).toMatch(message);
    expect(err.join('')).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('prints its version and help with exit code 0', async () => {
    const { io, out } = capture();
    expect(await run(['--version'], io)).toBe(0);
    expect(out.join('')).toMatch(/^\d+\.\d+\.\d+/);
    expect(await run(['--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/serve/);
  });

  it('serves the app-platform contract on loopback and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [tsx, bin, 'serve', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 45_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('listening on')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.stderr.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
      });
      const res = await fetch(`http://127.0.0.1:${port}/me`, { headers: { authorization: 'Bearer abc.def.ghi' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toHaveProperty('patientId');
      const unauthorized = await fetch(`http://127.0.0.1:${port}/me`);
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get('content-type')).toMatch(/application\/problem\+json/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
