/** `vigie bank import` and `vigie bank export` against a test database. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../server/src/identity/organisations.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/support/database.ts';
import { runVigie } from './support.ts';

let database: TestDatabase;
let env: NodeJS.ProcessEnv;
const folder = mkdtempSync(path.join(tmpdir(), 'vigie-bank-cli-'));
const hex = (digits: number, seed: number) =>
  Array.from({ length: digits }, (_, i) => ((i * 7 + seed * 13) % 16).toString(16)).join('');

beforeAll(async () => {
  database = await createTestDatabase();
  await createOrganisation(database.storage.db, { name: 'Bank CLI', slug: 'bank-cli' });
  env = { ...database.env };
});
afterAll(async () => database?.drop());

const entries = async () =>
  database.storage.db
    .selectFrom('bank_entries')
    .select(['signal_type', 'value', 'status'])
    .orderBy('id')
    .execute();

describe('vigie bank import / export', () => {
  it('dry-runs, refuses a file with an invalid row as a whole, then imports and exports', async () => {
    const good = [`pdq,${hex(64, 1)}`, `md5,${hex(32, 2)}`, `pdq,${hex(64, 1)}`];
    const csv = path.join(folder, 'list.csv');
    writeFileSync(csv, ['signal_type,value', ...good, 'pdq,12345'].join('\n'));

    const missingBank = await runVigie(['bank', 'import', csv, '--bank', 'CLI_BANK'], env);
    expect(missingBank.code).toBe(2);
    expect(missingBank.stderr).toContain('--create');

    const created = await runVigie(
      ['bank', 'import', csv, '--bank', 'CLI_BANK', '--create', '--dry-run'],
      env,
    );
    expect(created.code).toBe(2); // a dry run never creates the bank

    const refused = await runVigie(['bank', 'import', csv, '--bank', 'CLI_BANK', '--create'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 5: value');
    expect(await entries()).toEqual([]);

    const dry = await runVigie(['bank', 'import', csv, '--bank', 'CLI_BANK', '--dry-run'], env);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('dry run: nothing was written');
    expect(dry.stdout).toContain('accepted: 2');
    expect(dry.stdout).toContain('duplicates in the file: 1');
    expect(dry.stdout).toMatch(/line 5 value: invalid_value/);
    expect(await entries()).toEqual([]);

    const imported = await runVigie(
      ['bank', 'import', csv, '--bank', 'CLI_BANK', '--skip-invalid', '--source', 'gifct', '--json'],
      env,
    );
    expect(imported.code).toBe(1); // rows were rejected, even though the rest was imported
    expect(JSON.parse(imported.stdout)).toMatchObject({ inserted: 2, dryRun: false });
    expect(await entries()).toEqual([
      { signal_type: 'pdq', value: hex(64, 1), status: 'active' },
      { signal_type: 'md5', value: hex(32, 2), status: 'active' },
    ]);

    const out = path.join(folder, 'out.txt');
    const exported = await runVigie(
      ['bank', 'export', '--bank', 'CLI_BANK', '--format', 'hma', '--out', out],
      env,
    );
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual([
      'signal_type,signal,bank_content_id',
      `pdq,${hex(64, 1)},`,
      `video_md5,${hex(32, 2)},`,
    ]);
    const csvOut = await runVigie(['bank', 'export', '--bank', 'CLI_BANK'], env);
    const firstRow = csvOut.stdout.split('\n')[1]!;
    expect(firstRow.startsWith(`pdq,${hex(64, 1)},,gifct,,`)).toBe(true);
    expect(firstRow.endsWith(',active')).toBe(true);

    // The HMA export reads back as an HMA import (the .txt extension selects the format).
    const again = await runVigie(['bank', 'import', out, '--bank', 'CLI_COPY', '--create'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('inserted: 2');
  });

  it('refuses bad options with exit 2', async () => {
    expect((await runVigie(['bank', 'import', 'x.bin', '--bank', 'B'], env)).code).toBe(2);
    expect((await runVigie(['bank', 'import', 'x.csv', '--bank', 'B', '--format', 'xml'], env)).code).toBe(2);
    expect((await runVigie(['bank', 'export', '--bank', 'B', '--status', 'gone'], env)).code).toBe(2);
    expect((await runVigie(['bank', 'export'], env)).code).toBe(2);
  });
});
