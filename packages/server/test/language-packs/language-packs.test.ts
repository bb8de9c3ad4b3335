/**
 * Organisations' language-pack versions through the API, on the real database (SQLite, or PostgreSQL
 * with DATABASE_URL): a save changes what the classify API answers for that organisation only; versions
 * are append-only and audited; bad changes are refused term by term; a revert returns to the shipped pack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifierFor } from '../../src/language-packs/org-classifier.ts';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  type Member,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';

/** A made-up word no shipped pack holds, so only an organisation's own version can make it fire. */
const NEW_TERM = 'blorptoad';
const SENTENCE = `Those immigrants are ${NEW_TERM}s and vermin.`;

interface TermSignal {
  type: string;
  category?: string;
  term?: string;
}

let t: TestApp;
let alpha: TestOrganisation;
let bravo: TestOrganisation;
let alphaAnalyst: Member;

beforeAll(async () => {
  t = await createTestApp();
  alpha = await createTestOrganisation(t, 'PackAlpha', ['classify:use', 'langpacks:read']);
  bravo = await createTestOrganisation(t, 'PackBravo', ['classify:use', 'langpacks:read']);
  alphaAnalyst = await addMember(t, alpha.organisation, 'analyst');
});
afterAll(async () => t?.close());

async function termsFired(org: TestOrganisation, text = SENTENCE): Promise<string[]> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/classify',
    headers: org.apiKeyHeaders,
    payload: { items: [{ text, lang: 'en' }] },
  });
  expect(r.statusCode, r.body).toBe(200);
  const signals = r.json().results[0].signals as TermSignal[];
  return signals.filter((s) => s.type === 'term').map((s) => `${s.category}:${s.term}`);
}

