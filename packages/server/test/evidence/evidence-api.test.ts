import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVENESS_CHECK_JOB } from '../../src/evidence/index.ts';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';
import { createEvidenceTestApp, insertCase, PAGE_HTML, patternPng, type LocalSite } from './support.ts';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

let t: TestApp;
let org: TestOrganisation;
let site: LocalSite;

beforeAll(async () => {
  ({ site, t, org } = await createEvidenceTestApp('Evidence', ['evidence:read', 'evidence:manage'], {
    VIGIE_LIVENESS_DELAYS: '24h,48h,7d',
  }));
});
afterAll(async () => {
  await t?.close();
  await site?.close();
});

interface Item {
  id: string;
  role: string;
  sha256: string;
  pdq: string | null;
  size: number;
  fileName: string;
  sourceUrl: string | null;
  mediaType: string;
  caseId: string | null;
  capturedAt: number;
  capturedBy: string;
  capturedFrom: string;
  tool: string;
  purgedAt: number | null;
  legalHoldAt: number | null;
  custodyEntries: number;
}

async function capture(url: string, extra: Record<string, unknown> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/evidence/captures',
    headers: org.admin.headers,
    payload: { url, ...extra },
  });
}

function multipart(
  fields: Array<{ name: string; value: Buffer | string; filename?: string; type?: string }>,
) {
  const boundary = '----vigie-test-boundary';
  const chunks: Buffer[] = [];
  for (const f of fields) {
    const disposition = `form-data; name="${f.name}"${f.filename ? `; filename="${f.filename}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${f.type ? `Content-Type: ${f.type}\r\n` : ''}\r\n`,
      ),
      Buffer.isBuffer(f.value) ? f.value : Buffer.from(f.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(fields: Parameters<typeof multipart>[0]) {
  const { payload, contentType } = multipart(fields);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/evidence/uploads',
    headers: { ...org.admin.headers, 'content-type': contentType },
    payload,
  });
}

async function custodyActions(itemId: string): Promise<string[]> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/evidence/${itemId}/custody`,
    headers: org.admin.headers,
  });
  expect(response.statusCode).toBe(200);
  expect(response.json().intact).toBe(true);
  return (response.json().entries as Array<{ action: string }>).map((e) => e.action);
}

describe('evidence capture', () => {
  let items: Item[];

  it('captures the page as served, its headers and its sub-resources, and refuses the private one', async () => {
    const response = await capture(`${site.origin}/post`);
    expect(response.statusCode, response.body).toBe(201);
    items = response.json().items as Item[];
    const byRole = (role: string) => items.filter((i) => i.role === role);
    const page = byRole('page')[0]!;
    expect(page.sha256).toBe(sha256(PAGE_HTML));
    expect(page.size).toBe(Buffer.byteLength(PAGE_HTML));
    expect(page.mediaType).toBe('text/html');
    expect(page.sourceUrl).toBe(`${site.origin}/post`);
    expect(page.capturedBy).toBe(`user:${org.admin.user.id}`);
    expect(page.capturedFrom.length).toBeGreaterThan(0);
    expect(page.tool).toBe('vigie-capture');
    expect(byRole('headers')).toHaveLength(1);
    const resources = byRole('resource');
    expect(resources.map((r) => r.sourceUrl).sort()).toEqual([
      `${site.origin}/picture.png`,
      `${site.origin}/style.css`,
    ]);
    const picture = resources.find((r) => r.mediaType === 'image/png')!;
    expect(picture.sha256).toBe(sha256(await patternPng()));
    expect(picture.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(resources.find((r) => r.mediaType === 'text/css')!.pdq).toBeNull();
    expect(site.hits).not.toContain('/private.png');
  });

  it('stores each blob content-addressed and encrypted, under the organisation', async () => {
    const page = items.find((i) => i.role === 'page')!;
    const file = path.join(t.config.dataDir, 'evidence', org.organisation.id, page.sha256);
    expect(existsSync(file)).toBe(true);
    const stored = readFileSync(file);
    expect(stored.includes(Buffer.from('Hateful post'))).toBe(false);
    expect(sha256(stored)).not.toBe(page.sha256);
  });

  it('downloads the exact bytes and logs the view in the chain of custody', async () => {
    const page = items.find((i) => i.role === 'page')!;
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${page.id}/content`,
      headers: org.admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.rawPayload.toString()).toBe(PAGE_HTML);
    expect(await custodyActions(page.id)).toEqual(['collected', 'viewed']);
  });

  it('schedules liveness re-checks at the configured delays after capture', async () => {
    const page = items.find((i) => i.role === 'page')!;
    const jobs = await t.database.storage.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', LIVENESS_CHECK_JOB)
      .where('org_id', '=', org.organisation.id)
      .orderBy('run_at')
      .execute();
    const hour = 3_600_000;
    expect(jobs.map((j) => Number(j.run_at) - page.capturedAt)).toEqual([24 * hour, 48 * hour, 168 * hour]);
    expect(jobs.every((j) => (JSON.parse(j.payload) as { itemId: string }).itemId === page.id)).toBe(true);
  });

  it('writes an audit entry for the capture', async () => {
    const audit = await t.database.storage.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('org_id', '=', org.organisation.id)
      .where('action', '=', 'evidence.captured')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a loopback URL that is not allow-listed, a metadata URL and a non-http URL, naming the field', async () => {
    for (const [url, code] of [
      ['http://127.0.0.1:9/x', 'outbound_blocked_address'],
      ['http://169.254.169.254/latest/meta-data/', 'outbound_blocked_address'],
      ['file:///etc/passwd', 'outbound_bad_url'],
    ] as const) {
      const response = await capture(url);
      expect(response.statusCode, url).toBe(422);
      expect(response.json().error).toMatchObject({ code, field: 'body.url' });
    }
  });

  it('links a capture to a case of the organisation and refuses a case it does not have', async () => {
    const caseId = await insertCase(t.database.storage.db, org.organisation.id, 'VG-EVID-1');
    const linked = await capture(`${site.origin}/style.css`, { caseId });
    expect(linked.statusCode, linked.body).toBe(201);
    expect((linked.json().items as Item[]).every((i) => i.caseId === caseId)).toBe(true);
    const other = await createTestOrganisation(t, 'Other', ['evidence:read']);
    const foreignCase = await insertCase(t.database.storage.db, other.organisation.id, 'VG-OTHER-1');
    const hitsBefore = site.hits.length;
    const refused = await capture(`${site.origin}/style.css`, { caseId: foreignCase });
    expect(site.hits.length, 'a capture for a wrong case fetches nothing').toBe(hitsBefore);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.field).toBe('body.caseId');
  });

  it('needs evidence:manage to capture (an auditor may only read)', async () => {
    const auditor = await addMember(t, org.organisation, 'auditor');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/evidence/captures',
      headers: auditor.headers,
      payload: { url: `${site.origin}/post` },
    });
    expect(refused.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/evidence', headers: auditor.headers });
    expect(list.statusCode).toBe(200);
    expect((list.json().items as Item[]).length).toBeGreaterThan(0);
  });
});

