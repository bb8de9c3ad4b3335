/**
 * The newcomer's path, in a real browser against a freshly started `vigie serve` (issue 8's bar):
 * open the printed address, sign in with the one-time password from the first-start banner, choose
 * a password, find the empty queue explaining what to do, press "Load demo cases", open a demo case,
 * claim it, decide it and see its statement of reasons — with no documentation and no command line.
 * Outcomes are checked through the API too, not only in the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import { apiSession } from './support/api.ts';
import { CHROMIUM_PATH, problemsBesides, type WatchedPage } from './support/browser.ts';
import { WEB_DIR } from './support/build.ts';
import { startConsole, type RunningConsole } from './support/console.ts';
import type { VigieProcess } from './support/server.ts';

const ok = needs('chromium', existsSync(CHROMIUM_PATH), 'apt-get install chromium');

const NEW_PASSWORD = 'my own long passphrase';
/** Scrypt hashing, seeding and a busy 2-core machine make some answers slow: wait generously. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 100 });
const english = JSON.parse(readFileSync(path.join(WEB_DIR, 'src/i18n/en.json'), 'utf8')) as Record<
  string,
  string
>;
/** Chromium logs the signed-out session check (401) as a console error; nothing else may appear. */
const unexpected = problemsBesides(401);

interface CaseView {
  id: string;
  reference: string;
  status: string;
}

describe.skipIf(!ok)('a newcomer in Chromium', () => {
  let started: RunningConsole;
  let vigie: VigieProcess;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    // No password change beforehand: the test signs in with the one-time password, as a newcomer would.
    started = await startConsole();
    ({ vigie, watched, page } = started);
  });

  afterAll(() => started?.close());

  const heading = () => page.locator('h1').textContent();

  it('signs in with the printed one-time password and chooses a password', async () => {
    await page.goto(vigie.url);
    await eventually(heading).toBe('Sign in');
    await page.getByLabel('Email').fill(vigie.admin.email);
    await page.getByLabel('Password').fill(vigie.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(heading).toBe('Choose your password');
    await page.getByLabel('Current password').fill(vigie.admin.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await eventually(heading).not.toBe('Choose your password');
  });

  it('finds an empty queue that explains itself and offers demo cases', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    await eventually(heading).toBe('Review queue');
    await eventually(() => page.getByText(english['queue.demoExplain'] as string).count()).toBe(1);
    expect(await page.getByTestId('queue-count').textContent()).toBe('0 of 0 cases');
  });

  let decidedCase: CaseView;

  it('loads demo cases with one press, and the queue fills', async () => {
    await page.getByRole('button', { name: 'Load demo cases' }).click();
    const loaded = page.getByRole('status').filter({ hasText: /demo cases loaded/ });
    await eventually(() => loaded.count()).toBe(1);
    expect(await loaded.textContent()).toMatch(/^50 demo cases loaded\. Open one: claim it/);

    const admin = await apiSession(vigie.url, vigie.admin.email, NEW_PASSWORD);
    const open = (await admin.get<{ cases: CaseView[] }>('/api/v1/cases?status=open&limit=1000')).cases;
    expect(open.length).toBeGreaterThan(0);
    await eventually(() => page.getByTestId('queue-count').textContent()).toBe(
      `${open.length} of ${open.length} cases`,
    );
    // The explanation and the button are gone once there is work to do.
    expect(await page.getByRole('button', { name: 'Load demo cases' }).count()).toBe(0);

    await page.locator('.case-row').first().click();
    await eventually(heading).toMatch(/^Case /);
    const reference = ((await heading()) ?? '').slice('Case '.length);
    decidedCase = open.find((c) => c.reference === reference) as CaseView;
    expect(decidedCase).toBeDefined();
  });

  it('claims the demo case, decides it and sees its statement of reasons', async () => {
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByLabel('Legal provision').waitFor();
    await page.getByLabel('Legal provision').fill('Art. 24 Loi du 29 juillet 1881 (FR)');
    await page
      .getByLabel('Why the content falls under it')
      .fill('Public incitement to hatred against a group.');
    await page.getByRole('checkbox', { name: 'Text' }).check();
    await page
      .getByLabel('Facts and circumstances')
      .fill('A post reported by the public; incitement to hatred.');
    await page.getByRole('button', { name: 'Preview the statement of reasons' }).click();
    await page.getByTestId('sor-preview').waitFor();
    await page.getByRole('button', { name: 'Record the decision' }).click();

    const statement = page.getByTestId('statement-of-reasons');
    await statement.waitFor({ timeout: 30_000 });
    expect(await statement.textContent()).toContain('Art. 24 Loi du 29 juillet 1881 (FR)');
    const admin = await apiSession(vigie.url, vigie.admin.email, NEW_PASSWORD);
    const detail = await admin.get<{ case: CaseView; decisions: { action: string }[] }>(
      `/api/v1/cases/${decidedCase.id}`,
    );
    expect(detail.case.status).toBe('decided');
    expect(detail.decisions.map((d) => d.action)).toEqual(['remove']);
  });

  it('raised no console errors, CSP violations or uncaught exceptions', () => {
    expect(unexpected(watched.problems)).toEqual([]);
  });
});
