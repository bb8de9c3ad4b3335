/**
 * Webhook subscriptions per bank, and the deliveries a match causes. A delivery is a row plus a job
 * (`banks.deliver_webhook`) written in one transaction, so a match either has its deliveries queued or
 * none; the worker sends them with retries and records each attempt. The delivery log, redelivery and
 * the sending machinery are shared with decision-event webhooks (../webhooks/); what is the bank's own
 * is here: its tables, its audit actions and telling the matchers when a bank's subscriptions change.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { deliveryStore, signedDeliveryHandler, type WebhookDeliveryDeps } from '../webhooks/delivery.ts';
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

export interface WebhookDelivery extends DeliveryEntry {
  bankId: string;
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
  ...toDeliveryEntry(row),
  bankId: row.bank_id,
});

/** The keyring context binds a sealed secret to its subscription: it cannot be moved to another row. */
const secretContext = (webhookId: string) => `bank-webhook-secret:${webhookId}`;

export const bankWebhookKind: WebhookKind<'webhook_deliveries'> = {
  subscriptions: 'bank_webhooks',
  deliveries: 'webhook_deliveries',
  jobKind: DELIVER_WEBHOOK_JOB,
  secretContext,
  redeliverAction: 'bank.webhook.redeliver',
  deliveryTargetType: 'bank_webhook_delivery',
};

/** Deliveries of bank webhooks (matches): their log and their sending. */
export const bankDeliveryLog = deliveryLog(bankWebhookKind, toDelivery);
export const bankDeliveryStore = deliveryStore(bankWebhookKind);

export const webhookDeliveryHandler = (deps: WebhookDeliveryDeps) =>
  signedDeliveryHandler(deps, bankDeliveryStore);

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
    const row = await getSubscriptionRow(trx, 'bank_webhooks', actor.orgId, webhookId);
    const updated = {
      ...row,
      url: changes.url ?? row.url,
      description: changes.description ?? row.description,
      disabled_at: disabledAtAfter(row.disabled_at, changes.disabled),
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
      .values({ ...pendingDeliveryRow(orgId, webhookId, message), bank_id: bankId })
      .execute();
  }
}
