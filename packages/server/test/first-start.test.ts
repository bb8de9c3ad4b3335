/** The README's promise: `vigie serve` on an empty data folder prints working admin credentials once. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from './support/database.ts';
import { startServe, stopServe } from './support/server-process.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-first-'));
const database = process.env.DATABASE_URL
  ? await createPostgresDatabase(process.env.DATABASE_URL)
  : undefined;
const env = { VIGIE_DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}) };

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

describe('first start', () => {
  it(
    'creates an organisation and an admin whose one-time password works, and prints it only once',
    { timeout: 180_000 },
    async () => {
      const first = await startServe(env);
      try {
        expect(first.credentials?.email).toBe('admin@vigie.local');
        const login = await fetch(`${first.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(first.credentials),
        });
        expect(login.status).toBe(200);
        expect(await login.json()).toMatchObject({ passwordChangeRequired: true, user: { role: 'admin' } });
        const ready = await fetch(`${first.url}/api/ready`);
        expect(await ready.json()).toMatchObject({
          status: 'ready',
          database: database ? 'postgres' : 'sqlite',
        });
        // The password must not be in the structured logs, only in the banner.
        const logLines = first.output.filter((l) => l.startsWith('{'));
        expect(logLines.join('\n')).not.toContain(first.credentials?.password);
      } finally {
        await stopServe(first);
      }
      const second = await startServe(env);
      try {
        expect(second.credentials).toBeUndefined();
        expect(second.output.join('\n')).not.toContain('password:');
      } finally {
        await stopServe(second);
      }
    },
  );
});
