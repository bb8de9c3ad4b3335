/**
 * Scorecards in a real browser against a real `vigie serve`: notices seeded through the API with
 * known outcomes, the console's figures, charts and CSV compared with `/api/v1/scorecards`;
 * publishing from the console, the public page read signed out (in French), and the "not
 * published" answer before publishing and after unpublishing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import type { Scorecard } from '../src/scorecards/api.ts';
import { formatShare } from '../src/scorecards/format.ts';
import type { ApiSession } from './support/api.ts';
import { CHROMIUM_PATH, openWatchedPage, problemsBesides, type WatchedPage } from './support/browser.ts';
import { WEB_DIR } from './support/build.ts';
import { startConsole, type ConsoleWithAdmin } from './support/console.ts';
import type { VigieProcess } from './support/server.ts';

const ok = needs('chromium', existsSync(CHROMIUM_PATH), 'apt-get install chromium');

const PASSWORD = 'correct horse battery staple';
const HOUR = 3_600_000;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });
const catalogue = (code: string) =>
  JSON.parse(readFileSync(path.join(WEB_DIR, `src/i18n/${code}.json`), 'utf8')) as Record<string, string>;
const en = catalogue('en');
/** "66.7% (2)": a share and its count as the pages write them (in French with a no-break space). */
const shareText = (locale: string, share: number, count: number) =>
  `${formatShare(locale, share)} (${count})`.replace(/[\u00a0\u202f]/g, ' ');
const plain = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, ' ');
const fr = catalogue('fr');
/**
 * Chromium logs every 4xx as a console error. The steps provoke two on purpose: 401 (the signed-out
 * session check) and 404 (the public scorecard of an organisation that has not published).
 */
const unexpected = problemsBesides(401, 404);

interface SeedNotice {
  platform: string;
  category: string;
  country: string;
  language: string;
  hoursAgo: number;
  /** Events with their time in hours after sending. */
  events: { afterHours: number; event: Record<string, unknown> }[];
}

/**
 * Five notices with known outcomes. Overall: 5 sent, 3 acknowledged, 2 removed within 24 h (a
 * removal and a reversal after escalation), 3 within 7 days, 2 without response, 1 of 1 escalation
 * reversed. Items are on `.invalid` hosts, so the liveness checks can never find them gone.
 */
const NOTICES: SeedNotice[] = [
  {
    platform: 'alpha-social',
    category: 'STATEMENT_CATEGORY_VIOLENCE',
    country: 'FR',
    language: 'fr',
    hoursAgo: 72,
    events: [
      { afterHours: 2, event: { type: 'acknowledged' } },
      { afterHours: 48, event: { type: 'decision', outcome: 'removed' } },
    ],
  },
  {
    platform: 'alpha-social',
    category: 'STATEMENT_CATEGORY_VIOLENCE',
    country: 'FR',
    language: 'fr',
    hoursAgo: 20,
    events: [
      { afterHours: 1, event: { type: 'acknowledged' } },
      { afterHours: 5, event: { type: 'decision', outcome: 'removed' } },
    ],
  },
  {
    platform: 'alpha-social',
    category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
    country: 'DE',
    language: 'de',
    hoursAgo: 20,
    events: [],
  },
  {
    platform: 'beta-video',
    category: 'STATEMENT_CATEGORY_VIOLENCE',
    country: 'FR',
    language: 'ar',
    hoursAgo: 20,
    events: [
      { afterHours: 3, event: { type: 'acknowledged' } },
      { afterHours: 6, event: { type: 'escalated', kind: 'dsc_complaint', recipient: 'Arcom' } },
      { afterHours: 8, event: { type: 'reversed', outcome: 'removed' } },
    ],
  },
  {
    platform: 'beta-video',
    category: 'STATEMENT_CATEGORY_VIOLENCE',
    country: 'FR',
    language: 'ar',
    hoursAgo: 20,
    events: [],
  },
];

