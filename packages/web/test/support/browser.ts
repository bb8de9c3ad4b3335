/** Headless Chromium for the browser tests, and a page that records every console error. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, CSP violations and uncaught exceptions seen so far. */
  problems: string[];
}

/** A page's locale and viewport size (en-GB and 1280 × 800 when left out). */
export interface PageOptions {
  locale?: string;
  width?: number;
  height?: number;
}

export async function openWatchedPage(browser: Browser, options: PageOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // CSP violations are reported as console errors by Chromium.
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { context, page, problems };
}

/**
 * A filter keeping the problems other than the console errors Chromium logs for responses with one of
 * `statuses`: it logs every 4xx, so a test names the ones it provokes (or expects) on purpose.
 */
export function problemsBesides(...statuses: number[]): (problems: string[]) => string[] {
  const expected = new RegExp(
    `^error: Failed to load resource: the server responded with a status of (${statuses.join('|')}) `,
  );
  return (problems) => problems.filter((problem) => !expected.test(problem));
}
