/**
 * `minlaege-sandbox/msw`: MSW 2 request handlers that serve the stateful sandbox in process, for an
 * app developer's own tests. Every request under `baseUrl` is handed, with its path rebased, to the
 * sandbox's `app.fetch` (the same app the Node server runs), so sign-in, consent, children,
 * booking and every refusal behave exactly as in `npm start`, with no port. A path under `baseUrl`
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
 * // handlers.sandbox.store, handlers.sandbox.clock: the sandbox's state and time
 */
import { type HttpHandler, http } from 'msw';
import { createSandbox, type Sandbox, type SandboxOptions } from '../mock-server/index.ts';

export type { Sandbox, SandboxOptions } from '../mock-server/index.ts';

export interface SandboxHandlersOptions {
  /**
   * The URL the app under test calls the platform at, e.g. `https://sandbox.test/api`. Absolute, or
   * a path such as `/api` (in a browser, resolved against the page's origin by MSW).
   */
  baseUrl: string;
}

/** The handlers to pass to `setupServer(...)`, and the sandbox they serve. */
export type SandboxHandlers = HttpHandler[] & { readonly sandbox: Sandbox };

/**
 * MSW handlers serving a sandbox under `baseUrl`: give a sandbox from `createSandbox`, or options
 * to create one.
 */
export function sandboxHandlers(
  sandboxOrOptions: Sandbox | SandboxOptions,
  options: SandboxHandlersOptions,
): SandboxHandlers {
  const sandbox = isSandbox(sandboxOrOptions) ? sandboxOrOptions : createSandbox(sandboxOrOptions);
  const base = options.baseUrl.replace(/\/+$/, '');
  // The path prefix to strip; the base itself may be relative (then its origin is the page's).
  const basePath = new URL(base || '/', 'http://base.invalid').pathname.replace(/\/+$/, '');

  const serve = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const rest = url.pathname.slice(basePath.length);
    const rebased = new URL(`${rest.startsWith('/') ? rest : `/${rest}`}${url.search}`, url.origin);
    // The body is read once here: a Request built around another's stream would need `duplex`.
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const forwarded = new Request(rebased, {
      method: request.method,
      headers: request.headers,
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
    });
    return sandbox.app.fetch(forwarded);
  };
  // The base itself and everything below it; `${base}*` would also catch `${base}x`, a sibling.
  const handlers = [http.all(base || '/', serve), http.all(`${base}/*`, serve)];
  return Object.assign(handlers, { sandbox });
}

function isSandbox(value: Sandbox | SandboxOptions): value is Sandbox {
  const candidate = value as Partial<Sandbox>;
  return typeof candidate.app?.fetch === 'function' && candidate.store !== undefined && candidate.clock !== undefined;
}
