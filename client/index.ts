/**
 * `minlaege-sandbox/client`: a typed client of the app ↔ platform API, built on openapi-fetch with
 * the types generated from `contracts/app-platform.openapi.yaml`, so every path, parameter, body
 * and answer is the contract's and nothing is hand-copied. On top of the plain client: a bearer
 * token on every request, signing in as a sandbox persona (or with a PIN) and keeping the tokens,
 * refreshing them, and `unwrap` to turn a problem answer into a `ProblemError`.
 *
 * @example
 * const client = createAppClient({ baseUrl: 'http://127.0.0.1:4010' });
 * const { patientId } = await client.signInAsPersona('camilla-holm');
 * await client.unwrap(client.PUT('/me/consent', { body: { accepted: true } }));
 * const { data, error } = await client.GET('/patients/{patientId}/vaccinations', {
 *   params: { path: { patientId } },
 * });
 */
import type { Client, HeadersOptions, Middleware } from 'openapi-fetch';
import createClient from 'openapi-fetch';
import type { components, operations, paths } from '../contracts/types/app-platform.d.ts';
import { AppClientError, isProblem, ProblemError } from './errors.ts';

export type { Middleware } from 'openapi-fetch';
export type { ProblemKind } from '../domain/problem-types.ts';
export { AppClientError, isAppClientError, isProblem, isProblemError, type Problem, ProblemError } from './errors.ts';
export type { components, operations, paths };

/** Every schema of the contract, e.g. `Schemas['Appointment']`. */
export type Schemas = components['schemas'];
export type TokenPair = Schemas['TokenPair'];
export type Profile = Schemas['Profile'];
export type Child = Schemas['Child'];
export type Consent = Schemas['Consent'];
export type ConsentState = Schemas['ConsentState'];
export type Clinic = Schemas['Clinic'];
export type OutOfHours = Schemas['OutOfHours'];
export type EConsultation = Schemas['EConsultation'];
export type EConsultationSummary = Schemas['EConsultationSummary'];
export type Message = Schemas['Message'];
export type Appointment = Schemas['Appointment'];
export type BookingSlot = Schemas['BookingSlot'];
export type Vaccination = Schemas['Vaccination'];
export type Referral = Schemas['Referral'];
export type Diagnosis = Schemas['Diagnosis'];
export type MedicationOverview = Schemas['MedicationOverview'];
export type LabResult = Schemas['LabResult'];
export type VideoSession = Schemas['VideoSession'];
/** The operationIds of the contract, e.g. `'listDiagnoses'`. */
export type OperationId = keyof operations;

/** Where the access token of a request comes from when the client holds no session of its own. */
export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

export interface AppClientOptions {
  /** The platform's root, e.g. `http://127.0.0.1:4010` (the local sandbox) or `https://sandbox.test/api` under MSW. */
  baseUrl: string;
  /**
   * The fetch to send requests with (default: `globalThis.fetch`, looked up at each request). Pass
   * `(r) => sandbox.app.fetch(r)` to talk to an in-process sandbox without a port.
   */
  fetch?: (request: Request) => Response | Promise<Response>;
  /** A fixed access token, for when the app signed in elsewhere. */
  token?: string;
  /** Asked for the access token before each request (wins over `token`). */
  getToken?: TokenSource;
  /** Headers sent with every request. */
  headers?: HeadersOptions;
}

