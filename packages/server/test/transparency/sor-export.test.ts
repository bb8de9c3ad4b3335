import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionFieldsSchema } from '../../src/transparency/decision-fields.ts';
import { renderTdbStatement } from '../../src/transparency/tdb-statement.ts';
import { validateTdbStatement } from '../../src/transparency/tdb-validate.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';
import { insertDecision } from './decisions.ts';
import { illegalVideoDecision, termsAccountDecision } from './fixtures.ts';

// Column headings of the TDB full export, typed from spec §1.7.
const SPEC_COLUMNS =
  'uuid, decision_visibility, decision_visibility_other, end_date_visibility_restriction, decision_monetary, ' +
  'decision_monetary_other, end_date_monetary_restriction, decision_provision, end_date_service_restriction, ' +
  'decision_account, end_date_account_restriction, account_type, decision_ground, decision_ground_reference_url, ' +
  'illegal_content_legal_ground, illegal_content_explanation, incompatible_content_ground, ' +
  'incompatible_content_explanation, incompatible_content_illegal, category, category_addition, ' +
  'category_specification, category_specification_other, content_type, content_type_other, content_language, ' +
  'content_date, content_id_ean, territorial_scope, application_date, decision_facts, source_type, ' +
  'source_identity, automated_detection, automated_decision, platform_name, platform_uid, created_at';

