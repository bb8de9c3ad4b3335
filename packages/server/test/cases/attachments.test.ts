import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAttachmentHandler } from '../../src/cases/jobs.ts';
import type { Job } from '../../src/jobs/outbox.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';
import { notice, publicReport } from './support.ts';

let t: TestApp;
let org: TestOrganisation;

beforeAll(async () => {
  t = await createTestApp({ VIGIE_PUBLIC_RATE_LIMIT: '100000' });
  org = await createTestOrganisation(t, 'Attachments', []);
});
afterAll(async () => t?.close());

/** Runs the hash job the intake enqueued for this report's image, as the worker would. */
async function runHashJob(reference: string) {
  const db = t.database.storage.db;
  const report = await db
    .selectFrom('reports')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  const attachment = await db
    .selectFrom('report_attachments')
    .selectAll()
    .where('report_id', '=', report.id)
    .executeTakeFirstOrThrow();
  const job = await db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', 'cases.hash_attachment')
    .where('payload', 'like', `%${attachment.id}%`)
    .executeTakeFirstOrThrow();
  const handler = hashAttachmentHandler({ keyring: t.keyring, dataDir: t.config.dataDir });
  const effects = await handler({ id: job.id, payload: JSON.parse(job.payload) } as Job, db);
  await db.transaction().execute(async (trx) => effects && (await effects(trx)));
  return db
    .selectFrom('report_attachments')
    .selectAll()
    .where('id', '=', attachment.id)
    .executeTakeFirstOrThrow();
}

describe('attachment hashing', () => {
  it('computes the PDQ hash of an image attachment from its encrypted blob', async () => {
    const width = 64;
    const pixels = Buffer.alloc(width * width * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7) % 251;
    const png = await sharp(pixels, { raw: { width, height: width, channels: 3 } })
      .png()
      .toBuffer();
    const response = await publicReport(
      t,
      org.organisation.slug,
      notice({
        attachments: [{ filename: 'shot.png', mediaType: 'image/png', data: png.toString('base64') }],
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const row = await runHashJob(response.json().reference);
    expect(row.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(row.hash_error).toBeNull();
  });

  it('records why an image cannot be hashed and keeps the report', async () => {
    const response = await publicReport(
      t,
      org.organisation.slug,
      notice({
        attachments: [
          {
            filename: 'broken.jpg',
            mediaType: 'image/jpeg',
            data: Buffer.from('not a jpeg').toString('base64'),
          },
        ],
      }),
    );
    expect(response.statusCode).toBe(201);
    const row = await runHashJob(response.json().reference);
    expect(row.pdq).toBeNull();
    expect(row.hash_error).toBeTruthy();
    const status = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/reports/${response.json().reference}`,
    });
    expect(status.statusCode).toBe(200);
  });
});
