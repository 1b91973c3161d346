// node --import tsx scripts/bench/host-cpu.ts [--requests 20000] [--in-flight 50] [--rounds 3]
//   [--validation warn|strict] [--only hono,app,host,compared] [--compare DIR]:
// CPU time per request of the sandbox host (as `serve` runs it, built as scripts/bench-server-target.ts
// builds it) on the request `npm run bench:server` loads, in process and without a network: the
// same persona's own diagnoses, through the same @hono/node-server request listener the Node
// transport uses, fed minimal stand-ins for Node's incoming request and server response. Beside
// it, in the same run, a Hono app with one no-op middleware answering the same bytes (the
// framework's share) and the session's sandbox app without the host around it (`app`: what the
// host adds is the difference). CPU is the process's user + system time over a round, per request,
// so the stand-ins' small cost is in every row alike. Nothing listens on a port, so it disturbs no other measurement on the machine
// and can run under `node --cpu-prof` to find where the host's time goes. With --compare DIR (another
// copy of the kit, e.g. an earlier commit's tree unpacked inside node_modules/.cache so it finds the
// same dependencies), that copy's host runs too, round by round with this one in the same process:
// on a busy machine a difference of a few µs shows there and not between separate runs.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createSandboxHost } from '../../mock-server/host.ts';
import type { ValidationMode } from '../../mock-server/middleware/contract-validation/index.ts';
import { findReader } from './reader.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    'in-flight': { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    validation: { type: 'string', default: 'warn' },
    only: { type: 'string' },
    compare: { type: 'string' },
  },
});
const REQUESTS = Number(values.requests);
const IN_FLIGHT = Number(values['in-flight']);
const ROUNDS = Number(values.rounds);
const AS_OF = '2026-01-15'; // as scripts/bench-server-target.ts
const HOST_HEADER = '127.0.0.1:4010';