/** A small RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

let t: TestApp;
let org: TestOrganisation;
let other: TestOrganisation;
const ids: Record<string, string> = {};
const day = (d: string, hour = 12) => Date.parse(`${d}T${String(hour).padStart(2, '0')}:00:00Z`);

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrganisation(t, 'Exporter', ['exports:read']);
  other = await createTestOrganisation(t, 'Other', ['exports:read']);
  const db = t.database.storage.db;
  const orgId = org.organisation.id;
  ids.first = (
    await insertDecision(db, orgId, { fields: illegalVideoDecision(), decidedAt: day('2026-11-20') })
  ).decisionId;
  const withComma = { ...termsAccountDecision(), facts: 'Same ad, posted "300" times,\nin one hour.' };
  ids.second = (
    await insertDecision(db, orgId, { fields: withComma, decidedAt: day('2026-11-22', 9) })
  ).decisionId;
  // Stored before a rule existed, or written around the schema: OTHER without its text.
  const broken = {
    ...illegalVideoDecision(),
    restrictions: { visibility: { types: ['DECISION_VISIBILITY_OTHER'] } },
  };
  ids.broken = (await insertDecision(db, orgId, { fields: broken, decidedAt: day('2026-11-21') })).decisionId;
  ids.noAction = (await insertDecision(db, orgId, { fields: null, decidedAt: day('2026-11-21') })).decisionId;
  ids.foreign = (
    await insertDecision(db, other.organisation.id, {
      fields: illegalVideoDecision(),
      decidedAt: day('2026-11-20'),
    })
  ).decisionId;
});
afterAll(async () => t?.close());

const get = (url: string, headers = org.apiKeyHeaders) => t.app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/exports/sor', () => {
  it('returns one valid TDB statement per line, and counts the invalid one in a header', async () => {
    const response = await get('/api/v1/exports/sor?format=tdb-json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    expect(response.headers['x-vigie-sor-exported']).toBe('2');
    expect(response.headers['x-vigie-sor-invalid']).toBe('1');
    const lines = response.body.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const statements = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(statements.map((s) => s.puid)).toEqual([ids.first, ids.second]);
    for (const statement of statements) expect(validateTdbStatement(statement)).toEqual([]);
    expect(statements[0]).toEqual(
      renderTdbStatement(decisionFieldsSchema.parse(illegalVideoDecision()), {
        puid: ids.first!,
        decidedAt: day('2026-11-20'),
      }),
    );
    expect(statements[0]?.application_date).toBe('2026-11-20');
    expect(response.body).not.toContain(ids.foreign);
  });

  it('filters by UTC day, both ends included', async () => {
    const response = await get('/api/v1/exports/sor?format=tdb-json&from=2026-11-21&to=2026-11-22');
    expect(
      response.body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).puid),
    ).toEqual([ids.second]);
    expect(response.headers['x-vigie-sor-invalid']).toBe('1');
    const none = await get('/api/v1/exports/sor?from=2026-11-23');
    expect(none.body).toBe('');
    expect(none.headers['x-vigie-sor-exported']).toBe('0');
  });

  it('writes the CSV columns of the public TDB export, quoting what needs it', async () => {
    const response = await get('/api/v1/exports/sor?format=tdb-csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual(SPEC_COLUMNS.split(', '));
    expect(rows).toHaveLength(3);
    const header = rows[0]!;
    const second = Object.fromEntries(header.map((column, i) => [column, rows[2]![i]]));
    expect(second).toMatchObject({
      uuid: '',
      platform_uid: ids.second,
      platform_name: org.organisation.name,
      decision_facts: 'Same ad, posted "300" times,\nin one hour.',
      territorial_scope: '["BE","FR","NO"]',
      content_type: '["CONTENT_TYPE_IMAGE","CONTENT_TYPE_TEXT"]',
      automated_detection: 'Yes',
      incompatible_content_illegal: 'No',
      created_at: '2026-11-22 09:00:00',
      source_identity: '',
    });
  });

  it('lists what it left out, with the broken rules, at /exports/sor/problems', async () => {
    const response = await get('/api/v1/exports/sor/problems');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.exported).toBe(2);
    expect(body.invalid).toHaveLength(1);
    expect(body.invalid[0]).toMatchObject({ decisionId: ids.broken, puid: ids.broken });
    expect(body.invalid[0].violations).toEqual([
      expect.objectContaining({ field: 'decision_visibility_other', rule: 'required_if' }),
    ]);
  });

  it('refuses bad queries with 400 and callers without exports:read with 403', async () => {
    const bad = await get('/api/v1/exports/sor?format=xml');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const badDate = await get('/api/v1/exports/sor?from=2026-13-01');
    expect(badDate.statusCode).toBe(400);
    const reader = await createTestOrganisation(t, 'Reader', ['cases:read']);
    expect((await get('/api/v1/exports/sor', reader.apiKeyHeaders)).statusCode).toBe(403);
  });
});

describe('POST /api/v1/transparency/submissions', () => {
  it('answers 409 while the TDB is not configured, then queues every decision once', async () => {
    const manager = await createTestOrganisation(t, 'Submitter', [
      'cases:manage',
      'exports:read',
      'audit:read',
    ]);
    const db = t.database.storage.db;
    await insertDecision(db, manager.organisation.id, {
      fields: illegalVideoDecision(),
      decidedAt: day('2026-11-20'),
    });
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/transparency/submissions',
        headers: manager.apiKeyHeaders,
      });
    const saved = { url: process.env.VIGIE_TDB_API_URL, token: process.env.VIGIE_TDB_API_TOKEN };
    delete process.env.VIGIE_TDB_API_URL;
    expect((await post()).json().error.code).toBe('conflict');
    process.env.VIGIE_TDB_API_URL = 'http://127.0.0.1:9';
    process.env.VIGIE_TDB_API_TOKEN = 'token';
    try {
      const first = await post();
      expect(first.statusCode).toBe(202);
      expect(first.json()).toEqual({ queued: 1, rejected: 0, notRequired: 0, jobs: 1 });
      expect((await post()).json()).toEqual({ queued: 0, rejected: 0, notRequired: 0, jobs: 0 });
    } finally {
      if (saved.url === undefined) delete process.env.VIGIE_TDB_API_URL;
      else process.env.VIGIE_TDB_API_URL = saved.url;
      if (saved.token === undefined) delete process.env.VIGIE_TDB_API_TOKEN;
      else process.env.VIGIE_TDB_API_TOKEN = saved.token;
    }
    const listed = await get('/api/v1/transparency/submissions', manager.apiKeyHeaders);
    expect(listed.json().submissions).toEqual([expect.objectContaining({ status: 'queued', tdbUuid: null })]);
    const audit = await get('/api/v1/audit?action=transparency.tdb_scheduled', manager.apiKeyHeaders);
    expect(audit.json().entries).toHaveLength(2);
    // Another organisation's decisions were not touched.
    expect((await get('/api/v1/transparency/submissions')).json().submissions).toEqual([]);
  });
});
