/**
 * Webhooks on matches: Standard Webhooks signatures verifiable with the secret, retries through the
 * outbox after a failing receiver, the delivery log a page at a time, redelivery of a delivery that
 * failed for good, and refusal of non-public destinations (through the SSRF-safe fetcher, outbound/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankIndexes } from '../../src/banks/bank-indexes.ts';
import { DELIVER_WEBHOOK_JOB, webhookDeliveryHandler } from '../../src/banks/webhooks.ts';
import { startJobWorker, type JobWorker } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { safeWebhookSender } from '../../src/webhooks/delivery.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';
import {
  startWebhookReceiver,
  verifiesSignature,
  type ReceivedRequest,
  type WebhookReceiver,
} from '../support/webhook-receiver.ts';
import { addEntry, api, createBank, randomHex, type ResponseBody } from './helpers.ts';

let t: TestApp;
let org: TestOrganisation;
let receiver: WebhookReceiver;
let port: number;
let worker: JobWorker;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ failures: 1, failureStatus: 500 });
  port = receiver.port;
  t = await createTestApp({ VIGIE_OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${port}` });
  org = await createTestOrganisation(t, 'Hooked', [
    'banks:read',
    'banks:manage',
    'check:submit',
    'webhooks:manage',
  ]);
  const send = safeWebhookSender(t.config);
  worker = startJobWorker({
    db: t.database.storage.db,
    handlers: { [DELIVER_WEBHOOK_JOB]: webhookDeliveryHandler({ keyring: t.keyring, send }) },
    log: createLogger('silent'),
    pollIntervalMs: 50,
  });
});
afterAll(async () => {
  await worker?.stop();
  await bankIndexes(t.database.storage.db).stop();
  await t?.close();
  receiver?.close();
});

async function waitForDelivery(webhookId: string, done: (d: ResponseBody) => boolean) {
  const started = Date.now();
  for (;;) {
    const { body } = await api(t, 'GET', `/api/v1/webhooks/${webhookId}/deliveries`, org.apiKeyHeaders);
    const delivery = body.deliveries[0];
    if (delivery && done(delivery)) return delivery;
    if (Date.now() - started > 20_000) throw new Error(`delivery not done: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('webhooks', () => {
  it('delivers a signed match event, retrying after a failure, and logs every attempt', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'HOOKED', action: 'block' });
    const created = await api(t, 'POST', `/api/v1/banks/${bank.id}/webhooks`, org.apiKeyHeaders, {
      url: `http://127.0.0.1:${port}/hooks/vigie`,
    });
    expect(created.status).toBe(201);
    const { secret, webhook } = created.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const listed = await api(t, 'GET', `/api/v1/banks/${bank.id}/webhooks`, org.apiKeyHeaders);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));

    const md5 = randomHex(32);
    const entry = await addEntry(t, org.apiKeyHeaders, bank.id, {
      signalType: 'md5',
      value: md5,
      labels: ['gifct:glorification-of-terrorist-acts'],
    });
    await bankIndexes(t.database.storage.db).catchUp();
    const checked = await api(t, 'POST', '/api/v1/check', org.apiKeyHeaders, { hashes: { md5: [md5] } });
    expect(checked.body.matches).toHaveLength(1);

    const delivery = await waitForDelivery(webhook.id, (d) => d.status === 'delivered');
    expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: 204, lastError: null });
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received as [ReceivedRequest, ReceivedRequest];
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.headers['webhook-id']).toBe(delivery.id);
    for (const attempt of receiver.received) {
      expect(verifiesSignature(secret, attempt.headers, attempt.body)).toBe(true);
      expect(Math.abs(Number(attempt.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    }
    expect(verifiesSignature(secret, second.headers, second.body.replace(md5, randomHex(32)))).toBe(false);
    expect(
      verifiesSignature(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, second.headers, second.body),
    ).toBe(false);
    const event = JSON.parse(second.body);
    expect(event).toMatchObject({
      type: 'bank.match',
      data: {
        bankId: bank.id,
        matches: [
          {
            entryId: entry.id,
            value: md5,
            labels: ['gifct:glorification-of-terrorist-acts'],
            action: 'block',
          },
        ],
      },
    });
  }, 30_000);

  it('refuses to deliver to a non-public address that is not explicitly allowed', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'PRIVATE' });
    const created = await api(t, 'POST', `/api/v1/banks/${bank.id}/webhooks`, org.apiKeyHeaders, {
      url: `http://localhost:${port}/not-allowed`,
    });
    const md5 = randomHex(32);
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'md5', value: md5 });
    await bankIndexes(t.database.storage.db).catchUp();
    const before = receiver.received.length;
    await api(t, 'POST', '/api/v1/check', org.apiKeyHeaders, { hashes: { md5: [md5] } });
    const delivery = await waitForDelivery(created.body.webhook.id, (d) => d.attempts >= 1);
    expect(delivery.status).toBe('pending');
    expect(delivery.lastError).toMatch(/does not fetch loopback addresses/);
    expect(receiver.received.length).toBe(before);
    const disabled = await api(t, 'DELETE', `/api/v1/webhooks/${created.body.webhook.id}`, org.apiKeyHeaders);
    expect(disabled.body.webhook.disabledAt).not.toBeNull();
    const reenabled = await api(
      t,
      'PATCH',
      `/api/v1/webhooks/${created.body.webhook.id}`,
      org.apiKeyHeaders,
      {
        url: `http://127.0.0.1:${port}/moved`,
        disabled: false,
      },
    );
    expect(reenabled.body.webhook).toMatchObject({ url: `http://127.0.0.1:${port}/moved`, disabledAt: null });
    const stranger = await createTestOrganisation(t, 'Stranger', ['webhooks:manage']);
    const foreign = await api(
      t,
      'PATCH',
      `/api/v1/webhooks/${created.body.webhook.id}`,
      stranger.apiKeyHeaders,
      {
        disabled: true,
      },
    );
    expect(foreign.status).toBe(404);
  });

  it('refuses webhook URLs that are not http(s), and needs webhooks:manage', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'SCHEMES' });
    const ftp = await api(t, 'POST', `/api/v1/banks/${bank.id}/webhooks`, org.apiKeyHeaders, {
      url: 'ftp://example.org/x',
    });
    expect(ftp.body.error).toMatchObject({ code: 'validation_failed', field: 'body.url' });
    const limited = await createTestOrganisation(t, 'Limited', ['banks:manage']);
    const denied = await api(t, 'POST', `/api/v1/banks/${bank.id}/webhooks`, limited.apiKeyHeaders, {
      url: 'https://example.org/x',
    });
    expect(denied.status).toBe(403);
  });

  it('pages through the delivery log, each delivery exactly once, newest first', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'PAGED' });
    const created = await api(t, 'POST', `/api/v1/banks/${bank.id}/webhooks`, org.apiKeyHeaders, {
      url: `http://127.0.0.1:${port}/paged`,
    });
    const webhookId = created.body.webhook.id as string;
    const md5 = randomHex(32);
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'md5', value: md5 });
    await bankIndexes(t.database.storage.db).catchUp();
    for (let i = 0; i < 7; i++) {
      await api(t, 'POST', '/api/v1/check', org.apiKeyHeaders, { hashes: { md5: [md5] } });
    }
    // Deliveries queued in the same millisecond: the cursor's id breaks the tie.
    const db = t.database.storage.db;
    const queued = await db
      .selectFrom('webhook_deliveries')
      .select(['id', 'created_at'])
      .where('webhook_id', '=', webhookId)
      .orderBy('created_at')
      .execute();
    expect(queued).toHaveLength(7);
    await db
      .updateTable('webhook_deliveries')
      .set({ created_at: queued[2]!.created_at })
      .where(
        'id',
        'in',
        queued.slice(2, 6).map((q) => q.id),
      )
      .execute();

    const all = await api(t, 'GET', `/api/v1/webhooks/${webhookId}/deliveries`, org.apiKeyHeaders);
    expect(all.body.deliveries).toHaveLength(7);
    expect(all.body.next).toBeNull();
    const seen: string[] = [];
    let query = '?limit=3';
    for (let pages = 1; ; pages++) {
      const page = await api(t, 'GET', `/api/v1/webhooks/${webhookId}/deliveries${query}`, org.apiKeyHeaders);
      expect(page.status).toBe(200);
      seen.push(...page.body.deliveries.map((d: ResponseBody) => d.id));
      if (page.body.next === null) {
        expect(pages).toBe(3);
        break;
      }
      const { before, beforeId } = page.body.next;
      query = `?limit=3&before=${before}&beforeId=${encodeURIComponent(beforeId)}`;
    }
    expect(seen).toEqual(all.body.deliveries.map((d: ResponseBody) => d.id));
    expect(new Set(seen).size).toBe(7);
    const createdAt = all.body.deliveries.map((d: ResponseBody) => d.createdAt as number);
    expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a));
  });

  it('sends a delivery that failed for good again, with the same webhook-id', async () => {
    const db = t.database.storage.db;
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'DOWN' });
    const created = await api(t, 'POST', `/api/v1/banks/${bank.id}/webhooks`, org.apiKeyHeaders, {
      url: `http://127.0.0.1:${port}/down`,
    });
    const webhookId = created.body.webhook.id as string;
    receiver.down.add('/down');
    const md5 = randomHex(32);
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'md5', value: md5 });
    await bankIndexes(t.database.storage.db).catchUp();
    await api(t, 'POST', '/api/v1/check', org.apiKeyHeaders, { hashes: { md5: [md5] } });
    const [queued] = (await api(t, 'GET', `/api/v1/webhooks/${webhookId}/deliveries`, org.apiKeyHeaders)).body
      .deliveries;
    // The receiver stays down until the outbox gives up (after one attempt here, not eight).
    await db.updateTable('jobs').set({ max_attempts: 1 }).where('id', '=', queued.jobId).execute();
    const failed = await waitForDelivery(webhookId, (d) => d.status === 'failed');
    expect(failed).toMatchObject({ id: queued.id, lastStatusCode: 500 });
    const redeliverUrl = `/api/v1/webhooks/${webhookId}/deliveries/${failed.id}/redeliver`;

    // Not while the subscription is disabled; never for another organisation.
    await api(t, 'DELETE', `/api/v1/webhooks/${webhookId}`, org.apiKeyHeaders);
    const disabled = await api(t, 'POST', redeliverUrl, org.apiKeyHeaders);
    expect(disabled.status).toBe(409);
    expect(disabled.body.error).toMatchObject({ code: 'webhook_disabled', field: 'params.webhookId' });
    await api(t, 'PATCH', `/api/v1/webhooks/${webhookId}`, org.apiKeyHeaders, { disabled: false });
    const stranger = await createTestOrganisation(t, 'Redelivery stranger', ['webhooks:manage']);
    const foreign = await api(t, 'POST', redeliverUrl, stranger.apiKeyHeaders);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toMatchObject({ code: 'not_found', field: 'params.webhookId' });
    const unknown = await api(t, 'POST', `/api/v1/webhooks/${webhookId}/deliveries/msg_nope/redeliver`, {
      ...org.apiKeyHeaders,
    });
    expect(unknown.body.error).toMatchObject({ code: 'not_found', field: 'params.deliveryId' });

    receiver.down.delete('/down');
    const headers = { ...org.apiKeyHeaders, 'idempotency-key': `redeliver-${failed.id}` };
    const again = await api(t, 'POST', redeliverUrl, headers);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.delivery).toMatchObject({
      id: failed.id,
      status: 'pending',
      attempts: failed.attempts,
    });
    expect(again.body.delivery.jobId).not.toBe(failed.jobId);
    // The same click twice: the stored answer, and still one job.
    const replayed = await api(t, 'POST', redeliverUrl, headers);
    expect(replayed.body).toEqual(again.body);
    const jobs = await db
      .selectFrom('jobs')
      .select('id')
      .where('idempotency_key', 'like', `webhook-redelivery:${failed.id}:%`)
      .execute();
    expect(jobs).toEqual([{ id: again.body.delivery.jobId }]);

    const delivered = await waitForDelivery(webhookId, (d) => d.status === 'delivered');
    expect(delivered).toMatchObject({ id: failed.id, attempts: failed.attempts + 1, lastStatusCode: 204 });
    const attempts = receiver.received.filter((r) => r.path === '/down');
    expect(attempts.length).toBe(failed.attempts + 1);
    expect(new Set(attempts.map((a) => a.headers['webhook-id']))).toEqual(new Set([failed.id]));
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);

    const twice = await api(t, 'POST', redeliverUrl, org.apiKeyHeaders);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'delivery_not_failed', field: 'params.deliveryId' });
    const audited = await db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'bank.webhook.redeliver')
      .execute();
    expect(audited).toEqual([{ action: 'bank.webhook.redeliver', target_id: failed.id }]);
  }, 30_000);
});
