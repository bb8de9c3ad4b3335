/**
 * Media served through the blur pipeline: report attachments and evidence items, protected by
 * default (blurred, greyscale, small, no metadata, cached encrypted), originals only on request,
 * with permission, audit and organisation isolation. Runs on the real database.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveShared, sharedPath } from '../../../../test-support/requirements.ts';
import { recordEvidence } from '../../src/evidence/index.ts';
import { systemActor } from '../../src/identity/actor.ts';
import { PROTECTED_MAX_SIDE } from '../../src/media/protected-image.ts';
import { notice, publicReport } from '../cases/support.ts';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  type Member,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';

let t: TestApp;
let alpha: TestOrganisation;
let bravo: TestOrganisation;
let auditor: Member;
let readOnlyKey: Record<string, string>;

/** A detailed colour image (a fine checkerboard over gradients) carrying EXIF, so blur, greyscale and stripping show. */
async function detailedPhoto(width = 1200, height = 800): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      const square = ((x >> 3) + (y >> 3)) & 1 ? 230 : 20;
      pixels[p] = square;
      pixels[p + 1] = (x * 255) / width;
      pixels[p + 2] = square === 230 ? (y * 255) / height : 0;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Artist: 'Camille Martin', ImageDescription: 'taken at 48.85N 2.35E' } })
    .png()
    .toBuffer();
}

