import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** A database handle: the whole database or an open transaction. Domain functions accept either. */
export type Db = Kysely<Database> | Transaction<Database>;

/**
 * The one way to run a transaction. Reuses an enclosing transaction when given one, so domain
 * functions can be composed inside a request's transaction or called on their own.
 */
export async function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(work);
}

/** Whether an error is a unique-constraint violation, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** For the few statements that differ by dialect (row locks, SKIP LOCKED, advisory locks). */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
