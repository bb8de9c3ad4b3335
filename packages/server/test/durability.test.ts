/**
 * Nothing acknowledged is lost: creates are sent while the server is killed with SIGKILL; every
 * create that was answered 201 must be in the database after the crash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../src/storage/database.ts';
import { createPostgresDatabase } from './support/database.ts';
import { startServe, stopServe } from './support/server-process.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-crash-'));
const database = process.env.DATABASE_URL
  ? await createPostgresDatabase(process.env.DATABASE_URL)
  : undefined;
const env = { VIGIE_DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}) };

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

async function json(url: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

describe('crash between write and answer', () => {
  it('keeps every acknowledged create after SIGKILL', { timeout: 180_000 }, async () => {
    const serve = await startServe(env);
    const login = await json(`${serve.url}/api/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify(serve.credentials),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const csrf = login.body.csrfToken as string;
    const headers = { cookie, 'x-csrf-token': csrf };
    const changed = await json(`${serve.url}/api/v1/auth/password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        currentPassword: serve.credentials!.password,
        newPassword: 'durability test passphrase',
      }),
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);

    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (lane: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const r = await json(`${serve.url}/api/v1/api-keys`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ name: `lane${lane}-${i}`, permissions: ['users:read'] }),
          });
          if (r.status !== 201) throw new Error(`create answered ${r.status}: ${JSON.stringify(r.body)}`);
          acknowledged.push((r.body.apiKey as { id: string }).id);
          if (acknowledged.length >= 60 && !killed) {
            killed = true;
            serve.child.kill('SIGKILL');
          }
        } catch (error) {
          if (killed) return; // connection refused or reset: the server is gone
          throw error;
        }
      }
    };
    try {
      await Promise.all([0, 1, 2, 3].map(writer));
    } finally {
      if (!killed) serve.child.kill('SIGKILL');
    }
    await stopServe(serve);

    const storage = openStorage({ databaseUrl: database?.url, dataDir });
    try {
      const stored = new Set(
        (await storage.db.selectFrom('api_keys').select('id').execute()).map((r) => r.id),
      );
      expect(acknowledged.length).toBeGreaterThanOrEqual(60);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});
