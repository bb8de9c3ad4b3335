/**
 * The platform hears about decisions by webhook: `decision.created` with the statement of reasons
 * (nothing that identifies a reporter) and `decision.reversed` telling it to restore, each queued in
 * the decision's transaction and delivered signed (Standard Webhooks) to a local receiver, only to the
 * subscriptions of that event type; the delivery log a page at a time, and a delivery that failed for
 * good sent again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVER_EVENT_WEBHOOK_JOB, eventDeliveryStore } from '../../src/cases/event-webhooks.ts';
import { startJobWorker, type JobWorker } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { safeWebhookSender, signedDeliveryHandler } from '../../src/webhooks/delivery.ts';
import { createTestOrganisation, type Member, type TestApp, type TestOrganisation } from '../support/app.ts';
import {
  startWebhookReceiver,
  verifiesSignature,
  type WebhookReceiver,
} from '../support/webhook-receiver.ts';
import { createReportingTestApp, decisionFields, notice, publicReport } from './support.ts';

let t: TestApp;
let org: TestOrganisation;
let alice: Member;
let bruno: Member;
let receiver: WebhookReceiver;
let port: number;
let worker: JobWorker | undefined;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ failures: 1, failureStatus: 503 });
  port = receiver.port;
  ({
    t,
    org,
    members: [alice, bruno],
  } = await createReportingTestApp('Platform hooks', ['webhooks:manage', 'reports:submit'], {
    members: ['moderator', 'moderator'],
    env: { VIGIE_OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${port}` },
  }));
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
  receiver?.close();
});

async function subscribe(path: string, eventTypes: string[]) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/event-webhooks',
    headers: org.apiKeyHeaders,
    payload: { url: `http://127.0.0.1:${port}${path}`, eventTypes },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { webhook: { id: string }; secret: string };
}

interface Delivery {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  jobId: string;
  createdAt: number;
}

async function deliveryPage(webhookId: string, query = '') {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/event-webhooks/${webhookId}/deliveries${query}`,
    headers: org.apiKeyHeaders,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    deliveries: Delivery[];
    next: { before: number; beforeId: string } | null;
  };
}

const deliveries = async (webhookId: string) => (await deliveryPage(webhookId)).deliveries;

async function waitFor(webhookId: string, delivered: number) {
  const started = Date.now();
  for (;;) {
    const list = await deliveries(webhookId);
    if (list.filter((d) => d.status === 'delivered').length >= delivered) return list;
    if (Date.now() - started > 30_000) throw new Error(`deliveries not done: ${JSON.stringify(list)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const bodiesAt = (path: string) =>
  receiver.received.filter((r) => r.path === path).map((r) => ({ ...r, json: JSON.parse(r.body) }));

describe('decision webhooks to the platform', () => {
  it('sends decision.created and decision.reversed, signed, to the subscribers of each type', async () => {
    const db = t.database.storage.db;
    const both = await subscribe('/both', ['decision.created', 'decision.reversed']);
    const reversalsOnly = await subscribe('/reversals', ['decision.reversed']);
    const author = 'author-of-the-post@example.org';

    const reported = await publicReport(t, org.organisation.slug, notice());
    expect(reported.statusCode, reported.body).toBe(201);
    const reference = reported.json().reference as string;
    const flagged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: org.apiKeyHeaders,
      payload: notice({
        notifierType: 'trusted_flagger',
        reporter: { name: 'Hotline FR', email: 'signalements@hotline.example' },
      }),
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
    const caseId = flagged.json().caseId as string;

    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/decisions`,
      headers: alice.headers,
      payload: {
        action: 'remove',
        fields: decisionFields({ sourceType: 'SOURCE_TRUSTED_FLAGGER', sourceIdentity: 'Hotline FR' }),
        affectedParty: { email: author, language: 'en' },
      },
    });
    expect(decided.statusCode, decided.body).toBe(201);
    const removal = decided.json().decision as { id: string };

    // Queued with the decision, before any worker runs: a committed decision has its deliveries.
    const queued = await deliveries(both.webhook.id);
    expect(queued).toMatchObject([{ eventType: 'decision.created', status: 'pending', attempts: 0 }]);
    const job = await db
      .selectFrom('jobs')
      .select(['kind'])
      .where('id', '=', queued[0]!.jobId)
      .executeTakeFirstOrThrow();
    expect(job.kind).toBe(DELIVER_EVENT_WEBHOOK_JOB);
    expect(await deliveries(reversalsOnly.webhook.id)).toEqual([]);

    worker = startJobWorker({
      db,
      handlers: {
        [DELIVER_EVENT_WEBHOOK_JOB]: signedDeliveryHandler(
          { keyring: t.keyring, send: safeWebhookSender(t.config) },
          eventDeliveryStore,
        ),
      },
      log: createLogger('silent'),
      pollIntervalMs: 50,
    });
    // The receiver fails the first attempt: the outbox retries with the same webhook-id.
    const [created] = await waitFor(both.webhook.id, 1);
    expect(created).toMatchObject({ status: 'delivered', attempts: 2 });
    const createdBodies = bodiesAt('/both');
    expect(createdBodies).toHaveLength(2);
    expect(createdBodies[1]!.headers['webhook-id']).toBe(createdBodies[0]!.headers['webhook-id']);
    const event = createdBodies[1]!;
    expect(verifiesSignature(both.secret, event.headers, event.body)).toBe(true);
    expect(verifiesSignature(reversalsOnly.secret, event.headers, event.body)).toBe(false);
    expect(event.json).toMatchObject({
      type: 'decision.created',
      data: {
        decisionId: removal.id,
        caseId,
        action: 'remove',
        statementOfReasons: {
          puid: removal.id,
          decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
          source_type: 'SOURCE_TRUSTED_FLAGGER',
          category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
        },
      },
    });
    // Nothing that identifies a reporter: not the flagger's name, not a contact, not a report reference.
    expect(event.json.data.statementOfReasons).not.toHaveProperty('source_identity');
    for (const secret of ['Hotline', 'hotline.example', 'Camille', 'camille.martin', reference, author]) {
      expect(event.body).not.toContain(secret);
    }

    // The author appeals; another reviewer reverses: the platform is told to restore.
    const statement = await db
      .selectFrom('notifications')
      .select('body_text')
      .where('decision_id', '=', removal.id)
      .where('kind', '=', 'statement_of_reasons')
      .executeTakeFirstOrThrow();
    const token = /\/appeal\/(VA-[A-Za-z0-9_-]+)/.exec(statement.body_text)?.[1];
    const appealed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/appeals',
      payload: { token, grounds: 'I was quoting the attacker to condemn him.' },
    });
    expect(appealed.statusCode, appealed.body).toBe(201);
    const reversed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/appeals/${appealed.json().appealId as string}/decision`,
      headers: bruno.headers,
      payload: { outcome: 'reversed', statement: 'In context the post condemns the attack; restored.' },
    });
    expect(reversed.statusCode, reversed.body).toBe(200);
    const restoration = reversed.json().newDecision as { id: string };

    await waitFor(both.webhook.id, 2);
    await waitFor(reversalsOnly.webhook.id, 1);
    const reversal = bodiesAt('/reversals');
    expect(reversal).toHaveLength(1);
    expect(verifiesSignature(reversalsOnly.secret, reversal[0]!.headers, reversal[0]!.body)).toBe(true);
    expect(reversal[0]!.json).toMatchObject({
      type: 'decision.reversed',
      data: {
        decisionId: restoration.id,
        caseId,
        action: 'no_action',
        statementOfReasons: null,
        reverses: { decisionId: removal.id, action: 'remove' },
        restore: true,
      },
    });
    const toBoth = bodiesAt('/both').map((r) => r.json.type);
    expect(toBoth).toEqual(['decision.created', 'decision.created', 'decision.reversed']);

    // The case records that the platform was told.
    const notified = await db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', caseId)
      .where('type', '=', 'notified')
      .orderBy('seq')
      .execute();
    expect(notified.map((n) => JSON.parse(n.data).platformWebhooks)).toEqual([1, 2]);
  });

  it('refuses unknown event types and needs webhooks:manage', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/event-webhooks',
      headers: org.apiKeyHeaders,
      payload: { url: `http://127.0.0.1:${port}/x`, eventTypes: ['decision.deleted'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toMatch(/^body\.eventTypes/);
    const moderator = await t.app.inject({
      method: 'POST',
      url: '/api/v1/event-webhooks',
      headers: alice.headers,
      payload: { url: `http://127.0.0.1:${port}/x`, eventTypes: ['decision.created'] },
    });
    expect(moderator.statusCode).toBe(403);
  });

  it('pages through the log, and sends a delivery that failed for good again', async () => {
    const db = t.database.storage.db;
    const hook = await subscribe('/down', ['decision.created']);
    const webhookId = hook.webhook.id;
    receiver.down.add('/down');
    for (let i = 0; i < 3; i++) {
      const flagged = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: org.apiKeyHeaders,
        payload: notice(),
      });
      expect(flagged.statusCode, flagged.body).toBe(201);
      const decided = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${flagged.json().caseId as string}/decisions`,
        headers: alice.headers,
        payload: { action: 'remove', fields: decisionFields() },
      });
      expect(decided.statusCode, decided.body).toBe(201);
    }
    // The receiver stays down until the outbox gives up (after one attempt here, not eight).
    const queued = await deliveries(webhookId);
    expect(queued).toHaveLength(3);
    await db
      .updateTable('jobs')
      .set({ max_attempts: 1 })
      .where(
        'id',
        'in',
        queued.map((d) => d.jobId),
      )
      .execute();
    const started = Date.now();
    while ((await deliveries(webhookId)).some((d) => d.status !== 'failed')) {
      if (Date.now() - started > 20_000) throw new Error('the deliveries did not give up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Two of them queued in the same millisecond: the cursor's id breaks the tie.
    await db
      .updateTable('event_webhook_deliveries')
      .set({ created_at: queued[0]!.createdAt })
      .where('id', '=', queued[1]!.id)
      .execute();

    const newestFirst = await deliveries(webhookId);
    const first = await deliveryPage(webhookId, '?limit=2');
    expect(first.deliveries).toHaveLength(2);
    expect(first.next).toEqual({ before: first.deliveries[1]!.createdAt, beforeId: first.deliveries[1]!.id });
    const second = await deliveryPage(
      webhookId,
      `?limit=2&before=${first.next!.before}&beforeId=${encodeURIComponent(first.next!.beforeId)}`,
    );
    expect(second.next).toBeNull();
    const paged = [...first.deliveries, ...second.deliveries].map((d) => d.id);
    expect(paged).toEqual(newestFirst.map((d) => d.id));
    expect(new Set(paged).size).toBe(3);

    const failed = newestFirst[0]!;
    const redeliver = (id: string, headers = org.apiKeyHeaders) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/event-webhooks/${webhookId}/deliveries/${id}/redeliver`,
        headers,
      });
    const stranger = await createTestOrganisation(t, 'Other platform', ['webhooks:manage']);
    const foreign = await redeliver(failed.id, stranger.apiKeyHeaders);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toMatchObject({ code: 'not_found', field: 'params.webhookId' });

    receiver.down.delete('/down');
    const again = await redeliver(failed.id);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().delivery).toMatchObject({
      id: failed.id,
      status: 'pending',
      attempts: failed.attempts,
      eventType: 'decision.created',
    });
    let delivered: Delivery | undefined;
    while (delivered?.status !== 'delivered') {
      if (Date.now() - started > 25_000) throw new Error('the redelivery did not arrive');
      await new Promise((resolve) => setTimeout(resolve, 100));
      delivered = (await deliveries(webhookId)).find((d) => d.id === failed.id);
    }
    expect(delivered.attempts).toBe(failed.attempts + 1);
    const sent = receiver.received.filter((r) => r.headers['webhook-id'] === failed.id);
    expect(sent.length).toBe(failed.attempts + 1);
    expect(sent.every((r) => r.path === '/down' && r.body === sent[0]!.body)).toBe(true);
    expect(verifiesSignature(hook.secret, sent.at(-1)!.headers, sent.at(-1)!.body)).toBe(true);
    // The others stay failed; a delivered one cannot be sent again.
    expect((await deliveries(webhookId)).filter((d) => d.status === 'failed')).toHaveLength(2);
    const twice = await redeliver(failed.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'delivery_not_failed', field: 'params.deliveryId' });
  }, 40_000);
});
