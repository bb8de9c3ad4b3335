import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoSeedResult } from '../../src/cases/demo-seed.ts';
import { systemActor } from '../../src/identity/actor.ts';
import { organisationScorecard } from '../../src/scorecards/scorecard.ts';
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

  it('captures evidence for a share of cases, each pack of which verifies', async () => {
    const db = t.database.storage.db;
    const items = await db
      .selectFrom('evidence_items')
      .select(['case_id', 'capture_id', 'role', 'tool', 'capture_env'])
      .where('org_id', '=', org.organisation.id)
      .execute();
    const captured = new Set(items.map((i) => i.case_id));
    expect(captured.size).toBe(result.evidenceCaptures);
    // A share, not all and not none: 25 % of 120 cases, give or take the draw.
    expect(result.evidenceCaptures).toBeGreaterThanOrEqual(15);
    expect(result.evidenceCaptures).toBeLessThanOrEqual(50);
    expect(new Set(items.map((i) => i.capture_id)).size).toBe(result.evidenceCaptures);
    expect(items.map((i) => i.role).sort()).toEqual([
      ...Array(result.evidenceCaptures).fill('headers'),
      ...Array(result.evidenceCaptures).fill('page'),
    ]);
    // Said to be demonstration data, and never re-checked online (the hosts are made up).
    expect(items.every((i) => i.tool === 'vigie-demo-seed')).toBe(true);
    expect(items.every((i) => (JSON.parse(i.capture_env) as { synthetic?: boolean }).synthetic)).toBe(true);
    const liveness = await db
      .selectFrom('jobs')
      .select('kind')
      .where('org_id', '=', org.organisation.id)
      .where('kind', 'in', ['evidence.liveness_check', 'notices.liveness'])
      .execute();
    expect(liveness).toEqual([]);
  });

  it('sends notices to demo platforms, some decided, some only acknowledged, some ignored', async () => {
    const db = t.database.storage.db;
    const notices = await db
      .selectFrom('notices')
      .select(['case_id', 'platform_slug', 'sent_at', 'acknowledged_at', 'decided_at', 'decision'])
      .where('org_id', '=', org.organisation.id)
      .execute();
    const { decided, acknowledged, ignored } = result.notices;
    expect(notices.length).toBe(decided + acknowledged + ignored);
    expect(Math.min(decided, acknowledged, ignored)).toBeGreaterThan(0);
    expect(notices.filter((n) => n.decided_at !== null).length).toBe(decided);
    expect(notices.filter((n) => n.acknowledged_at !== null && n.decided_at === null).length).toBe(
      acknowledged,
    );
    expect(notices.filter((n) => n.acknowledged_at === null && n.decided_at === null).length).toBe(ignored);
    expect(new Set(notices.map((n) => n.platform_slug)).size).toBeGreaterThanOrEqual(3);
    // Every notice is about a case whose page was captured first, and was sent in the past.
    const capturedCases = await db
      .selectFrom('evidence_items')
      .select('case_id')
      .distinct()
      .where('org_id', '=', org.organisation.id)
      .execute();
    const captured = new Set(capturedCases.map((c) => c.case_id));
    expect(notices.every((n) => captured.has(n.case_id))).toBe(true);
    expect(notices.every((n) => n.sent_at !== null && n.sent_at < Date.now())).toBe(true);
    // A scorecard has figures to show: a platform that answered and one that was ignored.
    const scorecard = await organisationScorecard(db, org.organisation, { asOf: Date.now() });
    expect(scorecard.overall.sent).toBe(notices.length);
    expect(scorecard.overall.acknowledgedShare).toBeGreaterThan(0);
    expect(scorecard.overall.acknowledgedShare).toBeLessThan(1);
  });
});
