import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import { inTransaction, isUniqueViolation, type Db } from '../storage/transaction.ts';
import type { UserTable } from '../storage/schema.ts';
import type { Actor } from './actor.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import type { Role } from './permissions.ts';

export interface User {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  role: Role;
  languages: string[];
  mustChangePassword: boolean;
  createdAt: number;
  disabledAt: number | null;
}

export function toUser(row: UserTable): User {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    languages: JSON.parse(row.languages) as string[],
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface NewUser {
  email: string;
  displayName?: string | undefined;
  role: Role;
  password: string;
  languages?: string[] | undefined;
  /** Set for generated passwords: the user must choose their own at first login. */
  mustChangePassword?: boolean;
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: NewUser,
  requestId: string | null = null,
): Promise<User> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', {
      message: `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`,
      field: 'body.password',
    });
  }
  const row: UserTable = {
    id: randomUUID(),
    org_id: actor.orgId,
    email: normaliseEmail(input.email),
    display_name: input.displayName ?? input.email.split('@')[0] ?? input.email,
    role: input.role,
    password_hash: await hashPassword(input.password),
    must_change_password: input.mustChangePassword ? 1 : 0,
    languages: JSON.stringify(input.languages ?? []),
    created_at: Date.now(),
    disabled_at: null,
  };
  return inTransaction(db, async (trx) => {
    try {
      await trx.insertInto('users').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('already_exists', {
          message: 'A user with this email exists.',
          field: 'body.email',
        });
      }
      throw error;
    }
    await appendAudit(
      trx,
      actor,
      { action: 'user.create', targetType: 'user', targetId: row.id, details: { role: row.role } },
      requestId,
    );
    return toUser(row);
  });
}

export async function listUsers(db: Db, orgId: string): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .execute();
  return rows.map(toUser);
}

export async function getUser(db: Db, orgId: string, userId: string): Promise<User> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('User', 'params.userId');
  return toUser(row);
}

export interface UserChanges {
  displayName?: string | undefined;
  role?: Role | undefined;
  languages?: string[] | undefined;
  disabled?: boolean | undefined;
}

export async function updateUser(
  db: Db,
  actor: Actor,
  userId: string,
  changes: UserChanges,
  requestId: string | null,
): Promise<User> {
  return inTransaction(db, async (trx) => {
    const current = await getUser(trx, actor.orgId, userId);
    if (actor.type === 'user' && actor.id === userId && (changes.role || changes.disabled)) {
      throw new AppError('conflict', {
        message: 'You cannot change your own role or disable yourself.',
        field: 'params.userId',
      });
    }
    const disabledAt =
      changes.disabled === undefined
        ? current.disabledAt
        : changes.disabled
          ? (current.disabledAt ?? Date.now())
          : null;
    await trx
      .updateTable('users')
      .set({
        display_name: changes.displayName ?? current.displayName,
        role: changes.role ?? current.role,
        languages: JSON.stringify(changes.languages ?? current.languages),
        disabled_at: disabledAt,
      })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', userId)
      .execute();
    if (disabledAt !== null) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await appendAudit(
      trx,
      actor,
      { action: 'user.update', targetType: 'user', targetId: userId, details: { ...changes } },
      requestId,
    );
    return getUser(trx, actor.orgId, userId);
  });
}

/** Checks an email and password; the same answer (undefined) for an unknown email and a wrong password. */
export async function authenticateUser(db: Db, email: string, password: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) {
    // Spend the same time as a real check so response timing does not reveal which emails exist.
    await verifyPassword(password, DUMMY_HASH);
    return undefined;
  }
  return (await verifyPassword(password, row.password_hash)) ? toUser(row) : undefined;
}

const DUMMY_HASH = await hashPassword('timing-equaliser-not-a-real-password');

export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  requestId: string | null,
): Promise<void> {
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', {
      message: `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`,
      field: 'body.newPassword',
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('validation_failed', {
      message: 'Choose a password different from the current one.',
      field: 'body.newPassword',
    });
  }
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', actor.id)
    .where('org_id', '=', actor.orgId)
    .executeTakeFirst();
  if (!row || !(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new AppError('invalid_credentials', {
      message: 'The current password is wrong.',
      field: 'body.currentPassword',
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: 0 })
      .where('id', '=', actor.id)
      .execute();
    await appendAudit(
      trx,
      actor,
      { action: 'user.change_password', targetType: 'user', targetId: actor.id },
      requestId,
    );
  });
}
