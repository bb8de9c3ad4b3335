/**
 * The civil-society screens in a real browser against a real `vigie serve`: the platform directory,
 * an outbound notice recorded from the console with its response clocks, an acknowledgement recorded
 * on it, the overdue highlight and filter of the notice list, and an evidence file uploaded, opened
 * (as inert text), put under legal hold and purged, with its chain of custody. Outcomes are checked
 * through the API, not only in the page. Nothing reaches the internet: no URL is captured.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import type { VaultItem } from '../src/evidence/api.ts';
import type { Notice, NoticeEvent } from '../src/notices/api.ts';
import { epochToLocalDateTime } from '../src/notices/form.ts';
import type { Platform } from '../src/platforms/api.ts';
import type { ApiSession } from './support/api.ts';
import { CHROMIUM_PATH, problemsBesides, type WatchedPage } from './support/browser.ts';
import { startConsole, type ConsoleWithAdmin } from './support/console.ts';
import type { VigieProcess } from './support/server.ts';

const ok = needs('chromium', existsSync(CHROMIUM_PATH), 'apt-get install chromium');

const PASSWORD = 'correct horse battery staple';
const DAY = 24 * 3_600_000;
const NOTICE_TEXT =
  'Hello,\nthis post incites hatred <script>window.__vigiePwned = "script"</script> ' +
  '<img src=x onerror="window.__vigiePwned = \'img\'">\nPlease remove it.';
const EVIDENCE_TEXT =
  'Saved post: <img src=x onerror="window.__vigiePwned = \'evidence\'"> threatens a group.\n';
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });
/** Chromium logs every 4xx as a console error; only the signed-out session check (401) is expected. */
const unexpected = problemsBesides(401);

