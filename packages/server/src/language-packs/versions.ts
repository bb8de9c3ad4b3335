/**
 * Versions of an organisation's language packs: append-only rows (database triggers refuse UPDATE and
 * DELETE), numbered 1, 2, 3… per organisation and language. A save stores the full set of changes
 * against the shipped pack; a revert stores a version without changes, so the shipped pack applies
 * again and the history shows who reverted, when and why.
 */
import { randomUUID } from 'node:crypto';
import type { LanguagePack } from '@vigie/classify';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, isUniqueViolation, type Db } from '../storage/transaction.ts';
import { applyChanges, checkChanges, type PackChanges } from './changes.ts';
import { shippedPack } from './shipped.ts';
import type { LanguagePackVersionTable } from './tables.ts';

export interface PackVersion {
  lang: string;
  version: number;
  /** `null`: this version returned to the shipped pack. */
  changes: PackChanges | null;
  shippedVersion: string;
  note: string;
  createdBy: { type: string; id: string; name: string | null };
  createdAt: number;
}

export interface SaveInput {
  changes: PackChanges;
  note: string;
  /** The version the edit started from (0: the shipped pack); a newer one refuses the save. */
  baseVersion: number;
}

type VersionRow = LanguagePackVersionTable & { user_name?: string | null };

function toVersion(row: VersionRow): PackVersion {
  return {
    lang: row.lang,
    version: Number(row.version),
    changes: row.changes === null ? null : (JSON.parse(row.changes) as PackChanges),
    shippedVersion: row.shipped_version,
    note: row.note,
    createdBy: { type: row.actor_type, id: row.actor_id, name: row.user_name ?? null },
    createdAt: Number(row.created_at),
  };
}

/** The pack the organisation's classifier uses at a version: the shipped one without changes. */
export function effectivePack(shipped: LanguagePack, version: PackVersion | null): LanguagePack {
  return version?.changes ? applyChanges(shipped, version.changes, version.version) : shipped;
}

/** Versions of one language, newest first, with the name of the user who saved each. */
function versionsQuery(db: Db, orgId: string, lang: string) {
  return db
    .selectFrom('language_pack_versions as v')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'v.actor_id').onRef('u.org_id', '=', 'v.org_id'),
    )
    .selectAll('v')
    .select('u.display_name as user_name')
    .where('v.org_id', '=', orgId)
    .where('v.lang', '=', lang)
    .orderBy('v.version', 'desc');
}

export async function listVersions(db: Db, orgId: string, lang: string): Promise<PackVersion[]> {
  return (await versionsQuery(db, orgId, lang).execute()).map(toVersion);
}

export async function latestVersion(db: Db, orgId: string, lang: string): Promise<PackVersion | null> {
  const row = await versionsQuery(db, orgId, lang).limit(1).executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Latest version number per language the organisation ever edited: one indexed query. */
export async function latestVersionNumbers(db: Db, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('language_pack_versions')
    .select(['lang', (eb) => eb.fn.max('version').as('version')])
    .where('org_id', '=', orgId)
    .groupBy('lang')
    .execute();
  return new Map(rows.map((row) => [row.lang, Number(row.version)]));
}

/** The latest version of every language the organisation edited. */
export async function latestVersions(db: Db, orgId: string): Promise<PackVersion[]> {
  const rows = await db
    .selectFrom('language_pack_versions as v')
    .selectAll('v')
    .where('v.org_id', '=', orgId)
    .where(({ eb, selectFrom }) =>
      eb(
        'v.version',
        '=',
        selectFrom('language_pack_versions as w')
          .select((w) => w.fn.max('w.version').as('version'))
          .whereRef('w.org_id', '=', 'v.org_id')
          .whereRef('w.lang', '=', 'v.lang'),
      ),
    )
    .orderBy('v.lang')
    .execute();
  return rows.map(toVersion);
}

async function appendVersion(
  db: Db,
  actor: Actor,
  lang: string,
  changes: PackChanges | null,
  note: string,
  baseVersion: number,
  requestId: string | null,
): Promise<{ version: PackVersion; pack: LanguagePack }> {
  const shipped = shippedPack(lang);
  if (changes) checkChanges(shipped, changes);
  return inTransaction(db, async (trx) => {
    const latest = await latestVersion(trx, actor.orgId, lang);
    const current = latest?.version ?? 0;
    if (current !== baseVersion) {
      throw new AppError('conflict', {
        message: `Version ${current} was saved since this edit started from version ${baseVersion}; reload and edit again.`,
        field: 'body.baseVersion',
      });
    }
    if (!changes && !latest?.changes) {
      throw new AppError('conflict', {
        message: 'The shipped pack is already in use.',
        field: 'params.lang',
      });
    }
    const row: LanguagePackVersionTable = {
      id: randomUUID(),
      org_id: actor.orgId,
      lang,
      version: current + 1,
      changes: changes ? JSON.stringify(changes) : null,
      shipped_version: shipped.version,
      note,
      actor_type: actor.type,
      actor_id: actor.id,
      created_at: Date.now(),
    };
    // Applied before the insert so an invalid result is refused without writing anything.
    const pack = effectivePack(shipped, toVersion(row));
    await trx
      .insertInto('language_pack_versions')
      .values(row)
      .execute()
      .catch((error: unknown) => {
        // Two saves from the same base at once: the unique (org, lang, version) index lets one win.
        if (isUniqueViolation(error)) {
          throw new AppError('conflict', {
            message: 'Another version was saved at the same time; reload and edit again.',
            field: 'body.baseVersion',
          });
        }
        throw error;
      });
    await appendAudit(
      trx,
      actor,
      {
        action: changes ? 'language_pack.save' : 'language_pack.revert',
        targetType: 'language_pack',
        targetId: lang,
        details: { version: row.version, shippedVersion: shipped.version, note, ...countChanges(changes) },
      },
      requestId,
    );
    const saved = await latestVersion(trx, actor.orgId, lang);
    if (!saved) throw new Error(`language pack version ${row.id} vanished inside its transaction`);
    return { version: saved, pack };
  });
}

function countChanges(changes: PackChanges | null): { added: number; removed: number } {
  const lists = Object.values(changes ?? {});
  return {
    added: lists.reduce((n, change) => n + change.add.length, 0),
    removed: lists.reduce((n, change) => n + change.remove.length, 0),
  };
}

/** Saves a new version of the organisation's pack for a language: the shipped pack plus `changes`. */
export function saveVersion(
  db: Db,
  actor: Actor,
  lang: string,
  input: SaveInput,
  requestId: string | null = null,
): Promise<{ version: PackVersion; pack: LanguagePack }> {
  return appendVersion(db, actor, lang, input.changes, input.note, input.baseVersion, requestId);
}

/** Returns a language to the shipped pack, as a new version (the earlier ones stay in the history). */
export function revertToShipped(
  db: Db,
  actor: Actor,
  lang: string,
  input: Omit<SaveInput, 'changes'>,
  requestId: string | null = null,
): Promise<{ version: PackVersion; pack: LanguagePack }> {
  return appendVersion(db, actor, lang, null, input.note, input.baseVersion, requestId);
}
