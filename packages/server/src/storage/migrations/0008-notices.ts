import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/** Civil-society side: platform directory, outbound notices (event log + projection), studies. */
export const notices: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('platforms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('hosts', 'text', (c) => c.notNull())
      .addColumn('countries', 'text', (c) => c.notNull())
      .addColumn('languages', 'text', (c) => c.notNull())
      .addColumn('channels', 'text', (c) => c.notNull())
      .addColumn('callback_secret_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('platforms_slug')
      .unique()
      .on('platforms')
      .columns(['org_id', 'slug'])
      .execute();

    await db.schema
      .createTable('studies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('study_members')
      .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('invited_at', t.bigint, (c) => c.notNull())
      .addColumn('accepted_at', t.bigint)
      .addColumn('accepted_by', 'text')
      .addPrimaryKeyConstraint('study_members_pk', ['study_id', 'org_id'])
      .execute();

    await db.schema
      .createTable('notices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('platform_id', 'text', (c) => c.notNull().references('platforms.id'))
      .addColumn('platform_slug', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text')
      .addColumn('study_id', 'text', (c) => c.references('studies.id'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('channel_address', 'text', (c) => c.notNull())
      .addColumn('legal_basis', 'text', (c) => c.notNull())
      .addColumn('trusted_flagger', 'integer', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('language', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('items', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('sent_at', t.bigint)
      .addColumn('ack_within_ms', t.bigint, (c) => c.notNull())
      .addColumn('decision_within_ms', t.bigint, (c) => c.notNull())
      .addColumn('ack_due_at', t.bigint)
      .addColumn('decision_due_at', t.bigint)
      .addColumn('acknowledged_at', t.bigint)
      .addColumn('decision', 'text')
      .addColumn('decided_at', t.bigint)
      .addColumn('sor_received_at', t.bigint)
      .addColumn('escalated_at', t.bigint)
      .addColumn('reversed_at', t.bigint)
      .addColumn('content_gone_at', t.bigint)
      .addColumn('closed_at', t.bigint)
      .addColumn('external_id', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('notices_reference')
      .unique()
      .on('notices')
      .columns(['org_id', 'reference'])
      .execute();
    await db.schema.createIndex('notices_sent').on('notices').columns(['org_id', 'sent_at']).execute();
    await db.schema.createIndex('notices_study').on('notices').columns(['study_id', 'sent_at']).execute();
    await db.schema
      .createIndex('notices_external')
      .on('notices')
      .columns(['org_id', 'platform_id', 'external_id'])
      .execute();

    await db.schema
      .createTable('notice_events')
      .addColumn('id', t.serial, (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('recorded_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('notice_events_seq')
      .unique()
      .on('notice_events')
      .columns(['notice_id', 'seq'])
      .execute();
  },
};
