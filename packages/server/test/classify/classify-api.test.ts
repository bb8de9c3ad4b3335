import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';

let t: TestApp;
let org: TestOrganisation;
beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrganisation(t, 'Classify', ['classify:use']);
});
afterAll(async () => t?.close());

describe('POST /api/v1/classify', () => {
  it('returns one result per text, in order, with the signals that fired', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/classify',
      headers: org.apiKeyHeaders,
      payload: {
        items: [
          { id: 'a', text: 'Have a lovely day, everyone!', lang: 'en' },
          { id: 'b', text: '' },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    const { results } = r.json();
    expect(results.map((x: { id: string }) => x.id)).toEqual(['a', 'b']);
    expect(results[0]).toMatchObject({ lang: 'en', label: 'non-hateful', truncated: false });
    expect(results[0].signals.some((s: { type: string }) => s.type === 'language')).toBe(true);
    expect(results[1]).toMatchObject({ lang: 'und', lowConfidence: true });
  });

  it('truncates huge texts and says so', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/classify',
      headers: org.apiKeyHeaders,
      payload: { items: [{ text: 'word '.repeat(5000) }] },
    });
    expect(r.json().results[0].truncated).toBe(true);
  });

  it('refuses more than 100 texts and needs the classify permission', async () => {
    const tooMany = await t.app.inject({
      method: 'POST',
      url: '/api/v1/classify',
      headers: org.apiKeyHeaders,
      payload: { items: Array.from({ length: 101 }, () => ({ text: 'x' })) },
    });
    expect(tooMany.json().error).toMatchObject({ code: 'validation_failed', field: 'body.items' });
    const other = await createTestOrganisation(t, 'NoClassify', ['users:read']);
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/v1/classify',
      headers: other.apiKeyHeaders,
      payload: { items: [{ text: 'x' }] },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
