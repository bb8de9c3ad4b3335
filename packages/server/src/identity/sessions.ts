/**
 * Console sessions. The browser holds a random token in an HTTP-only cookie; the database holds only
 * its SHA-256, so a leaked database does not leak live sessions. Each session has a CSRF token that
 * state-changing requests must echo in a header.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../storage/transaction.ts';
import type { Actor } from './actor.ts';
import { rolePermissions, type Role } from './permissions.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: number;
}

export async function createSession(db: Db, user: { id: string; orgId: string }): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = Date.now();
  const expiresAt = now + SESSION_TTL_MS;
  await db
    .insertInto('sessions')
    .values({
      id: tokenHash(token),
      user_id: user.id,
      org_id: user.orgId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface SessionActor {
  actor: Extract<Actor, { type: 'user' }>;
  csrfToken: string;
}

/** The user behind a session token, or undefined when the token is unknown, expired or the user disabled. */
export async function resolveSession(db: Db, token: string): Promise<SessionActor | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id',
      'users.org_id',
      'users.role',
      'users.must_change_password',
      'users.disabled_at',
    ])
    .where('sessions.id', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.expires_at < Date.now() || row.disabled_at !== null) return undefined;
  const role = row.role as Role;
  return {
    csrfToken: row.csrf_token,
    actor: {
      type: 'user',
      id: row.id,
      orgId: row.org_id,
      role,
      permissions: rolePermissions[role],
      mustChangePassword: row.must_change_password === 1,
      sessionId: row.sessionId,
    },
  };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function purgeExpiredSessions(db: Db, now = Date.now()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