function save(headers: Record<string, string>, body: unknown, lang = 'en') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/language-packs/${lang}/versions`,
    headers,
    payload: body as object,
  });
}

function get(headers: Record<string, string>, url: string) {
  return t.app.inject({ method: 'GET', url, headers });
}

describe('language packs of an organisation', () => {
  it('lists every shipped language with no version of the organisation at first', async () => {
    const r = await get(alpha.apiKeyHeaders, '/api/v1/language-packs');
    expect(r.statusCode, r.body).toBe(200);
    const languages = r.json().languages as { lang: string; shippedVersion: string; override: unknown }[];
    expect(languages.length).toBeGreaterThanOrEqual(23);
    expect(languages.find((l) => l.lang === 'hi-Latn')).toMatchObject({ override: null });
    expect(languages.every((l) => l.override === null)).toBe(true);
  });

  it('a saved version changes what the classify API finds for that organisation and not for another', async () => {
    expect(await termsFired(alpha)).toContain('dehumanising:vermin');
    expect((await termsFired(alpha)).some((x) => x.includes(NEW_TERM))).toBe(false);

    const r = await save(alphaAnalyst.headers, {
      changes: { dehumanising: { add: [`${NEW_TERM}*`], remove: ['vermin'] } },
      note: 'Local insult seen in reports; vermin fires on pest-control posts',
      baseVersion: 0,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().version).toMatchObject({
      lang: 'en',
      version: 1,
      createdBy: { type: 'user', id: alphaAnalyst.user.id, name: alphaAnalyst.user.displayName },
    });
    expect(r.json().pack.version).toMatch(/\+org\.1$/);
    expect(r.json().pack.dehumanising).toContain(`${NEW_TERM}*`);
    expect(r.json().pack.dehumanising).not.toContain('vermin');

    const alphaTerms = await termsFired(alpha);
    expect(alphaTerms).toContain(`dehumanising:${NEW_TERM}*`);
    expect(alphaTerms).not.toContain('dehumanising:vermin');
    const bravoTerms = await termsFired(bravo);
    expect(bravoTerms).toContain('dehumanising:vermin');
    expect(bravoTerms.some((x) => x.includes(NEW_TERM))).toBe(false);
  });

  it('shows the effective, shipped and override packs, and the version in the list', async () => {
    const r = await get(alpha.apiKeyHeaders, '/api/v1/language-packs/en');
    expect(r.statusCode, r.body).toBe(200);
    const { effective, shipped, override } = r.json();
    expect(shipped.dehumanising).toContain('vermin');
    expect(effective.dehumanising).toContain(`${NEW_TERM}*`);
    expect(effective.identity).toEqual(shipped.identity);
    expect(override).toMatchObject({
      version: 1,
      changes: { dehumanising: { remove: ['vermin'] } },
      createdBy: { name: alphaAnalyst.user.displayName },
    });

    const list = await get(alpha.apiKeyHeaders, '/api/v1/language-packs');
    const en = (list.json().languages as { lang: string; override: unknown }[]).find((l) => l.lang === 'en');
    expect(en?.override).toMatchObject({ version: 1, reverted: false });
    const other = await get(bravo.apiKeyHeaders, '/api/v1/language-packs/en');
    expect(other.json().override).toBeNull();
    expect(other.json().effective.dehumanising).toContain('vermin');
  });

  it('refuses changes that cannot be applied, naming each offending term', async () => {
    const r = await save(alphaAnalyst.headers, {
      changes: {
        identity: { add: ['Jews', '!!!', 'ab*', 'new*term', 'fresh', 'FRESH'], remove: ['not-a-term'] },
        slurs: { add: [{ term: 'zzslur', group: 'origin' }], remove: [] },
      },
      note: 'bad',
      baseVersion: 1,
    });
    expect(r.statusCode, r.body).toBe(422);
    const error = r.json().error;
    expect(error.code).toBe('language_pack_invalid');
    expect(error.issues.map((i: { field: string }) => i.field)).toEqual([
      'body.changes.identity.remove.0',
      'body.changes.identity.add.0',
      'body.changes.identity.add.1',
      'body.changes.identity.add.2',
      'body.changes.identity.add.3',
      'body.changes.identity.add.5',
    ]);
    expect(error.field).toBe('body.changes.identity.remove.0');
  });

  it('refuses unknown categories, missing notes, stale bases and unknown languages', async () => {
    const unknownCategory = await save(alphaAnalyst.headers, {
      changes: { swearing: { add: ['x'] } },
      note: 'x',
      baseVersion: 1,
    });
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json().error).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(unknownCategory.json().error)).toContain('swearing');

    const noNote = await save(alphaAnalyst.headers, { changes: {}, note: '  ', baseVersion: 1 });
    expect(noNote.json().error).toMatchObject({ code: 'validation_failed', field: 'body.note' });

    const stale = await save(alphaAnalyst.headers, {
      changes: { hate: { add: ['abhorrently'] } },
      note: 'started from the shipped pack',
      baseVersion: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', field: 'body.baseVersion' });

    const unknownLang = await save(alphaAnalyst.headers, { changes: {}, note: 'x', baseVersion: 0 }, 'xx');
    expect(unknownLang.statusCode).toBe(404);
  });

  it('keeps every version, newest first, with who, when and why, and audits each save', async () => {
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/language-packs/en/versions',
      headers: { ...alphaAnalyst.headers, 'idempotency-key': 'pack-save-2' },
      payload: {
        changes: {
          dehumanising: { add: [`${NEW_TERM}*`] },
          slurs: { add: [{ term: 'zzslur', group: 'origin' }] },
        },
        note: 'Keep vermin after all; add a slur',
        baseVersion: 1,
      },
    });
    expect(second.statusCode, second.body).toBe(201);
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/language-packs/en/versions',
      headers: { ...alphaAnalyst.headers, 'idempotency-key': 'pack-save-2' },
      payload: {
        changes: {
          dehumanising: { add: [`${NEW_TERM}*`] },
          slurs: { add: [{ term: 'zzslur', group: 'origin' }] },
        },
        note: 'Keep vermin after all; add a slur',
        baseVersion: 1,
      },
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(second.json());

    const r = await get(alpha.apiKeyHeaders, '/api/v1/language-packs/en/versions');
    const versions = r.json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({
      note: 'Keep vermin after all; add a slur',
      createdBy: { type: 'user', id: alphaAnalyst.user.id, name: alphaAnalyst.user.displayName },
      changes: { slurs: { add: [{ term: 'zzslur', group: 'origin' }], remove: [] } },
    });
    expect(versions[0].createdAt).toBeGreaterThanOrEqual(versions[1].createdAt);
    expect(await termsFired(alpha)).toContain('dehumanising:vermin');

    const audit = await t.database.storage.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('org_id', '=', alpha.organisation.id)
      .where('action', 'like', 'language_pack.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.target_id])).toEqual([
      ['language_pack.save', 'en'],
      ['language_pack.save', 'en'],
    ]);
    expect(JSON.parse(audit[1]?.details ?? '{}')).toMatchObject({ version: 2, added: 2, removed: 0 });
  });

  it('reverts to the shipped pack as a new version, and refuses a second revert', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/language-packs/en/revert',
      headers: alphaAnalyst.headers,
      payload: { note: 'Back to the shipped list', baseVersion: 2 },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().version).toMatchObject({ version: 3, changes: null });
    expect(r.json().pack.slurs.some((s: { term: string }) => s.term === 'zzslur')).toBe(false);
    expect((await termsFired(alpha)).some((x) => x.includes(NEW_TERM))).toBe(false);

    const list = await get(alpha.apiKeyHeaders, '/api/v1/language-packs');
    const en = (list.json().languages as { lang: string; override: unknown }[]).find((l) => l.lang === 'en');
    expect(en?.override).toMatchObject({ version: 3, reverted: true });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/language-packs/en/revert',
      headers: alphaAnalyst.headers,
      payload: { note: 'twice', baseVersion: 3 },
    });
    expect(again.statusCode).toBe(409);
  });

  it('lets moderators read packs but only managers save them', async () => {
    const moderator = await addMember(t, alpha.organisation, 'moderator');
    expect((await get(moderator.headers, '/api/v1/language-packs/fr')).statusCode).toBe(200);
    const refused = await save(moderator.headers, {
      changes: { hate: { add: ['abhorrently'] } },
      note: 'moderator',
      baseVersion: 3,
    });
    expect(refused.statusCode).toBe(403);
    const readOnlyKey = await save(alpha.apiKeyHeaders, { changes: {}, note: 'key', baseVersion: 3 });
    expect(readOnlyKey.statusCode).toBe(403);
  });

  it('stores versions append-only', async () => {
    const db = t.database.storage.db;
    await expect(
      db.updateTable('language_pack_versions').set({ note: 'rewritten' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('language_pack_versions').execute()).rejects.toThrow(/append-only/);
  });

  it('builds one classifier per organisation and version, not one per request', async () => {
    const db = t.database.storage.db;
    const first = await classifierFor(db, alpha.organisation.id);
    expect(await classifierFor(db, alpha.organisation.id)).toBe(first);
    const saved = await save(alphaAnalyst.headers, {
      changes: { threats: { add: ['zapzorch'] } },
      note: 'new threat verb',
      baseVersion: 3,
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const next = await classifierFor(db, alpha.organisation.id);
    expect(next).not.toBe(first);
    expect(await classifierFor(db, alpha.organisation.id)).toBe(next);
    expect(next.classify('we will zapzorch them', { lang: 'en' }).signals).toContainEqual(
      expect.objectContaining({ type: 'term', category: 'threats', term: 'zapzorch' }),
    );
    // An organisation that never edited a pack shares the process-wide built-in classifier.
    expect(await classifierFor(db, bravo.organisation.id)).toBe(
      await classifierFor(db, bravo.organisation.id),
    );
  });
});
