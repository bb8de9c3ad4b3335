/**
 * A bank's match webhooks on the bank page, in a real browser against a real `vigie serve`: a
 * subscription created from the page for a receiver this test runs on the loopback address (allowed
 * to the server with VIGIE_OUTBOUND_ALLOW_HOSTS), its signing secret shown once, a check through the
 * API (with a key) matching the bank's PDQ entry delivered to the receiver signed with that very
 * secret and listed in the page's delivery log, and the subscription disabled and enabled again.
 * Outcomes are checked through the API too.
 */
import { existsSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import { verifiesSignature, type WebhookReceiver } from '../../server/test/support/webhook-receiver.ts';
import type { BankDelivery, BankWebhook } from '../src/webhooks/api.ts';
import type { ApiSession } from './support/api.ts';
import { CHROMIUM_PATH, problemsBesides, type WatchedPage } from './support/browser.ts';
import type { ConsoleWithAdmin } from './support/console.ts';
import { startConsoleWithReceiver } from './support/webhook-console.ts';
import type { VigieProcess } from './support/server.ts';

const ok = needs('chromium', existsSync(CHROMIUM_PATH), 'apt-get install chromium');

const PASSWORD = 'correct horse battery staple';
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 200 });
/** Chromium logs every 4xx as a console error: the signed-out session check (401). */
const unexpected = problemsBesides(401);
/** A PDQ hash (64 hex digits) the bank holds and the check sends. */
const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';

