/**
 * Writes PNGs of the main console screens to docs/screenshots/ for the documentation and for review.
 * Not a test (vitest only runs *.test.ts): `npm run screenshots -w @vigie/web`.
 * It drives a real `vigie serve` and Chromium with the same helpers as the browser tests.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../../test-support/requirements.ts';
import { startConsole } from './support/console.ts';
import type { VigieProcess } from './support/server.ts';
import { apiSession } from './support/api.ts';
import sharp from 'sharp';

const OUT_DIR = path.join(REPO_ROOT, 'docs/screenshots');
const PASSWORD = 'correct horse battery staple';

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(OUT_DIR, `${name}.png`), fullPage: true });
  console.log(`docs/screenshots/${name}.png`);
}

/** Polls from Node: the page's CSP forbids the eval behind `page.waitForFunction`. */
async function waitForLang(page: Page, lang: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await page.evaluate<string>('document.documentElement.lang')) === lang) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the page never switched to ${lang}`);
}

/** Adds colleagues through the API with the browser's session, so the lists look lived-in. */
async function seedUsers(vigie: VigieProcess, page: Page): Promise<void> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const session = (await (
    await fetch(`${vigie.url}/api/v1/auth/session`, { headers: { cookie } })
  ).json()) as { csrfToken: string };
  const people = [
    { email: 'amina.diallo@example.org', displayName: 'Amina Diallo', role: 'moderator' },
    { email: 'lucas.martin@example.org', displayName: 'Lucas Martin', role: 'analyst' },
    { email: 'priya.raman@example.org', displayName: 'Priya Raman', role: 'auditor' },
  ];
  for (const person of people) {
    await fetch(`${vigie.url}/api/v1/users`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(person),
    });
  }
}

const reportBody = (slug: string, i: number, category: string, explanation: string) => ({
  organisation: slug,
  url: `https://social.example/post/${1000 + i}`,
  explanation,
  category,
  language: ['fr', 'en', 'ar', 'de'][i % 4],
  country: ['FR', 'BE', 'DE', 'ES'][i % 4],
  reporter: { name: `Reporter ${i}`, email: `reporter${i}@example.org` },
  goodFaith: true,
});

