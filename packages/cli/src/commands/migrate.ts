import { loadConfig, migrateToLatest, openStorage } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, type Command } from '../command.ts';

export const migrate: Command = {
  path: ['migrate'],
  summary: 'Apply pending database migrations',
  help: `Usage: vigie migrate

Applies every pending migration to the database that 'vigie serve' would use (SQLite in
$VIGIE_DATA_DIR, or PostgreSQL at $DATABASE_URL). The server also does this at start-up.`,
  async run(args, io) {
    parseCommandArgs(args, {});
    const config = loadConfig(io.env);
    const storage = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const { applied } = await migrateToLatest(storage.db);
      io.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
      return EXIT.ok;
    } finally {
      await storage.close();
    }
  },
};
