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
