import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Organisations' versions of the shipped language packs (language-packs/README.md). Append-only: a
 * save or a revert adds a row, so the history of what the classifier used stays intact.
 */
export const languagePacks: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('language_pack_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('changes', 'text')
      .addColumn('shipped_version', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('language_pack_versions_org_lang_version')
      .unique()
      .on('language_pack_versions')
      .columns(['org_id', 'lang', 'version'])
      .execute();
    if (t.postgres) {
      await sql`create function language_pack_versions_append_only() returns trigger language plpgsql as $$
        begin raise exception 'language_pack_versions is append-only'; end $$`.execute(db);
      await sql`create trigger language_pack_versions_no_change before update or delete on language_pack_versions
        for each row execute function language_pack_versions_append_only()`.execute(db);
    } else {
      await sql`create trigger language_pack_versions_no_update before update on language_pack_versions
        begin select raise(abort, 'language_pack_versions is append-only'); end`.execute(db);
      await sql`create trigger language_pack_versions_no_delete before delete on language_pack_versions
        begin select raise(abort, 'language_pack_versions is append-only'); end`.execute(db);
    }
  },
};
