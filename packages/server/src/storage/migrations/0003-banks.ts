import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/** Hash and URL banks, their entries, the change log the matchers follow, webhooks and deliveries. */
export const banks: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    const double = t.postgres ? ('double precision' as const) : ('real' as const);

    await db.schema
      .createTable('banks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('thresholds', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('disabled_at', t.bigint)
      .addUniqueConstraint('banks_org_name', ['org_id', 'name'])
      .execute();

    await db.schema
      .createTable('bank_entries')
      .addColumn('id', t.serial, (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('bank_id', 'text', (c) => c.notNull().references('banks.id'))
      .addColumn('signal_type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('value_key', 'text', (c) => c.notNull())
      .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text')
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('added_at', t.bigint, (c) => c.notNull())
      .addColumn('evidence_ref', 'text')
      .addColumn('confidence', double)
      .addColumn('jurisdictions', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_reason', 'text')
      .addColumn('status_changed_at', t.bigint)
      .addColumn('status_changed_by', 'text')
      .addUniqueConstraint('bank_entries_bank_value', ['bank_id', 'value_key'])
      .execute();
    await db.schema
      .createIndex('bank_entries_org_value')
      .on('bank_entries')
      .columns(['org_id', 'value_key'])
      .execute();
    await db.schema.createIndex('bank_entries_org_id').on('bank_entries').columns(['org_id', 'id']).execute();

    await db.schema
      .createTable('bank_change_heads')
      .addColumn('org_id', 'text', (c) => c.primaryKey())
      .addColumn('seq', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('bank_changes')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('seq', t.bigint, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('bank_id', 'text', (c) => c.notNull())
      .addColumn('entry_from', t.bigint)
      .addColumn('entry_to', t.bigint)
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('bank_changes_pk', ['org_id', 'seq'])
      .execute();

    await db.schema
      .createTable('bank_webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('bank_id', 'text', (c) => c.notNull().references('banks.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('secret_sealed', t.blob, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('disabled_at', t.bigint)
      .execute();
    await db.schema
      .createIndex('bank_webhooks_bank')
      .on('bank_webhooks')
      .columns(['org_id', 'bank_id'])
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('webhook_id', 'text', (c) => c.notNull().references('bank_webhooks.id'))
      .addColumn('bank_id', 'text', (c) => c.notNull())
      .addColumn('job_id', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('delivered_at', t.bigint)
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_webhook')
      .on('webhook_deliveries')
      .columns(['org_id', 'webhook_id', 'created_at'])
      .execute();
  },
};
