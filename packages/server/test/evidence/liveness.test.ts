/** Liveness re-checks, run through the real job handler against a local site whose answers change. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureSettings,
  captureUrl,
  LIVENESS_CHECK_JOB,
  livenessCheckHandler,
  type Vault,
} from '../../src/evidence/index.ts';
import { systemActor } from '../../src/identity/actor.ts';
import { toJob } from '../../src/jobs/outbox.ts';
import { outboundOptions } from '../../src/outbound/index.ts';
import { type TestApp, type TestOrganisation } from '../support/app.ts';
import { createEvidenceTestApp, patternPng, type LocalSite } from './support.ts';
import sharp from 'sharp';

let t: TestApp;
let org: TestOrganisation;
let site: LocalSite;
let vault: Vault;

beforeAll(async () => {
  ({ site, t, org } = await createEvidenceTestApp('Liveness', ['evidence:read'], {
    VIGIE_LIVENESS_DELAYS: '1d,2d,7d',
  }));
  vault = { keyring: t.keyring, dataDir: t.config.dataDir };
});
afterAll(async () => {
  await t?.close();
  await site?.close();
});

/** Runs every liveness job of the item now (as the worker would when they fall due), in schedule order. */
async function runChecks(itemId: string, change: Array<() => void>): Promise<void> {
  const db = t.database.storage.db;
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', LIVENESS_CHECK_JOB)
    .orderBy('run_at')
    .execute();
  const jobs = rows.map(toJob).filter((j) => (j.payload as { itemId: string }).itemId === itemId);
  expect(jobs).toHaveLength(change.length);
  const handler = livenessCheckHandler(() => outboundOptions(t.config));
  for (const [index, job] of jobs.entries()) {
    change[index]!();
    const effects = await handler(job, db);
    if (effects) await db.transaction().execute(effects);
  }
}

async function checksOf(itemId: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/evidence/${itemId}/liveness`,
    headers: org.apiKeyHeaders,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().checks as Array<{
    afterDays: number;
    outcome: string;
    stillOnline: boolean;
    httpStatus: number | null;
    sameContent: boolean;
    pdqDistance: number | null;
  }>;
}

describe('liveness re-checks', () => {
  it('records still online (same content), then changed, then removed, with the days after capture', async () => {
    const actor = systemActor(org.organisation.id, 'test');
    const items = await captureUrl(
      t.database.storage.db,
      vault,
      actor,
      { url: `${site.origin}/post` },
      await captureSettings(t.config),
      null,
    );
    const page = items.find((i) => i.role === 'page')!;
    const original = site.routes.get('/post')!;
    await runChecks(page.id, [
      () => {},
      () =>
        site.routes.set('/post', (_req, res) =>
          res.writeHead(200, { 'content-type': 'text/html' }).end('<p>edited</p>'),
        ),
      () => site.routes.delete('/post'),
    ]);
    site.routes.set('/post', original);
    const checks = await checksOf(page.id);
    expect(checks.map((c) => [c.afterDays, c.outcome, c.stillOnline, c.httpStatus, c.sameContent])).toEqual([
      [1, 'online_same', true, 200, true],
      [2, 'online_changed', true, 200, false],
      [7, 'removed', false, 404, false],
    ]);
  });

  it('compares images by PDQ: a re-encoded copy is the same picture, another picture is not', async () => {
    const actor = systemActor(org.organisation.id, 'test');
    const png = await patternPng();
    site.routes.set('/image', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    const [page] = await captureUrl(
      t.database.storage.db,
      vault,
      actor,
      { url: `${site.origin}/image` },
      await captureSettings(t.config),
      null,
    );
    const reencoded = await sharp(png).jpeg({ quality: 90 }).toBuffer();
    const other = await patternPng(5);
    const serve = (bytes: Buffer, type: string) => () =>
      site.routes.set('/image', (_req, res) => res.writeHead(200, { 'content-type': type }).end(bytes));
    await runChecks(page!.id, [
      serve(png, 'image/png'),
      serve(reencoded, 'image/jpeg'),
      serve(other, 'image/png'),
    ]);
    const checks = await checksOf(page!.id);
    expect(checks.map((c) => c.outcome)).toEqual(['online_same', 'online_similar', 'online_changed']);
    expect(checks[1]!.pdqDistance).toBeLessThanOrEqual(31);
    expect(checks[2]!.pdqDistance).toBeGreaterThan(31);
  });

  it('records a URL that now redirects to a private address as refused, not as online', async () => {
    const actor = systemActor(org.organisation.id, 'test');
    site.routes.set('/moving', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('here'),
    );
    const [page] = await captureUrl(
      t.database.storage.db,
      vault,
      actor,
      { url: `${site.origin}/moving` },
      await captureSettings(t.config),
      null,
    );
    const redirect = () =>
      site.routes.set('/moving', (_req, res) =>
        res.writeHead(302, { location: 'http://169.254.169.254/' }).end(),
      );
    await runChecks(page!.id, [
      redirect,
      redirect,
      () => site.routes.set('/moving', (_req, res) => res.writeHead(451).end()),
    ]);
    const checks = await checksOf(page!.id);
    expect(checks.map((c) => c.outcome)).toEqual(['refused', 'refused', 'restricted']);
  });
});
