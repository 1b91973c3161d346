// The server side of `npm run bench:server`, one process per target so that the load generator
// (scripts/bench-server.ts, with autocannon) never shares a process with what it measures:
//   sandbox <warn|strict> <port>  createSandbox()'s app over @hono/node-server (mock-server/node.ts);
//                                 signs in a persona, fetches the platform's copy (the warm-up),
//                                 then prints one JSON line: the path, token and the exact answer.
//   host <warn|strict> <port> [unbatched]
//                                 the same through the sandbox host, as `serve` runs it (sessions,
//                                 request log, privacy check of every answer, control API);
//                                 `unbatched` writes each answer the moment it is ready instead of
//                                 at the end of its event-loop turn (see mock-server/node.ts).
//   bare <port> <file> <type>     a bare node:http server answering every request with the file's
//                                 bytes under that content type.
//   hono <port> <file> <type>     the same answer from a Hono app with one no-op middleware and
//                                 nothing else, over the sandbox's transport: the framework's cost.
//   start <persona>               start to first answer in process: createSandbox() (modules
//                                 already imported), listen, and the persona's sign-in answered
//                                 200; then a second createSandbox() in the same process. Prints JSON.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Hono } from 'hono';
import { createSandbox, type Sandbox } from '../mock-server/index.ts';
import type { ValidationMode } from '../mock-server/middleware/contract-validation/index.ts';
import { listen } from '../mock-server/node.ts';
import { findReader } from './bench/reader.ts';

const [kind, ...args] = process.argv.slice(2);
const AS_OF = '2026-01-15';

/** The persona and answer the benchmark loads (see scripts/bench/reader.ts), over HTTP. */
async function readerOf(sandbox: Pick<Sandbox, 'store'>, base: string) {
  const handles = [...sandbox.store.personas.values()].map((p) => p.handle);
  const reader = await findReader(handles, (path, init) => fetch(`${base}${path}`, init));
  const body = Buffer.from(await reader.answer.arrayBuffer());
  return {
    persona: reader.persona,
    path: reader.path,
    token: reader.token,
    status: reader.answer.status,
    contentType: reader.answer.headers.get('content-type') ?? '',
    items: reader.items,
    body: body.toString('base64'),
  };
}

async function sandboxTarget(validation: ValidationMode, port: number) {
  const sandbox = createSandbox({ population: { asOf: AS_OF }, validation });
  const server = await listen(sandbox.app.fetch, { host: '127.0.0.1', port });
  const reader = await readerOf(sandbox, server.url);
  process.stdout.write(`${JSON.stringify({ url: server.url, ...reader })}\n`);
  process.once('SIGTERM', () => void server.close(500).then(() => process.exit(0)));
}

async function hostTarget(validation: ValidationMode, port: number, unbatched: boolean) {
  const { createSandboxHost } = await import('../mock-server/host.ts');
  const host = createSandboxHost({ population: { asOf: AS_OF }, validation, log: () => {} });
  const server = await listen(host.app.fetch, { host: '127.0.0.1', port, unbatched });
  const reader = await readerOf(host.session().sandbox, server.url);
  process.stdout.write(`${JSON.stringify({ url: server.url, ...reader })}\n`);
  process.once('SIGTERM', () => void server.close(500).then(() => process.exit(0)));
}

function bareTarget(port: number, file: string, contentType: string) {
  const body = readFileSync(file);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.byteLength });
    res.end(body);
  });
  server.listen(port, '127.0.0.1', () =>
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`),
  );
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

async function honoTarget(port: number, file: string, contentType: string) {
  const body = readFileSync(file, 'utf8');
  const app = new Hono();
  // One middleware, as every app with any makes its answers asynchronous (Hono composes them).
  app.use(async (_c, next) => {
    await next();
  });
  app.get('*', (c) => c.body(body, 200, { 'content-type': contentType }));
  const server = await listen(app.fetch, { host: '127.0.0.1', port });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.once('SIGTERM', () => void server.close(500).then(() => process.exit(0)));
}

async function startMeasure(persona: string) {
  const signIn = (url: string) =>
    fetch(`${url}/auth/sign-in/eid`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona }),
    });
  await signIn('http://127.0.0.1:1').catch(() => undefined); // loads fetch itself, which is the client's cost
  const started = performance.now();
  const sandbox = createSandbox({ population: { asOf: AS_OF }, validation: 'warn' });
  const created = performance.now();
  const server = await listen(sandbox.app.fetch, { host: '127.0.0.1', port: 0 });
  const res = await signIn(server.url);
  if (res.status !== 200) throw new Error(`sign-in as ${persona} answered ${res.status}`);
  const answered = performance.now();
  await server.close(100);
  const again = performance.now();
  createSandbox({ population: { asOf: AS_OF }, validation: 'warn' });
  const secondCreate = performance.now() - again;
  process.stdout.write(
    `${JSON.stringify({ firstAnswerMs: answered - started, createMs: created - started, secondCreateMs: secondCreate })}\n`,
  );
}

switch (kind) {
  case 'sandbox':
    await sandboxTarget(args[0] as ValidationMode, Number(args[1]));
    break;
  case 'host':
    await hostTarget(args[0] as ValidationMode, Number(args[1]), args[2] === 'unbatched');
    break;
  case 'bare':
    bareTarget(Number(args[0]), String(args[1]), String(args[2]));
    break;
  case 'hono':
    await honoTarget(Number(args[0]), String(args[1]), String(args[2]));
    break;
  case 'start':
    await startMeasure(String(args[0]));
    break;
  default:
    throw new Error(`unknown target ${kind}`);
}
