import { loadConfig, migrateToLatest, openStorage, type Storage } from '@vigie/server';
import type { CommandIo } from '../command.ts';

/** Opens the configured database (same environment as `vigie serve`), migrated, for one command. */
export async function withStorage<T>(io: CommandIo, work: (storage: Storage) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const storage = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(storage.db);
    return await work(storage);
  } finally {
    await storage.close();
  }
}
