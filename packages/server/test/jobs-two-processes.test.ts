/**
 * Two server processes drain one PostgreSQL outbox. One is killed (SIGKILL) in the middle of a job.
 * Every job must end done, with its effect recorded exactly once: none lost, none doubled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../src/jobs/outbox.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { openStorage, type Storage } from '../src/storage/database.ts';
import { createPostgresDatabase, postgresServer } from './support/database.ts';

const serverUrl = await postgresServer();
const FIXTURE = path.join(import.meta.dirname, 'fixtures/job-server.ts');
const JOBS = 120;

let storage: Storage;
let databaseUrl: string;
let drop = async () => {};
const children: ChildProcess[] = [];

function startProcess(label: string, onStart: (jobId: string) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      VIGIE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'vigie-jobs-')),
      PORT: '0',
      VIGIE_LOG_LEVEL: 'error',
      VIGIE_JOB_CONCURRENCY: '4',
      VIGIE_JOB_LEASE_MS: '1500',
      TEST_PROCESS_LABEL: label,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${label} exited early with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY')) resolve(child);
      if (line.startsWith('START ')) onStart(line.slice(6));
    });
  });
}

describe.skipIf(!serverUrl)('jobs across two server processes on one PostgreSQL database', () => {
  beforeAll(async () => {
    const created = await createPostgresDatabase(serverUrl!);
    databaseUrl = created.url;
    drop = created.drop;
    storage = openStorage({ databaseUrl, dataDir: tmpdir() });
    await migrateToLatest(storage.db);
    await sql`create table job_effects (job_id text not null, process text not null)`.execute(storage.db);
    for (let i = 0; i < JOBS; i++) {
      await enqueueJob(storage.db, { kind: 'test.effect', payload: { delayMs: 30 + (i % 5) * 20 } });
    }
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await storage?.close();
    await drop();
  });

  it('runs every job exactly once although one process is killed mid-job', { timeout: 180_000 }, async () => {
    let startedInA = 0;
    let killedDuring: string | undefined;
    let a: ChildProcess | undefined = undefined;
    const aStarted = startProcess('A', (jobId) => {
      startedInA += 1;
      if (startedInA === 15 && a) {
        killedDuring = jobId;
        a.kill('SIGKILL');
      }
    });
    a = await aStarted;
    a.removeAllListeners('exit');
    await startProcess('B', () => {});

    const deadline = Date.now() + 120_000;
    let done = 0;
    while (Date.now() < deadline) {
      const rows = await storage.db
        .selectFrom('jobs')
        .select('status')
        .where('kind', '=', 'test.effect')
        .execute();
      done = rows.filter((r) => r.status === 'done').length;
      if (done === JOBS) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(killedDuring, 'process A was killed in the middle of a job').toBeDefined();
    expect(done).toBe(JOBS);

    const effects = await sql<{ job_id: string; n: number; processes: string }>`
      select job_id, count(*)::int as n, string_agg(process, ',') as processes from job_effects group by job_id`.execute(
      storage.db,
    );
    expect(effects.rows).toHaveLength(JOBS);
    expect(effects.rows.filter((r) => r.n !== 1)).toEqual([]);
    // The interrupted job was finished by B, after A's lease ran out.
    const interrupted = effects.rows.find((r) => r.job_id === killedDuring);
    expect(interrupted?.processes).toBe('B');
    const retried = await storage.db
      .selectFrom('jobs')
      .select('id')
      .where('id', '=', killedDuring!)
      .where('attempts', '>=', 2)
      .execute();
    expect(retried).toHaveLength(1);
    const byProcess = new Set(effects.rows.map((r) => r.processes));
    expect(byProcess).toEqual(new Set(['A', 'B']));
  });
});
