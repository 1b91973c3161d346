/**
 * problem+json errors: a few refusals asked for on purpose (no token, a forged token, an unknown
 * patient, a body that breaks the contract), then every refusal the journal gave in this whole
 * run: each must be `application/problem+json` with a `type` from the catalogue
 * (domain/problem-types.ts), the status that type has, and the contract's Problem shape.
 */
import { PROBLEM_TYPES, problemKindOf } from '../../domain/problem-types.ts';
import { describeExchange, type Exchange } from '../journal-http.ts';
import { CheckFailed, type GroupDefinition } from '../kit.ts';
import { expectProblem } from './support.ts';

/** What is wrong with a refusal, or undefined when it is a proper problem. */
export function problemFault(e: Exchange): string | undefined {
  if (e.mediaType !== 'application/problem+json') return `is ${e.mediaType || 'untyped'}, not application/problem+json`;
  const body = e.body as { type?: unknown; status?: unknown; title?: unknown } | undefined;
  const kind = typeof body?.type === 'string' ? problemKindOf(body.type) : undefined;
  if (!kind) return `type ${JSON.stringify(body?.type)} is not in the catalogue`;
  if (PROBLEM_TYPES[kind].status !== e.status)
    return `${kind} must be status ${PROBLEM_TYPES[kind].status}, was ${e.status}`;
  if (body?.status !== e.status)
    return `the body's status ${JSON.stringify(body?.status)} differs from the HTTP status ${e.status}`;
  if (typeof body?.title !== 'string') return 'has no title';
  return undefined;
}

export const problemJson: GroupDefinition = {
  id: 'problem-json',
  title: 'problem+json errors',
  async run(ctx, checks) {
    await checks.run(
      {
        id: 'no-token-unauthorized',
        name: 'a request without the platform token is 401 unauthorized',
        needs: 'getClinic',
      },
      async () => {
        expectProblem(
          await ctx.journal.call('GET', '/clinic', { token: null }),
          'unauthorized',
          'getClinic without a token',
        );
      },
    );
    await checks.run(
      {
        id: 'forged-token-unauthorized',
        name: 'a request with a forged token is 401 unauthorized',
        needs: 'getClinic',
      },
      async () => {
        expectProblem(
          await ctx.journal.call('GET', '/clinic', { token: `forged-${ctx.token.length}-not-the-platform-token` }),
          'unauthorized',
          'getClinic with a forged token',
        );
      },
    );
    await checks.run(
      { id: 'unknown-patient-not-found', name: 'an unknown patient id is 404 not-found', needs: 'getPatient' },
      async () => {
        expectProblem(
          await ctx.journal.call('GET', '/patients/pat_NoSuchPatient0'),
          'not-found',
          'getPatient of an unknown id',
        );
      },
    );
    await checks.run(
      {
        id: 'bad-body-validation-failed',
        name: 'a body that breaks the contract is 400 validation-failed',
        needs: 'lookupPatient',
      },
      async () => {
        expectProblem(
          await ctx.journal.call('POST', '/patients/lookup', { body: { cpr: 'not-a-cpr-number' } }),
          'validation-failed',
          'lookupPatient with a malformed CPR',
        );
      },
    );
    await checks.run(
      {
        id: 'every-refusal-is-a-problem',
        name: 'every refusal of this run is problem+json with a catalogued type and its status',
        needs: 'the refusals of every group run before',
      },
      async () => {
        const refusals = ctx.journal.exchanges.filter((e) => e.status >= 400);
        // The refusals asked for above always come back when the journal answers at all: none means
        // there was nothing to check, which must not read as a pass.
        if (refusals.length === 0) throw new CheckFailed('the journal gave no refusal in this run to check');
        const faults = refusals.flatMap((e) => {
          const fault = problemFault(e);
          const issues = e.contractIssues.filter((i) => !i.includes('is not an answer of'));
          return fault
            ? [`${describeExchange(e)}: ${fault}`]
            : issues.length > 0
              ? [`${describeExchange(e)}: ${issues.join('; ')}`]
              : [];
        });
        if (faults.length > 0)
          throw new CheckFailed(`${faults.length} of ${refusals.length} refusals are not proper problems`, faults);
      },
    );
    return undefined;
  },
};
