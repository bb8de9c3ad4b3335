/**
 * Evidence packs of demo data: `vigie demo seed` captures evidence for some cases, and
 * `vigie evidence export --case REF` then `vigie evidence verify` pass on such a case (and on a
 * seeded case without evidence), through the CLI as a user runs it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigie } from '../../../cli/test/support.ts';
import { createOrganisation } from '../../src/identity/organisations.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let env: NodeJS.ProcessEnv;
let out: string;
let orgId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  env = { ...database.env };
  out = mkdtempSync(path.join(tmpdir(), 'vigie-demo-pack-'));
  orgId = (await createOrganisation(database.storage.db, { name: 'Demo packs', slug: 'demo-packs' })).id;
  const seeded = await runVigie(['demo', 'seed', '--cases', '30'], env);
  expect(seeded.code, seeded.stderr).toBe(0);
  expect(seeded.stdout).toMatch(/evidence captures: [1-9]\d*;/);
}, 120_000);
afterAll(async () => {
  await database?.drop();
  rmSync(out, { recursive: true, force: true });
});

/** References of seeded cases with and without evidence. */
async function seededCases(): Promise<{ withEvidence: string[]; without: string[] }> {
  const db = database.storage.db;
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'reference'])
    .where('org_id', '=', orgId)
    .execute();
  const withItems = await db
    .selectFrom('evidence_items')
    .select('case_id')
    .distinct()
    .where('org_id', '=', orgId)
    .execute();
  const captured = new Set(withItems.map((row) => row.case_id));
  return {
    withEvidence: cases.filter((c) => captured.has(c.id)).map((c) => c.reference),
    without: cases.filter((c) => !captured.has(c.id)).map((c) => c.reference),
  };
}

describe('evidence packs of demo-seeded cases', () => {
  it('exports a seeded case with evidence by reference, and the pack verifies', async () => {
    const { withEvidence } = await seededCases();
    expect(withEvidence.length).toBeGreaterThan(0);
    const reference = withEvidence[0] as string;
    const dir = path.join(out, 'with-evidence');
    const exported = await runVigie(['evidence', 'export', '--case', reference, '--out', dir], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('2 item(s)');
    const verified = await runVigie(['evidence', 'verify', dir], env);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/^ok {3}/);

    const items = JSON.parse(readFileSync(path.join(dir, 'data/items.json'), 'utf8')) as Array<{
      role: string;
      tool: string;
      sourceUrl: string;
      payloadPath: string;
      captureEnv: { synthetic?: boolean };
    }>;
    expect(items.map((i) => i.role).sort()).toEqual(['headers', 'page']);
    expect(items.every((i) => i.tool === 'vigie-demo-seed' && i.captureEnv.synthetic === true)).toBe(true);
    // The snapshot in the pack is the page of the case's own URL.
    const page = items.find((i) => i.role === 'page');
    expect(readFileSync(path.join(dir, page?.payloadPath ?? 'missing'), 'utf8')).toContain(page?.sourceUrl);
  });

  it('exports a seeded case without evidence too, as a pack with no items that verifies', async () => {
    const { without } = await seededCases();
    const dir = path.join(out, 'without-evidence');
    const exported = await runVigie(
      ['evidence', 'export', '--case', without[0] as string, '--out', dir],
      env,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('0 item(s)');
    expect((await runVigie(['evidence', 'verify', dir], env)).code).toBe(0);
  });
});
