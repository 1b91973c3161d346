import { describe, expect, it } from 'vitest';
import { createTokenIssuer } from '../../mock-server/auth/tokens.ts';
import { SandboxError } from '../../mock-server/errors.ts';

const now = new Date('2026-01-15T12:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).kind).toBe('unauthorized');
    return (error as SandboxError).detail;
  }
  throw new Error('expected a refusal');
}

describe('sandbox tokens', () => {
  it('issues tokens that verify to their person until they expire on the sandbox clock', async () => {
    const issuer = createTokenIssuer({ accessTtlSeconds: 900 });
    const tokens = await issuer.issue('pat_abc12345', now);
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(await issuer.verify(tokens.accessToken, 'access', later(899))).toBe('pat_abc12345');
    expect(await refusal(issuer.verify(tokens.accessToken, 'access', later(900)))).toMatch(/expired/);
  });

  it('refuses a missing, malformed, forged or wrong-kind token', async () => {
    const issuer = createTokenIssuer();
    const tokens = await issuer.issue('pat_abc12345', now);
    expect(await refusal(issuer.verify(undefined, 'access', now))).toMatch(/No token/);
    expect(await refusal(issuer.verify('not.a.token', 'access', now))).toMatch(/malformed/);
    const other = await createTokenIssuer().issue('pat_abc12345', now); // another sandbox's key
    expect(await refusal(issuer.verify(other.accessToken, 'access', now))).toMatch(/not issued by this sandbox/);
    expect(await refusal(issuer.verify(tokens.refreshToken, 'access', now))).toMatch(/not an access token/);
  });

  it('refuses a token issued after the sandbox time, as when the clock was moved back past the sign-in', async () => {
    const issuer = createTokenIssuer();
    const tokens = await issuer.issue('pat_abc12345', later(3600));
    expect(await refusal(issuer.verify(tokens.accessToken, 'access', now))).toMatch(/issued after the sandbox time/);
    expect(await refusal(issuer.refresh(tokens.refreshToken, now))).toMatch(/issued after the sandbox time/);
    // Not yet valid is not used up: once the clock is past its issue, the same token works.
    expect(await issuer.verify(tokens.accessToken, 'access', later(3600))).toBe('pat_abc12345');
  });

  it('rotates refresh tokens: each can be used once', async () => {
    const issuer = createTokenIssuer();
    const first = await issuer.issue('pat_abc12345', now);
    const second = await issuer.refresh(first.refreshToken, later(60));
    expect(await issuer.verify(second.accessToken, 'access', later(61))).toBe('pat_abc12345');
    expect(await refusal(issuer.refresh(first.refreshToken, later(62)))).toMatch(/already used/);
  });
});
