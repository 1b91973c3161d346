/**
 * What an app tells whoever serves it about one exchange: the host passes an empty report in the
 * fetch env (`{ exchange }`), the contract validation and sign-in fill it in, and the host logs it
 * and runs the privacy check with it. Without a report in the env nothing is recorded.
 */
import type { Context } from 'hono';

export interface ExchangeReport {
  operationId?: string;
  /** The signed-in person the request acted as. */
  viewerId?: string;
  /** Where the request or the response broke the contract (`/request/…`, `/response/…`). */
  contractErrors?: { pointer: string; message: string }[];
  /** The JSON value answered, as the contract check read it (saves parsing the body again). */
  body?: unknown;
}

export function exchangeReportOf(c: Context): ExchangeReport | undefined {
  return (c.env as { exchange?: ExchangeReport } | undefined)?.exchange;
}

/**
 * The parsed URL of a request, to read and never to change: the host and the contract check of
 * the app it wraps each need the path and query of the same request, and a client repeats the
 * same URL request after request, so the last one parsed is kept. Percent-encoded unreserved
 * characters (letters, digits, `-._~`) are decoded in the path and the query, as RFC 3986 §6.2.2.2
 * makes them equivalent: `/patients/x/%76accinations` is `/patients/x/vaccinations`, to the
 * contract check as to the router, and a CPR number written `%30101…` is seen (and masked) as one.
 */
export function requestUrl(href: string): Readonly<URL> {
  if (href !== lastUrl.href) lastUrl = { href, url: normalised(new URL(href)) };
  return lastUrl.url;
}

function normalised(url: URL): URL {
  if (url.pathname.includes('%')) url.pathname = decodeUnreserved(url.pathname);
  if (url.search.includes('%')) url.search = decodeUnreserved(url.search);
  return url;
}

/** Text with each `%XX` that encodes an unreserved character replaced by the character. */
export function decodeUnreserved(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (encoded, hex: string) => {
    const c = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : encoded;
  });
}

let lastUrl = { href: '', url: undefined as unknown as URL };

/** The token of an `Authorization: Bearer <token>` header; undefined for any other header or none. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (header !== lastBearer.header) lastBearer = { header, token: header.match(/^Bearer\s+(\S+)$/i)?.[1] };
  return lastBearer.token;
}

// The last Authorization header read and its token: the platform reads it twice a request (the
// change feed's check and the handler's), and a client sends the same header on request after request.
let lastBearer: { header: string | undefined; token: string | undefined } = { header: undefined, token: undefined };
