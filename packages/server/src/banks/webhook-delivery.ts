/**
 * Sends queued webhook deliveries (job `banks.deliver_webhook`), signed per Standard Webhooks:
 * `webhook-id` (stable across retries, for de-duplication), `webhook-timestamp` (seconds), and
 * `webhook-signature: v1,<base64 HMAC-SHA256 over "id.timestamp.body">` keyed with the subscription's
 * secret. Every attempt is written to the delivery row; a failure throws so the outbox retries with
 * backoff, and the delivery is marked `failed` when the job runs out of attempts. The same machinery
 * sends bank match webhooks and the organisation's event webhooks (decisions, reversals).
 */
import { createHmac } from 'node:crypto';
import type { ServerConfig } from '../config.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { Job } from '../jobs/outbox.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { outboundOptions, safeFetch } from '../outbound/index.ts';
import type { Db } from '../storage/transaction.ts';
import { secretContext } from './webhooks.ts';

/** Standard Webhooks signature of one message: base64 HMAC-SHA256 of `id.timestamp.body`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

export type WebhookSender = (
  url: string,
  headers: Record<string, string>,
  body: string,
) => Promise<{ status: number }>;

/**
 * Posts through the SSRF-safe fetcher (outbound/): private, loopback and metadata addresses are refused
 * unless listed in VIGIE_OUTBOUND_ALLOW_HOSTS. Redirects are not followed (a 3xx is a failed attempt),
 * and the receiver's answer is capped at 64 KiB: only its status matters.
 */
export function safeWebhookSender(config: Pick<ServerConfig, 'outbound'>): WebhookSender {
  const options = outboundOptions(config, 0);
  return (url, headers, body) =>
    safeFetch(url, {
      ...options,
      method: 'POST',
      headers,
      body,
      followRedirects: false,
      maxBytes: 64 * 1024,
      timeoutMs: Math.min(options.timeoutMs, 15_000),
    });
}

export interface WebhookDeliveryDeps {
  keyring: Keyring;
  send: WebhookSender;
}

/** A queued delivery and where it goes, whichever kind of subscription it belongs to. */
export interface PendingDelivery {
  id: string;
  orgId: string;
  /** The JSON body, exactly as signed and sent. */
  payload: string;
  status: string;
  attempts: number;
  url: string;
  secretSealed: Buffer;
  /** The keyring context the secret was sealed with (binds it to its subscription). */
  secretContext: string;
  disabled: boolean;
}

export interface DeliveryAttempt {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at?: number;
}

/**
 * Where one kind of subscription keeps its deliveries: bank webhooks (`webhook_deliveries`) and
 * organisation event webhooks (`event_webhook_deliveries`, cases/event-webhooks.ts) share the
 * signing, sending, retry and attempt log below and differ only in these two queries.
 */
export interface DeliveryStore {
  load(db: Db, deliveryId: string): Promise<PendingDelivery | undefined>;
  record(db: Db, deliveryId: string, attempt: DeliveryAttempt): Promise<void>;
}

/** A delivery row joined with its subscription, as both stores select it. */
export interface DeliveryRow {
  id: string;
  org_id: string;
  payload: string;
  status: string;
  attempts: number;
  url: string;
  secret_sealed: Buffer;
  disabled_at: number | null;
}

export function toPendingDelivery(row: DeliveryRow, secretContext: string): PendingDelivery {
  return {
    id: row.id,
    orgId: row.org_id,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    url: row.url,
    secretSealed: row.secret_sealed,
    secretContext,
    disabled: row.disabled_at !== null,
  };
}

export class DeliveryFailedError extends Error {}

export function signedDeliveryHandler(deps: WebhookDeliveryDeps, store: DeliveryStore): JobHandler {
  return async (job: Job, db) => {
    const { deliveryId } = job.payload as { deliveryId: string };
    const delivery = await store.load(db, deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const attempts = delivery.attempts + 1;

    if (delivery.disabled) {
      await store.record(db, deliveryId, {
        status: 'failed',
        attempts,
        last_status_code: null,
        last_error: 'the subscription was disabled',
      });
      return;
    }
    const secret = await deps.keyring.openText(
      db,
      delivery.orgId,
      delivery.secretSealed,
      delivery.secretContext,
    );
    const timestamp = Math.floor(Date.now() / 1000);
    const body = delivery.payload;
    let statusCode: number | null = null;
    let failure: string;
    try {
      ({ status: statusCode } = await deps.send(
        delivery.url,
        {
          'content-type': 'application/json',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': `v1,${signWebhook(secret, delivery.id, timestamp, body)}`,
        },
        body,
      ));
      if (statusCode >= 200 && statusCode < 300) {
        const delivered = statusCode;
        // Committed with the job's completion: a crash before it means one more (idempotent) delivery.
        return (trx) =>
          store.record(trx, deliveryId, {
            status: 'delivered',
            attempts,
            last_status_code: delivered,
            last_error: null,
            delivered_at: Date.now(),
          });
      }
      failure = `the receiver answered ${statusCode}`;
    } catch (error) {
      failure = (error as Error).message;
    }
    const givingUp = job.attempts >= job.maxAttempts;
    await store.record(db, deliveryId, {
      status: givingUp ? 'failed' : 'pending',
      attempts,
      last_status_code: statusCode,
      last_error: failure.slice(0, 500),
    });
    throw new DeliveryFailedError(`webhook delivery ${deliveryId}: ${failure}`);
  };
}

/** Deliveries of bank webhooks (matches). */
export const bankDeliveryStore: DeliveryStore = {
  async load(db, deliveryId) {
    const row = await db
      .selectFrom('webhook_deliveries')
      .innerJoin('bank_webhooks', (join) =>
        join
          .onRef('bank_webhooks.id', '=', 'webhook_deliveries.webhook_id')
          .onRef('bank_webhooks.org_id', '=', 'webhook_deliveries.org_id'),
      )
      .select([
        'webhook_deliveries.id',
        'webhook_deliveries.org_id',
        'webhook_deliveries.payload',
        'webhook_deliveries.status',
        'webhook_deliveries.attempts',
        'bank_webhooks.id as webhook_id',
        'bank_webhooks.url',
        'bank_webhooks.secret_sealed',
        'bank_webhooks.disabled_at',
      ])
      .where('webhook_deliveries.id', '=', deliveryId)
      .executeTakeFirst();
    return row && toPendingDelivery(row, secretContext(row.webhook_id));
  },
  async record(db, deliveryId, attempt) {
    await db
      .updateTable('webhook_deliveries')
      .set({ ...attempt, updated_at: Date.now() })
      .where('id', '=', deliveryId)
      .execute();
  },
};

export const webhookDeliveryHandler = (deps: WebhookDeliveryDeps): JobHandler =>
  signedDeliveryHandler(deps, bankDeliveryStore);
