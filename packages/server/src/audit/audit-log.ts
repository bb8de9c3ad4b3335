/**
 * The audit log: append-only and hash-chained per organisation.
 *
 * Each entry's hash covers its content, its sequence number and the previous entry's hash, so a
 * modified, deleted or reordered entry breaks the chain from that point on. `audit_heads` keeps the
 * last sequence number and hash of each organisation, updated in the same transaction, so truncating
 * the tail is detected too. The database refuses UPDATE and DELETE on the table (triggers); the chain
 * is what catches someone who gets past that. Publishing the head hash elsewhere (`vigie audit verify`
 * prints it) anchors the chain against wholesale rewriting.
 */
import type { Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import { inTransaction, isPostgres } from '../storage/transaction.ts';
import { ChainWalker, GENESIS_HASH, linkHash } from './hash-chain.ts';

export { GENESIS_HASH };

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  orgId: string;
  seq: number;
  at: number;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

interface HashedFields {
  org_id: string;
  seq: number;
  at: number;
  actor_type: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  request_id: string | null;
  details: string;
  prev_hash: string;
}

/** The hash of an entry: SHA-256 over a fixed-order JSON array of every stored field but `hash`. */
export function entryHash(e: HashedFields): string {
  return linkHash([
    e.org_id,
    e.seq,
    e.at,
    e.actor_type,
    e.actor_id,
    e.action,
    e.target_type,
    e.target_id,
    e.request_id,
    e.details,
    e.prev_hash,
  ]);
}

/** Appends one entry for the actor's organisation. Call inside the transaction that makes the change. */
export async function appendAudit(
  db: Db,
  actor: Actor,
  event: AuditEvent,
  requestId: string | null = null,
): Promise<AuditEntry> {
  const [entry] = await appendAuditEntries(db, [{ actor, event, requestId }]);
  return entry as AuditEntry;
}

export interface AuditRecord {
  actor: Actor;
  event: AuditEvent;
  requestId: string | null;
}

/**
 * Appends several entries, chained in the order given, with one insert per organisation (for
 * batched writes such as group-committed public intake). Returns the entries in the same order.
 */
export async function appendAuditEntries(db: Db, records: AuditRecord[]): Promise<AuditEntry[]> {
  if (records.length === 0) return [];
  return inTransaction(db, async (trx) => {
    const entries: AuditEntry[] = [];
    const orgIds = [...new Set(records.map((r) => r.actor.orgId))].sort();
    const indexOf = new Map(records.map((r, i) => [r, i]));
    // Organisations in a fixed order: two batches never wait on each other's heads crosswise.
    for (const orgId of orgIds) {
      const ofOrg = records.filter((r) => r.actor.orgId === orgId);
      // Serialises appends per organisation on PostgreSQL; SQLite transactions are already serial.
      const head = await trx
        .selectFrom('audit_heads')
        .selectAll()
        .where('org_id', '=', orgId)
        .$if(isPostgres(trx), (q) => q.forUpdate())
        .executeTakeFirst();
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const rows = ofOrg.map(({ actor, event, requestId }) => {
        const fields: HashedFields = {
          org_id: orgId,
          seq: ++seq,
          at: Date.now(),
          actor_type: actor.type,
          actor_id: actor.id,
          action: event.action,
          target_type: event.targetType,
          target_id: event.targetId,
          request_id: requestId,
          details: JSON.stringify(event.details ?? {}),
          prev_hash: prevHash,
        };
        prevHash = entryHash(fields);
        return { ...fields, hash: prevHash };
      });
      const inserted = await trx.insertInto('audit_log').values(rows).returning(['id', 'seq']).execute();
      const idOfSeq = new Map(inserted.map((r) => [r.seq, r.id]));
      if (head) {
        await trx
          .updateTable('audit_heads')
          .set({ seq, hash: prevHash })
          .where('org_id', '=', orgId)
          .execute();
      } else {
        await trx.insertInto('audit_heads').values({ org_id: orgId, seq, hash: prevHash }).execute();
      }
      ofOrg.forEach((record, i) => {
        const row = rows[i] as HashedFields & { hash: string };
        entries[indexOf.get(record) as number] = toEntry({ ...row, id: idOfSeq.get(row.seq) as number });
      });
    }
    return entries;
  });
}

function toEntry(row: HashedFields & { id: number; hash: string }): AuditEntry {
  return {
    id: row.id,
    orgId: row.org_id,
    seq: row.seq,
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    requestId: row.request_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: number | null;
}

/** Newest first; `before` is the `seq` to continue below. */
export async function listAudit(
  db: Db,
  orgId: string,
  options: { limit: number; before?: number | undefined; action?: string | undefined },
): Promise<AuditPage> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('org_id', '=', orgId)
    .$if(options.before !== undefined, (q) => q.where('seq', '<', options.before as number))
    .$if(options.action !== undefined, (q) => q.where('action', '=', options.action as string))
    .orderBy('seq', 'desc')
    .limit(options.limit + 1)
    .execute();
  const entries = rows.slice(0, options.limit).map(toEntry);
  return {
    entries,
    nextCursor: rows.length > options.limit ? (entries[entries.length - 1]?.seq ?? null) : null,
  };
}

export type AuditVerification =
  | { ok: true; orgId: string; entries: number; headHash: string }
  | {
      ok: false;
      orgId: string;
      entries: number;
      firstBad: { id: number | null; seq: number; reason: string };
    };

/**
 * Re-walks one organisation's chain in storage order (`id`). Reports the first entry whose sequence,
 * previous hash or own hash is wrong, or a head that does not match the last entry.
 */
export async function verifyAudit(db: Db, orgId: string): Promise<AuditVerification> {
  const head = await db.selectFrom('audit_heads').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  const chain = new ChainWalker();
  const batch = 5000;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batch)
      .execute();
    for (const row of rows) {
      const reason = chain.check({ seq: row.seq, prevHash: row.prev_hash, hash: row.hash }, entryHash(row));
      if (reason)
        return { ok: false, orgId, entries: chain.count, firstBad: { id: row.id, seq: row.seq, reason } };
      afterId = row.id;
    }
    if (rows.length < batch) break;
  }
  const headProblem = chain.checkHead(head);
  if (headProblem) {
    return {
      ok: false,
      orgId,
      entries: chain.count,
      firstBad: { id: null, seq: chain.count + 1, reason: headProblem },
    };
  }
  return { ok: true, orgId, entries: chain.count, headHash: chain.headHash };
}

/** Organisations that have an audit chain, for verifying everything at once. */
export async function auditedOrganisations(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_heads')
    .select('org_id')
    .union(db.selectFrom('audit_log').select('org_id'))
    .execute();
  return [...new Set(rows.map((r) => r.org_id))].sort();
}
