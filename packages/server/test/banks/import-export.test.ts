/** Bank import (four formats, dry run, atomic failure) and export through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankIndexes } from '../../src/banks/bank-indexes.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';
import { addEntry, api, createBank, randomHex } from './helpers.ts';

let t: TestApp;
let org: TestOrganisation;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrganisation(t, 'Importer', ['banks:read', 'banks:manage', 'check:submit']);
});
afterAll(async () => {
  await bankIndexes(t.database.storage.db).stop();
  await t?.close();
});

const entryCount = async (bankId: string) =>
  (
    await t.database.storage.db
      .selectFrom('bank_entries')
      .select('id')
      .where('bank_id', '=', bankId)
      .execute()
  ).length;
const preview = (bankId: string, body: object) =>
  api(t, 'POST', `/api/v1/banks/${bankId}/import/preview`, org.apiKeyHeaders, body);
const importFile = (bankId: string, body: object) =>
  api(t, 'POST', `/api/v1/banks/${bankId}/import`, org.apiKeyHeaders, body);

describe('import', () => {
  it('previews a Vigie CSV: accepted, rejected with line and reason, duplicates; changes nothing', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'CSV' });
    const a = randomHex(64);
    const csv = [
      'signal_type,value,labels,source,jurisdictions,confidence',
      `pdq,${a},gifct:glorification-of-terrorist-acts;dsa:STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY,gifct,FR;DE,0.8`,
      `pdq,${a.slice(0, 60)},,,,`,
      `md5,${randomHex(32)},,,,`,
      `pdq,${a.toUpperCase()},,,,`,
      `sha1,${randomHex(40)},,,,`,
      `url,https://example.org/x,Bad Label,,,`,
      `md5,${randomHex(32)},,,,1.5`,
    ].join('\n');
    const { status, body } = await preview(bank.id, { format: 'csv', content: csv });
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ dryRun: true, accepted: 2, inserted: 2 });
    expect(body.report.rejected.map((r: { line: number; field: string }) => `${r.line}:${r.field}`)).toEqual([
      '3:value',
      '6:signal_type',
      '7:labels',
      '8:confidence',
    ]);
    expect(body.report.duplicates).toMatchObject([{ line: 5, firstLine: 2 }]);
    expect(await entryCount(bank.id)).toBe(0);
  });

  it('refuses the whole file when a row is invalid, and imports the valid rows only with skipInvalid', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'ATOMIC' });
    const lines = [
      'signal_type,value',
      ...Array.from({ length: 1200 }, () => `md5,${randomHex(32)}`),
      'md5,not-hex',
    ];
    const refused = await importFile(bank.id, { format: 'csv', content: lines.join('\n') });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', field: 'body.content' });
    expect(refused.body.error.issues[0].field).toBe('line 1202: value');
    expect(await entryCount(bank.id)).toBe(0);

    const partial = await importFile(bank.id, {
      format: 'csv',
      content: lines.join('\n'),
      skipInvalid: true,
    });
    expect(partial.status).toBe(200);
    expect(partial.body.report).toMatchObject({ dryRun: false, inserted: 1200 });
    expect(await entryCount(bank.id)).toBe(1200);

    // Re-importing the same file inserts nothing: every value is already in the bank.
    const again = await importFile(bank.id, { format: 'csv', content: lines.slice(0, -1).join('\n') });
    expect(again.body.report).toMatchObject({ inserted: 0 });
    expect(again.body.report.alreadyInBank).toHaveLength(1200);
    expect(await entryCount(bank.id)).toBe(1200);
  });

  it('imports an HMA bank file and makes its entries matchable', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'HMA' });
    const pdq = randomHex(64);
    const md5 = randomHex(32);
    const file = `pdq ${pdq}\nvideo_md5 ${md5}\n\n# comment\npdq_ocr ${randomHex(64)}\n`;
    const report = await importFile(bank.id, { format: 'hma', content: file, skipInvalid: true });
    expect(report.body.report).toMatchObject({ inserted: 2 });
    expect(report.body.report.rejected).toMatchObject([{ line: 5, field: 'signal_type' }]);
    await bankIndexes(t.database.storage.db).catchUp();
    const checked = await api(t, 'POST', '/api/v1/check', org.apiKeyHeaders, {
      hashes: { pdq: [pdq], md5: [md5] },
    });
    expect(
      checked.body.matches
        .map(
          (m: { signalType: string; provenance: { source: string } }) =>
            `${m.signalType}:${m.provenance.source}`,
        )
        .sort(),
    ).toEqual(['md5:hma', 'pdq:hma']);
  });

  it('imports a Tech Against Terrorism page: labels from ideology and file type, deleted items retract', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'TCAP' });
    const kept = randomHex(32);
    const withdrawn = randomHex(64);
    const existing = await addEntry(t, org.apiKeyHeaders, bank.id, {
      signalType: 'pdq',
      value: withdrawn,
      source: 'tcap',
    });
    const page = {
      count: 2,
      next: null,
      previous: null,
      checkpoint: '1700000000,2',
      results: [
        {
          id: 1,
          hash_digest: kept,
          algorithm: 'MD5',
          ideology: 'far-right',
          file_type: 'mp4',
          deleted: false,
        },
        { id: 2, hash_digest: withdrawn, algorithm: 'PDQ', ideology: 'islamist', deleted: true },
      ],
    };
    const { body } = await importFile(bank.id, { format: 'tat', content: JSON.stringify(page) });
    expect(body.report).toMatchObject({
      inserted: 1,
      statusChanged: [{ line: 2, entryId: existing.id, status: 'retracted' }],
    });
    const entries = await api(t, 'GET', `/api/v1/banks/${bank.id}/entries`, org.apiKeyHeaders);
    const byValue = Object.fromEntries(entries.body.entries.map((e: { value: string }) => [e.value, e]));
    expect(byValue[kept]).toMatchObject({
      status: 'active',
      labels: ['ideology:far-right', 'file_type:mp4'],
      provenance: { source: 'tcap', sourceId: '1' },
    });
    expect(byValue[withdrawn]).toMatchObject({ status: 'retracted' });
  });

  it('imports Vigie JSON and exports every format back', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'ROUNDTRIP' });
    const pdq = randomHex(64);
    const md5 = randomHex(32);
    const json = {
      entries: [
        {
          signalType: 'pdq',
          value: pdq,
          labels: ['gifct:glorification-of-terrorist-acts'],
          jurisdictions: ['FR'],
          confidence: 0.7,
          provenance: { source: 'gifct', sourceId: 'g-1' },
        },
        { signalType: 'md5', value: md5, status: 'disabled' },
        { signalType: 'url', value: 'https://www.example.org/a?utm_source=x' },
      ],
    };
    const imported = await importFile(bank.id, { format: 'json', content: JSON.stringify(json) });
    expect(imported.body.report).toMatchObject({ inserted: 3 });

    const csv = await api(t, 'GET', `/api/v1/banks/${bank.id}/export?format=csv`, org.apiKeyHeaders);
    expect(csv.body.count).toBe(3);
    const other = await createBank(t, org.apiKeyHeaders, { name: 'ROUNDTRIP2' });
    const reimported = await importFile(other.id, { format: 'csv', content: csv.body.content });
    expect(reimported.body.report).toMatchObject({ inserted: 3, rejected: [] });
    const copy = await api(t, 'GET', `/api/v1/banks/${other.id}/entries`, org.apiKeyHeaders);
    expect(
      copy.body.entries.map((e: { signalType: string; value: string; status: string; labels: string[] }) => [
        e.signalType,
        e.value,
        e.status,
        e.labels,
      ]),
    ).toEqual([
      ['pdq', pdq, 'active', ['gifct:glorification-of-terrorist-acts']],
      ['md5', md5, 'false_positive', []],
      ['url', 'https://example.org/a', 'active', []],
    ]);
    expect(copy.body.entries[0]).toMatchObject({
      jurisdictions: ['FR'],
      confidence: 0.7,
      provenance: { source: 'gifct', sourceId: 'g-1' },
    });

    const hma = await api(t, 'GET', `/api/v1/banks/${bank.id}/export?format=hma`, org.apiKeyHeaders);
    expect(hma.body.content.trim().split('\n')).toEqual([
      'signal_type,signal,bank_content_id',
      `pdq,${pdq},g-1`,
      'url,https://example.org/a,',
    ]);
    const tat = await api(t, 'GET', `/api/v1/banks/${bank.id}/export?format=tat`, org.apiKeyHeaders);
    const page = JSON.parse(tat.body.content);
    expect(
      page.results.map((r: { algorithm: string; hash_digest: string }) => `${r.algorithm}:${r.hash_digest}`),
    ).toEqual([`PDQ:${pdq}`, `MD5:${md5}`]);
  });

  it('refuses an unknown format and a bank of another organisation', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'GUARDED' });
    const badFormat = await preview(bank.id, { format: 'xml', content: 'x' });
    expect(badFormat.body.error).toMatchObject({ code: 'validation_failed', field: 'body.format' });
    const stranger = await createTestOrganisation(t, 'Stranger', ['banks:manage', 'banks:read']);
    const foreign = await api(t, 'POST', `/api/v1/banks/${bank.id}/import`, stranger.apiKeyHeaders, {
      format: 'csv',
      content: 'signal_type,value\n',
    });
    expect(foreign.status).toBe(404);
  });
});
