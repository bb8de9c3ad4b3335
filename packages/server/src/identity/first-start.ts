/**
 * First start: when the database has no organisation, create one and an admin with a one-time
 * password, so a newcomer can log in at once. The password is returned for printing exactly once;
 * only its scrypt hash is stored, and the admin must replace it at first login.
 */
import { sql } from 'kysely';
import { inTransaction, isPostgres, type Db } from '../storage/transaction.ts';
import { systemActor } from './actor.ts';
import { createOrganisation } from './organisations.ts';
import { generatePassword } from './passwords.ts';
import { createUser } from './users.ts';

export interface FirstStartCredentials {
  organisationName: string;
  email: string;
  password: string;
}

export async function ensureFirstOrganisation(
  db: Db,
  settings: { organisationName: string; adminEmail: string },
): Promise<FirstStartCredentials | undefined> {
  return inTransaction(db, async (trx) => {
    // Several processes may start at once on one PostgreSQL database: only one creates.
    if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(727001)`.execute(trx);
    const existing = await trx.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
    if (existing) return undefined;
    const organisation = await createOrganisation(trx, { name: settings.organisationName }, 'first-start');
    const password = generatePassword();
    await createUser(trx, systemActor(organisation.id, 'first-start'), {
      email: settings.adminEmail,
      displayName: 'Administrator',
      role: 'admin',
      password,
      mustChangePassword: true,
    });
    return { organisationName: organisation.name, email: settings.adminEmail, password };
  });
}

export function firstStartBanner(credentials: FirstStartCredentials, url: string): string {
  const line = '='.repeat(72);
  return [
    line,
    ` Vigie first start: organisation "${credentials.organisationName}" created.`,
    ` Log in at ${url} with`,
    `   email:    ${credentials.email}`,
    `   password: ${credentials.password}`,
    ' This one-time password is shown only now; you will choose your own at first login.',
    ' To try Vigie with demo cases, press "Load demo cases" on the empty review queue',
    ' (or run: npm run vigie -- demo seed --cases 50).',
    line,
    '',
  ].join('\n');
}
