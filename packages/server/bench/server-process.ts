/** A real Vigie server process for the benchmark: configured by the environment, prints READY <url>. */
import { loadConfig, startServer } from '../src/index.ts';

const started = Date.now();
const server = await startServer(loadConfig(), { serveConsole: false, announce: () => {} });
process.stdout.write(`READY ${server.url} ${Date.now() - started}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
