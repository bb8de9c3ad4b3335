/** Review queues of an organisation: name, position, routing rule and SLA. */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { isUniqueViolation, type Db } from '../storage/transaction.ts';
import type { QueueTable } from '../cases/tables.ts';
import { routingRuleSchema, type RoutingRule } from './routing.ts';

export interface Queue {
  id: string;
  name: string;
  position: number;
  rule: RoutingRule;
  slaMs: number;
  createdAt: number;
}

const HOUR = 3_600_000;

/**
 * Queues every organisation starts with: removal orders under the TCO regulation must be acted on
 * within one hour; trusted-flagger notices get priority (Art. 22), here a 24-hour target.
 */
export const defaultQueues: ReadonlyArray<Omit<Queue, 'id' | 'createdAt'>> = [
  { name: 'Removal orders', position: 0, rule: { sourceTypes: ['removal_order'] }, slaMs: HOUR },
  { name: 'Trusted flaggers', position: 10, rule: { trustedFlagger: true }, slaMs: 24 * HOUR },
  { name: 'Hash matches', position: 20, rule: { hashMatch: true }, slaMs: 24 * HOUR },
  { name: 'General', position: 100, rule: {}, slaMs: 72 * HOUR },
];

function toQueue(row: QueueTable): Queue {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    rule: routingRuleSchema.parse(JSON.parse(row.rule)),
    slaMs: Number(row.sla_ms),
    createdAt: Number(row.created_at),
  };
}

/** The organisation's queues by position (created with the organisation: `createDefaultQueues`). */
export async function listQueues(db: Db, orgId: string): Promise<Queue[]> {
  const rows = await db
    .selectFrom('queues')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('position')
    .execute();
  return rows.map(toQueue);
}

/**
 * Gives a new organisation the default queues, in the transaction that creates it: its
 * `organisation.create` audit entry lists them (identity/organisations.ts). Organisations that existed
 * before got them from migration 0011.
 */
export async function createDefaultQueues(db: Db, orgId: string, now = Date.now()): Promise<Queue[]> {
  const rows: QueueTable[] = defaultQueues.map((q) => ({
    id: randomUUID(),
    org_id: orgId,
    name: q.name,
    position: q.position,
    rule: JSON.stringify(q.rule),
    sla_ms: q.slaMs,
    created_at: now,
  }));
  await db.insertInto('queues').values(rows).execute();
  return rows.map(toQueue);
}

const ROUTING_CACHE_MS = 5_000;
const routingCache = new Map<string, { queues: Queue[]; until: number }>();

/**
 * The queues to route by. Intake routes every report, so the list is cached for a few seconds per
 * process; changes made here apply at once, changes made by another process within seconds.
 */
export async function routingQueues(db: Db, orgId: string, now = Date.now()): Promise<Queue[]> {
  const cached = routingCache.get(orgId);
  if (cached && cached.until > now) return cached.queues;
  const queues = await listQueues(db, orgId);
  routingCache.set(orgId, { queues, until: now + ROUTING_CACHE_MS });
  return queues;
}

export async function getQueue(db: Db, orgId: string, queueId: string): Promise<Queue> {
  const row = await db
    .selectFrom('queues')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', queueId)
    .executeTakeFirst();
  if (!row) throw notFound('Queue', 'params.queueId');
  return toQueue(row);
}

export interface QueueInput {
  name: string;
  position: number;
  rule: RoutingRule;
  slaMs: number;
}

export async function createQueue(
  db: Db,
  actor: Actor,
  input: QueueInput,
  requestId: string | null,
): Promise<Queue> {
  const row: QueueTable = {
    id: randomUUID(),
    org_id: actor.orgId,
    name: input.name,
    position: input.position,
    rule: JSON.stringify(input.rule),
    sla_ms: input.slaMs,
    created_at: Date.now(),
  };
  try {
    await db.insertInto('queues').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('already_exists', { message: 'A queue with this name exists.', field: 'body.name' });
    }
    throw error;
  }
  routingCache.delete(actor.orgId);
  await appendAudit(
    db,
    actor,
    { action: 'queue.create', targetType: 'queue', targetId: row.id, details: { ...input } },
    requestId,
  );
  return toQueue(row);
}

export async function updateQueue(
  db: Db,
  actor: Actor,
  queueId: string,
  changes: Partial<QueueInput>,
  requestId: string | null,
): Promise<Queue> {
  const current = await getQueue(db, actor.orgId, queueId);
  await db
    .updateTable('queues')
    .set({
      name: changes.name ?? current.name,
      position: changes.position ?? current.position,
      rule: JSON.stringify(changes.rule ?? current.rule),
      sla_ms: changes.slaMs ?? current.slaMs,
    })
    .where('org_id', '=', actor.orgId)
    .where('id', '=', queueId)
    .execute();
  routingCache.delete(actor.orgId);
  await appendAudit(
    db,
    actor,
    { action: 'queue.update', targetType: 'queue', targetId: queueId, details: { ...changes } },
    requestId,
  );
  return getQueue(db, actor.orgId, queueId);
}
