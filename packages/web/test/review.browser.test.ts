/**
 * The review workspace and the public pages in a real browser against a real `vigie serve`:
 * a public report in Arabic (right-to-left), a report carrying `<script>` and `<img onerror>`
 * payloads that must stay inert text, moderator protection (media blurred by default), and a
 * seeded case triaged end to end to a decision whose statement of reasons the console shows.
 * Outcomes are checked through the API, not only in the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import { sessionAfterPasswordChange, type ApiSession } from './support/api.ts';
import { CHROMIUM_PATH, openWatchedPage, problemsBesides, type WatchedPage } from './support/browser.ts';
import { WEB_DIR } from './support/build.ts';
import { startConsole, type ConsoleWithAdmin } from './support/console.ts';
import type { VigieProcess } from './support/server.ts';

const ok = needs('chromium', existsSync(CHROMIUM_PATH), 'apt-get install chromium');

const PASSWORD = 'correct horse battery staple';
const PAYLOAD =
  'Hateful post <script>window.__vigiePwned = "script"</script> <img src=x onerror="window.__vigiePwned = \'img\'"> end';
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });
const catalogue = (code: string) =>
  JSON.parse(readFileSync(path.join(WEB_DIR, `src/i18n/${code}.json`), 'utf8')) as Record<string, string>;
/**
 * Chromium logs every 4xx as a console error. The steps provoke two on purpose: 401 (the signed-out
 * session check) and 403 (the decision maker trying to decide the appeal of their own decision).
 */
const unexpected = problemsBesides(401, 403);

interface CaseView {
  id: string;
  reference: string;
  status: string;
  decisionId: string | null;
}

