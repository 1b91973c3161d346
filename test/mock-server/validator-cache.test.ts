// What makes the validation middleware cheap must not change what it checks: the body a handler
// gave c.json() is checked as the JSON the client receives (not as the object), a response made
// any other way is still read and checked, and problem responses are checked too. Also the token
// issuer's cache of verified tokens: expiry and kind are still checked on every use.
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { deref, loadContract } from '../../contracts/index.ts';
import { createTokenIssuer } from '../../mock-server/auth/tokens.ts';
import { isSandboxError, SandboxError } from '../../mock-server/errors.ts';
import { contractValidation, type ValidationMode } from '../../mock-server/middleware/contract-validation/index.ts';

const doc = loadContract('app-platform');
const profileResponse = deref<{ content: Record<string, { example?: unknown }> }>(
  doc,
  (doc.paths['/me'] as { get: { responses: Record<string, unknown> } }).get.responses['200'],
);
const profile = profileResponse.content['application/json']?.example as Record<string, unknown>;

function appAnswering(answer: (c: import('hono').Context) => Response, mode: ValidationMode = 'warn') {
  const log = vi.fn();
  const app = new Hono();
  app.onError((error, c) => (isSandboxError(error) ? error.toResponse(c.req.path) : c.text('bug', 500)));
  app.use(contractValidation(doc, { mode, log }));
  app.get('/me', answer);
  return { app, log };
}

describe('response checks on what c.json() was given', () => {
  it('accepts a valid profile and logs nothing', async () => {
    const { app, log } = appAnswering((c) => c.json(profile));
    expect((await app.request('/me')).status).toBe(200);
    expect(log).not.toHaveBeenCalled();
  });

  it('checks members as JSON writes them: undefined dropped, toJSON applied, NaN as null', async () => {
    const odd = {
      ...profile,
      unknownButUndefined: undefined, // JSON drops it, so additionalProperties: false is kept
      name: { toJSON: () => 'Anne Holm' }, // JSON writes a string
      email: Number.NaN, // JSON writes null, which the contract allows
    };
    const { app, log } = appAnswering((c) => c.json(odd));
    expect((await app.request('/me')).status).toBe(200);
    expect(log).not.toHaveBeenCalled();
  });

  it('still finds what breaks the contract, in warn and strict mode', async () => {
    const broken = { ...profile, surprise: true };
    const warn = appAnswering((c) => c.json(broken));
    expect((await warn.app.request('/me')).status).toBe(200);
    expect(warn.log.mock.calls[0]?.[0]).toMatch(/surprise/);
    const strict = appAnswering((c) => c.json(broken), 'strict');
    const res = await strict.app.request('/me');
    expect(res.status).toBe(500);
    expect((await res.json()).detail).toMatch(/surprise/);
  });
});

describe('response checks on responses made otherwise', () => {
  it('reads and checks a body not made by c.json(), and leaves it whole for the client', async () => {
    const text = JSON.stringify({ ...profile, surprise: true });
    const { app, log } = appAnswering((c) => c.body(text, 200, { 'content-type': 'application/json' }));
    const res = await app.request('/me');
    expect(await res.text()).toBe(text);
    expect(log.mock.calls[0]?.[0]).toMatch(/surprise/);
  });

  it('checks a thrown problem as the problem+json it becomes', async () => {
    const { app, log } = appAnswering(() => {
      throw new SandboxError('unauthorized', 'Sign in first.');
    });
    const res = await app.request('/me');
    expect(res.status).toBe(401);
    expect((await res.json()).detail).toBe('Sign in first.');
    expect(log).not.toHaveBeenCalled();
  });
});

describe('the cache of verified tokens', () => {
  const now = new Date('2026-01-15T12:00:00Z');
  const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it('checks expiry and kind on every use of a token already verified', async () => {
    const issuer = createTokenIssuer({ accessTtlSeconds: 60 });
    const { accessToken } = await issuer.issue('pat_abc12345', now);
    expect(await issuer.verify(accessToken, 'access', now)).toBe('pat_abc12345');
    await expect(issuer.verify(accessToken, 'refresh', later(1))).rejects.toThrow(/not a refresh token/);
    await expect(issuer.verify(accessToken, 'access', later(60))).rejects.toThrow(/expired/);
  });

  it('keeps working past its size, forgetting the oldest', async () => {
    const issuer = createTokenIssuer({ verifiedCacheSize: 1 });
    const a = await issuer.issue('pat_aaaaaaaa', now);
    const b = await issuer.issue('pat_bbbbbbbb', now);
    for (const [token, person] of [
      [a.accessToken, 'pat_aaaaaaaa'],
      [b.accessToken, 'pat_bbbbbbbb'],
      [a.accessToken, 'pat_aaaaaaaa'],
    ] as const) {
      expect(await issuer.verify(token, 'access', now)).toBe(person);
    }
  });

  it("never takes another issuer's token, even one this issuer has been shown before", async () => {
    const issuer = createTokenIssuer();
    const other = await createTokenIssuer().issue('pat_abc12345', now);
    for (let i = 0; i < 2; i++) {
      await expect(issuer.verify(other.accessToken, 'access', now)).rejects.toThrow(/not issued by this sandbox/);
    }
  });
});