describe.skipIf(!ok)('scorecards in Chromium', () => {
  let started: ConsoleWithAdmin;
  let vigie: VigieProcess;
  let browser: Browser;
  let admin: ApiSession;
  let slug: string;
  let console_: WatchedPage;
  let page: Page;
  let card: Scorecard;
  let studyCard: Scorecard;

  beforeAll(async () => {
    started = await startConsole({ adminPassword: PASSWORD });
    ({ vigie, browser, admin, watched: console_, page } = started);
    slug = (await admin.get<{ slug: string }>('/api/v1/organisation')).slug;

    const platformIds = new Map<string, string>();
    for (const platform of new Set(NOTICES.map((n) => n.platform))) {
      const { platform: created } = await admin.send<{ platform: { id: string } }>(
        'POST',
        '/api/v1/platforms',
        {
          slug: platform,
          name: platform,
          channels: [
            {
              kind: 'email',
              address: `abuse@${platform}.invalid`,
              ackWithinHours: 24,
              decisionWithinHours: 168,
            },
          ],
        },
      );
      platformIds.set(platform, created.id);
    }
    const now = Date.now();
    const noticeIds: string[] = [];
    for (const [index, n] of NOTICES.entries()) {
      const sentAt = now - n.hoursAgo * HOUR;
      const { notice } = await admin.send<{ notice: { id: string } }>('POST', '/api/v1/notices', {
        platformId: platformIds.get(n.platform),
        channel: 'email',
        legalBasis: 'DSA Art. 16',
        category: n.category,
        country: n.country,
        language: n.language,
        text: `Notice ${index}`,
        items: [{ url: `https://${n.platform}.invalid/post/${index}` }],
        sentAt,
      });
      noticeIds.push(notice.id);
      for (const { afterHours, event } of n.events)
        await admin.send('POST', `/api/v1/notices/${notice.id}/events`, {
          event,
          at: sentAt + afterHours * HOUR,
        });
    }
    card = await admin.get<Scorecard>('/api/v1/scorecards');
    // A study holding two of the notices (one per platform).
    const { study } = await admin.send<{ study: { id: string } }>('POST', '/api/v1/studies', {
      name: 'failure-to-act',
      title: 'Failure to act',
    });
    for (const index of [0, 3])
      await admin.send('POST', `/api/v1/notices/${noticeIds[index]}/study`, { studyId: study.id });
    studyCard = await admin.get<Scorecard>(`/api/v1/studies/${study.id}/scorecard`);
  });

  afterAll(() => started?.close());

  it('computes the seeded outcomes in the API (the reference for the pages)', () => {
    expect(card.overall).toMatchObject({
      sent: 5,
      acknowledged: 3,
      removedWithin24h: 2,
      removedWithin7d: 3,
      noResponse: 2,
      escalated: 1,
      reversedAfterEscalation: 1,
    });
    expect(studyCard.overall).toMatchObject({
      sent: 2,
      acknowledged: 2,
      removedWithin24h: 1,
      removedWithin7d: 2,
    });
    expect(card.platforms.map((p) => [p.platform, p.figures.sent])).toEqual([
      ['alpha-social', 3],
      ['beta-video', 2],
    ]);
  });

  const overallFigure = (target: Page, figure: string) =>
    target.getByTestId('scorecard-overall').locator(`[data-figure="${figure}"] dd`).textContent();
  const chartValues = (target: Page, title: string) =>
    target
      .locator('figure.chart')
      .filter({ has: target.locator('figcaption', { hasText: new RegExp(`^${title}$`) }) })
      .getByTestId('chart-bar')
      .evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('data-value'))));

  it('shows the figures, charts and groups of the API on /scorecards', async () => {
    await page.goto(`${vigie.url}/login?next=${encodeURIComponent('/scorecards')}`);
    await page.getByLabel('Email').fill(vigie.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe(en['scorecards.title']);
    expect(
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: en['nav.scorecards'] })
        .count(),
    ).toBe(1);

    await eventually(() => overallFigure(page, 'sent')).toBe(String(card.overall.sent));
    expect(await overallFigure(page, 'acknowledged')).toBe(
      shareText('en-GB', card.overall.acknowledgedShare, card.overall.acknowledged),
    );
    expect(await overallFigure(page, 'removed24h')).toBe(
      shareText('en-GB', card.overall.removedWithin24hShare, card.overall.removedWithin24h),
    );
    expect(await overallFigure(page, 'reversals')).toBe(
      `${card.overall.reversedAfterEscalation} of ${card.overall.escalated}`,
    );

    // Charts: one bar per platform, its value the API's figure; titled and described for assistive technology.
    expect(await chartValues(page, en['scorecards.figure.acknowledged']!)).toEqual(
      card.platforms.map((p) => p.figures.acknowledgedShare),
    );
    expect(await chartValues(page, en['scorecards.figure.noResponse']!)).toEqual(
      card.platforms.map((p) => p.figures.noResponseShare),
    );
    const medians = await chartValues(page, en['scorecards.figure.medianAck']!);
    expect(medians).toHaveLength(card.platforms.length);
    const chart = page.getByRole('img', { name: en['scorecards.figure.removed7d'] });
    expect(await chart.count()).toBe(1);
    const alpha = card.platforms[0]!.figures;
    expect(await chart.locator('desc').textContent()).toContain(
      `alpha-social: ${shareText('en-GB', alpha.removedWithin7dShare, alpha.removedWithin7d)}`,
    );
    // The bars are drawn as long as their values say, in proportion to each other.
    const widths = await page
      .locator('figure.chart')
      .first()
      .locator('rect.chart-bar')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect((widths[0] as number) / (widths[1] as number)).toBeCloseTo(
      (card.platforms[0]?.figures.acknowledgedShare ?? 0) /
        (card.platforms[1]?.figures.acknowledgedShare ?? 1),
      6,
    );

    // The table lists every group of the API.
    const groups = page.locator('table[aria-labelledby="scorecard-groups"] tbody tr');
    expect(await groups.count()).toBe(card.rows.length);
    const channels = page.locator('table[aria-labelledby="scorecard-channels"] tbody tr');
    expect(await channels.count()).toBe(card.channels.length);
    expect(await channels.first().locator('[data-figure="sent"]').textContent()).toBe(
      String(card.channels[0]?.figures.sent),
    );
    // The API's note, verbatim but for the observation time (the page asked a moment later).
    const withoutTime = (note: string | null) => note?.replace(/^Observation time: \S+/m, '');
    expect(withoutTime(await page.getByTestId('scorecard-methodology').textContent())).toBe(
      withoutTime(card.methodology),
    );
    expect(unexpected(console_.problems)).toEqual([]);
  });

  it('narrows the figures to one platform and one category', async () => {
    await page.getByLabel(en['scorecards.platform']!, { exact: true }).selectOption('beta-video');
    const beta = card.platforms.find((p) => p.platform === 'beta-video')!.figures;
    await eventually(() => overallFigure(page, 'sent')).toBe(String(beta.sent));
    expect(await overallFigure(page, 'noResponse')).toBe(
      shareText('en-GB', beta.noResponseShare, beta.noResponse),
    );
    await page.getByLabel(en['scorecards.platform']!, { exact: true }).selectOption('');
    await page
      .getByLabel(en['scorecards.category']!, { exact: true })
      .selectOption('STATEMENT_CATEGORY_SCAMS_AND_FRAUD');
    await eventually(() => overallFigure(page, 'sent')).toBe('1');
    expect(await overallFigure(page, 'noResponse')).toBe('100% (1)');
    await page.getByLabel(en['scorecards.category']!, { exact: true }).selectOption('');
  });

  it('asks the API for the chosen sending period', async () => {
    // From the UTC day two days ago: the notice sent 72 hours ago falls out, the four others stay.
    const day = new Date(Date.now() - 48 * HOUR).toISOString().slice(0, 10);
    const period = await admin.get<Scorecard>(`/api/v1/scorecards?from=${Date.parse(`${day}T00:00:00Z`)}`);
    expect(period.overall.sent).toBe(4);
    await page.getByLabel(en['scorecards.from']!).fill(day);
    await page.getByRole('button', { name: en['scorecards.apply'] }).click();
    await eventually(() => overallFigure(page, 'sent')).toBe('4');
    expect(await overallFigure(page, 'removed7d')).toBe(
      shareText('en-GB', period.overall.removedWithin7dShare, period.overall.removedWithin7d),
    );
    await page.getByLabel(en['scorecards.from']!).fill('');
    await page.getByRole('button', { name: en['scorecards.apply'] }).click();
    await eventually(() => overallFigure(page, 'sent')).toBe(String(card.overall.sent));
  });

  it("shows a study's scorecard", async () => {
    await page.getByLabel(en['scorecards.scope']!).selectOption({ label: 'Study: Failure to act' });
    await eventually(() => overallFigure(page, 'sent')).toBe(String(studyCard.overall.sent));
    expect(await overallFigure(page, 'removed7d')).toBe(
      shareText('en-GB', studyCard.overall.removedWithin7dShare, studyCard.overall.removedWithin7d),
    );
    // Publishing concerns the organisation's own scorecard only.
    expect(await page.getByRole('button', { name: en['scorecards.publish.publish'] }).count()).toBe(0);
    await page
      .getByLabel(en['scorecards.scope']!)
      .selectOption({ label: en['scorecards.scopeOrganisation']! });
    await eventually(() => overallFigure(page, 'sent')).toBe(String(card.overall.sent));
  });

  it("downloads the API's CSV", async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: en['scorecards.downloadCsv'] }).click(),
    ]);
    const file = await download.path();
    const { csv } = await admin.get<Scorecard>('/api/v1/scorecards?format=csv');
    expect(readFileSync(file, 'utf8')).toBe(csv);
    expect(download.suggestedFilename()).toMatch(/^scorecard-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('says "not published" on the public page until the organisation publishes', async () => {
    const visitor = await openWatchedPage(browser, { locale: 'en-GB' });
    await visitor.page.goto(`${vigie.url}/scorecards/${slug}`);
    await eventually(() => visitor.page.getByText(en['scorecards.public.notPublished']!).count()).toBe(1);
    expect(await visitor.page.getByTestId('scorecard-overall').count()).toBe(0);
    expect(unexpected(visitor.problems)).toEqual([]);
    await visitor.context.close();
  });

  it('publishes from the console; a signed-out visitor reads the figures in French', async () => {
    await page.getByRole('button', { name: en['scorecards.publish.publish'] }).click();
    await eventually(() =>
      page.getByRole('status').filter({ hasText: en['scorecards.publish.done'] }).count(),
    ).toBe(1);
    const organisation = await admin.get<{ settings: Record<string, unknown> }>('/api/v1/organisation');
    expect(organisation.settings.publishScorecard).toBe(true);
    expect(await page.getByRole('link', { name: `${vigie.url}/scorecards/${slug}` }).count()).toBe(1);

    const visitor = await openWatchedPage(browser, { locale: 'fr-FR' });
    await visitor.page.goto(`${vigie.url}/scorecards/${slug}`);
    await eventually(() => visitor.page.locator('h1').textContent()).toBe(
      fr['scorecards.public.title']!.replace('{organisation}', slug),
    );
    expect(await visitor.page.evaluate<string>('document.documentElement.lang')).toBe('fr');
    // No session: the page is public, not the console.
    expect(await visitor.page.getByRole('navigation', { name: 'Principale' }).count()).toBe(0);
    await eventually(() => overallFigure(visitor.page, 'sent')).toBe(String(card.overall.sent));
    expect(plain(await overallFigure(visitor.page, 'acknowledged'))).toBe(
      shareText('fr', card.overall.acknowledgedShare, card.overall.acknowledged),
    );
    expect(await chartValues(visitor.page, fr['scorecards.figure.removed24h']!)).toEqual(
      card.platforms.map((p) => p.figures.removedWithin24hShare),
    );
    expect(await visitor.page.getByRole('heading', { name: fr['scorecards.methodology'] }).count()).toBe(1);
    expect(unexpected(visitor.problems)).toEqual([]);
    await visitor.context.close();
  });

  it('mirrors the charts for Arabic readers', async () => {
    const visitor = await openWatchedPage(browser, { locale: 'ar' });
    await visitor.page.goto(`${vigie.url}/scorecards/${slug}`);
    const bar = visitor.page.getByTestId('chart-bar').first();
    await bar.waitFor();
    const label = await bar.locator('text.chart-label').boundingBox();
    const rect = await bar.locator('rect.chart-bar').boundingBox();
    // Right to left: the platform's name sits to the right of its bar.
    expect(label && rect && label.x > rect.x + rect.width).toBe(true);
    await visitor.context.close();
  });

  it('says "not published" again after unpublishing', async () => {
    await page.getByRole('button', { name: en['scorecards.publish.unpublish'] }).click();
    await eventually(() =>
      page.getByRole('status').filter({ hasText: en['scorecards.publish.undone'] }).count(),
    ).toBe(1);
    const visitor = await openWatchedPage(browser, { locale: 'en-GB' });
    await visitor.page.goto(`${vigie.url}/scorecards/${slug}`);
    await eventually(() => visitor.page.getByText(en['scorecards.public.notPublished']!).count()).toBe(1);
    await visitor.context.close();
    expect(unexpected(console_.problems)).toEqual([]);
  });
});
