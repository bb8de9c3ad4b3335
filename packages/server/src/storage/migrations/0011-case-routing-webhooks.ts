import { randomUUID } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

const HOUR = 3_600_000;

/** The default queues as of this migration (a frozen copy: `triage/queues.ts` may change later). */
const defaultQueues = [
  { name: 'Removal orders', position: 0, rule: { sourceTypes: ['removal_order'] }, slaMs: HOUR },
  { name: 'Trusted flaggers', position: 10, rule: { trustedFlagger: true }, slaMs: 24 * HOUR },
  { name: 'Hash matches', position: 20, rule: { hashMatch: true }, slaMs: 24 * HOUR },
  { name: 'General', position: 100, rule: {}, slaMs: 72 * HOUR },
];

/**
 * Notice and action, continued: organisation webhooks by event type (decisions and reversals sent to
 * the platform), incidents (crisis protocol), the classifier score and incident of a case, case keys
 * by case (PDQ grouping), and the default queues of every organisation that has none (they were
 * created on first read before).
 */
export const caseRoutingWebhooks: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('event_webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('event_types', 'text', (c) => c.notNull())
      .addColumn('secret_sealed', t.blob, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('disabled_at', t.bigint)
      .execute();
    await db.schema.createIndex('event_webhooks_org').on('event_webhooks').column('org_id').execute();

    await db.schema
      .createTable('event_webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('webhook_id', 'text', (c) => c.notNull().references('event_webhooks.id'))
      .addColumn('event_type', 'text', (c) => c.notNull())
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
      .createIndex('event_webhook_deliveries_webhook')
      .on('event_webhook_deliveries')
      .columns(['org_id', 'webhook_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('queue_id', 'text')
      .addColumn('priority_weight', 'integer', (c) => c.notNull())
      .addColumn('content_keys', 'text', (c) => c.notNull())
      .addColumn('declared_by', 'text', (c) => c.notNull())
      .addColumn('declared_at', t.bigint, (c) => c.notNull())
      .addColumn('ended_at', t.bigint)
      .execute();
    await db.schema.createIndex('incidents_org').on('incidents').columns(['org_id', 'ended_at']).execute();

    // PDQ grouping reads the keys of the open cases; merging moves a case's keys to another case.
    await db.schema
      .createIndex('case_keys_case')
      .on('case_keys')
      .columns(['org_id', 'case_id', 'kind'])
      .execute();

    await db.schema.alterTable('cases').addColumn('classifier_score', 'real').execute();
    await db.schema.alterTable('cases').addColumn('incident_id', 'text').execute();

    const orgs = (await (db as Kysely<{ organisations: { id: string } }>)
      .selectFrom('organisations')
      .select('id')
      .execute()) as { id: string }[];
    const withQueues = new Set(
      (
        await (db as Kysely<{ queues: { org_id: string } }>)
          .selectFrom('queues')
          .select('org_id')
          .distinct()
          .execute()
      ).map((r) => r.org_id),
    );
    const now = Date.now();
    for (const org of orgs.filter((o) => !withQueues.has(o.id))) {
      await (db as Kysely<{ queues: Record<string, unknown> }>)
        .insertInto('queues')
        .values(
          defaultQueues.map((q) => ({
            id: randomUUID(),
            org_id: org.id,
            name: q.name,
            position: q.position,
            rule: JSON.stringify(q.rule),
            sla_ms: q.slaMs,
            created_at: now,
          })),
        )
        .execute();
    }
  },
};
