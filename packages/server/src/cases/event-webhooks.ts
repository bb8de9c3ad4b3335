/**
 * The organisation's webhooks by event type: how the platform hears about decisions
 * (`decision.created`) and reversals (`decision.reversed`: restore the content). Subscriptions, their
 * event-type filter and their audit actions live here; the delivery log, redelivery, signing, sending,
 * retries and the attempt log are shared with bank webhooks (../webhooks/), reached through
 * `eventWebhookKind`. A delivery row and its job are written in the transaction of the decision that
 * causes them.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { actorRef } from '../banks/entries.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { deliveryStore } from '../webhooks/delivery.ts';
import {
  deliveryLog,
  disabledAtAfter,
  getSubscriptionRow,
  pendingDeliveryRow,
  toDeliveryEntry,
  type DeliveryEntry,
  type WebhookKind,
} from '../webhooks/delivery-log.ts';
import { generateWebhookSecret, queueWebhookMessage, type WebhookEvent } from '../webhooks/messages.ts';
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

export interface EventWebhookDelivery extends DeliveryEntry {
  eventType: string;
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
  ...toDeliveryEntry(row),
  eventType: row.event_type,
});

/** Binds a sealed secret to its subscription: it cannot be moved to another row. */
const secretContext = (webhookId: string) => `event-webhook-secret:${webhookId}`;

export const eventWebhookKind: WebhookKind<'event_webhook_deliveries'> = {
  subscriptions: 'event_webhooks',
  deliveries: 'event_webhook_deliveries',
  jobKind: DELIVER_EVENT_WEBHOOK_JOB,
  secretContext,
  redeliverAction: 'event_webhook.redeliver',
  deliveryTargetType: 'event_webhook_delivery',
};

/** Deliveries of decision-event webhooks: their log and their sending. */
export const eventDeliveryLog = deliveryLog(eventWebhookKind, toDelivery);
export const eventDeliveryStore = deliveryStore(eventWebhookKind);

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
  const row = await getSubscriptionRow(db, 'event_webhooks', actor.orgId, webhookId);
  const updated: EventWebhookTable = {
    ...row,
    url: changes.url ?? row.url,
    description: changes.description ?? row.description,
    event_types: changes.eventTypes ? JSON.stringify([...new Set(changes.eventTypes)]) : row.event_types,
    disabled_at: disabledAtAfter(row.disabled_at, changes.disabled),
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
      .values({ ...pendingDeliveryRow(orgId, subscription.id, message), event_type: event.type })
      .execute();
  }
  return subscriptions.length;
}
