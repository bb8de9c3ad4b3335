/**
 * The decision-webhooks screen in a real browser against a real `vigie serve`: a subscription created
 * from the console for a receiver this test runs on the loopback address (allowed to the server with
 * VIGIE_OUTBOUND_ALLOW_HOSTS), its signing secret shown once and then never again, a decision made
 * through the API delivered to the receiver signed with that very secret and listed in the delivery
 * log, the subscription disabled and enabled again, and a delivery that failed for good (the receiver
 * down) sent again from the log. Outcomes are checked through the API too.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import { decisionFields } from '../../server/test/support/decision-fields.ts';
import {
  verifiesSignature,
  type ReceivedRequest,
  type WebhookReceiver,
} from '../../server/test/support/webhook-receiver.ts';
import type { Case } from '../src/api/types.ts';
import type { EventDelivery, EventWebhook } from '../src/webhooks/api.ts';
import type { ApiSession } from './support/api.ts';
import { CHROMIUM_PATH, problemsBesides, type WatchedPage } from './support/browser.ts';
import type { ConsoleWithAdmin } from './support/console.ts';
import { startConsoleWithReceiver } from './support/webhook-console.ts';
import type { VigieProcess } from './support/server.ts';

const ok = needs('chromium', existsSync(CHROMIUM_PATH), 'apt-get install chromium');

const PASSWORD = 'correct horse battery staple';
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 200 });
/** Chromium logs every 4xx as a console error: the signed-out session check (401) and the refused URL (400). */
const unexpected = problemsBesides(400, 401);

