/**
 * Opens the database: SQLite (better-sqlite3) by default, PostgreSQL (pg) when a URL is given.
 * Both sit behind one Kysely instance so every domain module is written once.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface StorageConfig {
  /** PostgreSQL connection string; when absent, SQLite is used. */
  databaseUrl?: string | undefined;
  /** Folder holding the SQLite file (and other local data). */
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export interface Storage {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Human-readable location, never containing a password. */
  location: string;
  close(): Promise<void>;
}

// int8 (bigint) columns hold epoch milliseconds and counters, all far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

/**
 * SQLite's plain `begin` takes the write lock only at the first write, so two processes that both
 * read first can deadlock on the upgrade. `begin immediate` takes it at once; busy_timeout makes the
 * second writer wait instead of failing.
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class VigieSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateTransactionSqliteDriver(this.#config);
  }
}

/** Kysely prepares every query anew; caching prepared statements halves the cost of small queries. */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= 1000) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

export function sqliteFile(dataDir: string): string {
  return path.resolve(dataDir, 'vigie.sqlite');
}

export function openStorage(config: StorageConfig): Storage {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
    });
    // A client losing its server must not crash the process: queries in flight fail with their own
    // error (answered 503), and the pool opens new connections when the server is back.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const url = new URL(config.databaseUrl);
    url.password = '';
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      location: url.toString(),
      close: async () => {
        await pool.end().catch(() => {});
      },
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = sqliteFile(config.dataDir);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a transaction is on disk before commit returns, so an acknowledged write survives a crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new VigieSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    close: async () => {
      await db.destroy();
    },
  };
}
