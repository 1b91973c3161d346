// The contract validation middleware: requests checked before handlers (validation-failed naming
// each field, payload-too-large), responses checked after (strict: a 500 naming the violations;
// warn: logged and passed through). In process, through app.request().
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { deref, loadContract } from '../../contracts/index.ts';
import { problemTypeUri } from '../../domain/problem-types.ts';
import {
  contractValidation,
  type ValidationMode,
  VerdictCache,
} from '../../mock-server/middleware/contract-validation/index.ts';

const doc = loadContract('app-platform');

/** The first example of a media type at a path in the document. */
function example(path: string, method: string, status?: string): unknown {
  const op = (doc.paths[path] as Record<string, Record<string, unknown>>)[method] as Record<string, unknown>;
  const holder = status
    ? deref<{ content: Record<string, Record<string, unknown>> }>(
        doc,
        (op.responses as Record<string, unknown>)[status],
      )
    : deref<{ content: Record<string, Record<string, unknown>> }>(doc, op.requestBody);
  const media = holder.content['application/json'] as Record<string, unknown>;
  if ('example' in media) return media.example;
  return deref<{ value: unknown }>(doc, Object.values(media.examples as Record<string, unknown>)[0]).value;
}

const profile = example('/me', 'get', '200');
const patientId = (profile as { patientId: string }).patientId;
const ecoBody = example('/patients/{patientId}/e-consultations', 'post');
const ecoCreated = example('/patients/{patientId}/e-consultations', 'post', '201');

function app(mode: ValidationMode = 'strict', overrides: { me?: unknown } = {}, log = vi.fn()) {
  const a = new Hono();
  a.use(contractValidation(doc, { mode, maxBodyBytes: 64 * 1024, log }));
  a.get('/me', (c) => c.json(overrides.me ?? profile));
  a.post('/patients/:patientId/e-consultations', (c) => {
    expect(c.get('request').body).toEqual(ecoBody); // handlers get the parsed, validated body
    return c.json(ecoCreated, 201);
  });
  a.get('/patients/:patientId/lab-results', (c) => {
    c.header('x-query', JSON.stringify(c.get('request').query));
    return c.json({ items: [], nextCursor: null });
  });
  a.notFound((c) => c.json({ type: problemTypeUri('not-found'), title: 'No such resource', status: 404 }, 404));
  return { app: a, log };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('contract validation', () => {
  it('lets a request and response that keep the contract through untouched', async () => {
    const res = await app().app.request('/me');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(profile);
    const created = await app().app.request(`/patients/${patientId}/e-consultations`, json(ecoBody));
    expect(created.status).toBe(201);
  });

  it('refuses a malformed path parameter, naming it', async () => {
    const res = await app().app.request('/patients/not-an-id/e-consultations', json(ecoBody));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await res.json();
    expect(problem.type).toBe(problemTypeUri('validation-failed'));
    expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/path/patientId']);
  });

  it('refuses unknown fields, wrong types and missing fields in the body, each named', async () => {
    const bad = { ...(ecoBody as object), surprise: true, subject: 42 };
    const res = await app().app.request(`/patients/${patientId}/e-consultations`, json(bad));
    expect(res.status).toBe(400);
    const pointers = (await res.json()).errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toContain('/body');
    expect(pointers).toContain('/body/subject');
  });

  it('refuses a body that is not JSON, or not sent as JSON', async () => {
    const notJson = await app().app.request(`/patients/${patientId}/e-consultations`, json('{"subject": '));
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).errors).toEqual([{ pointer: '/body', message: 'is not valid JSON' }]);
    const text = await app().app.request(`/patients/${patientId}/e-consultations`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(ecoBody),
    });
    expect(text.status).toBe(400);
  });

  it('reads a body as UTF-8 only: another charset or bytes that are not UTF-8 are refused, not mangled', async () => {
    const path = `/patients/${patientId}/e-consultations`;
    const danish = { ...(ecoBody as object), subject: 'Spørgsmål om blodprøve' };
    const send = (contentType: string, body: string | Uint8Array<ArrayBuffer>) =>
      app().app.request(path, { method: 'POST', headers: { 'content-type': contentType }, body });
    // The handler of this test app insists on the contract's example body; a bad body never reaches it.
    for (const type of ['application/json; charset=iso-8859-1', 'application/json;charset="windows-1252"']) {
      const res = await send(type, JSON.stringify(danish));
      expect(res.status, type).toBe(400);
      expect((await res.json()).errors, type).toEqual([
        { pointer: '/body', message: expect.stringMatching(/UTF-8, not charset=/) },
      ]);
    }
    const latin1 = new Uint8Array(Buffer.from(JSON.stringify(danish), 'latin1')); // ø and å as single bytes
    const mangled = await send('application/json', latin1);
    expect(mangled.status).toBe(400);
    expect((await mangled.json()).errors).toEqual([{ pointer: '/body', message: 'is not valid UTF-8' }]);
    for (const type of ['application/json; charset=utf-8', 'application/json; charset=UTF8']) {
      expect((await send(type, JSON.stringify(ecoBody))).status, type).toBe(201);
    }
  });

  it('refuses a body over the limit with payload-too-large, declared or not', async () => {
    const huge = JSON.stringify({ subject: 'x'.repeat(100 * 1024) });
    const res = await app().app.request(`/patients/${patientId}/e-consultations`, json(huge));
    expect(res.status).toBe(413);
    expect((await res.json()).type).toBe(problemTypeUri('payload-too-large'));
  });

  it('turns query strings into the types the contract gives them, and refuses what does not fit', async () => {
    const ok = await app().app.request(`/patients/${patientId}/lab-results?limit=5`);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(JSON.parse(ok.headers.get('x-query') ?? '')).toEqual({ limit: 5 });
    for (const limit of ['abc', '0', '1000', '2.5']) {
      const bad = await app().app.request(`/patients/${patientId}/lab-results?limit=${limit}`);
      expect(bad.status, limit).toBe(400);
      expect((await bad.json()).errors[0].pointer).toBe('/query/limit');
    }
  });

  it('in strict mode turns a response that breaks the contract into a 500 naming the violations', async () => {
    const { app: a } = app('strict', { me: { patientId: 'pat_x' } });
    const res = await a.request('/me');
    expect(res.status).toBe(500);
    const problem = await res.json();
    expect(problem.title).toMatch(/Sandbox bug/);
    expect(problem.detail).toMatch(/getProfile/);
    expect(problem.violations.length).toBeGreaterThan(0);
  });

  it('in warn mode logs a broken response and lets it through', async () => {
    const { app: a, log } = app('warn', { me: { patientId: 'pat_x' } });
    const res = await a.request('/me');
    expect(res.status).toBe(200);
    expect(log).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]?.[0]).toMatch(/getProfile/);
  });

  it('leaves paths outside the contract to the app', async () => {
    const res = await app().app.request('/nowhere');
    expect(res.status).toBe(404);
  });

  it('checks a repeated answer as strictly as the first, and an answer changed in place anew', async () => {
    const me = { patientId: 'pat_x' } as Record<string, unknown>;
    const { app: a } = app('strict', { me });
    for (let i = 0; i < 3; i++) expect((await a.request('/me')).status).toBe(500);
    Object.assign(me, profile); // the handler's object now keeps the contract: a new text, checked anew
    expect((await a.request('/me')).status).toBe(200);
    for (const key of Object.keys(me)) delete me[key];
    me.patientId = 'pat_x';
    expect((await a.request('/me')).status).toBe(500);
  });

  it('checks what the client parses: a value JSON changes on the way is checked as it arrives', async () => {
    // undefined members vanish in JSON, so this is the contract's profile once sent.
    const { app: a } = app('strict', { me: { ...(profile as object), extra: undefined } });
    expect((await a.request('/me')).status).toBe(200);
  });
});

