import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from './actor.ts';
import { systemActor } from './actor.ts';
import { inTransaction, isUniqueViolation, type Db } from '../storage/transaction.ts';
import type { OrganisationTable } from '../storage/schema.ts';
import { createDefaultQueues } from '../triage/queues.ts';

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  settings: Record<string, unknown>;
  createdAt: number;
}

export function toOrganisation(row: OrganisationTable): Organisation {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  return slug || 'organisation';
}

/** Creates an organisation; its first audit entry records who created it. */
export async function createOrganisation(
  db: Db,
  input: { name: string; slug?: string },
  createdBy = 'system',
): Promise<Organisation> {
  return inTransaction(db, async (trx) => {
    const row: OrganisationTable = {
      id: randomUUID(),
      slug: input.slug ?? slugify(input.name),
      name: input.name,
      settings: '{}',
      created_at: Date.now(),
    };
    try {
      await trx.insertInto('organisations').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('already_exists', {
          message: `Organisation slug '${row.slug}' is taken.`,
          field: 'body.slug',
        });
      }
      throw error;
    }
    const queues = await createDefaultQueues(trx, row.id);
    await appendAudit(trx, systemActor(row.id, createdBy), {
      action: 'organisation.create',
      targetType: 'organisation',
      targetId: row.id,
      details: { name: row.name, slug: row.slug, queues: queues.map((q) => ({ id: q.id, name: q.name })) },
    });
    return toOrganisation(row);
  });
}

export async function getOrganisation(db: Db, orgId: string): Promise<Organisation> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
  if (!row) throw notFound('Organisation');
  return toOrganisation(row);
}

export async function findOrganisationBySlug(db: Db, slug: string): Promise<Organisation | undefined> {
  const row = await db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toOrganisation(row) : undefined;
}

export async function updateOrganisation(
  db: Db,
  actor: Actor,
  changes: { name?: string | undefined; settings?: Record<string, unknown> | undefined },
  requestId: string | null,
): Promise<Organisation> {
  return inTransaction(db, async (trx) => {
    const current = await getOrganisation(trx, actor.orgId);
    const next = {
      name: changes.name ?? current.name,
      settings: JSON.stringify({ ...current.settings, ...(changes.settings ?? {}) }),
    };
    await trx.updateTable('organisations').set(next).where('id', '=', actor.orgId).execute();
    await appendAudit(
      trx,
      actor,
      { action: 'organisation.update', targetType: 'organisation', targetId: actor.orgId, details: changes },
      requestId,
    );
    return getOrganisation(trx, actor.orgId);
  });
}
