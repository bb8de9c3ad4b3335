/**
 * Retention runs on schedule: a real server process (in-process `startServer`) schedules the hourly
 * maintenance job at start, which hands each organisation with expired evidence to a purge job.
 * An expired item is purged with its custody chain kept; one under legal hold and one not yet
 * expired keep their content. Nothing here calls the purge function itself.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { Keyring } from '../../src/crypto/keyring.ts';
import { loadMasterKey } from '../../src/crypto/master-key.ts';
import { custodyLog, verifyCustody } from '../../src/evidence/custody.ts';
import { getEvidence, recordEvidence, setHold } from '../../src/evidence/items.ts';
import { systemActor } from '../../src/identity/actor.ts';
import { createOrganisation } from '../../src/identity/organisations.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { insertCase } from './support.ts';

const DAY_MS = 86_400_000;

let database: TestDatabase;
let server: RunningServer | undefined;
let orgId: string;
const ids: Record<'expired' | 'held' | 'kept', string> = { expired: '', held: '', kept: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.storage.db;
  const dataDir = database.env.VIGIE_DATA_DIR;
  const vault = { keyring: new Keyring(loadMasterKey({ dataDir })), dataDir };
  orgId = (await createOrganisation(db, { name: 'Retention', slug: 'retention' })).id;
  const actor = systemActor(orgId, 'test');
  const caseId = await insertCase(db, orgId, 'VG-RETAIN-1');
  const now = Date.now();
  const retention = { expired: now - DAY_MS, held: now - DAY_MS, kept: now + 30 * DAY_MS };
  for (const name of ['expired', 'held', 'kept'] as const) {
    const [item] = await recordEvidence(
      db,
      vault,
      actor,
      {
        kind: 'upload',
        caseId,
        artefacts: [
          {
            role: 'file',
            fileName: `${name}.txt`,
            bytes: Buffer.from(`evidence that is ${name}`),
            mediaType: 'text/plain',
            sourceUrl: null,
            tool: 'test',
            toolVersion: '1',
            captureEnv: {},
          },
        ],
      },
      null,
    );
    ids[name] = item!.id;
    await setHold(db, actor, item!.id, { retentionUntil: retention[name], legalHold: name === 'held' }, null);
  }
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const blobOf = async (itemId: string) => {
  const item = await getEvidence(database.storage.db, orgId, itemId);
  return path.join(database.env.VIGIE_DATA_DIR, 'evidence', orgId, item.sha256);
};

describe('evidence retention on schedule', () => {
  it('purges expired evidence through the maintenance job, sparing legal holds', async () => {
    const blobs = {
      expired: await blobOf(ids.expired),
      held: await blobOf(ids.held),
      kept: await blobOf(ids.kept),
    };
    expect(Object.values(blobs).every((file) => existsSync(file))).toBe(true);

    server = await startServer(
      loadConfig({ ...database.env, PORT: '0', VIGIE_LOG_LEVEL: 'silent', VIGIE_JOB_CONCURRENCY: '2' }),
      { serveConsole: false, announce: () => {} },
    );
    const db = database.storage.db;
    await expect
      .poll(async () => (await getEvidence(db, orgId, ids.expired)).purgedAt, {
        timeout: 20_000,
        interval: 200,
      })
      .not.toBeNull();

    // The content is gone (deleted just after the purge commits); the metadata and the custody chain
    // stay, ending with the purge.
    await expect.poll(() => existsSync(blobs.expired), { timeout: 5_000, interval: 50 }).toBe(false);
    const purged = await getEvidence(db, orgId, ids.expired);
    const log = await custodyLog(db, orgId, [ids.expired]);
    expect(log.map((entry) => entry.action)).toEqual(['collected', 'retention_set', 'purged']);
    expect(log.at(-1)).toMatchObject({ actorType: 'system', actorId: 'evidence-retention' });
    expect(JSON.parse(log.at(-1)?.details ?? '{}')).toMatchObject({ reason: 'retention period ended' });
    const heads = new Map([[ids.expired, { seq: purged.custodyEntries, hash: purged.custodyHeadHash }]]);
    expect(verifyCustody(log, heads)).toEqual({ ok: true, entries: 3 });

    // Under legal hold, or not yet expired: untouched.
    for (const name of ['held', 'kept'] as const) {
      expect((await getEvidence(db, orgId, ids[name])).purgedAt, name).toBeNull();
      expect(existsSync(blobs[name]), name).toBe(true);
    }

    // It ran as the organisation's own job, handed over by the hourly maintenance job.
    const jobs = await db
      .selectFrom('jobs')
      .select(['kind', 'org_id', 'status'])
      .where('kind', 'in', ['maintenance.purge', 'evidence.retention_purge'])
      .execute();
    expect(jobs).toEqual(
      expect.arrayContaining([
        { kind: 'maintenance.purge', org_id: null, status: 'done' },
        { kind: 'evidence.retention_purge', org_id: orgId, status: 'done' },
      ]),
    );
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('org_id', '=', orgId)
      .where('action', '=', 'evidence.purged')
      .execute();
    expect(audit).toEqual([{ action: 'evidence.purged', target_id: ids.expired }]);
  });
});
