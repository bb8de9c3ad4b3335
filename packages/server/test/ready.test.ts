/**
 * When PostgreSQL becomes unreachable, /api/ready answers 503 `database_unavailable`, the process
 * keeps serving, and readiness returns when the database does. The outage is made by a TCP proxy
 * between the service and PostgreSQL that the test closes and reopens.
 */
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { operations } from '../src/api/index.ts';
import { loadConfig } from '../src/config.ts';
import { Keyring } from '../src/crypto/keyring.ts';
import { loadMasterKey } from '../src/crypto/master-key.ts';
import { buildApp } from '../src/http/app.ts';
import { openStorage } from '../src/storage/database.ts';
import { postgresServer } from './support/database.ts';
import { freePort } from './support/server-process.ts';

const serverUrl = await postgresServer();

function startProxy(port: number, target: URL): Promise<{ server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, sockets })));
}

async function stopProxy(proxy: { server: Server; sockets: Set<Socket> }) {
  for (const s of proxy.sockets) s.destroy();
  await new Promise((resolve) => proxy.server.close(resolve));
}

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe.skipIf(!serverUrl)('readiness during a database outage', () => {
  it('says 503 while PostgreSQL is unreachable and recovers when it returns', async () => {
    const target = new URL(serverUrl!);
    const port = await freePort();
    let proxy = await startProxy(port, target);
    const viaProxy = new URL(serverUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    const config = loadConfig({
      DATABASE_URL: viaProxy.toString(),
      VIGIE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'vigie-ready-')),
    });
    const storage = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    const keyring = new Keyring(loadMasterKey({ dataDir: config.dataDir }));
    const app = await buildApp(
      { db: storage.db, config, log: pino({ level: 'silent' }), keyring },
      { operations, serveConsole: false },
    );
    cleanup.push(
      () => storage.close(),
      () => app.close(),
    );

    expect((await app.inject({ url: '/api/ready' })).statusCode).toBe(200);

    await stopProxy(proxy);
    const down = await app.inject({ url: '/api/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json().error.code).toBe('database_unavailable');
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    // A request that needs the database fails cleanly rather than crashing.
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@example.org', password: 'x' },
    });
    expect(login.statusCode).toBe(503);

    proxy = await startProxy(port, target);
    cleanup.push(() => stopProxy(proxy));
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await app.inject({ url: '/api/ready' })).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
