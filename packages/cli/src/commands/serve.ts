import { loadConfig, startServer } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, type Command } from '../command.ts';

export const serve: Command = {
  path: ['serve'],
  summary: 'Run the service (API, console and job worker)',
  help: `Usage: vigie serve [--port N]

Starts the service on http://localhost:8080, applying migrations first. On the very first start it
creates an organisation and an admin account and prints the one-time password once.

Options:
  --port N     listen on port N (default: $PORT or 8080)

Environment: PORT, HOST, VIGIE_DATA_DIR (SQLite folder, default ./vigie-data), DATABASE_URL
(PostgreSQL instead of SQLite), VIGIE_LOG_LEVEL, VIGIE_JOB_CONCURRENCY, VIGIE_BODY_LIMIT,
VIGIE_PUBLIC_RATE_LIMIT, VIGIE_LOGIN_RATE_LIMIT, VIGIE_ORG_NAME, VIGIE_ADMIN_EMAIL.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { port: { type: 'string' } });
    const config = loadConfig(values.port ? { ...io.env, PORT: values.port } : io.env);
    const server = await startServer(config, { announce: (text) => io.stdout.write(text) });
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return EXIT.ok;
  },
};
