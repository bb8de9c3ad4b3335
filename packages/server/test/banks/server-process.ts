/** A real server process for the multi-process bank tests: configured by the environment, prints READY <url>. */
import { loadConfig, startServer } from '../../src/index.ts';

const server = await startServer(loadConfig(), { serveConsole: false, announce: () => {} });
process.stdout.write(`READY ${server.url}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
