/**
 * `minlaege-sandbox/msw`: MSW 2 request handlers that serve the stateful sandbox in process, for an
 * app developer's own tests. Every request under `baseUrl` is handed, with its path rebased, to the
 * sandbox host's `app.fetch` (the same app the Node server runs: the platform, the control API
 * under `/__sandbox`, sessions), so sign-in, consent, children, booking, time travel, faults and
 * every refusal behave exactly as in `npm start`, with no port. A path under `baseUrl`
 * that the platform does not know gets the sandbox's own not-found problem; nothing under
 * `baseUrl` reaches the network. Requests elsewhere are left to MSW's `onUnhandledRequest`.
 *
 * msw is an optional peer dependency: it is imported from 'msw', never bundled. The sandbox itself
 * still needs Node (node:crypto for its keys, node:fs to read the contracts), so for now this serves
 * `setupServer` from 'msw/node'; a `setupWorker` bundle would need those shimmed.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { sandboxHandlers } from 'minlaege-sandbox/msw';
 * const handlers = sandboxHandlers({ population: { seed: 'my-app' } }, { baseUrl: 'https://sandbox.test/api' });
 * const server = setupServer(...handlers);
 * // handlers.sandbox.store, handlers.sandbox.clock: the default session's state and time
 * // handlers.host: sessions, scenarios; or drive it over HTTP at `${baseUrl}/__sandbox/…`
 */
import { type HttpHandler, http } from 'msw';
import { createSandboxHost, type HostOptions, type SandboxHost } from '../mock-server/host.ts';
import type { Sandbox } from '../mock-server/index.ts';
import { catalogueDefinitions } from '../scenarios/catalogue.ts';

export type { HostOptions, SandboxHost } from '../mock-server/host.ts';
export type { Sandbox, SandboxOptions } from '../mock-server/index.ts';

export interface SandboxHandlersOptions {
  /**
   * The URL the app under test calls the platform at, e.g. `https://sandbox.test/api`. Absolute, or
   * a path such as `/api` where the tests have a page origin to resolve it against (a DOM test
   * environment such as jsdom or happy-dom); in plain Node a path would match nothing, so it is
   * refused there.
   */
  baseUrl: string;
}

/** The handlers to pass to `setupServer(...)`, and what they serve. */
export type SandboxHandlers = HttpHandler[] & {
  /** The default session's sandbox (its store and clock); a reset or load replaces it. */
  readonly sandbox: Sandbox;
  /** The host, when the handlers serve one (not for a bare sandbox). */
  readonly host: SandboxHost | undefined;
};

/**
 * MSW handlers serving under `baseUrl`: a host from `createSandboxHost`, options to create one,
 * or a bare sandbox from `createSandbox` (the platform alone, without the control API).
 */
export function sandboxHandlers(
  target: SandboxHost | Sandbox | HostOptions,
  options: SandboxHandlersOptions,
): SandboxHandlers {
  const bare = isSandbox(target) ? target : undefined;
  // A host made here offers the kit's scenario catalogue, as `serve` does.
  const host = bare
    ? undefined
    : isHost(target)
      ? target
      : createSandboxHost({ scenarios: catalogueDefinitions(), ...(target as HostOptions) });
  const app = bare?.app ?? (host as SandboxHost).app;
  const base = checkedBase(options.baseUrl).replace(/\/+$/, '');
  // The path prefix to strip; the base itself may be relative (then its origin is the page's).
  const basePath = new URL(base || '/', 'http://base.invalid').pathname.replace(/\/+$/, '');

  const serve = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const rest = url.pathname.slice(basePath.length);
    // Set as a path, not parsed as a reference: `//x` under the base stays a path of this origin,
    // as the Node server sees it, instead of naming the host `x`.
    const rebased = new URL(url.origin);
    rebased.pathname = rest.startsWith('/') ? rest : `/${rest}`;
    rebased.search = url.search;
    // The body is read once here: a Request built around another's stream would need `duplex`.
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const forwarded = new Request(rebased, {
      method: request.method,
      headers: request.headers,
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
    });
    return app.fetch(forwarded);
  };
  // The base itself and everything below it; `${base}*` would also catch `${base}x`, a sibling.
  const handlers = [http.all(base || '/', serve), http.all(`${base}/*`, serve)];
  return Object.defineProperties(handlers, {
    sandbox: { get: () => bare ?? (host as SandboxHost).session().sandbox },
    host: { value: host },
  }) as SandboxHandlers;
}

/**
 * The base URL when MSW can match requests under it: absolute (`https://…`), or a path (`/api`)
 * when there is a page origin to resolve it against; otherwise a TypeError saying what to give.
 */
function checkedBase(baseUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl)) {
    if (!URL.canParse(baseUrl)) throw new TypeError(`sandboxHandlers: baseUrl ${JSON.stringify(baseUrl)} is not a URL`);
    return baseUrl;
  }
  if (baseUrl.startsWith('/') && !baseUrl.startsWith('//')) {
    const origin = (globalThis as { location?: { origin?: unknown } }).location?.origin;
    if (typeof origin === 'string' && origin !== 'null') return baseUrl;
    throw new TypeError(
      `sandboxHandlers: baseUrl ${JSON.stringify(baseUrl)} is a path, which MSW resolves against the page's origin, ` +
        'and there is none here (plain Node), so it would match nothing. Give an absolute URL such as ' +
        'https://sandbox.test/api, or run the tests in a DOM environment (jsdom, happy-dom).',
    );
  }
  throw new TypeError(
    `sandboxHandlers: baseUrl must be an absolute URL (https://sandbox.test/api) or a path (/api), got ${JSON.stringify(baseUrl)}`,
  );
}

function isSandbox(value: SandboxHost | Sandbox | HostOptions): value is Sandbox {
  const candidate = value as Partial<Sandbox>;
  return typeof candidate.app?.fetch === 'function' && candidate.store !== undefined && candidate.clock !== undefined;
}

function isHost(value: SandboxHost | Sandbox | HostOptions): value is SandboxHost {
  const candidate = value as Partial<SandboxHost>;
  return typeof candidate.app?.fetch === 'function' && typeof candidate.session === 'function';
}