describe('VerdictCache', () => {
  it('knows a text as keeping one schema, not another', () => {
    const cache = new VerdictCache();
    expect(cache.kept('/a', '{"n":1}')).toBe(false);
    cache.note('/a', '{"n":1}');
    expect(cache.kept('/a', '{"n":1}')).toBe(true);
    expect(cache.kept('/b', '{"n":1}')).toBe(false);
    expect(cache.kept('/a', '{"n":2}')).toBe(false);
  });

  it('holds at most maxChars characters of text, dropping the oldest, and never a text over maxTextLength', () => {
    const cache = new VerdictCache(10, 6);
    for (const text of ['"aaaa"', '"bb"', '"cccc"']) cache.note('/a', text); // 6 + 4 + 6 characters
    expect(cache.size).toEqual({ texts: 2, chars: 10 });
    expect(cache.kept('/a', '"aaaa"')).toBe(false); // the oldest went
    expect(cache.kept('/a', '"bb"') && cache.kept('/a', '"cccc"')).toBe(true);
    cache.note('/a', '"seven"');
    expect(cache.kept('/a', '"seven"')).toBe(false);
    expect(cache.size).toEqual({ texts: 2, chars: 10 });
  });

  it('keeps no text past the length V8 still hashes', () => {
    const cache = new VerdictCache();
    const long = JSON.stringify('x'.repeat(16_382)); // 16,384 characters with the quotes
    cache.note('/a', long);
    expect(cache.kept('/a', long)).toBe(false);
    expect(cache.size.texts).toBe(0);
  });
});
