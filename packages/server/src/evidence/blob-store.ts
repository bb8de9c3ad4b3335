/**
 * Content-addressed, encrypted evidence blobs: `<data dir>/evidence/<org>/<sha256>`, each sealed with
 * the organisation's data key (envelope encryption, `crypto/keyring.ts`) under the context
 * `evidence:<sha256>`, so a blob renamed to another hash does not open. Identical content stored
 * twice by one organisation is one file. Blobs are read and sealed whole in memory: items are
 * bounded by the fetch and upload limits (see the module README); streaming is for a later version.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Keyring } from '../crypto/keyring.ts';
import type { Db } from '../storage/transaction.ts';

/** What evidence code needs besides the database: the keyring and where blobs live. */
export interface Vault {
  keyring: Keyring;
  dataDir: string;
}

export class EvidenceIntegrityError extends Error {
  readonly code = 'evidence_integrity';
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const HEX64 = /^[0-9a-f]{64}$/;
const ORG_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The storage key (relative to the data dir) of an organisation's blob. */
export function storageKey(orgId: string, sha256: string): string {
  if (!ORG_ID.test(orgId) || !HEX64.test(sha256)) throw new Error('invalid evidence storage key');
  return path.posix.join('evidence', orgId, sha256);
}

const blobPath = (vault: Vault, key: string) => path.join(vault.dataDir, ...key.split('/'));

/** Seals and writes the blob unless the organisation already holds this content; returns its key. */
export async function writeBlob(
  db: Db,
  vault: Vault,
  orgId: string,
  bytes: Buffer,
): Promise<{ sha256: string; storageKey: string }> {
  const sha256 = sha256Of(bytes);
  const key = storageKey(orgId, sha256);
  const file = blobPath(vault, key);
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const sealed = await vault.keyring.seal(db, orgId, bytes, `evidence:${sha256}`);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Write then rename: a reader never sees a half-written blob.
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, sealed, { mode: 0o600 });
    await rename(temporary, file);
  }
  return { sha256, storageKey: key };
}

/** Reads, opens and re-hashes a blob: the bytes returned are exactly those that were stored. */
export async function readBlob(db: Db, vault: Vault, orgId: string, sha256: string): Promise<Buffer> {
  const key = storageKey(orgId, sha256);
  let sealed: Buffer;
  try {
    sealed = await readFile(blobPath(vault, key));
  } catch {
    throw new EvidenceIntegrityError(`the blob ${key} is missing`);
  }
  let bytes: Buffer;
  try {
    bytes = await vault.keyring.open(db, orgId, sealed, `evidence:${sha256}`);
  } catch (error) {
    throw new EvidenceIntegrityError(`the blob ${key} does not open: ${(error as Error).message}`);
  }
  if (sha256Of(bytes) !== sha256)
    throw new EvidenceIntegrityError(`the blob ${key} does not match its SHA-256`);
  return bytes;
}

export async function deleteBlob(vault: Vault, orgId: string, sha256: string): Promise<void> {
  await rm(blobPath(vault, storageKey(orgId, sha256)), { force: true });
}
