import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/** Per-organisation data keys, wrapped under the master key (see crypto/keyring.ts). */
export const organisationKeys: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('organisation_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('wrapped_key', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('organisation_keys_org')
      .on('organisation_keys')
      .columns(['org_id', 'created_at'])
      .execute();
  },
};
