import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/** Evidence vault: items (content-addressed, sealed blobs on disk), their custody chains, liveness checks. */
export const evidence: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('evidence_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('case_id', 'text')
      .addColumn('capture_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('source_url', 'text')
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('captured_at', t.bigint, (c) => c.notNull())
      .addColumn('captured_by', 'text', (c) => c.notNull())
      .addColumn('captured_from', 'text', (c) => c.notNull())
      .addColumn('tool', 'text', (c) => c.notNull())
      .addColumn('tool_version', 'text', (c) => c.notNull())
      .addColumn('capture_env', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('pdq', 'text')
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('legal_hold_at', t.bigint)
      .addColumn('retention_until', t.bigint)
      .addColumn('purged_at', t.bigint)
      .addColumn('custody_seq', t.bigint, (c) => c.notNull())
      .addColumn('custody_hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('evidence_items_case')
      .on('evidence_items')
      .columns(['org_id', 'case_id'])
      .execute();
    await db.schema
      .createIndex('evidence_items_capture')
      .on('evidence_items')
      .columns(['org_id', 'capture_id'])
      .execute();
    await db.schema
      .createIndex('evidence_items_blob')
      .on('evidence_items')
      .columns(['org_id', 'sha256'])
      .execute();

    await db.schema
      .createTable('evidence_custody')
      .addColumn('id', t.serial, (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('seq', t.bigint, (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addUniqueConstraint('evidence_custody_item_seq', ['item_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('evidence_custody_org')
      .on('evidence_custody')
      .columns(['org_id', 'item_id'])
      .execute();
    // Like the audit log, the custody log is append-only at the database level too.
    if (t.postgres) {
      await sql`create function evidence_custody_append_only() returns trigger language plpgsql as $$
        begin raise exception 'evidence_custody is append-only'; end $$`.execute(db);
      await sql`create trigger evidence_custody_no_change before update or delete on evidence_custody
        for each row execute function evidence_custody_append_only()`.execute(db);
    } else {
      await sql`create trigger evidence_custody_no_update before update on evidence_custody
        begin select raise(abort, 'evidence_custody is append-only'); end`.execute(db);
      await sql`create trigger evidence_custody_no_delete before delete on evidence_custody
        begin select raise(abort, 'evidence_custody is append-only'); end`.execute(db);
    }

    await db.schema
      .createTable('evidence_liveness_checks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('delay_ms', t.bigint, (c) => c.notNull())
      .addColumn('checked_at', t.bigint, (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('http_status', 'integer')
      .addColumn('final_url', 'text')
      .addColumn('sha256', 'text')
      .addColumn('pdq_distance', 'integer')
      .addColumn('error_code', 'text')
      .execute();
    await db.schema
      .createIndex('evidence_liveness_item')
      .on('evidence_liveness_checks')
      .columns(['org_id', 'item_id', 'checked_at'])
      .execute();
  },
};
