import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../server/src/identity/organisations.ts';
import { validateTdbStatement } from '../../server/src/transparency/tdb-validate.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/support/database.ts';
import { insertDecision } from '../../server/test/transparency/decisions.ts';
import { illegalVideoDecision } from '../../server/test/transparency/fixtures.ts';
import { runVigie } from './support.ts';

let database: TestDatabase;
let env: NodeJS.ProcessEnv;
let outDir: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const organisation = await createOrganisation(database.storage.db, {
    name: 'Export Test',
    slug: 'export-test',
  });
  const db = database.storage.db;
  ids.good = (
    await insertDecision(db, organisation.id, {
      fields: illegalVideoDecision(),
      decidedAt: Date.parse('2026-11-20T08:00:00Z'),
    })
  ).decisionId;
  ids.bad = (
    await insertDecision(db, organisation.id, {
      fields: { ...illegalVideoDecision(), territorialScope: ['EL'] },
      decidedAt: Date.parse('2026-11-21T08:00:00Z'),
    })
  ).decisionId;
  env = { ...database.env };
  outDir = mkdtempSync(path.join(tmpdir(), 'vigie-export-'));
});
afterAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  await database?.drop();
});

describe('vigie export sor', () => {
  it('writes valid statements as NDJSON, reports the invalid one on stderr and exits 1', async () => {
    const result = await runVigie(['export', 'sor', '--format', 'tdb-json'], env);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const statement = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(statement.puid).toBe(ids.good);
    expect(validateTdbStatement(statement)).toEqual([]);
    expect(result.stderr).toContain(`invalid statement ${ids.bad}`);
    expect(result.stderr).toContain('territorialScope');
    expect(result.stderr).toContain('1 statements exported, 1 invalid');
  });

  it('exits 0 when every statement of the period validates, and writes CSV to --out', async () => {
    const file = path.join(outDir, 'sor.csv');
    const result = await runVigie(
      ['export', 'sor', '--format', 'tdb-csv', '--from', '2026-11-20', '--to', '2026-11-20', '--out', file],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const csv = readFileSync(file, 'utf8').split('\r\n');
    expect(csv[0]?.startsWith('uuid,decision_visibility,')).toBe(true);
    expect(csv[1]).toContain(ids.good);
    expect(csv).toHaveLength(3); // header, one row, and the final line end
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await runVigie(['export', 'sor'], env)).code).toBe(2);
    expect((await runVigie(['export', 'sor', '--format', 'xml'], env)).code).toBe(2);
    expect(
      (await runVigie(['export', 'sor', '--format', 'tdb-json', '--from', '2026-02-30'], env)).code,
    ).toBe(2);
    const reversed = await runVigie(
      ['export', 'sor', '--format', 'tdb-json', '--from', '2026-11-22', '--to', '2026-11-01'],
      env,
    );
    expect(reversed.code).toBe(2);
  });
});
