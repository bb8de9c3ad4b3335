/**
 * What every kind of webhook subscription shares about its deliveries: the columns of a delivery row
 * and their API shape, a new pending row, the rule for `disabled_at`, the delivery log read a page at a
 * time (newest first, keyset cursor), and redelivery of a delivery that failed for good. A kind
 * (bank match webhooks in banks/webhooks.ts, decision-event webhooks in cases/event-webhooks.ts) names
 * its two tables, its job kind, its secret context and its audit vocabulary in a `WebhookKind`; the
 * columns of its own (`bank_id`, `event_type`) stay with it.
 */
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import type { Database } from '../storage/schema.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import type { QueuedMessage } from './messages.ts';
import type { DeliveryColumns, SubscriptionColumns } from './tables.ts';

type TablesWith<Columns> = {
  [T in keyof Database]: Database[T] extends Columns ? T : never;
}[keyof Database];
export type DeliveryTableName = TablesWith<DeliveryColumns>;
export type SubscriptionTableName = TablesWith<SubscriptionColumns>;

/** One kind of subscription: where it keeps its rows and how it names itself. */
export interface WebhookKind<D extends DeliveryTableName = DeliveryTableName> {
  subscriptions: SubscriptionTableName;
  deliveries: D;
  /** The job kind that sends its deliveries. */
  jobKind: string;
  /** The keyring context of a subscription's secret (binds it to its row). */
  secretContext(webhookId: string): string;
  /** Audit vocabulary of a redelivery, e.g. `bank.webhook.redeliver` on a `bank_webhook_delivery`. */
  redeliverAction: string;
  deliveryTargetType: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A delivery as the API shows it, less the kind's own fields. */
export interface DeliveryEntry {
  id: string;
  webhookId: string;
  jobId: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
  payload: unknown;
}

export const toDeliveryEntry = (row: DeliveryColumns): DeliveryEntry => ({
  id: row.id,
  webhookId: row.webhook_id,
  jobId: row.job_id,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
  payload: JSON.parse(row.payload) as unknown,
});

/** The common columns of the row of a message just queued to one subscription. */
export const pendingDeliveryRow = (
  orgId: string,
  webhookId: string,
  message: QueuedMessage,
): DeliveryColumns => ({
  id: message.id,
  org_id: orgId,
  webhook_id: webhookId,
  job_id: message.jobId,
  payload: message.payload,
  status: 'pending',
  attempts: 0,
  last_status_code: null,
  last_error: null,
  created_at: message.now,
  updated_at: message.now,
  delivered_at: null,
});

/**
 * `disabled_at` after a change: unchanged when `disabled` is not given, kept (not moved) when disabling
 * a subscription already disabled, cleared when enabling. A disabled subscription keeps its delivery
 * log; its pending deliveries give up (`failed`) at their next attempt.
 */
export function disabledAtAfter(current: number | null, disabled: boolean | undefined): number | null {
  if (disabled === undefined) return current;
  return disabled ? (current ?? Date.now()) : null;
}

/** The subscription row of the organisation, or 404 on `params.webhookId`. */
export async function getSubscriptionRow<S extends SubscriptionTableName>(
  db: Db,
  table: S,
  orgId: string,
  webhookId: string,
): Promise<Database[S]> {
  const row = await db
    .selectFrom(table as SubscriptionTableName)
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', webhookId)
    .executeTakeFirst();
  if (!row) throw notFound('Webhook', 'params.webhookId');
  return row as unknown as Database[S];
}

export interface DeliveryPageQuery {
  limit: number;
  /** Cursor: the `createdAt` and `id` of the last delivery of the previous page. */
  before?: number | undefined;
  beforeId?: string | undefined;
}

/** Where the next page starts, or null when this page holds the oldest delivery. */
export type DeliveryCursor = { before: number; beforeId: string } | null;

/**
 * One page of a subscription's delivery log, newest first (ties on `created_at` broken by id, so
 * deliveries queued in the same millisecond are each listed once). Reads one row more than asked to
 * tell whether an older page exists.
 */
export async function listDeliveryPage<D extends DeliveryTableName>(
  db: Db,
  kind: WebhookKind<D>,
  orgId: string,
  webhookId: string,
  page: DeliveryPageQuery,
): Promise<{ rows: Database[D][]; next: DeliveryCursor }> {
  await getSubscriptionRow(db, kind.subscriptions, orgId, webhookId);
  const { before } = page;
  const found = await db
    .selectFrom(kind.deliveries as DeliveryTableName)
    .selectAll()
    .where('org_id', '=', orgId)
    .where('webhook_id', '=', webhookId)
    .$if(before !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('created_at', '<', before as number),
          eb.and([eb('created_at', '=', before as number), eb('id', '<', page.beforeId ?? '')]),
        ]),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const rows = found.slice(0, page.limit) as unknown as Database[D][];
  const last = rows.at(-1) as DeliveryColumns | undefined;
  return {
    rows,
    next: found.length > page.limit && last ? { before: Number(last.created_at), beforeId: last.id } : null,
  };
}

