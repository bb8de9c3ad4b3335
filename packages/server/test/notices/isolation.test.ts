/**
 * The organisation-isolation walk of test/isolation.test.ts, restricted to this module's operations
 * but with B owning real platforms, notices (with notes) and a study: A's credentials with B's ids in
 * every path parameter get 403/404, B's texts and ids never appear, and B's rows do not change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/api/index.ts';
import { permissions } from '../../src/identity/permissions.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';

const mine = ['platforms.', 'notices.', 'scorecards.', 'studies.'];
const ours = operations.filter((op) => mine.some((prefix) => op.id.startsWith(prefix)));

let t: TestApp;
let a: TestOrganisation;
let b: TestOrganisation;
const bIds: string[] = [];
const bSecrets: string[] = [];
let aPlatformId = '';

const examples = (): Record<string, object> => ({
  'platforms.create': { slug: 'walker', name: 'Walker', channels: [channel] },
  'platforms.update': { name: 'Renamed by A' },
  'platforms.callback': { payload: '{"reference":"N-0"}' },
  'notices.create': {
    platformId: aPlatformId,
    channel: 'email',
    legalBasis: 'DSA Art. 16',
    text: 'walker',
    category: 'STATEMENT_CATEGORY_VIOLENCE',
    items: [{ url: 'https://walker.example/1' }],
  },
  'notices.recordEvent': { event: { type: 'note', text: 'walker' } },
  'notices.setStudy': { studyId: bIds[2] ?? null },
  'studies.create': { name: 'walker-study', title: 'Walker' },
  'studies.invite': { organisation: b.organisation.slug },
});
const channel = {
  kind: 'email',
  address: 'abuse@walker.example',
  ackWithinHours: 24,
  decisionWithinHours: 168,
};

async function snapshotOf(orgId: string) {
  const db = t.database.storage.db;
  return {
    platforms: await db
      .selectFrom('platforms')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('id')
      .execute(),
    notices: await db.selectFrom('notices').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    events: await db
      .selectFrom('notice_events')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('id')
      .execute(),
    members: await db
      .selectFrom('study_members')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('study_id')
      .execute(),
  };
}

beforeAll(async () => {
  t = await createTestApp({ VIGIE_PUBLIC_RATE_LIMIT: '100000' });
  a = await createTestOrganisation(t, 'Alpha', [...permissions]);
  b = await createTestOrganisation(t, 'Bravo', [...permissions]);
  const asB = async (url: string, payload: object) => {
    const response = await t.app.inject({ method: 'POST', url, headers: b.apiKeyHeaders, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as Record<string, { id: string; reference?: string }>;
  };
  const aPlatform = await t.app.inject({
    method: 'POST',
    url: '/api/v1/platforms',
    headers: a.apiKeyHeaders,
    payload: { slug: 'alpha-host', name: 'Alpha host', channels: [channel] },
  });
  aPlatformId = (aPlatform.json() as { platform: { id: string } }).platform.id;
  const platform = (
    await asB('/api/v1/platforms', { slug: 'bravo-host', name: 'Bravo host', channels: [channel] })
  ).platform!;
  const study = (await asB('/api/v1/studies', { name: 'bravo-study', title: 'Bravo study' })).study!;
  const notice = (
    await asB('/api/v1/notices', {
      platformId: platform.id,
      channel: 'email',
      legalBasis: 'DSA Art. 16',
      text: 'bravo notice text',
      category: 'STATEMENT_CATEGORY_VIOLENCE',
      items: [{ url: 'https://bravo.example/secret-item' }],
      studyId: study.id,
    })
  ).notice!;
  await asB(`/api/v1/notices/${notice.id}/events`, { event: { type: 'note', text: 'bravo internal note' } });
  bIds.push(platform.id, notice.id, study.id, b.organisation.id);
  bSecrets.push(
    ...bIds,
    notice.reference!,
    'bravo notice text',
    'bravo internal note',
    'bravo.example/secret-item',
    'bravo-host',
  );
});
afterAll(async () => t?.close());

describe('notices, platforms, scorecards and studies isolation', () => {
  it('walks every operation of the module', async () => {
    expect(ours.length).toBeGreaterThanOrEqual(16);
    const before = await snapshotOf(b.organisation.id);
    const bodies = examples();
    for (const op of ours) {
      const params = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      const idChoices = params.length === 0 ? [undefined] : bIds;
      for (const headers of [a.admin.headers, a.apiKeyHeaders]) {
        for (const id of idChoices) {
          const url = params.reduce((path, name) => path.replace(`:${name}`, id as string), op.path);
          const response = await t.app.inject({
            method: op.method,
            url,
            headers,
            ...(op.body ? { payload: bodies[op.id] } : {}),
          });
          expect(response.statusCode, `${op.id} ${url}: ${response.body}`).toBeLessThan(500);
          if (id !== undefined) expect([403, 404], `${op.id} ${url}`).toContain(response.statusCode);
          for (const secret of bSecrets) {
            expect(response.body.includes(secret), `${op.id} ${url} leaked "${secret}"`).toBe(false);
          }
        }
      }
    }
    expect(await snapshotOf(b.organisation.id)).toEqual(before);
  });
});