/** Mean absolute difference between horizontal neighbours of a grey image: fine detail. */
async function detail(image: Buffer): Promise<number> {
  const { data, info } = await sharp(image)
    .resize(PROTECTED_MAX_SIDE, PROTECTED_MAX_SIDE, { fit: 'inside' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let y = 0; y < info.height; y++)
    for (let x = 1; x < info.width; x++) {
      const p = (y * info.width + x) * info.channels;
      sum += Math.abs((data[p] as number) - (data[p - info.channels] as number));
    }
  return sum / (info.height * (info.width - 1));
}

interface Attached {
  caseId: string;
  attachments: { id: string; filename: string; mediaType: string; sha256: string }[];
}

/** Files a public report with these attachments to `org` and returns its case and attachment ids. */
async function report(
  org: TestOrganisation,
  files: { filename: string; mediaType: string; bytes: Buffer }[],
): Promise<Attached> {
  const attachments = files.map((f) => ({
    filename: f.filename,
    mediaType: f.mediaType,
    data: f.bytes.toString('base64'),
  }));
  const submitted = await publicReport(t, org.organisation.slug, notice({ attachments }));
  expect(submitted.statusCode, submitted.body).toBe(201);
  const { case_id: caseId } = await t.database.storage.db
    .selectFrom('reports')
    .select('case_id')
    .where('reference', '=', submitted.json().reference as string)
    .executeTakeFirstOrThrow();
  const detail = await t.app.inject({
    method: 'GET',
    url: `/api/v1/cases/${caseId}`,
    headers: org.admin.headers,
  });
  return { caseId, attachments: detail.json().reports[0].attachments };
}

const contentUrl = (caseId: string, attachmentId: string, variant?: string) =>
  `/api/v1/cases/${caseId}/attachments/${attachmentId}/content${variant ? `?variant=${variant}` : ''}`;

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

let photo: Buffer;
let photoCase: Attached;

beforeAll(async () => {
  t = await createTestApp({ VIGIE_PUBLIC_RATE_LIMIT: '100000', VIGIE_BODY_LIMIT: '20000000' });
  alpha = await createTestOrganisation(t, 'Alpha media', ['cases:read']);
  bravo = await createTestOrganisation(t, 'Bravo media', ['cases:read', 'cases:review']);
  auditor = await addMember(t, alpha.organisation, 'auditor');
  readOnlyKey = alpha.apiKeyHeaders;
  photo = await detailedPhoto();
  photoCase = await report(alpha, [
    // Claimed as JPEG: the type served is the one the bytes have.
    { filename: 'photo of "them".jpg', mediaType: 'image/jpeg', bytes: photo },
    {
      filename: 'page.html',
      mediaType: 'text/html',
      bytes: Buffer.from('<script>alert(1)</script>'),
    },
  ]);
});
afterAll(async () => t?.close());

describe('protected variant of an image attachment', () => {
  it('is small, greyscale, blurred beyond recognition and carries no metadata', async () => {
    const [image] = photoCase.attachments;
    const response = await get(contentUrl(photoCase.caseId, image!.id), alpha.admin.headers);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toBe('inline; filename="photo_of__them_-protected.jpg"');
    const preview = response.rawPayload;
    expect(preview.equals(photo)).toBe(false);
    expect(preview.length).toBeLessThan(20_000);
    expect(preview.length).toBeLessThan(photo.length / 50);

    const meta = await sharp(preview).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(PROTECTED_MAX_SIDE);
    expect(meta.width! / meta.height!).toBeCloseTo(1200 / 800, 1);
    expect(meta.channels).toBe(1);
    expect(meta.space).toBe('b-w');
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    // The original downscaled to the same size keeps its noise; the preview has almost no detail left.
    expect(await detail(photo)).toBeGreaterThan(15);
    expect(await detail(preview)).toBeLessThan(1);
  });

  it('is the default variant, computed once and cached encrypted', async () => {
    const [image] = photoCase.attachments;
    const first = await get(contentUrl(photoCase.caseId, image!.id, 'protected'), alpha.admin.headers);
    const again = await get(contentUrl(photoCase.caseId, image!.id), alpha.admin.headers);
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    const file = path.join(
      t.config.dataDir,
      'derivatives',
      alpha.organisation.id,
      `${image!.sha256}.protected-v1`,
    );
    expect(existsSync(file)).toBe(true);
    const stored = await readFile(file);
    expect(stored.includes(first.rawPayload.subarray(0, 64))).toBe(false);
    expect(stored.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
  });

  it('is readable with cases:read alone, unlike the original', async () => {
    const [image] = photoCase.attachments;
    expect((await get(contentUrl(photoCase.caseId, image!.id), readOnlyKey)).statusCode).toBe(200);
    const original = await get(contentUrl(photoCase.caseId, image!.id, 'original'), readOnlyKey);
    expect(original.statusCode).toBe(403);
    expect(original.json().error.code).toBe('forbidden');
    const byAuditor = await get(contentUrl(photoCase.caseId, image!.id, 'original'), auditor.headers);
    expect(byAuditor.statusCode).toBe(403);
  });

  it('refuses an unknown variant with the field', async () => {
    const [image] = photoCase.attachments;
    const response = await get(contentUrl(photoCase.caseId, image!.id, 'thumbnail'), alpha.admin.headers);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual(
      expect.objectContaining({ code: 'validation_failed', field: 'query.variant' }),
    );
  });

  it("is not found for another organisation, nor through another case's id", async () => {
    const [image] = photoCase.attachments;
    for (const variant of ['protected', 'original']) {
      const response = await get(contentUrl(photoCase.caseId, image!.id, variant), bravo.admin.headers);
      expect(response.statusCode).toBe(404);
      expect(response.body.includes(image!.sha256)).toBe(false);
    }
    // Another case (reports sharing a file are grouped into one case, so this one has its own file).
    const other = await report(alpha, [
      { filename: 'x.png', mediaType: 'image/png', bytes: await detailedPhoto(64, 64) },
    ]);
    expect(other.caseId).not.toBe(photoCase.caseId);
    const crossed = await get(contentUrl(other.caseId, image!.id), alpha.admin.headers);
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().error.field).toBe('params.attachmentId');
  });
});

describe('original variant', () => {
  it('serves the exact bytes with their real type, never stored, and audits who saw what', async () => {
    const [image] = photoCase.attachments;
    const response = await get(contentUrl(photoCase.caseId, image!.id, 'original'), alpha.admin.headers);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(photo)).toBe(true);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['cache-control']).toContain('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toBe('inline; filename="photo_of__them_.jpg"');

    const entries = await t.database.storage.db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', alpha.organisation.id)
      .where('action', '=', 'attachment.view_original')
      .where('target_id', '=', image!.id)
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toEqual(
      expect.objectContaining({
        actor_type: 'user',
        actor_id: alpha.admin.user.id,
        target_type: 'report_attachment',
      }),
    );
    expect(JSON.parse(entries[0]!.details)).toEqual({ caseId: photoCase.caseId, sha256: image!.sha256 });
  });

  it('has no preview for a non-media file and serves its original as an inert download', async () => {
    const html = photoCase.attachments[1]!;
    const preview = await get(contentUrl(photoCase.caseId, html.id), alpha.admin.headers);
    expect(preview.statusCode).toBe(415);
    expect(preview.json().error).toEqual(
      expect.objectContaining({ code: 'unsupported_media_type', field: 'query.variant' }),
    );
    const original = await get(contentUrl(photoCase.caseId, html.id, 'original'), alpha.admin.headers);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('application/octet-stream');
    expect(original.headers['content-disposition']).toBe('attachment; filename="page.html"');
  });

  it('answers 422 for an image that does not decode', async () => {
    const broken = await report(alpha, [
      { filename: 'cut.jpg', mediaType: 'image/jpeg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]) },
    ]);
    const response = await get(contentUrl(broken.caseId, broken.attachments[0]!.id), alpha.admin.headers);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('unprocessable_media');
  });
});

describe.skipIf(!haveShared('data/pdq/images/reg-test-input/exif-rotn'))('a real photo with EXIF', () => {
  it('is previewed upright, without its EXIF', async () => {
    const bytes = await readFile(sharedPath('data/pdq/images/reg-test-input/exif-rotn/exif-rotn-6.jpg'));
    const source = await sharp(bytes).metadata();
    expect(source.exif).toBeDefined();
    expect(source.orientation).toBe(6);
    const { caseId, attachments } = await report(alpha, [
      { filename: 'rotated.jpg', mediaType: 'image/jpeg', bytes },
    ]);
    const response = await get(contentUrl(caseId, attachments[0]!.id), alpha.admin.headers);
    expect(response.statusCode).toBe(200);
    const meta = await sharp(response.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.channels).toBe(1);
    // Orientation 6 is a quarter turn: the preview has the displayed shape, not the stored one.
    expect(Math.sign(meta.width! - meta.height!)).toBe(Math.sign(source.height! - source.width!));
  });
});

const video = sharedPath('data/vpdq/videos/doorknob-hd-no-bar.mp4');
describe.skipIf(!haveShared('data/vpdq/videos'))('a video attachment', () => {
  it('is previewed by a protected poster frame; the video itself only as the original', async () => {
    const bytes = await readFile(video);
    const { caseId, attachments } = await report(alpha, [
      { filename: 'clip.mp4', mediaType: 'video/mp4', bytes },
    ]);
    const poster = await get(contentUrl(caseId, attachments[0]!.id), alpha.admin.headers);
    expect(poster.statusCode, poster.body).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(poster.rawPayload).metadata();
    expect(meta.channels).toBe(1);
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(PROTECTED_MAX_SIDE);
    expect(poster.rawPayload.length).toBeLessThan(20_000);
    expect(await detail(poster.rawPayload)).toBeLessThan(1);

    const original = await get(contentUrl(caseId, attachments[0]!.id, 'original'), alpha.admin.headers);
    expect(original.headers['content-type']).toBe('video/mp4');
    expect(original.rawPayload.equals(bytes)).toBe(true);
  });
});

describe('evidence media', () => {
  it('protects evidence images too, and logs a view of the original in custody and audit', async () => {
    const actor = systemActor(alpha.organisation.id, 'test');
    const [item] = await recordEvidence(
      t.database.storage.db,
      { keyring: t.keyring, dataDir: t.config.dataDir },
      actor,
      {
        kind: 'upload',
        artefacts: [
          {
            role: 'file',
            fileName: 'screenshot.png',
            bytes: photo,
            mediaType: 'image/png',
            sourceUrl: null,
            tool: 'test',
            toolVersion: '1',
            captureEnv: {},
          },
        ],
      },
      null,
    );
    const url = (variant: string) => `/api/v1/evidence/${item!.id}/media?variant=${variant}`;
    const preview = await get(url('protected'), alpha.admin.headers);
    expect(preview.statusCode, preview.body).toBe(200);
    expect((await sharp(preview.rawPayload).metadata()).channels).toBe(1);
    expect(await detail(preview.rawPayload)).toBeLessThan(1);
    expect((await get(url('protected'), bravo.admin.headers)).statusCode).toBe(404);
    expect((await get(url('original'), bravo.admin.headers)).statusCode).toBe(404);

    const custody = async () =>
      (await get(`/api/v1/evidence/${item!.id}/custody`, alpha.admin.headers)).json().entries as {
        action: string;
      }[];
    expect((await custody()).map((e) => e.action)).not.toContain('viewed');
    const original = await get(url('original'), alpha.admin.headers);
    expect(original.rawPayload.equals(photo)).toBe(true);
    expect(original.headers['content-type']).toBe('image/png');
    expect((await custody()).map((e) => e.action)).toContain('viewed');
    const audited = await t.database.storage.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'evidence.view_original')
      .where('target_id', '=', item!.id)
      .execute();
    expect(audited).toEqual([{ actor_id: alpha.admin.user.id }]);
  });
});
