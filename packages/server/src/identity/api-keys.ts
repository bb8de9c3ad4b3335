/**
 * API keys for machines. A key is `vk_<prefix>_<secret>`; it is shown once at creation and stored as
 * SHA-256 (the secret is 256 random bits, so a fast hash is enough). A key belongs to one
 * organisation and carries an explicit permission list.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import type { ApiKeyTable } from '../storage/schema.ts';
import { can, type Actor } from './actor.ts';
import type { Permission } from './permissions.ts';

export interface ApiKey {
  id: string;
  orgId: string;
  name: string;
  prefix: string;
  permissions: Permission[];
  createdBy: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

function toApiKey(row: ApiKeyTable): ApiKey {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    prefix: row.prefix,
    permissions: JSON.parse(row.permissions) as Permission[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function createApiKey(
  db: Db,
  actor: Actor,
  input: { name: string; permissions: Permission[] },
  requestId: string | null = null,
): Promise<{ apiKey: ApiKey; secret: string }> {
  const beyond = input.permissions.find((p) => !can(actor, p));
  if (beyond) {
    throw new AppError('forbidden', {
      message: `You cannot grant '${beyond}', which you do not have.`,
      field: 'body.permissions',
    });
  }
  const prefix = randomBytes(6).toString('hex');
  const secret = `vk_${prefix}_${randomBytes(32).toString('base64url')}`;
  const row: ApiKeyTable = {
    id: randomUUID(),
    org_id: actor.orgId,
    name: input.name,
    prefix,
    key_hash: keyHash(secret),
    permissions: JSON.stringify([...new Set(input.permissions)].sort()),
    created_by: `${actor.type}:${actor.id}`,
    created_at: Date.now(),
    revoked_at: null,
    last_used_at: null,
  };
  return inTransaction(db, async (trx) => {
    await trx.insertInto('api_keys').values(row).execute();
    await appendAudit(
      trx,
      actor,
      {
        action: 'apikey.create',
        targetType: 'api_key',
        targetId: row.id,
        details: { name: row.name, permissions: JSON.parse(row.permissions) },
      },
      requestId,
    );
    return { apiKey: toApiKey(row), secret };
  });
}

export async function listApiKeys(db: Db, orgId: string): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .execute();
  return rows.map(toApiKey);
}

export async function revokeApiKey(
  db: Db,
  actor: Actor,
  keyId: string,
  requestId: string | null,
): Promise<ApiKey> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('api_keys')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('id', '=', keyId)
      .executeTakeFirst();
    if (!row) throw notFound('API key', 'params.keyId');
    const alreadyRevoked = row.revoked_at !== null;
    forgetApiKey(keyId);
    if (!alreadyRevoked) {
      row.revoked_at = Date.now();
      await trx.updateTable('api_keys').set({ revoked_at: row.revoked_at }).where('id', '=', keyId).execute();
    }
    await appendAudit(
      trx,
      actor,
      { action: 'apikey.revoke', targetType: 'api_key', targetId: keyId, details: { alreadyRevoked } },
      requestId,
    );
    return toApiKey(row);
  });
}

// last_used_at is informational: record it at most once a minute per key to keep checks write-free.
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Resolved keys are remembered for one second, so a burst of checks (1,000 a second from one platform)
 * costs one key lookup a second instead of one per request. A revocation therefore reaches every
 * process within a second; in the revoking process at once (`forgetApiKey`).
 */
const CACHE_TTL_MS = 1000;
const CACHE_MAX_KEYS = 10_000;
const resolvedKeys = new Map<string, { actor: Extract<Actor, { type: 'api_key' }>; until: number }>();

function forgetApiKey(keyId: string): void {
  for (const [hash, cached] of resolvedKeys) if (cached.actor.id === keyId) resolvedKeys.delete(hash);
}

/** The actor behind a presented key, or undefined for an unknown or revoked key. */
export async function resolveApiKey(
  db: Db,
  presented: string,
): Promise<Extract<Actor, { type: 'api_key' }> | undefined> {
  if (!presented.startsWith('vk_')) return undefined;
  const hash = keyHash(presented);
  const now = Date.now();
  const cached = resolvedKeys.get(hash);
  if (cached && cached.until > now) return cached.actor;
  const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
  if (!row || row.revoked_at !== null) {
    resolvedKeys.delete(hash);
    return undefined;
  }
  if (row.last_used_at === null || now - row.last_used_at > LAST_USED_GRANULARITY_MS) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  const actor: Extract<Actor, { type: 'api_key' }> = {
    type: 'api_key',
    id: row.id,
    orgId: row.org_id,
    permissions: new Set(JSON.parse(row.permissions) as Permission[]),
  };
  if (resolvedKeys.size >= CACHE_MAX_KEYS) resolvedKeys.clear();
  resolvedKeys.set(hash, { actor, until: now + CACHE_TTL_MS });
  return actor;
}