type Listener = (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void> | void;

/** What a server response needs for @hono/node-server to write an answer into it; keeps the bytes. */
class FakeOutgoing extends EventEmitter {
  status = 0;
  headers: Record<string, unknown> = {};
  body: string | Uint8Array | undefined;
  headersSent = false;
  writable = true;
  writableFinished = false;
  destroyed = false;
  // What ServerResponse has for an HTTP/1.1 answer with a body, so the listener may set the length.
  _contentLength: number | null = null;
  _hasBody = true;
  useChunkedEncodingByDefault = true;
  _removedContLen = false;
  constructor(private readonly done: (out: FakeOutgoing) => void) {
    super();
  }
  hasHeader(name: string) {
    return name.toLowerCase() in this.headers;
  }
  writeHead(status: number, headers?: Record<string, unknown>) {
    this.status = status;
    if (headers) for (const [k, v] of Object.entries(headers)) this.headers[k.toLowerCase()] = v;
    this.headersSent = true;
    return this;
  }
  write(chunk: Uint8Array) {
    this.body = this.body === undefined ? chunk : Buffer.concat([Buffer.from(this.body), chunk]);
    return true;
  }
  end(chunk?: string | Uint8Array) {
    if (chunk !== undefined) this.body = chunk;
    this.writableFinished = true;
    this.emit('finish');
    this.emit('close');
    this.done(this);
    return this;
  }
  flushHeaders() {}
  destroy() {
    this.destroyed = true;
    this.done(this);
  }
}

/** What an incoming GET needs for @hono/node-server to make its request from it. */
function incoming(path: string, headers: Record<string, string>): IncomingMessage {
  const message = new EventEmitter() as unknown as IncomingMessage & Record<string, unknown>;
  const all = { host: HOST_HEADER, ...headers };
  Object.assign(message, {
    method: 'GET',
    url: path,
    headers: all,
    rawHeaders: Object.entries(all).flat(),
    socket: { encrypted: false, remoteAddress: '127.0.0.1' },
    complete: true,
    readableEnded: true,
    destroyed: false,
  });
  return message;
}

function send(listener: Listener, path: string, headers: Record<string, string>): Promise<FakeOutgoing> {
  return new Promise((resolve, reject) => {
    const out = new FakeOutgoing(resolve);
    const returned = listener(incoming(path, headers), out as unknown as ServerResponse);
    if (returned instanceof Promise) returned.catch(reject);
  });
}

const bodyText = (out: FakeOutgoing) =>
  typeof out.body === 'string' ? out.body : Buffer.from(out.body ?? new Uint8Array()).toString('utf8');

/** Runs `count` requests, `inFlight` at a time; CPU µs and wall-clock req/s. */
async function measure(listener: Listener, path: string, headers: Record<string, string>, count: number) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let sent = 0;
  let failed = 0;
  const worker = async () => {
    while (sent < count) {
      sent++;
      const out = await send(listener, path, headers);
      if (out.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, IN_FLIGHT) }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { cpuUs: (used.user + used.system) / count, rps: count / seconds, failed };
}

// The host, as the benchmark target builds it; the listener also puts the transport's lightweight
// Request and Response in place, as `serve` does.
type CreateHost = typeof createSandboxHost;
const hostOf = (create: CreateHost) =>
  create({ population: { asOf: AS_OF }, validation: values.validation as ValidationMode, log: () => {} });
const host = hostOf(createSandboxHost);
const hostListener = getRequestListener(host.app.fetch) as unknown as Listener;

/** The persona and answer the benchmark loads (see reader.ts), through the host's fetch handler. */
async function reader(host: ReturnType<CreateHost>) {
  const handles = [...host.session().sandbox.store.personas.values()].map((p) => p.handle);
  const found = await findReader(handles, async (path, init) =>
    host.app.fetch(new Request(`http://${HOST_HEADER}${path}`, init)),
  );
  return {
    persona: found.persona,
    path: found.path,
    headers: found.headers,
    body: await found.answer.text(),
    type: found.answer.headers.get('content-type') ?? '',
  };
}

const read = await reader(host);
const hono = new Hono();
hono.use(async (_c, next) => {
  await next();
});
hono.get('*', (c) => c.body(read.body, 200, { 'content-type': read.type }));
const honoListener = getRequestListener(hono.fetch) as unknown as Listener;
const check = await send(honoListener, read.path, read.headers);
if (bodyText(check) !== read.body) throw new Error('The Hono baseline does not answer the host’s bytes');

console.log(
  `Node ${process.version}; GET ${read.path.replace(/\/patients\/[^/]+/, '/patients/{id}')} as ${read.persona}, ` +
    `${Buffer.byteLength(read.body)} bytes; validation ${values.validation}; ${REQUESTS} requests × ${ROUNDS} rounds, ${IN_FLIGHT} in flight`,
);
// The session's sandbox app on its own (auth, consent, proxy and contract checks, no host around
// it): what the host adds is the difference.
const appListener = getRequestListener(host.session().sandbox.app.fetch) as unknown as Listener;
const targets: [string, Listener][] = [
  ['hono', honoListener],
  ['app', appListener],
  ['host', hostListener],
];
let compared: { headers: Record<string, string> } | undefined;
if (values.compare) {
  const other = (await import(pathToFileURL(resolve(values.compare, 'mock-server/host.ts')).href)) as {
    createSandboxHost: CreateHost;
  };
  const otherHost = hostOf(other.createSandboxHost);
  const otherListener = getRequestListener(otherHost.app.fetch) as unknown as Listener;
  const otherRead = await reader(otherHost);
  if (otherRead.path !== read.path || otherRead.body !== read.body) {
    throw new Error(`${values.compare} answers another request or other bytes`);
  }
  compared = { headers: otherRead.headers };
  targets.push(['compared', otherListener]);
}
const headersOf = (name: string) => (name === 'compared' && compared ? compared.headers : read.headers);
const rows = new Map<string, { cpuUs: number; rps: number }[]>();
for (const [name, listener] of targets) await measure(listener, read.path, headersOf(name), Math.min(REQUESTS, 5000)); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, listener] of targets) {
    if (values.only && !values.only.split(',').includes(name)) continue;
    const r = await measure(listener, read.path, headersOf(name), REQUESTS);
    if (r.failed > 0) throw new Error(`${name}: ${r.failed} requests did not answer 200`);
    rows.set(name, [...(rows.get(name) ?? []), r]);
    if (ROUNDS <= 5) {
      console.log(
        `  round ${round + 1} ${name.padEnd(8)} ${r.cpuUs.toFixed(1).padStart(7)} µs CPU/req ${Math.round(r.rps).toString().padStart(7)} req/s`,
      );
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const [name, rs] of rows) {
  const cpu = rs.map((r) => r.cpuUs);
  console.log(
    `${name.padEnd(8)} median ${median(cpu).toFixed(1).padStart(6)} µs CPU/req, mean ${mean(cpu).toFixed(1)}, ` +
      `min ${Math.min(...cpu).toFixed(1)}; ${Math.round(median(rs.map((r) => r.rps)))} req/s`,
  );
}
