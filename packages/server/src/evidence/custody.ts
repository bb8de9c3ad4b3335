/**
 * Chain of custody: every collection, view, export, hold change and purge of an evidence item is
 * appended to that item's own hash chain (shared link format: `audit/hash-chain.ts`). One chain per
 * item, not per organisation, so the chains of the items in an evidence pack are complete and can
 * be verified offline without the rest of the organisation's log. The item row keeps the chain's
 * head (count and last hash), so removing the newest entry is detected too.
 */
import { ChainWalker, GENESIS_HASH, linkHash } from '../audit/hash-chain.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, isPostgres, type Db } from '../storage/transaction.ts';
import type { EvidenceCustodyTable } from './tables.ts';

export type CustodyAction =
  'collected' | 'viewed' | 'exported' | 'legal_hold_set' | 'legal_hold_released' | 'retention_set' | 'purged';

/** One custody entry; `details` is kept as the exact JSON text that was hashed. */
export interface CustodyEntry {
  orgId: string;
  itemId: string;
  seq: number;
  at: number;
  actorType: string;
  actorId: string;
  action: string;
  requestId: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

export { GENESIS_HASH };

/** The link hash of a custody entry: its fields in this fixed order, `hash` excluded. */
export function custodyHash(e: Omit<CustodyEntry, 'hash'>): string {
  return linkHash([
    e.orgId,
    e.itemId,
    e.seq,
    e.at,
    e.actorType,
    e.actorId,
    e.action,
    e.requestId,
    e.details,
    e.prevHash,
  ]);
}

function toEntry(row: Omit<EvidenceCustodyTable, 'id'>): CustodyEntry {
  return {
    orgId: row.org_id,
    itemId: row.item_id,
    seq: Number(row.seq),
    at: Number(row.at),
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    requestId: row.request_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Appends one entry to the item's chain. Call inside the transaction of the change (or alone for a view). */
export async function appendCustody(
  db: Db,
  actor: Actor,
  itemId: string,
  action: CustodyAction,
  details: Record<string, unknown>,
  requestId: string | null,
): Promise<CustodyEntry> {
  return inTransaction(db, async (trx) => {
    // The item row is the chain head; locking it serialises appends to one item on PostgreSQL.
    const head = await trx
      .selectFrom('evidence_items')
      .select(['custody_seq', 'custody_hash'])
      .where('id', '=', itemId)
      .where('org_id', '=', actor.orgId)
      .$if(isPostgres(trx), (q) => q.forUpdate())
      .executeTakeFirst();
    if (!head) throw notFound('Evidence item');
    const fields: Omit<CustodyEntry, 'hash'> = {
      orgId: actor.orgId,
      itemId,
      seq: Number(head.custody_seq) + 1,
      at: Date.now(),
      actorType: actor.type,
      actorId: actor.id,
      action,
      requestId,
      details: JSON.stringify(details),
      prevHash: head.custody_hash,
    };
    const entry = { ...fields, hash: custodyHash(fields) };
    await trx
      .insertInto('evidence_custody')
      .values({
        org_id: entry.orgId,
        item_id: entry.itemId,
        seq: entry.seq,
        at: entry.at,
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        request_id: entry.requestId,
        details: entry.details,
        prev_hash: entry.prevHash,
        hash: entry.hash,
      })
      .execute();
    await trx
      .updateTable('evidence_items')
      .set({ custody_seq: entry.seq, custody_hash: entry.hash })
      .where('id', '=', itemId)
      .where('org_id', '=', actor.orgId)
      .execute();
    return entry;
  });
}

/** The custody entries of the given items (all of the organisation's when omitted), by item then sequence. */
export async function custodyLog(
  db: Db,
  orgId: string,
  itemIds?: readonly string[],
): Promise<CustodyEntry[]> {
  if (itemIds && itemIds.length === 0) return [];
  const rows = await db
    .selectFrom('evidence_custody')
    .selectAll()
    .where('org_id', '=', orgId)
    .$if(itemIds !== undefined, (q) => q.where('item_id', 'in', itemIds as string[]))
    .orderBy('item_id')
    .orderBy('seq')
    .execute();
  return rows.map(toEntry);
}

export type CustodyVerification =
  { ok: true; entries: number } | { ok: false; itemId: string; seq: number; reason: string };

/**
 * Verifies the chains of a set of items from their entries alone (offline): each item's entries in
 * order, then each item's recorded head (`heads`: entry count and last hash).
 */
export function verifyCustody(
  entries: readonly CustodyEntry[],
  heads: ReadonlyMap<string, { seq: number; hash: string }>,
): CustodyVerification {
  const walkers = new Map<string, ChainWalker>();
  for (const entry of entries) {
    if (!heads.has(entry.itemId))
      return {
        ok: false,
        itemId: entry.itemId,
        seq: entry.seq,
        reason: 'entry of an item that is not listed',
      };
    let walker = walkers.get(entry.itemId);
    if (!walker) walkers.set(entry.itemId, (walker = new ChainWalker()));
    const reason = walker.check(entry, custodyHash(entry));
    if (reason) return { ok: false, itemId: entry.itemId, seq: entry.seq, reason };
  }
  for (const [itemId, head] of heads) {
    const walker = walkers.get(itemId) ?? new ChainWalker();
    const reason = walker.checkHead(head);
    if (reason) return { ok: false, itemId, seq: walker.count + 1, reason };
  }
  return { ok: true, entries: entries.length };
}
