/**
 * The console in a real browser against a real `vigie serve`: first sign-in with the one-time
 * password from the banner, the forced password change, users, API keys, the audit log and its
 * chain check, jobs, and the Arabic (right-to-left) locale. Results are checked against the API
 * itself (the shown one-time password and key secret must work), not against the page alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import { CHROMIUM_PATH, openWatchedPage, type WatchedPage } from './support/browser.ts';
import { WEB_DIR } from './support/build.ts';
import { startConsole, type RunningConsole } from './support/console.ts';
import type { VigieProcess } from './support/server.ts';

const ok = needs('chromium', existsSync(CHROMIUM_PATH), 'apt-get install chromium');

const NEW_PASSWORD = 'correct horse battery staple';
/** Scrypt hashing and a busy 2-core machine make some answers slow: wait for them generously. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });
const catalogue = (code: string) =>
  JSON.parse(readFileSync(path.join(WEB_DIR, `src/i18n/${code}.json`), 'utf8')) as Record<string, string>;

describe.skipIf(!ok)('console in Chromium', () => {
  let started: RunningConsole;
  let vigie: VigieProcess;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;
  /**
   * Chromium logs every 4xx response as a console error. The steps below provoke these on purpose:
   * 401 (signed-out session check, wrong passwords) and 409 (duplicate email).
   */
  const expectedProblems: RegExp[] = [
    /^error: Failed to load resource: the server responded with a status of (401|409) /,
  ];

  beforeAll(async () => {
    // The first sign-in and the forced password change are steps of this test: no admin session here.
    started = await startConsole({ page: { width: 1280, height: 800 } });
    ({ vigie, browser, watched, page } = started);
  });

  afterAll(() => started?.close());

  let nadiaPassword = '';
  const api = (path: string, init: RequestInit = {}) => fetch(vigie.url + path, init);
  const signIn = (email: string, password: string) =>
    api('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  const navTo = async (name: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
    await eventually(() => page.locator('h1').textContent()).toBe(name);
  };

  it('serves the console under the strict CSP and sends a signed-out visitor to sign-in', async () => {
    const response = await page.goto(vigie.url + '/users');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    await page.waitForURL(/\/login\?next=%2Fusers$/);
    expect(await langAndDir(page)).toEqual(['en', 'ltr']);
    await eventually(() => page.locator('h1').textContent()).toBe('Sign in');
  });

  it('refuses a wrong password with a message', async () => {
    await page.getByLabel('Email').fill(vigie.admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toBe('The email or password is wrong.');
  });

  it('signs in with the one-time password and forces a new password first', async () => {
    await page.getByLabel('Password').fill(vigie.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Choose your password');

    // Checked in the page before any request: too short, then a mismatch.
    await page.getByLabel('Current password').fill(vigie.admin.password);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Confirm the new password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    const newPassword = page.getByLabel('New password', { exact: true });
    await eventually(() => newPassword.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await newPassword.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).toBe(
      'Use at least 12 characters.',
    );

    // The API's own answer lands beside the right input: a wrong current password.
    await page.getByLabel('Current password').fill('wrong-current-password');
    await newPassword.fill(NEW_PASSWORD);
    await page.getByLabel('Confirm the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await eventually(() => page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('The current password is wrong.').count()).toBe(1);

    await page.getByLabel('Current password').fill(vigie.admin.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    // Then on to the page asked for before signing in.
    await eventually(() => page.locator('h1').textContent()).toBe('Users');
    expect(new URL(page.url()).pathname).toBe('/users');

    const login = await signIn(vigie.admin.email, NEW_PASSWORD);
    expect(login.status).toBe(200);
    expect(((await login.json()) as { passwordChangeRequired: boolean }).passwordChangeRequired).toBe(false);
  });

  it('shows only the screens that exist in the navigation', async () => {
    const items = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(items).toEqual([
      'Queue',
      'Appeals',
      'Hash banks',
      'Incidents',
      'Notices',
      'Platforms',
      'Evidence',
      'Scorecards',
      'Organisation',
      'Users',
      'API keys',
      'Decision webhooks',
      'Language packs',
      'Audit log',
      'Jobs',
    ]);
  });

  it('creates a user whose one-time password, shown once, really signs in', async () => {
    await page.getByLabel('Email', { exact: true }).fill('nadia@example.org');
    await page.getByLabel('Display name (optional)').fill('Nadia Benali');
    await page.getByLabel('Role', { exact: true }).selectOption('analyst');
    await page.getByRole('button', { name: 'Add user' }).click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    nadiaPassword = (await secret.textContent()) ?? '';
    const login = await signIn('nadia@example.org', nadiaPassword);
    expect(login.status).toBe(200);
    expect(((await login.json()) as { passwordChangeRequired: boolean }).passwordChangeRequired).toBe(true);

    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('secret-value').count()).toBe(0);
    const row = page.getByRole('row', { name: /Nadia Benali/ });
    await row.waitFor();
    expect(await row.getByText('Awaiting first sign-in').count()).toBe(1);
  });

  it('puts the API error for a duplicate email beside the email input', async () => {
    const email = page.getByLabel('Email', { exact: true });
    await email.fill('NADIA@example.org');
    await page.getByRole('button', { name: 'Add user' }).click();
    await eventually(() => email.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await email.getAttribute('aria-describedby')) ?? '').split(' ').pop();
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('This already exists.');
  });

  it('changes a role and disables a user', async () => {
    await page.getByLabel('Role of Nadia Benali').selectOption('auditor');
    await eventually(() =>
      page.getByRole('status').filter({ hasText: 'Nadia Benali is now Auditor.' }).count(),
    ).toBe(1);
    await page.getByRole('button', { name: 'Disable — Nadia Benali' }).click();
    const row = page.getByRole('row', { name: /Nadia Benali/ });
    await eventually(() => row.getByText('Disabled').count()).toBe(1);
    // The API agrees: a disabled user can no longer sign in.
    expect((await signIn('nadia@example.org', nadiaPassword)).status).toBe(401);
  });

  it('creates an API key whose secret, shown once, works until it is revoked', async () => {
    await navTo('API keys');
    await page.getByLabel('Key name').fill('Trust dashboard');
    // Without a permission the form says so and sends nothing.
    await page.getByRole('button', { name: 'Create key' }).click();
    expect(await page.getByText('Choose at least one permission.').count()).toBe(1);
    await page.getByRole('checkbox', { name: /Read the audit log/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    const bearer = { authorization: `Bearer ${(await secret.textContent()) ?? ''}` };
    expect((await api('/api/v1/audit?limit=1', { headers: bearer })).status).toBe(200);
    expect((await api('/api/v1/users', { headers: bearer })).status).toBe(403);

    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Revoke — Trust dashboard' }).click();
    await page
      .getByRole('group', { name: /Revoke Trust dashboard now/ })
      .getByRole('button', { name: 'Revoke' })
      .click();
    const row = page.getByRole('row', { name: /Trust dashboard/ });
    await eventually(() => row.getByText('Revoked').count()).toBe(1);
    expect((await api('/api/v1/audit?limit=1', { headers: bearer })).status).toBe(401);
  });

  it('lists the audit log, filters it by action and verifies the chain', async () => {
    await navTo('Audit log');
    const actions = () => page.locator('tbody tr td:nth-child(4)').allTextContents();
    await eventually(actions).toEqual(
      expect.arrayContaining(['user.create', 'apikey.create', 'apikey.revoke', 'user.change_password']),
    );
    const all = await actions();
    expect(all.length).toBeGreaterThanOrEqual(8);

    await page.getByLabel('Action').fill('user.update');
    await page.getByRole('button', { name: 'Filter' }).click();
    await eventually(actions).toEqual(['user.update', 'user.update']);

    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const expected = (await (
      await api('/api/v1/audit/verify', { headers: { cookie: await sessionCookie(page) } })
    ).json()) as { entries: number };
    await eventually(() => page.locator('.verify-result').textContent()).toMatch(
      new RegExp(`^Chain intact: ${expected.entries} entries checked\\.`),
    );
  });

  it('lists jobs and filters them by status', async () => {
    await navTo('Jobs');
    await page.getByLabel('Status').selectOption('dead');
    await eventually(() => page.getByText('No jobs.').count()).toBe(1);
  });

  it('renames the organisation', async () => {
    await navTo('Organisation');
    await page.getByLabel('Organisation name').fill('Example Moderation Team');
    // The page has a second form (moderator-protection defaults): save the one holding the name.
    await page
      .locator('form', { has: page.getByLabel('Organisation name') })
      .getByRole('button', { name: 'Save' })
      .click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'Organisation saved.' }).count()).toBe(
      1,
    );
    const organisation = (await (
      await api('/api/v1/organisation', { headers: { cookie: await sessionCookie(page) } })
    ).json()) as { name: string };
    expect(organisation.name).toBe('Example Moderation Team');
  });

  it('reaches the main content from the keyboard through the skip link', async () => {
    await page.reload();
    await page.locator('h1').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe(
      'Skip to main content',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('main');
  });

  it('switches to Arabic, right to left, and remembers the choice', async () => {
    await page.getByLabel('Language').selectOption('ar');
    await eventually(() => langAndDir(page).then(([, dir]) => dir)).toBe('rtl');
    expect(await langAndDir(page).then(([lang]) => lang)).toBe('ar');
    const arabic = catalogue('ar');
    await eventually(() => page.locator('h1').textContent()).toBe(arabic['organisation.title']);
    await page.reload();
    await eventually(() => langAndDir(page)).toEqual(['ar', 'rtl']);
    await eventually(() => page.locator('h1').textContent()).toBe(arabic['organisation.title']);
    const navItems = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(navItems).toEqual(
      [
        'nav.queue',
        'nav.appeals',
        'nav.banks',
        'nav.incidents',
        'nav.notices',
        'nav.platforms',
        'nav.evidence',
        'nav.scorecards',
        'nav.organisation',
        'nav.users',
        'nav.apiKeys',
        'nav.webhooks',
        'nav.languagePacks',
        'nav.audit',
        'nav.jobs',
      ].map((key) => arabic[key]),
    );
    // The navigation sits at the inline start, which is the right-hand side in Arabic.
    const nav = await page.getByRole('navigation').boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(nav && main && nav.x > main.x).toBe(true);
  });

  it('picks the browser language on a first visit', async () => {
    const french = await openWatchedPage(browser, { locale: 'fr-FR' });
    await french.page.goto(vigie.url + '/login');
    await eventually(() => langAndDir(french.page).then(([lang]) => lang)).toBe('fr');
    await eventually(() => french.page.locator('h1').textContent()).toBe(catalogue('fr')['login.title']);
    expect(french.problems.filter((p) => !expectedProblems.some((re) => re.test(p)))).toEqual([]);
    await french.context.close();
  });

  it('raised no console errors, CSP violations or uncaught exceptions', () => {
    expect(watched.problems.filter((p) => !expectedProblems.some((re) => re.test(p)))).toEqual([]);
  });
});

/** `lang` and `dir` of <html>. A string expression: this file is type-checked without the DOM library. */
function langAndDir(page: Page): Promise<[string, string]> {
  return page.evaluate<[string, string]>('[document.documentElement.lang, document.documentElement.dir]');
}

async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