/**
 * Sends a delivery that failed for good once more: back to `pending` with its attempt count and log
 * kept, and a new job queued in the same transaction. The message (id, body) is the same, so the
 * receiver can de-duplicate. The job's idempotency key holds the attempt count: a second request for
 * the same failure queues nothing more. Only a `failed` delivery of an enabled subscription qualifies.
 */
export async function redeliver<D extends DeliveryTableName>(
  db: Db,
  kind: WebhookKind<D>,
  actor: Actor,
  webhookId: string,
  deliveryId: string,
  requestId: string | null,
): Promise<Database[D]> {
  return inTransaction(db, async (trx) => {
    const subscription: SubscriptionColumns = await getSubscriptionRow(
      trx,
      kind.subscriptions,
      actor.orgId,
      webhookId,
    );
    const table: DeliveryTableName = kind.deliveries;
    const row = await trx
      .selectFrom(table)
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('webhook_id', '=', webhookId)
      .where('id', '=', deliveryId)
      .executeTakeFirst();
    if (!row) throw notFound('Delivery', 'params.deliveryId');
    const notFailed = () =>
      new AppError('delivery_not_failed', {
        message: `Only a failed delivery can be sent again; this one is ${row.status}.`,
        field: 'params.deliveryId',
      });
    if (row.status !== 'failed') throw notFailed();
    if (subscription.disabled_at !== null)
      throw new AppError('webhook_disabled', {
        message: 'The subscription is disabled: enable it before sending a delivery again.',
        field: 'params.webhookId',
      });
    const job = await enqueueJob(trx, {
      kind: kind.jobKind,
      orgId: actor.orgId,
      payload: { deliveryId },
      idempotencyKey: `webhook-redelivery:${deliveryId}:${row.attempts}`,
    });
    const now = Date.now();
    const updated = await trx
      .updateTable(table)
      .set({ status: 'pending', job_id: job.id, updated_at: now })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', deliveryId)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    // A concurrent redelivery got there first.
    if (Number(updated.numUpdatedRows) !== 1) throw notFailed();
    await appendAudit(
      trx,
      actor,
      {
        action: kind.redeliverAction,
        targetType: kind.deliveryTargetType,
        targetId: deliveryId,
        details: { webhookId, attempts: row.attempts, jobId: job.id },
      },
      requestId,
    );
    return { ...row, status: 'pending', job_id: job.id, updated_at: now } as unknown as Database[D];
  });
}

/**
 * The delivery log of one kind, in its API shape: `toDelivery` adds the kind's own columns to
 * `toDeliveryEntry`. The kind's operations call these (list a page, send a failed delivery again).
 */
export function deliveryLog<D extends DeliveryTableName, T>(
  kind: WebhookKind<D>,
  toDelivery: (row: Database[D]) => T,
) {
  return {
    async list(
      db: Db,
      orgId: string,
      webhookId: string,
      page: DeliveryPageQuery,
    ): Promise<{ deliveries: T[]; next: DeliveryCursor }> {
      const { rows, next } = await listDeliveryPage(db, kind, orgId, webhookId, page);
      return { deliveries: rows.map(toDelivery), next };
    },
    async redeliver(
      db: Db,
      actor: Actor,
      webhookId: string,
      deliveryId: string,
      requestId: string | null,
    ): Promise<T> {
      return toDelivery(await redeliver(db, kind, actor, webhookId, deliveryId, requestId));
    },
  };
}
