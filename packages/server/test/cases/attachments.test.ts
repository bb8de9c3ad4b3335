import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestOrganisation } from '../support/app.ts';
import { createReportingTestApp, notice, publicReport, runHashJob } from './support.ts';

let t: TestApp;
let org: TestOrganisation;

beforeAll(async () => {
  ({ t, org } = await createReportingTestApp('Attachments', []));
});
afterAll(async () => t?.close());

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
    const row = await runHashJob(t, response.json().reference);
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
    const row = await runHashJob(t, response.json().reference);
    expect(row.pdq).toBeNull();
    expect(row.hash_error).toBeTruthy();
    const status = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/reports/${response.json().reference}`,
    });
    expect(status.statusCode).toBe(200);
  });
});
