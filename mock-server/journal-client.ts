/**
 * How the platform reaches a journal system: only through a JournalClient. One implementation
 * over any fetch function: the fake journal's `app.fetch` in process (no network), or the global
 * fetch for a journal at a URL (a vendor's test system). A journal's problem answers become the
 * same SandboxErrors; a journal that does not answer, or answers outside the contract, is
 * journal-unavailable. A journal's validation-failed is the platform's fault and so unavailable
 * too, except where the contract makes it the journal's answer: an expired or unknown feed cursor
 * (`listChanges`) and an appointment that has no video session (`createVideoSession`).
 */

import { matchOperation } from '../contracts/operations.ts';
import type { components } from '../contracts/types/platform-journal.d.ts';
import { PROBLEM_TYPES, problemKindOf } from '../domain/problem-types.ts';
import { documentOf } from './contract-app.ts';
import { SandboxError } from './errors.ts';
import { compiledContract } from './middleware/contract-validation/index.ts';

type Schemas = components['schemas'];

export interface JournalClient {
  lookupPatient(cpr: string): Promise<string>;
  registerConsent(patientId: string, registration: Schemas['ConsentRegistration']): Promise<Schemas['Consent']>;
  withdrawConsent(patientId: string): Promise<Schemas['Consent']>;
  getRecord(patientId: string, asOf: string): Promise<Schemas['ShareableRecord']>;
  listSlots(from: string, to: string): Promise<Schemas['SlotList']>;
  book(patientId: string, request: Schemas['BookingRequest']): Promise<Schemas['Appointment']>;
  cancel(
    patientId: string,
    appointmentId: string,
    request: Schemas['CancellationRequest'],
  ): Promise<Schemas['Appointment']>;
  createEConsultation(
    patientId: string,
    request: Schemas['EConsultationRequest'],
  ): Promise<Schemas['EConsultationReceipt']>;
  getEConsultation(patientId: string, eConsultationId: string): Promise<Schemas['EConsultation']>;
  replyToEConsultation(
    patientId: string,
    eConsultationId: string,
    reply: Schemas['EConsultationReply'],
  ): Promise<Schemas['EConsultationReceipt']>;
  getAttachment(
    patientId: string,
    eConsultationId: string,
    attachmentId: string,
  ): Promise<Schemas['AttachmentContent']>;
  createVideoSession(patientId: string, request: Schemas['VideoSessionRequest']): Promise<Schemas['VideoSession']>;
  /** A page of the change feed after `cursor` (from the oldest entry kept without one). */
  listChanges(cursor?: string, limit?: number): Promise<Schemas['ChangePage']>;
}

export type FetchLike = (request: Request) => Response | Promise<Response>;

export interface JournalClientOptions {
  /** How long the platform waits for an answer before the journal counts as unavailable (default 5 s). */
  timeoutMs?: number;
}

/** The longest the platform waits for a journal's answer by default. */
export const JOURNAL_TIMEOUT_MS = 5_000;

/**
 * A client for the journal at `baseUrl` (paths of the contract are appended to it). Every answer
 * is checked against the journal contract: one that breaks it is journal-unavailable, so nothing
 * malformed reaches the platform's copy.
 */
