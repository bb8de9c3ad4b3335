/**
 * What a browser test of the console stands on, started in one call and stopped with one `close()`:
 * the built console, a `vigie serve` of its own, headless Chromium with a watched page and, when the
 * test asks for it, an API session of the first-start admin after the forced password change.
 */
import type { Browser, Page } from 'playwright-core';
import { sessionAfterPasswordChange, type ApiSession } from './api.ts';
import { launchChromium, openWatchedPage, type PageOptions, type WatchedPage } from './browser.ts';
import { ensureConsoleBuilt } from './build.ts';
import { startVigie, type VigieProcess } from './server.ts';

export interface ConsoleOptions {
  /** Added to (or overriding) the server's environment, as `startVigie(env)` takes it. */
  env?: Record<string, string>;
  /**
   * Replaces the admin's one-time password with this one through the API and signs `admin` in with it.
   * Left out, the admin still has the one-time password from the banner (`vigie.admin.password`).
   */
  adminPassword?: string;
  /** The watched page: en-GB and 1400 × 900 unless said otherwise. */
  page?: PageOptions;
}

export interface RunningConsole {
  vigie: VigieProcess;
  browser: Browser;
  /** The first page, whose console errors, CSP violations and uncaught exceptions are recorded. */
  watched: WatchedPage;
  page: Page;
  /** Closes Chromium, then stops the server (and drops its data). */
  close(): Promise<void>;
}

export interface ConsoleWithAdmin extends RunningConsole {
  admin: ApiSession;
}

export function startConsole(options: ConsoleOptions & { adminPassword: string }): Promise<ConsoleWithAdmin>;
export function startConsole(options?: ConsoleOptions): Promise<RunningConsole>;
export async function startConsole(
  options: ConsoleOptions = {},
): Promise<RunningConsole & { admin?: ApiSession }> {
  let vigie: VigieProcess | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await vigie?.stop();
  };
  try {
    ensureConsoleBuilt();
    vigie = await startVigie(options.env);
    browser = await launchChromium();
    const admin =
      options.adminPassword === undefined
        ? undefined
        : await sessionAfterPasswordChange(
            vigie.url,
            vigie.admin.email,
            vigie.admin.password,
            options.adminPassword,
          );
    const watched = await openWatchedPage(browser, {
      locale: 'en-GB',
      width: 1400,
      height: 900,
      ...options.page,
    });
    return { vigie, browser, admin, watched, page: watched.page, close };
  } catch (error) {
    // Nothing is handed back to close, so what did start is stopped here.
    await close();
    throw error;
  }
}
