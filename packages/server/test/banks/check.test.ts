/**
 * The check API: every signal type, per-bank thresholds, disabled banks, low-quality PDQ, the batch form,
 * `record: true`, invalid input with the field, and streamed uploads (image and video) with size limits.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simhash64 } from '@vigie/hashing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveShared, sharedPath } from '../../../../test-support/requirements.ts';
import { bankIndexes } from '../../src/banks/bank-indexes.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';
import { addEntry, api, createBank, firstBits, flipBits, randomHex, type ResponseBody } from './helpers.ts';

let t: TestApp;
let org: TestOrganisation;
const catchUp = () => bankIndexes(t.database.storage.db).catchUp();

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrganisation(t, 'Checker', [
    'banks:read',
    'banks:manage',
    'check:submit',
    'jobs:read',
  ]);
});
afterAll(async () => {
  await bankIndexes(t.database.storage.db).stop();
  await t?.close();
});

const check = (payload: unknown, headers = org.apiKeyHeaders) =>
  api(t, 'POST', '/api/v1/check', headers, payload);
type Match = {
  bankName: string;
  entryId: string;
  distance: number | null;
  action: string;
  signalType: string;
};
const summary = (matches: Match[]) =>
  matches.map((m) => `${m.signalType}:${m.bankName}:${m.distance}:${m.action}`).sort();

describe('check with precomputed signals', () => {
  it("matches PDQ within each bank's own threshold and reports labels, provenance and action", async () => {
    const strict = await createBank(t, org.apiKeyHeaders, {
      name: 'STRICT',
      action: 'block',
      thresholds: { pdq: 10 },
    });
    const loose = await createBank(t, org.apiKeyHeaders, { name: 'LOOSE', action: 'review' });
    const pdq = randomHex(64);
    const inStrict = await addEntry(t, org.apiKeyHeaders, strict.id, {
      signalType: 'pdq',
      value: pdq,
      labels: ['gifct:glorification-of-terrorist-acts'],
      source: 'gifct',
      jurisdictions: ['FR'],
    });
    await addEntry(t, org.apiKeyHeaders, loose.id, { signalType: 'pdq', value: pdq });
    await catchUp();

    const near = await check({ hashes: { pdq: [flipBits(pdq, firstBits(5))] } });
    expect(near.status).toBe(200);
    expect(summary(near.body.matches)).toEqual(['pdq:LOOSE:5:review', 'pdq:STRICT:5:block']);
    const strictMatch = near.body.matches.find((m: Match) => m.bankName === 'STRICT');
    expect(strictMatch).toMatchObject({
      entryId: inStrict.id,
      value: pdq,
      labels: ['gifct:glorification-of-terrorist-acts'],
      provenance: { source: 'gifct' },
      jurisdictions: ['FR'],
    });
    const mid = await check({ hashes: { pdq: [flipBits(pdq, firstBits(20))] } });
    expect(summary(mid.body.matches)).toEqual(['pdq:LOOSE:20:review']);
    const edge = await check({ hashes: { pdq: [flipBits(pdq, firstBits(31))] } });
    expect(summary(edge.body.matches)).toEqual(['pdq:LOOSE:31:review']);
    const far = await check({ hashes: { pdq: [flipBits(pdq, firstBits(32))] } });
    expect(far.body.matches).toEqual([]);

    // Thresholds and disabling apply to running indexes through the change log.
    await api(t, 'PATCH', `/api/v1/banks/${loose.id}`, org.apiKeyHeaders, {
      thresholds: { pdq: 15 },
      disabled: false,
    });
    await api(t, 'PATCH', `/api/v1/banks/${strict.id}`, org.apiKeyHeaders, { disabled: true });
    await catchUp();
    expect((await check({ hashes: { pdq: [flipBits(pdq, firstBits(20))] } })).body.matches).toEqual([]);
    expect(summary((await check({ hashes: { pdq: [flipBits(pdq, firstBits(5))] } })).body.matches)).toEqual([
      'pdq:LOOSE:5:review',
    ]);

    const lowQuality = await check({ hashes: { pdq: [{ hash: pdq, quality: 20 }] } });
    expect(lowQuality.body.matches).toEqual([]);
    expect(lowQuality.body.hashes.pdq).toEqual([{ hash: pdq, quality: 20, skipped: 'low_quality' }]);
  });

  it('matches md5, sha256, URL variants, normalised text and near-duplicate text (SimHash)', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'MIXED', action: 'log' });
    const md5 = randomHex(32);
    const sha256 = randomHex(64);
    const manifesto = 'We will never stop until the whole city burns, join us at the square on friday night';
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'md5', value: md5 });
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'sha256', value: sha256 });
    await addEntry(t, org.apiKeyHeaders, bank.id, {
      signalType: 'url',
      value: 'https://www.example.org/videos/123?utm_source=x',
    });
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'text', value: 'Join the fight now' });
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'simhash', value: simhash64(manifesto) });
    await catchUp();

    const result = await check({
      hashes: { md5: [md5.toUpperCase()], sha256: [sha256] },
      urls: ['http://example.org/videos/123/', 'https://example.org/other'],
      texts: ['JOIN   the fight NOW!!', manifesto.replace('friday', 'saturday')],
    });
    expect(result.status).toBe(200);
    expect(result.body.matches.map((m: Match) => m.signalType).sort()).toEqual([
      'md5',
      'sha256',
      'simhash',
      'text',
      'url',
    ]);
    const simhashMatch = result.body.matches.find((m: Match) => m.signalType === 'simhash');
    expect(simhashMatch.distance).toBeGreaterThan(0);
    expect(simhashMatch.distance).toBeLessThanOrEqual(10);
    expect(result.body.hashes.urls).toEqual(['https://example.org/videos/123', 'https://example.org/other']);
    expect(result.body.hashes.texts[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    const unrelated = await check({
      texts: ['a completely different sentence about gardening and tomatoes'],
    });
    expect(unrelated.body.matches).toEqual([]);
  });

  it('refuses invalid hashes with the field, and an empty check', async () => {
    const cases: [unknown, string][] = [
      [{ hashes: { pdq: ['abc'] } }, 'body.hashes.pdq.0'],
      [{ hashes: { pdq: [randomHex(64), { hash: 'zz' }] } }, 'body.hashes.pdq.1.hash'],
      [{ hashes: { md5: [randomHex(31)] } }, 'body.hashes.md5.0'],
      [{ hashes: { simhash: ['xyz'] } }, 'body.hashes.simhash.0'],
      [{ hashes: { vpdq: ['0,100,nothex,0.0'] } }, 'body.hashes.vpdq.0'],
      [{ urls: ['https://ok.example', 'ftp://nope'] }, 'body.urls.1'],
      [{ unknown: 1 }, 'body.unknown'],
      [{}, 'body'],
    ];
    for (const [payload, field] of cases) {
      const response = await check(payload);
      expect(response.status, JSON.stringify(payload)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.field, JSON.stringify(payload)).toBe(field);
    }
  });

  it('checks a batch of up to 1,000 hashes, one result per item in order', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'BATCH' });
    const known = randomHex(64);
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'pdq', value: known });
    await catchUp();
    const items = Array.from({ length: 1000 }, () => ({ signalType: 'pdq', value: randomHex(64) }));
    items[7] = { signalType: 'pdq', value: flipBits(known, firstBits(3)) };
    items[8] = { signalType: 'md5', value: randomHex(32) };
    const response = await api(t, 'POST', '/api/v1/check/batch', org.apiKeyHeaders, { items });
    expect(response.status).toBe(200);
    expect(response.body.results).toHaveLength(1000);
    const hits = response.body.results.flatMap((r: { matches: Match[] }, i: number) =>
      r.matches.filter((m) => m.bankName === 'BATCH').map(() => i),
    );
    expect(hits).toEqual([7]);
    const tooMany = await api(t, 'POST', '/api/v1/check/batch', org.apiKeyHeaders, {
      items: [...items, items[0]],
    });
    expect(tooMany.body.error).toMatchObject({ code: 'validation_failed', field: 'body.items' });
    const invalid = await api(t, 'POST', '/api/v1/check/batch', org.apiKeyHeaders, {
      items: [{ signalType: 'sha256', value: 'nope' }],
    });
    expect(invalid.body.error).toMatchObject({ code: 'validation_failed', field: 'body.items.0.value' });
  });

  it('record: true queues cases.open_from_match with the content and matches', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'RECORD', action: 'block' });
    const md5 = randomHex(32);
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'md5', value: md5 });
    await catchUp();
    const miss = await check({ hashes: { md5: [randomHex(32)] }, record: true });
    expect(miss.body.recorded).toBeNull();
    const hit = await check({
      hashes: { md5: [md5] },
      record: true,
      content: { url: 'https://platform.example/p/1' },
    });
    expect(hit.body.recorded?.jobId).toBeTruthy();
    const job = await t.database.storage.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', hit.body.recorded.jobId)
      .executeTakeFirstOrThrow();
    expect(job.kind).toBe('cases.open_from_match');
    expect(job.org_id).toBe(org.organisation.id);
    const payload = JSON.parse(job.payload);
    expect(payload).toMatchObject({
      orgId: org.organisation.id,
      content: { url: 'https://platform.example/p/1', hashes: { md5: [md5] } },
      matches: [{ bankName: 'RECORD', value: md5, action: 'block' }],
    });
  });
});

function multipart(parts: { name: string; filename?: string; type?: string; data: Buffer | string }[]) {
  const boundary = `----vigie${randomHex(16)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head), Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const upload = async (parts: Parameters<typeof multipart>[0], target = t, headers = org.apiKeyHeaders) => {
  const { payload, contentType } = multipart(parts);
  const response = await target.app.inject({
    method: 'POST',
    url: '/api/v1/check',
    headers: { ...headers, 'content-type': contentType },
    payload,
  });
  return { status: response.statusCode, body: response.json() as ResponseBody };
};

const haveImages = haveShared('data/pdq/images');
const haveVideos = haveShared('data/vpdq/videos');

describe.skipIf(!haveImages)('check with an uploaded image', () => {
  it('hashes the image as it streams and matches the upstream PDQ of a near-identical photo', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'PHOTOS', action: 'block' });
    // Upstream (ThreatExchange) full-resolution PDQ of a blurred copy of the uploaded photo.
    const expected = readFileSync(sharedPath('data/pdq/expected-fullres.csv'), 'utf8')
      .split('\n')
      .find((line) => line.endsWith(',bridge-mods/blur-a-lot.jpg'))!
      .split(',')[0]!;
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'pdq', value: expected });
    await catchUp();
    const file = readFileSync(sharedPath('data/pdq/images/bridge-mods/aaa-orig.jpg'));
    const result = await upload([
      {
        name: 'request',
        data: JSON.stringify({ record: false, content: { url: 'https://platform.example/i/1' } }),
      },
      { name: 'image', filename: 'a.jpg', type: 'image/jpeg', data: file },
    ]);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.hashes.md5).toEqual([createHash('md5').update(file).digest('hex')]);
    expect(result.body.hashes.sha256).toEqual([createHash('sha256').update(file).digest('hex')]);
    expect(result.body.hashes.pdq[0].quality).toBeGreaterThanOrEqual(50);
    expect(result.body.matches).toHaveLength(1);
    expect(result.body.matches[0]).toMatchObject({ bankName: 'PHOTOS', value: expected, action: 'block' });
    expect(result.body.matches[0].distance).toBeLessThanOrEqual(10);
  });

  it('answers a file that is not an image with a typed error, and an unknown part with its field', async () => {
    const notImage = await upload([{ name: 'image', filename: 'x.jpg', data: 'this is not a jpeg' }]);
    expect(notImage.status).toBe(422);
    expect(notImage.body.error).toMatchObject({ code: 'unprocessable_media', field: 'body.image' });
    const wrongPart = await upload([{ name: 'document', filename: 'x.pdf', data: 'pdf' }]);
    expect(wrongPart.body.error).toMatchObject({ code: 'validation_failed', field: 'body.document' });
    const badRequestField = await upload([{ name: 'request', data: '{"hashes":{"md5":["nope"]}}' }]);
    expect(badRequestField.body.error).toMatchObject({
      code: 'validation_failed',
      field: 'body.hashes.md5.0',
    });
  });
});

describe.skipIf(!haveVideos)('check with an uploaded video', () => {
  it('computes vPDQ with ffmpeg and matches the upstream vPDQ of the same video, not of another', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'VIDEOS' });
    const upstream = (name: string) =>
      readFileSync(sharedPath(`data/vpdq/vpdq-hashes-upstream/${name}.txt`), 'utf8');
    const same = await addEntry(t, org.apiKeyHeaders, bank.id, {
      signalType: 'vpdq',
      value: upstream('doorknob-hd-no-bar'),
    });
    await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'vpdq', value: upstream('chair-19-sd-bar') });
    await catchUp();
    const file = readFileSync(sharedPath('data/vpdq/videos/doorknob-hd-no-bar.mp4'));
    const result = await upload([{ name: 'video', filename: 'v.mp4', type: 'video/mp4', data: file }]);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.hashes.md5).toEqual([createHash('md5').update(file).digest('hex')]);
    expect(result.body.hashes.vpdq[0].frames).toBeGreaterThan(0);
    expect(result.body.matches.map((m: Match) => m.entryId)).toEqual([same.id]);
    expect(result.body.matches[0].vpdq.queryMatchPercent).toBeGreaterThanOrEqual(80);
  }, 120_000);
});

describe('upload size limits', () => {
  let small: TestApp;
  let smallOrg: TestOrganisation;
  beforeAll(async () => {
    small = await createTestApp({ VIGIE_CHECK_MAX_IMAGE_BYTES: '1000', VIGIE_CHECK_MAX_VIDEO_BYTES: '2000' });
    smallOrg = await createTestOrganisation(small, 'Small', ['check:submit']);
  });
  afterAll(async () => {
    await bankIndexes(small.database.storage.db).stop();
    await small?.close();
  });

  it('refuses an image over the limit while streaming it', async () => {
    const result = await upload(
      [{ name: 'image', filename: 'big.jpg', data: Buffer.alloc(1500, 7) }],
      small,
      smallOrg.apiKeyHeaders,
    );
    expect(result.status).toBe(413);
    expect(result.body.error).toMatchObject({ code: 'body_too_large', field: 'body.image' });
    const video = await upload(
      [{ name: 'video', filename: 'big.mp4', data: Buffer.alloc(2500, 7) }],
      small,
      smallOrg.apiKeyHeaders,
    );
    expect(video.body.error).toMatchObject({ code: 'body_too_large' });
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    await small.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = small.app.server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/check',
        headers: {
          ...smallOrg.apiKeyHeaders,
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(10 * 1024 * 1024 * 1024),
        },
      });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (c) => (body += c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      // Send a few bytes only: a server that waited for the declared 10 GiB would never answer.
      request.write('--x\r\n');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatchObject({
      code: 'body_too_large',
      field: 'headers.content-length',
    });
  });
});
