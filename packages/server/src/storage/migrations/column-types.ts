import { PostgresAdapter, type Kysely } from 'kysely';

/** Column types that differ between SQLite and PostgreSQL, chosen from the migration's own connection. */
export function columnTypes(db: Kysely<unknown>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    /** Epoch milliseconds and counters that may pass 2^31. */
    bigint: postgres ? ('bigint' as const) : ('integer' as const),
    blob: postgres ? ('bytea' as const) : ('blob' as const),
    /** Auto-assigned integer key (SQLite's `integer primary key` is the rowid). */
    serial: postgres ? ('bigserial' as const) : ('integer' as const),
  };
}