export function createJournalClient(
  fetcher: FetchLike,
  baseUrl: string,
  platformToken: string,
  options: JournalClientOptions = {},
): JournalClient {
  const base = baseUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? JOURNAL_TIMEOUT_MS;
  const contract = compiledContract(documentOf('platform-journal'));
  /** What is wrong with a 2xx answer by the contract (the operation is found by method and path). */
  const contractIssues = (method: string, path: string, status: number, body: unknown): string[] => {
    const match = matchOperation(contract.operations, method, path.split('?')[0] ?? path);
    const pointer = match?.operation.responses.get(String(status))?.get('application/json');
    if (!match || !pointer) return [`status ${status} is not an answer of ${match?.operation.operationId ?? path}`];
    return contract.schemas.validate(pointer, body).map((i) => `${i.pointer || '(body)'} ${i.message}`);
  };
  /** Whether the journal operation of this method and path declares this problem type under this status. */
  const refusalDeclared = (method: string, path: string, status: number, type: string): boolean => {
    const match = matchOperation(contract.operations, method, path.split('?')[0] ?? path);
    return match?.operation.problemTypes.get(String(status))?.has(type) ?? false;
  };
  /** `answersValidation`: the journal's validation-failed is an answer of this operation, passed on. */
  async function call<T>(method: string, path: string, body?: unknown, answersValidation = false): Promise<T> {
    let res: Response;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Giving up aborts the request, so a journal that has not yet acted on it never does.
    const abort = new AbortController();
    try {
      const request = new Request(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${platformToken}`, 'content-type': 'application/json' },
        signal: abort.signal,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      res = await Promise.race([fetcher(request), late]);
    } catch (error) {
      throw unavailable(`the journal did not answer (${(error as Error).message})`);
    } finally {
      clearTimeout(timer);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw unavailable(`the journal answered ${res.status} with a body that is not JSON`);
    }
    if (res.ok) {
      const issues = contractIssues(method, path, res.status, parsed);
      if (issues.length > 0) {
        throw unavailable(`the journal answered outside its contract (${issues.slice(0, 3).join('; ')})`);
      }
      return parsed as T;
    }
    const type = String((parsed as { type?: unknown } | undefined)?.type ?? '');
    const kind = problemKindOf(type);
    // The journal's own refusals pass on: a catalogued kind with its own status, one the operation
    // declares under that status. Anything else (a 5xx whatever its type, a kind under another
    // status, a refusal the operation cannot give) means the journal is not usable now.
    if (
      kind &&
      res.status === PROBLEM_TYPES[kind].status &&
      refusalDeclared(method, path, res.status, type) &&
      (kind !== 'validation-failed' || answersValidation) &&
      kind !== 'unauthorized'
    ) {
      throw new SandboxError(kind, String((parsed as { detail?: unknown }).detail ?? 'The journal refused.'));
    }
    throw unavailable(`the journal answered ${res.status}${kind ? ` (${kind})` : ''}`);
  }
  const patient = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;
  const thread = (patientId: string, eConsultationId: string) =>
    `${patient(patientId)}/e-consultations/${encodeURIComponent(eConsultationId)}`;
  return {
    async lookupPatient(cpr) {
      return (await call<{ patientId: string }>('POST', '/patients/lookup', { cpr })).patientId;
    },
    registerConsent: (patientId, registration) =>
      call('PUT', `/patients/${encodeURIComponent(patientId)}/consent`, registration),
    withdrawConsent: (patientId) => call('DELETE', `/patients/${encodeURIComponent(patientId)}/consent`),
    getRecord: (patientId, asOf) =>
      call('GET', `/patients/${encodeURIComponent(patientId)}/record?asOf=${encodeURIComponent(asOf)}`),
    listSlots: (from, to) => call('GET', `/slots?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    book: (patientId, request) => call('POST', `/patients/${encodeURIComponent(patientId)}/appointments`, request),
    cancel: (patientId, appointmentId, request) =>
      call(
        'POST',
        `/patients/${encodeURIComponent(patientId)}/appointments/${encodeURIComponent(appointmentId)}/cancel`,
        request,
      ),
    createEConsultation: (patientId, request) => call('POST', `${patient(patientId)}/e-consultations`, request),
    getEConsultation: (patientId, eConsultationId) => call('GET', thread(patientId, eConsultationId)),
    replyToEConsultation: (patientId, eConsultationId, reply) =>
      call('POST', `${thread(patientId, eConsultationId)}/messages`, reply),
    getAttachment: (patientId, eConsultationId, attachmentId) =>
      call('GET', `${thread(patientId, eConsultationId)}/attachments/${encodeURIComponent(attachmentId)}`),
    createVideoSession: (patientId, request) => call('POST', `${patient(patientId)}/video-sessions`, request, true),
    listChanges: (cursor, limit) => {
      const query = new URLSearchParams();
      if (cursor !== undefined) query.set('cursor', cursor);
      if (limit !== undefined) query.set('limit', String(limit));
      const qs = query.size > 0 ? `?${query}` : '';
      return call('GET', `/changes${qs}`, undefined, true);
    },
  };
}

function unavailable(detail: string): SandboxError {
  return new SandboxError(
    'journal-unavailable',
    `The clinic's journal system is unavailable: ${detail}. Try again later.`,
  );
}
