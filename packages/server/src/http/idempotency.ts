/**
 * `Idempotency-Key` on creates: the first request's response is stored in the same transaction as
 * its effects, and a retry with the same key and the same body gets that response again instead of
 * creating twice. The same key with a different body is refused.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Db } from '../storage/transaction.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export function readIdempotencyKey(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const value = headers[IDEMPOTENCY_HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw new AppError('validation_failed', {
      message: 'Idempotency-Key must be 1 to 255 printable ASCII characters.',
      field: `headers.${IDEMPOTENCY_HEADER}`,
    });
  }
  return value;
}

export function requestFingerprint(operationId: string, params: unknown, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([operationId, params ?? null, body ?? null]))
    .digest('hex');
}

export async function findStoredResponse(
  db: Db,
  scope: string,
  key: string,
  fingerprint: string,
): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== fingerprint) {
    throw new AppError('idempotency_key_reused', { field: `headers.${IDEMPOTENCY_HEADER}` });
  }
  return { statusCode: row.status_code, body: JSON.parse(row.response_body) as unknown };
}

/**
 * Claims the key at the start of the request's transaction. A concurrent request with the same key
 * blocks on this row (PostgreSQL) or on the write lock (SQLite) until the first commits, then fails
 * with a unique violation and is retried, finding the stored response.
 */
export async function reserveKey(
  db: Db,
  record: { scope: string; key: string; operation: string; fingerprint: string },
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      scope: record.scope,
      key: record.key,
      operation: record.operation,
      request_hash: record.fingerprint,
      status_code: 0,
      response_body: 'null',
      created_at: Date.now(),
    })
    .execute();
}

export async function storeResponse(
  db: Db,
  scope: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: response.statusCode, response_body: JSON.stringify(response.body ?? null) })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

/**
 * Stores the responses of several creates at once, for batched writes (group commit) that know
 * their responses before they commit and so need no reservation: a concurrent request with the
 * same key waits on the inserted row (PostgreSQL) or on the write lock (SQLite) until the batch
 * commits, then fails with a unique violation and is retried, finding the stored response.
 */
export async function storeResponses(
  db: Db,
  records: { scope: string; key: string; operation: string; fingerprint: string; response: StoredResponse }[],
): Promise<void> {
  if (records.length === 0) return;
  const createdAt = Date.now();
  await db
    .insertInto('idempotency_keys')
    .values(
      records.map((r) => ({
        scope: r.scope,
        key: r.key,
        operation: r.operation,
        request_hash: r.fingerprint,
        status_code: r.response.statusCode,
        response_body: JSON.stringify(r.response.body ?? null),
        created_at: createdAt,
      })),
    )
    .execute();
}

export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export async function purgeExpiredIdempotencyKeys(db: Db, now = Date.now()): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', now - IDEMPOTENCY_RETENTION_MS)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
