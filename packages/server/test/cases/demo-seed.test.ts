import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoSeedResult } from '../../src/cases/demo-seed.ts';
import { systemActor } from '../../src/identity/actor.ts';
import { collectStatementsOfReasons } from '../../src/transparency/sor-export.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';

let t: TestApp;
let org: TestOrganisation;
let result: DemoSeedResult;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrganisation(t, 'Demo', []);
  result = await seedDemo(t.database.storage.db, org.organisation.id, {
    cases: 120,
    keyring: t.keyring,
    dataDir: t.config.dataDir,
  });
}, 120_000);
afterAll(async () => t?.close());

describe('demo seed', () => {
  it('creates cases in several languages, decisions of many kinds, appeals and reversals', async () => {
    const db = t.database.storage.db;
    const cases = await db
      .selectFrom('cases')
      .select(['language', 'status'])
      .where('org_id', '=', org.organisation.id)
      .execute();
    expect(cases.length).toBe(result.cases);
    expect(result.cases).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.language)).size).toBeGreaterThanOrEqual(5);
    expect(Object.keys(result.decisions).length).toBeGreaterThanOrEqual(6);
    expect(result.appeals).toBeGreaterThan(0);
    const decisions = await db
      .selectFrom('decisions')
      .select(['action', 'superseded_by'])
      .where('org_id', '=', org.organisation.id)
      .execute();
    const decided = Object.values(result.decisions).reduce((a, b) => a + b, 0);
    expect(decisions.length).toBe(decided + result.reversals);
    expect(decisions.filter((d) => d.superseded_by !== null).length).toBe(result.reversals);
  });

  it('every statement of reasons it produced validates for the Transparency Database', async () => {
    const exported = await collectStatementsOfReasons(
      t.database.storage.db,
      systemActor(org.organisation.id),
      {},
    );
    expect(exported.invalid).toEqual([]);
    const restrictive = await t.database.storage.db
      .selectFrom('decisions')
      .select('id')
      .where('org_id', '=', org.organisation.id)
      .where('action', '!=', 'no_action')
      .execute();
    expect(exported.statements.length).toBe(restrictive.length);
  });
});