describe('evidence upload, legal hold and purge', () => {
  let uploaded: Item;

  it('uploads a file, hashing it on the server and making its name safe', async () => {
    const bytes = Buffer.from('%PDF-1.4 a letter from the platform');
    const response = await upload([
      { name: 'file', value: bytes, filename: '../../etc/lettre été.pdf', type: 'application/pdf' },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    uploaded = response.json().item as Item;
    expect(uploaded.sha256).toBe(sha256(bytes));
    expect(uploaded.mediaType).toBe('application/pdf');
    expect(uploaded.fileName).not.toContain('/');
    expect(uploaded.fileName).toContain('lettre été.pdf');
  });

  it('refuses an upload that is not multipart, and one without a file part', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/evidence/uploads',
      headers: org.admin.headers,
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    const noFile = await upload([{ name: 'caseId', value: 'x' }]);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.field).toBe('body.file');
  });

  it('refuses to purge an item under legal hold, then purges it once released, keeping metadata and custody', async () => {
    const url = `/api/v1/evidence/${uploaded.id}`;
    const hold = await t.app.inject({
      method: 'PUT',
      url: `${url}/hold`,
      headers: org.admin.headers,
      payload: { legalHold: true },
    });
    expect(hold.statusCode, hold.body).toBe(200);
    expect(hold.json().item.legalHoldAt).not.toBeNull();
    const refused = await t.app.inject({
      method: 'POST',
      url: `${url}/purge`,
      headers: org.admin.headers,
      payload: { reason: 'test' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('evidence_on_legal_hold');
    await t.app.inject({
      method: 'PUT',
      url: `${url}/hold`,
      headers: org.admin.headers,
      payload: { legalHold: false },
    });
    const purged = await t.app.inject({
      method: 'POST',
      url: `${url}/purge`,
      headers: org.admin.headers,
      payload: { reason: 'retention ended' },
    });
    expect(purged.statusCode, purged.body).toBe(200);
    expect(purged.json().item.purgedAt).not.toBeNull();
    expect(existsSync(path.join(t.config.dataDir, 'evidence', org.organisation.id, uploaded.sha256))).toBe(
      false,
    );
    const download = await t.app.inject({ method: 'GET', url: `${url}/content`, headers: org.admin.headers });
    expect(download.statusCode).toBe(410);
    const metadata = await t.app.inject({ method: 'GET', url, headers: org.admin.headers });
    expect(metadata.json().item.sha256).toBe(uploaded.sha256);
    expect(await custodyActions(uploaded.id)).toEqual([
      'collected',
      'legal_hold_set',
      'legal_hold_released',
      'purged',
    ]);
  });

  it('keeps a shared blob when only one of two items with the same content is purged', async () => {
    const bytes = Buffer.from('the same screenshot twice');
    const first = (
      await upload([{ name: 'file', value: bytes, filename: 'a.txt', type: 'text/plain' }])
    ).json().item as Item;
    const second = (
      await upload([{ name: 'file', value: bytes, filename: 'b.txt', type: 'text/plain' }])
    ).json().item as Item;
    expect(first.sha256).toBe(second.sha256);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/evidence/${first.id}/purge`,
      headers: org.admin.headers,
      payload: { reason: 'dup' },
    });
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${second.id}/content`,
      headers: org.admin.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
  });

  it('the database refuses to change or delete custody entries', async () => {
    const db = t.database.storage.db;
    await expect(
      db
        .updateTable('evidence_custody')
        .set({ action: 'forged' })
        .where('item_id', '=', uploaded.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.deleteFrom('evidence_custody').where('item_id', '=', uploaded.id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('answers 404 for an unknown item on every item route', async () => {
    for (const [method, suffix] of [
      ['GET', ''],
      ['GET', '/content'],
      ['GET', '/custody'],
      ['GET', '/liveness'],
    ] as const) {
      const response = await t.app.inject({
        method,
        url: `/api/v1/evidence/no-such-item${suffix}`,
        headers: org.admin.headers,
      });
      expect(response.statusCode, suffix).toBe(404);
    }
  });
});

describe('retention', () => {
  it('purges items past their retention date, except those under legal hold', async () => {
    const { purgeExpiredEvidence } = await import('../../src/evidence/index.ts');
    const { systemActor } = await import('../../src/identity/actor.ts');
    const ids: string[] = [];
    for (const name of ['expired.txt', 'held.txt', 'kept.txt']) {
      const response = await upload([
        { name: 'file', value: `content of ${name}`, filename: name, type: 'text/plain' },
      ]);
      ids.push((response.json().item as Item).id);
    }
    const [expired, held, kept] = ids as [string, string, string];
    const past = Date.now() - 1000;
    const set = (id: string, body: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/evidence/${id}/hold`,
        headers: org.admin.headers,
        payload: body,
      });
    await set(expired, { retentionUntil: past });
    await set(held, { retentionUntil: past, legalHold: true });
    await set(kept, { retentionUntil: Date.now() + 86_400_000 });
    const purged = await purgeExpiredEvidence(
      t.database.storage.db,
      { keyring: t.keyring, dataDir: t.config.dataDir },
      systemActor(org.organisation.id, 'retention'),
    );
    expect(purged).toBe(1);
    const state = async (id: string) =>
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${id}`, headers: org.admin.headers })
      ).json().item as Item;
    expect((await state(expired)).purgedAt).not.toBeNull();
    expect((await state(held)).purgedAt).toBeNull();
    expect((await state(kept)).purgedAt).toBeNull();
    expect(await custodyActions(expired)).toEqual(['collected', 'retention_set', 'purged']);
  });
});

describe('upload limit', () => {
  it('refuses a file above VIGIE_EVIDENCE_MAX_UPLOAD_BYTES with 413 and stores nothing', async () => {
    const small = await createTestApp({ VIGIE_EVIDENCE_MAX_UPLOAD_BYTES: '1000' });
    try {
      const owner = await createTestOrganisation(small, 'Small', ['evidence:manage']);
      const { payload, contentType } = multipart([
        { name: 'file', value: Buffer.alloc(5000, 1), filename: 'big.bin', type: 'application/octet-stream' },
      ]);
      const response = await small.app.inject({
        method: 'POST',
        url: '/api/v1/evidence/uploads',
        headers: { ...owner.apiKeyHeaders, 'content-type': contentType },
        payload,
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error).toMatchObject({ code: 'body_too_large', field: 'body.file' });
      const rows = await small.database.storage.db.selectFrom('evidence_items').select('id').execute();
      expect(rows).toHaveLength(0);
    } finally {
      await small.close();
    }
  });
});
