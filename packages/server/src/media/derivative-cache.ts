/**
 * Derived media (protected previews) computed once and kept encrypted beside the originals:
 * `<data dir>/derivatives/<org>/<sha256>.<name>`, where `name` carries the pipeline version so a new
 * pipeline never serves an old derivative. Sealing is passed in (`Sealer`), so this module stays free
 * of database code; the caller binds it to the organisation's key with a context naming the file, so
 * a derivative copied under another name does not open. An unreadable or undecryptable entry is
 * recomputed and replaced. Concurrent requests for one derivative in a process share one computation;
 * across processes, each may compute it once and the last rename wins (the results are identical).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Sealer {
  seal(plaintext: Buffer, context: string): Promise<Buffer>;
  open(sealed: Buffer, context: string): Promise<Buffer>;
}

export interface DerivativeKey {
  orgId: string;
  /** SHA-256 of the original content. */
  sha256: string;
  /** The derivative and its pipeline version, e.g. `protected-v1`. */
  name: string;
}

const ORG_ID = /^[A-Za-z0-9-]{1,64}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const NAME = /^[a-z0-9-]{1,40}$/;

function derivativeFile(dataDir: string, key: DerivativeKey): string {
  if (!ORG_ID.test(key.orgId) || !HEX64.test(key.sha256) || !NAME.test(key.name))
    throw new Error('invalid derivative key');
  return path.join(dataDir, 'derivatives', key.orgId, `${key.sha256}.${key.name}`);
}

const contextOf = (key: DerivativeKey) => `derivative:${key.orgId}:${key.sha256}:${key.name}`;

/** Computations under way in this process, by derivative file. */
const inFlight = new Map<string, Promise<{ bytes: Buffer; cached: boolean }>>();

/** The cached derivative, or `compute()`'s result sealed and stored for next time. */
export function cachedDerivative(
  dataDir: string,
  key: DerivativeKey,
  sealer: Sealer,
  compute: () => Promise<Buffer>,
): Promise<{ bytes: Buffer; cached: boolean }> {
  const file = derivativeFile(dataDir, key);
  const pending = inFlight.get(file);
  if (pending) return pending;
  const result = readOrCompute(file, key, sealer, compute).finally(() => inFlight.delete(file));
  inFlight.set(file, result);
  return result;
}

async function readOrCompute(
  file: string,
  key: DerivativeKey,
  sealer: Sealer,
  compute: () => Promise<Buffer>,
): Promise<{ bytes: Buffer; cached: boolean }> {
  const sealed = await readFile(file).catch(() => null);
  if (sealed) {
    const opened = await sealer.open(sealed, contextOf(key)).catch(() => null);
    if (opened) return { bytes: opened, cached: true };
  }
  const bytes = await compute();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Write then rename: a concurrent reader sees the old file, the new one or none, never half of one.
  const partial = `${file}.${randomUUID()}.part`;
  await writeFile(partial, await sealer.seal(bytes, contextOf(key)), { mode: 0o600 });
  await rename(partial, file);
  return { bytes, cached: false };
}

/**
 * Deletes every derivative of a content (purge): a preview must not outlive its original. Another
 * holder of the same bytes in the organisation only pays for recomputing its preview.
 */
export async function deleteDerivatives(dataDir: string, orgId: string, sha256: string): Promise<void> {
  const folder = path.dirname(derivativeFile(dataDir, { orgId, sha256, name: 'any' }));
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith(`${sha256}.`)).map((n) => rm(path.join(folder, n), { force: true })),
  );
}
