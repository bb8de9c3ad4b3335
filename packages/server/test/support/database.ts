/**
 * Test databases. Storage tests run on the dialect CI selects: SQLite by default, PostgreSQL when
 * DATABASE_URL is set (each test file then gets a fresh database on that server, dropped at the end).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { needs } from '../../../../test-support/requirements.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { openStorage, type Storage } from '../../src/storage/database.ts';

export interface TestDatabase {
  storage: Storage;
  /** Environment for child processes (`vigie` CLI, server processes) that must use this database. */
  env: { VIGIE_DATA_DIR: string; DATABASE_URL?: string };
  dialect: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Creates an empty database on the server of `serverUrl` and returns its URL and a dropper. */
export async function createPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vigie_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * A PostgreSQL server for tests that need one whatever the selected dialect (several processes on
 * one database, outages): DATABASE_URL's server, else the local default. Undefined (with a skip line,
 * or a failure under CI=true) when none answers.
 */
export async function postgresServer(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL ?? DEFAULT_POSTGRES;
  const ok = needs(
    'PostgreSQL',
    await canConnect(url),
    `start PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) or set DATABASE_URL`,
  );
  return ok ? url : undefined;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-test-'));
  const serverUrl = process.env.DATABASE_URL;
  let dropPostgres = async () => {};
  let databaseUrl: string | undefined;
  if (serverUrl) {
    const created = await createPostgresDatabase(serverUrl);
    databaseUrl = created.url;
    dropPostgres = created.drop;
  }
  const storage = openStorage({ databaseUrl, dataDir, poolSize: 5 });
  if (options.migrate ?? true) await migrateToLatest(storage.db);
  return {
    storage,
    dialect: storage.dialect,
    env: { VIGIE_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    async drop() {
      await storage.close();
      await dropPostgres();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
