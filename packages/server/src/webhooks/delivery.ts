/**
 * Sends queued webhook deliveries, signed per Standard Webhooks:
 * `webhook-id` (stable across retries, for de-duplication), `webhook-timestamp` (seconds), and
 * `webhook-signature: v1,<base64 HMAC-SHA256 over "id.timestamp.body">` keyed with the subscription's
 * secret. Every attempt is written to the delivery row; a failure throws so the outbox retries with
 * backoff, and the delivery is marked `failed` when the job runs out of attempts (it can then be sent
 * again, delivery-log.ts). The same machinery sends bank match webhooks (`banks.deliver_webhook`) and
 * the organisation's event webhooks (`cases.deliver_event_webhook`: decisions, reversals); each kind
 * names its tables in a `WebhookKind` and gets its `DeliveryStore` from `deliveryStore`.
 */
import { createHmac } from 'node:crypto';
import type { ServerConfig } from '../config.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { Job } from '../jobs/outbox.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { outboundOptions, safeFetch } from '../outbound/index.ts';
import type { Db } from '../storage/transaction.ts';
import type { WebhookKind } from './delivery-log.ts';

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
  /** The job that sends it now: a redelivery replaces the job that gave up. */
  jobId: string | null;
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
 * organisation event webhooks (`event_webhook_deliveries`) share the signing, sending, retry and
 * attempt log below and differ only in these two queries (`deliveryStore` builds them from a kind).
 */
export interface DeliveryStore {
  load(db: Db, deliveryId: string): Promise<PendingDelivery | undefined>;
  record(db: Db, deliveryId: string, attempt: DeliveryAttempt): Promise<void>;
}

export class DeliveryFailedError extends Error {}

export function signedDeliveryHandler(deps: WebhookDeliveryDeps, store: DeliveryStore): JobHandler {
  return async (job: Job, db) => {
    const { deliveryId } = job.payload as { deliveryId: string };
    const delivery = await store.load(db, deliveryId);
    // Only the delivery's current job sends it (not one it replaced when it was sent again).
    if (!delivery || delivery.status !== 'pending' || (delivery.jobId ?? job.id) !== job.id) return;
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

/**
 * The store of one kind of subscription: its delivery row and the subscription it belongs to (same
 * organisation), read in two small queries so one piece of code serves every kind.
 */
export function deliveryStore(kind: WebhookKind): DeliveryStore {
  return {
    async load(db, deliveryId) {
      const delivery = await db
        .selectFrom(kind.deliveries)
        .select(['id', 'org_id', 'webhook_id', 'job_id', 'payload', 'status', 'attempts'])
        .where('id', '=', deliveryId)
        .executeTakeFirst();
      if (!delivery) return undefined;
      const subscription = await db
        .selectFrom(kind.subscriptions)
        .select(['url', 'secret_sealed', 'disabled_at'])
        .where('org_id', '=', delivery.org_id)
        .where('id', '=', delivery.webhook_id)
        .executeTakeFirst();
      if (!subscription) return undefined;
      return {
        id: delivery.id,
        orgId: delivery.org_id,
        jobId: delivery.job_id,
        payload: delivery.payload,
        status: delivery.status,
        attempts: delivery.attempts,
        url: subscription.url,
        secretSealed: subscription.secret_sealed,
        secretContext: kind.secretContext(delivery.webhook_id),
        disabled: subscription.disabled_at !== null,
      };
    },
    async record(db, deliveryId, attempt) {
      await db
        .updateTable(kind.deliveries)
        .set({ ...attempt, updated_at: Date.now() })
        .where('id', '=', deliveryId)
        .execute();
    },
  };
}