describe.skipIf(!ok)('review workspace and public pages in Chromium', () => {
  let started: ConsoleWithAdmin;
  let vigie: VigieProcess;
  let browser: Browser;
  let admin: ApiSession;
  let slug: string;
  let console_: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    started = await startConsole({ adminPassword: PASSWORD });
    ({ vigie, browser, admin, watched: console_, page } = started);
    slug = (await admin.get<{ slug: string }>('/api/v1/organisation')).slug;
  });

  afterAll(() => started?.close());

  it('takes a public report in Arabic, laid out right to left, and shows its status page', async () => {
    const ar = catalogue('ar');
    const { page: arabic, problems, context } = await openWatchedPage(browser, { locale: 'ar' });
    await arabic.goto(`${vigie.url}/report/${slug}`);
    await eventually(() => arabic.locator('h1').textContent()).toBe(ar['report.title']);
    expect(
      await arabic.evaluate<string[]>('[document.documentElement.lang, document.documentElement.dir]'),
    ).toEqual(['ar', 'rtl']);
    // Right to left: the form (first column) sits to the right of the explanation of what happens next.
    const form = await arabic.locator('form').boundingBox();
    const aside = await arabic.locator('aside').boundingBox();
    expect(form && aside && form.x > aside.x).toBe(true);
    expect(await arabic.evaluate<string>("getComputedStyle(document.querySelector('form')).direction")).toBe(
      'rtl',
    );

    // Sending nothing shows the catalogue's Arabic messages beside the inputs.
    await arabic.getByRole('button', { name: ar['report.send'] }).click();
    await eventually(() => arabic.getByText(ar['report.errorUrl'] as string).count()).toBe(1);

    await arabic.getByLabel(ar['report.url'] as string).fill('https://social.example/p/42');
    await arabic
      .getByLabel(ar['report.category'] as string)
      .selectOption('STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH');
    await arabic
      .getByLabel(ar['report.explanation'] as string)
      .fill('هذا المنشور يحرض على العنف ضد مجموعة من الناس.');
    await arabic.getByLabel(ar['report.name'] as string).fill('سارة');
    await arabic.getByLabel(ar['report.email'] as string).fill('sara@example.org');
    await arabic.getByLabel(ar['report.goodFaith'] as string).check();
    await arabic.getByRole('button', { name: ar['report.send'] }).click();
    const reference = (await arabic.getByTestId('report-reference').textContent()) ?? '';
    expect(reference).not.toBe('');

    // The reference really exists on the server, and its page shows the Arabic progress.
    const status = await admin.get<{ status: string }>(
      `/api/v1/public/reports/${encodeURIComponent(reference)}`,
    );
    expect(status.status).toBe('received');
    await arabic.getByRole('link', { name: ar['report.followLink'] }).click();
    await eventually(() => arabic.locator('[aria-current="step"]').textContent()).toBe(
      ar['status.step.received'],
    );
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  let payloadCase: CaseView;
  let payloadReference: string;

  it('shows a report carrying <script> and <img onerror> as inert text; nothing runs', async () => {
    const submitted = await fetch(`${vigie.url}/api/v1/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisation: slug,
        url: 'https://forum.example/t/9',
        explanation: PAYLOAD,
        category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
        reporter: { name: 'Test Reporter', email: 'reporter@example.org' },
        goodFaith: true,
      }),
    });
    expect(submitted.status).toBe(201);
    payloadReference = ((await submitted.json()) as { reference: string }).reference;
    const { cases } = await admin.get<{ cases: (CaseView & { url: string })[] }>('/api/v1/cases?status=open');
    payloadCase = cases.find((c) => c.url?.includes('forum.example')) as CaseView;
    expect(payloadCase).toBeDefined();

    await page.goto(`${vigie.url}/login?next=${encodeURIComponent(`/cases/${payloadCase.id}`)}`);
    await page.getByLabel('Email').fill(vigie.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const explanation = page.getByTestId('report-explanation');
    await eventually(() => explanation.textContent()).toBe(PAYLOAD);
    expect(await explanation.locator('img, script').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate<unknown>('window.__vigiePwned')).toBeUndefined();
    expect(unexpected(console_.problems)).toEqual([]);
  });

  it('blurs media by default and reveals one item with one click', async () => {
    const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c0392b' } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.set('caseId', payloadCase.id);
    form.set('file', new Blob([image], { type: 'image/png' }), 'screenshot.png');
    await admin.upload('/api/v1/evidence/uploads', form);

    // Every media request the page makes: before the reveal, only the protected variant may be asked for.
    const mediaRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/v1\/(evidence|cases)\/[^?]*\/(media|content)/.test(request.url()))
        mediaRequests.push(request.url());
    });
    await page.reload();
    const media = page.getByTestId('protected-media');
    await media.waitFor();
    expect(await media.getAttribute('data-revealed')).toBe('false');
    await eventually(() =>
      media.locator('img').evaluate((img) => {
        // Runs in the page; the root tsconfig has no DOM types, so the image's shape is stated here.
        const image = img as unknown as { complete: boolean; naturalWidth: number };
        return image.complete && image.naturalWidth;
      }),
    ).toBeGreaterThan(0);
    expect(mediaRequests.length).toBeGreaterThan(0);
    expect(mediaRequests.every((url) => url.endsWith('?variant=protected'))).toBe(true);
    const filter = () =>
      page.evaluate<string>(
        "getComputedStyle(document.querySelector('[data-testid=protected-media] img')).filter",
      );
    expect(await filter()).toContain('blur');
    expect(await filter()).toContain('grayscale');

    await media.getByRole('button', { name: 'Show' }).click();
    await eventually(() => media.getAttribute('data-revealed')).toBe('true');
    expect(await filter()).not.toContain('blur');
    // The original is fetched on the click, shown from an object URL, and dropped when hidden again.
    const shown = media.locator('img');
    await eventually(() => shown.getAttribute('src')).toMatch(/^blob:/);
    expect(mediaRequests.filter((url) => url.endsWith('?variant=original'))).toHaveLength(1);
    await eventually(() => page.getByText('Items you revealed today: 1').count()).toBe(1);
    await media.getByRole('button', { name: 'Hide again' }).click();
    await eventually(() => shown.getAttribute('src')).toMatch(/\?variant=protected$/);
    expect(await page.locator('[src^="blob:"]').count()).toBe(0);
    await media.getByRole('button', { name: 'Show' }).click();
    await eventually(() => page.getByText('Items you revealed today: 2').count()).toBe(1);
    // Leaving the case blurs it again: coming back starts protected.
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.goBack();
    await eventually(() => page.getByTestId('protected-media').getAttribute('data-revealed')).toBe('false');
  });

  it('applies organisation defaults, and personal settings over them', async () => {
    const mediaState = () => page.getByTestId('protected-media').getAttribute('data-revealed');
    // The organisation turns blurring off for everyone…
    await page.goto(`${vigie.url}/organisation`);
    const defaults = page.locator('section', {
      has: page.getByRole('heading', { name: 'Moderator protection defaults' }),
    });
    await defaults.getByRole('checkbox', { name: 'Blur media until I reveal it' }).uncheck();
    await defaults.getByRole('button', { name: 'Save' }).click();
    await eventually(() => defaults.getByText('Organisation saved.').count()).toBe(1);
    const { settings } = await admin.get<{ settings: Record<string, unknown> }>('/api/v1/organisation');
    expect(settings.moderatorProtection).toEqual(expect.objectContaining({ blur: false }));
    await page.goto(`${vigie.url}/cases/${payloadCase.id}`);
    await eventually(mediaState).toBe('true');
    // …and this reviewer turns it back on for themselves.
    await page.goto(`${vigie.url}/account`);
    await page.getByRole('checkbox', { name: /^Blur media until I reveal it/ }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Your settings were saved.').waitFor();
    await page.goto(`${vigie.url}/cases/${payloadCase.id}`);
    await eventually(mediaState).toBe('false');
  });

  it('shows a user without cases:review only the protected variant of a report attachment, with no Show button', async () => {
    // A public report with an image attachment, opened by an analyst (cases:read, no cases:review) while
    // the organisation's default, set by the previous step, is not to blur: still no original for them.
    const image = await sharp({ create: { width: 48, height: 48, channels: 3, background: '#2980b9' } })
      .png()
      .toBuffer();
    const submitted = await fetch(`${vigie.url}/api/v1/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisation: slug,
        url: 'https://images.example/p/7',
        explanation: 'This image glorifies an attack.',
        category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
        reporter: { name: 'Test Reporter', email: 'reporter@example.org' },
        goodFaith: true,
        attachments: [{ filename: 'post.png', mediaType: 'image/png', data: image.toString('base64') }],
      }),
    });
    expect(submitted.status).toBe(201);
    const { cases } = await admin.get<{ cases: (CaseView & { url: string })[] }>('/api/v1/cases?status=open');
    const imageCase = cases.find((c) => c.url?.includes('images.example')) as CaseView;
    expect(imageCase).toBeDefined();

    const { oneTimePassword } = await admin.send<{ oneTimePassword: string }>('POST', '/api/v1/users', {
      email: 'noor@example.org',
      displayName: 'Noor',
      role: 'analyst',
    });
    await sessionAfterPasswordChange(vigie.url, 'noor@example.org', oneTimePassword, PASSWORD);
    const noor = await openWatchedPage(browser, { locale: 'en-GB' });
    const mediaRequests: string[] = [];
    noor.page.on('request', (request) => {
      if (/\/api\/v1\/cases\/[^?]*\/content/.test(request.url())) mediaRequests.push(request.url());
    });
    await noor.page.goto(`${vigie.url}/login?next=${encodeURIComponent(`/cases/${imageCase.id}`)}`);
    await noor.page.getByLabel('Email').fill('noor@example.org');
    await noor.page.getByLabel('Password').fill(PASSWORD);
    await noor.page.getByRole('button', { name: 'Sign in' }).click();
    const media = noor.page.getByTestId('protected-media');
    await media.waitFor();
    await eventually(() => mediaRequests.length).toBeGreaterThan(0);
    expect(await media.getAttribute('data-revealed')).toBe('false');
    expect(await media.getByRole('button').count()).toBe(0);
    expect(mediaRequests.every((url) => url.endsWith('?variant=protected'))).toBe(true);
    await noor.context.close();
  });

  it('triages a case from the queue to a decision and shows its statement of reasons', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Review queue');
    const row = page.getByRole('link', { name: new RegExp(payloadCase.reference) });
    await row.click();
    await eventually(() => page.locator('h1').textContent()).toBe(`Case ${payloadCase.reference}`);
    await page.getByRole('button', { name: 'Claim' }).click();
    await eventually(
      async () =>
        (await admin.get<{ case: { assignedTo: string | null } }>(`/api/v1/cases/${payloadCase.id}`)).case
          .assignedTo,
    ).not.toBeNull();

    // An incomplete draft is refused in the page, with the reason beside the field.
    await page.getByRole('button', { name: 'Preview the statement of reasons' }).click();
    await eventually(() => page.getByText(/fields need attention/).count()).toBe(1);
    expect(await page.getByLabel('Legal provision').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Legal provision').fill('Art. 24 Loi du 29 juillet 1881 (FR)');
    await page
      .getByLabel('Why the content falls under it')
      .fill('Public incitement to hatred against a group.');
    await page.getByRole('checkbox', { name: 'Text' }).check();
    await page
      .getByLabel('Facts and circumstances')
      .fill('A forum post reported by a user; incitement to hatred.');
    await page.getByLabel('Message to the reporters (optional)').fill('We removed the post. Thank you.');
    await page.getByRole('button', { name: 'Preview the statement of reasons' }).click();
    const preview = page.getByTestId('sor-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('DECISION_VISIBILITY_CONTENT_REMOVED');
    expect(await preview.textContent()).toContain('Art. 24 Loi du 29 juillet 1881 (FR)');
    await page.getByRole('button', { name: 'Record the decision' }).click();

    const statement = page.getByTestId('statement-of-reasons');
    await statement.waitFor();
    expect(await statement.textContent()).toContain('illegal_content_legal_ground');
    expect(await statement.textContent()).toContain('Art. 24 Loi du 29 juillet 1881 (FR)');
    const detail = await admin.get<{ case: CaseView; decisions: { action: string }[] }>(
      `/api/v1/cases/${payloadCase.id}`,
    );
    expect(detail.case.status).toBe('decided');
    expect(detail.decisions.map((d) => d.action)).toEqual(['remove']);
    expect(unexpected(console_.problems)).toEqual([]);
  });

  it('shows the reporter the outcome on /r/<reference> and takes their appeal', async () => {
    const reporter = await openWatchedPage(browser, { locale: 'en-GB' });
    await reporter.page.goto(`${vigie.url}/r/${encodeURIComponent(payloadReference)}`);
    await eventually(() => reporter.page.getByTestId('status-outcome').textContent()).toMatch(
      /^Remove the content · /,
    );
    expect(await reporter.page.locator('[aria-current="step"]').textContent()).toBe('Decided');
    await reporter.page.getByRole('link', { name: 'Appeal the decision' }).click();
    await eventually(() => reporter.page.locator('h1').textContent()).toBe('Appeal a decision');
    expect(await reporter.page.getByLabel('Appeal code or report reference').inputValue()).toBe(
      payloadReference,
    );
    await reporter.page
      .getByLabel('Why do you disagree?')
      .fill('The post quoted the hateful text in order to criticise it.');
    await reporter.page.getByRole('button', { name: 'Send the appeal' }).click();
    await eventually(() => reporter.page.locator('h1').textContent()).toBe('Your appeal was received');
    const { appeals } = await admin.get<{ appeals: { caseId: string; role: string }[] }>(
      '/api/v1/appeals?status=open',
    );
    expect(appeals).toEqual([expect.objectContaining({ caseId: payloadCase.id, role: 'notifier' })]);
    expect(unexpected(reporter.problems)).toEqual([]);
    await reporter.context.close();
  });

  it('refuses the appeal to the decision maker and lets another moderator uphold it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appeals' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Appeals');
    await page.getByText('The post quoted the hateful text in order to criticise it.').waitFor();
    const answer = 'The post repeats the incitement without criticism.';
    await page.getByLabel('Reasoned answer to the complainant').fill(answer);
    await page.getByRole('button', { name: 'Uphold the decision' }).click();
    // Art. 20(6): not the person who decided. The API's refusal is shown in the page's language.
    await eventually(() => page.getByRole('alert').textContent()).toBe(
      catalogue('en')['errors.same_reviewer'],
    );

    const { oneTimePassword } = await admin.send<{ oneTimePassword: string }>('POST', '/api/v1/users', {
      email: 'amina@example.org',
      displayName: 'Amina',
      role: 'moderator',
    });
    await sessionAfterPasswordChange(vigie.url, 'amina@example.org', oneTimePassword, PASSWORD);
    const amina = await openWatchedPage(browser, { locale: 'en-GB' });
    await amina.page.goto(`${vigie.url}/login?next=%2Fappeals`);
    await amina.page.getByLabel('Email').fill('amina@example.org');
    await amina.page.getByLabel('Password').fill(PASSWORD);
    await amina.page.getByRole('button', { name: 'Sign in' }).click();
    await amina.page.getByLabel('Reasoned answer to the complainant').fill(answer);
    await amina.page.getByRole('button', { name: 'Uphold the decision' }).click();
    await eventually(() => amina.page.getByText('No appeal.').count()).toBe(1);
    const { appeals } = await admin.get<{ appeals: { outcome: string | null; statement: string | null }[] }>(
      '/api/v1/appeals?status=decided',
    );
    expect(appeals).toEqual([expect.objectContaining({ outcome: 'upheld', statement: answer })]);
    await amina.context.close();
  });

  it('searches the banks by hash, retracts an entry with a reason, and imports after a dry run', async () => {
    const { bank } = await admin.send<{ bank: { id: string } }>('POST', '/api/v1/banks', {
      name: 'TEST_MD5',
    });
    const value = 'ab'.repeat(16);
    const { entry } = await admin.send<{ entry: { id: string } }>(
      'POST',
      `/api/v1/banks/${bank.id}/entries`,
      {
        signalType: 'md5',
        value,
      },
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hash banks' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Hash banks');
    await page.getByLabel('Signal type').selectOption('md5');
    await page.getByLabel('Value', { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(value) });
    await row.waitFor();
    await row.getByRole('button', { name: 'Retract' }).click();
    await page.getByLabel('Reason for retracting').fill('Source withdrew the hash.');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => row.getByText('Retracted').count()).toBe(1);
    const retracted = await admin.get<{ entry: { status: string; statusReason: string } }>(
      `/api/v1/bank-entries/${entry.id}`,
    );
    expect(retracted.entry).toEqual(
      expect.objectContaining({ status: 'retracted', statusReason: 'Source withdrew the hash.' }),
    );

    await page.getByRole('link', { name: 'TEST_MD5' }).click();
    await page
      .getByLabel('Content to import')
      .fill(`signal_type,value\nmd5,${'cd'.repeat(16)}\nmd5,not-a-hash`);
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /^Skip invalid lines/ }).check();
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    await eventually(() => page.getByTestId('import-preview').textContent()).toContain(
      '1 accepted, 1 rejected',
    );
    const countEntries = async () =>
      (await admin.get<{ entries: unknown[] }>(`/api/v1/banks/${bank.id}/entries`)).entries.length;
    expect(await countEntries()).toBe(1); // the dry run wrote nothing
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await eventually(() => page.getByText('1 entries imported.').count()).toBe(1);
    expect(await countEntries()).toBe(2);
  });

  it('lists 1,000 cases through a window of rows, not 1,000 rows', { timeout: 180_000 }, async () => {
    // Seeded through the platform intake API with a key (the public form is rate-limited per
    // address), 20 at a time; the API lists at most 1,000 open cases.
    const { secret } = await admin.send<{ secret: string }>('POST', '/api/v1/api-keys', {
      name: 'bulk intake',
      permissions: ['reports:submit'],
    });
    const report = (i: number) =>
      fetch(`${vigie.url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({
          url: `https://bulk.example/p/${i}`,
          explanation: `Bulk report number ${i} for the queue.`,
          category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
          reporter: { name: 'Platform intake', email: 'intake@example.org' },
          goodFaith: true,
        }),
      });
    for (let i = 0; i < 1000; i += 20) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, k) => report(i + k)));
      const failed = answers.find((answer) => answer.status !== 201);
      if (failed) throw new Error(`intake refused: ${failed.status} ${await failed.text()}`);
    }
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    const open = (await admin.get<{ cases: unknown[] }>('/api/v1/cases?status=open&limit=1000')).cases.length;
    expect(open).toBe(1000);
    const total = open.toLocaleString('en-GB');
    await eventually(() => page.getByTestId('queue-count').textContent()).toBe(`${total} of ${total} cases`);
    expect(await page.locator('.virtual-row').count()).toBeLessThan(30);
    expect(await page.locator('.virtual-row').first().getAttribute('aria-setsize')).toBe(String(open));
    // The review loop's keys move the selection through the list.
    await page.locator('h1').click();
    for (const key of ['j', 'j', 'j', 'k']) await page.keyboard.press(key);
    expect(await page.locator('.virtual-row.is-active').getAttribute('aria-posinset')).toBe('3');
    // Scrolled to the end, the last case is in the page and the first is gone.
    await page.locator('.virtual-list').evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
    await eventually(() => page.locator(`.virtual-row[aria-posinset="${open}"]`).count()).toBe(1);
    expect(await page.locator('.virtual-row[aria-posinset="1"]').count()).toBe(0);
  });

  it('raised no console errors, CSP violations or uncaught exceptions in the console session', () => {
    expect(unexpected(console_.problems)).toEqual([]);
  });
});