/** The review workspace, banks and public pages, with data seeded through the API. */
async function shootReview(vigie: VigieProcess, page: Page): Promise<void> {
  const admin = await apiSession(vigie.url, vigie.admin.email, PASSWORD);
  const { slug } = await admin.get<{ slug: string }>('/api/v1/organisation');
  const categories = [
    [
      'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      'This post calls for violence against a religious group.',
    ],
    ['STATEMENT_CATEGORY_SCAMS_AND_FRAUD', 'Fake investment scheme asking for bank card details.'],
    [
      'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
      'Video praising a terrorist attack, shared in several groups.',
    ],
    ['STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', 'Full film uploaded without permission.'],
  ] as const;
  for (let i = 0; i < 24; i++) {
    const [category, text] = categories[i % categories.length] as readonly [string, string];
    await admin.send('POST', '/api/v1/public/reports', reportBody(slug, i, category, text));
  }

  await page.goto(`${vigie.url}/report/${slug}`);
  await page.getByLabel('Exact address (URL) of the content').fill('https://social.example/post/42');
  await page
    .getByLabel('What kind of problem is it?')
    .selectOption('STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH');
  await shoot(page, 'public-report-form');

  await page.goto(`${vigie.url}/cases`);
  await page
    .getByTestId('queue-count')
    .filter({ hasText: /^24 of 24/ })
    .waitFor();
  await shoot(page, 'review-queue');

  const { cases } = await admin.get<{ cases: { id: string; reference: string }[] }>(
    '/api/v1/cases?status=open',
  );
  const target = cases[0] as { id: string; reference: string };
  const image = await sharp({
    create: { width: 480, height: 320, channels: 3, background: '#b03a2e' },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  form.set('caseId', target.id);
  form.set('file', new Blob([image], { type: 'image/png' }), 'screenshot.png');
  await admin.upload('/api/v1/evidence/uploads', form);
  await page.goto(`${vigie.url}/cases/${target.id}`);
  await page.getByTestId('protected-media').waitFor();
  await shoot(page, 'case-view-blurred');

  await page.getByLabel('Legal provision').fill('Art. 24 Loi du 29 juillet 1881 (FR)');
  await page
    .getByLabel('Why the content falls under it')
    .fill('Public incitement to hatred against a group.');
  await page.getByRole('checkbox', { name: 'Text' }).check();
  await page.getByLabel('Facts and circumstances').fill('Post reported by users; incitement to violence.');
  await page.getByRole('button', { name: 'Preview the statement of reasons' }).click();
  await page.getByTestId('sor-preview').waitFor();
  await shoot(page, 'case-decision-preview');

  const { bank } = await admin.send<{ bank: { id: string } }>('POST', '/api/v1/banks', {
    name: 'TERROR_PDQ',
    description: 'Known terrorist imagery (hash-sharing partners)',
    action: 'review',
  });
  for (let i = 0; i < 4; i++) {
    await admin.send('POST', `/api/v1/banks/${bank.id}/entries`, {
      signalType: 'sha256',
      value: (i + 1).toString(16).repeat(64),
      labels: ['gifct:glorification-of-terrorist-acts'],
      source: 'partner-feed',
    });
  }
  await page.goto(`${vigie.url}/banks/${bank.id}`);
  await page
    .getByLabel('Content to import')
    .fill('signal_type,value\nmd5,0123456789abcdef0123456789abcdef\nmd5,not-a-hash');
  await page.getByRole('button', { name: 'Preview (dry run)' }).click();
  await page.getByTestId('import-preview').waitFor();
  await shoot(page, 'bank-import-preview');

  await page.goto(`${vigie.url}/account`);
  await page.getByRole('heading', { name: 'Moderator protection' }).waitFor();
  await shoot(page, 'account-protection');

  const arabic = await page
    .context()
    .browser()
    ?.newContext({ locale: 'ar', viewport: { width: 1280, height: 800 } });
  if (arabic) {
    const arabicPage = await arabic.newPage();
    await arabicPage.goto(`${vigie.url}/report/${slug}`);
    await waitForLang(arabicPage, 'ar');
    await arabicPage.locator('h1').waitFor();
    await shoot(arabicPage, 'public-report-ar-rtl');
    await arabic.close();
  }
}

/** Notices, scorecards and language packs, over the demo dataset the console's own button seeds. */
async function shootCivilSociety(vigie: VigieProcess, page: Page): Promise<void> {
  const admin = await apiSession(vigie.url, vigie.admin.email, PASSWORD);
  await admin.send('POST', '/api/v1/demo/seed', { cases: 60 });

  await page.goto(`${vigie.url}/notices`);
  await page.getByTestId('notice-row').first().waitFor();
  await shoot(page, 'notices');

  await page.goto(`${vigie.url}/scorecards`);
  await page.getByTestId('chart-bar').first().waitFor();
  await shoot(page, 'scorecards');

  await page.goto(`${vigie.url}/language-packs/fr`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await shoot(page, 'language-pack-editor');
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const started = await startConsole({ page: { width: 1280, height: 800 } });
  const { vigie, page } = started;
  const { problems } = started.watched;
  try {
    await page.goto(`${vigie.url}/login`);
    await page.getByLabel('Email').fill(vigie.admin.email);
    await shoot(page, 'login');
    await page.getByLabel('Password').fill(vigie.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Current password').fill(vigie.admin.password);
    await shoot(page, 'password-change-required');
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm the new password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    await page.goto(`${vigie.url}/organisation`);
    await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    await shoot(page, 'organisation');

    await seedUsers(vigie, page);
    await page.goto(`${vigie.url}/users`);
    await page.getByLabel('Email', { exact: true }).fill('kofi.mensah@example.org');
    await page.getByLabel('Display name (optional)').fill('Kofi Mensah');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByTestId('secret-value').waitFor();
    await page.getByRole('row', { name: /Kofi Mensah/ }).waitFor();
    await shoot(page, 'users');

    await page.goto(`${vigie.url}/api-keys`);
    await page.getByLabel('Key name').fill('Hash-matching pipeline');
    await page.getByRole('checkbox', { name: /Read the audit log/ }).check();
    await page.getByRole('checkbox', { name: /See jobs/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByTestId('secret-value').waitFor();
    await page.getByRole('row', { name: /Hash-matching pipeline/ }).waitFor();
    await shoot(page, 'api-keys');

    await page.goto(`${vigie.url}/audit`);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText(/^Chain intact/).waitFor();
    await shoot(page, 'audit-log');

    await page.goto(`${vigie.url}/jobs`);
    await page.getByText('No jobs.').waitFor();
    await shoot(page, 'jobs');

    await shootReview(vigie, page);
    await shootCivilSociety(vigie, page);

    await page.goto(`${vigie.url}/users`);
    await page.getByLabel('Language').selectOption('ar');
    await waitForLang(page, 'ar');
    await page.getByRole('row', { name: /Kofi Mensah/ }).waitFor();
    await shoot(page, 'users-ar-rtl');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.locale-switcher select').selectOption('fr');
    await waitForLang(page, 'fr');
    await shoot(page, 'users-fr-mobile');

    if (problems.length) console.warn(`console problems while shooting:\n${problems.join('\n')}`);
  } finally {
    await started.close();
  }
}

await main();
