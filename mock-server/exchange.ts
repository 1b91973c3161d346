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
 * same URL request after request, so the last one parsed is kept.
 */
export function requestUrl(href: string): Readonly<URL> {
  if (href !== lastUrl.href) lastUrl = { href, url: new URL(href) };
  return lastUrl.url;
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
