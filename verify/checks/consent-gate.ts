/**
 * Consent gate: nothing clinical leaves the journal without the patient's consent. Identification
 * works without it and gives away nothing more than the patient id (and nothing at all for a CPR
 * the clinic does not know); the record and patient interactions are refused with
 * consent-required before consent is registered and again after it is withdrawn.
 */
import { syntheticCpr } from '../../domain/cpr.ts';
import { JOURNAL_CATEGORIES } from '../../generators/expected-view.ts';
import { CheckFailed, type GroupDefinition } from '../kit.ts';
import {
  conformancePatient,
  exchangeDetails,
  expectProblem,
  expectStatus,
  getRecord,
  patientPath,
  preparePatient,
  registerConsent,
  withdrawConsent,
} from './support.ts';

const N = 2;
/** What a record holds; none of it may come with the demographics. */
const CLINICAL_KEYS: readonly string[] = JOURNAL_CATEGORIES;
// A synthetic CPR far up its date's series, which no conformance or generated patient has.
const UNKNOWN_CPR = syntheticCpr('1950-03-03', 'female', 440);

export const consentGate: GroupDefinition = {
  id: 'consent-gate',
  title: 'Consent gate',
  async run(ctx, checks) {
    const p = conformancePatient(ctx, N);
    const setup = {
      id: 'patient-without-consent',
      name: `conformance patient ${N} exists without consent`,
      needs: ctx.states
        ? `provider state "conformance patient ${N}"`
        : 'the conformance patients imported (lookupPatient, withdrawConsent)',
    };
    const patientId = await checks.run(setup, () => preparePatient(ctx, N));
    const later = [
      {
        id: 'lookup-answers-only-the-id',
        name: 'lookupPatient works without consent and answers only the patient id',
        needs: 'lookupPatient',
      },
      {
        id: 'demographics-without-clinical-data',
        name: 'getPatient works without consent and carries no clinical data',
        needs: 'getPatient',
      },
      {
        id: 'record-refused-without-consent',
        name: 'getRecord without consent is refused with consent-required',
        needs: 'getRecord',
      },
      {
        id: 'interaction-refused-without-consent',
        name: 'an e-consultation without consent is refused with consent-required',
        needs: 'createEConsultation',
      },
      {
        id: 'record-served-after-consent',
        name: 'getRecord answers once consent is registered',
        needs: 'registerConsent, getRecord',
      },
      {
        id: 'record-refused-after-withdrawal',
        name: 'getRecord after consent is withdrawn is refused with consent-required',
        needs: 'withdrawConsent, getRecord',
      },
    ] as const;
    const unknownCpr = {
      id: 'unknown-cpr-not-found',
      name: 'lookupPatient of a CPR the clinic does not know is 404 not-found and does not repeat the number',
      needs: 'lookupPatient',
    };
    await checks.run(unknownCpr, async () => {
      const e = expectProblem(
        await ctx.journal.call('POST', '/patients/lookup', { body: { cpr: UNKNOWN_CPR } }),
        'not-found',
        'lookupPatient of an unknown CPR',
      );
      if (
        JSON.stringify(e.body).includes(UNKNOWN_CPR.replace('-', '')) ||
        JSON.stringify(e.body).includes(UNKNOWN_CPR)
      ) {
        throw new CheckFailed('the refusal repeats the CPR number it was asked about', exchangeDetails(e));
      }
    });
    if (patientId === undefined) {
      for (const spec of later) checks.skip(spec, `needs "${setup.name}", which failed`);
      return undefined;
    }
    const [lookup, demographics, refused, interaction, served, withdrawn] = later;

    await checks.run(lookup, async () => {
      const e = expectStatus(
        await ctx.journal.call('POST', '/patients/lookup', { body: { cpr: p.patient.cpr } }),
        200,
        'lookupPatient by CPR without consent',
      );
      const body = e.body as Record<string, unknown>;
      if (body.patientId !== patientId) {
        throw new CheckFailed(
          `lookupPatient answered ${String(body.patientId)}, the provider state ${patientId}`,
          exchangeDetails(e),
        );
      }
      const extra = Object.keys(body).filter((k) => k !== 'patientId');
      if (extra.length > 0)
        throw new CheckFailed(`lookupPatient answers more than the id: ${extra.join(', ')}`, exchangeDetails(e));
    });

    await checks.run(demographics, async () => {
      const e = expectStatus(await ctx.journal.call('GET', patientPath(patientId)), 200, 'getPatient without consent');
      const leaked = Object.keys(e.body as object).filter((k) => CLINICAL_KEYS.includes(k));
      if (leaked.length > 0)
        throw new CheckFailed(`getPatient carries clinical data: ${leaked.join(', ')}`, exchangeDetails(e));
    });

    await checks.run(refused, async () => {
      expectProblem(await getRecord(ctx, patientId, p.asOf), 'consent-required', 'getRecord without consent');
    });

    await checks.run(interaction, async () => {
      expectProblem(
        await ctx.journal.call('POST', `${patientPath(patientId)}/e-consultations`, {
          body: {
            writtenBy: { role: 'patient', cpr: p.patient.cpr },
            subject: 'Conformance check',
            body: 'Must be refused: no consent is registered.',
            attachments: [],
          },
        }),
        'consent-required',
        'createEConsultation without consent',
      );
    });

    const ok = await checks.run(served, async () => {
      await registerConsent(ctx, patientId, p.patient.cpr);
      expectStatus(await getRecord(ctx, patientId, p.asOf), 200, 'getRecord with consent');
      return true;
    });

    if (!ok) {
      checks.skip(withdrawn, `needs "${served.name}", which failed`);
      return undefined;
    }
    await checks.run(withdrawn, async () => {
      const w = expectStatus(await withdrawConsent(ctx, patientId), 200, 'withdrawConsent');
      if ((w.body as { state?: unknown }).state !== 'withdrawn') {
        throw new CheckFailed('withdrawConsent answered a consent that is not withdrawn', exchangeDetails(w));
      }
      expectProblem(await getRecord(ctx, patientId, p.asOf), 'consent-required', 'getRecord after withdrawal');
    });
    return undefined;
  },
};
