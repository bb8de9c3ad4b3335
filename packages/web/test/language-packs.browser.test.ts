/**
 * The language-pack editor in a real browser against a real `vigie serve`: remove a shipped term and
 * add one of the organisation's own, save with a note, see the new term fire in the "test a sentence"
 * box, find the version in the history, and return to the shipped pack. Each outcome is also checked
 * through the API, not only in the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { validatePack } from '@vigie/classify';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import type { ApiSession } from './support/api.ts';
import { CHROMIUM_PATH, problemsBesides, type WatchedPage } from './support/browser.ts';
import { startConsole, type ConsoleWithAdmin } from './support/console.ts';
import type { VigieProcess } from './support/server.ts';

const ok = needs('chromium', existsSync(CHROMIUM_PATH), 'apt-get install chromium');

const PASSWORD = 'correct horse battery staple';
/** A made-up word no shipped pack holds: only the organisation's version can make it fire. */
const NEW_TERM = 'blorptoad*';
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });
/** Chromium logs every 4xx as a console error; only the signed-out session check (401) is expected. */
const unexpected = problemsBesides(401);

interface PackAnswer {
  effective: { dehumanising: string[] };
  override: { version: number; changes: Record<string, { add: string[]; remove: string[] }> | null } | null;
}

describe.skipIf(!ok)('language-pack editor in Chromium', () => {
  let started: ConsoleWithAdmin;
  let vigie: VigieProcess;
  let admin: ApiSession;
  let watched: WatchedPage;
  let page: Page;
  let dehumanising: Locator;

  beforeAll(async () => {
    started = await startConsole({ adminPassword: PASSWORD });
    ({ vigie, admin, watched, page } = started);
    await page.goto(vigie.url + '/login');
    await page.getByLabel('Email').fill(vigie.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  afterAll(() => started?.close());

  it('lists the shipped languages, none edited yet', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Language packs' })
      .click();
    await eventually(() => page.locator('h1').textContent()).toBe('Language packs');
    const english = page.getByRole('row', { name: /^English en / });
    await eventually(() => english.textContent()).toContain('Shipped pack');
    expect(await page.getByRole('row').count()).toBeGreaterThan(23);
  });

  it('removes a shipped term, adds one, and saves them as version 1 with a note', async () => {
    await page.getByRole('link', { name: 'English', exact: true }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('English language pack (en)');
    dehumanising = page.locator('details', { hasText: 'Dehumanising expressions' });
    await dehumanising.locator('summary').click();
    await dehumanising.getByRole('button', { name: 'Remove vermin', exact: true }).click();
    await dehumanising.getByLabel('New term (Dehumanising expressions)').fill(NEW_TERM);
    await dehumanising.getByRole('button', { name: 'Add', exact: true }).click();
    await eventually(() => dehumanising.locator('.pack-term-added').textContent()).toContain(NEW_TERM);
    expect(await dehumanising.locator('.pack-term-removed').textContent()).toContain('vermin');
    expect(await page.getByText('Unsaved changes: +1 −1 against the shipped pack.').count()).toBe(1);

    // A save without a note is stopped in the page.
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await eventually(() => page.getByLabel('Change note').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Change note').fill('Local insult from our reports; vermin fires on pest control');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await eventually(() =>
      page.getByText('Version 1 saved. The classifier uses it from now on.').count(),
    ).toBe(1);

    const pack = await admin.get<PackAnswer>('/api/v1/language-packs/en');
    expect(pack.override?.version).toBe(1);
    expect(pack.override?.changes).toEqual({ dehumanising: { add: [NEW_TERM], remove: ['vermin'] } });
    expect(pack.effective.dehumanising).toContain(NEW_TERM);
    expect(pack.effective.dehumanising).not.toContain('vermin');
  });

  it('downloads the pack in use as a vigie.langpack/1 file for peers', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as a pack file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('en.json');
    const file = await download.path();
    const pack = validatePack(JSON.parse(readFileSync(file, 'utf8')));
    expect(pack.version).toBe('0.1.0+org.1');
    expect(pack.dehumanising).toContain(NEW_TERM);
    expect(pack.dehumanising).not.toContain('vermin');
  });

  it('shows the new term firing when a sentence is tested', async () => {
    await page.getByLabel('Sentence', { exact: true }).fill('Those immigrants are blorptoads.');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const signals = page.locator('.pack-signals');
    await eventually(() => signals.textContent()).toContain(`Dehumanising expressions: ${NEW_TERM}`);
    expect(await signals.textContent()).toContain('Identity terms: immigrant*');
  });

  it('lists the version in the history and returns to the shipped pack', async () => {
    const history = page.getByRole('region', { name: 'Version history' });
    await eventually(() => history.getByRole('row').nth(1).textContent()).toContain(
      'Local insult from our reports',
    );
    expect(await history.getByRole('row').nth(1).textContent()).toContain('+1 −1');

    await page.getByLabel('Change note').fill('Back to the shipped list');
    await page.getByRole('button', { name: 'Return to the shipped pack' }).click();
    await eventually(() => page.getByText('Version 2 saved: the shipped pack is in use again.').count()).toBe(
      1,
    );
    await eventually(() => history.getByRole('row').nth(1).textContent()).toContain(
      'Returned to the shipped pack',
    );

    const pack = await admin.get<PackAnswer>('/api/v1/language-packs/en');
    expect(pack.override).toMatchObject({ version: 2, changes: null });
    expect(pack.effective.dehumanising).toContain('vermin');
  });

  it('raised no console errors, CSP violations or uncaught exceptions', () => {
    expect(unexpected(watched.problems)).toEqual([]);
  });
});
