/**
 * Screenshots: Chromium renders the captured page, but every request it makes passes the outbound
 * policy — an image on a loopback port that is not allow-listed never receives a request.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../../test-support/requirements.ts';
import { captureSettings, captureUrl } from '../../src/evidence/index.ts';
import { systemActor } from '../../src/identity/actor.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';
import { startSite, type LocalSite } from './support.ts';

const haveChromium = needs('chromium', existsSync('/usr/bin/chromium'), 'apt-get install chromium');

describe.skipIf(!haveChromium)('capture screenshot through the filtering proxy', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let site: LocalSite;
  let forbidden: LocalSite;

  beforeAll(async () => {
    site = await startSite();
    forbidden = await startSite();
    t = await createTestApp({
      VIGIE_OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${site.port}`,
      VIGIE_EVIDENCE_SCREENSHOTS: '1',
    });
    org = await createTestOrganisation(t, 'Screens', ['evidence:read']);
    site.routes.set('/leaky', (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<html><body style="background:#2a6"><h1>Post</h1><img src="/picture.png">` +
            `<img src="${forbidden.origin}/secret.png"><iframe src="http://localhost:${forbidden.port}/frame"></iframe></body></html>`,
        ),
    );
  });
  afterAll(async () => {
    await t?.close();
    await site?.close();
    await forbidden?.close();
  });

  it(
    'adds a PNG screenshot taken by Chromium; the browser reached only allowed addresses',
    { timeout: 60_000 },
    async () => {
      const items = await captureUrl(
        t.database.storage.db,
        { keyring: t.keyring, dataDir: t.config.dataDir },
        systemActor(org.organisation.id, 'test'),
        { url: `${site.origin}/leaky` },
        await captureSettings(t.config),
        null,
      );
      const shot = items.find((i) => i.role === 'screenshot');
      expect(shot, JSON.stringify(items.map((i) => i.role))).toBeDefined();
      expect(shot!.mediaType).toBe('image/png');
      expect(shot!.tool).toBe('chromium-headless');
      expect(shot!.toolVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(shot!.pdq).toMatch(/^[0-9a-f]{64}$/);
      // The browser fetched the page itself (a second time, after the capture's own fetch) through the proxy.
      expect(site.hits.filter((h) => h === '/leaky').length).toBeGreaterThanOrEqual(2);
      expect(forbidden.hits).toEqual([]);
    },
  );
});
