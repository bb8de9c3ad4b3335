import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecryptionError, Keyring } from '../src/crypto/keyring.ts';
import { loadMasterKey } from '../src/crypto/master-key.ts';
import { createOrganisation } from '../src/identity/organisations.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

let database: TestDatabase;
let orgA: string;
let orgB: string;
beforeAll(async () => {
  database = await createTestDatabase();
  orgA = (await createOrganisation(database.storage.db, { name: 'Keys A' })).id;
  orgB = (await createOrganisation(database.storage.db, { name: 'Keys B' })).id;
});
afterAll(async () => database?.drop());

describe('envelope encryption', () => {
  it('creates an owner-only master key file once and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-key-'));
    const first = loadMasterKey({ dataDir: dir });
    expect(loadMasterKey({ dataDir: dir })).toEqual(first);
    expect(statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(() => loadMasterKey({ dataDir: dir, fromEnv: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });

  it('round-trips, binds the context, and keeps organisations apart', async () => {
    const db = database.storage.db;
    const keyring = new Keyring(randomBytes(32));
    const sealed = await keyring.seal(db, orgA, 'reporter@example.org', 'report:1:contact');
    expect(sealed.includes(Buffer.from('reporter@example.org'))).toBe(false);
    expect(await keyring.openText(db, orgA, sealed, 'report:1:contact')).toBe('reporter@example.org');
    await expect(keyring.open(db, orgA, sealed, 'report:2:contact')).rejects.toBeInstanceOf(DecryptionError);
    await expect(keyring.open(db, orgB, sealed, 'report:1:contact')).rejects.toBeInstanceOf(DecryptionError);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    await expect(keyring.open(db, orgA, flipped, 'report:1:contact')).rejects.toBeInstanceOf(DecryptionError);
  });

  it('another process with the same master key opens the data; a different master key does not', async () => {
    const db = database.storage.db;
    const master = randomBytes(32);
    const sealed = await new Keyring(master).seal(db, orgB, Buffer.from([1, 2, 3]), 'evidence:x');
    expect([...(await new Keyring(master).open(db, orgB, sealed, 'evidence:x'))]).toEqual([1, 2, 3]);
    await expect(new Keyring(randomBytes(32)).open(db, orgB, sealed, 'evidence:x')).rejects.toBeInstanceOf(
      DecryptionError,
    );
  });
});

describe('data keys created inside a transaction that rolls back', () => {
  it('are not reused: data sealed afterwards opens from what is stored', async () => {
    const db = database.storage.db;
    const org = (await createOrganisation(db, { name: 'Rollback keys' })).id;
    const master = randomBytes(32);
    const keyring = new Keyring(master);
    await expect(
      db.transaction().execute(async (trx) => {
        await keyring.seal(trx, org, 'lost with the transaction', 'x');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const sealed = await keyring.seal(db, org, 'kept', 'report:9:contact');
    // A fresh keyring (another process, or after a restart) knows only what the database stored.
    expect(await new Keyring(master).openText(db, org, sealed, 'report:9:contact')).toBe('kept');
  });
});
