// Checks on the contracts: valid OpenAPI 3.1 by an independent validator, every example valid
// against its schema, every operation with a success and a problem+json error, problem types in
// step with the catalogue, no CPR in a URL, growing lists paginated. The two data contracts carry
// patient data; the control document (the sandbox's own API) runs the same checks where they make
// sense, skips the patient-data ones with the reason, and has a few checks of its own.
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { collectExamples } from '../../contracts/examples.ts';
import {
  CONTRACT_NAMES,
  type ContractName,
  contractPath,
  deref,
  listOperations,
  loadContract,
  type OpenApiDocument,
  populationBounds,
} from '../../contracts/index.ts';
import { createSchemaValidator } from '../../contracts/schema-validator.ts';
import { isSynthetic } from '../../domain/cpr.ts';
import { PROBLEM_KINDS, PROBLEM_TYPES, problemKindOf, TRANSPORT_PROBLEM_KINDS } from '../../domain/problem-types.ts';
import { SHARED_CODES, sharingRuleOf } from '../../domain/sharing.ts';

const PROBLEM_JSON = 'application/problem+json';

/** Problem kinds each document must be able to answer with (the issue's minimum list). */
const REQUIRED_KINDS: Record<ContractName, string[]> = {
  'app-platform': [
    'validation-failed',
    'unauthorized',
    'consent-required',
    'consent-lapsed',
    'proxy-access-denied',
    'not-available-for-child',
    'not-offered-by-clinic',
    'clinic-not-connected',
    'journal-unavailable',
    'slot-taken',
    'not-found',
    'pin-locked',
  ],
  'platform-journal': [
    'validation-failed',
    'unauthorized',
    'consent-required',
    'not-offered-by-clinic',
    'clinic-not-connected',
    'journal-unavailable',
    'slot-taken',
    'not-found',
  ],
  'sandbox-control': ['validation-failed', 'unauthorized', 'not-found', 'payload-too-large'],
};

/** The sandbox's own control API: no patient data, so the patient-data checks skip it. */
const CONTROL: ContractName = 'sandbox-control';

/** The contracts between the real parties (app, platform, journal), which carry patient data. */
const DATA_CONTRACTS = CONTRACT_NAMES.filter((n) => n !== CONTROL);

/** Why a patient-data check does not apply to the control document. */
const SKIPPED_FOR_CONTROL = {
  syntheticCpr:
    'the control document carries no CPR number at all, not even a synthetic one; "contains no CPR number" below checks that instead',
  sharingTable: 'the control API serves no diagnoses, so there is no sharing table to keep in step',
} as const;

/** A CPR number written out, with or without the hyphen (a masked one, `******-****`, does not match). */
const CPR_NUMBER = /(?<![0-9])[0-9]{6}-?[0-9]{4}(?![0-9])/g;

type Responses = Record<string, Record<string, unknown>>;

function responsesOf(doc: OpenApiDocument, operation: Record<string, unknown>): [string, Record<string, unknown>][] {
  return Object.entries((operation.responses ?? {}) as Responses).map(([status, r]) => [status, deref(doc, r)]);
}

function contentOf(response: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return (response.content ?? {}) as Record<string, Record<string, unknown>>;
}

/** Every problem+json example value in the document, with where it stands. */
function problemExamples(doc: OpenApiDocument): { where: string; status: string; value: Record<string, unknown> }[] {
  const out: { where: string; status: string; value: Record<string, unknown> }[] = [];
  for (const op of listOperations(doc)) {
    for (const [status, response] of responsesOf(doc, op.operation)) {
      const media = contentOf(response)[PROBLEM_JSON];
      if (!media) continue;
      const values: unknown[] = [];
      if ('example' in media) values.push(media.example);
      for (const ex of Object.values((media.examples ?? {}) as Record<string, unknown>)) {
        values.push(deref<{ value?: unknown }>(doc, ex).value);
      }
      for (const value of values) {
        out.push({ where: `${op.operationId} ${status}`, status, value: value as Record<string, unknown> });
      }
    }
  }
  return out;
}

