import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test-support/requirements.ts';
import { appendAudit, verifyAudit } from '../src/audit/audit-log.ts';
import { systemActor } from '../src/identity/actor.ts';
import { createOrganisation } from '../src/identity/organisations.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

let database: TestDatabase;
const VIGIE = path.join(REPO_ROOT, 'packages/cli/bin/vigie.js');

function vigieAuditVerify() {
  const result = spawnSync(process.execPath, [VIGIE, 'audit', 'verify'], {
    env: { ...process.env, ...database.env, DATABASE_URL: database.env.DATABASE_URL ?? '' },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

/** Bypasses the append-only triggers, as someone with direct database access could. */
async function withoutGuards(work: () => Promise<void>) {
  const db = database.storage.db;
  if (database.dialect === 'postgres') {
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
    await work();
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
    await work();
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
      db,
    );
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
      db,
    );
  }
}

let orgId: string;
let ids: number[];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

beforeEach(async () => {
  const db = database.storage.db;
  const organisation = await createOrganisation(db, { name: `Audited ${Math.random()}` });
  orgId = organisation.id;
  for (let i = 0; i < 5; i++) {
    await appendAudit(
      db,
      systemActor(orgId, 'tester'),
      { action: 'thing.change', targetType: 'thing', targetId: `t${i}`, details: { i } },
      `req-${i}`,
    );
  }
  ids = (
    await db.selectFrom('audit_log').select('id').where('org_id', '=', orgId).orderBy('id').execute()
  ).map((r) => r.id);
});

describe('hash-chained audit log', () => {
  it('verifies an intact chain, also with vigie audit verify (exit 0)', async () => {
    const result = await verifyAudit(database.storage.db, orgId);
    expect(result).toMatchObject({ ok: true, entries: 6 });
    const cli = vigieAuditVerify();
    expect(cli.code, cli.out).toBe(0);
    expect(cli.out).toContain(`ok   organisation ${orgId}: 6 entries`);
  });

  it('the database refuses updates and deletes', async () => {
    const db = database.storage.db;
    await expect(
      db.updateTable('audit_log').set({ action: 'x' }).where('id', '=', ids[0]!).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', ids[0]!).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('detects a modified entry and names it (exit 1)', async () => {
    await withoutGuards(async () => {
      await database.storage.db
        .updateTable('audit_log')
        .set({ details: '{"i":99}' })
        .where('id', '=', ids[3]!)
        .execute();
    });
    const result = await verifyAudit(database.storage.db, orgId);
    expect(result).toMatchObject({ ok: false, firstBad: { id: ids[3], seq: 4 } });
    const cli = vigieAuditVerify();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`BAD  organisation ${orgId}: seq 4 (entry id ${ids[3]})`);
  });

  it('detects a deleted entry', async () => {
    await withoutGuards(async () => {
      await database.storage.db.deleteFrom('audit_log').where('id', '=', ids[2]!).execute();
    });
    const result = await verifyAudit(database.storage.db, orgId);
    expect(result).toMatchObject({ ok: false, firstBad: { id: ids[3], seq: 4 } });
    expect(vigieAuditVerify().code).toBe(1);
  });

  it('detects reordered entries', async () => {
    const db = database.storage.db;
    await withoutGuards(async () => {
      // Swap the contents of two entries, keeping each row's hash consistent with its own content.
      const [x, y] = await Promise.all(
        [ids[1]!, ids[2]!].map((id) =>
          db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        ),
      );
      const { id: _xId, ...xFields } = x!;
      const { id: _yId, ...yFields } = y!;
      await db
        .updateTable('audit_log')
        .set({ ...yFields, seq: -1 })
        .where('id', '=', x!.id)
        .execute();
      await db.updateTable('audit_log').set(xFields).where('id', '=', y!.id).execute();
      await db.updateTable('audit_log').set({ seq: yFields.seq }).where('id', '=', x!.id).execute();
    });
    const result = await verifyAudit(db, orgId);
    expect(result).toMatchObject({ ok: false, firstBad: { id: ids[1] } });
    expect(vigieAuditVerify().code).toBe(1);
  });

  it('detects a removed tail through the head record', async () => {
    await withoutGuards(async () => {
      await database.storage.db
        .deleteFrom('audit_log')
        .where('id', '=', ids[ids.length - 1]!)
        .execute();
    });
    const result = await verifyAudit(database.storage.db, orgId);
    expect(result).toMatchObject({ ok: false, firstBad: { id: null, seq: 6 } });
    expect(vigieAuditVerify().code).toBe(1);
  });

  it('appends from concurrent transactions keep one unbroken chain', async () => {
    const db = database.storage.db;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAudit(db, systemActor(orgId, 'racer'), {
          action: 'race',
          targetType: 'thing',
          targetId: String(i),
        }),
      ),
    );
    expect(await verifyAudit(db, orgId)).toMatchObject({ ok: true, entries: 26 });
  });
});
