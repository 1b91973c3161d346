/**
 * What the check groups share: asserting an answer's status and problem type (naming the exchange
 * and what it breaks in the contract), preparing a conformance patient through the provider state
 * (or, without a provider-state URL, finding the imported one by CPR and withdrawing its consent),
 * registering and withdrawing consent as the platform does, and finding a free slot.
 */
import { PROBLEM_TYPES, type ProblemKind, problemTypeUri } from '../../domain/problem-types.ts';
import { addDays, copenhagenDate } from '../../domain/time.ts';
import type { ConformancePatient } from '../conformance-set.ts';
import { describeExchange, type Exchange } from '../journal-http.ts';
import { CheckFailed, type VerifyContext } from '../kit.ts';
import { CONFORMANCE_PATIENT_STATE, FREE_SLOT_STATE } from '../provider-states.ts';

/** The exchange and what it breaks in the contract, as detail lines. */
export function exchangeDetails(e: Exchange): string[] {
  return [describeExchange(e), ...e.contractIssues.slice(0, 5).map((i) => `  contract: ${i}`)];
}

/** Passes when the answer has `status` and honours the contract; `what` says what was expected. */
export function expectStatus(e: Exchange, status: number, what: string): Exchange {
  if (e.status !== status) {
    throw new CheckFailed(`${what}: expected ${status}, the journal answered ${e.status}`, exchangeDetails(e));
  }
  if (e.contractIssues.length > 0) {
    throw new CheckFailed(`${what}: the answer breaks the contract`, exchangeDetails(e));
  }
  return e;
}

/** The problem kind an answer names, or undefined. */
export function problemKindIn(e: Exchange): string | undefined {
  const type = (e.body as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type.replace(/^urn:minlaege-sandbox:problem:/, '') : undefined;
}

/** Passes when the answer is the problem `kind` as problem+json with the catalogue's status. */
export function expectProblem(e: Exchange, kind: ProblemKind, what: string): Exchange {
  const status = PROBLEM_TYPES[kind].status;
  const type = (e.body as { type?: unknown } | undefined)?.type;
  if (e.status !== status || type !== problemTypeUri(kind)) {
    const got = problemKindIn(e);
    throw new CheckFailed(
      `${what}: expected ${status} ${kind}, the journal answered ${e.status}${got ? ` ${got}` : ''}`,
      exchangeDetails(e),
    );
  }
  if (e.mediaType !== 'application/problem+json') {
    throw new CheckFailed(`${what}: the refusal is ${e.mediaType || 'untyped'}, not application/problem+json`, [
      describeExchange(e),
    ]);
  }
  return e;
}

const patientPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;

export function conformancePatient(ctx: VerifyContext, n: number): ConformancePatient {
  const p = ctx.conformance[n - 1];
  if (!p) throw new Error(`no conformance patient ${n}`);
  return p;
}

/**
 * Patient n of the conformance set, as exported and without consent: through the provider state
 * when there is an endpoint, else the imported patient found by CPR with its consent withdrawn.
 * Answers the journal's patient id.
 */
export async function preparePatient(ctx: VerifyContext, n: number): Promise<string> {
  const p = conformancePatient(ctx, n);
  if (ctx.states) {
    const values = await ctx.states.setup(`${CONFORMANCE_PATIENT_STATE} ${n}`, {
      n,
      cpr: p.patient.cpr,
      asOf: p.asOf,
    });
    if (typeof values.patientId !== 'string') {
      throw new CheckFailed(
        `provider state "${CONFORMANCE_PATIENT_STATE} ${n}" must answer { "patientId": "pat_…" }, got ${JSON.stringify(values)}`,
      );
    }
    return values.patientId;
  }
  const lookup = expectStatus(
    await ctx.journal.call('POST', '/patients/lookup', { body: { cpr: p.patient.cpr } }),
    200,
    `conformance patient ${n} (imported from the conformance file) is found by CPR`,
  );
  const patientId = String((lookup.body as { patientId: string }).patientId);
  expectStatus(await ctx.journal.call('DELETE', `${patientPath(patientId)}/consent`), 200, 'withdrawConsent');
  return patientId;
}

/** Registers the patient's own consent, as the platform does at first use of the app. */
export async function registerConsent(ctx: VerifyContext, patientId: string, cpr: string): Promise<void> {
  const e = await ctx.journal.call('PUT', `${patientPath(patientId)}/consent`, {
    body: { givenAt: ctx.now().toISOString(), givenBy: { role: 'patient', cpr } },
  });
  expectStatus(e, 200, 'registerConsent');
  if ((e.body as { state?: unknown }).state !== 'given') {
    throw new CheckFailed('registerConsent answered a consent that is not given', exchangeDetails(e));
  }
}

export async function withdrawConsent(ctx: VerifyContext, patientId: string): Promise<Exchange> {
  return ctx.journal.call('DELETE', `${patientPath(patientId)}/consent`);
}

export function getRecord(ctx: VerifyContext, patientId: string, asOf: string): Promise<Exchange> {
  return ctx.journal.call('GET', `${patientPath(patientId)}/record?asOf=${encodeURIComponent(asOf)}`);
}

/** A free slot: the provider state's, or else the first the journal lists in the coming two weeks. */
export async function findFreeSlot(ctx: VerifyContext): Promise<string> {
  if (ctx.states) {
    const values = await ctx.states.setup(FREE_SLOT_STATE);
    if (typeof values.slotId !== 'string') {
      throw new CheckFailed(
        `provider state "${FREE_SLOT_STATE}" must answer { "slotId": "slt_…" }, got ${JSON.stringify(values)}`,
      );
    }
    return values.slotId;
  }
  const today = copenhagenDate(ctx.now());
  const e = expectStatus(
    await ctx.journal.call('GET', `/slots?from=${addDays(today, 1)}&to=${addDays(today, 14)}`),
    200,
    'listSlots for the coming two weeks',
  );
  const slot = (e.body as { items: { id: string }[] }).items[0];
  if (!slot) throw new CheckFailed('listSlots lists no free slot in the coming two weeks', exchangeDetails(e));
  return slot.id;
}

export { patientPath };
