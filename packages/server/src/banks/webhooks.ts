/**
 * Webhook subscriptions per bank, and the deliveries a match causes. A delivery is a row plus a job
 * (`banks.deliver_webhook`) written in one transaction, so a match either has its deliveries queued or
 * none; the worker sends them with retries and records each attempt (see webhook-delivery.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { getBank } from './banks.ts';
import { recordBankChange } from './changes.ts';
import { actorRef } from './entries.ts';
import type { BankWebhookTable, WebhookDeliveryTable } from './tables.ts';

export const DELIVER_WEBHOOK_JOB = 'banks.deliver_webhook';

export interface Webhook {
  id: string;
  bankId: string;
  url: string;
  description: string;
  createdBy: string;
  createdAt: number;
  disabledAt: number | null;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  bankId: string;
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

const toWebhook = (row: BankWebhookTable): Webhook => ({
  id: row.id,
  bankId: row.bank_id,
  url: row.url,
  description: row.description,
  createdBy: row.created_by,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});

const toDelivery = (row: WebhookDeliveryTable): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhook_id,
  bankId: row.bank_id,
  jobId: row.job_id,
  status: row.status as WebhookDelivery['status'],
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deliveredAt: row.delivered_at,
  payload: JSON.parse(row.payload) as unknown,
});

/** The keyring context binds a sealed secret to its subscription: it cannot be moved to another row. */
export const secretContext = (webhookId: string) => `bank-webhook-secret:${webhookId}`;

/** Standard Webhooks secrets are `whsec_` + base64 of the key bytes. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export async function createWebhook(
  db: Db,
  keyring: Keyring,
  actor: Actor,
  bankId: string,
  input: { url: string; description?: string | undefined },
  requestId: string | null,
): Promise<{ webhook: Webhook; secret: string }> {
  const id = randomUUID();
  const secret = generateWebhookSecret();
  return inTransaction(db, async (trx) => {
    await getBank(trx, actor.orgId, bankId);
    const row: BankWebhookTable = {
      id,
      org_id: actor.orgId,
      bank_id: bankId,
      url: input.url,
      description: input.description ?? '',
      secret_sealed: await keyring.seal(trx, actor.orgId, secret, secretContext(id)),
      created_by: actorRef(actor),
      created_at: Date.now(),
      disabled_at: null,
    };
    await trx.insertInto('bank_webhooks').values(row).execute();
    await recordBankChange(trx, actor.orgId, { kind: 'bank', bankId });
    await appendAudit(
      trx,
      actor,
      {
        action: 'bank.webhook.create',
        targetType: 'bank_webhook',
        targetId: id,
        details: { bankId, url: input.url },
      },
      requestId,
    );
    return { webhook: toWebhook(row), secret };
  });
}

export async function listWebhooks(db: Db, orgId: string, bankId: string): Promise<Webhook[]> {
  await getBank(db, orgId, bankId);
  const rows = await db
    .selectFrom('bank_webhooks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('bank_id', '=', bankId)
    .orderBy('created_at')
    .execute();
  return rows.map(toWebhook);
}

async function getWebhookRow(db: Db, orgId: string, webhookId: string): Promise<BankWebhookTable> {
  const row = await db
    .selectFrom('bank_webhooks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', webhookId)
    .executeTakeFirst();
  if (!row) throw notFound('Webhook', 'params.webhookId');
  return row;
}

export interface WebhookChanges {
  url?: string | undefined;
  description?: string | undefined;
  /** A disabled subscription keeps its delivery log; its pending deliveries give up at their next attempt. */
  disabled?: boolean | undefined;
}

export async function updateWebhook(
  db: Db,
  actor: Actor,
  webhookId: string,
  changes: WebhookChanges,
  requestId: string | null,
): Promise<Webhook> {
  return inTransaction(db, async (trx) => {
    const row = await getWebhookRow(trx, actor.orgId, webhookId);
    const disabledAt =
      changes.disabled === undefined
        ? row.disabled_at
        : changes.disabled
          ? (row.disabled_at ?? Date.now())
          : null;
    const updated = {
      ...row,
      url: changes.url ?? row.url,
      description: changes.description ?? row.description,
      disabled_at: disabledAt,
    };
    await trx
      .updateTable('bank_webhooks')
      .set({ url: updated.url, description: updated.description, disabled_at: updated.disabled_at })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', webhookId)
      .execute();
    // Matchers hold each bank's active subscriptions: tell them.
    await recordBankChange(trx, actor.orgId, { kind: 'bank', bankId: row.bank_id });
    await appendAudit(
      trx,
      actor,
      {
        action: 'bank.webhook.update',
        targetType: 'bank_webhook',
        targetId: webhookId,
        details: { bankId: row.bank_id, ...changes },
      },
      requestId,
    );
    return toWebhook(updated);
  });
}

export async function listDeliveries(
  db: Db,
  orgId: string,
  webhookId: string,
  limit: number,
): Promise<WebhookDelivery[]> {
  await getWebhookRow(db, orgId, webhookId);
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('webhook_id', '=', webhookId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toDelivery);
}

export interface WebhookEvent {
  type: string;
  data: unknown;
}

/**
 * One message ready to store as a delivery row: its id (the `webhook-id` header), the signed body and
 * the job that sends it, enqueued in the caller's transaction. Shared by every kind of subscription.
 */
export async function queueWebhookMessage(
  trx: Db,
  orgId: string,
  jobKind: string,
  event: WebhookEvent,
): Promise<{ id: string; jobId: string; payload: string; now: number }> {
  const id = `msg_${randomUUID().replaceAll('-', '')}`;
  const now = Date.now();
  const payload = { type: event.type, timestamp: new Date(now).toISOString(), data: event.data };
  const job = await enqueueJob(trx, {
    kind: jobKind,
    orgId,
    payload: { deliveryId: id },
    idempotencyKey: `webhook-delivery:${id}`,
  });
  return { id, jobId: job.id, payload: JSON.stringify(payload), now };
}

/** Queues one delivery of `event` to each webhook, inside the caller's transaction. */
export async function enqueueDeliveries(
  trx: Db,
  orgId: string,
  bankId: string,
  webhookIds: readonly string[],
  event: WebhookEvent,
): Promise<void> {
  for (const webhookId of webhookIds) {
    const message = await queueWebhookMessage(trx, orgId, DELIVER_WEBHOOK_JOB, event);
    await trx
      .insertInto('webhook_deliveries')
      .values({
        id: message.id,
        org_id: orgId,
        webhook_id: webhookId,
        bank_id: bankId,
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
}
