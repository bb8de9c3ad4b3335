/**
 * The organisation's webhooks by event type: how the platform hears about decisions
 * (`decision.created`) and reversals (`decision.reversed`: restore the content). Subscriptions and
 * their delivery log live here; signing, sending, retries and the attempt log are the bank webhooks'
 * own machinery (banks/webhook-delivery.ts), reached through a `DeliveryStore`. A delivery row and its
 * job are written in the transaction of the decision that causes them.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { actorRef } from '../banks/entries.ts';
import { toPendingDelivery, type DeliveryStore } from '../banks/webhook-delivery.ts';
import { generateWebhookSecret, queueWebhookMessage, type WebhookEvent } from '../banks/webhooks.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import type { EventWebhookDeliveryTable, EventWebhookTable } from './tables.ts';

export const DELIVER_EVENT_WEBHOOK_JOB = 'cases.deliver_event_webhook';

export const webhookEventTypes = ['decision.created', 'decision.reversed'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export interface EventWebhook {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  createdBy: string;
  createdAt: number;
  disabledAt: number | null;
}

export interface EventWebhookDelivery {
  id: string;
  webhookId: string;
  eventType: string;
  jobId: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
  payload: unknown;
}

const toWebhook = (row: EventWebhookTable): EventWebhook => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: JSON.parse(row.event_types) as WebhookEventType[],
  createdBy: row.created_by,
  createdAt: Number(row.created_at),
  disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
});

const toDelivery = (row: EventWebhookDeliveryTable): EventWebhookDelivery => ({
  id: row.id,
  webhookId: row.webhook_id,
  eventType: row.event_type,
  jobId: row.job_id,
  status: row.status as EventWebhookDelivery['status'],
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
  payload: JSON.parse(row.payload) as unknown,
});

/** Binds a sealed secret to its subscription: it cannot be moved to another row. */
const secretContext = (webhookId: string) => `event-webhook-secret:${webhookId}`;

export interface EventWebhookInput {
  url: string;
  description?: string | undefined;
  eventTypes: WebhookEventType[];
}

export async function createEventWebhook(
  db: Db,
  keyring: Keyring,
  actor: Actor,
  input: EventWebhookInput,
  requestId: string | null,
): Promise<{ webhook: EventWebhook; secret: string }> {
  const id = randomUUID();
  const secret = generateWebhookSecret();
  return inTransaction(db, async (trx) => {
    const row: EventWebhookTable = {
      id,
      org_id: actor.orgId,
      url: input.url,
      description: input.description ?? '',
      event_types: JSON.stringify([...new Set(input.eventTypes)]),
      secret_sealed: await keyring.seal(trx, actor.orgId, secret, secretContext(id)),
      created_by: actorRef(actor),
      created_at: Date.now(),
      disabled_at: null,
    };
    await trx.insertInto('event_webhooks').values(row).execute();
    await appendAudit(
      trx,
      actor,
      {
        action: 'event_webhook.create',
        targetType: 'event_webhook',
        targetId: id,
        details: { url: input.url, eventTypes: input.eventTypes },
      },
      requestId,
    );
    return { webhook: toWebhook(row), secret };
  });
}

export async function listEventWebhooks(db: Db, orgId: string): Promise<EventWebhook[]> {
  const rows = await db
    .selectFrom('event_webhooks')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .execute();
  return rows.map(toWebhook);
}

async function getEventWebhookRow(db: Db, orgId: string, webhookId: string): Promise<EventWebhookTable> {
  const row = await db
    .selectFrom('event_webhooks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', webhookId)
    .executeTakeFirst();
  if (!row) throw notFound('Webhook', 'params.webhookId');
  return row;
}

export interface EventWebhookChanges {
  url?: string | undefined;
  description?: string | undefined;
  eventTypes?: WebhookEventType[] | undefined;
  /** A disabled subscription keeps its delivery log; its pending deliveries give up at their next attempt. */
  disabled?: boolean | undefined;
}

export async function updateEventWebhook(
  db: Db,
  actor: Actor,
  webhookId: string,
  changes: EventWebhookChanges,
  requestId: string | null,
): Promise<EventWebhook> {
  const row = await getEventWebhookRow(db, actor.orgId, webhookId);
  const updated: EventWebhookTable = {
    ...row,
    url: changes.url ?? row.url,
    description: changes.description ?? row.description,
    event_types: changes.eventTypes ? JSON.stringify([...new Set(changes.eventTypes)]) : row.event_types,
    disabled_at:
      changes.disabled === undefined
        ? row.disabled_at
        : changes.disabled
          ? (row.disabled_at ?? Date.now())
          : null,
  };
  await db
    .updateTable('event_webhooks')
    .set({
      url: updated.url,
      description: updated.description,
      event_types: updated.event_types,
      disabled_at: updated.disabled_at,
    })
    .where('org_id', '=', actor.orgId)
    .where('id', '=', webhookId)
    .execute();
  await appendAudit(
    db,
    actor,
    {
      action: 'event_webhook.update',
      targetType: 'event_webhook',
      targetId: webhookId,
      details: { ...changes },
    },
    requestId,
  );
  return toWebhook(updated);
}

export async function listEventDeliveries(
  db: Db,
  orgId: string,
  webhookId: string,
  limit: number,
): Promise<EventWebhookDelivery[]> {
  await getEventWebhookRow(db, orgId, webhookId);
  const rows = await db
    .selectFrom('event_webhook_deliveries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('webhook_id', '=', webhookId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toDelivery);
}

/**
 * Queues `event` for every active subscription of the organisation to its type, inside the caller's
 * transaction; returns how many deliveries were queued.
 */
export async function enqueueEventDeliveries(
  trx: Db,
  orgId: string,
  event: WebhookEvent & { type: WebhookEventType },
): Promise<number> {
  const subscriptions = (
    await trx
      .selectFrom('event_webhooks')
      .select(['id', 'event_types'])
      .where('org_id', '=', orgId)
      .where('disabled_at', 'is', null)
      .execute()
  ).filter((s) => (JSON.parse(s.event_types) as string[]).includes(event.type));
  for (const subscription of subscriptions) {
    const message = await queueWebhookMessage(trx, orgId, DELIVER_EVENT_WEBHOOK_JOB, event);
    await trx
      .insertInto('event_webhook_deliveries')
      .values({
        id: message.id,
        org_id: orgId,
        webhook_id: subscription.id,
        event_type: event.type,
        job_id: message.jobId,
        payload: message.payload,
        status: 'pending',
        attempts: 0,
        last_status_code: null,
        last_error: null,
        created_at: message.now,
        updated_at: message.now,
        delivered_at: null,
      })
      .execute();
  }
  return subscriptions.length;
}

export const eventDeliveryStore: DeliveryStore = {
  async load(db, deliveryId) {
    const row = await db
      .selectFrom('event_webhook_deliveries as d')
      .innerJoin('event_webhooks as w', (join) =>
        join.onRef('w.id', '=', 'd.webhook_id').onRef('w.org_id', '=', 'd.org_id'),
      )
      .select([
        'd.id',
        'd.org_id',
        'd.payload',
        'd.status',
        'd.attempts',
        'w.id as webhook_id',
        'w.url',
        'w.secret_sealed',
        'w.disabled_at',
      ])
      .where('d.id', '=', deliveryId)
      .executeTakeFirst();
    return row && toPendingDelivery(row, secretContext(row.webhook_id));
  },
  async record(db, deliveryId, attempt) {
    await db
      .updateTable('event_webhook_deliveries')
      .set({ ...attempt, updated_at: Date.now() })
      .where('id', '=', deliveryId)
      .execute();
  },
};