describe.skipIf(!ok)('notices, platform directory and evidence vault in Chromium', () => {
  let started: ConsoleWithAdmin;
  let vigie: VigieProcess;
  let admin: ApiSession;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    started = await startConsole({ adminPassword: PASSWORD });
    ({ vigie, admin, watched, page } = started);
  });

  afterAll(() => started?.close());

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const navTo = async (name: string, heading: string) => {
    await nav().getByRole('link', { name, exact: true }).click();
    await eventually(() => page.locator('h1').textContent()).toBe(heading);
  };
  const platforms = async () => (await admin.get<{ platforms: Platform[] }>('/api/v1/platforms')).platforms;

  it('signs in and lists the civil-society screens in their own navigation group', async () => {
    await page.goto(`${vigie.url}/login`);
    await page.getByLabel('Email').fill(vigie.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Review queue');
    const group = nav().getByRole('list', { name: 'Civil society' });
    expect(await group.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining(['Notices', 'Platforms', 'Evidence']),
    );
  });

  it('adds a platform with a channel, shows its callback secret once, and edits its response times', async () => {
    await navTo('Platforms', 'Platform directory');
    await page.getByRole('button', { name: 'Add the platform' }).click();
    // Nothing offered: refused in the page before any request.
    await eventually(() => page.getByText('Offer at least one valid channel.').count()).toBe(1);

    await page.getByLabel('Name', { exact: true }).fill('Example Social');
    await page.getByLabel('Identifier').fill('example-social');
    await page.getByLabel('Countries').fill('fr, be');
    await page.getByLabel('Languages').fill('fr ar');
    const email = page.getByRole('group', { name: 'Email', exact: true });
    await email.getByRole('checkbox').check();
    await email.getByLabel('Address (form URL, email or endpoint)').fill('abuse@social.example');
    await email.getByLabel('Acknowledgement within (hours)').fill('24');
    await email.getByLabel('Decision within (hours)').fill('96');
    await page.getByRole('button', { name: 'Add the platform' }).click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    expect(((await secret.textContent()) ?? '').length).toBeGreaterThan(20);

    const [created] = await platforms();
    expect(created).toMatchObject({
      slug: 'example-social',
      name: 'Example Social',
      countries: ['FR', 'BE'],
      languages: ['fr', 'ar'],
      channels: [
        { kind: 'email', address: 'abuse@social.example', ackWithinHours: 24, decisionWithinHours: 96 },
      ],
    });

    await page.getByRole('link', { name: 'Example Social' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Example Social');
    const editEmail = page.getByRole('group', { name: 'Email', exact: true });
    await editEmail.getByLabel('Decision within (hours)').fill('168');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => page.getByRole('status').first().textContent()).toBe('The platform was saved.');
    expect((await platforms())[0]?.channels[0]?.decisionWithinHours).toBe(168);
  });

  let notice: Notice;

  it('records a notice with the exact text and items sent, shown as inert text with its clocks', async () => {
    await navTo('Notices', 'Outbound notices');
    await page.getByRole('link', { name: 'New notice' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('New notice');
    await page.getByLabel('Platform').selectOption({ label: 'Example Social' });
    expect(await page.getByLabel('Channel').inputValue()).toBe('email');
    await page.getByLabel('Text sent').fill(NOTICE_TEXT);
    // Without a case, a category and the items are needed: said beside the inputs before sending.
    await page.getByRole('button', { name: 'Record the notice' }).click();
    await eventually(() => page.getByLabel('Category').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Items (URLs)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Category').selectOption('STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH');
    await page.getByLabel('Items (URLs)').fill('https://social.example/p/1\nhttps://social.example/p/2');
    // Sent three days ago: the 24-hour acknowledgement clock is overdue, the 168-hour decision one is not.
    const sentAt = new Date(Date.now() - 3 * DAY);
    sentAt.setSeconds(0, 0);
    await page.getByLabel('Sent at (optional)').fill(epochToLocalDateTime(sentAt.getTime()));
    await page.getByRole('button', { name: 'Record the notice' }).click();
    await eventually(() => page.locator('h1').textContent()).toMatch(/^Notice /);

    const { notices } = await admin.get<{ notices: Notice[] }>('/api/v1/notices');
    expect(notices).toHaveLength(1);
    notice = notices[0]!;
    expect(notice).toMatchObject({
      channel: 'email',
      channelAddress: 'abuse@social.example',
      legalBasis: 'DSA Art. 16',
      text: NOTICE_TEXT,
      items: [{ url: 'https://social.example/p/1' }, { url: 'https://social.example/p/2' }],
      sentAt: sentAt.getTime(),
    });
    expect(await page.locator('h1').textContent()).toBe(`Notice ${notice.reference}`);
    expect(await page.getByTestId('notice-text').textContent()).toBe(NOTICE_TEXT);
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(await page.evaluate('window.__vigiePwned')).toBeUndefined();
    expect(await page.getByTestId('ack-clock').textContent()).toMatch(/^overdue by 2 days/);
    expect(await page.getByTestId('decision-clock').textContent()).toMatch(
      /^due in (3 days 2[34] hr|4 days)/,
    );
  });

  it('records the acknowledgement: the clock stops, late, and the event log shows it', async () => {
    await page.getByLabel('What happened', { exact: true }).selectOption('acknowledged');
    await page.getByLabel('Platform ticket (optional)').fill('T-42');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await eventually(() => page.getByTestId('ack-clock').textContent()).toMatch(
      /^answered 2 days( \d+ hr)? late/,
    );

    const detail = await admin.get<{ notice: Notice; events: NoticeEvent[] }>(
      `/api/v1/notices/${encodeURIComponent(notice.id)}`,
    );
    expect(detail.notice.acknowledgedAt).not.toBeNull();
    expect(detail.notice.externalId).toBe('T-42');
    expect(detail.notice.clocks.acknowledgement?.state).toBe('met_late');
    // The reminder job may have recorded the overdue acknowledgement clock meanwhile (or not yet).
    expect(detail.events.map((event) => event.type).filter((type) => type !== 'reminder')).toEqual([
      'created',
      'sent',
      'acknowledged',
    ]);
    const acknowledged = page.getByTestId('notice-timeline').locator('li[data-type="acknowledged"]');
    expect(await acknowledged.locator('strong').textContent()).toBe('Acknowledged');
    expect(await acknowledged.locator('dd').textContent()).toBe('T-42');
  });

  it('lists the notices with their clocks, highlights the overdue one and filters on it', async () => {
    // A second notice, sent ten days ago and never answered: both clocks are overdue.
    const late = await admin.send<{ notice: Notice }>('POST', '/api/v1/notices', {
      platformId: notice.platformId,
      channel: 'email',
      legalBasis: 'DSA Art. 16',
      category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      text: 'An older notice nobody answered.',
      items: [{ url: 'https://social.example/p/3' }],
      sentAt: Date.now() - 10 * DAY,
    });
    await page.getByRole('link', { name: 'Back to the notices' }).click();
    await eventually(() => page.getByTestId('notice-row').count()).toBe(2);
    const row = (reference: string) => page.getByTestId('notice-row').filter({ hasText: reference });
    expect(await row(late.notice.reference).getAttribute('class')).toBe('is-overdue');
    expect(await row(late.notice.reference).textContent()).toContain('Overdue');
    expect(await row(notice.reference).getAttribute('class')).toBeNull();
    expect(await row(notice.reference).textContent()).toContain('answered 2 days');

    await page.getByLabel('Overdue only').check();
    await eventually(() => page.getByTestId('notice-row').count()).toBe(1);
    expect(await page.getByTestId('notice-row').locator('th a').textContent()).toBe(late.notice.reference);
    expect(new URL(page.url()).search).toBe('?overdue=true');
  });

  it('uploads an evidence file, shows its hash and custody, and opens it as inert text', async () => {
    await navTo('Evidence', 'Evidence vault');
    await page.getByLabel('File to upload').setInputFiles({
      name: 'post.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(EVIDENCE_TEXT),
    });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Evidence: post.txt');

    const sha256 = createHash('sha256').update(EVIDENCE_TEXT).digest('hex');
    expect(await page.getByTestId('evidence-sha256').textContent()).toBe(sha256);
    await eventually(() => page.getByTestId('custody-check').textContent()).toBe('Chain intact');
    const actions = () => page.getByTestId('custody-log').locator('tbody th').allTextContents();
    expect(await actions()).toEqual(['Collected']);

    await page.getByRole('button', { name: 'Open the content' }).click();
    await eventually(() => page.getByTestId('evidence-text').textContent()).toBe(EVIDENCE_TEXT);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate('window.__vigiePwned')).toBeUndefined();
    // Reading the content is a view in the chain of custody.
    await eventually(actions).toEqual(['Collected', 'Viewed']);
  });

  it('shows an uploaded image only through moderator protection, blurred, without logging a view', async () => {
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .png()
      .toBuffer();
    await navTo('Evidence', 'Evidence vault');
    await page
      .getByLabel('File to upload')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Evidence: photo.png');
    const media = page.getByTestId('protected-media');
    expect(await media.getAttribute('data-revealed')).toBe('false');
    expect(await media.locator('img').getAttribute('src')).toMatch(/\/media\?variant=protected$/);
    await eventually(() =>
      page.evaluate<boolean>("document.querySelector('[data-testid=protected-media] img').naturalWidth > 0"),
    ).toBe(true);
    // The blurred variant is not the content: only the collection is in the chain of custody.
    await eventually(() => page.getByTestId('custody-log').locator('tbody th').allTextContents()).toEqual([
      'Collected',
    ]);
    await page.goBack();
    await eventually(() => page.locator('h1').textContent()).toBe('Evidence vault');
    await page.getByRole('link', { name: 'post.txt' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Evidence: post.txt');
  });

  it('puts the item under legal hold, refuses to purge it then, and purges it after release', async () => {
    const itemId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const item = async () =>
      (await admin.get<{ item: VaultItem }>(`/api/v1/evidence/${encodeURIComponent(itemId)}`)).item;

    await page.getByRole('button', { name: 'Place under legal hold' }).click();
    await eventually(async () => (await item()).legalHoldAt !== null).toBe(true);
    await page.getByLabel('Reason for purging').fill('Retention period over.');
    expect(await page.getByRole('button', { name: 'Purge…' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Release the legal hold' }).click();
    await eventually(async () => (await item()).legalHoldAt).toBeNull();
    await page.getByRole('button', { name: 'Purge…' }).click();
    await page.getByRole('button', { name: 'Purge now' }).click();
    await eventually(async () => (await item()).purgedAt !== null).toBe(true);
    await eventually(() => page.getByTestId('custody-log').locator('tbody th').allTextContents()).toEqual([
      'Collected',
      'Viewed',
      'Legal hold set',
      'Legal hold released',
      'Purged',
    ]);
    expect(await page.getByTestId('custody-check').textContent()).toBe('Chain intact');
    expect(await page.getByRole('link', { name: 'Download' }).count()).toBe(0);

    await navTo('Evidence', 'Evidence vault');
    const purged = page.getByTestId('evidence-row').filter({ hasText: 'post.txt' });
    expect(await purged.textContent()).toContain('Purged');
    expect(unexpected(watched.problems)).toEqual([]);
  });
});