describe.skipIf(!ok)('bank match webhooks on the bank page in Chromium', () => {
  let receiver: WebhookReceiver;
  let hookUrl: string;
  let started: ConsoleWithAdmin;
  let vigie: VigieProcess;
  let admin: ApiSession;
  let watched: WatchedPage;
  let page: Page;
  let bankId: string;
  let secret: string;

  beforeAll(async () => {
    ({ started, receiver, hookUrl } = await startConsoleWithReceiver('/vigie/matches', PASSWORD));
    ({ vigie, admin, watched, page } = started);
    const { bank } = await admin.send<{ bank: { id: string } }>('POST', '/api/v1/banks', {
      name: 'HOOKED_PDQ',
      action: 'block',
    });
    bankId = bank.id;
    await admin.send('POST', `/api/v1/banks/${bankId}/entries`, {
      signalType: 'pdq',
      value: PDQ,
      labels: ['gifct:glorification-of-terrorist-acts'],
    });
  });

  afterAll(async () => {
    await started?.close();
    receiver?.close();
  });

  let apiKey: string;
  /** A check of the bank's PDQ with the upload filter's key; how many matches it gave. */
  const check = async () => {
    const answer = await fetch(`${vigie.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ hashes: { pdq: [PDQ] } }),
    });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { matches: unknown[] }).matches.length;
  };

  const webhooks = async () =>
    (await admin.get<{ webhooks: BankWebhook[] }>(`/api/v1/banks/${bankId}/webhooks`)).webhooks;
  /** How many deliveries the bank's (one) subscription has logged. */
  const logged = async () => {
    const [webhook] = await webhooks();
    return (
      await admin.get<{ deliveries: BankDelivery[] }>(
        `/api/v1/webhooks/${encodeURIComponent(webhook?.id ?? '')}/deliveries?limit=50`,
      )
    ).deliveries.length;
  };
  /**
   * Checks until one more delivery is logged: the server's matcher follows a new or re-enabled
   * subscription within a second, and until then a check matches without a delivery. A delivery is
   * written in the check's own transaction, so exactly one is added.
   */
  const checkUntilDelivered = async () => {
    const before = await logged();
    await eventually(async () => {
      if ((await logged()) === before) expect(await check()).toBe(1);
      return logged();
    }).toBe(before + 1);
  };
  const section = (): Locator => page.getByRole('region', { name: 'Webhooks', exact: true });
  const row = () => section().getByTestId('webhook-row');

  it('signs in and shows the bank page with no subscription', async () => {
    await page.goto(`${vigie.url}/login`);
    await page.getByLabel('Email').fill(vigie.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Review queue');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hash banks' }).click();
    await page.getByRole('link', { name: 'HOOKED_PDQ' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('HOOKED_PDQ');
    await eventually(() => section().getByText('No subscription yet.').count()).toBe(1);
  });

  it('creates a subscription and shows its signing secret once', async () => {
    await section().getByLabel('URL', { exact: true }).fill(hookUrl);
    await section().getByLabel('Description (optional)').fill('Upload filter');
    await section().getByRole('button', { name: 'Subscribe' }).click();
    const shown = section().getByTestId('secret-value');
    await shown.waitFor();
    secret = (await shown.textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(await section().getByText(`The subscription to ${hookUrl} was added.`).count()).toBe(1);

    const [webhook, ...others] = await webhooks();
    expect(others).toEqual([]);
    expect(webhook).toMatchObject({ bankId, url: hookUrl, description: 'Upload filter', disabledAt: null });
    await eventually(() => row().count()).toBe(1);
    expect(await row().locator('th').textContent()).toBe(`${hookUrl}Upload filter`);

    // Once "Done", the secret is gone from the page, and the API never shows it again.
    await section().getByRole('button', { name: 'Done' }).click();
    await eventually(() => page.getByTestId('secret-value').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(JSON.stringify(await webhooks())).not.toContain(secret.slice('whsec_'.length));
  });

  it('lists a match delivered to the receiver, signed with the secret shown', async () => {
    await section()
      .getByRole('button', { name: `Deliveries — ${hookUrl}` })
      .click();
    const log = section().getByTestId('delivery-log');
    await eventually(() => log.textContent()).toContain('Nothing was sent yet.');

    // A check with a key; the server follows the new subscription within moments.
    apiKey = (
      await admin.send<{ secret: string }>('POST', '/api/v1/api-keys', {
        name: 'upload filter',
        permissions: ['check:submit'],
      })
    ).secret;
    await checkUntilDelivered();

    // The job worker delivers it; the log shows it once refreshed.
    await eventually(() => receiver.received.length).toBe(1);
    const [delivery] = receiver.received;
    expect(delivery?.path).toBe('/vigie/matches');
    expect(verifiesSignature(secret, delivery!.headers, delivery!.body)).toBe(true);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
      type: 'bank.match',
      data: { bankId, matches: [{ value: PDQ, action: 'block' }] },
    });

    const deliveryRow = log.getByTestId('delivery-row');
    await eventually(async () => {
      await log.getByRole('button', { name: 'Refresh' }).click();
      return (await deliveryRow.locator('th, td').allTextContents()).slice(0, 4);
    }).toEqual(['bank.match', 'Delivered', '1', '204']);
    const [webhook] = await webhooks();
    const [logged] = (
      await admin.get<{ deliveries: BankDelivery[] }>(
        `/api/v1/webhooks/${encodeURIComponent(webhook?.id ?? '')}/deliveries`,
      )
    ).deliveries;
    expect(logged).toMatchObject({
      id: delivery?.headers['webhook-id'],
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 204,
    });
    // One delivery: nothing older to show.
    expect(await log.getByRole('button', { name: 'Show older' }).count()).toBe(0);
  });

  it('disables the subscription and enables it again', async () => {
    await section()
      .getByRole('button', { name: `Disable — ${hookUrl}` })
      .click();
    await eventually(() => section().getByRole('status').first().textContent()).toBe(
      `Deliveries to ${hookUrl} are stopped.`,
    );
    expect((await webhooks())[0]?.disabledAt).not.toBeNull();
    await eventually(() => row().locator('tr').first().locator('.badge').textContent()).toBe('Disabled');

    await section()
      .getByRole('button', { name: `Enable — ${hookUrl}` })
      .click();
    await eventually(() => section().getByRole('status').first().textContent()).toBe(
      `Deliveries to ${hookUrl} resume.`,
    );
    expect((await webhooks())[0]?.disabledAt).toBeNull();
    await eventually(() => row().locator('tr').first().locator('.badge').textContent()).toBe('Active');
    expect(unexpected(watched.problems)).toEqual([]);
  });

  it('pages the delivery log: twenty at a time, older ones on request', async () => {
    await checkUntilDelivered();
    // Then 19 more: 21 deliveries, one more than a page.
    for (let i = 0; i < 19; i++) expect(await check()).toBe(1);
    expect(await logged()).toBe(21);

    const log = section().getByTestId('delivery-log');
    const rows = log.getByTestId('delivery-row');
    await log.getByRole('button', { name: 'Refresh' }).click();
    await eventually(() => rows.count()).toBe(20);
    await log.getByRole('button', { name: 'Show older' }).click();
    await eventually(() => rows.count()).toBe(21);
    expect(await log.getByRole('button', { name: 'Show older' }).count()).toBe(0);
    expect(unexpected(watched.problems)).toEqual([]);
  });
});
