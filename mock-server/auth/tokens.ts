/**
 * Sandbox access and refresh tokens: HS256 JWTs (Hono's JWT utilities) signed with a key made for
 * each sandbox instance, so a token from one sandbox is forged in another. Expiry is checked
 * against the sandbox clock, not the real one, so time travel expires tokens too. Refresh tokens
 * rotate: each can be used once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { SandboxError } from '../errors.ts';

export type TokenKind = 'access' | 'refresh';

export interface TokenOptions {
  /** Signing key; default 32 random bytes per instance. */
  secret?: string;
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
  /** The person a token was issued to; throws unauthorized for a missing, malformed, forged or expired token. */
  verify(token: string | undefined, kind: TokenKind, now: Date): Promise<string>;
  /** Exchanges a refresh token (once) for new tokens. */
  refresh(refreshToken: string, now: Date): Promise<IssuedTokens>;
}

export function createTokenIssuer(options: TokenOptions = {}): TokenIssuer {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const accessTtl = options.accessTtlSeconds ?? 15 * 60;
  const refreshTtl = options.refreshTtlSeconds ?? 30 * 24 * 60 * 60;
  const usedRefreshTokens = new Set<string>();

  const token = (subject: string, kind: TokenKind, now: Date, ttl: number) => {
    const iat = Math.floor(now.getTime() / 1000);
    return sign({ sub: subject, kind, jti: randomUUID(), iat, exp: iat + ttl }, secret, 'HS256');
  };

  async function claims(raw: string | undefined, kind: TokenKind, now: Date) {
    if (!raw) throw unauthorized('No token: send Authorization: Bearer <accessToken> from the sign-in.');
    let payload: Record<string, unknown>;
    try {
      // Time claims are checked below against the sandbox clock, not the real one.
      payload = await verify(raw, secret, { alg: 'HS256', exp: false, nbf: false, iat: false });
    } catch {
      throw unauthorized('The token is malformed or was not issued by this sandbox; sign in again.');
    }
    if (payload.kind !== kind || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') {
      throw unauthorized(`This is not ${kind === 'access' ? 'an access' : 'a refresh'} token.`);
    }
    if (typeof payload.exp !== 'number' || now.getTime() / 1000 >= payload.exp) {
      throw unauthorized('The token has expired; refresh it or sign in again.');
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
    async verify(raw, kind, now) {
      return (await claims(raw, kind, now)).subject;
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