/** The openapi-fetch client of the contract, plus sign-in, refresh and `unwrap`. */
export interface AppClient extends Client<paths> {
  /**
   * Signs in with MitID as a sandbox persona (`signInWithEid`) and sends its access token from now
   * on. Throws a ProblemError (`unauthorized`) for an unknown persona or a child under 15.
   */
  signInAsPersona(persona: string): Promise<TokenPair>;
  /** Signs in with a device PIN (`signInWithPin`) and sends the new access token from now on. */
  signInWithPin(deviceId: string, pin: string): Promise<TokenPair>;
  /**
   * Exchanges the session's refresh token (or the one given) for new tokens (`refreshTokens`) and
   * keeps them. Refresh tokens rotate: the old one is spent.
   */
  refresh(refreshToken?: string): Promise<TokenPair>;
  /** Forgets the session's tokens; later requests fall back to `getToken`/`token`, or go without. */
  signOut(): void;
  /** The tokens of the last sign-in or refresh through this client, if any. */
  readonly session: TokenPair | undefined;
  /**
   * The data of a call, or a thrown ProblemError (AppClientError for an answer that is not
   * problem+json) naming the method and URL.
   * @example const profile = await client.unwrap(client.GET('/me'));
   */
  unwrap<R extends { data?: unknown; error?: unknown; response: Response }>(
    call: R | Promise<R>,
  ): Promise<Exclude<R['data'], undefined>>;
}

/** Creates a typed client of the app ↔ platform API. */
export function createAppClient(options: AppClientOptions): AppClient {
  // globalThis.fetch is looked up per request, not once here: MSW (and other interceptors) replace
  // it when they start, which may be after this client was made.
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: async (request: Request) => {
      try {
        return await send(request);
      } catch (error) {
        // No answer at all (refused, reset, DNS): an AppClientError with status 0, as a dropped
        // answer in process already is. A cancel by the caller's own signal stays what it was.
        const name = (error as { name?: unknown } | null)?.name;
        if (name === 'AbortError' || name === 'TimeoutError') throw error;
        throw new AppClientError(
          `${request.method} ${request.url} got no answer: ${(error as Error)?.message ?? String(error)}`,
          request.method,
          request.url,
          0,
          { cause: error },
        );
      }
    },
    ...(options.headers ? { headers: options.headers } : {}),
  });
  let session: TokenPair | undefined;
  // Which request each response answers, so unwrap can name the method and URL (a Response made in
  // process, e.g. by app.fetch, has an empty `url`).
  const requests = new WeakMap<Response, Request>();

  const accessToken = async () => session?.accessToken ?? (await options.getToken?.()) ?? options.token;
  const bearer: Middleware = {
    async onRequest({ request }) {
      // A header set on the call itself wins over the client's token.
      if (request.headers.has('authorization')) return request;
      const token = await accessToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ request, response }) {
      requests.set(response, request);
    },
  };
  client.use(bearer);

  const unwrap: AppClient['unwrap'] = async (call) => {
    const { data, error, response } = await call;
    if (error === undefined && response.ok) return data as never;
    const request = requests.get(response);
    const method = request?.method ?? 'request';
    const url = request?.url ?? (response.url || options.baseUrl);
    if (isProblem(error)) throw new ProblemError(method, url, error);
    throw new AppClientError(
      `${method} ${url} failed with ${response.status} and an answer that is not problem+json: ${String(error).slice(0, 200)}`,
      method,
      url,
      response.status,
    );
  };
  const keep = (tokens: TokenPair) => {
    session = tokens;
    return tokens;
  };

  const extras = {
    unwrap,
    signInAsPersona: async (persona: string) =>
      keep(await unwrap(client.POST('/auth/sign-in/eid', { body: { persona } }))),
    signInWithPin: async (deviceId: string, pin: string) =>
      keep(await unwrap(client.POST('/auth/sign-in/pin', { body: { deviceId, pin } }))),
    async refresh(refreshToken?: string) {
      const token = refreshToken ?? session?.refreshToken;
      if (!token) {
        throw new AppClientError(
          'Nothing to refresh: sign in first (signInAsPersona or signInWithPin), or pass a refresh token.',
          'POST',
          `${options.baseUrl}/auth/refresh`,
          0,
        );
      }
      return keep(await unwrap(client.POST('/auth/refresh', { body: { refreshToken: token } })));
    },
    signOut() {
      session = undefined;
    },
  };
  const appClient = Object.assign(client, extras);
  Object.defineProperty(appClient, 'session', { get: () => session, enumerable: true });
  return appClient as AppClient;
}
