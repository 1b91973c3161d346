/**
 * Sandbox access and refresh tokens: HS256 JWTs (Hono's JWT utilities) signed with a key made for
 * each sandbox instance, so a token from one sandbox is forged in another. Expiry is checked
 * against the sandbox clock, not the real one, so time travel expires tokens too (and moving the
 * clock back past a sign-in makes its tokens not yet valid). Refresh tokens
 * rotate: each can be used once. A token's signature is checked once: its claims are kept (a
 * bounded number of tokens, per issuer) and every later use checks only kind and expiry.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { SandboxError } from '../errors.ts';

export type TokenKind = 'access' | 'refresh';

export interface TokenOptions {
  /** Signing key; default 32 random bytes per instance. */
  secret?: string;
  /** How many verified tokens to remember, so their signatures are not checked again (default 10,000). */
  verifiedCacheSize?: number;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface TokenIssuer {
  /** Access and refresh tokens for a person, valid from `now`. */
  issue(subject: string, now: Date): Promise<IssuedTokens>;
  /** The person a token was issued to; throws unauthorized for a missing, malformed, forged, expired or not-yet-valid token. */
  verify(token: string | undefined, kind: TokenKind, now: Date): Promise<string>;
  /** Exchanges a refresh token (once) for new tokens. */
  refresh(refreshToken: string, now: Date): Promise<IssuedTokens>;
}

export function createTokenIssuer(options: TokenOptions = {}): TokenIssuer {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const accessTtl = options.accessTtlSeconds ?? 15 * 60;
  const refreshTtl = options.refreshTtlSeconds ?? 30 * 24 * 60 * 60;
  const usedRefreshTokens = new Set<string>();
  // Claims of tokens whose signature this issuer has checked. The signature (WebCrypto HMAC, with
  // a key import each time) was most of an authenticated request's cost; the claims of a token
  // never change, so only the checks against the clock are repeated.
  const verified = new Map<string, Record<string, unknown>>();
  const verifiedCacheSize = options.verifiedCacheSize ?? 10_000;

  async function payloadOf(raw: string): Promise<Record<string, unknown>> {
    const known = verified.get(raw);
    if (known) return known;
    // Time claims are checked by the caller against the sandbox clock, not the real one.
    const payload = await verify(raw, secret, { alg: 'HS256', exp: false, nbf: false, iat: false });
    // Full: forget the oldest (Maps iterate in insertion order).
    if (verified.size >= verifiedCacheSize) verified.delete(verified.keys().next().value as string);
    verified.set(raw, payload);
    return payload;
  }

  const token = (subject: string, kind: TokenKind, now: Date, ttl: number) => {
    const iat = Math.floor(now.getTime() / 1000);
    return sign({ sub: subject, kind, jti: randomUUID(), iat, exp: iat + ttl }, secret, 'HS256');
  };

  async function claims(raw: string | undefined, kind: TokenKind, now: Date) {
    if (!raw) throw unauthorized('No token: send Authorization: Bearer <accessToken> from the sign-in.');
    let payload: Record<string, unknown>;
    try {
      payload = await payloadOf(raw);
    } catch {
      throw unauthorized('The token is malformed or was not issued by this sandbox; sign in again.');
    }
    return checked(payload, kind, now);
  }

  /** The claims of a verified payload, checked for kind and against the sandbox clock. */
  function checked(payload: Record<string, unknown>, kind: TokenKind, now: Date) {
    if (payload.kind !== kind || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') {
      throw unauthorized(`This is not ${kind === 'access' ? 'an access' : 'a refresh'} token.`);
    }
    const seconds = now.getTime() / 1000;
    if (typeof payload.exp !== 'number' || seconds >= payload.exp) {
      throw unauthorized('The token has expired; refresh it or sign in again.');
    }
    // Issued after the sandbox's present: not valid yet, as a real platform would see a token from
    // the future. It happens when a tester moves the sandbox clock back past a sign-in.
    if (typeof payload.iat !== 'number' || payload.iat > seconds) {
      throw unauthorized(
        'The token was issued after the sandbox time (was the sandbox clock moved back?); sign in again.',
      );
    }
    return { subject: payload.sub, id: payload.jti };
  }

  async function issue(subject: string, now: Date): Promise<IssuedTokens> {
    return {
      accessToken: await token(subject, 'access', now, accessTtl),
      refreshToken: await token(subject, 'refresh', now, refreshTtl),
      tokenType: 'Bearer',
      expiresIn: accessTtl,
    };
  }

  return {
    issue,
    verify(raw, kind, now) {
      // A token already verified (every request after the sign-in) is checked without the
      // chain of async steps a first verification needs; the answer is still a promise.
      const known = raw ? verified.get(raw) : undefined;
      if (known) {
        try {
          return Promise.resolve(checked(known, kind, now).subject);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return claims(raw, kind, now).then((c) => c.subject);
    },
    async refresh(raw, now) {
      const { subject, id } = await claims(raw, 'refresh', now);
      if (usedRefreshTokens.has(id)) throw unauthorized('This refresh token was already used; sign in again.');
      usedRefreshTokens.add(id);
      return issue(subject, now);
    },
  };
}

function unauthorized(detail: string): SandboxError {
  return new SandboxError('unauthorized', detail);
}
