import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/** Notice and action: reports, cases (event log + projection), decisions, appeals, queues, notifiers. */
export const cases: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('country', 'text')
      .addColumn('url', 'text')
      .addColumn('canonical_url', 'text')
      .addColumn('source_type', 'text', (c) => c.notNull())
      .addColumn('trusted_flagger', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('match_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('priority_reasons', 'text', (c) => c.notNull())
      .addColumn('queue_id', 'text')
      .addColumn('assigned_to', 'text')
      .addColumn('claim_expires_at', t.bigint)
      .addColumn('escalated_at', t.bigint)
      .addColumn('due_at', t.bigint)
      .addColumn('decision_id', 'text')
      .addColumn('opened_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('closed_at', t.bigint)
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('cases_reference')
      .unique()
      .on('cases')
      .columns(['org_id', 'reference'])
      .execute();
    await db.schema
      .createIndex('cases_queue')
      .on('cases')
      .columns(['org_id', 'status', 'queue_id', 'priority'])
      .execute();
    await db.schema.createIndex('cases_due').on('cases').columns(['org_id', 'status', 'due_at']).execute();

    await db.schema
      .createTable('case_events')
      .addColumn('id', t.serial, (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('case_events_seq')
      .unique()
      .on('case_events')
      .columns(['case_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('case_events_type')
      .on('case_events')
      .columns(['org_id', 'type', 'at'])
      .execute();

    await db.schema
      .createTable('case_keys')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addPrimaryKeyConstraint('case_keys_pk', ['org_id', 'kind', 'value'])
      .execute();

    await db.schema
      .createTable('reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('reference', 'text', (c) => c.notNull().unique())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('notifier_type', 'text', (c) => c.notNull())
      .addColumn('notifier_key', 'text')
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('canonical_url', 'text')
      .addColumn('explanation', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('keywords', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('country', 'text')
      .addColumn('contact_sealed', 'text')
      .addColumn('reporter_language', 'text')
      .addColumn('good_faith', 'integer', (c) => c.notNull())
      .addColumn('received_at', t.bigint, (c) => c.notNull())
      .addColumn('outcome_notified_at', t.bigint)
      .execute();
    await db.schema.createIndex('reports_case').on('reports').columns(['org_id', 'case_id']).execute();

    await db.schema
      .createTable('report_attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('md5', 'text', (c) => c.notNull())
      .addColumn('pdq', 'text')
      .addColumn('hash_error', 'text')
      .addColumn('blob_path', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('report_attachments_report')
      .on('report_attachments')
      .columns(['org_id', 'report_id'])
      .execute();

    await db.schema
      .createTable('decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', t.bigint, (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('superseded_by', 'text')
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('decisions_case').on('decisions').columns(['org_id', 'case_id']).execute();
    await db.schema.createIndex('decisions_time').on('decisions').columns(['org_id', 'decided_at']).execute();

    await db.schema
      .createTable('appeal_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('expires_at', t.bigint, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('appeals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('report_id', 'text')
      .addColumn('grounds', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('statement', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('submitted_at', t.bigint, (c) => c.notNull())
      .addColumn('decided_at', t.bigint)
      .execute();
    await db.schema.createIndex('appeals_case').on('appeals').columns(['org_id', 'case_id']).execute();

    await db.schema
      .createTable('queues')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('sla_ms', t.bigint, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('queues_name').unique().on('queues').columns(['org_id', 'name']).execute();

    await db.schema
      .createTable('notifiers')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('notice_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unfounded_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('warned_at', t.bigint)
      .addColumn('warned_by', 'text')
      .addColumn('suspended_until', t.bigint)
      .addColumn('suspended_by', 'text')
      .addPrimaryKeyConstraint('notifiers_pk', ['org_id', 'key'])
      .execute();

    // The event log is append-only and a decision is never edited (only marked superseded by its
    // reversal): the database refuses anything else, whatever the code does.
    if (t.postgres) {
      await sql`create function case_events_append_only() returns trigger language plpgsql as $$
        begin raise exception 'case_events is append-only'; end $$`.execute(db);
      await sql`create trigger case_events_no_change before update or delete on case_events
        for each row execute function case_events_append_only()`.execute(db);
      await sql`create function decisions_immutable() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' or old.superseded_by is not null or new.id <> old.id
             or new.org_id <> old.org_id or new.case_id <> old.case_id or new.decided_by <> old.decided_by
             or new.decided_at <> old.decided_at or new.action <> old.action or new.fields <> old.fields
             or new.created_at <> old.created_at then
            raise exception 'decisions are immutable';
          end if;
          return new;
        end $$`.execute(db);
      await sql`create trigger decisions_no_edit before update or delete on decisions
        for each row execute function decisions_immutable()`.execute(db);
    } else {
      await sql`create trigger case_events_no_update before update on case_events
        begin select raise(abort, 'case_events is append-only'); end`.execute(db);
      await sql`create trigger case_events_no_delete before delete on case_events
        begin select raise(abort, 'case_events is append-only'); end`.execute(db);
      await sql`create trigger decisions_no_edit before update on decisions
        when old.superseded_by is not null or new.id is not old.id or new.org_id is not old.org_id
          or new.case_id is not old.case_id or new.decided_by is not old.decided_by
          or new.decided_at is not old.decided_at or new.action is not old.action
          or new.fields is not old.fields or new.created_at is not old.created_at
        begin select raise(abort, 'decisions are immutable'); end`.execute(db);
      await sql`create trigger decisions_no_delete before delete on decisions
        begin select raise(abort, 'decisions are immutable'); end`.execute(db);
    }
  },
};