describe.skipIf(!ok)('decision webhooks screen in Chromium', () => {
  let receiver: WebhookReceiver;
  let hookUrl: string;
  let started: ConsoleWithAdmin;
  let vigie: VigieProcess;
  let admin: ApiSession;
  let watched: WatchedPage;
  let page: Page;
  let secret: string;

  beforeAll(async () => {
    ({ started, receiver, hookUrl } = await startConsoleWithReceiver('/vigie/decisions', PASSWORD));
    ({ vigie, admin, watched, page } = started);
  });

  afterAll(async () => {
    await started?.close();
    receiver?.close();
  });

  /** A public report of `contentUrl`, then a removal decided through the API: one `decision.created`. */
  async function reportAndDecide(contentUrl: string) {
    const { slug } = await admin.get<{ slug: string }>('/api/v1/organisation');
    const reported = await fetch(`${vigie.url}/api/v1/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisation: slug,
        url: contentUrl,
        explanation: 'This post praises an attack.',
        category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
        reporter: { name: 'Test Reporter', email: 'reporter@example.org' },
        goodFaith: true,
      }),
    });
    expect(reported.status, await reported.text()).toBe(201);
    const { cases } = await admin.get<{ cases: Case[] }>('/api/v1/cases?status=open');
    const kase = cases.find((c) => c.url === contentUrl) as Case;
    await admin.send('POST', `/api/v1/cases/${encodeURIComponent(kase.id)}/decisions`, {
      action: 'remove',
      fields: decisionFields(),
    });
  }

  const webhooks = async () =>
    (await admin.get<{ webhooks: EventWebhook[] }>('/api/v1/event-webhooks')).webhooks;
  const row = () => page.getByTestId('webhook-row');

  it('signs in and opens the screen from the administration navigation', async () => {
    await page.goto(`${vigie.url}/login`);
    await page.getByLabel('Email').fill(vigie.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Review queue');
    const administration = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('list', { name: 'Administration' });
    await administration.getByRole('link', { name: 'Decision webhooks', exact: true }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Decision webhooks');
    await eventually(() => page.getByText('No subscription yet.').count()).toBe(1);
  });

  it('refuses a subscription without events or with an unreadable URL, beside the inputs', async () => {
    const subscribe = page.getByRole('button', { name: 'Subscribe' });
    for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
    await subscribe.click();
    await eventually(() => page.getByText('Choose at least one event.').count()).toBe(1);

    await page.getByRole('checkbox', { name: /^A decision is made/ }).check();
    await page.getByLabel('URL', { exact: true }).fill('ftp://platform.example/hooks');
    await subscribe.click();
    await eventually(() => page.getByLabel('URL', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('This value is not valid.').count()).toBe(1);
    expect(await webhooks()).toEqual([]);
  });

  it('creates a subscription and shows its signing secret once', async () => {
    await page.getByRole('checkbox', { name: /^A decision is reversed/ }).check();
    await page.getByLabel('URL', { exact: true }).fill(hookUrl);
    await page.getByLabel('Description (optional)').fill('Moderation bus');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const shown = page.getByTestId('secret-value');
    await shown.waitFor();
    secret = (await shown.textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(await page.getByText(`The subscription to ${hookUrl} was added.`).count()).toBe(1);

    const [webhook, ...others] = await webhooks();
    expect(others).toEqual([]);
    expect(webhook).toMatchObject({
      url: hookUrl,
      description: 'Moderation bus',
      eventTypes: ['decision.created', 'decision.reversed'],
      disabledAt: null,
    });
    await eventually(() => row().count()).toBe(1);
    expect(await row().locator('th').textContent()).toBe(`${hookUrl}Moderation bus`);

    // Once "Done", the secret is gone from the page, and the API never shows it again.
    await page.getByRole('button', { name: 'Done' }).click();
    await eventually(() => page.getByTestId('secret-value').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(JSON.stringify(await webhooks())).not.toContain(secret.slice('whsec_'.length));
  });

  it('lists a decision delivered to the receiver, signed with the secret shown', async () => {
    await page.getByRole('button', { name: `Deliveries — ${hookUrl}` }).click();
    const log = page.getByTestId('delivery-log');
    await eventually(() => log.textContent()).toContain('Nothing was sent yet.');

    await reportAndDecide('https://social.example/p/77');

    // The job worker delivers it; the log shows it once refreshed.
    await eventually(() => receiver.received.length).toBe(1);
    const [delivery] = receiver.received;
    expect(delivery?.path).toBe('/vigie/decisions');
    expect(verifiesSignature(secret, delivery!.headers, delivery!.body)).toBe(true);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({ type: 'decision.created' });

    const deliveryRow = log.getByTestId('delivery-row');
    await eventually(async () => {
      await log.getByRole('button', { name: 'Refresh' }).click();
      return (await deliveryRow.locator('th, td').allTextContents()).slice(0, 4);
    }).toEqual(['decision.created', 'Delivered', '1', '204']);
    const [logged] = (
      await admin.get<{ deliveries: EventDelivery[] }>(
        `/api/v1/event-webhooks/${encodeURIComponent((await webhooks())[0]?.id ?? '')}/deliveries`,
      )
    ).deliveries;
    expect(logged).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
  });

  it('disables the subscription and enables it again', async () => {
    await page.getByRole('button', { name: `Disable — ${hookUrl}` }).click();
    await eventually(() => page.getByRole('status').first().textContent()).toBe(
      `Deliveries to ${hookUrl} are stopped.`,
    );
    expect((await webhooks())[0]?.disabledAt).not.toBeNull();
    await eventually(() => row().locator('tr').first().locator('.badge').textContent()).toBe('Disabled');

    await page.getByRole('button', { name: `Enable — ${hookUrl}` }).click();
    await eventually(() => page.getByRole('status').first().textContent()).toBe(
      `Deliveries to ${hookUrl} resume.`,
    );
    expect((await webhooks())[0]?.disabledAt).toBeNull();
    await eventually(() => row().locator('tr').first().locator('.badge').textContent()).toBe('Active');
    expect(unexpected(watched.problems)).toEqual([]);
  });

  it('sends a delivery that failed for good again from the log', async () => {
    const [webhook] = await webhooks();
    const webhookPath = `/api/v1/event-webhooks/${encodeURIComponent(webhook?.id ?? '')}`;
    const logged = async () =>
      (await admin.get<{ deliveries: EventDelivery[] }>(`${webhookPath}/deliveries`)).deliveries;
    // The receiver is down; the subscription is disabled after the first failed attempt, so the next
    // attempt gives up at once (rather than after the outbox's eight attempts).
    receiver.down.add(new URL(hookUrl).pathname);
    const before = receiver.received.length;
    await reportAndDecide('https://social.example/p/78');
    await eventually(() => receiver.received.length).toBe(before + 1);
    await admin.send('PATCH', webhookPath, { disabled: true });
    await eventually(async () => (await logged())[0]?.status).toBe('failed');
    await admin.send('PATCH', webhookPath, { disabled: false });
    receiver.down.delete(new URL(hookUrl).pathname);
    const [failed] = await logged();

    const log = page.getByTestId('delivery-log');
    const newest = log.getByTestId('delivery-row').first();
    await log.getByRole('button', { name: 'Refresh' }).click();
    await eventually(() => newest.locator('.badge').textContent()).toBe('Failed');
    // Only the failed delivery offers to be sent again.
    expect(await log.getByRole('button', { name: /^Send again/ }).count()).toBe(1);
    await newest.getByRole('button', { name: /^Send again — decision\.created/ }).click();
    await eventually(() => log.getByRole('status').first().textContent()).toBe(
      'The decision.created delivery will be sent again.',
    );
    await eventually(async () => {
      await log.getByRole('button', { name: 'Refresh' }).click();
      return newest.locator('.badge').textContent();
    }).toBe('Delivered');
    expect(await log.getByRole('button', { name: /^Send again/ }).count()).toBe(0);

    const [delivered] = await logged();
    expect(delivered).toMatchObject({ id: failed?.id, status: 'delivered', lastStatusCode: 204 });
    const resent = receiver.received.at(-1) as ReceivedRequest;
    expect(resent.headers['webhook-id']).toBe(failed?.id);
    expect(resent.body).toBe(receiver.received[before]?.body);
    expect(verifiesSignature(secret, resent.headers, resent.body)).toBe(true);
    expect(unexpected(watched.problems)).toEqual([]);
  });
});
