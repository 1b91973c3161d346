// Prism, started on each contract, answers one request per operation with a response that the
// contract allows. This shows the documents are usable by general tools as they stand, and that
// every operation's request example is one Prism accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTRACT_NAMES,
  contractPath,
  deref,
  escapePointer,
  listOperations,
  loadContract,
  type OpenApiDocument,
  type OperationEntry,
} from '../../contracts/index.ts';
import { createSchemaValidator } from '../../contracts/schema-validator.ts';
import { type RunningPrism, startPrismMock } from '../support/prism.ts';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  example?: unknown;
  examples?: Record<string, unknown>;
  schema?: Record<string, unknown>;
}

/** A value for a parameter from its own examples or its schema's. */
function sampleOf(doc: OpenApiDocument, p: Parameter): unknown {
  if ('example' in p) return p.example;
  const named = Object.values(p.examples ?? {})[0];
  if (named) return deref<{ value?: unknown }>(doc, named).value;
  const schema = deref<Record<string, unknown>>(doc, p.schema ?? {});
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('example' in schema) return schema.example;
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  return undefined;
}

/** The first example of a media type object. */
function mediaExample(doc: OpenApiDocument, media: Record<string, unknown>): unknown {
  if ('example' in media) return media.example;
  const first = Object.values((media.examples ?? {}) as Record<string, unknown>)[0];
  return first ? deref<{ value?: unknown }>(doc, first).value : undefined;
}

function needsAuth(doc: OpenApiDocument, op: OperationEntry): boolean {
  const security = (op.operation.security ?? doc.security ?? []) as Record<string, unknown>[];
  return security.length > 0 && !security.some((req) => Object.keys(req).length === 0);
}

/** Builds the request Prism should answer with a success. */
function buildRequest(doc: OpenApiDocument, op: OperationEntry, baseUrl: string): { url: string; init: RequestInit } {
  const params = [...op.pathParameters, ...((op.operation.parameters as unknown[]) ?? [])].map((p) =>
    deref<Parameter>(doc, p),
  );
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  for (const p of params) {
    const value = sampleOf(doc, p);
    if (p.in === 'path') {
      if (value === undefined) throw new Error(`${op.operationId}: path parameter ${p.name} has no example`);
      path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    } else if (p.in === 'query' && p.required) {
      if (value === undefined) throw new Error(`${op.operationId}: required query ${p.name} has no example`);
      query.set(p.name, String(value));
    } else if (p.in === 'header' && p.required && value !== undefined) {
      headers[p.name] = String(value);
    }
  }
  if (needsAuth(doc, op)) headers.authorization = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzYW5kYm94In0.c2lnbmF0dXJl';
  const init: RequestInit = { method: op.method.toUpperCase(), headers };
  const body = op.operation.requestBody ? deref(doc, op.operation.requestBody) : undefined;
  if (body) {
    const [type, media] = Object.entries((body.content ?? {}) as Record<string, Record<string, unknown>>)[0] ?? [];
    if (type && media) {
      headers['content-type'] = type;
      init.body = JSON.stringify(mediaExample(doc, media));
    }
  }
  const qs = query.toString();
  return { url: `${baseUrl}${path}${qs ? `?${qs}` : ''}`, init };
}

/** The JSON pointer of a response's media schema, following a `$ref` to components/responses. */
function responseSchemaPointer(op: OperationEntry, status: string, type: string): string {
  const response = (op.operation.responses as Record<string, { $ref?: string }>)[status];
  const base = response?.$ref ? response.$ref.slice(1) : `${op.pointer}/responses/${status}`;
  return `${base}/content/${escapePointer(type)}/schema`;
}

describe.each(CONTRACT_NAMES)('Prism mock of %s', (name) => {
  const doc = loadContract(name);
  const schemas = createSchemaValidator(doc);
  let prism: RunningPrism;

  beforeAll(async () => {
    prism = await startPrismMock(contractPath(name));
  });
  afterAll(async () => {
    await prism?.stop();
  });

  it.each(listOperations(doc).map((op) => [op.operationId, op] as const))('answers %s', async (_id, op) => {
    const { url, init } = buildRequest(doc, op, prism.baseUrl);
    const res = await fetch(url, init);
    const text = await res.text();
    expect(res.status, `${init.method} ${url} → ${text.slice(0, 500)}`).toBeGreaterThanOrEqual(200);
    expect(res.status, `${init.method} ${url} → ${text.slice(0, 500)}`).toBeLessThan(300);
    const declared = (op.operation.responses as Record<string, unknown>)[String(res.status)];
    expect(declared, `status ${res.status} is declared`).toBeDefined();
    if (res.status === 204 || text === '') return;
    const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const content = (deref(doc, declared).content ?? {}) as Record<string, unknown>;
    expect(Object.keys(content), 'content type is declared').toContain(type);
    const body = type.endsWith('json') ? JSON.parse(text) : text;
    expect(schemas.validate(responseSchemaPointer(op, String(res.status), type), body)).toEqual([]);
  });
});
