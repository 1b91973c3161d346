/**
 * Privacy findings: an independent second check on every platform answer (findings.ts), the
 * ownership index it reads the store through (ownership.ts), and CPR numbers in text
 * (cpr-text.ts). The server calls `checkResponse` once per exchange with the facts it has, and
 * `maskCpr` / `checkLogLine` on what it logs:
 *
 *   const findings = checkResponse({ store, now: clock.now(), viewerId, method, url: path + search,
 *     operationId, status: res.status, body: parsedJson, requestBody });
 *   log.push({ path: maskCpr(path + search), status, findings });
 *   if (strict && findings.length > 0) → answer 500 problem+json listing the findings
 *
 * Every finding fails a strict request; none repeats a CPR number, so findings can be logged as
 * they are.
 */
export { CPR_MASK, type CprMatch, containsCpr, findCprs, maskCpr } from './cpr-text.ts';
export {
  checkLogLine,
  checkResponse,
  checkUrl,
  type ExchangeFacts,
  type PrivacyFinding,
  type PrivacyFindingKind,
} from './findings.ts';
export {
  createOwnershipIndex,
  isPatientId,
  type OwnershipIndex,
  ownershipIndexOf,
  PATIENT_DATA_PREFIXES,
  patientDataCategory,
} from './ownership.ts';
