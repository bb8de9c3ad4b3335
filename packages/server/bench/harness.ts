/**
 * What the server benchmarks share: a fresh, migrated database on either dialect, and a real server
 * process (server-process.ts) started against it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openStorage, type Storage } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { createPostgresDatabase } from '../test/support/database.ts';

export type Dialect = 'sqlite' | 'postgres';

const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Environment that points a server process at this database. */
  env: Record<string, string>;
  /** Open and migrated; close it before starting the server if it should not stay open. */
  storage: Storage;
  remove(): Promise<void>;
}

export async function freshDatabase(dialect: Dialect, prefix: string): Promise<FreshDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  let databaseUrl: string | undefined;
  let dropPostgres = async () => {};
  if (dialect === 'postgres') {
    const created = await createPostgresDatabase(POSTGRES);
    databaseUrl = created.url;
    dropPostgres = created.drop;
  }
  const storage = openStorage({ databaseUrl, dataDir });
  await migrateToLatest(storage.db);
  return {
    dataDir,
    databaseUrl,
    env: { VIGIE_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    storage,
    async remove() {
      await dropPostgres();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BenchServer {
  child: ChildProcess;
  url: string;
  /** Start-up time the server reported (migrations, index load, listen), in ms. */
  startMs: number;
}

export async function startBenchServer(
  env: Record<string, string>,
  options: { nodeArgs?: string[]; nice?: number | undefined } = {},
): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(import.meta.dirname, 'server-process.ts')],
    {
      env: {
        ...process.env,
        ...env,
        PORT: '0',
        HOST: '127.0.0.1',
        VIGIE_LOG_LEVEL: 'warn',
        VIGIE_JOB_CONCURRENCY: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (options.nice !== undefined) setPriority(child.pid!, options.nice);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [word, url, ms] = line.split(' ');
      if (word === 'READY')
        resolve({ child, url: url!.replace('localhost', '127.0.0.1'), startMs: Number(ms) });
    });
  });
}
