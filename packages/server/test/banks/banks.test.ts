/** Banks and entries through the API: create, list, update, add, search, retract, false positive, isolation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankIndexes } from '../../src/banks/bank-indexes.ts';
import {
  createTestApp,
  createTestOrganisation,
  addMember,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';
import { addEntry, api, createBank, firstBits, flipBits, randomHex } from './helpers.ts';

let t: TestApp;
let org: TestOrganisation;
let other: TestOrganisation;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrganisation(t, 'Banks', ['banks:read', 'banks:manage', 'check:submit']);
  other = await createTestOrganisation(t, 'Other', ['banks:read', 'banks:manage', 'check:submit']);
});
afterAll(async () => {
  await bankIndexes(t.database.storage.db).stop();
  await t?.close();
});

describe('banks', () => {
  it('creates, lists, gets and updates a bank; names are unique per organisation', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, {
      name: 'TERROR_PDQ',
      action: 'block',
      thresholds: { pdq: 20 },
    });
    const again = await api(t, 'POST', '/api/v1/banks', org.apiKeyHeaders, { name: 'TERROR_PDQ' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_exists', field: 'body.name' });
    // Another organisation may use the same name.
    await createBank(t, other.apiKeyHeaders, { name: 'TERROR_PDQ' });

    const listed = await api(t, 'GET', '/api/v1/banks', org.apiKeyHeaders);
    expect(listed.body.banks.map((b: { name: string }) => b.name)).toEqual(['TERROR_PDQ']);
    const got = await api(t, 'GET', `/api/v1/banks/${bank.id}`, org.apiKeyHeaders);
    expect(got.body.bank).toMatchObject({ action: 'block', thresholds: { pdq: 20, simhash: 10 } });

    const updated = await api(t, 'PATCH', `/api/v1/banks/${bank.id}`, org.apiKeyHeaders, {
      thresholds: { simhash: 3 },
      action: 'review',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.bank).toMatchObject({ action: 'review', thresholds: { pdq: 20, simhash: 3 } });

    expect((await api(t, 'GET', `/api/v1/banks/${bank.id}`, other.apiKeyHeaders)).status).toBe(404);
    expect(
      (await api(t, 'PATCH', `/api/v1/banks/${bank.id}`, other.apiKeyHeaders, { action: 'log' })).status,
    ).toBe(404);
  });

  it('refuses bad bank input with the field', async () => {
    const badName = await api(t, 'POST', '/api/v1/banks', org.apiKeyHeaders, { name: 'has space' });
    expect(badName.body.error).toMatchObject({ code: 'validation_failed', field: 'body.name' });
    const badThreshold = await api(t, 'POST', '/api/v1/banks', org.apiKeyHeaders, {
      name: 'X',
      thresholds: { pdq: 200 },
    });
    expect(badThreshold.body.error).toMatchObject({
      code: 'validation_failed',
      field: 'body.thresholds.pdq',
    });
  });

  it('needs banks:manage to change and banks:read to read', async () => {
    const moderator = await addMember(t, org.organisation, 'moderator');
    const denied = await api(t, 'POST', '/api/v1/banks', moderator.headers, { name: 'NOPE' });
    expect(denied.status).toBe(403);
    expect((await api(t, 'GET', '/api/v1/banks', moderator.headers)).status).toBe(200);
  });
});

describe('entries', () => {
  it('adds entries with provenance, refuses invalid values with the field, and finds them', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'ENTRIES' });
    const pdq = randomHex(64);
    const entry = await addEntry(t, org.apiKeyHeaders, bank.id, {
      signalType: 'pdq',
      value: pdq.toUpperCase(),
      labels: ['gifct:glorification-of-terrorist-acts', 'dsa:STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY'],
      source: 'gifct',
      sourceId: 'hsdb-123',
      evidenceRef: 'case-42',
      confidence: 0.9,
      jurisdictions: ['fr', 'DE'],
    });
    expect(entry).toMatchObject({
      value: pdq,
      labels: ['gifct:glorification-of-terrorist-acts', 'dsa:STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY'],
      provenance: {
        source: 'gifct',
        sourceId: 'hsdb-123',
        evidenceRef: 'case-42',
        addedBy: `api_key:${org.apiKeyId}`,
      },
      confidence: 0.9,
      jurisdictions: ['FR', 'DE'],
      status: 'active',
    });

    const duplicate = await api(t, 'POST', `/api/v1/banks/${bank.id}/entries`, org.apiKeyHeaders, {
      signalType: 'pdq',
      value: pdq,
    });
    expect(duplicate.body.error).toMatchObject({ code: 'already_exists', field: 'body.value' });

    for (const [signalType, value] of [
      ['pdq', 'abc'],
      ['md5', 'z'.repeat(32)],
      ['sha256', randomHex(63)],
      ['simhash', randomHex(15)],
      ['url', 'ftp://example.org/x'],
      ['text', '   '],
      ['vpdq', 'not,a,vpdq'],
    ] as const) {
      const bad = await api(t, 'POST', `/api/v1/banks/${bank.id}/entries`, org.apiKeyHeaders, {
        signalType,
        value,
      });
      expect(bad.status, `${signalType} ${value}`).toBe(400);
      expect(bad.body.error, `${signalType} ${value}`).toMatchObject({
        code: 'validation_failed',
        field: 'body.value',
      });
    }
    const badLabel = await api(t, 'POST', `/api/v1/banks/${bank.id}/entries`, org.apiKeyHeaders, {
      signalType: 'md5',
      value: randomHex(32),
      labels: ['Not A Label'],
    });
    expect(badLabel.body.error).toMatchObject({ code: 'validation_failed', field: 'body.labels.0' });
    const unknownGifct = await api(t, 'POST', `/api/v1/banks/${bank.id}/entries`, org.apiKeyHeaders, {
      signalType: 'md5',
      value: randomHex(32),
      labels: ['ideology:far-right', 'gifct:not-a-gifct-label'],
    });
    expect(unknownGifct.body.error).toMatchObject({ code: 'validation_failed', field: 'body.labels.1' });
    expect(unknownGifct.body.error.message).toContain('gifct vocabulary');

    const exact = await api(t, 'GET', `/api/v1/bank-entries?signalType=pdq&value=${pdq}`, org.apiKeyHeaders);
    expect(exact.body.results.map((r: { entry: { id: string } }) => r.entry.id)).toEqual([entry.id]);
    const near = flipBits(pdq, firstBits(12));
    const missed = await api(
      t,
      'GET',
      `/api/v1/bank-entries?signalType=pdq&value=${near}`,
      org.apiKeyHeaders,
    );
    expect(missed.body.results).toEqual([]);
    await bankIndexes(t.database.storage.db).catchUp();
    const within = await api(
      t,
      'GET',
      `/api/v1/bank-entries?signalType=pdq&value=${near}&distance=12`,
      org.apiKeyHeaders,
    );
    expect(within.body.results).toMatchObject([{ entry: { id: entry.id }, distance: 12 }]);
    const tooFar = await api(
      t,
      'GET',
      `/api/v1/bank-entries?signalType=pdq&value=${near}&distance=11`,
      org.apiKeyHeaders,
    );
    expect(tooFar.body.results).toEqual([]);
    const otherOrg = await api(
      t,
      'GET',
      `/api/v1/bank-entries?signalType=pdq&value=${pdq}`,
      other.apiKeyHeaders,
    );
    expect(otherOrg.body.results).toEqual([]);
    expect((await api(t, 'GET', `/api/v1/bank-entries/${entry.id}`, other.apiKeyHeaders)).status).toBe(404);
  });

  it('retracts and marks false positives with a reason, keeping the row', async () => {
    const bank = await createBank(t, org.apiKeyHeaders, { name: 'STATUS' });
    const a = await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'md5', value: randomHex(32) });
    const b = await addEntry(t, org.apiKeyHeaders, bank.id, { signalType: 'md5', value: randomHex(32) });
    const crossOrg = await api(t, 'POST', `/api/v1/bank-entries/${a.id}/retract`, other.apiKeyHeaders, {
      reason: 'x',
    });
    expect(crossOrg.status).toBe(404);
    const retracted = await api(t, 'POST', `/api/v1/bank-entries/${a.id}/retract`, org.apiKeyHeaders, {
      reason: 'withdrawn by GIFCT',
    });
    expect(retracted.body.entry).toMatchObject({ status: 'retracted', statusReason: 'withdrawn by GIFCT' });
    const flagged = await api(t, 'POST', `/api/v1/bank-entries/${b.id}/false-positive`, org.apiKeyHeaders, {
      reason: 'matched a logo',
    });
    expect(flagged.body.entry).toMatchObject({ status: 'false_positive', statusReason: 'matched a logo' });
    const listed = await api(t, 'GET', `/api/v1/banks/${bank.id}/entries?status=active`, org.apiKeyHeaders);
    expect(listed.body.entries).toEqual([]);
    const all = await api(t, 'GET', `/api/v1/banks/${bank.id}/entries?limit=1`, org.apiKeyHeaders);
    expect(all.body.entries).toHaveLength(1);
    const next = await api(
      t,
      'GET',
      `/api/v1/banks/${bank.id}/entries?limit=1&after=${all.body.next}`,
      org.apiKeyHeaders,
    );
    expect(next.body.entries.map((e: { id: string }) => e.id)).toEqual([b.id]);
    expect(
      (await api(t, 'POST', '/api/v1/bank-entries/not-a-number/retract', org.apiKeyHeaders, { reason: 'x' }))
        .status,
    ).toBe(404);
  });
});
