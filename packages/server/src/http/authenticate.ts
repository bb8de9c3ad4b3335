import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { resolveApiKey } from '../identity/api-keys.ts';
import { resolveSession } from '../identity/sessions.ts';
import type { Db } from '../storage/transaction.ts';

export const SESSION_COOKIE = 'vigie_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface Authentication {
  actor: Actor;
  /** Cookie sessions need CSRF protection on state changes; bearer keys do not. */
  viaCookie: boolean;
  csrfToken?: string;
}

/** Reads a bearer API key or a session cookie. A presented but invalid credential is an error, not anonymity. */
export async function authenticate(db: Db, request: FastifyRequest): Promise<Authentication | undefined> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match?.[1] ? await resolveApiKey(db, match[1]) : undefined;
    if (!actor)
      throw new AppError('not_authenticated', {
        message: 'The API key is unknown or revoked.',
        field: 'headers.authorization',
      });
    return { actor, viaCookie: false };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  const session = await resolveSession(db, token);
  if (!session) return undefined;
  return { actor: session.actor, viaCookie: true, csrfToken: session.csrfToken };
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function checkCsrf(request: FastifyRequest, auth: Authentication): void {
  if (!auth.viaCookie || !UNSAFE_METHODS.has(request.method)) return;
  const presented = request.headers[CSRF_HEADER];
  const expected = auth.csrfToken ?? '';
  const ok =
    typeof presented === 'string' &&
    presented.length === expected.length &&
    timingSafeEqual(Buffer.from(presented), Buffer.from(expected));
  if (!ok) throw new AppError('csrf_token_invalid', { field: `headers.${CSRF_HEADER}` });
}
