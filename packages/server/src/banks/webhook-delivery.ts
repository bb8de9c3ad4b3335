/**
 * Sends queued webhook deliveries (job `banks.deliver_webhook`), signed per Standard Webhooks:
 * `webhook-id` (stable across retries, for de-duplication), `webhook-timestamp` (seconds), and
 * `webhook-signature: v1,<base64 HMAC-SHA256 over "id.timestamp.body">` keyed with the subscription's
 * secret. Every attempt is written to the delivery row; a failure throws so the outbox retries with
 * backoff, and the delivery is marked `failed` when the job runs out of attempts.
 */
import { createHmac } from 'node:crypto';
import { loadConfig, type ServerConfig } from '../config.ts';
import { Keyring } from '../crypto/keyring.ts';
import { loadMasterKey } from '../crypto/master-key.ts';
import type { Job } from '../jobs/outbox.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { outboundOptions, safeFetch } from '../outbound/index.ts';
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

export class DeliveryFailedError extends Error {}

export function webhookDeliveryHandler(deps: WebhookDeliveryDeps): JobHandler {
  return async (job: Job, db) => {
    const { deliveryId } = job.payload as { deliveryId: string };
    const delivery = await db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', deliveryId)
      .executeTakeFirst();
    if (!delivery || delivery.status !== 'pending') return;
    const webhook = await db
      .selectFrom('bank_webhooks')
      .selectAll()
      .where('org_id', '=', delivery.org_id)
      .where('id', '=', delivery.webhook_id)
      .executeTakeFirstOrThrow();
    const attempts = delivery.attempts + 1;
    const record = (fields: {
      status: string;
      last_status_code: number | null;
      last_error: string | null;
      delivered_at?: number;
    }) =>
      db
        .updateTable('webhook_deliveries')
        .set({ ...fields, attempts, updated_at: Date.now() })
        .where('id', '=', deliveryId)
        .execute();

    if (webhook.disabled_at !== null) {
      await record({ status: 'failed', last_status_code: null, last_error: 'the subscription was disabled' });
      return;
    }
    const secret = await deps.keyring.openText(
      db,
      webhook.org_id,
      webhook.secret_sealed,
      secretContext(webhook.id),
    );
    const timestamp = Math.floor(Date.now() / 1000);
    const body = delivery.payload;
    let statusCode: number | null = null;
    let failure: string;
    try {
      ({ status: statusCode } = await deps.send(
        webhook.url,
        {
          'content-type': 'application/json',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': `v1,${signWebhook(secret, delivery.id, timestamp, body)}`,
        },
        body,
      ));
      if (statusCode >= 200 && statusCode < 300) {
        // Committed with the job's completion: a crash before it means one more (idempotent) delivery.
        return async (trx) => {
          await trx
            .updateTable('webhook_deliveries')
            .set({
              status: 'delivered',
              attempts,
              last_status_code: statusCode,
              last_error: null,
              delivered_at: Date.now(),
              updated_at: Date.now(),
            })
            .where('id', '=', deliveryId)
            .execute();
        };
      }
      failure = `the receiver answered ${statusCode}`;
    } catch (error) {
      failure = (error as Error).message;
    }
    const givingUp = job.attempts >= job.maxAttempts;
    await record({
      status: givingUp ? 'failed' : 'pending',
      last_status_code: statusCode,
      last_error: failure.slice(0, 500),
    });
    throw new DeliveryFailedError(`webhook delivery ${deliveryId}: ${failure}`);
  };
}

let fromEnvironment: JobHandler | undefined;

/**
 * The handler a server process registers: job handlers receive only the database, so this one builds
 * its keyring and outbound settings from the same environment the server read at start.
 */
export const deliverWebhook: JobHandler = (job, db) => {
  if (!fromEnvironment) {
    const config = loadConfig();
    const keyring = new Keyring(loadMasterKey({ fromEnv: config.masterKey, dataDir: config.dataDir }));
    fromEnvironment = webhookDeliveryHandler({ keyring, send: safeWebhookSender(config) });
  }
  return fromEnvironment(job, db);
};
