/** `vigie demo seed` and `vigie case list` against a test database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../server/src/identity/organisations.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/support/database.ts';
import { runVigie } from './support.ts';

let database: TestDatabase;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  database = await createTestDatabase();
  await createOrganisation(database.storage.db, { name: 'Case CLI', slug: 'case-cli' });
  env = { ...database.env };
});
afterAll(async () => database?.drop());

describe('vigie demo seed / case list', () => {
  it('refuses a bad --cases', async () => {
    const result = await runVigie(['demo', 'seed', '--cases', 'many'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--cases');
  });

  it('seeds cases and lists them as JSON lines with reference, status, category and language', async () => {
    const seeded = await runVigie(['demo', 'seed', '--cases', '25'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/25 cases/);
    const listed = await runVigie(['case', 'list', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = await database.storage.db
      .selectFrom('cases')
      .select(['reference', 'status', 'category', 'language'])
      .execute();
    expect(lines).toHaveLength(rows.length);
    expect(new Set(lines.map((l) => l.reference))).toEqual(new Set(rows.map((r) => r.reference)));
    for (const line of lines) {
      const row = rows.find((r) => r.reference === line.reference);
      expect(line).toMatchObject({ status: row?.status, category: row?.category, language: row?.language });
    }
    const decided = await runVigie(['case', 'list', '--json', '--status', 'decided', '--limit', '3'], env);
    const decidedLines = decided.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { status: string });
    expect(decidedLines.length).toBeLessThanOrEqual(3);
    expect(decidedLines.every((l) => l.status === 'decided')).toBe(true);
  });
});
