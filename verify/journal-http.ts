/**
 * How verify talks to the journal under test: plain HTTP with the platform token, every exchange
 * kept (the problem+json group reads back every refusal of the run), and every answer checked
 * against the platform ↔ journal contract by the operation it answers. Unlike the platform's
 * JournalClient it turns nothing into errors: a check needs the status, the media type and the
 * body exactly as the journal sent them, to say why it failed.
 */

import { matchOperation } from '../contracts/operations.ts';
import { documentOf } from '../mock-server/contract-app.ts';
import { compiledContract } from '../mock-server/middleware/contract-validation/index.ts';

/** One request and the journal's answer. */
export interface Exchange {
  method: string;
  /** The contract path with query, e.g. `/patients/pat_x/record?asOf=2025-06-16`. */
  path: string;
  /** The operation of the contract this request is for (undefined for a path outside it). */
  operationId: string | undefined;
  status: number;
  /** The media type without parameters, e.g. `application/problem+json`. */
  mediaType: string;
  /** The parsed JSON body, or undefined when empty or not JSON. */
  body: unknown;
  /** What the answer breaks in the contract (empty when it honours it). */
  contractIssues: string[];
}

export interface JournalHttpOptions {
  /** The journal's base URL; contract paths are appended to it. */
  baseUrl: string;
  token: string;
  /** How long to wait for one answer (default 10 s). */
  timeoutMs?: number;
}

export interface JournalHttp {
  readonly baseUrl: string;
  /** Sends a request; `token: null` sends none (to see the refusal). Never throws for an HTTP answer. */
  call(method: string, path: string, options?: { body?: unknown; token?: string | null }): Promise<Exchange>;
  /** Every exchange so far, in order. */
  readonly exchanges: readonly Exchange[];
}

/** A journal that did not answer at all (refused connection, timeout). */
export class JournalUnreachableError extends Error {
  override readonly name = 'JournalUnreachableError';
}

/** Requests in a row that may time out before the next are held back (bar one probe a timeout). */
const GIVE_UP_AFTER = 3;

export function createJournalHttp(options: JournalHttpOptions): JournalHttp {
  const base = options.baseUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const contract = compiledContract(documentOf('platform-journal'));
  const exchanges: Exchange[] = [];
  // A journal that stopped answering would cost every later request its full timeout (a run of
  // 49 checks, minutes): after a few timeouts in a row, requests fail at once, except one probe a
  // timeout's length apart, so a journal that answers again is used again. A refused connection
  // fails at once anyway and is not counted.
  let timeouts = 0;
  let lastTimeout = 0;
  let lastFailure = '';

  /** What is wrong with an answer by the contract: an undeclared status or media type, or a body off its schema. */
  const issuesOf = (method: string, path: string, status: number, mediaType: string, body: unknown) => {
    const match = matchOperation(contract.operations, method, path.split('?')[0] ?? path);
    if (!match) return { operationId: undefined, issues: [`${method} ${path} is not an operation of the contract`] };
    const { operation } = match;
    const byType = operation.responses.get(String(status)) ?? operation.responses.get('default');
    if (!byType) {
      return {
        operationId: operation.operationId,
        issues: [`status ${status} is not an answer of ${operation.operationId}`],
      };
    }
    if (byType.size === 0) return { operationId: operation.operationId, issues: [] };
    if (!byType.has(mediaType)) {
      return {
        operationId: operation.operationId,
        issues: [
          `${operation.operationId} ${status} must be ${[...byType.keys()].join(' or ')}, not ${mediaType || 'untyped'}`,
        ],
      };
    }
    const pointer = byType.get(mediaType);
    const issues = pointer
      ? contract.schemas.validate(pointer, body).map((i) => `${i.pointer || '(body)'} ${i.message}`)
      : [];
    return { operationId: operation.operationId, issues };
  };

  return {
    baseUrl: base,
    exchanges,
    async call(method, path, callOptions = {}) {
      const token = callOptions.token === undefined ? options.token : callOptions.token;
      const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (callOptions.body !== undefined) headers['content-type'] = 'application/json';
      if (timeouts >= GIVE_UP_AFTER && performance.now() - lastTimeout < timeoutMs) {
        throw new JournalUnreachableError(
          `${method} ${base}${path} not sent: the journal's last ${timeouts} requests timed out (${lastFailure})`,
        );
      }
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          method,
          headers,
          signal: AbortSignal.timeout(timeoutMs),
          ...(callOptions.body === undefined ? {} : { body: JSON.stringify(callOptions.body) }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        if ((error as Error).name === 'TimeoutError') {
          timeouts += 1;
          lastTimeout = performance.now();
          lastFailure = `${method} ${path}: ${cause}`;
        }
        throw new JournalUnreachableError(`${method} ${base}${path} got no answer (${cause})`);
      }
      timeouts = 0;
      const text = await res.text();
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const checked = issuesOf(method, path, res.status, mediaType, body);
      if (text !== '' && body === undefined) checked.issues.unshift('the body is not JSON');
      const exchange: Exchange = {
        method,
        path,
        operationId: checked.operationId,
        status: res.status,
        mediaType,
        body,
        contractIssues: checked.issues,
      };
      exchanges.push(exchange);
      return exchange;
    },
  };
}

/** `GET /patients/pat_x/record?asOf=…` → `GET /patients/pat_x/record?asOf=…  → 403 consent-required`. */
export function describeExchange(e: Exchange): string {
  const type = (e.body as { type?: unknown } | undefined)?.type;
  const kind = typeof type === 'string' ? ` ${type.replace(/^urn:minlaege-sandbox:problem:/, '')}` : '';
  return `${e.method} ${e.path} → ${e.status}${kind}`;
}
