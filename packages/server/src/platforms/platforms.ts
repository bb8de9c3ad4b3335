/**
 * The platform directory: the platforms and hosts an organisation sends notices to, with their
 * reporting channels, the countries and languages they serve, and a per-platform secret that
 * authenticates the platform's callbacks (HMAC, see notices/callbacks.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, isUniqueViolation, type Db } from '../storage/transaction.ts';
import type { Channel, ChannelKind } from './channels.ts';
import type { PlatformTable } from './tables.ts';

export interface Platform {
  id: string;
  slug: string;
  name: string;
  hosts: string[];
  countries: string[];
  languages: string[];
  channels: Channel[];
  createdAt: number;
  updatedAt: number;
}

export interface PlatformInput {
  slug: string;
  name: string;
  hosts?: string[] | undefined;
  countries?: string[] | undefined;
  languages?: string[] | undefined;
  channels: Channel[];
}

const secretContext = (platformId: string) => `platform-callback-secret:${platformId}`;

export function toPlatform(row: PlatformTable): Platform {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    hosts: JSON.parse(row.hosts) as string[],
    countries: JSON.parse(row.countries) as string[],
    languages: JSON.parse(row.languages) as string[],
    channels: JSON.parse(row.channels) as Channel[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkChannels(channels: Channel[]): void {
  const kinds = new Set<ChannelKind>();
  channels.forEach((channel, index) => {
    if (kinds.has(channel.kind)) {
      throw new AppError('validation_failed', {
        message: `Only one '${channel.kind}' channel per platform.`,
        field: `body.channels.${index}.kind`,
      });
    }
    kinds.add(channel.kind);
    if (channel.kind === 'api' && !channel.statusUrl) {
      throw new AppError('validation_failed', {
        message: 'An api channel needs a statusUrl to read notice outcomes from.',
        field: `body.channels.${index}.statusUrl`,
      });
    }
  });
}

const rethrowDuplicateSlug = (error: unknown): never => {
  if (isUniqueViolation(error)) {
    throw new AppError('already_exists', {
      message: 'A platform with this slug exists.',
      field: 'body.slug',
    });
  }
  throw error;
};

/** Creates a platform; returns its callback secret, which is shown only this once. */
export async function createPlatform(
  db: Db,
  keyring: Keyring,
  actor: Actor,
  input: PlatformInput,
  requestId: string | null = null,
): Promise<{ platform: Platform; callbackSecret: string }> {
  checkChannels(input.channels);
  const now = Date.now();
  const id = randomUUID();
  const callbackSecret = randomBytes(32).toString('base64url');
  return inTransaction(db, async (trx) => {
    const sealed = await keyring.seal(trx, actor.orgId, callbackSecret, secretContext(id));
    const row: PlatformTable = {
      id,
      org_id: actor.orgId,
      slug: input.slug,
      name: input.name,
      hosts: JSON.stringify(input.hosts ?? []),
      countries: JSON.stringify(input.countries ?? []),
      languages: JSON.stringify(input.languages ?? []),
      channels: JSON.stringify(input.channels),
      callback_secret_sealed: sealed.toString('base64'),
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('platforms').values(row).execute().catch(rethrowDuplicateSlug);
    await appendAudit(
      trx,
      actor,
      { action: 'platform.create', targetType: 'platform', targetId: id, details: { slug: input.slug } },
      requestId,
    );
    return { platform: toPlatform(row), callbackSecret };
  });
}

export async function updatePlatform(
  db: Db,
  actor: Actor,
  platformId: string,
  changes: Partial<PlatformInput>,
  requestId: string | null = null,
): Promise<Platform> {
  if (changes.channels) checkChannels(changes.channels);
  return inTransaction(db, async (trx) => {
    await getPlatformRow(trx, actor.orgId, platformId);
    const set: Partial<PlatformTable> = { updated_at: Date.now() };
    if (changes.slug !== undefined) set.slug = changes.slug;
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.hosts !== undefined) set.hosts = JSON.stringify(changes.hosts);
    if (changes.countries !== undefined) set.countries = JSON.stringify(changes.countries);
    if (changes.languages !== undefined) set.languages = JSON.stringify(changes.languages);
    if (changes.channels !== undefined) set.channels = JSON.stringify(changes.channels);
    await trx
      .updateTable('platforms')
      .set(set)
      .where('org_id', '=', actor.orgId)
      .where('id', '=', platformId)
      .execute()
      .catch(rethrowDuplicateSlug);
    await appendAudit(
      trx,
      actor,
      {
        action: 'platform.update',
        targetType: 'platform',
        targetId: platformId,
        details: { fields: Object.keys(changes) },
      },
      requestId,
    );
    return toPlatform(await getPlatformRow(trx, actor.orgId, platformId));
  });
}

export async function getPlatformRow(
  db: Db,
  orgId: string,
  platformId: string,
  field = 'params.platformId',
): Promise<PlatformTable> {
  const row = await db
    .selectFrom('platforms')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', platformId)
    .executeTakeFirst();
  if (!row) throw notFound('Platform', field);
  return row;
}

export async function listPlatforms(db: Db, orgId: string): Promise<Platform[]> {
  const rows = await db
    .selectFrom('platforms')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('slug')
    .execute();
  return rows.map(toPlatform);
}

/** The platform's channel of a kind, or a typed error naming the field. */
export function channelOf(platform: Platform, kind: ChannelKind, field: string): Channel {
  const channel = platform.channels.find((c) => c.kind === kind);
  if (!channel) {
    throw new AppError('validation_failed', {
      message: `Platform '${platform.slug}' has no '${kind}' channel in the directory.`,
      field,
    });
  }
  return channel;
}

/** The platform's callback secret, for verifying a callback's signature. */
export async function callbackSecret(db: Db, keyring: Keyring, row: PlatformTable): Promise<string> {
  return keyring.openText(
    db,
    row.org_id,
    Buffer.from(row.callback_secret_sealed, 'base64'),
    secretContext(row.id),
  );
}
