import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * The notifications outbox (texts sent to affected users and reporters) and the record of each
 * decision's submission to the EU Transparency Database. Both belong to the transparency duties of
 * notice and action (DSA Arts. 16(5), 17, 20, 24(5)).
 */
export const notifications: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('case_id', 'text')
      .addColumn('decision_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('recipient_kind', 'text', (c) => c.notNull())
      .addColumn('recipient_sealed', 'text')
      .addColumn('recipient_context', 'text')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body_text', 'text', (c) => c.notNull())
      .addColumn('body_html', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('sent_at', t.bigint)
      .execute();
    await db.schema
      .createIndex('notifications_org_time')
      .on('notifications')
      .columns(['org_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('notifications_case')
      .on('notifications')
      .columns(['org_id', 'case_id'])
      .execute();

    await db.schema
      .createTable('tdb_submissions')
      .addColumn('decision_id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('puid', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('tdb_uuid', 'text')
      .addColumn('permalink', 'text')
      .addColumn('errors', 'text')
      .addColumn('queued_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('submitted_at', t.bigint)
      .execute();
    await db.schema
      .createIndex('tdb_submissions_status')
      .on('tdb_submissions')
      .columns(['org_id', 'status'])
      .execute();
  },
};