describe.each(CONTRACT_NAMES)('contract %s', (name) => {
  const doc = loadContract(name);
  const operations = listOperations(doc);
  const schemas = createSchemaValidator(doc);

  it('is a valid OpenAPI 3.1 document by an independent validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(contractPath(name));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('says it models documented behaviour and is not an official specification', () => {
    const info = doc.info as { description?: string };
    expect(info.description ?? '').toMatch(/not an official specification/i);
  });

  it('has operations, each with a unique operationId', () => {
    expect(operations.length).toBeGreaterThan(10);
    const ids = operations.map((o) => o.operationId);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('has examples that validate against their schemas', () => {
    const examples = collectExamples(doc);
    expect(examples.length).toBeGreaterThan(operations.length);
    const failures = examples.flatMap((ex) =>
      schemas
        .validate(ex.schemaPointer, ex.value)
        .map((issue) => `${ex.examplePointer}: ${issue.pointer || '(root)'} ${issue.message}`),
    );
    expect(failures).toEqual([]);
  });

  it('uses only synthetic CPR numbers in its examples', (ctx) => {
    ctx.skip(name === CONTROL, SKIPPED_FOR_CONTROL.syntheticCpr);
    const found: string[] = [];
    const visit = (value: unknown, key: string): void => {
      if (typeof value === 'string' && /cpr/i.test(key)) found.push(value);
      else if (Array.isArray(value)) for (const v of value) visit(v, key);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
    };
    for (const ex of collectExamples(doc)) visit(ex.value, '');
    for (const ex of Object.values((doc.components?.examples ?? {}) as Record<string, { value?: unknown }>)) {
      visit(ex.value, '');
    }
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((cpr) => !isSynthetic(cpr))).toEqual([]);
  });

  it.each(operations.map((o) => [o.operationId, o] as const))(
    '%s declares a success and problem+json errors',
    (_id, op) => {
      const responses = responsesOf(doc, op.operation);
      const success = responses.filter(([status]) => /^2\d\d$/.test(status));
      expect(success.length, 'a 2xx response').toBeGreaterThan(0);
      for (const [status, response] of success) {
        const content = contentOf(response);
        // 204 has no body; any other success carries a schema and an example.
        if (status === '204') continue;
        const media = Object.values(content)[0];
        expect(media?.schema, `${status} has a schema`).toBeDefined();
        expect('example' in (media ?? {}) || 'examples' in (media ?? {}), `${status} has an example`).toBe(true);
      }
      const errors = responses.filter(([status]) => /^[45]\d\d$/.test(status));
      expect(errors.length, 'at least one error response').toBeGreaterThan(0);
      for (const [status, response] of errors) {
        expect(Object.keys(contentOf(response)), `${status} is problem+json only`).toEqual([PROBLEM_JSON]);
      }
      const body = op.operation.requestBody ? deref(doc, op.operation.requestBody) : undefined;
      if (body) {
        for (const [type, media] of Object.entries(contentOf(body))) {
          expect('example' in media || 'examples' in media, `request ${type} has an example`).toBe(true);
        }
        expect(
          errors.some(([s]) => s === '400'),
          'an operation with a body can answer validation-failed',
        ).toBe(true);
      }
    },
  );

  it('answers every error with a catalogued problem type whose status matches', () => {
    const examples = problemExamples(doc);
    expect(examples.length).toBeGreaterThan(0);
    const wrong = examples.flatMap(({ where, status, value }) => {
      const kind = problemKindOf(String(value.type));
      if (!kind) return [`${where}: unknown problem type ${String(value.type)}`];
      const expected = PROBLEM_TYPES[kind].status;
      if (Number(status) !== expected || value.status !== expected) {
        return [`${where}: ${kind} should be ${expected}, response ${status}, body ${String(value.status)}`];
      }
      return [];
    });
    expect(wrong).toEqual([]);
    const kinds = new Set(examples.map((e) => problemKindOf(String(e.value.type))));
    expect(REQUIRED_KINDS[name].filter((k) => !kinds.has(k as never))).toEqual([]);
  });

  it('never puts a CPR number in a URL', () => {
    const offenders: string[] = [];
    for (const op of operations) {
      if (/cpr/i.test(op.path)) offenders.push(`${op.operationId}: path ${op.path}`);
      const params = [...op.pathParameters, ...((op.operation.parameters as unknown[]) ?? [])].map((p) =>
        deref<{ name: string; in: string }>(doc, p),
      );
      for (const p of params) {
        if ((p.in === 'path' || p.in === 'query') && /cpr|personnummer/i.test(p.name)) {
          offenders.push(`${op.operationId}: ${p.in} parameter ${p.name}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('shares exactly the codes of the sharing table, each with its rule', (ctx) => {
    ctx.skip(name === CONTROL, SKIPPED_FOR_CONTROL.sharingTable);
    // The table lives in domain/sharing.ts; the documents must not drift from it.
    const components = (doc.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
    const codes = components.SharedIcpcCode?.enum as string[] | undefined;
    expect([...(codes ?? [])].sort()).toEqual([...SHARED_CODES].sort());
    const diagnosis = components.Diagnosis as { if?: { properties?: { icpcCode?: { enum?: string[] } } } };
    const ruleA = diagnosis.if?.properties?.icpcCode?.enum ?? [];
    expect([...ruleA].sort()).toEqual(SHARED_CODES.filter((c) => sharingRuleOf(c) === 'A').sort());
  });

  it('paginates every list that grows with cursor and limit', () => {
    const unpaginated: string[] = [];
    for (const op of operations) {
      const success = responsesOf(doc, op.operation).find(([s]) => /^2/.test(s));
      const schema = success && Object.values(contentOf(success[1]))[0]?.schema;
      const resolved = schema ? deref<{ properties?: Record<string, unknown> }>(doc, schema) : undefined;
      if (!resolved?.properties?.nextCursor) continue;
      const names = [...op.pathParameters, ...((op.operation.parameters as unknown[]) ?? [])].map(
        (p) => deref<{ name: string }>(doc, p).name,
      );
      if (!names.includes('cursor') || !names.includes('limit')) unpaginated.push(op.operationId);
    }
    expect(unpaginated).toEqual([]);
  });
});

describe('problem catalogue', () => {
  it('is used in full across the two data contracts', () => {
    // The control document uses a few kinds only; the catalogue exists for the data contracts.
    expect(DATA_CONTRACTS).toEqual(['app-platform', 'platform-journal']);
    const used = new Set(
      DATA_CONTRACTS.flatMap((n) => problemExamples(loadContract(n)).map((e) => problemKindOf(String(e.value.type)))),
    );
    // Kinds from routing (any path) are declared once per document, not by an operation: below.
    const transport = new Set<string>(TRANSPORT_PROBLEM_KINDS);
    expect(PROBLEM_KINDS.filter((k) => !used.has(k) && !transport.has(k))).toEqual([]);
    expect(TRANSPORT_PROBLEM_KINDS.filter((k) => used.has(k))).toEqual([]);
  });

  it.each([...DATA_CONTRACTS, CONTROL])(
    '%s declares each routing kind once, with its status, example and Allow header',
    (name) => {
      const doc = loadContract(name);
      const responses = (doc.components?.responses ?? {}) as Record<string, Record<string, unknown>>;
      for (const kind of TRANSPORT_PROBLEM_KINDS) {
        const declared = Object.values(responses).filter((response) => {
          const media = contentOf(response)[PROBLEM_JSON] as { example?: { type?: string }; examples?: unknown };
          const values = [
            media?.example,
            ...Object.values((media?.examples ?? {}) as Record<string, unknown>).map(
              (ex) => deref<{ value?: unknown }>(doc, ex).value,
            ),
          ] as ({ type?: string; status?: number } | undefined)[];
          return values.some(
            (v) => v && problemKindOf(String(v.type)) === kind && v.status === PROBLEM_TYPES[kind].status,
          );
        });
        expect(declared, `${name} declares ${kind}`).toHaveLength(1);
        expect(Object.keys((declared[0]?.headers ?? {}) as object)).toEqual(['Allow']);
      }
    },
  );
});

describe('control document', () => {
  const doc = loadContract(CONTROL);
  const operations = listOperations(doc);
  const sessionHeader = '#/components/parameters/SandboxSession';

  it('answers only on loopback or with the admin token, and refuses with unauthorized', () => {
    expect(doc.security).toEqual([{}, { adminToken: [] }]);
    expect(doc.components?.securitySchemes?.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const withoutRefusal = operations
      .filter((op) => op.operation.security !== undefined || !('401' in (op.operation.responses as object)))
      .map((op) => op.operationId);
    expect(withoutRefusal).toEqual([]);
  });

  it('bounds a generated population the same in every schema that describes one', () => {
    const schemas = doc.components?.schemas as Record<string, { properties: Record<string, Record<string, unknown>> }>;
    const bounds = populationBounds(); // what serve and scenario files are held to
    expect(bounds).toEqual({ maxPatients: 5000, seedLength: { min: 1, max: 100 } });
    for (const name of ['LoadScenarioRequest', 'LoadedScenario']) {
      const { patients, seed } = (schemas[name] as { properties: Record<string, Record<string, unknown>> }).properties;
      expect(patients?.maximum, name).toBe(bounds.maxPatients);
      expect([seed?.minLength, seed?.maxLength], name).toEqual([bounds.seedLength.min, bounds.seedLength.max]);
    }
  });

  it('lives under /__sandbox', () => {
    expect(operations.filter((op) => !op.path.startsWith('/__sandbox/')).map((op) => op.path)).toEqual([]);
  });

  it('takes the session header on every operation, defined once', () => {
    const header = deref<{ name: string; in: string; schema: unknown }>(doc, { $ref: sessionHeader });
    expect(header).toMatchObject({ name: 'X-Sandbox-Session', in: 'header', required: false });
    expect(deref<{ pattern?: string }>(doc, header.schema).pattern).toBe('^[A-Za-z0-9_-]{1,64}$');
    const missing = operations
      .filter((op) => {
        const refs = [...op.pathParameters, ...((op.operation.parameters as unknown[]) ?? [])].map(
          (p) => (p as { $ref?: string }).$ref,
        );
        // A malformed header is refused, so every operation can also answer validation-failed.
        return !refs.includes(sessionHeader) || !('400' in (op.operation.responses as object));
      })
      .map((op) => op.operationId);
    expect(missing).toEqual([]);
  });

  it('contains no CPR number anywhere, only the mask', () => {
    const text = readFileSync(contractPath(CONTROL), 'utf8');
    expect(text.match(CPR_NUMBER) ?? []).toEqual([]);
    const keys: string[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) for (const v of value) visit(v);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (/cpr|personnummer/i.test(k)) keys.push(k);
          visit(v);
        }
      }
    };
    visit(doc);
    expect(keys).toEqual([]);
  });

  it('says why each list it does not paginate by cursor is not paginated', () => {
    // Lists that grow are paginated (the check above); the control lists are bounded (scenarios,
    // personas of one scenario, a ring buffer, at most 100 faults, `capacity` sessions).
    const unexplained: string[] = [];
    for (const op of operations) {
      const success = responsesOf(doc, op.operation).find(([s]) => /^2/.test(s));
      const schema = success && Object.values(contentOf(success[1]))[0]?.schema;
      const resolved = schema ? deref<{ properties?: Record<string, unknown> }>(doc, schema) : undefined;
      if (!resolved?.properties?.items || resolved.properties.nextCursor) continue;
      if (!/not paginated|rather than paginated/i.test(String(op.operation.description))) {
        unexplained.push(op.operationId);
      }
    }
    expect(unexplained).toEqual([]);
  });

  it('tells the fault effects apart by kind', () => {
    const effect = deref<{ oneOf?: unknown[]; discriminator?: { propertyName?: string } }>(doc, {
      $ref: '#/components/schemas/FaultEffect',
    });
    expect(effect.discriminator?.propertyName).toBe('kind');
    const kinds = (effect.oneOf ?? []).map(
      (s) => deref<{ properties: { kind: { const: string } } }>(doc, s).properties.kind.const,
    );
    expect(kinds.sort()).toEqual(['drop', 'error', 'latency', 'malformed', 'outage']);
  });
});
